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
    compareText(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareText(a.rule, b.rule) || compareText(a.message, b.message)
  );
}

/** localeCompare, without its cost for the equal strings most comparisons meet (the same file, the same rule). */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

/** Identifies a finding for de-duplication: same file, rule, range and message. */
export function findingKey(f: Finding): string {
  return `${f.file}\0${f.rule}\0${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\0${f.message}`;
}

/** The most findings shown for one file (docs/language.md, "Limits"); one more says how many were left out. */
export const MAX_FINDINGS_PER_FILE = 1000;

/** The message of the finding that stands for those not shown. */
export function moreNotShown(count: number): string {
  return `${count.toLocaleString('en')} more problem${count === 1 ? ' is' : 's are'} not shown: only the first ${MAX_FINDINGS_PER_FILE.toLocaleString('en')} of a file are`;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most MAX_FINDINGS_PER_FILE findings per file, the first by position; for a file with more,
 * one finding after the last shown says how many are not shown (with the most severe of their
 * severities and their most frequent rule).
 */
export function capFindingsPerFile(findings: Finding[]): Finding[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  if ([...byFile.values()].every((list) => list.length <= MAX_FINDINGS_PER_FILE)) return findings;
  const result: Finding[] = [];
  for (const [file, list] of byFile) {
    if (list.length <= MAX_FINDINGS_PER_FILE) {
      result.push(...list);
      continue;
    }
    const sorted = [...list].sort(compareFindings);
    const shown = sorted.slice(0, MAX_FINDINGS_PER_FILE - 1);
    const hidden = sorted.slice(MAX_FINDINGS_PER_FILE - 1);
    const rules = new Map<string, number>();
    for (const f of hidden) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
    const rule = [...rules].sort((a, b) => b[1] - a[1])[0][0];
    const severity = hidden.reduce<Severity>((worst, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst] ? f.severity : worst), 'hint');
    const last = shown[shown.length - 1].range;
    const message = moreNotShown(hidden.length);
    result.push(...shown, { file, rule, severity, message, range: { start: last.start, end: last.start } });
  }
  return result;
}
