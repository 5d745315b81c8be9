import * as path from 'path';
import { FileHost } from '../common/host';
import { FrameworkCatalog } from '../frameworks/catalog';
import { Framework } from '../frameworks/types';
import { StudyFile } from './ast';
import { parseStudyFile } from './build';
import { link } from './link';
import { ImportProblem, StudyModel } from './model';

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function throwIfCancelled(token: Cancellation | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

/**
 * The files a session knows about: parses each once per text, resolves imports and links
 * studies. The CLI makes one per run; the language server keeps one and overlays open editors
 * through its host.
 */
export class Program {
  private readonly parsed = new Map<string, StudyFile>();
  /** the framework folders each model was linked with, so a caller can tell when a configuration changed them */
  private readonly linkedFolders = new WeakMap<StudyModel, readonly string[]>();
  readonly catalog: FrameworkCatalog;

  constructor(readonly host: FileHost, catalog?: FrameworkCatalog, private frameworkFolders: string[] = []) {
    this.catalog = catalog ?? new FrameworkCatalog(host);
  }

  setFrameworkFolders(folders: string[]): void {
    this.frameworkFolders = folders;
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

  /**
   * Parses a file's new text; `previous` is its last parse. The language server puts an
   * incremental reparse here.
   */
  parse: (filePath: string, text: string, previous: StudyFile | undefined) => StudyFile = (filePath, text) => parseStudyFile(filePath, text);

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
  model(filePath: string, token?: Cancellation): StudyModel | undefined {
    const root = this.file(filePath);
    if (!root) return undefined;
    return this.modelOf(root, token);
  }

  modelOf(root: StudyFile, token?: Cancellation): StudyModel {
    const { files, problems } = this.importClosure(root);
    throwIfCancelled(token);
    const folderFrameworks: Map<string, Framework> = this.frameworkFolders.length > 0 ? this.catalog.fromFolders(this.frameworkFolders) : new Map();
    const model = link({ root, files, importProblems: problems, catalog: this.catalog, folderFrameworks });
    this.linkedFolders.set(model, this.frameworkFolders);
    return model;
  }

  /** The framework folders `model` was linked with (undefined for a model this program did not make). */
  frameworkFoldersOf(model: StudyModel): readonly string[] | undefined {
    return this.linkedFolders.get(model);
  }

  /** The root and its transitive imports, root first; cycles and unreadable files become problems. */
  importClosure(root: StudyFile): { files: StudyFile[]; problems: ImportProblem[] } {
    const files: StudyFile[] = [root];
    const problems: ImportProblem[] = [];
    const done = new Set<string>([root.path]);
    const stack: string[] = [root.path];
    const visit = (file: StudyFile): void => {
      for (const decl of file.imports) {
        if (!decl.path) continue;
        const target = path.resolve(path.dirname(file.path), decl.path.text);
        const range = decl.path.range;
        const cycleStart = stack.indexOf(target);
        if (cycleStart !== -1) {
          const cycle = [...stack.slice(cycleStart), target].map((p) => path.basename(p)).join(' → ');
          problems.push({ file: file.path, range, message: `Import cycle: ${cycle}` });
          continue;
        }
        if (done.has(target)) continue;
        if (target === file.path) continue;
        const imported = this.file(target);
        if (!imported) {
          problems.push({ file: file.path, range, message: `Cannot read '${decl.path.text}' (looked for ${target})` });
          continue;
        }
        if (imported.study) {
          problems.push({ file: file.path, range, message: `'${decl.path.text}' is a study; only fragments (files without a study) can be imported` });
          continue;
        }
        done.add(target);
        files.push(imported);
        stack.push(target);
        visit(imported);
        stack.pop();
      }
    };
    visit(root);
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
