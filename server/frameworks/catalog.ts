import * as path from 'path';
import { FileHost } from '../common/host';
import { builtinFrameworksDir, FrameworkLoad, parseFramework } from './load';
import { Framework } from './types';

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
    const result = new Map<string, Framework>();
    for (const folder of folders) {
      for (const entry of this.host.readDirectory(folder)) {
        if (entry.isDirectory || !entry.name.endsWith('.json')) continue;
        const load = this.load(path.join(folder, entry.name));
        if (load.status === 'ok' && !result.has(load.framework.id)) result.set(load.framework.id, load.framework);
      }
    }
    return result;
  }

  /** Forgets a user file, e.g. after the editor reports it changed on disk. */
  invalidate(file: string): void {
    this.fileCache.delete(file);
  }
}
