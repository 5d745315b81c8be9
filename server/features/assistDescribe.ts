/**
 * Markdown descriptions shared by hover and completion: constructs, frameworks, declarations,
 * keys, enum values and rules, written for researchers rather than programmers.
 */
import { RULES_BY_ID } from '../checks/rules';
import { nearestNames } from '../common/nearest';
import { ownValue } from '../common/lookup';
import { codeSpan, escapeMarkdown, escapeMarkdownParagraphs, markdownUrl } from '../common/markdown';
import { Construct, Framework, throughGroups } from '../frameworks/types';
import { questionsByTouchpoint, targets, constructTargets, touchpointsOf } from '../model/analysis';
import { Declaration, MethodDecl, Property, QuestionDecl, TouchpointDecl, BlockKind } from '../model/ast';
import { keysOf, wordOf } from '../model/keys';
import { StudyModel } from '../model/model';
import { METHODS_REACHING_BOTH, METHODS_WITH_PARTICIPANTS, GUIDED_METHODS, PropertySpec, sideOfRole } from '../model/schema';

const SIDE_NAMES: Record<string, string> = { service_user: 'service-user side', staff: 'staff side' };

/** What each allowed value of an enum-valued key means; `role` and `methodKind` are the qualifiers after `:`. */
export const VALUE_DOCS: Record<string, Record<string, string>> = {
  design: {
    qualitative: 'Qualitative: interviews, focus groups, observation — how and why things happen.',
    quantitative: 'Quantitative: surveys, records and usage data — how many and how much.',
    mixed_methods: 'Mixed methods: qualitative and quantitative data, brought together in the analysis.',
  },
  channel: {
    digital: 'Through a digital interface (web form, app, portal). Counts as digital: expects `via:` a tool, and the study needs an equity question or exclusion.',
    face_to_face: 'In person.',
    telephone: 'By telephone.',
    video: 'By video call. Counts as digital: expects `via:` a tool, and the study needs an equity question or exclusion.',
    paper: 'On paper: letters, leaflets, forms.',
    hybrid: 'A mix of digital and other channels. Counts as digital: expects `via:` a tool, and the study needs an equity question or exclusion.',
  },
  perspective: {
    service_user: 'Asks for the view of service users (and carers). At least one of its methods must reach the service-user side.',
    staff: 'Asks for the view of staff (and managers). At least one of its methods must reach the staff side.',
    both: 'Asks for the views of both sides: its methods together must reach service users **and** staff (record reviews, usage logs and document reviews reach both).',
  },
  mode: {
    face_to_face: 'In person.',
    telephone: 'By telephone.',
    video: 'By video call.',
    online: 'Online, e.g. a web survey.',
    paper: 'On paper, e.g. a postal questionnaire.',
  },
  recording: {
    audio: "Audio-recorded (usually transcribed); the interview guide's consent reminder mentions the recording.",
    video: "Video-recorded; the interview guide's consent reminder mentions the recording.",
    notes: 'Written notes only, no recording.',
    none: 'Nothing is recorded.',
  },
  data: {
    identifiable: 'Names or other direct identifiers are kept: the ethics block needs a `lawful_basis`.',
    pseudonymised: 'Identifiers are replaced by codes; the key is kept separately.',
    anonymous: 'No one can be identified from the data.',
  },
  classification: {
    research: 'Research: generalisable new knowledge; usually needs research ethics committee review.',
    service_evaluation: 'Service evaluation: judges a current service against its own aims; usually no committee review.',
    audit: 'Audit: measures a service against a standard.',
  },
  consent: {
    written: 'Written (signed) consent.',
    verbal: 'Verbal consent, recorded by the researcher.',
    online: 'Consent given in an online form.',
    waived: 'Consent waived: say which approval allows it (e.g. section 251 support for records research).',
  },
  role: {
    service_user: 'A service user: on the **service-user side**.',
    carer: 'A family member or friend who cares for a service user: on the **service-user side**.',
    staff: 'Staff delivering the service: on the **staff side**.',
    manager: 'A manager of the service: on the **staff side**.',
  },
  methodKind: {
    interview: 'One-to-one interviews. Needs `participants`; an interview guide is generated.',
    focus_group: 'Group discussions. Needs `participants`; a focus-group guide is generated.',
    survey: 'A questionnaire. Needs `participants`.',
    record_review: 'A review of existing records. Reaches both sides without participants; the ethics block should say how record access is controlled.',
    observation: 'Observation of the service in action. Needs `participants`.',
    usage_log: 'Usage data logged by the tool. Reaches both sides without participants.',
    document_review: 'A review of documents (policies, minutes, guidance). Reaches both sides without participants.',
  },
};

/** One line on a value, or undefined when there is nothing useful to say. */
export function valueDoc(key: string, value: string): string | undefined {
  return ownValue(ownValue(VALUE_DOCS, key) ?? {}, value);
}

const code = codeSpan;
const literal = escapeMarkdown;

function list(items: string[], none = '—'): string {
  return items.length > 0 ? items.join(', ') : none;
}

/** `name` — "label" */
export function titleOf(declaration: { kind: string; name: { text: string }; label?: { text: string } }): string {
  const label = declaration.label?.text ? ` — ${literal(firstLine(declaration.label.text))}` : '';
  return `**${declaration.kind}** ${code(declaration.name.text)}${label}`;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  const line = end === -1 ? text : text.slice(0, end);
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

export function describeFramework(framework: Framework): string {
  // grouping nodes are not constructs: they are left out of the counts
  let total = 0;
  const count = (constructs: Construct[]): void => {
    for (const c of constructs) {
      if (!c.group) total++;
      count(c.children);
    }
  };
  count(framework.constructs);
  const top = throughGroups(framework.constructs);
  const parts = [
    `**${literal(framework.name)}** · ${code(framework.id)}`,
    `${literal(framework.kind)} framework${framework.builtin ? ' (built in)' : ''} · ${top.length} constructs${total > top.length ? ` (${total} with their parts)` : ''}: ${framework.constructs.map((c) => code(c.id)).join(', ')}`,
    escapeMarkdownParagraphs(framework.citation),
  ];
  if (framework.url) parts.push(markdownUrl(framework.url));
  return parts.join('\n\n');
}

export function describeConstruct(construct: Construct, withCitation = true): string {
  const parts = [`**${literal(construct.name)}** · ${code(construct.path)}`, escapeMarkdownParagraphs(construct.definition)];
  if (construct.aliases.length > 0) parts.push(`Also called: ${construct.aliases.map(code).join(', ')}`);
  if (construct.group) parts.push('A grouping of the constructs below it, not a construct itself: coverage counts the constructs in it.');
  if (construct.children.length > 0) parts.push(`Parts: ${construct.children.map((c) => code(c.id)).join(', ')}`);
  const within = construct.parent ? `${literal(construct.parent.name)}, ` : '';
  parts.push(`From _${within}${literal(construct.framework.name)}_ (${literal(construct.framework.kind)})`);
  if (withCitation) parts.push(escapeMarkdownParagraphs(construct.framework.citation));
  return parts.join('\n\n');
}

export function describeKey(block: BlockKind, spec: PropertySpec): string {
  const parts = [`**${spec.key}** (${block}${spec.required ? ', required' : ''})`, spec.doc];
  const value = spec.value;
  switch (value.type) {
    case 'enum':
      parts.push(`One of: ${value.values.map(code).join(' · ')}`);
      break;
    case 'boolean':
      parts.push('`yes` or `no`');
      break;
    case 'ref':
      parts.push(`${spec.list ? 'Names of' : 'The name of'} ${value.kinds.map((k) => `${k}s`).join(' or ')}${spec.list ? ', separated by commas' : ''}`);
      break;
    case 'construct':
      parts.push('Construct references, `framework.construct`, separated by commas');
      break;
    case 'framework':
      parts.push('Framework ids, parts of frameworks, or "paths" to your own framework files, separated by commas');
      break;
    case 'text':
      parts.push('A "string" or a """text block"""');
      break;
    case 'string':
      parts.push(spec.list ? '"Strings", separated by commas' : 'A "string"');
      break;
    case 'count':
      parts.push(value.single ? 'A number' : 'A number, or a range such as `12..16`');
      break;
  }
  return parts.join('\n\n');
}

/** A short description for completion items: no cross-references, so it stays cheap for long lists. */
export function summarizeDeclaration(declaration: Declaration): string {
  const facts: string[] = [];
  switch (declaration.kind) {
    case 'touchpoint': {
      const keys = keysOf(declaration);
      const channel = wordOf(keys.$property.channel);
      if (channel) facts.push(`channel: ${literal(channel)}`);
      const stage = keys.stage;
      if (stage) facts.push(`stage: ${literal(stage)}`);
      if (declaration.service) facts.push(`in ${code(declaration.service.name.text)}`);
      break;
    }
    case 'service':
      facts.push(`${declaration.touchpoints.length} touchpoint${declaration.touchpoints.length === 1 ? '' : 's'}: ${declaration.touchpoints.map((t) => code(t.name.text)).join(', ')}`);
      break;
    case 'actor':
      if (declaration.role) facts.push(`${literal(declaration.role.text)} (${ownValue(SIDE_NAMES, sideOfRole(declaration.role.text)) ?? 'unknown side'})`);
      if (keysOf(declaration).vulnerable) facts.push('vulnerable');
      break;
    case 'method':
      if (declaration.methodKind) facts.push(literal(declaration.methodKind.text));
      break;
    case 'tool': {
      const platform = keysOf(declaration).platform;
      if (platform) facts.push(literal(platform));
      break;
    }
    case 'question': {
      const perspective = wordOf(keysOf(declaration).$property.perspective);
      if (perspective) facts.push(`perspective: ${literal(perspective)}`);
      break;
    }
  }
  return [titleOf(declaration), facts.join(' · ')].filter(Boolean).join('\n\n');
}

function refNames(model: StudyModel, property: Property | undefined): string[] {
  return (property?.values ?? [])
    .map((value) => {
      if (value.kind !== 'ref') return value.kind === 'string' ? `"${literal(value.text)}"` : '';
      const site = model.referenceByValue.get(value);
      const label = site?.declaration?.label?.text;
      return label && !site?.problem ? `${code(value.path)} (${literal(firstLine(label))})` : code(value.path);
    })
    .filter(Boolean);
}

function questionLine(question: QuestionDecl, through?: string): string {
  const perspective = wordOf(keysOf(question).$property.perspective);
  const notes = [perspective, through ? `through service ${through}` : undefined]
    .filter(Boolean)
    .map((note) => literal(note ?? ''))
    .join(', ');
  return `- ${code(question.name.text)}${question.label ? ` ${literal(firstLine(question.label.text))}` : ''}${notes ? ` _(${notes})_` : ''}`;
}

/** The service a question reaches a touchpoint through, when it names the service rather than the touchpoint. */
function reachedThrough(question: QuestionDecl, touchpoint: TouchpointDecl): string | undefined {
  const direct = keysOf(question).about.some((v) => v.path === touchpoint.name.text);
  return direct ? undefined : touchpoint.service?.name.text;
}

function questionsUsing(model: StudyModel, method: MethodDecl): QuestionDecl[] {
  return model.questions.filter((q) => targets(model, keysOf(q).methods, 'method').includes(method));
}

function touchpointFacts(model: StudyModel, touchpoint: TouchpointDecl): string[] {
  const facts: string[] = [];
  const keys = keysOf(touchpoint);
  const channel = wordOf(keys.$property.channel);
  const via = refNames(model, keys.$property.via);
  facts.push(`Channel: ${channel ? code(channel) : '_not given_'}${via.length ? ` via ${via.join(', ')}` : ''}${keys.backstage ? ' · backstage' : ''}`);
  const stage = keys.stage;
  const service = touchpoint.service;
  facts.push(`Stage: ${stage ? literal(stage) : '_not given_'} · Service: ${service ? `${code(service.name.text)}${service.label ? ` (${literal(firstLine(service.label.text))})` : ''}` : '_none_'}`);
  facts.push(`Actors: ${list(refNames(model, keys.$property.actors), '_none listed: both sides assumed_')}`);
  const coproduction = constructTargets(model, keys.coproduction);
  if (coproduction.length > 0) facts.push(`Co-production: ${coproduction.map((c) => `${literal(c.name)} (${code(c.path)})`).join(', ')}`);
  const questions = questionsByTouchpoint(model).get(touchpoint) ?? [];
  facts.push(questions.length > 0 ? `Questions about it:\n${questions.map((q) => questionLine(q, reachedThrough(q, touchpoint))).join('\n')}` : 'No question is about this touchpoint yet.');
  return facts;
}

/** Everything useful about a declaration, with its links through the model. */
export function describeDeclaration(model: StudyModel | undefined, declaration: Declaration): string {
  const parts = [titleOf(declaration)];
  if (!model) return parts.join('\n\n');
  switch (declaration.kind) {
    case 'touchpoint':
      parts.push(...touchpointFacts(model, declaration));
      break;
    case 'service': {
      const { provider, description } = keysOf(declaration);
      if (provider) parts.push(`Provider: ${literal(provider)}`);
      if (description) parts.push(escapeMarkdownParagraphs(description));
      const index = questionsByTouchpoint(model);
      const lines = declaration.touchpoints.map((t, i) => `${i + 1}. ${code(t.name.text)}${t.label ? ` ${literal(firstLine(t.label.text))}` : ''} — ${(index.get(t) ?? []).length} question(s)`);
      parts.push(lines.length > 0 ? `Touchpoints, in journey order:\n${lines.join('\n')}` : 'No touchpoints yet.');
      break;
    }
    case 'actor': {
      const role = declaration.role?.text;
      const side = sideOfRole(role);
      const { vulnerable, description } = keysOf(declaration);
      parts.push(
        `Role: ${role ? code(role) : '_not given_'}${side ? ` — ${ownValue(SIDE_NAMES, side)}` : ''}${vulnerable ? ' · **vulnerable**: the ethics block needs a distress protocol and a capacity procedure' : ''}`,
      );
      if (description) parts.push(escapeMarkdownParagraphs(description));
      const methods = model.methods.filter((m) => targets(model, keysOf(m).participants, 'actor').includes(declaration)).map((m) => code(m.name.text));
      const touchpoints = model.touchpoints.filter((t) => targets(model, keysOf(t).actors, 'actor').includes(declaration)).map((t) => code(t.name.text));
      parts.push(`Takes part in: ${list(methods, '_no method_')} · Meets at: ${list(touchpoints, '_no touchpoint_')}`);
      break;
    }
    case 'tool': {
      const keys = keysOf(declaration);
      for (const key of ['description', 'platform'] as const) {
        const value = keys[key];
        if (value) parts.push(`${key === 'platform' ? 'Platform: ' : ''}${escapeMarkdownParagraphs(value)}`);
      }
      const codesigned = keys.codesigned;
      if (codesigned !== undefined) parts.push(codesigned ? 'Co-designed with service users and staff' : 'Not co-designed');
      const touchpoints = model.touchpoints.filter((t) => targets(model, keysOf(t).via, 'tool').includes(declaration)).map((t) => code(t.name.text));
      parts.push(`Used at: ${list(touchpoints, '_no touchpoint_')}`);
      break;
    }
    case 'method': {
      const kind = declaration.methodKind?.text;
      const kindDoc = kind ? valueDoc('methodKind', kind) : undefined;
      parts.push(`Kind: ${kind ? code(kind) : '_not given_'}${kindDoc ? ` — ${kindDoc}` : ''}`);
      const keys = keysOf(declaration);
      const facts = [`Participants: ${list(refNames(model, keys.$property.participants), kind && METHODS_REACHING_BOTH.includes(kind) ? '_none needed_' : '_none_')}`];
      const sample = keys.sample;
      if (sample) facts.push(`Sample: ${sample.isRange ? `${sample.min}–${sample.max}` : sample.min}`);
      for (const key of ['mode', 'recording', 'data'] as const) {
        const value = wordOf(keys.$property[key]);
        if (value) facts.push(`${key[0].toUpperCase()}${key.slice(1)}: ${literal(value)}`);
      }
      parts.push(facts.join(' · '));
      if (kind && METHODS_WITH_PARTICIPANTS.includes(kind) && !keys.$property.participants) parts.push('_Needs `participants`._');
      if (kind && GUIDED_METHODS.includes(kind)) parts.push('An interview guide is generated for this method.');
      const questions = questionsUsing(model, declaration);
      parts.push(questions.length > 0 ? `Answers:\n${questions.map((q) => questionLine(q)).join('\n')}` : 'No question uses this method yet.');
      break;
    }
    case 'question': {
      const keys = keysOf(declaration);
      const perspective = wordOf(keys.$property.perspective);
      parts.push(`Perspective: ${perspective ? code(perspective) : '_not given_'}`);
      const about = touchpointsOf(model, declaration).map((t) => code(t.name.text));
      parts.push(`About: ${list(about, '_no touchpoint_')}`);
      const constructs = constructTargets(model, keys.constructs);
      parts.push(`Constructs: ${constructs.length ? constructs.map((c) => `${literal(c.name)} (${code(c.path)})`).join(', ') : '_none_'}`);
      parts.push(`Methods: ${list(refNames(model, keys.$property.methods), '_none_')}`);
      break;
    }
  }
  return parts.join('\n\n');
}

/** One line on each keyword, for completion details and hover. */
export const KEYWORD_DOCS: Record<string, string> = {
  import: 'Import a fragment: `import "./services/practice.study"`. Its declarations join this study.',
  study: 'The study: its summary, design, frameworks, and everything it evaluates.',
  actor: 'Someone who takes part in the service: `actor name: role "Who they are"` (role: service_user, carer, staff or manager).',
  tool: 'The digital tool under evaluation.',
  service: 'A service, with its touchpoints in journey order.',
  touchpoint: 'A point where staff and service users meet, in person or through a digital interface.',
  question: 'An evaluation question: about which touchpoints, from whose perspective, which constructs, which methods.',
  method: 'How data are collected: `method name: kind "Label"` (interview, focus_group, survey, record_review, …).',
  exclude: 'Take a construct, part or framework out of the coverage requirement: `exclude npt.coherence "reason"`.',
  ethics: 'The ethics answers: classification, consent, withdrawal, retention, lawful basis, …',
};

/** A rule's summary, docs and default severity; for an unknown id, the nearest ones. */
export function describeRule(id: string): string {
  const rule = RULES_BY_ID.get(id);
  if (!rule) {
    const nearest = nearestNames(id, RULES_BY_ID.keys());
    return `No rule ${code(id)}${nearest.length ? `: did you mean ${nearest.map(code).join(' or ')}?` : ''}`;
  }
  return `**${rule.id}** (default: ${rule.severity})\n\n${rule.summary}\n\n${rule.docs}`;
}
