/**
 * Interview and focus-group guides, one per `interview` or `focus_group` method.
 *
 * Which questions: those that name the method (or name no method at all, marked as a gap)
 * and whose perspective the participants hold: a staff method gets the staff and both
 * questions, a service-user method the service-user and both ones; a method with both sides
 * gets all, each labelled with who is asked.
 *
 * Where: the guide walks the journey (services in file order, touchpoints in service order).
 * A question is written out in full at the first touchpoint it is about; at each later one
 * the guide points back to it ("see question 2 above"). A question about a whole service is
 * written once, after that service's touchpoints, under "The service as a whole", rather than
 * being repeated or pointed to at every touchpoint: the interviewer asks it once the
 * participant has walked through the steps.
 *
 * Under each question: the framework prompts of its constructs for the side asked (from the
 * construct, or its nearest ancestor with prompts for that side), then the question's own probes.
 */
import * as path from 'path';
import { ownValue } from '../common/lookup';
import { Construct, Side } from '../frameworks/types';
import { booleanValue, constructTargets, enumValue, perspectiveSides, targets, touchpointsOf } from '../model/analysis';
import { ActorDecl, MethodDecl, propertyOf, QuestionDecl, TouchpointDecl } from '../model/ast';
import { StudyModel } from '../model/model';
import { GUIDED_METHODS } from '../model/schema';
import { Block, bullets, code, Doc, em, gap, gapNote, heading, Inlines, ListItem, numbered, paragraph, strong, text } from './doc';
import { asSentence, CHANNEL_NAMES, isVulnerable, labelOf, MODE_NAMES, paragraphsOf, participantSides, RECORDING_NAMES, refLabels, sampleText, sourceOf, stringList, textValue } from './describe';

export function guideId(method: MethodDecl): string {
  return `guide-${method.name.text}`;
}

/** The methods a guide is written for, in file order. */
export function guidedMethods(model: StudyModel): MethodDecl[] {
  return model.methods.filter((m) => m.methodKind && GUIDED_METHODS.includes(m.methodKind.text));
}

const ROLE_PLURALS: Record<string, string> = { service_user: 'service users', carer: 'carers', staff: 'staff', manager: 'managers' };
const SIDE_AUDIENCE: Record<Side, string> = { staff: 'staff', service_user: 'service users and carers' };

/** What the guide needs to know about its method, worked out once. */
interface GuideContext {
  model: StudyModel;
  method: MethodDecl;
  focusGroup: boolean;
  /** the sides the participants hold; empty when none are named */
  sides: Side[];
  roles: string[];
  /** "the participant" or "everyone" */
  who: string;
  /** the tool the guide's touchpoints go through, in words for a sentence, when there is exactly one */
  tool?: string;
}

/** Lower-cases a label's first letter for use inside a sentence, unless it reads as a name ("NHS App", "Attend Anywhere"). */
export function inSentence(label: string): string {
  const words = label.split(/\s+/);
  const isName = /^[A-Z]{2}/.test(words[0]) || words.slice(1).some((w) => /^[A-Z]/.test(w));
  return isName ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** The questions of a method's guide, each with the sides it is put to. */
export function guideQuestions(model: StudyModel, method: MethodDecl): Map<QuestionDecl, Side[]> {
  const sides = participantSides(model, method);
  const result = new Map<QuestionDecl, Side[]>();
  for (const question of model.questions) {
    const methods = targets(model, question, 'methods', 'method');
    if (methods.length > 0 && !methods.includes(method)) continue;
    const perspective = propertyOf(question, 'perspective') ? perspectiveSides(question) : sides;
    const asked = sides.length > 0 ? perspective.filter((s) => sides.includes(s)) : perspective;
    if (asked.length > 0) result.set(question, asked);
  }
  return result;
}

/** The prompts a question's constructs give for one side: each construct's own, or its nearest ancestor's. */
export function promptsFor(model: StudyModel, question: QuestionDecl, side: Side): { prompt: string; construct: Construct }[] {
  const result: { prompt: string; construct: Construct }[] = [];
  for (const construct of constructTargets(model, question, 'constructs')) {
    let source: Construct | undefined = construct;
    while (source && source.prompts[side].length === 0) source = source.parent;
    for (const prompt of source?.prompts[side] ?? []) if (!result.some((r) => r.prompt === prompt)) result.push({ prompt, construct });
  }
  return result;
}

export function buildGuide(model: StudyModel, method: MethodDecl, draftNote?: Block): Doc {
  const questions = guideQuestions(model, method);
  const actors = targets(model, method, 'participants', 'actor');
  const roles = [...new Set(actors.map((a) => a.role?.text ?? '').filter((r) => ownValue(ROLE_PLURALS, r)))];
  const focusGroup = method.methodKind?.text === 'focus_group';
  const tools = [...new Set([...questions.keys()].flatMap((q) => touchpointsOf(model, q)).flatMap((tp) => targets(model, tp, 'via', 'tool')))];
  const ctx: GuideContext = {
    model,
    method,
    focusGroup,
    sides: participantSides(model, method),
    roles,
    who: focusGroup ? 'everyone' : 'the participant',
    tool: tools.length === 1 ? `the ${inSentence(labelOf(tools[0]))}` : undefined,
  };
  const audience = roles.length > 0 ? roles.map((r) => ownValue(ROLE_PLURALS, r)).join(' and ') : 'participants not named';
  const title = `${focusGroup ? 'Focus group guide' : 'Interview guide'}: ${labelOf(method)} (${audience.charAt(0).toUpperCase()}${audience.slice(1)})`;
  const studyLabel = model.study ? labelOf(model.study) : path.basename(model.root.path);
  const blocks: Block[] = [];
  // vulnerable participants need the distress protocol (or its gap) first; other service users get it too when there is one
  const vulnerable = isVulnerable(model, method);
  if (vulnerable || (model.ethics && textValue(model.ethics, 'distress_protocol') && ctx.sides.includes('service_user'))) blocks.push(distressBox(ctx, vulnerable));
  if (draftNote) blocks.push(draftNote);
  blocks.push(...aboutSection(ctx, actors, questions.size), ...introduction(ctx), ...opening(ctx), ...journeySections(ctx, questions), ...closing(ctx));
  return { title, subtitle: [text(`For the study "${studyLabel}". Generated by studyspec from `), code(path.basename(model.root.path)), text('.')], blocks };
}

export function buildGuides(model: StudyModel, draftNote?: Block): { method: MethodDecl; doc: Doc }[] {
  return guidedMethods(model).map((method) => ({ method, doc: buildGuide(model, method, draftNote) }));
}

function distressBox(ctx: GuideContext, vulnerable: boolean): Block {
  const ethics = ctx.model.ethics;
  const distress = ethics && textValue(ethics, 'distress_protocol');
  const capacity = ethics && textValue(ethics, 'capacity');
  const blocks: Block[] = [paragraph(vulnerable ? `${ctx.focusGroup ? 'Some participants' : 'The participant'} may be vulnerable. Read this before you start.` : 'Read this before you start.')];
  if (distress) blocks.push(...paragraphsOf(distress).map((p) => paragraph(asSentence(p))));
  else blocks.push(paragraph([gap('No distress protocol specified: agree one with the study team before any interview takes place.')]));
  if (vulnerable) blocks.push(paragraph([strong('Capacity to consent: '), ...(capacity ? [text(asSentence(paragraphsOf(capacity).join(' ')))] : [gap('No capacity procedure specified.')])]));
  return { type: 'note', tone: 'box', title: `If ${ctx.focusGroup ? 'a participant' : 'the participant'} becomes distressed`, blocks };
}

function aboutSection(ctx: GuideContext, actors: ActorDecl[], questionCount: number): Block[] {
  const { model, method } = ctx;
  const participants = refLabels(model, method, 'participants', (d) => {
    const description = d.kind === 'actor' ? textValue(d, 'description') : undefined;
    return [text(labelOf(d)), ...(description ? [em(` (${description})`)] : [])];
  });
  const mode = enumValue(method, 'mode');
  const recording = enumValue(method, 'recording');
  const blocks: Block[] = [
    {
      type: 'fields',
      items: [
        { label: 'Participants', content: participants.length > 0 ? participants.flatMap((p, i) => (i > 0 ? [text('; '), ...p] : p)) : [gap('No participants named')], source: sourceOf(method) },
        { label: 'Planned sample', content: [text(sampleText(method) ?? 'Not stated')] },
        { label: 'Mode', content: [text(ownValue(MODE_NAMES, mode) ?? 'Not stated')] },
        { label: 'Recording', content: [text(ownValue(RECORDING_NAMES, recording) ?? 'Not stated')] },
      ],
    },
  ];
  if (actors.length === 0) blocks.push(gapNote('No participants named: the guide cannot tell whose perspective to take, so it lists every question this method answers, for either side.'));
  if (questionCount === 0) blocks.push(gapNote('No evaluation question is answered by this method from its participants\' perspective, so the guide has no questions.'));
  blocks.push(
    paragraph([
      strong('Using this guide. '),
      text(
        'Walk through the journey step by step. A question about several steps is asked at the first and picked up again where the guide says "see above"; questions about the service as a whole follow its steps. The prompts come from the study\'s theoretical frameworks: use them when the conversation needs them, not as a script.',
      ),
    ]),
  );
  return blocks;
}

const CONSENT_STEPS: Record<string, string> = {
  written: 'Check that {who} has read the participant information sheet, answer any questions, and take written consent on the consent form before you begin.',
  verbal: 'Read the consent statement aloud, answer any questions, and record verbal consent before you begin.',
  online: 'Check that {who} has completed the online consent form, and answer any questions before you begin.',
  waived: 'Consent is waived for this study. Explain what taking part involves, and that {who} can stop at any time.',
};

const RECORDING_STEPS: Record<string, string> = {
  audio: 'Ask permission to audio-record, and start the recorder only once {who} agrees.',
  video: 'Ask permission to video-record, and start recording only once {who} agrees.',
  notes: 'Explain that you will take written notes and will not record the conversation.',
  none: 'Explain that the conversation will not be recorded.',
};

const MODE_STEPS: Record<string, string> = {
  telephone: 'Check that {who} can hear you clearly and is somewhere they can talk privately.',
  video: 'Check that {who} can see and hear you clearly and is somewhere they can talk privately.',
  online: 'Check that {who} can take part online without difficulty and is somewhere they can talk privately.',
};

const DATA_STEPS: Record<string, string> = {
  pseudonymised: 'Explain that names and identifying details are removed from what is said before it is analysed.',
  anonymous: 'Explain that nothing recorded will identify anyone.',
  identifiable: 'Explain who will see what is said, and how it will be kept secure.',
};

function step(template: string, ctx: GuideContext): Inlines {
  return [text(template.replace(/\{who\}/g, ctx.who))];
}

function withdrawalText(ctx: GuideContext): string | undefined {
  const withdrawal = ctx.model.ethics && textValue(ctx.model.ethics, 'withdrawal');
  return withdrawal && asSentence(paragraphsOf(withdrawal).join(' '));
}

function introduction(ctx: GuideContext): Block[] {
  const { model, method } = ctx;
  const studyLabel = model.study ? labelOf(model.study) : 'this study';
  const consent = model.ethics && enumValue(model.ethics, 'consent');
  const recording = enumValue(method, 'recording');
  const mode = enumValue(method, 'mode');
  const data = enumValue(method, 'data');
  const steps: Inlines[] = [[text(`Thank ${ctx.who} for taking part. Introduce yourself and the study: `), em(studyLabel), text('.')]];
  const consentStep = ownValue(CONSENT_STEPS, consent);
  const recordingStep = ownValue(RECORDING_STEPS, recording);
  const modeStep = ownValue(MODE_STEPS, mode);
  const dataStep = ownValue(DATA_STEPS, data);
  steps.push(consentStep ? step(consentStep, ctx) : [gap('No consent procedure specified.'), text(' Agree with the study team how consent is taken before any interview.')]);
  steps.push(recordingStep ? step(recordingStep, ctx) : [gap('No recording method specified.'), text(' Agree with the study team whether the conversation is recorded.')]);
  if (modeStep) steps.push(step(modeStep, ctx));
  if (dataStep) steps.push(step(dataStep, ctx));
  if (ctx.sides.includes('staff')) steps.push([text('Reassure staff that the evaluation is of the tool and the service, not of their own performance, and that their employer will not see what any one person says.')]);
  if (ctx.sides.includes('service_user')) steps.push([text('Reassure service users and carers that taking part, or not, will not affect the care or support they receive.')]);
  if (ctx.focusGroup) steps.push([text('Agree ground rules: one person speaks at a time; there are no right or wrong answers; what is said in the group stays in the group; nobody has to answer a question they would rather not.')]);
  const withdrawal = withdrawalText(ctx);
  steps.push([text(`Explain that ${ctx.who === 'everyone' ? 'anyone' : ctx.who} can stop at any time or skip any question without giving a reason. `), ...(withdrawal ? [strong('Withdrawal: '), text(withdrawal)] : [gap('No withdrawal procedure specified.')])]);
  steps.push([text('Ask whether there are any questions before you start.')]);
  return [heading(1, 'Introduction'), numbered(steps)];
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
  return [heading(1, 'Opening'), paragraph(question)];
}

/** The walk through the journey: services in file order, touchpoints in service order, the service as a whole after its steps. */
function journeySections(ctx: GuideContext, questions: Map<QuestionDecl, Side[]>): Block[] {
  const { model } = ctx;
  const blocks: Block[] = [];
  const asked = new Map<QuestionDecl, number>();
  const write = (question: QuestionDecl): Block[] => {
    const number = asked.size + 1;
    asked.set(question, number);
    return questionBlocks(ctx, question, number, questions.get(question) ?? []);
  };
  const pointBack = (question: QuestionDecl): Block => paragraph([em(`See question ${asked.get(question)} above`), text(` ("${labelOf(question)}"): ask about this step too, if it has not come up.`)]);
  for (const service of model.services) {
    const serviceBlocks: Block[] = [];
    for (const tp of service.touchpoints) {
      const here = [...questions.keys()].filter((q) => targets(model, q, 'about', 'touchpoint').includes(tp));
      if (here.length === 0) continue;
      serviceBlocks.push(heading(2, labelOf(tp), sourceOf(tp)), paragraph([em(touchpointContext(ctx, tp))]));
      for (const question of here) serviceBlocks.push(...(asked.has(question) ? [pointBack(question)] : write(question)));
    }
    const whole = [...questions.keys()].filter((q) => targets(model, q, 'about', 'service').includes(service));
    if (whole.length > 0) {
      serviceBlocks.push(heading(2, 'The service as a whole', sourceOf(service)));
      for (const question of whole) serviceBlocks.push(...(asked.has(question) ? [pointBack(question)] : write(question)));
    }
    if (serviceBlocks.length > 0) blocks.push(heading(1, `The journey: ${labelOf(service)}`, sourceOf(service)), ...serviceBlocks);
  }
  const stray = [...questions.keys()].filter((q) => !asked.has(q));
  if (stray.length > 0) {
    blocks.push(heading(1, 'Other questions'), gapNote('These questions are not about any touchpoint the study declares.'));
    for (const question of stray) blocks.push(...write(question));
  }
  return blocks;
}

function touchpointContext(ctx: GuideContext, tp: TouchpointDecl): string {
  const parts: string[] = [];
  const stage = textValue(tp, 'stage');
  if (stage) parts.push(`Stage: ${stage}`);
  const channel = enumValue(tp, 'channel');
  const tools = targets(ctx.model, tp, 'via', 'tool');
  const channelName = ownValue(CHANNEL_NAMES, channel);
  if (channelName) parts.push(`${channelName}${tools.length > 0 ? `, through the ${inSentence(labelOf(tools[0]))}` : ''}`);
  if (booleanValue(tp, 'backstage')) parts.push('Behind the scenes, out of service users\' sight');
  return parts.length > 0 ? `${parts.join('. ')}.` : '';
}

function questionBlocks(ctx: GuideContext, question: QuestionDecl, number: number, sides: Side[]): Block[] {
  const { model } = ctx;
  const blocks: Block[] = [heading(3, `${number}. ${labelOf(question)}`, sourceOf(question))];
  if (ctx.sides.length === 2) blocks.push(paragraph([em(sides.length === 2 ? 'Ask everyone.' : `Ask ${SIDE_AUDIENCE[sides[0]]} only.`)]));
  if (!propertyOf(question, 'perspective')) blocks.push(paragraph([gap('No perspective given: asked of every participant.')]));
  if (targets(model, question, 'methods', 'method').length === 0) blocks.push(paragraph([gap('No method named: this question appears in every guide whose participants hold its perspective.')]));
  for (const side of sides) {
    const prompts = promptsFor(model, question, side);
    if (prompts.length === 0) continue;
    const label = ctx.sides.length === 2 ? `Prompts for ${SIDE_AUDIENCE[side]}` : 'Prompts';
    blocks.push(paragraph([strong(label)]), bullets(prompts.map(({ prompt, construct }): ListItem => ({ content: [text(`${prompt} `), em(`(${construct.name})`)] }))));
  }
  const probes = stringList(question, 'probes');
  if (probes.length > 0) blocks.push(paragraph([strong('Follow-up probes')]), bullets(probes.map((p) => [text(p)])));
  return blocks;
}

function closing(ctx: GuideContext): Block[] {
  const { model } = ctx;
  const staff = ctx.sides.includes('staff');
  const users = ctx.sides.includes('service_user') || ctx.sides.length === 0;
  const subject = ctx.tool ?? 'the way the service works';
  const steps: Inlines[] = [];
  if (staff && !users) {
    steps.push([text(`"Is there anything else about ${ctx.tool ? `${ctx.tool} and your work with it` : 'the service and your work in it'} that we have not talked about and ${ctx.focusGroup ? 'that anyone would like to add' : 'you would like to tell me'}?"`)]);
    steps.push([text(`"If you could change one thing about ${subject}, what would it be?"`)]);
  } else if (users && !staff) {
    steps.push([text(`"Is there anything else about your experience of the service that we have not talked about and ${ctx.focusGroup ? 'that anyone would like to add' : 'you would like to tell me'}?"`)]);
    steps.push([text(`"If you could change one thing about ${ctx.tool ? `${ctx.tool} or ` : ''}the service, what would it be?"`)]);
  } else {
    steps.push([text(`"Is there anything else that we have not talked about and ${ctx.focusGroup ? 'that anyone would like to add' : 'you would like to say'}?"`)]);
    steps.push([text(`"If you could change one thing about ${subject}, what would it be?" Ask staff and service users in turn.`)]);
  }
  const incentives = model.ethics && textValue(model.ethics, 'incentives');
  steps.push([text(`Thank ${ctx.who} for their time.`), ...(incentives && users ? [text(' '), strong('Incentive: '), text(asSentence(paragraphsOf(incentives).join(' ')))] : [])]);
  steps.push([text('Explain what happens next: how what they said will be used, and how they can hear about the findings.')]);
  const withdrawal = withdrawalText(ctx);
  steps.push([text(`Remind ${ctx.who} how to withdraw. `), ...(withdrawal ? [strong('Withdrawal: '), text(withdrawal)] : [gap('No withdrawal procedure specified.')])]);
  if (ctx.focusGroup) steps.push([text('Remind everyone to keep what others said in the group confidential.')]);
  if (isVulnerable(model, ctx.method)) steps.push([text(ctx.focusGroup ? 'Before everyone leaves, check how each person is feeling. If anyone is upset, follow the distress protocol at the top of this guide.' : 'Before you leave, check how the participant is feeling. If they are upset, follow the distress protocol at the top of this guide.')]);
  return [heading(1, 'Closing'), numbered(steps)];
}
