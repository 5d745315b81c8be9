import { journey } from '../../model/analysis';
import { Declaration } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { METHODS_WITH_PARTICIPANTS, PROPERTY_SPECS, propertySpec, PropertySpec } from '../../model/schema';
import { NO_REPORTS } from '../blocks';
import { blockAt, fixOf, insertProperty, placeholderFor } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

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

/** Each kind's required keys. */
const REQUIRED = Object.fromEntries(Object.entries(PROPERTY_SPECS).map(([kind, specs]) => [kind, specs.filter((spec) => spec.required)])) as Record<keyof typeof PROPERTY_SPECS, PropertySpec[]>;

export const missingProperty: Rule = {
  id: 'missing-property',
  severity: 'error',
  summary: 'A required key is absent.',
  docs: 'A study needs `frameworks`; a touchpoint needs `channel`; a question needs `about` and `perspective`; interviews, focus groups, surveys and observation need `participants`.',
  scope: 'file',
  fix: addMissingKeys,
  checkBlock(block) {
    // most blocks miss nothing: the list is made only for one that does
    let missing: string[] | undefined;
    const required = REQUIRED[block.kind];
    for (let i = 0; i < required.length; i++) if (!block.specs.includes(required[i])) (missing ??= []).push(required[i].key);
    if (block.node.kind === 'method' && block.node.methodKind && METHODS_WITH_PARTICIPANTS.includes(block.node.methodKind.text) && !keysOf(block.node).$property.participants) {
      (missing ??= []).push('participants');
    }
    if (!missing) return NO_REPORTS;
    const range = 'name' in block.node && block.node.name.text ? block.node.name.range : block.node.keywordRange;
    const label = block.node.kind === 'method' ? (block.node.methodKind?.text ?? 'method') : block.kind;
    return [{ file: block.file, range, message: `This ${label} is missing ${missing.map((k) => `'${k}'`).join(' and ')}`, data: { keys: missing } }];
  },
  cases: {
    valid: [{ name: 'all required keys', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'touchpoint without channel',
        code: variant('touchpoint visit "Clinic visit" {\n      channel: face_to_face\n', 'touchpoint [[visit]] "Clinic visit" {\n'),
        messages: ["missing 'channel'"],
        output: { "Add 'channel: face_to_face'": CLEAN_STUDY, "Add 'channel: video'": variant('channel: face_to_face', 'channel: video') },
      },
      {
        name: 'interview without participants',
        code: variant('    participants: patient, nurse\n', '', variant('method talks', 'method [[talks]]')),
        messages: ["interview is missing 'participants'"],
        output: { "Add 'participants: patient'": variant('participants: patient, nurse', 'participants: patient') },
      },
      {
        name: 'study without frameworks',
        code: variant('  frameworks: reaim.reach\n', '', variant('study clinic', 'study [[clinic]]')),
        messages: ["missing 'frameworks'"],
        output: { "Add 'frameworks: npt'": variant('frameworks: reaim.reach', 'frameworks: npt') },
      },
    ],
  },
};
