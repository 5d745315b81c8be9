import { SUPPRESSION_DIRECTIVE, suppressionsOf } from '../checks/suppress';
import { Finding } from '../common/finding';
import { comparePositions, Position, Range } from '../common/range';
import { Construct, Side } from '../frameworks/types';
import { BOTH_SIDES, journey, methodSides, touchpointSides } from '../model/analysis';
import { BlockKind, Declaration, EthicsDecl, MethodDecl, StudyDecl, StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { GUIDED_METHODS, propertySpec, PropertySpec } from '../model/schema';
import { StudyIndex } from './navigation';
import { CodeAction, FileEdit, TextEdit } from './types';

const SIDE_WORDS: Record<Side, string> = { staff: 'staff', service_user: 'service users' };

/** Quick fixes for findings in `filePath` (those the editor shows at the cursor). */
export function codeActions(index: StudyIndex, filePath: string, findings: Finding[]): CodeAction[] {
  const file = index.file(filePath);
  if (!file) return [];
  const models = index.modelsOf(filePath);
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.file !== filePath) continue;
    const fixer = new Fixer(index, file, finding, modelFor(models, finding));
    actions.push(...fixer.fixes(), ...fixer.silence());
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

/** A quoted string literal of the language, escaped. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

function lineText(file: StudyFile, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = file.text.indexOf('\n', start);
    if (next === -1) return '';
    start = next + 1;
  }
  const end = file.text.indexOf('\n', start);
  return file.text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The indentation of the study's members, and one level of indentation as the file writes it. */
function studyIndentation(file: StudyFile, study: StudyDecl): { member: string; unit: string; outer: string } {
  const outer = indentOf(lineText(file, study.keywordRange.start.line));
  const first = [...study.properties.map((p) => p.key.range), ...study.declarations.map((d) => d.keywordRange), ...study.excludes.map((e) => e.keywordRange), ...study.ethics.map((e) => e.keywordRange)]
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

/** A name not yet declared in the model: `base`, else `base_2`, `base_3`… */
function freshName(model: StudyModel, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || 'question';
  if (!model.symbols.has(clean)) return clean;
  for (let i = 2; ; i++) if (!model.symbols.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

function constructOf(model: StudyModel, path: string | undefined): Construct | undefined {
  if (!path) return undefined;
  const [frameworkId, ...rest] = path.split('.');
  const framework = model.frameworks.get(frameworkId);
  return rest.length === 0 ? undefined : framework?.byPath.get(rest.join('.'));
}

/** The method best placed to reach `sides`: guided methods (interviews, focus groups) first, then any that reaches them. */
function methodReaching(model: StudyModel, sides: readonly Side[], kinds: readonly string[] = GUIDED_METHODS): MethodDecl | undefined {
  const reaches = (m: MethodDecl) => {
    const reached = methodSides(model, m);
    return sides.every((s) => reached.has(s));
  };
  const named = model.methods.filter((m) => m.name.text);
  return named.find((m) => kinds.includes(m.methodKind?.text ?? '') && reaches(m)) ?? named.find(reaches);
}

function placeholderFor(spec: PropertySpec): string {
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

class Fixer {
  private readonly actions: CodeAction[] = [];

  constructor(
    private readonly index: StudyIndex,
    private readonly file: StudyFile,
    private readonly finding: Finding,
    private readonly model: StudyModel | undefined,
  ) {}

  fixes(): CodeAction[] {
    this.replacements();
    const fix = RULE_FIXES[this.finding.rule];
    if (fix && this.model) fix.call(this, this.model);
    return this.actions;
  }

  private add(title: string, edits: FileEdit[], isPreferred = false): void {
    if (edits.every((e) => e.edits.length === 0)) return;
    this.actions.push({ title, kind: 'quickfix', fixes: { rule: this.finding.rule, range: this.finding.range }, edit: edits, isPreferred });
  }

  private edit(file: string, edits: TextEdit[]): FileEdit[] {
    return [{ file, edits }];
  }

  /** Replace an unknown name, construct, key or value with each suggestion. */
  private replacements(): void {
    const range = this.finding.data?.replaceRange;
    const suggestions = this.finding.suggestions ?? [];
    if (!range) return;
    suggestions.forEach((suggestion, i) => this.add(`Change to '${suggestion}'`, this.edit(this.finding.file, [{ range, newText: suggestion }]), i === 0));
  }

  /** Inserts study members at the finding's `insertAt`, in the study's file. */
  private insertIntoStudy(model: StudyModel, title: string, lines: string[], isPreferred = false): void {
    const study = model.study;
    const at = this.finding.data?.insertAt?.start ?? study?.bodyRange?.end;
    const studyFile = study && this.index.file(study.file);
    if (!study || !at || !studyFile) return;
    this.add(title, this.edit(study.file, [insertMember(studyFile, study, at, lines)]), isPreferred);
  }

  coverConstruct(model: StudyModel): void {
    const path = this.finding.data?.construct;
    const construct = constructOf(model, path);
    if (!path) return;
    const question = ['question ' + freshName(model, construct?.id ?? path.split('.').pop() ?? 'question') + ' ' + quote(`TODO: what do we want to learn about ${construct?.name ?? path}?`) + ' {'];
    const touchpoint = journey(model).find((t) => t.name.text);
    if (touchpoint) question.push(`\tabout: ${touchpoint.name.text}`);
    question.push('\tperspective: both', `\tconstructs: ${path}`);
    const method = methodReaching(model, BOTH_SIDES, ['interview']) ?? model.methods.find((m) => m.methodKind?.text === 'interview' && m.name.text);
    if (method) question.push(`\tmethods: ${method.name.text}`);
    const prompts = construct ? [...construct.prompts.staff, ...construct.prompts.service_user] : [];
    if (prompts.length > 0) question.push(`\tprobes: ${prompts.map(quote).join(',\n\t\t')}`);
    question.push('}');
    this.insertIntoStudy(model, `Add a question about ${path}${construct ? ` (${construct.name})` : ''}`, question, true);
    this.insertIntoStudy(model, `Exclude ${path} with a reason`, [`exclude ${path} ${quote('TODO: why this construct is out of scope')}`]);
  }

  askAboutTouchpoint(model: StudyModel): void {
    const name = this.finding.data?.touchpoint;
    const touchpoint = model.touchpoints.find((t) => t.name.text === name);
    if (!name || !touchpoint) return;
    const sides: Side[] = this.finding.data?.missingSide ? [this.finding.data.missingSide] : [...touchpointSides(model, touchpoint)];
    const perspective = sides.length === 1 ? sides[0] : 'both';
    const who = sides.length === 1 ? SIDE_WORDS[sides[0]] : 'staff and service users';
    const lines = [`question ${freshName(model, `${name}_${sides.length === 1 ? sides[0] : 'experience'}`)} ${quote(`TODO: how do ${who} experience ${touchpoint.label?.text ?? name}?`)} {`, `\tabout: ${name}`, `\tperspective: ${perspective}`];
    const method = methodReaching(model, sides.length > 0 ? sides : BOTH_SIDES);
    if (method) lines.push(`\tmethods: ${method.name.text}`);
    lines.push('}');
    this.insertIntoStudy(model, `Add a question about '${name}' from the ${sides.length === 1 ? `${SIDE_WORDS[sides[0]]}'` : "both sides'"} side`, lines, true);
  }

  addEthics(model: StudyModel): void {
    const keys = this.finding.data?.ethicsKeys ?? ['classification', 'consent'];
    const lines = ['ethics {'];
    for (const key of keys) {
      const spec = propertySpec('ethics', key);
      if (spec) lines.push(`\t${key}: ${placeholderFor(spec)}`);
    }
    lines.push('}');
    this.insertIntoStudy(model, 'Add an ethics block', lines, true);
  }

  addRationale(model: StudyModel): void {
    const exclude = model.excludes.find((e) => e.file === this.finding.file && rangeWithin(this.finding.range, e.range));
    if (!exclude) return;
    const placeholder = quote('TODO: why this is out of scope');
    if (exclude.rationale) {
      this.add('Add a rationale placeholder', this.edit(exclude.file, [{ range: exclude.rationale.range, newText: placeholder }]), true);
    } else if (exclude.ref) {
      const end = exclude.ref.range.end;
      this.add('Add a rationale placeholder', this.edit(exclude.file, [{ range: { start: end, end }, newText: ` ${placeholder}` }]), true);
    }
  }

  addMissingKeys(model: StudyModel): void {
    const block = blockAt(model, this.finding);
    if (!block?.node.bodyRange) return;
    const keys = this.finding.data?.keys ?? [];
    const specs = keys.map((key) => propertySpec(block.kind, key)).filter((s): s is PropertySpec => s !== undefined);
    if (specs.length === 0) return;
    const choices = (spec: PropertySpec): string[] => {
      if (spec.value.type === 'enum') return spec.key === 'perspective' ? ['both', 'service_user', 'staff'] : [...spec.value.values];
      if (spec.value.type === 'framework') return [...model.frameworks.keys()];
      if (spec.value.type === 'ref') {
        const kinds = spec.value.kinds;
        const first = (spec.key === 'about' ? journey(model) : model.declarations).find((d: Declaration) => kinds.includes(d.kind) && d.name.text);
        return first ? [first.name.text] : [];
      }
      return [placeholderFor(spec)];
    };
    if (specs.length === 1) {
      for (const value of choices(specs[0]).slice(0, 10)) this.add(`Add '${specs[0].key}: ${value}'`, this.edit(this.finding.file, [this.insertProperty(block.node, [`${specs[0].key}: ${value}`])]));
      return;
    }
    const lines = specs.map((spec) => `${spec.key}: ${choices(spec)[0] ?? placeholderFor(spec)}`);
    this.add(`Add ${specs.map((s) => `'${s.key}'`).join(' and ')}`, this.edit(this.finding.file, [this.insertProperty(block.node, lines)]), true);
  }

  /** Inserts properties at the top of a block's body, on their own lines when the block spans lines. */
  private insertProperty(node: { range: Range; bodyRange?: Range }, lines: string[]): TextEdit {
    const body = node.bodyRange!;
    const at = body.start;
    const rest = lineText(this.file, at.line).slice(at.character);
    // `{ channel: video }` or `{` followed by a member on the same line: insert right after the brace
    if (rest.trim() !== '') return { range: { start: at, end: at }, newText: ` ${lines.join(' ')}${rest.startsWith('}') ? ' ' : ''}` };
    let memberIndent = `${indentOf(lineText(this.file, node.range.start.line))}  `;
    for (let line = at.line + 1; line < body.end.line; line++) {
      const text = lineText(this.file, line);
      if (text.trim() !== '') {
        memberIndent = indentOf(text);
        break;
      }
    }
    const next = { line: at.line + 1, character: 0 };
    return { range: { start: next, end: next }, newText: lines.map((l) => memberIndent + l + '\n').join('') };
  }

  selectFramework(model: StudyModel): void {
    const frameworkId = this.finding.data?.construct?.split('.')[0];
    const property = model.study?.properties.find((p) => p.key.text === 'frameworks');
    const last = property?.values[property.values.length - 1];
    if (!frameworkId || !model.study || !last) return;
    this.add(`Add ${frameworkId} to frameworks:`, this.edit(model.study.file, [{ range: { start: last.range.end, end: last.range.end }, newText: `, ${frameworkId}` }]), true);
  }

  /** `// studyspec-disable-next-line RULE -- reason` above the finding's line, or the rule added to a directive already there. */
  silence(): CodeAction[] {
    if (!this.file.path.endsWith('.study')) return [];
    const line = this.finding.range.start.line;
    const existing = suppressionsOf(this.file).find((s) => s.line === line && s.rules.length > 0);
    const title = `Silence ${this.finding.rule} on this line`;
    const fixes = { rule: this.finding.rule, range: this.finding.range };
    if (existing) {
      const end = existing.rules[existing.rules.length - 1].range.end;
      return [{ title, kind: 'quickfix', fixes, edit: this.edit(this.file.path, [{ range: { start: end, end }, newText: `, ${this.finding.rule}` }]) }];
    }
    const indent = indentOf(lineText(this.file, line));
    const at = { line, character: 0 };
    return [{ title, kind: 'quickfix', fixes, edit: this.edit(this.file.path, [{ range: { start: at, end: at }, newText: `${indent}// ${SUPPRESSION_DIRECTIVE} ${this.finding.rule} -- reason\n` }]) }];
  }
}

/** The fixes each rule has beyond replacing with a suggestion and silencing. */
const RULE_FIXES: Record<string, (this: Fixer, model: StudyModel) => void> = {
  'construct-not-covered': Fixer.prototype.coverConstruct,
  'missing-perspective': Fixer.prototype.askAboutTouchpoint,
  'touchpoint-not-evaluated': Fixer.prototype.askAboutTouchpoint,
  'ethics-missing': Fixer.prototype.addEthics,
  'exclusion-without-rationale': Fixer.prototype.addRationale,
  'missing-property': Fixer.prototype.addMissingKeys,
  'framework-not-selected': Fixer.prototype.selectFramework,
};

function rangeWithin(inner: Range, outer: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The block a missing-property finding points at (by its name, or its keyword when it has none). */
function blockAt(model: StudyModel, finding: Finding): { kind: BlockKind; node: StudyDecl | Declaration | EthicsDecl } | undefined {
  const candidates: { kind: BlockKind; node: StudyDecl | Declaration | EthicsDecl }[] = [];
  if (model.study) candidates.push({ kind: 'study', node: model.study }, ...model.study.ethics.map((node) => ({ kind: 'ethics' as const, node })));
  for (const declaration of model.declarations) candidates.push({ kind: declaration.kind, node: declaration });
  // the innermost: a touchpoint's name lies inside its service and the study too
  return candidates
    .filter(({ node }) => node.file === finding.file && rangeWithin(finding.range, node.range))
    .sort((a, b) => comparePositions(b.node.range.start, a.node.range.start))[0];
}
