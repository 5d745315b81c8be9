import * as path from 'path';
import { FileHost } from '../common/host';
import { builtinFrameworksDir, FrameworkLoad, parseFramework } from './load';
import { Framework } from './types';

/** A framework file found in one of the framework folders. */
export interface FolderFile {
  folder: string;
  file: string;
  load: FrameworkLoad;
  /** the framework selected by this file's id instead of it: a built-in, or an earlier file of the folders */
  hiddenBy?: Framework;
}

/** Built-in frameworks, loaded once, plus users' files, re-read when their text changes. */
export class FrameworkCatalog {
  private builtinCache: Map<string, Framework> | undefined;
  private builtinProblems: FrameworkLoad[] = [];
  private readonly fileCache = new Map<string, { text: string; load: FrameworkLoad }>();

  constructor(
    private readonly host: FileHost,
    private readonly builtinDir: string = builtinFrameworksDir(),
  ) {}

  builtins(): Map<string, Framework> {
    if (!this.builtinCache) {
      this.builtinCache = new Map();
      const names = this.host
        .readDirectory(this.builtinDir)
        .filter((entry) => !entry.isDirectory && entry.name.endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
      for (const name of names) {
        const file = path.join(this.builtinDir, name);
        const text = this.host.readFile(file);
        if (text === undefined) continue;
        const load = parseFramework(file, text, true);
        if (load.status === 'ok') this.builtinCache.set(load.framework.id, load.framework);
        else this.builtinProblems.push(load);
      }
    }
    return this.builtinCache;
  }

  /** Built-in files that failed to load: a packaging fault, surfaced by the tests. */
  get brokenBuiltins(): FrameworkLoad[] {
    this.builtins();
    return this.builtinProblems;
  }

  /** A user's framework file, by absolute path. */
  load(file: string): FrameworkLoad {
    const text = this.host.readFile(file);
    if (text === undefined) {
      this.fileCache.delete(file);
      const refusal = this.host.refusal?.(file);
      if (refusal) return { status: 'invalid', file, problems: [], refusal };
      return { status: 'missing', file, reason: `cannot read ${file}` };
    }
    const cached = this.fileCache.get(file);
    if (cached && cached.text === text) return cached.load;
    const load = parseFramework(file, text, false);
    this.fileCache.set(file, { text, load });
    return load;
  }

  /** Frameworks found in extra folders (settings or .studyspec.json), selectable by id. */
  fromFolders(folders: readonly string[]): Map<string, Framework> {
    return this.scanFolders(folders).frameworks;
  }

  /**
   * Every framework file in the folders, in folder order and then by name, and the frameworks
   * selectable by id: a built-in id names the built-in, and of files with one id the first wins.
   */
  scanFolders(folders: readonly string[]): { frameworks: Map<string, Framework>; files: FolderFile[] } {
    const builtins = this.builtins();
    const frameworks = new Map<string, Framework>();
    const files: FolderFile[] = [];
    for (const folder of folders) {
      const names = this.host
        .readDirectory(folder)
        .filter((entry) => !entry.isDirectory && entry.name.endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
      for (const name of names) {
        const file = path.join(folder, name);
        const load = this.load(file);
        const found: FolderFile = { folder, file, load };
        if (load.status === 'ok') {
          const id = load.framework.id;
          found.hiddenBy = builtins.get(id) ?? frameworks.get(id);
          if (!found.hiddenBy) frameworks.set(id, load.framework);
        }
        files.push(found);
      }
    }
    return { frameworks, files };
  }

  /** Forgets a user file, e.g. after the editor reports it changed on disk. */
  invalidate(file: string): void {
    this.fileCache.delete(file);
  }
}
