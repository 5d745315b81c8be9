import * as fs from 'fs';
import { FileHost } from './host';

export const diskHost: FileHost = {
  readFile(path: string): string | undefined {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  readDirectory(dir: string) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return [];
    }
  },
};
