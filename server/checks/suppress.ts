import { Finding } from '../common/finding';
import { Range } from '../common/range';
import { Comment, StudyFile } from '../model/ast';

export const SUPPRESSION_DIRECTIVE = 'studyspec-disable-next-line';

export interface Suppression {
  /** the line the comment silences */
  line: number;
  /** rule ids; empty means every rule */
  rules: { id: string; range: Range }[];
  reason?: string;
  comment: Comment;
}

const DIRECTIVE = /^\/\/\s*studyspec-disable-next-line\b(.*)$/;

/** Parses `// studyspec-disable-next-line RULE[, RULE] -- reason` comments. */
export function suppressionsOf(file: StudyFile): Suppression[] {
  const result: Suppression[] = [];
  for (const comment of file.comments) {
    if (comment.block) continue;
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const rest = match[1];
    const reasonAt = rest.indexOf('--');
    const rulesPart = reasonAt === -1 ? rest : rest.slice(0, reasonAt);
    const reason = reasonAt === -1 ? undefined : rest.slice(reasonAt + 2).trim();
    const restOffset = comment.range.start.character + comment.text.length - rest.length;
    const rules: Suppression['rules'] = [];
    const idPattern = /[A-Za-z][A-Za-z0-9-]*/g;
    for (let m = idPattern.exec(rulesPart); m; m = idPattern.exec(rulesPart)) {
      const character = restOffset + m.index;
      rules.push({ id: m[0], range: { start: { line: comment.range.start.line, character }, end: { line: comment.range.start.line, character: character + m[0].length } } });
    }
    result.push({ line: comment.range.start.line + 1, rules, reason, comment });
  }
  return result;
}

/** Drops findings silenced by a suppression comment on the line above them. */
export function applySuppressions(findings: Finding[], files: Map<string, StudyFile>): Finding[] {
  const byFile = new Map<string, Suppression[]>();
  return findings.filter((finding) => {
    const file = files.get(finding.file);
    if (!file) return true;
    let suppressions = byFile.get(finding.file);
    if (!suppressions) byFile.set(finding.file, (suppressions = suppressionsOf(file)));
    return !suppressions.some((s) => s.line === finding.range.start.line && (s.rules.length === 0 || s.rules.some((r) => r.id === finding.rule)));
  });
}
