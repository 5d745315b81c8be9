import { Range } from './range';

/** A change to a text, in LSP's shape; the edits of one file never overlap. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileEdit {
  file: string;
  edits: TextEdit[];
}
