/**
 * Interview and focus-group guides, one per `interview` or `focus_group` method, written from
 * the guide's plan (`server/model/guidePlan.ts`: which questions, at which steps, with which
 * prompts, in how much time).
 *
 * A guide walks the journey: services in file order, and under each the participants' sections
 * in the order of their first step, then those about the service as a whole. Each section opens
 * with the question to ask, in the participant's words (`ask_staff`/`ask_service_user`, or a
 * draft built from the step, marked as one); the research question and its id follow as a note
 * for the interviewer; then the steps to cover, the core prompts, the prompts to use if time
 * allows and the follow-up probes, each with a tick box. Consent, recording and withdrawal are
 * sentences the interviewer can read aloud.
 */
import * as path from 'path';
import { ownValue } from '../common/lookup';
import { Side } from '../frameworks/types';
import { targets } from '../model/analysis';
import { MethodDecl, QuestionDecl, ToolDecl } from '../model/ast';
import { keysOf, trimmed, wordOf } from '../model/keys';
import { GuidePlan, GuideSection, guidedMethods, PACE, planGuide, PlannedPrompt } from '../model/guidePlan';
import { StudyModel } from '../model/model';
import { Block, checklist, code, Doc, em, gap, gapNote, heading, Inlines, ListItem, numbered, paragraph, strong, text } from './doc';
import { asSentence, isVulnerable, labelOf, MODE_NAMES, paragraphsOf, questionNumbers, RECORDING_NAMES, refLabels, sampleText, sourceOf } from './describe';

export { guidedMethods, guideQuestions, promptsFor } from '../model/guidePlan';

export function guideId(method: MethodDecl): string {
  return `guide-${method.name.text}`;
}

const ROLE_PLURALS: Record<string, string> = { service_user: 'service users', carer: 'carers', staff: 'staff', manager: 'managers' };
const SIDE_AUDIENCE: Record<Side, string> = { staff: 'staff', service_user: 'service users and carers' };

/** Lower-cases a label's first letter for use inside a sentence, unless it reads as a name ("NHS App", "Attend Anywhere"). */
export function inSentence(label: string): string {
  const words = label.split(/\s+/);
  const isName = /^[A-Z]{2}/.test(words[0]) || words.slice(1).some((w) => /^[A-Z]/.test(w));
  return isName ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** What participants call a tool: its `known_as`, else its label in a sentence ("the care pathway tool", "Attend Anywhere"). */
export function toolName(tool: ToolDecl): string {
  const knownAs = trimmed(keysOf(tool).known_as);
  if (knownAs) return knownAs;
  const label = labelOf(tool);
  const named = inSentence(label);
  return named === label && !/^[A-Z]{2}/.test(label) ? label : `the ${named}`;
}

/** A prompt with `{tool}` filled in; a prompt that starts with it starts with a capital. */
export function fillTool(prompt: string, name: string): string {
  return prompt.replace(/\{tool\}/g, (_, offset: number) => (offset === 0 ? name.charAt(0).toUpperCase() + name.slice(1) : name));
}

/** What the guide needs to know about its method, worked out once. */
interface GuideContext {
  model: StudyModel;
  method: MethodDecl;
  plan: GuidePlan;
  focusGroup: boolean;
  sides: Side[];
  roles: string[];
  /** "the participant" or "everyone" */
  who: string;
  /** the tool the guide's sections run through, when there is exactly one (or the study has one) */
  tool?: ToolDecl;
  numbers: Map<QuestionDecl, string>;
}

/** "about 9 minutes" */
const minutes = (n: number): string => `about ${n} minute${n === 1 ? '' : 's'}`;

export function buildGuide(model: StudyModel, method: MethodDecl, draftNote?: Block): Doc {
  const plan = planGuide(model, method);
  const roles = [...new Set(plan.participants.map((a) => a.role?.text ?? '').filter((r) => ownValue(ROLE_PLURALS, r)))];
  const focusGroup = plan.focusGroup;
  const tools = [...new Set(plan.sections.flatMap((s) => (s.tool ? [s.tool] : [])))];
  const ctx: GuideContext = {
    model,
    method,
    plan,
    focusGroup,
    sides: plan.sides,
    roles,
    who: focusGroup ? 'everyone' : 'the participant',
    tool: tools.length === 1 ? tools[0] : tools.length === 0 && model.tools.length === 1 ? model.tools[0] : undefined,
    numbers: questionNumbers(model),
  };
  const audience = roles.length > 0 ? roles.map((r) => ownValue(ROLE_PLURALS, r)).join(' and ') : 'participants not named';
  const title = `${focusGroup ? 'Focus group guide' : 'Interview guide'}: ${labelOf(method)} (${audience.charAt(0).toUpperCase()}${audience.slice(1)})`;
  const studyLabel = model.study ? labelOf(model.study) : path.basename(model.root.path);
  const blocks: Block[] = [];
  // vulnerable participants need the distress protocol (or its gap) first; other service users get it too when there is one
  const vulnerable = isVulnerable(model, method);
  if (vulnerable || (model.ethics && trimmed(keysOf(model.ethics).distress_protocol) && ctx.sides.includes('service_user'))) blocks.push(distressBox(ctx, vulnerable));
  if (draftNote) blocks.push(draftNote);
  blocks.push(...aboutSection(ctx), ...introduction(ctx), ...opening(ctx), ...journeySections(ctx), ...closing(ctx));
  return { title, forTheRoom: true, subtitle: [text(`For the study "${studyLabel}". Generated by studyspec from `), code(path.basename(model.root.path)), text('.')], blocks };
}

export function buildGuides(model: StudyModel, draftNote?: Block): { method: MethodDecl; doc: Doc }[] {
  return guidedMethods(model).map((method) => ({ method, doc: buildGuide(model, method, draftNote) }));
}

function distressBox(ctx: GuideContext, vulnerable: boolean): Block {
  const ethics = ctx.model.ethics;
  const distress = ethics && trimmed(keysOf(ethics).distress_protocol);
  const capacity = ethics && trimmed(keysOf(ethics).capacity);
  const blocks: Block[] = [paragraph(vulnerable ? `${ctx.focusGroup ? 'Some participants' : 'The participant'} may be vulnerable. Read this before you start.` : 'Read this before you start.')];
  if (distress) blocks.push(...paragraphsOf(distress).map((p) => paragraph(asSentence(p))));
  else blocks.push(paragraph([gap('No distress protocol specified: agree one with the study team before any interview takes place.')]));
  if (vulnerable) blocks.push(paragraph([strong('Capacity to consent: '), ...(capacity ? [text(asSentence(paragraphsOf(capacity).join(' ')))] : [gap('No capacity procedure specified.')])]));
  return { type: 'note', tone: 'box', title: `If ${ctx.focusGroup ? 'a participant' : 'the participant'} becomes distressed`, blocks };
}

/** How the time is spent, in one sentence, or why there is no budget. */
function timeSentence(plan: GuidePlan): string {
  const pace = `The times assume about ${PACE.openingQuestion} minutes for each opening question and ${PACE.prompt} minute for each prompt, answers included${plan.focusGroup ? `, and half as long again in a focus group, where several people answer` : ''}.`;
  if (plan.duration === undefined) return `${pace} The method gives no duration, so the sections have no time budget; the core items need ${minutes(plan.coreMinutes)} in all.`;
  const questions = plan.sections.reduce((n, s) => n + (s.minutes ?? 0), 0);
  return `${pace} Planned for ${plan.duration} minutes: ${plan.introductionMinutes} for the introduction, ${plan.warmUpMinutes} to get started, ${questions} for the questions and ${plan.closingMinutes} to close.`;
}

function aboutSection(ctx: GuideContext): Block[] {
  const { model, method, plan } = ctx;
  const keys = keysOf(method);
  const participants = refLabels(model, keys.participants, (d) => {
    const description = d.kind === 'actor' ? trimmed(keysOf(d).description) : undefined;
    return [text(labelOf(d)), ...(description ? [em(` (${description})`)] : [])];
  });
  const { mode, recording } = keys;
  const blocks: Block[] = [
    {
      type: 'fields',
      items: [
        { label: 'Participants', content: participants.length > 0 ? participants.flatMap((p, i) => (i > 0 ? [text('; '), ...p] : p)) : [gap('No participants named')], source: sourceOf(method) },
        { label: 'Planned sample', content: [text(sampleText(method) ?? 'Not stated')] },
        { label: 'Mode', content: [text(ownValue(MODE_NAMES, mode) ?? 'Not stated')] },
        { label: 'Recording', content: [text(ownValue(RECORDING_NAMES, recording) ?? 'Not stated')] },
        { label: 'Length', content: [text(plan.duration !== undefined ? `${plan.duration} minutes` : 'Not stated')] },
      ],
    },
  ];
  if (plan.participants.length === 0) blocks.push(gapNote('No participants named: the guide cannot tell whose perspective to take, so it lists every question this method answers, for either side.'));
  if (plan.sections.length === 0) blocks.push(gapNote("No evaluation question is answered by this method from its participants' perspective, so the guide has no questions."));
  if (plan.duration !== undefined && plan.coreMinutes > plan.duration) {
    blocks.push(
      gapNote(
        `The core items need ${minutes(plan.coreMinutes)}, more than the ${plan.duration} planned: leave a section out, ask it of another group, or plan a longer ${ctx.focusGroup ? 'group' : 'interview'}.`,
      ),
    );
  }
  for (const { question, reason } of plan.leftOut) blocks.push(gapNote(`Not asked here: ${ctx.numbers.get(question) ?? ''} "${labelOf(question)}", because ${reason}.`));
  blocks.push(
    paragraph([
      strong('Using this guide. '),
      text(
        `Each section opens with the question to ask, in the participant's words; the research question it serves is noted below it for you. Ask the core prompts in every ${ctx.focusGroup ? 'group' : 'interview'} unless the answer has already covered them, and the others if time allows. Tick each box once it has been covered. ${timeSentence(plan)}`,
      ),
    ]),
  );
  return blocks;
}

/** "Say: "…"" — words the interviewer reads aloud. */
function say(words: string): Inlines {
  return [strong('Say: '), text(`"${words}"`)];
}

/** The consent the method takes: its own `consent`, else the study's. */
function consentOf(ctx: GuideContext): string | undefined {
  // the word as written, so that a misspelt method consent is not silently replaced by the study's
  return wordOf(keysOf(ctx.method).$property.consent) ?? (ctx.model.ethics && wordOf(keysOf(ctx.model.ethics).$property.consent));
}

function consentStep(ctx: GuideContext, consent: string | undefined): Inlines {
  const you = ctx.focusGroup ? 'you all' : 'you';
  switch (consent) {
    case 'written':
      return [
        text(`Check that ${ctx.who} has read the information sheet and signed the consent form. `),
        ...say(`Before we start, is there anything in the information sheet you would like to ask about? If you are happy to go ahead, I will ask ${you} to sign the consent form.`),
      ];
    case 'verbal':
      return [
        text('Read the consent statement, and record each answer. '),
        ...say(`I am going to read a short statement about taking part, and then ask whether ${you} agree. Please stop me if anything is unclear.`),
      ];
    case 'online':
      return [text(`Check that ${ctx.who} has completed the online consent form. `), ...say('Thank you for filling in the consent form. Is there anything you would like to ask before we start?')];
    case 'implied':
    case 'waived':
      return say('Taking part is entirely up to you, and you can stop at any time.');
    default:
      return [gap('No consent procedure specified.'), text(' Agree with the study team how consent is taken before any interview.')];
  }
}

function recordingStep(ctx: GuideContext, recording: string | undefined): Inlines {
  const what = ctx.focusGroup ? 'what everyone says' : 'what you say';
  const agree = ctx.focusGroup ? 'Is everyone happy with that?' : 'Is that all right with you?';
  switch (recording) {
    case 'audio':
      return [...say(`I would like to audio-record our conversation, so that I have an accurate record of ${what}. ${agree}`), text(' Start the recorder only once they agree.')];
    case 'video':
      return [...say(`I would like to video-record our conversation, so that I have an accurate record of ${what}. ${agree}`), text(' Start recording only once they agree.')];
    case 'notes':
      return say('I will not record our conversation, but I will take some notes as we talk.');
    case 'none':
      return say('I will not record our conversation.');
    default:
      return [gap('No recording method specified.'), text(' Agree with the study team whether the conversation is recorded.')];
  }
}

const MODE_STEPS: Record<string, string> = {
  telephone: 'Check that {who} can hear you clearly and is somewhere they can talk privately.',
  video: 'Check that {who} can see and hear you clearly and is somewhere they can talk privately.',
  online: 'Check that {who} can take part online without difficulty and is somewhere they can talk privately.',
};

const DATA_WORDS: Record<string, string> = {
  pseudonymised: 'Anything that could identify you, such as names and places, will be taken out of what you say before it is analysed.',
  anonymous: 'Nothing I record will identify you.',
  identifiable: 'Only the study team will see what you say, and it will be kept securely.',
};

/**
 * The withdrawal answer as sentences to read aloud: each clause of `ethics.withdrawal` that
 * concerns this kind of method ("Until transcripts are anonymised, four weeks after the
 * interview" → "You can withdraw what you have said until transcripts are anonymised, …").
 * Undefined when the study gives none; the text as written when no clause can be turned.
 */
function withdrawalWords(ctx: GuideContext): { words: string; spoken: boolean } | undefined {
  const withdrawal = ctx.model.ethics && trimmed(keysOf(ctx.model.ethics).withdrawal);
  if (!withdrawal) return undefined;
  const said = ctx.focusGroup ? 'what you have said in the group' : 'what you have said';
  const clauses = paragraphsOf(withdrawal)
    .join(' ')
    .split(/;\s*|\.\s+/)
    .map((c) => c.trim().replace(/\.$/, ''))
    .filter(Boolean);
  const ours = clauses.filter((c) => {
    const other = ctx.focusGroup ? /\binterview/i.test(c) && !/focus group|group/i.test(c) : /focus group/i.test(c) && !/interview/i.test(c);
    return !other && !/\b(survey|questionnaire)/i.test(c);
  });
  const spoken = ours.map((clause) => {
    const lower = clause.charAt(0).toLowerCase() + clause.slice(1);
    if (/^(until|up to|within|before|for)\b/i.test(clause)) return `You can withdraw ${said} ${lower}.`;
    const can = /\bcan be withdrawn\b\s*(.*)$/i.exec(clause);
    if (can) return `You can withdraw ${said}${can[1] ? ` ${can[1]}` : ''}.`;
    const cannot = /\bcannot be withdrawn\b\s*(.*)$/i.exec(clause);
    if (cannot) return `${said.charAt(0).toUpperCase()}${said.slice(1)} cannot be withdrawn${cannot[1] ? ` ${cannot[1]}` : ''}.`;
    return asSentence(clause.charAt(0).toUpperCase() + clause.slice(1));
  });
  return spoken.length > 0 ? { words: spoken.join(' '), spoken: true } : { words: asSentence(paragraphsOf(withdrawal).join(' ')), spoken: false };
}

function withdrawalStep(ctx: GuideContext, lead: string): Inlines {
  const withdrawal = withdrawalWords(ctx);
  if (!withdrawal) return [...say(lead), text(' '), gap('No withdrawal procedure specified.')];
  if (!withdrawal.spoken) return [...say(lead), text(' '), strong('Withdrawal (from the ethics answers): '), text(withdrawal.words)];
  return say(`${lead} ${withdrawal.words}`);
}

/** The name of what the guide is about, for sentences: the tool, or the service. */
function subjectName(ctx: GuideContext): string {
  return ctx.tool ? toolName(ctx.tool) : 'the service';
}

function introduction(ctx: GuideContext): Block[] {
  const { model, method, plan } = ctx;
  const studyLabel = model.study ? labelOf(model.study) : 'this study';
  const { mode, data, recording } = keysOf(method);
  const steps: Inlines[] = [[text(`Thank ${ctx.who} for taking part. Introduce yourself and the study: `), em(studyLabel), text('.')]];
  steps.push(consentStep(ctx, consentOf(ctx)));
  steps.push(recordingStep(ctx, recording));
  const modeStep = ownValue(MODE_STEPS, mode);
  const dataWords = ownValue(DATA_WORDS, data);
  if (modeStep) steps.push([text(modeStep.replace(/\{who\}/g, ctx.who))]);
  if (dataWords) steps.push(say(dataWords));
  if (ctx.sides.includes('staff')) steps.push(say(`We are evaluating ${subjectName(ctx)} and the service, not you: your employer will not see what any one person says.`));
  if (ctx.sides.includes('service_user')) steps.push(say('Whether you take part or not will not affect the care or support you receive.'));
  if (ctx.focusGroup)
    steps.push(
      say(
        'A few ground rules: one person speaks at a time; there are no right or wrong answers; what is said in the group stays in the group; and nobody has to answer a question they would rather not.',
      ),
    );
  steps.push(withdrawalStep(ctx, 'You can stop at any time, or skip any question, without giving a reason.'));
  steps.push(say('Do you have any questions before we start?'));
  return [heading(1, `Introduction (${minutes(plan.introductionMinutes)})`), numbered(steps)];
}

function opening(ctx: GuideContext): Block[] {
  const carersOnly = ctx.roles.includes('carer') && !ctx.roles.includes('service_user');
  // each side's warm-up, asked of one person ("you") or of each person in a group ("they")
  const staff = { you: 'Could you tell me about your role, and how long you have worked in this service?', they: 'their role, and how long they have worked in the service' };
  const users = carersOnly
    ? { you: 'Could you tell me a little about yourself, and how you came to help someone who uses this service?', they: 'how they came to help someone who uses the service' }
    : { you: 'Could you tell me a little about yourself, and how you came to use this service?', they: 'how they came to use the service' };
  let question: string;
  if (ctx.sides.length === 2) question = `Ask each person to introduce themselves: staff, ${staff.they}; service users and carers, ${users.they}.`;
  else if (ctx.sides.length === 0) question = 'Could you tell me a little about yourself, and how you are involved with this service?';
  else {
    const side = ctx.sides[0] === 'staff' ? staff : users;
    question = ctx.focusGroup ? `Ask each person to introduce themselves: ${side.they}.` : side.you;
  }
  return [heading(1, `Opening (${minutes(ctx.plan.warmUpMinutes)})`), paragraph(question)];
}

/** The walk through the journey: a part per service, its sections in the plan's order. */
function journeySections(ctx: GuideContext): Block[] {
  const blocks: Block[] = [];
  let number = 0;
  let current: GuideSection['service'] | null = null;
  for (const section of ctx.plan.sections) {
    if (section.service !== current) {
      current = section.service;
      blocks.push(section.service ? heading(1, labelOf(section.service), sourceOf(section.service)) : heading(1, 'Other questions'));
      if (!section.service) blocks.push(gapNote('These questions are not about any touchpoint the study declares.'));
    }
    blocks.push(...sectionBlocks(ctx, section, ++number));
  }
  return blocks;
}

/** A prompt for the page: `{tool}` filled with the section's tool, the constructs it serves after it. */
function promptItem(prompt: PlannedPrompt, tool: string): ListItem {
  return { content: [text(`${fillTool(prompt.text, tool)} `), em(`(${prompt.constructs.map((c) => c.name).join('; ')})`)] };
}

function sectionBlocks(ctx: GuideContext, section: GuideSection, number: number): Block[] {
  const { model } = ctx;
  const question = section.question;
  const both = ctx.sides.length === 2;
  const tool = section.tool ? toolName(section.tool) : subjectName(ctx);
  const blocks: Block[] = [];
  const drafted = (o: { drafted: boolean }): Inlines => (o.drafted ? [text(' '), em('(drafted from the study: put it in your own words)')] : []);
  if (both || section.openings.length !== 1) {
    const topic = section.kind === 'service' && section.service ? labelOf(section.service) : section.steps[0] ? labelOf(section.steps[0]) : labelOf(question);
    blocks.push(heading(2, `${number}. ${topic}`, sourceOf(question)));
    const same = section.openings.every((o) => o.text === section.openings[0].text);
    for (const o of same ? section.openings.slice(0, 1) : section.openings)
      blocks.push(paragraph([strong(`Ask ${section.openings.length === 2 && !same ? SIDE_AUDIENCE[o.side] : 'everyone'}: `), text(`"${o.text}"`), ...drafted(o)]));
  } else {
    const [o] = section.openings;
    blocks.push(heading(2, `${number}. ${o.text}`, sourceOf(question)));
    if (o.drafted) blocks.push(paragraph([em(`Drafted from the study: put it in your own words before the ${ctx.focusGroup ? 'group' : 'interview'}.`)]));
  }
  if (section.minutes !== undefined) blocks.push(paragraph([strong(`Time: ${minutes(section.minutes)}.`)]));
  let noteText = `For the interviewer: research question ${ctx.numbers.get(question) ?? ''}, "${labelOf(question)}".`;
  if (section.kind === 'absent') {
    const who = ctx.roles.map((r) => ownValue(ROLE_PLURALS, r)).join(' and ') || 'these participants';
    noteText += ` ${who.charAt(0).toUpperCase()}${who.slice(1)} take no part in ${section.steps.length === 1 ? 'this step' : 'these steps'}: ask what they know of ${section.steps.length === 1 ? 'it' : 'them'} from their role.`;
  }
  const note: Inlines = [em(noteText)];
  if (targets(model, keysOf(question).methods, 'method').length === 0) note.push(text(' '), gap('No method named: this question appears in every guide whose participants hold its perspective.'));
  blocks.push(paragraph(note));
  if (section.steps.length > 1 || section.kind !== 'steps') {
    if (section.steps.length > 0)
      blocks.push(
        paragraph([strong(section.kind === 'absent' ? 'Steps to ask about' : 'Steps to cover')]),
        checklist(section.steps.map((tp) => ({ content: [text(labelOf(tp))], source: sourceOf(tp) }))),
      );
  } else if (section.steps[0]) {
    blocks.push(paragraph([strong('Step: '), text(labelOf(section.steps[0]))], sourceOf(section.steps[0])));
  }
  for (const side of section.sides) {
    const prompts = section.prompts.get(side) ?? [];
    const probes = section.probes.get(side) ?? [];
    const forSide = both ? ` for ${SIDE_AUDIENCE[side]}` : '';
    const core = prompts.filter((p) => p.core);
    const later = prompts.filter((p) => !p.core);
    if (core.length > 0) blocks.push(paragraph([strong(`Core prompts${forSide}`)]), checklist(core.map((p) => promptItem(p, tool))));
    if (later.length > 0) blocks.push(paragraph([strong(`If time${forSide}`)]), checklist(later.map((p) => promptItem(p, tool))));
    if (probes.length > 0) blocks.push(paragraph([strong(`Follow-up probes${forSide}`)]), checklist(probes.map((p) => [text(fillTool(p, tool))])));
  }
  return blocks;
}

function closing(ctx: GuideContext): Block[] {
  const { model } = ctx;
  const staff = ctx.sides.includes('staff');
  const users = ctx.sides.includes('service_user') || ctx.sides.length === 0;
  const tool = ctx.tool ? toolName(ctx.tool) : undefined;
  const subject = tool ?? 'the way the service works';
  const add = ctx.focusGroup ? 'that anyone would like to add' : 'you would like to tell me';
  const steps: Inlines[] = [];
  if (staff && !users) {
    steps.push(say(`Is there anything else about ${tool ? `${tool} and your work with it` : 'the service and your work in it'} that we have not talked about and ${add}?`));
    steps.push(say(`If you could change one thing about ${subject}, what would it be?`));
  } else if (users && !staff) {
    steps.push(say(`Is there anything else about your experience of the service that we have not talked about and ${add}?`));
    steps.push(say(`If you could change one thing about ${tool ? `${tool} or ` : ''}the service, what would it be?`));
  } else {
    steps.push(say(`Is there anything else that we have not talked about and ${ctx.focusGroup ? 'that anyone would like to add' : 'you would like to say'}?`));
    steps.push([...say(`If you could change one thing about ${subject}, what would it be?`), text(' Ask staff and service users in turn.')]);
  }
  // the method's own incentive; the study's only for service users, whom `ethics.incentives` is usually about
  const incentive = trimmed(keysOf(ctx.method).incentive) ?? (users ? model.ethics && trimmed(keysOf(model.ethics).incentives) : undefined);
  steps.push([...say('Thank you very much for your time.'), ...(incentive ? [text(' '), strong('Incentive: '), text(asSentence(paragraphsOf(incentive).join(' ')))] : [])]);
  steps.push([text('Explain what happens next: how what they said will be used, and how they can hear about the findings.')]);
  const contact = model.study && trimmed(keysOf(model.study).contact);
  steps.push([
    ...withdrawalStep(ctx, 'If you change your mind about taking part, please contact the study team.'),
    ...(contact ? [text(' Give the contact details: '), text(asSentence(contact))] : []),
  ]);
  if (ctx.focusGroup) steps.push(say('Please keep what others have said in the group to yourselves.'));
  if (isVulnerable(model, ctx.method))
    steps.push([
      text(
        ctx.focusGroup
          ? 'Before everyone leaves, check how each person is feeling. If anyone is upset, follow the distress protocol at the top of this guide.'
          : 'Before you leave, check how the participant is feeling. If they are upset, follow the distress protocol at the top of this guide.',
      ),
    ]);
  return [heading(1, `Closing (${minutes(ctx.plan.closingMinutes)})`), numbered(steps)];
}
