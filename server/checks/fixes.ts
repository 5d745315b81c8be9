import { TextEdit } from '../common/edit';
import { linesOf } from '../common/lines';
import { comparePositions, Position, Range } from '../common/range';
import { Finding } from '../common/finding';
import { Side } from '../frameworks/types';
import { BOTH_SIDES, methodSides, touchpointSides } from '../model/analysis';
import { BlockKind, Declaration, EthicsDecl, MethodDecl, Property, StudyDecl, StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { GUIDED_METHODS, PropertySpec } from '../model/schema';
import { FixContext, QuickFix } from './rule';
import { SIDE_NAMES } from './sides';

/** Helpers that several rules' quick fixes share. */

/** A fix of one file. */
export function fixOf(title: string, file: string, edits: TextEdit[], isPreferred = false): QuickFix {
  return { title, edits: [{ file, edits }], isPreferred };
}

/** Appends `, text` to a list property (`frameworks:`, `actors:`, `constructs:`…); none when the list is empty. */
export function appendToList(title: string, file: string, property: Property | undefined, text: string, isPreferred = false): QuickFix[] {
  const last = property?.values[property.values.length - 1];
  return last ? [fixOf(title, file, [{ range: { start: last.range.end, end: last.range.end }, newText: `, ${text}` }], isPreferred)] : [];
}

/** Whether a finding was reported at this value (rules that report at a value find it again for the fix). */
export function startsAt(range: Range, at: Range): boolean {
  return range.start.line === at.start.line && range.start.character === at.start.character;
}

/** Replace an unknown name, construct, key or value with each suggestion, the nearest preferred. */
export function replaceWithSuggestions({ finding }: FixContext): QuickFix[] {
  const range = finding.data?.replaceRange;
  if (!range) return [];
  return (finding.suggestions ?? []).map((suggestion, i) => fixOf(`Change to '${suggestion}'`, finding.file, [{ range, newText: suggestion }], i === 0));
}

/** Just before the study's closing brace, where quick fixes insert new members. */
export function studyInsertPoint(model: StudyModel): Range | undefined {
  const end = model.study?.bodyRange?.end;
  return end ? { start: end, end } : undefined;
}

/** A quoted string literal of the language, escaped. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function lineText(file: StudyFile, line: number): string {
  return linesOf(file).lineText(line);
}

export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The indentation of the study's members, and one level of indentation as the file writes it. */
function studyIndentation(file: StudyFile, study: StudyDecl): { member: string; unit: string; outer: string } {
  const outer = indentOf(lineText(file, study.keywordRange.start.line));
  const first = [
    ...study.properties.map((p) => p.key.range),
    ...study.declarations.map((d) => d.keywordRange),
    ...study.excludes.map((e) => e.keywordRange),
    ...study.ethics.map((e) => e.keywordRange),
  ]
    .filter((r) => r.start.line > study.keywordRange.start.line)
    .sort((a, b) => a.start.line - b.start.line)[0];
  const member = first ? indentOf(lineText(file, first.start.line)) : `${outer}  `;
  const unit = member.length > outer.length && member.startsWith(outer) ? member.slice(outer.length) : '  ';
  return { member: member.length > outer.length ? member : outer + unit, unit, outer };
}

/** Inserts lines (relative to the members' indentation) as a new member before the study's closing brace. */
function insertMember(file: StudyFile, study: StudyDecl, at: Position, lines: string[]): TextEdit {
  const { member, unit, outer } = studyIndentation(file, study);
  const block = lines
    .flatMap((l) => l.split('\n'))
    .map((l) => (l ? member + l.replace(/^\t+/, (tabs) => unit.repeat(tabs.length)) : l))
    .join('\n');
  const line = lineText(file, at.line);
  if (line.slice(0, at.character).trim() === '') {
    const previous = at.line > 0 ? lineText(file, at.line - 1).trim() : '';
    const gap = previous === '' || previous.endsWith('{') ? '' : '\n';
    return { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, newText: `${gap}${block}\n` };
  }
  return { range: { start: at, end: at }, newText: `\n${block}\n${outer}` };
}

/** Inserts study members at the finding's `insertAt`, in the study's file; a tab in `lines` is one level of indentation. */
export function insertIntoStudy({ finding, model, fileOf }: FixContext, title: string, lines: string[], isPreferred = false): QuickFix[] {
  const study = model.study;
  const at = finding.data?.insertAt?.start ?? study?.bodyRange?.end;
  const studyFile = study && fileOf(study.file);
  if (!study || !at || !studyFile) return [];
  return [fixOf(title, study.file, [insertMember(studyFile, study, at, lines)], isPreferred)];
}

/** The block a finding points at (by its name, or its keyword when it has none): the innermost that contains it. */
export function blockAt(model: StudyModel, finding: Finding): { kind: BlockKind; node: StudyDecl | Declaration | EthicsDecl } | undefined {
  const candidates: { kind: BlockKind; node: StudyDecl | Declaration | EthicsDecl }[] = [];
  if (model.study) candidates.push({ kind: 'study', node: model.study }, ...model.study.ethics.map((node) => ({ kind: 'ethics' as const, node })));
  for (const declaration of model.declarations) candidates.push({ kind: declaration.kind, node: declaration });
  // the innermost: a touchpoint's name lies inside its service and the study too
  return candidates.filter(({ node }) => node.file === finding.file && rangeWithin(finding.range, node.range)).sort((a, b) => comparePositions(b.node.range.start, a.node.range.start))[0];
}

/** Inserts properties at the top of a block's body, on their own lines when the block spans lines. */
export function insertProperty(file: StudyFile, node: { range: Range; bodyRange?: Range }, lines: string[]): TextEdit {
  const body = node.bodyRange;
  // a one-line declaration without braces (`actor nurse: staff "Nurses"`) gets a body
  if (!body) return { range: { start: node.range.end, end: node.range.end }, newText: ` { ${lines.join(' ')} }` };
  const at = body.start;
  const rest = lineText(file, at.line).slice(at.character);
  // `{ channel: video }` or `{` followed by a member on the same line: insert right after the brace
  if (rest.trim() !== '') return { range: { start: at, end: at }, newText: ` ${lines.join(' ')}${rest.startsWith('}') ? ' ' : ''}` };
  let memberIndent = `${indentOf(lineText(file, node.range.start.line))}  `;
  for (let line = at.line + 1; line < body.end.line; line++) {
    const text = lineText(file, line);
    if (text.trim() !== '') {
      memberIndent = indentOf(text);
      break;
    }
  }
  const next = { line: at.line + 1, character: 0 };
  return { range: { start: next, end: next }, newText: lines.map((l) => memberIndent + l + '\n').join('') };
}

/** A name not yet declared in the model: `base`, else `base_2`, `base_3`… */
export function freshName(model: StudyModel, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || 'question';
  if (!model.symbols.has(clean)) return clean;
  for (let i = 2; ; i++) if (!model.symbols.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

/** The method best placed to reach `sides`: guided methods (interviews, focus groups) first, then any that reaches them. */
export function methodReaching(model: StudyModel, sides: readonly Side[], kinds: readonly string[] = GUIDED_METHODS): MethodDecl | undefined {
  const reaches = (m: MethodDecl) => {
    const reached = methodSides(model, m);
    return sides.every((s) => reached.has(s));
  };
  const named = model.methods.filter((m) => m.name.text);
  return named.find((m) => kinds.includes(m.methodKind?.text ?? '') && reaches(m)) ?? named.find(reaches);
}

export function placeholderFor(spec: PropertySpec): string {
  switch (spec.value.type) {
    case 'enum':
      return spec.value.values[0];
    case 'boolean':
      return 'no';
    case 'count':
      return '0';
    default:
      return quote('TODO');
  }
}

export function rangeWithin(inner: Range, outer: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A question skeleton about the finding's touchpoint, from the side it names or from both. */
export function askAboutTouchpoint(context: FixContext): QuickFix[] {
  const { finding, model } = context;
  const name = finding.data?.touchpoint;
  const touchpoint = model.touchpoints.find((t) => t.name.text === name);
  if (!name || !touchpoint) return [];
  const sides: Side[] = finding.data?.missingSide ? [finding.data.missingSide] : [...touchpointSides(model, touchpoint)];
  const perspective = sides.length === 1 ? sides[0] : 'both';
  const who = sides.length === 1 ? SIDE_NAMES[sides[0]] : 'staff and service users';
  const lines = [
    `question ${freshName(model, `${name}_${sides.length === 1 ? sides[0] : 'experience'}`)} ${quote(`TODO: how do ${who} experience ${touchpoint.label?.text ?? name}?`)} {`,
    `\tabout: ${name}`,
    `\tperspective: ${perspective}`,
  ];
  const method = methodReaching(model, sides.length > 0 ? sides : BOTH_SIDES);
  if (method) lines.push(`\tmethods: ${method.name.text}`);
  lines.push('}');
  return insertIntoStudy(context, `Add a question about '${name}' from the ${sides.length === 1 ? `${SIDE_NAMES[sides[0]]}'` : "both sides'"} side`, lines, true);
}

/**
 * The fix of a rule that asks for a key: insert it with a placeholder ("TODO: …") to replace.
 * Offered only while the key is missing (the finding's `keys`); the rule reports a placeholder
 * left in place, so the fix cannot silence it.
 */
export function addPlaceholder(key: string, placeholder: string): (context: FixContext) => QuickFix[] {
  return ({ finding, model, file }) => {
    const block = finding.data?.keys?.includes(key) ? blockAt(model, finding) : undefined;
    if (!block) return [];
    return [fixOf(`Add '${key}:' to fill in`, finding.file, [insertProperty(file, block.node, [`${key}: ${quote(placeholder)}`])], true)];
  };
}
