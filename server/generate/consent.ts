/**
 * Consent documents, one per participant group (the groups of the information sheets). What
 * each holds follows how its methods take consent:
 * - `written`: a consent form, a table of statements with a box to initial for each, and
 *   name, date and signature lines for the participant and the person taking consent;
 * - `online`: the text of the online consent page, with a tick box for each statement;
 * - `verbal`: a script the researcher reads and a record of each answer;
 * - `implied`: the consent wording for the questionnaire's first page, and no form;
 * - `waived`: no form; the protocol gives the justification.
 * Only the statements that apply are printed: recording where a method records, quotes where
 * people are interviewed or observed, records where the study reviews records, and so on.
 */
import { ownValue } from '../common/lookup';
import { MethodDecl } from '../model/ast';
import { consentOf, identifiabilityOf, ParticipantGroup, participantGroups, recordsPeople } from '../model/fieldwork';
import { StudyModel } from '../model/model';
import { ConsentType, GUIDED_METHODS } from '../model/schema';
import { Block, Doc, Field, gap, heading, Inlines, paragraph, strong, TableRow, text } from './doc';
import { keysOf, trimmed } from '../model/keys';
import { asSentence, labelOf, notStated, statedText } from './describe';
import { inSentence } from './guides';
import { documentFooter, groupLabel, sheetVersion, studyKind } from './pis';
import { PROTOCOL_SECTIONS } from './protocol';

export function consentId(group: ParticipantGroup): string {
  return `consent-${group.id}`;
}

/** The order the kinds of consent appear in one group's document. */
const CONSENT_ORDER: readonly ConsentType[] = ['written', 'online', 'verbal', 'implied', 'waived'];
const SESSION_WORDS: Record<string, string> = { interview: 'interview', focus_group: 'group discussion', observation: 'observation' };

export function buildConsentDocuments(model: StudyModel, draftNote?: Block): { group: ParticipantGroup; doc: Doc }[] {
  return participantGroups(model).map((group) => ({ group, doc: buildConsent(model, group, draftNote) }));
}

export function buildConsent(model: StudyModel, group: ParticipantGroup, draftNote?: Block): Doc {
  const study = model.study;
  const blocks: Block[] = [];
  if (draftNote) blocks.push(draftNote);
  const byType = new Map<ConsentType | undefined, MethodDecl[]>();
  for (const method of group.methods) {
    const type = consentOf(model, method)?.type;
    byType.set(type, [...(byType.get(type) ?? []), method]);
  }
  const headerItems: Field[] = [
    { label: 'Study', content: [text(study ? labelOf(study) : 'Study')] },
    { label: 'IRAS ID', content: statedText(study && keysOf(study).iras_id, 'iras_id') },
  ];
  blocks.push({ type: 'fields', items: headerItems });
  const missing = byType.get(undefined);
  if (missing) blocks.push(paragraph([...notStated('consent', 'the ethics block or each method'), text(`: ${missing.map(labelOf).join('; ')}.`)]));
  let first = true;
  for (const type of CONSENT_ORDER) {
    const methods = byType.get(type);
    if (!methods) continue;
    const [head, ...body] = SECTIONS[type](model, group, methods);
    // a signed form and a researcher's record are printed and filed apart: each starts a page and carries the identification number,
    // which never stands beside an anonymous questionnaire
    if (!first && (type === 'written' || type === 'verbal' || type === 'online')) blocks.push({ type: 'pageBreak' });
    first = false;
    // with one kind of consent the document's title already names the section
    if (byType.size > 1) blocks.push(head);
    if (type === 'written' || type === 'verbal') blocks.push(IDENTIFICATION);
    blocks.push(...body);
  }
  const onlyNoForm = [...byType.keys()].every((t) => t === 'implied' || t === 'waived');
  const title = `${onlyNoForm ? 'Consent' : 'Consent form'}: ${groupLabel(group)}`;
  return { title, blocks, footer: documentFooter(model, title) };
}

const IDENTIFICATION: Block = { type: 'table', header: [[text('Participant identification number')], [text('Site')]], rows: [{ cells: [[], []], writeIn: true }] };

/** Method labels in a sentence: "the in-depth staff interviews and the observation of clinics". */
function methodsInSentence(methods: MethodDecl[]): string {
  const labels = methods.map((m) => `the ${inSentence(labelOf(m))}`);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** Statement rows for a table: the required ones numbered, then the optional ones under their own heading row. */
function statementRows(model: StudyModel, group: ParticipantGroup, methods: MethodDecl[]): TableRow[] {
  const { required, optional } = statements(model, group, methods);
  return [
    ...required.map((s, i) => ({ cells: [[text(String(i + 1))], s, []], writeIn: true })),
    { cells: [[strong('Optional: you can say no to this and still take part')]], group: true },
    ...optional.map((s, i) => ({ cells: [[text(String(required.length + i + 1))], s, []], writeIn: true })),
  ];
}

type Section = (model: StudyModel, group: ParticipantGroup, methods: MethodDecl[]) => Block[];

const SECTIONS: Record<ConsentType, Section> = {
  written: (model, group, methods) => [
    heading(1, `Consent form${methods.length < group.methods.length ? `: ${methods.map(labelOf).join('; ')}` : ''}`),
    {
      type: 'table',
      header: [[text('')], [text('Please write your initials in each box to show that you agree')], [text('Your initials')]],
      rows: statementRows(model, group, methods),
      align: ['center', 'left', 'center'],
      // the signatures never stand on a page without the statements they sign
      keepWithNext: true,
    },
    signatures('Participant'),
    paragraph('When signed: one copy for the participant and one for the study file.'),
  ],
  online: (model, group, methods) => {
    const { required, optional } = statements(model, group, methods);
    return [
      heading(1, `Online consent page${methods.length < group.methods.length ? `: ${methods.map(labelOf).join('; ')}` : ''}`),
      paragraph('The text of the page participants see before they start. Each statement has a tick box, and the participant cannot go on until every box except the optional one is ticked.'),
      {
        type: 'note',
        tone: 'box',
        title: 'Before you start',
        blocks: [
          paragraph('Please read each statement. Tick the box if you agree.'),
          ...required.map((s) => paragraph([text('☐ '), ...s])),
          paragraph([strong('Optional: you can say no to this and still take part')]),
          ...optional.map((s) => paragraph([text('☐ '), ...s])),
          paragraph([strong('[ I agree to take part ]')]),
        ],
      },
    ];
  },
  verbal: (model, group, methods) => [
    heading(1, `Verbal consent: script and record${methods.length < group.methods.length ? ` (${methods.map(labelOf).join('; ')})` : ''}`),
    paragraph(
      'The researcher reads each statement aloud, asks whether the participant agrees, and writes down the answer. If the answer to a statement that is not optional is no, the participant does not take part. The researcher who takes consent fills in the box below and signs it.',
    ),
    { type: 'table', header: [[text('Researcher')], [text('Date and time')], [text('Signature')]], rows: [{ cells: [[], [], []], writeIn: true }] },
    {
      type: 'table',
      header: [[text('')], [text('Statement read aloud')], [text('Agreed (yes or no)')]],
      rows: statementRows(model, group, methods),
      align: ['center', 'left', 'center'],
    },
  ],
  implied: (model, _group, methods) => {
    const anonymous = methods.every((m) => identifiabilityOf(m)?.level === 'anonymous');
    return [
      heading(1, 'Questionnaire: consent by returning it'),
      paragraph(`No consent form is needed for ${methodsInSentence(methods)}: sending back the questionnaire shows consent. Print this on its first page:`),
      {
        type: 'note',
        tone: 'box',
        blocks: [
          paragraph([
            text('Please read the information sheet (version '),
            ...sheetVersion(model),
            text(') before you fill in this questionnaire. Taking part is up to you. If you fill in the questionnaire and send it back, this shows that you agree to take part.'),
          ]),
          ...(anonymous ? [paragraph('Your answers are anonymous. This means we cannot take them out of the study once you have sent the questionnaire back.')] : []),
        ],
      },
    ];
  },
  waived: (_model, _group, methods) => [
    heading(1, 'No consent form'),
    paragraph(`Consent is not sought for ${methodsInSentence(methods)}. Section ${PROTOCOL_SECTIONS.indexOf('Ethics') + 1} of the protocol gives the justification.`),
  ],
};

/**
 * The statements that apply to these methods of the group, in the order of the HRA's template:
 * the information sheet, taking part is voluntary, what the methods need (recording, quotes,
 * records), how long data are kept, and agreeing to take part last; then the optional ones.
 */
function statements(model: StudyModel, group: ParticipantGroup, methods: MethodDecl[]): { required: Inlines[]; optional: Inlines[] } {
  const ethics = model.ethics;
  const kind = studyKind(model);
  const staff = group.side === 'staff';
  const required: Inlines[] = [
    [
      text('I have read the information sheet (version '),
      ...sheetVersion(model),
      text(', dated '),
      gap('add the date'),
      text(`) for this ${kind}. I have had time to think about it and to ask questions.`),
    ],
    [
      text(`I understand that taking part is up to me. I can stop at any time without giving a reason, and this will not affect ${staff ? 'my job' : 'my care'} or my legal rights. If I stop: `),
      ...sentence(statedText(ethics && keysOf(ethics).withdrawal, 'withdrawal', 'the ethics block')),
    ],
  ];
  const recorded = methods.filter(recordsPeople);
  if (recorded.length > 0) {
    const sessions = [...new Set(recorded.map((m) => ownValue(SESSION_WORDS, m.methodKind?.text) ?? 'session'))].join(' or ');
    const how = recorded.some((m) => keysOf(m).recording === 'video') ? 'video-recorded' : 'audio-recorded';
    required.push([text(`I agree to the ${sessions} being ${how} and typed up.`)]);
  }
  if (methods.some((m) => GUIDED_METHODS.includes(m.methodKind?.text ?? '') || m.methodKind?.text === 'observation')) {
    required.push([text('I agree that my words may be quoted in reports and publications, without my name or anything else that would identify me.')]);
  }
  const recordAccess = ethics && trimmed(ethics && keysOf(ethics).record_access);
  // permission is asked where the team itself sees service users' records (not carers' or staff's); a pseudonymised or anonymous extract made by others needs none
  const seenRecords = recordsSeen(model);
  if (group.actors.some((a) => a.role?.text === 'service_user') && seenRecords.length > 0) {
    required.push([
      text('I understand that the study team may look at relevant parts of my records, and I give permission for this. '),
      ...(recordAccess ? [text(`How access is controlled: ${asSentence(recordAccess)}`)] : notStated('record_access', 'the ethics block')),
    ]);
  }
  const retention = statedText(ethics && keysOf(ethics).retention, 'retention', 'the ethics block');
  required.push([text('I understand how long my information will be kept: '), ...sentence(retention.map((s, i) => (i === 0 && !s.style ? { ...s, text: lowerFirst(s.text) } : s)))]);
  required.push([text(`I agree to take part in ${methodsInSentence(methods)}.`)]);
  const optional: Inlines[] = [[text('I agree to be contacted about future studies.')]];
  return { required, optional };
}

/** "Five years after…" → "five years after…", leaving names and acronyms ("NHS", "London") as written. */
const seen = new WeakMap<StudyModel, MethodDecl[]>();

/** The record reviews in which the team sees records identifiably: the same for every form, so found once per model. */
function recordsSeen(model: StudyModel): MethodDecl[] {
  let methods = seen.get(model);
  if (!methods) {
    methods = model.methods.filter((m) => m.methodKind?.text === 'record_review' && !['pseudonymised', 'anonymous'].includes(identifiabilityOf(m)?.level ?? ''));
    seen.set(model, methods);
  }
  return methods;
}

function lowerFirst(value: string): string {
  return /^[A-Z][a-z]/.test(value) && !/^[A-Z][a-z]+ [A-Z]/.test(value) ? value.charAt(0).toLowerCase() + value.slice(1) : value;
}

/** Stated text run on as a sentence: a full stop after it unless it is a gap. */
function sentence(spans: Inlines): Inlines {
  const last = spans[spans.length - 1];
  return last && last.style !== 'gap' && spans.every((s) => s.style !== 'gap') ? [...spans.slice(0, -1), text(asSentence(last.text))] : spans;
}

function signatures(who: string): Block {
  const row = (label: string): TableRow => ({ cells: [[text(label)], [], [], []], writeIn: true });
  return { type: 'table', header: [[text('')], [text('Name')], [text('Date')], [text('Signature')]], rows: [row(who), row('Person taking consent')] };
}
