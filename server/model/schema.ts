import { BlockKind, DeclarationKind } from './ast';

/** What a property's values must be. */
export type ValueSpec =
  | { type: 'string' }
  | { type: 'text' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  /** a number, or a range such as `12..16` unless `single` */
  | { type: 'count'; single?: boolean }
  | { type: 'ref'; kinds: readonly DeclarationKind[] }
  | { type: 'construct' }
  | { type: 'framework' };

export interface PropertySpec {
  key: string;
  value: ValueSpec;
  /** more than one value allowed, comma-separated */
  list: boolean;
  /** required in every block of its kind */
  required?: boolean;
  doc: string;
}

export const ROLES = ['service_user', 'carer', 'staff', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export const METHOD_KINDS = ['interview', 'focus_group', 'survey', 'record_review', 'observation', 'usage_log', 'document_review'] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];
export const CHANNELS = ['digital', 'face_to_face', 'telephone', 'video', 'paper', 'hybrid'] as const;
export const DIGITAL_CHANNELS: readonly string[] = ['digital', 'video', 'hybrid'];
export const PERSPECTIVES = ['service_user', 'staff', 'both'] as const;
/** Methods that need named participants (LANGUAGE.md: `participants` required). */
export const METHODS_WITH_PARTICIPANTS: readonly string[] = ['interview', 'focus_group', 'survey', 'observation'];
/** Methods that reach both sides without participants. */
export const METHODS_REACHING_BOTH: readonly string[] = ['record_review', 'usage_log', 'document_review'];
/** Methods an interview guide is generated for. */
export const GUIDED_METHODS: readonly string[] = ['interview', 'focus_group'];
/** How consent is given: per method (`method.consent`) or for the whole study (`ethics.consent`). */
export const CONSENT_TYPES = ['written', 'verbal', 'online', 'implied', 'waived'] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

/*
 * Every key of every block, declared once. The entries below are the source of the key table in
 * docs/language.md (`npm run docs:keys`), of key completion, hover and `unknown-property`
 * suggestions, of value checks, and of the types of the typed views (`keysOf` in keys.ts):
 * a new key is one entry here, and a misspelt key in a rule or generator does not compile.
 */
const text = <const K extends string>(key: K, doc: string) => ({ key, value: { type: 'text' }, list: false, doc }) as const;
const str = <const K extends string>(key: K, doc: string) => ({ key, value: { type: 'string' }, list: false, doc }) as const;
const oneOf = <const K extends string, const V extends readonly string[]>(key: K, values: V, doc: string, required = false) =>
  ({ key, value: { type: 'enum', values }, list: false, required, doc }) as const;
const flag = <const K extends string>(key: K, doc: string) => ({ key, value: { type: 'boolean' }, list: false, doc }) as const;
const strs = <const K extends string>(key: K, doc: string) => ({ key, value: { type: 'string' }, list: true, doc }) as const;
const refs = <const K extends string, const D extends readonly DeclarationKind[]>(key: K, kinds: D, doc: string, required = false) =>
  ({ key, value: { type: 'ref', kinds }, list: true, required, doc }) as const;

const DECLARED_KEYS = {
  study: [
    text('summary', 'A lay summary of the study, as the protocol prints it.'),
    oneOf('design', ['qualitative', 'quantitative', 'mixed_methods'], 'The overall study design.'),
    {
      key: 'frameworks',
      value: { type: 'framework' },
      list: true,
      required: true,
      doc: 'The theories the study uses: a framework id (`npt`), one part of it (`cfir.inner_setting`) or a framework file of your own (`"./local.json"`). Coverage is checked over the constructs directly below what you select.',
    },
    str('setting', 'Where the study takes place.'),
    str('duration', 'How long the study runs, e.g. "18 months".'),
    str('version', 'The protocol version; the information sheets and consent forms print it.'),
    text('aims', 'What the evaluation sets out to learn, in a sentence or two. The protocol prints it under "Aims and objectives"; the information sheets use it to say what the study is for.'),
    strs('objectives', 'The objectives, one string each: `objectives: "Describe how requests are triaged", "Explore who is left out"`.'),
    text('implementation_strategy', 'How the tool is being introduced: training, champions, support, incentives. StaRI reports it apart from the tool itself.'),
    str('sponsor', 'The organisation that sponsors the study (administrative information; printed on the information sheets).'),
    str('funder', 'Who funds the study (administrative information; printed on the information sheets).'),
    str('iras_id', 'The IRAS project id, printed on the protocol, information sheets and consent forms.'),
    str('contact', 'Who participants contact about the study (the study team), with an email or telephone number; printed on the information sheets.'),
    str('complaints', "Who participants can complain to, independent of the study team (e.g. the sponsor's research governance office or PALS)."),
    text('data_management', 'How data are stored, transcribed, accessed and transferred.'),
    text('dissemination', 'How the findings are shared, including with participants.'),
    strs('milestones', 'The timeline, one string per milestone: `milestones: "Months 1-3: recruitment", "Months 4-9: interviews"`.'),
  ],
  actor: [
    flag('vulnerable', 'Whether these participants may be vulnerable (for example people using mental-health services); the ethics block then needs a distress protocol and a capacity procedure.'),
    str('description', 'Who these people are.'),
    strs('inclusion', 'Who in this group is eligible to take part, one criterion per string; the information sheet\'s "Why have I been invited?" follows it.'),
    strs('exclusion', 'Who in this group is not eligible, one criterion per string.'),
  ],
  tool: [
    str('description', 'What the digital tool under evaluation is.'),
    str('platform', 'What it runs on, e.g. "Android tablet".'),
    flag('codesigned', 'Whether service users and staff co-designed the tool.'),
    str('known_as', 'What participants call the tool ("the app", "the online form"); interview guides and information sheets use it instead of the tool\'s formal name.'),
  ],
  service: [str('description', 'What the service does.'), str('provider', 'Who provides the service.')],
  touchpoint: [
    oneOf('channel', CHANNELS, 'How staff and service users meet at this point.', true),
    refs('via', ['tool'], 'The digital tool this touchpoint happens through; expected for digital, video and hybrid touchpoints.'),
    refs('actors', ['actor'], 'Who meets at this touchpoint. With none listed, both sides are assumed to meet here.'),
    { key: 'coproduction', value: { type: 'construct' }, list: true, doc: 'The mode of co-production at this point, as construct references (e.g. `four_cos.co_delivery`).' },
    str('stage', 'The journey stage label, e.g. "access"; the blueprint groups touchpoints by stage.'),
    flag('backstage', "Whether this happens below the line of visibility, out of the service user's sight."),
    strs('evidence', 'What the service user sees or holds at this step, one string each (the blueprint\'s physical-evidence row), e.g. "Text message with a link".'),
  ],
  question: [
    refs('about', ['touchpoint', 'service'], 'The touchpoints the question is about; a service means all of its touchpoints.', true),
    oneOf('perspective', PERSPECTIVES, 'Whose view the question asks for: `service_user`, `staff` or `both`.', true),
    { key: 'constructs', value: { type: 'construct' }, list: true, doc: 'The theory constructs the question addresses, e.g. `npt.coherence.differentiation`.' },
    refs('methods', ['method'], 'How the question will be answered: the methods that collect the data.'),
    { key: 'probes', value: { type: 'string' }, list: true, doc: 'Follow-up prompts, printed under the question in interview guides for every side the question asks.' },
    str('ask_staff', "The open question the interviewer asks staff, in their own words; the question's title stays the research question."),
    str('ask_service_user', "The open question the interviewer asks service users and carers, in their own words; the question's title stays the research question."),
    strs('probes_staff', 'Follow-up prompts for staff only, in interview guides.'),
    strs('probes_service_user', 'Follow-up prompts for service users and carers only, in interview guides.'),
  ],
  method: [
    refs('participants', ['actor'], 'Who takes part: required for interviews, focus groups, surveys and observation.'),
    { key: 'sample', value: { type: 'count' }, list: false, doc: 'The planned sample: a number (`400`) or a range (`12..16`).' },
    oneOf('mode', ['face_to_face', 'telephone', 'video', 'online', 'paper'], 'How the method is carried out.'),
    oneOf('recording', ['audio', 'video', 'notes', 'none'], "How the data are recorded; the interview guide's consent reminder follows it."),
    str('source', 'Where the data come from, e.g. "Practice electronic medical records".'),
    str('instrument', 'The instrument used, e.g. a named questionnaire.'),
    oneOf(
      'data',
      ['identifiable', 'pseudonymised', 'anonymous'],
      'How identifiable the collected data are; identifiable data need a lawful basis. Without it, audio or video recordings count as identifiable.',
    ),
    text('recruitment', 'How participants are identified and approached, and by whom.'),
    text('sampling', 'The sampling strategy or frame and why, e.g. "Purposive by referral route and age".'),
    text('analysis', 'How the data will be analysed, e.g. "Framework analysis with NPT as the initial frame".'),
    oneOf(
      'consent',
      CONSENT_TYPES,
      "How this method's participants consent; overrides `ethics.consent`. `implied`: returning an anonymous questionnaire shows consent; `waived`: no consent is sought (the protocol must justify it).",
    ),
    {
      key: 'duration',
      value: { type: 'count', single: true },
      list: false,
      doc: 'How long one interview or focus group lasts, in minutes (`45`); guides budget their time from it and information sheets tell participants.',
    },
    str('incentive', 'What this method\'s participants receive for taking part, e.g. "A 20 pound voucher"; overrides `ethics.incentives`.'),
  ],
  ethics: [
    oneOf('classification', ['research', 'service_evaluation', 'audit'], 'Whether this is research, a service evaluation or an audit.'),
    oneOf('consent', CONSENT_TYPES, 'How participants give consent, unless a method says otherwise with its own `consent`. `implied`: returning an anonymous questionnaire shows consent.'),
    text('lawful_basis', 'The lawful basis for processing personal data (e.g. UK GDPR Article 6(1)(e) and 9(2)(j)).'),
    text('retention', 'How long data are kept, and how they are destroyed.'),
    text('withdrawal', 'How and until when participants can withdraw their data.'),
    text('distress_protocol', 'What the researcher does if a participant becomes distressed.'),
    text('capacity', 'How capacity to consent is assessed, and what happens when it is lacking.'),
    text('record_access', 'How access to records is controlled.'),
    text('incentives', 'Payments or vouchers for participants, unless a method says otherwise with its own `incentive`.'),
    text('public_involvement', 'How patients and the public are involved in the study.'),
  ],
} as const satisfies Record<BlockKind, readonly PropertySpec[]>;

/** The declared keys of each block, in the order the docs and completion list them. */
export const PROPERTY_SPECS: Record<BlockKind, readonly PropertySpec[]> = DECLARED_KEYS;

type DeclaredSpec<B extends BlockKind> = (typeof DECLARED_KEYS)[B][number];
/** The keys a block of kind B declares: `KeyOf<'method'>` is `'participants' | 'sample' | …`. */
export type KeyOf<B extends BlockKind> = DeclaredSpec<B>['key'];
/** The declaration of one key. */
export type SpecOf<B extends BlockKind, K extends KeyOf<B>> = Extract<DeclaredSpec<B>, { key: K }>;
/** The allowed values of an enum key: `EnumOf<'method', 'mode'>` is `'face_to_face' | …`. */
export type EnumOf<B extends BlockKind, K extends KeyOf<B>> = SpecOf<B, K>['value'] extends { type: 'enum'; values: readonly (infer V)[] } ? V : never;

const SPEC_INDEX = new Map<BlockKind, Map<string, PropertySpec>>();

/** A block kind's declared keys by name. */
export function propertySpecsOf(block: BlockKind): ReadonlyMap<string, PropertySpec> {
  let index = SPEC_INDEX.get(block);
  if (!index) SPEC_INDEX.set(block, (index = new Map(PROPERTY_SPECS[block].map((spec) => [spec.key, spec]))));
  return index;
}

export function propertySpec(block: BlockKind, key: string): PropertySpec | undefined {
  return propertySpecsOf(block).get(key);
}

export function sideOfRole(role: string | undefined): 'service_user' | 'staff' | undefined {
  if (role === 'service_user' || role === 'carer') return 'service_user';
  if (role === 'staff' || role === 'manager') return 'staff';
  return undefined;
}
