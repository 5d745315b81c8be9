import * as path from 'path';
import { Finding, Severity } from '../common/finding';
import { RULES_BY_ID } from '../checks/rules';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function countFindings(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Control characters other than tab and newline (C0, DEL, C1): a study's text must not move the cursor, clear the screen or retitle the terminal. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** User text as the terminal shows it, control characters removed. */
export function terminalText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** `file:line:col severity message rule`, grouped by file, with a summary line. */
export function formatStylish(findings: Finding[], cwd: string, useColour = false): string {
  const colour = (code: number, text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColour: Record<Severity, number> = { error: 31, warning: 33, information: 36, hint: 90 };
  const lines: string[] = [];
  let current: string | undefined;
  for (const finding of findings) {
    const file = terminalText(displayPath(finding.file, cwd));
    if (file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(colour(4, file));
      current = file;
    }
    const where = `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    lines.push(`  ${where} ${colour(severityColour[finding.severity], finding.severity)} ${terminalText(finding.message)} ${colour(90, finding.rule)}`);
  }
  const counts = countFindings(findings);
  if (findings.length === 0) return 'No problems found.\n';
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.information) parts.push(`${counts.information} information`);
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  lines.push('', `${counts.error > 0 ? '✖' : '⚠'} ${plural(findings.length, 'problem')} (${parts.join(', ')})`);
  return lines.join('\n') + '\n';
}

/** One array of { file, rule, severity, message, range } with 0-based LSP positions. */
export function formatJson(findings: Finding[], cwd: string): string {
  const plain = findings.map((f) => ({ file: displayPath(f.file, cwd), rule: f.rule, severity: f.severity, message: f.message, range: f.range }));
  return JSON.stringify(plain, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 with one run, every rule described, and 1-based regions. */
export function formatSarif(findings: Finding[], cwd: string, version: string): string {
  const rules = [...RULES_BY_ID.values()];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'studyspec',
            version,
            informationUri: 'https://github.com/studyspec/studyspec',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_m, _dash: string, ch: string) => ch.toUpperCase()),
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.docs },
              help: { text: `${rule.summary} ${rule.docs}`, markdown: `**${rule.id}**: ${rule.summary}\n\n${rule.docs}` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `file://${cwd.split(path.sep).join('/').replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(displayPath(f.file, cwd)), uriBaseId: 'SRCROOT' },
                region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
