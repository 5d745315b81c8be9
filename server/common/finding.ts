import { Range } from './range';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Facts a quick fix needs, carried on the finding so every adapter can pass them on. */
export interface FindingData {
  /** what a suggestion replaces */
  replaceRange?: Range;
  /** the construct path a coverage finding is about */
  construct?: string;
  /** a touchpoint's name */
  touchpoint?: string;
  /** the side not yet asked */
  missingSide?: 'staff' | 'service_user';
  /** keys an ethics block would need */
  ethicsKeys?: string[];
  /** where new study members can be inserted (just before the study's closing brace) */
  insertAt?: Range;
  /** the keys a missing-property finding names */
  keys?: string[];
}

/**
 * The one result type of the core. The CLI prints it, SARIF wraps it, and the language server
 * turns it into LSP diagnostics; none of them changes what it says.
 */
export interface Finding {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** nearest names, best first, for unknown names, constructs, properties and values */
  suggestions?: string[];
  data?: FindingData;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}

/** Identifies a finding for de-duplication: same file, rule, range and message. */
export function findingKey(f: Finding): string {
  return `${f.file}\0${f.rule}\0${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\0${f.message}`;
}
