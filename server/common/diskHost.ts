import * as fs from 'fs';
import { FileHost } from './host';

/** The largest study, fragment, framework or configuration file read (docs/language.md, "Limits"). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Why a file with this status is not read, or undefined when it is a regular file within the cap. */
function statRefusal(stat: fs.Stats, maxBytes: number): string | undefined {
  if (stat.isFile()) return stat.size > maxBytes ? `is larger than ${megabytes(maxBytes)} (${megabytes(stat.size)})` : undefined;
  const kind = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : undefined;
  return kind ? `is not a regular file (it is ${kind})` : 'is not a regular file';
}

function errorRefusal(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
  return code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
}

/** Why a path is not read: undefined when it does not exist or is a regular file within the cap. Never blocks. */
export function fileRefusal(filePath: string, maxBytes = MAX_FILE_BYTES): string | undefined {
  try {
    return statRefusal(fs.statSync(filePath), maxBytes);
  } catch (error) {
    return errorRefusal(error);
  }
}

/** Why a folder cannot be listed, or undefined when it can (FileHost.folderRefusal). */
export function folderRefusal(dir: string): string | undefined {
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return `is not a folder (it is ${stat.isFile() ? 'a file' : 'not a regular file either'})`;
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : (errorRefusal(error) ?? 'cannot be read');
  }
}

export type DiskRead = { text: string; stat: fs.Stats } | { refusal: string | undefined };

/**
 * Reads a regular file of at most `maxBytes`. It is opened without blocking (a named pipe with
 * no writer would otherwise hang) and checked through its descriptor, so it cannot be swapped
 * between the check and the read. A refusal says why; an undefined one means it does not exist.
 */
export function readRegularFile(filePath: string, maxBytes = MAX_FILE_BYTES): DiskRead {
  let fd: number;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { refusal: errorRefusal(error) };
  }
  try {
    const stat = fs.fstatSync(fd);
    const refusal = statRefusal(stat, maxBytes);
    if (refusal) return { refusal };
    const text = fs.readFileSync(fd, 'utf8');
    // a file that grew after the check is refused too
    if (text.length > maxBytes) return { refusal: `is larger than ${megabytes(maxBytes)}` };
    return { text, stat };
  } catch (error) {
    return { refusal: errorRefusal(error) ?? 'cannot be read' };
  } finally {
    fs.closeSync(fd);
  }
}

export const diskHost: FileHost = {
  readFile(path: string): string | undefined {
    const read = readRegularFile(path);
    return 'text' in read ? read.text : undefined;
  },
  refusal: (path: string) => fileRefusal(path),
  folderRefusal,
  readDirectory(dir: string) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  },
};
