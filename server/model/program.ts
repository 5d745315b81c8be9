import * as path from 'path';
import { Cancellation, throwIfCancelled } from '../common/cancellation';
import { FileHost } from '../common/host';
import { FrameworkCatalog } from '../frameworks/catalog';
import { Framework } from '../frameworks/types';
import { StudyFile } from './ast';
import { parseStudyFile } from './build';
import { link } from './link';
import { ImportProblem, StudyModel } from './model';

/** How a study is linked: the folders of framework files it may select by id (besides the built-in ones), and cancellation. */
export interface LinkOptions {
  frameworkFolders?: readonly string[];
  token?: Cancellation;
}

/**
 * Parses a file's new text; `previous` is its last parse (the language server re-parses only the
 * declaration an edit touched, and moves the rest of `previous` in place: it is not used again).
 */
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
    return link({ root, files, importProblems: problems, catalog: this.catalog, folderFrameworks });
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
