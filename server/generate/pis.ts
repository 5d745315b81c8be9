/**
 * Participant information sheets, one per participant group (the actors who take part in the
 * same methods), in the order of the HRA's guidance: invitation and summary, what the study
 * is for, why you have been invited, whether you have to take part, what taking part
 * involves, disadvantages and benefits, changing your mind, how your information is kept, the
 * results, who organises and funds it, who has reviewed it, contacts and complaints, and,
 * for vulnerable participants, the support on offer.
 *
 * Written to the participant ("you"), in short sentences for a reading age of about 12,
 * with the tool called what participants call it (`known_as`). What the study does not say
 * is marked "⚠ Not stated" with the key that would say it, as in the protocol.
 */
import { ownValue } from '../common/lookup';
import { targets } from '../model/analysis';
import { keysOf, trimmed, trimmedList } from '../model/keys';
import { MethodDecl, ToolDecl } from '../model/ast';
import { consentOf, durationMinutes, identifiabilityOf, incentiveOf, isPlaceholder, ParticipantGroup, participantGroups, recordsPeople } from '../model/fieldwork';
import { StudyModel } from '../model/model';
import { ConsentType } from '../model/schema';
import { Block, bullets, Doc, Field, gap, heading, Inlines, paragraph, strong, text } from './doc';
import { asSentence, isVulnerable, labelOf, notStated, paragraphsOf, sourceOf, statedText, touchpointsOfActors } from './describe';
import { inSentence } from './guides';

export function pisId(group: ParticipantGroup): string {
  return `pis-${group.id}`;
}

/** The group as a reader of its sheet is addressed: "Registered patients", "Reception staff and general practitioners". */
export function groupLabel(group: ParticipantGroup): string {
  const labels = group.actors.map(labelOf);
  const rest = labels.slice(1).map(inSentence);
  const all = [labels[0], ...rest];
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/** What participants call a tool: its `known_as`, else its label inside a sentence. */
export function toolName(tool: ToolDecl): string {
  return trimmed(tool && keysOf(tool).known_as) ?? `the ${inSentence(labelOf(tool))}`;
}

/** The tools a group meets: those of the touchpoints its actors take part in, else every tool of the study. */
function groupTools(model: StudyModel, group: ParticipantGroup): ToolDecl[] {
  const tools: ToolDecl[] = [];
  for (const tp of touchpointsOfActors(model, group.actors)) {
    for (const tool of targets(model, keysOf(tp).via, 'tool')) if (!tools.includes(tool)) tools.push(tool);
  }
  return tools.length > 0 ? tools : model.tools;
}

const KIND_TERMS: Record<string, string> = { research: 'research study', service_evaluation: 'service evaluation', audit: 'audit' };

/** "research study", "service evaluation" or "study" when the classification is not given. */
export function studyKind(model: StudyModel): string {
  return ownValue(KIND_TERMS, model.ethics && keysOf(model.ethics).classification) ?? 'study';
}

const MODE_PHRASES: Record<string, string> = { face_to_face: 'face to face', telephone: 'by telephone', video: 'by video call', online: 'online', paper: 'on paper' };

/** What a method asks of a participant, in the second person. */
function whatHappens(model: StudyModel, method: MethodDecl): string[] {
  const kind = method.methodKind?.text ?? '';
  const mode = ownValue(MODE_PHRASES, keysOf(method).mode);
  const sentences: string[] = [];
  const minutes = durationMinutes(method);
  const time = minutes !== undefined ? `It will take about ${minutes} minutes.` : undefined;
  if (kind === 'interview') sentences.push(`A researcher will talk with you${mode ? ` ${mode}` : ''} about your experience.`);
  else if (kind === 'focus_group') sentences.push(`You will join a group discussion${mode ? ` ${mode}` : ''} with other people like you. A researcher will lead it.`);
  else if (kind === 'survey') sentences.push(`You will be asked to fill in a questionnaire${mode ? ` ${mode}` : ''}.`);
  else if (kind === 'observation') sentences.push('A researcher will watch and listen while you work or use the service as usual, and take notes.');
  else sentences.push(`${asSentence(labelOf(method))}`);
  if (time) sentences.push(time);
  const recording = keysOf(method).recording;
  if (recording === 'audio') sentences.push('With your permission, we will record the sound of the conversation and type it up.');
  else if (recording === 'video') sentences.push('With your permission, we will video-record it and type up what is said.');
  else if (recording === 'notes' && kind !== 'observation') sentences.push('The researcher will take written notes. Nothing will be recorded.');
  else if (recording === 'notes') sentences.push('Nothing will be recorded on audio or video.');
  sentences.push(...howMany(method), CONSENT_STEPS[consentOf(model, method)?.type ?? ''] ?? '');
  return sentences.filter((s) => s.length > 0);
}

/** How many people a method means to hear from, as the HRA asks: "About 400 people will take part.", from `sample`. */
function howMany(method: MethodDecl): string[] {
  const sample = keysOf(method).sample;
  // an observation's sample counts sessions or meetings, not the people in them
  if (!sample || !['interview', 'focus_group', 'survey'].includes(method.methodKind?.text ?? '')) return [];
  return [sample.isRange ? `Between ${sample.min} and ${sample.max} people will take part.` : `About ${sample.min} people will take part.`];
}

const CONSENT_STEPS: Record<string, string> = {
  written: 'If you agree to take part, we will ask you to sign a consent form first.',
  verbal: 'If you agree to take part, the researcher will ask you to say so, and will write down that you agreed. You do not need to sign anything.',
  online: 'If you agree to take part, you will tick the boxes on a consent page online before you start.',
  implied: 'If you fill in the questionnaire and send it back, this shows that you agree to take part. You do not need to sign anything.',
  waived: 'You will not be asked to sign a consent form.',
};

export function consentTypeOf(model: StudyModel, method: MethodDecl): ConsentType | undefined {
  return consentOf(model, method)?.type;
}

/** How a method's information is kept, in plain words. */
function keptSentence(method: MethodDecl): string | undefined {
  const identifiability = identifiabilityOf(method);
  if (!identifiability) return undefined;
  const recorded = recordsPeople(method);
  const voice = keysOf(method).recording === 'video' ? 'your face and voice' : 'your voice';
  switch (identifiability.level) {
    case 'anonymous':
      return 'Your answers are anonymous: we will not know who gave them.';
    case 'pseudonymised':
      return recorded
        ? `The recording holds ${voice}, so it can identify you. When it is typed up, we take out your name and use a code number instead.`
        : 'We take out your name and use a code number instead.';
    case 'identifiable':
      return recorded ? `The recording holds ${voice}, so it can identify you.` : 'The information we keep includes your name or other details that identify you.';
  }
}

export function buildPisDocuments(model: StudyModel, draftNote?: Block): { group: ParticipantGroup; doc: Doc }[] {
  return participantGroups(model).map((group) => ({ group, doc: buildPis(model, group, draftNote) }));
}

export function buildPis(model: StudyModel, group: ParticipantGroup, draftNote?: Block): Doc {
  const study = model.study;
  const ethics = model.ethics;
  const kind = studyKind(model);
  const staff = group.side === 'staff';
  const title = study ? labelOf(study) : 'Study';
  const blocks: Block[] = [];
  if (draftNote) blocks.push(draftNote);
  blocks.push(headerFields(model));

  // invitation and summary
  const summary = study && trimmed(study && keysOf(study).summary);
  blocks.push(
    heading(1, 'You are invited to take part'),
    paragraph(
      `We are inviting you to take part in a ${kind} called "${title}". Before you decide, please read this sheet. It explains why we are doing the study and what taking part would mean for you. You can talk about it with others if you wish. Ask us if anything is not clear.`,
    ),
    ...(summary ? paragraphsOf(summary).map((p) => paragraph(p)) : [paragraph(notStated('summary'))]),
  );

  // what the study is for
  const aims = study && trimmed(study && keysOf(study).aims);
  const tools = groupTools(model, group).map(toolName);
  blocks.push(heading(1, 'What is the study for?'), ...(aims ? paragraphsOf(aims).map((p) => paragraph(p)) : [paragraph(notStated('aims'))]));
  if (tools.length > 0) blocks.push(paragraph(`The study looks at ${tools.join(' and ')}.`));

  // why you have been invited
  blocks.push(heading(1, 'Why have I been invited?'));
  const withCriteria = group.actors.filter((actor) => trimmedList(keysOf(actor).inclusion).length > 0);
  if (withCriteria.length === 0) blocks.push(paragraph(notStated('inclusion', `actor ${group.actors[0].name.text}`)));
  else {
    blocks.push(paragraph(`We are inviting ${inSentence(groupLabel(group))} who fit this description:`));
    for (const actor of group.actors) {
      const criteria = trimmedList(keysOf(actor).inclusion);
      if (group.actors.length > 1) blocks.push(paragraph([strong(labelOf(actor))]));
      blocks.push(criteria.length > 0 ? bullets(criteria.map((c) => [text(c)])) : paragraph(notStated('inclusion', `actor ${actor.name.text}`)));
    }
  }
  const exclusions = [...new Set(group.actors.flatMap((actor) => trimmedList(keysOf(actor).exclusion)))];
  if (exclusions.length > 0) blocks.push(paragraph('You cannot take part if this applies to you:'), bullets(exclusions.map((c) => [text(c)])));

  // do I have to take part
  blocks.push(
    heading(1, 'Do I have to take part?'),
    paragraph(
      staff
        ? 'No. It is up to you. If you decide not to take part, or to stop later, it will not affect your job or how you are treated at work.'
        : 'No. It is up to you. If you decide not to take part, or to stop later, it will not affect the care or support you get, now or in the future.',
    ),
  );

  // what taking part involves
  blocks.push(heading(1, 'What will happen if I take part?'));
  if (group.methods.length > 1) blocks.push(paragraph(`The study has ${group.methods.length} parts. You may be invited to one or more of them.`));
  for (const method of group.methods) {
    if (group.methods.length > 1) blocks.push(heading(2, labelOf(method), sourceOf(method)));
    blocks.push(paragraph(whatHappens(model, method).join(' ')));
    if (!consentTypeOf(model, method)) blocks.push(paragraph(notStated('consent', `method ${method.name.text} or the ethics block`)));
    const incentive = incentiveOf(model, method);
    blocks.push(paragraph(incentive ? [strong('To thank you: '), text(incentive.text)] : [strong('To thank you: '), ...notStated('incentive', `method ${method.name.text}`)]));
  }

  // disadvantages and benefits
  const talking = group.methods.some((m) => ['interview', 'focus_group'].includes(m.methodKind?.text ?? ''));
  blocks.push(
    heading(1, 'What are the possible disadvantages of taking part?'),
    paragraph(
      `Taking part takes some of your time.${talking ? `${staff ? '' : ' Talking about your experiences may bring back difficult feelings.'} You can take a break, skip a question or stop at any time.` : ' You can leave out any question you do not want to answer.'}`,
    ),
    heading(1, 'What are the possible benefits?'),
    paragraph(`Taking part will not help you directly. What we learn may help ${staff ? 'services like yours work better' : 'make the service better for people who use it'}.`),
  );

  // support, where participants may be vulnerable
  if (group.methods.some((m) => isVulnerable(model, m)) && group.actors.some((a) => keysOf(a).vulnerable === true)) {
    const distress = ethics && trimmed(ethics && keysOf(ethics).distress_protocol);
    blocks.push(
      heading(1, 'If you need support'),
      paragraph('If you feel upset during or after taking part, tell the researcher. This is what will happen:'),
      paragraph(distress ? [text(paragraphsOf(distress).join(' '))] : notStated('distress_protocol', 'the ethics block')),
    );
  }
  // changing your mind
  blocks.push(
    heading(1, 'What if I change my mind?'),
    paragraph('You can stop taking part at any time, without giving a reason.'),
    paragraph([strong('Taking your information back: '), ...statedText(ethics && keysOf(ethics).withdrawal, 'withdrawal', 'the ethics block')]),
  );

  // how your information is kept
  const kept = [...new Set(group.methods.map(keptSentence).filter((s): s is string => !!s))];
  const sponsor = study && trimmed(study && keysOf(study).sponsor);
  blocks.push(heading(1, 'How will my information be kept?'), paragraph('We will keep your information safe and private. We will not use your name in any report.'), ...kept.map((s) => paragraph(s)), {
    type: 'fields',
    items: [
      { label: 'How it is stored', content: statedText(study && keysOf(study).data_management, 'data_management') },
      { label: 'How long we keep it', content: statedText(ethics && keysOf(ethics).retention, 'retention', 'the ethics block') },
      { label: 'The law that lets us use it', content: statedText(ethics && keysOf(ethics).lawful_basis, 'lawful_basis', 'the ethics block') },
    ],
  });
  // the HRA's transparency wording: who controls the data, and (for patients and the public) the HRA's page on data in research
  if (sponsor && !isPlaceholder(sponsor)) blocks.push(paragraph(`${sponsor} is responsible for looking after your information and using it properly (it is the "data controller").`));
  if (!staff && ethics && keysOf(ethics).classification === 'research')
    blocks.push(paragraph('You can find out more about how information is used in health and care research at www.hra.nhs.uk/information-about-patients.'));

  // results, organisers, review, contacts
  blocks.push(
    heading(1, 'What will happen to the results?'),
    paragraph(statedText(study && keysOf(study).dissemination, 'dissemination')),
    ...(talking ? [paragraph('We may quote your words in what we write, but never with your name or anything that would tell people who you are.')] : []),
    heading(1, 'Who is organising and paying for the study?'),
    paragraph([
      text('The study is organised by '),
      ...asClause(statedText(study && keysOf(study).sponsor, 'sponsor')),
      text('. It is paid for by '),
      ...asClause(statedText(study && keysOf(study).funder, 'funder')),
      text('.'),
    ]),
    heading(1, 'Who has checked the study?'),
    paragraph(reviewedBy(model)),
    heading(1, 'Who can I contact?'),
    {
      type: 'fields',
      items: [
        { label: 'Questions about the study', content: statedText(study && keysOf(study).contact, 'contact') },
        { label: 'If you want to complain', content: statedText(study && keysOf(study).complaints, 'complaints') },
        { label: 'Questions about your data', content: [text("The organiser's data protection officer: "), gap('add their contact details')] },
      ],
    },
  );

  blocks.push(paragraph([strong('Thank you for reading this information sheet.')]));
  const sheetTitle = `Information sheet: ${groupLabel(group)}`;
  return { title: sheetTitle, blocks, footer: documentFooter(model, sheetTitle) };
}

/** Study, IRAS id and the sheet's version, as the consent form refers to them. */
function headerFields(model: StudyModel): Block {
  const study = model.study;
  const items: Field[] = [
    { label: 'Study', content: [text(study ? labelOf(study) : 'Study')] },
    { label: 'IRAS ID', content: statedText(study && keysOf(study).iras_id, 'iras_id') },
    { label: 'Information sheet version', content: [...sheetVersion(model), text(', dated '), gap('add the date')] },
  ];
  return { type: 'fields', items };
}

/** Stated text inside a sentence: without the full stop it may end with. */
function asClause(spans: Inlines): Inlines {
  const last = spans[spans.length - 1];
  const clause = last && !last.style ? [...spans.slice(0, -1), { ...last, text: last.text.replace(/\.$/, '') }] : spans;
  // "paid for by the trust's fund", not "by The trust's fund"; names ("University of the North") stay as written
  return clause.map((s, i) => (i === 0 && !s.style ? { ...s, text: s.text.replace(/^The /, 'the ') } : s));
}

/** The footer every page of a participant document carries: what it is, and the version and date that the committee approves. */
export function documentFooter(model: StudyModel, title: string): string {
  const version = model.study && trimmed(model.study && keysOf(model.study).version);
  return `${title} · version ${version ?? '[not stated]'}, dated [add the date]`;
}

/** The information sheet's version: the protocol's `version`, or a gap. */
export function sheetVersion(model: StudyModel): Inlines {
  const version = model.study && trimmed(model.study && keysOf(model.study).version);
  return version ? [text(version)] : notStated('version');
}

function reviewedBy(model: StudyModel): Inlines {
  const classification = model.ethics && keysOf(model.ethics).classification;
  if (classification === 'research')
    return [
      text(
        'All research in health and social care is looked at by an independent group of people, called a Research Ethics Committee, to protect your interests. This study has been reviewed and given a favourable opinion by ',
      ),
      gap('name the committee and give its reference'),
      text('.'),
    ];
  if (classification === 'service_evaluation')
    return [text('This is a service evaluation: it looks at how well a service works. It has been approved by '), gap('name who approved it (e.g. the clinical governance team)'), text('.')];
  if (classification === 'audit')
    return [text('This is an audit: it checks a service against agreed standards. It has been approved by '), gap('name who approved it (e.g. the clinical audit team)'), text('.')];
  return notStated('classification', 'the ethics block');
}
