import * as fs from 'fs';
import * as path from 'path';
import { fileRefusal } from '../common/diskHost';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);

export class UnreadablePathError extends Error {}

/** Expands files and folders into absolute `.study` paths; folders are searched recursively. */
export function collectStudyFiles(inputs: string[], cwd: string): string[] {
  const result: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.study')) result.push(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
      if (stat.isDirectory()) walk(full);
      else {
        const refusal = fileRefusal(full);
        if (refusal) throw new UnreadablePathError(`'${input}' ${refusal}`);
        fs.accessSync(full, fs.constants.R_OK);
        result.push(full);
      }
    } catch (error) {
      if (error instanceof UnreadablePathError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new UnreadablePathError(`cannot read '${input}': ${reason}`);
    }
  }
  return [...new Set(result)];
}

/** Studies beside the given files, so a fragment named alone is still checked in its studies' context. */
export function neighbouringStudies(files: string[]): string[] {
  const result = new Set(files);
  for (const dir of new Set(files.map((f) => path.dirname(f)))) {
    try {
      for (const name of fs.readdirSync(dir)) if (name.endsWith('.study')) result.add(path.join(dir, name));
    } catch {
      // an unreadable folder adds no context
    }
  }
  return [...result];
}
