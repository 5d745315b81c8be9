import * as fs from 'fs';
import { fileRefusal, folderRefusal, readRegularFile } from '../common/diskHost';
import { FileHost } from '../common/host';

/** The text of an open editor document. */
export interface OpenDocument {
  getText(): string;
  readonly version: number;
}

interface DiskEntry {
  mtimeMs: number;
  size: number;
  text: string;
}

/** The file's status; undefined when it is missing or cannot be read. */
function statOrUndefined(filePath: string): fs.Stats | undefined {
  try {
    return fs.statSync(filePath, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function isMissing(filePath: string): boolean {
  try {
    return fs.statSync(filePath, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/**
 * Reads open editor documents first and the disk otherwise. Disk reads are cached and checked
 * against the file's mtime and size, so an unchanged file costs one stat and keeps its string
 * identity (the Program then skips re-parsing it), even when the client sends no file events.
 */
export class OverlayHost implements FileHost {
  private readonly disk = new Map<string, DiskEntry>();

  constructor(private readonly openDocument: (filePath: string) => OpenDocument | undefined) {}

  readFile(filePath: string): string | undefined {
    const open = this.openDocument(filePath);
    if (open) return open.getText();
    return this.readDisk(filePath);
  }

  readDisk(filePath: string): string | undefined {
    // without an exception for a missing file: the configuration is looked for in every folder up to the root, each check
    const stat = statOrUndefined(filePath);
    if (!stat) {
      this.disk.delete(filePath);
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = this.disk.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    const read = readRegularFile(filePath);
    if (!('text' in read)) {
      this.disk.delete(filePath);
      return undefined;
    }
    this.disk.set(filePath, { mtimeMs: read.stat.mtimeMs, size: read.stat.size, text: read.text });
    return read.text;
  }

  refusal(filePath: string): string | undefined {
    if (this.openDocument(filePath)) return undefined;
    // a missing file is no refusal: known without an exception, as readDisk knows it
    return isMissing(filePath) ? undefined : fileRefusal(filePath);
  }

  folderRefusal(dir: string): string | undefined {
    return folderRefusal(dir);
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  }

  /** Forgets a cached disk read, after the client reports the file changed. */
  invalidate(filePath: string): void {
    this.disk.delete(filePath);
  }
}
