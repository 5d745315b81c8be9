import * as path from 'path';
import { Cancellation, throwIfCancelled } from '../common/cancellation';
import { FileHost } from '../common/host';
import { FrameworkCatalog } from '../frameworks/catalog';
import { Framework } from '../frameworks/types';
import { Declaration, RefValue, StudyFile } from './ast';
import { parseStudyFile } from './build';
import { link } from './link';
import { ImportProblem, ReferenceSite, StudyModel } from './model';

/** How a study is linked: the folders of framework files it may select by id (besides the built-in ones), and cancellation. */
export interface LinkOptions {
  frameworkFolders?: readonly string[];
  token?: Cancellation;
  /**
   * The last model of the same root, linked with the same framework folders, frameworks and
   * settings: when the root changed in one declaration only, and that declaration declares the
   * same names, its links are reused and only the declaration's own references linked again.
   */
  previous?: StudyModel;
}

/** How often a model was carried over from the previous one, and linked whole (for tests and the benchmark). */
export const linkCounts = { relinked: 0, full: 0 };

/** The fields of a model `relink` carries over; a model with others (added to `link`) is linked whole. */
const MODEL_KEYS = new Set<string>([
  'root',
  'study',
  'files',
  'declarations',
  'actors',
  'tools',
  'services',
  'touchpoints',
  'questions',
  'methods',
  'excludes',
  'ethics',
  'symbols',
  'references',
  'referenceByValue',
  'selections',
  'importProblems',
  'frameworks',
  'selectedFrameworks',
]);

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Parses a file's new text; `previous` is its last parse (the language server re-parses only the declaration an edit touched). */
export type Parse = (filePath: string, text: string, previous: StudyFile | undefined) => StudyFile;

export interface ProgramOptions {
  catalog?: FrameworkCatalog;
  parse?: Parse;
}

/**
 * The files a session knows about: parses each once per text, resolves imports and links
 * studies. The CLI makes one per run; the language server keeps one and overlays open editors
 * through its host.
 */
export class Program {
  private readonly parsed = new Map<string, StudyFile>();
  readonly catalog: FrameworkCatalog;
  private readonly parse: Parse;

  constructor(
    readonly host: FileHost,
    options: ProgramOptions = {},
  ) {
    this.catalog = options.catalog ?? new FrameworkCatalog(host);
    this.parse = options.parse ?? ((filePath, text) => parseStudyFile(filePath, text));
  }

  /** The parsed file, or undefined when it cannot be read. Re-parses only when the text changed. */
  file(filePath: string): StudyFile | undefined {
    const text = this.host.readFile(filePath);
    if (text === undefined) {
      this.parsed.delete(filePath);
      return undefined;
    }
    return this.fileFromText(filePath, text);
  }

  fileFromText(filePath: string, text: string): StudyFile {
    const cached = this.parsed.get(filePath);
    if (cached && cached.text === text) return cached;
    const file = this.parse(filePath, text, cached);
    this.parsed.set(filePath, file);
    return file;
  }

  forget(filePath: string): void {
    this.parsed.delete(filePath);
  }

  /** Links a file with everything it imports. A fragment gets a model of its own declarations. */
  model(filePath: string, options: LinkOptions = {}): StudyModel | undefined {
    const root = this.file(filePath);
    if (!root) return undefined;
    return this.modelOf(root, options);
  }

  modelOf(root: StudyFile, options: LinkOptions = {}): StudyModel {
    const { files, problems } = this.importClosure(root);
    throwIfCancelled(options.token);
    const folders = options.frameworkFolders ?? [];
    const folderFrameworks: Map<string, Framework> = folders.length > 0 ? this.catalog.fromFolders(folders) : new Map();
    const relinked = options.previous && this.relink(options.previous, root, files, problems, folderFrameworks);
    if (relinked) linkCounts.relinked++;
    else linkCounts.full++;
    return relinked || link({ root, files, importProblems: problems, catalog: this.catalog, folderFrameworks });
  }

  /** each declaration's copy without properties, which links as a name and nothing else */
  private readonly stubs = new WeakMap<Declaration, Declaration>();
  private readonly stubFiles = new WeakMap<StudyFile, StudyFile>();
  /** the declaration each stub stands for */
  private readonly stubbed = new WeakMap<Declaration, Declaration>();

  private stubOf(declaration: Declaration): Declaration {
    let stub = this.stubs.get(declaration);
    if (!stub) {
      stub = declaration.kind === 'service' ? { ...declaration, properties: [], touchpoints: declaration.touchpoints.map((t) => this.stubOf(t) as typeof t) } : { ...declaration, properties: [] };
      this.stubs.set(declaration, stub);
      this.stubbed.set(stub, declaration);
    }
    return stub;
  }

  private stubFileOf(file: StudyFile): StudyFile {
    let stub = this.stubFiles.get(file);
    if (!stub) this.stubFiles.set(file, (stub = { ...file, declarations: file.declarations.map((d) => this.stubOf(d)) }));
    return stub;
  }

  /**
   * The previous model carried over to a root that differs from its own in one top-level
   * declaration (an edit the incremental re-parse spliced in), or undefined when it differs in
   * more or the declaration's names changed. What resolves a reference is the names and kinds of
   * every declaration, in order: those stay, so every other reference resolves as before (those
   * to the edited declaration now reach its new version). The edited declaration's own references
   * and the study's are linked by `link` itself, over stubs of every other declaration.
   */
  private relink(previous: StudyModel, root: StudyFile, files: StudyFile[], importProblems: ImportProblem[], folderFrameworks: Map<string, Framework>): StudyModel | undefined {
    const before = previous.root;
    if (root.path !== before.path || root.imports !== before.imports || files.length !== previous.files.length) return undefined;
    for (let i = 1; i < files.length; i++) if (files[i] !== previous.files[i]) return undefined;
    const [study, oldStudy] = [root.study, before.study];
    if (!study !== !oldStudy) return undefined;
    if (study && oldStudy && !(sameItems(study.properties, oldStudy.properties) && sameItems(study.excludes, oldStudy.excludes) && sameItems(study.ethics, oldStudy.ethics))) return undefined;
    if (study && !sameItems(root.declarations, before.declarations)) return undefined;
    const [members, oldMembers] = study && oldStudy ? [study.declarations, oldStudy.declarations] : [root.declarations, before.declarations];
    if (members.length !== oldMembers.length) return undefined;
    // the edited declaration and its touchpoints, old → new
    const renewed = new Map<Declaration, Declaration>();
    for (let i = 0; i < members.length; i++) {
      const [now, was] = [members[i], oldMembers[i]];
      if (now === was) continue;
      if (renewed.size > 0 || now.kind !== was.kind || now.name.text !== was.name.text) return undefined;
      renewed.set(was, now);
      if (now.kind === 'service' && was.kind === 'service') {
        if (now.touchpoints.length !== was.touchpoints.length) return undefined;
        for (let t = 0; t < now.touchpoints.length; t++) {
          if (now.touchpoints[t].name.text !== was.touchpoints[t].name.text) return undefined;
          renewed.set(was.touchpoints[t], now.touchpoints[t]);
        }
      }
    }
    const edited = new Set(renewed.values());

    // the edited declaration linked whole, every other one as a name only
    const stubRoot: StudyFile = {
      ...root,
      study: study && { ...study, declarations: study.declarations.map((d) => (edited.has(d) ? d : this.stubOf(d))), excludes: [], ethics: [] },
      declarations: study ? this.stubFileOf(root).declarations : root.declarations.map((d) => (edited.has(d) ? d : this.stubOf(d))),
    };
    const linked = link({ root: stubRoot, files: [stubRoot, ...files.slice(1).map((f) => this.stubFileOf(f))], importProblems, catalog: this.catalog, folderFrameworks });
    if (!Object.keys(linked).every((key) => MODEL_KEYS.has(key))) return undefined;
    // the other references reach frameworks and constructs of the previous model: they must be the ones now
    if (linked.frameworks.size !== previous.frameworks.size || [...linked.frameworks].some(([id, framework]) => previous.frameworks.get(id) !== framework)) return undefined;

    const swap = <T extends Declaration>(d: T): T => (renewed.get(d) as T | undefined) ?? d;
    const unstub = (site: ReferenceSite): ReferenceSite => {
      const owner = site.owner === stubRoot.study && study ? study : site.owner;
      const declaration = site.declaration && this.stubbed.get(site.declaration);
      return owner === site.owner && !declaration ? site : { ...site, owner, declaration: declaration ?? site.declaration };
    };
    // in link's order (the study's, its excludes', each declaration's, the ethics block's), as the previous model has them
    const declarations = previous.declarations.map(swap);
    const former = new Map<object, object>();
    for (const [was, now] of renewed) former.set(now, was);
    if (study && oldStudy) former.set(study, oldStudy);
    const [old, fresh] = [previous.references, linked.references];
    const references: ReferenceSite[] = [];
    let [p, q] = [0, 0];
    const take = (owner: object): void => {
      const was = former.get(owner);
      if (was === undefined) {
        for (; p < old.length && old[p].owner === owner; p++) {
          const site = old[p];
          const declaration = site.declaration && renewed.get(site.declaration);
          references.push(declaration ? { ...site, declaration } : site);
        }
        return;
      }
      while (p < old.length && old[p].owner === was) p++;
      const linkedOwner = owner === study ? stubRoot.study : owner;
      while (q < fresh.length && fresh[q].owner === linkedOwner) references.push(unstub(fresh[q++]));
    };
    if (study) {
      take(study);
      for (const exclude of study.excludes) take(exclude);
    }
    for (const declaration of declarations) take(declaration);
    for (const ethics of study?.ethics ?? []) take(ethics);
    if (p !== old.length || q !== fresh.length) return undefined;
    const referenceByValue = new Map<RefValue, ReferenceSite>();
    for (const site of references) referenceByValue.set(site.value, site);

    const symbols = new Map(previous.symbols);
    for (const declaration of edited) {
      const list = symbols.get(declaration.name.text);
      if (list) symbols.set(declaration.name.text, list.map(swap));
    }
    return {
      ...linked,
      root,
      study,
      files,
      declarations,
      actors: previous.actors.map(swap),
      tools: previous.tools.map(swap),
      services: previous.services.map(swap),
      touchpoints: previous.touchpoints.map(swap),
      questions: previous.questions.map(swap),
      methods: previous.methods.map(swap),
      excludes: study?.excludes ?? [],
      ethics: study?.ethics[0],
      symbols,
      references,
      referenceByValue,
      importProblems,
    };
  }

  /**
   * The root and its transitive imports, root first (depth-first, in import order); cycles and
   * unreadable files become problems. Iterative, so an import chain of any length is fine.
   */
  importClosure(root: StudyFile): { files: StudyFile[]; problems: ImportProblem[] } {
    const files: StudyFile[] = [root];
    const problems: ImportProblem[] = [];
    const done = new Set<string>([root.path]);
    /** the chain of files being visited, and where each sits in it */
    const chain: { file: StudyFile; next: number }[] = [{ file: root, next: 0 }];
    const inChain = new Map<string, number>([[root.path, 0]]);
    while (chain.length > 0) {
      const frame = chain[chain.length - 1];
      const file = frame.file;
      if (frame.next >= file.imports.length) {
        chain.pop();
        inChain.delete(file.path);
        continue;
      }
      const decl = file.imports[frame.next++];
      if (!decl.path) continue;
      const target = path.resolve(path.dirname(file.path), decl.path.text);
      const range = decl.path.range;
      const cycleStart = inChain.get(target);
      if (cycleStart !== undefined) {
        const cycle = [...chain.slice(cycleStart).map((f) => f.file.path), target].map((p) => path.basename(p)).join(' → ');
        problems.push({ file: file.path, range, message: `Import cycle: ${cycle}` });
        continue;
      }
      if (done.has(target)) continue;
      const imported = this.file(target);
      if (!imported) {
        const refusal = this.host.refusal?.(target);
        problems.push({ file: file.path, range, message: refusal ? `'${decl.path.text}' ${refusal}` : `Cannot read '${decl.path.text}' (looked for ${target})` });
        continue;
      }
      if (imported.study) {
        problems.push({ file: file.path, range, message: `'${decl.path.text}' is a study; only fragments (files without a study) can be imported` });
        continue;
      }
      done.add(target);
      files.push(imported);
      inChain.set(target, chain.length);
      chain.push({ file: imported, next: 0 });
    }
    return { files, problems };
  }

  /** Studies among `candidates` whose imports reach `fragmentPath`. */
  importersOf(fragmentPath: string, candidates: Iterable<string>): string[] {
    const result: string[] = [];
    for (const candidate of candidates) {
      if (candidate === fragmentPath) continue;
      const file = this.file(candidate);
      if (!file?.study) continue;
      if (this.importClosure(file).files.some((f) => f.path === fragmentPath)) result.push(candidate);
    }
    return result;
  }
}
