import { indentOf, lineText } from '../checks/fixes';
import { RULES } from '../checks/rules';
import { SUPPRESSION_DIRECTIVE, suppressionsOf } from '../checks/suppress';
import { Finding } from '../common/finding';
import { Position } from '../common/range';
import { StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { StudyIndex } from './navigation';
import { CodeAction } from './types';

const RULE_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** Quick fixes for findings in `filePath` (those the editor shows at the cursor): each rule's own, then silencing it. */
export function codeActions(index: StudyIndex, filePath: string, findings: Finding[]): CodeAction[] {
  const file = index.file(filePath);
  if (!file) return [];
  const models = index.modelsOf(filePath);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.file !== filePath) continue;
    const model = modelFor(models, finding);
    const fix = RULE_BY_ID.get(finding.rule)?.fix;
    const fixes = { rule: finding.rule, range: finding.range };
    for (const quickFix of fix && model ? fix({ finding, model, file, fileOf: (path) => index.file(path) }) : []) {
      if (quickFix.edits.every((e) => e.edits.length === 0)) continue;
      actions.push({ title: quickFix.title, kind: 'quickfix', fixes, edit: quickFix.edits, isPreferred: quickFix.isPreferred ?? false });
    }
    actions.push(...silence(file, finding));
  }
  return actions;
}

/** The model a finding came from: for a fragment, the importing study whose closing brace `insertAt` names. */
function modelFor(models: StudyModel[], finding: Finding): StudyModel | undefined {
  const at = finding.data?.insertAt?.start;
  const match = at && models.find((m) => m.study?.bodyRange && samePosition(m.study.bodyRange.end, at));
  return match ?? models.find((m) => m.study) ?? models[0];
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** `// studyspec-disable-next-line RULE -- reason` above the finding's line, or the rule added to a directive already there. */
function silence(file: StudyFile, finding: Finding): CodeAction[] {
  if (!file.path.endsWith('.study')) return [];
  const line = finding.range.start.line;
  const existing = suppressionsOf(file).find((s) => s.line === line && s.rules.length > 0);
  const title = `Silence ${finding.rule} on this line`;
  const fixes = { rule: finding.rule, range: finding.range };
  if (existing) {
    const end = existing.rules[existing.rules.length - 1].range.end;
    return [{ title, kind: 'quickfix', fixes, edit: [{ file: file.path, edits: [{ range: { start: end, end }, newText: `, ${finding.rule}` }] }] }];
  }
  const indent = indentOf(lineText(file, line));
  const at = { line, character: 0 };
  return [{ title, kind: 'quickfix', fixes, edit: [{ file: file.path, edits: [{ range: { start: at, end: at }, newText: `${indent}// ${SUPPRESSION_DIRECTIVE} ${finding.rule} -- reason\n` }] }] }];
}
