import * as path from 'path';
import { diskHost } from '../../server/common/diskHost';
import { FileHost } from '../../server/common/host';

/** Files held in memory by absolute path, falling back to the disk (for the built-in frameworks). */
export class MemoryHost implements FileHost {
  readonly files = new Map<string, string>();

  constructor(
    files: Record<string, string> = {},
    private readonly root = '/virtual',
  ) {
    for (const [name, text] of Object.entries(files)) this.set(name, text);
  }

  path(name: string): string {
    return path.resolve(this.root, name);
  }

  set(name: string, text: string): string {
    const full = this.path(name);
    this.files.set(full, text);
    return full;
  }

  readFile(filePath: string): string | undefined {
    if (this.files.has(filePath)) return this.files.get(filePath);
    return filePath.startsWith(this.root) ? undefined : diskHost.readFile(filePath);
  }

  folderRefusal(dir: string): string | undefined {
    if (!dir.startsWith(this.root)) return diskHost.folderRefusal?.(dir);
    if (this.files.has(dir)) return 'is not a folder (it is a file)';
    return [...this.files.keys()].some((file) => file.startsWith(dir + path.sep)) ? undefined : 'does not exist';
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    if (!dir.startsWith(this.root)) return diskHost.readDirectory(dir);
    const entries = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(dir + path.sep)) continue;
      const [first, ...rest] = file.slice(dir.length + 1).split(path.sep);
      entries.set(first, rest.length > 0);
    }
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}
