import { TextEdit } from '../../common/edit';
import { Finding } from '../../common/finding';
import { comparePositions, Range } from '../../common/range';
import { journey } from '../../model/analysis';
import { BlockKind, Declaration, EthicsDecl, StudyDecl, StudyFile } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { StudyModel } from '../../model/model';
import { METHODS_WITH_PARTICIPANTS, PROPERTY_SPECS, propertySpec, PropertySpec } from '../../model/schema';
import { blocksOf } from '../blocks';
import { fixOf, indentOf, lineText, placeholderFor, rangeWithin } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

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

/** Inserts properties at the top of a block's body, on their own lines when the block spans lines. */
function insertProperty(file: StudyFile, node: { range: Range; bodyRange?: Range }, lines: string[]): TextEdit {
  const body = node.bodyRange!;
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

/** One fix per value for a single missing key (at most ten); one fix with a first value each for several. */
function addMissingKeys({ finding, model, file }: FixContext): QuickFix[] {
  const block = blockAt(model, finding);
  if (!block?.node.bodyRange) return [];
  const keys = finding.data?.keys ?? [];
  const specs = keys.map((key) => propertySpec(block.kind, key)).filter((s): s is PropertySpec => s !== undefined);
  if (specs.length === 0) return [];
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
    return choices(specs[0])
      .slice(0, 10)
      .map((value) => fixOf(`Add '${specs[0].key}: ${value}'`, finding.file, [insertProperty(file, block.node, [`${specs[0].key}: ${value}`])]));
  }
  const lines = specs.map((spec) => `${spec.key}: ${choices(spec)[0] ?? placeholderFor(spec)}`);
  return [fixOf(`Add ${specs.map((s) => `'${s.key}'`).join(' and ')}`, finding.file, [insertProperty(file, block.node, lines)], true)];
}

export const missingProperty: Rule = {
  id: 'missing-property',
  severity: 'error',
  summary: 'A required key is absent.',
  docs: 'A study needs `frameworks`; a touchpoint needs `channel`; a question needs `about` and `perspective`; interviews, focus groups, surveys and observation need `participants`.',
  scope: 'file',
  fix: addMissingKeys,
  check({ model, report }) {
    for (const block of blocksOf(model)) {
      const missing: string[] = [];
      for (const spec of PROPERTY_SPECS[block.kind]) if (spec.required && !block.properties.some((p) => p.key.text === spec.key)) missing.push(spec.key);
      if (block.node.kind === 'method' && block.node.methodKind && METHODS_WITH_PARTICIPANTS.includes(block.node.methodKind.text) && !keysOf(block.node).$property.participants) {
        missing.push('participants');
      }
      if (missing.length === 0) continue;
      const range = 'name' in block.node && block.node.name.text ? block.node.name.range : block.node.keywordRange;
      const label = block.node.kind === 'method' ? block.node.methodKind?.text ?? 'method' : block.kind;
      report({ file: block.file, range, message: `This ${label} is missing ${missing.map((k) => `'${k}'`).join(' and ')}`, data: { keys: missing } });
    }
  },
  cases: {
    valid: [{ name: 'all required keys', code: CLEAN_STUDY }],
    invalid: [
      { name: 'touchpoint without channel', code: variant('touchpoint visit "Clinic visit" {\n      channel: face_to_face\n', 'touchpoint [[visit]] "Clinic visit" {\n'), messages: ["missing 'channel'"], output: { "Add 'channel: face_to_face'": CLEAN_STUDY, "Add 'channel: video'": variant('channel: face_to_face', 'channel: video') } },
      { name: 'interview without participants', code: variant('    participants: patient, nurse\n', '', variant('method talks', 'method [[talks]]')), messages: ["interview is missing 'participants'"], output: { "Add 'participants: patient'": variant('participants: patient, nurse', 'participants: patient') } },
      { name: 'study without frameworks', code: variant('  frameworks: reaim.reach\n', '', variant('study clinic', 'study [[clinic]]')), messages: ["missing 'frameworks'"], output: { "Add 'frameworks: npt'": variant('frameworks: reaim.reach', 'frameworks: npt') } },
    ],
  },
};
