/**
 * The reporting checklist: StaRI for every study, SRQR for qualitative and mixed-methods
 * designs, SPIRIT 2025 where the study is research. Each item says, in the project's own
 * words, what the standard asks, and where the protocol answers it: a section, "Not
 * addressed" with the key that would address it, "After fieldwork" for what can only be
 * reported from the results, or "Not in the specification" for what must be written by hand.
 */
import { keysOf } from '../model/keys';
import { consentOf, hasKey, participantGroups, recruits } from '../model/fieldwork';
import { StudyModel } from '../model/model';
import { GUIDED_METHODS } from '../model/schema';
import { csvDocument } from './csv';
import { Block, code, Doc, gap, heading, Inlines, joinSpans, paragraph, strong, TableRow, text } from './doc';
import { labelOf } from './describe';
import { ProtocolSection, PROTOCOL_SECTIONS, sectionTitle } from './protocol';

interface ChecklistItem {
  item: string;
  topic: string;
  /** what the item asks, in our own words */
  asks: string;
  /** where the protocol answers it */
  sections?: ProtocolSection[];
  /** the keys that answer it: `study.aims`, `ethics.lawful_basis`, `actor.inclusion`, `method.analysis`, `tool.description`, or `questions`, `frameworks`, `qualitative_methods` (any method), `consent` (each recruiting method's own or the study's) */
  keys?: string[];
  /** reported from the results, after fieldwork */
  after?: boolean;
  /** what the keys do not cover, to be written by hand even when they are given */
  alsoWrite?: string;
}

interface Standard {
  id: 'stari' | 'srqr' | 'spirit';
  name: string;
  citation: string;
  items: ChecklistItem[];
}

const after = (item: string, topic: string, asks: string): ChecklistItem => ({ item, topic, asks, after: true });
const byHand = (item: string, topic: string, asks: string): ChecklistItem => ({ item, topic, asks });

export const STARI: Standard = {
  id: 'stari',
  name: 'StaRI: Standards for Reporting Implementation Studies (27 items)',
  citation: 'Pinnock H, Barwick M, Carpenter CR, et al. Standards for Reporting Implementation Studies (StaRI) Statement. BMJ. 2017;356:i6795. doi:10.1136/bmj.i6795',
  items: [
    {
      item: '1',
      topic: 'Title',
      asks: 'The title says this is a study of implementation and names its design.',
      sections: ['Administrative information'],
      keys: ['study.design'],
      alsoWrite: 'a title that says so',
    },
    { item: '2', topic: 'Abstract', asks: 'A structured summary of the design, setting, strategy, intervention and outcomes.', sections: ['Lay summary'], keys: ['study.summary'] },
    {
      item: '3',
      topic: 'Introduction',
      asks: 'The gap in care or service that the strategy and the intervention are meant to close.',
      sections: ['Lay summary', 'Background and rationale'],
      keys: ['study.summary'],
    },
    {
      item: '4',
      topic: 'Rationale',
      asks: 'Why this strategy and this intervention, and the theory that explains how they should work.',
      sections: ['Background and rationale', 'Implementation strategy'],
      keys: ['frameworks', 'study.implementation_strategy'],
    },
    {
      item: '5',
      topic: 'Aims and objectives',
      asks: 'What the study sets out to learn about the strategy and about the intervention.',
      sections: ['Aims and objectives'],
      keys: ['study.aims', 'study.objectives'],
    },
    { item: '6', topic: 'Design', asks: 'The design and its key features, such as comparisons over time or between sites.', sections: ['Design'], keys: ['study.design'] },
    { item: '7', topic: 'Context', asks: 'The setting, and what in it might help or hinder implementation.', sections: ['Setting', 'The service and its touchpoints'], keys: ['study.setting'] },
    {
      item: '8',
      topic: 'Targeted sites and populations',
      asks: 'Which sites, staff and service users the strategy targets, and who is eligible to take part.',
      sections: ['Participants'],
      keys: ['actor.inclusion'],
    },
    {
      item: '9',
      topic: 'Description',
      asks: 'The implementation strategy and the intervention, each described well enough to be repeated.',
      sections: ['The digital tool', 'Implementation strategy'],
      keys: ['tool.description', 'study.implementation_strategy'],
    },
    {
      item: '10',
      topic: 'Sub-groups',
      asks: 'Any groups of sites or people to be looked at separately, and why.',
      sections: ['Sampling and sample size'],
      keys: ['method.sampling'],
      alsoWrite: 'which sub-groups, if any',
    },
    {
      item: '11',
      topic: 'Outcomes',
      asks: 'The implementation outcomes and the outcomes of the intervention, and how each is assessed.',
      sections: ['Data collection', 'Theory coverage'],
      keys: ['questions'],
    },
    {
      item: '12',
      topic: 'Process evaluation',
      asks: 'What the process evaluation looks at (how the strategy is delivered and received) and how.',
      sections: ['Data collection'],
      keys: ['qualitative_methods'],
    },
    byHand('13', 'Economic evaluation', 'What the strategy and the intervention cost, and how costs are assessed.'),
    { item: '14', topic: 'Sample size', asks: 'The size of each sample and how it was arrived at.', sections: ['Sampling and sample size'], keys: ['method.sample', 'method.sampling'] },
    { item: '15', topic: 'Analysis', asks: 'How the data of each strand will be analysed.', sections: ['Analysis'], keys: ['method.analysis'] },
    byHand('16', 'Sub-group analyses', 'Any analyses of sub-groups, and whether they were planned in advance.'),
    after('17', 'Characteristics', 'The sites and participants actually included.'),
    after('18', 'Outcomes', 'The results for each outcome of the strategy and the intervention.'),
    after('19', 'Process outcomes', 'What the process evaluation found.'),
    after('20', 'Economic evaluation', 'The costs found.'),
    after('21', 'Sub-group analyses', 'The results for the sub-groups.'),
    after('22', 'Fidelity and adaptation', 'How far the strategy was delivered as planned, and how it was adapted.'),
    after('23', 'Contextual changes', 'Changes in the context during the study that may have affected the results.'),
    after('24', 'Harms', 'Any harms or unintended effects.'),
    after('25', 'Structured discussion', 'The main findings, their strengths and limitations, and how they fit what is known.'),
    after('26', 'Implications', 'What the findings mean for practice, policy and research.'),
    {
      item: '27',
      topic: 'Statements',
      asks: 'Ethics approval, funding, registration and conflicts of interest.',
      sections: ['Administrative information', 'Ethics'],
      keys: ['ethics.classification', 'study.funder'],
      alsoWrite: 'registration and conflicts of interest',
    },
  ],
};

export const SRQR: Standard = {
  id: 'srqr',
  name: 'SRQR: Standards for Reporting Qualitative Research (21 items)',
  citation:
    "O'Brien BC, Harris IB, Beckman TJ, Reed DA, Cook DA. Standards for reporting qualitative research: a synthesis of recommendations. Acad Med. 2014;89(9):1245-1251. doi:10.1097/ACM.0000000000000388",
  items: [
    { item: '1', topic: 'Title', asks: 'A short description of the topic that says the study is qualitative or names its approach.', sections: ['Administrative information'], keys: ['study.design'] },
    { item: '2', topic: 'Abstract', asks: 'A summary of the purpose, methods, results and conclusions.', sections: ['Lay summary'], keys: ['study.summary'] },
    {
      item: '3',
      topic: 'Problem formulation',
      asks: 'The problem or phenomenon, why it matters, and what is already known.',
      sections: ['Lay summary', 'Background and rationale'],
      keys: ['study.summary'],
    },
    {
      item: '4',
      topic: 'Purpose or research question',
      asks: 'The purpose of the study and the questions it asks.',
      sections: ['Aims and objectives', 'Data collection'],
      keys: ['study.aims', 'questions'],
    },
    {
      item: '5',
      topic: 'Qualitative approach and paradigm',
      asks: 'The approach (such as framework analysis or ethnography), the guiding theory, and why they were chosen.',
      sections: ['Design', 'Background and rationale'],
      keys: ['study.design', 'frameworks'],
      alsoWrite: 'the research paradigm',
    },
    byHand('6', 'Researcher characteristics and reflexivity', 'Who the researchers are, their relationship to participants, and how this may shape the research.'),
    { item: '7', topic: 'Context', asks: 'The setting and what about it matters for the study.', sections: ['Setting', 'The service and its touchpoints'], keys: ['study.setting'] },
    { item: '8', topic: 'Sampling strategy', asks: 'How and why people, documents or events were chosen, and when sampling stops.', sections: ['Sampling and sample size'], keys: ['method.sampling'] },
    {
      item: '9',
      topic: 'Ethical issues',
      asks: 'Ethics review, consent, and how confidentiality is protected.',
      sections: ['Ethics', 'Data management'],
      keys: ['ethics.classification', 'consent'],
    },
    { item: '10', topic: 'Data collection methods', asks: 'The kinds of data collected, how and when.', sections: ['Data collection'], keys: ['qualitative_methods'] },
    {
      item: '11',
      topic: 'Data collection instruments and technologies',
      asks: 'The topic guides, questionnaires and recording devices used.',
      sections: ['Data collection'],
      keys: ['method.recording'],
    },
    after('12', 'Units of study', 'How many people, documents or events were included, and what they were like.'),
    { item: '13', topic: 'Data processing', asks: 'How data are transcribed, managed, stored and de-identified.', sections: ['Data management'], keys: ['study.data_management'] },
    { item: '14', topic: 'Data analysis', asks: 'How the analysis is done, and how codes and themes are developed.', sections: ['Analysis'], keys: ['method.analysis'] },
    byHand('15', 'Techniques to enhance trustworthiness', 'What is done to make the findings credible, such as double coding or checking back with participants.'),
    after('16', 'Synthesis and interpretation', 'The main findings and how they were interpreted.'),
    after('17', 'Links to empirical data', 'Evidence such as quotations that supports the findings.'),
    after('18', 'Integration with prior work and implications', 'How the findings relate to earlier work, how far they transfer, and what they add.'),
    after('19', 'Limitations', 'The trustworthiness and transferability of the findings, and their limits.'),
    byHand('20', 'Conflicts of interest', 'Anything that could have influenced the research, and how it was handled.'),
    {
      item: '21',
      topic: 'Funding',
      asks: 'Who funded the study and what part they played.',
      sections: ['Administrative information'],
      keys: ['study.funder'],
      alsoWrite: "the funder's part in the study",
    },
  ],
};

export const SPIRIT: Standard = {
  id: 'spirit',
  name: 'SPIRIT 2025: Standard Protocol Items: Recommendations for Interventional Trials (34 items)',
  citation: 'Chan AW, Boutron I, Hopewell S, et al. SPIRIT 2025 statement: updated guideline for protocols of randomised trials. BMJ. 2025;389:e081477. doi:10.1136/bmj-2024-081477',
  items: [
    {
      item: '1',
      topic: 'Title and structured summary',
      asks: 'A descriptive title and a summary of the design, participants, intervention and outcomes.',
      sections: ['Administrative information', 'Lay summary'],
      keys: ['study.summary'],
    },
    { item: '2', topic: 'Protocol version', asks: 'The version and date of the protocol.', sections: ['Administrative information'], keys: ['study.version'] },
    {
      item: '3',
      topic: 'Roles and responsibilities',
      asks: 'Who wrote the protocol, who sponsors the study and how to contact them, the part the sponsor and funder play, and the committees that oversee it.',
      sections: ['Administrative information'],
      keys: ['study.sponsor', 'study.contact'],
      alsoWrite: 'protocol contributors, the part the sponsor and funder play, and oversight committees',
    },
    byHand('4', 'Registration', 'Where the study is registered, with its number, or where it will be.'),
    byHand('5', 'Access to the protocol and analysis plan', 'Where the protocol and the analysis plan can be read.'),
    {
      item: '6',
      topic: 'Data sharing',
      asks: 'Whether and how de-identified data, code and materials will be shared.',
      sections: ['Data management'],
      keys: ['study.data_management'],
      alsoWrite: 'whether de-identified data will be shared, if data_management does not say',
    },
    {
      item: '7',
      topic: 'Funding and conflicts of interest',
      asks: 'The sources of funding and other support, and any conflicts of interest.',
      sections: ['Administrative information'],
      keys: ['study.funder'],
      alsoWrite: 'conflicts of interest',
    },
    { item: '8', topic: 'Dissemination policy', asks: 'How results will reach participants, professionals and the public.', sections: ['Dissemination'], keys: ['study.dissemination'] },
    {
      item: '9',
      topic: 'Background and rationale',
      asks: 'The question, why the study is needed, and what is already known.',
      sections: ['Background and rationale'],
      keys: ['study.summary', 'frameworks'],
    },
    { item: '10', topic: 'Objectives', asks: 'The specific objectives.', sections: ['Aims and objectives'], keys: ['study.objectives'] },
    {
      item: '11',
      topic: 'Patient and public involvement',
      asks: 'How patients and the public are involved in the design, conduct and reporting.',
      sections: ['Ethics'],
      keys: ['ethics.public_involvement'],
    },
    { item: '12', topic: 'Design', asks: 'The type of study and its framework.', sections: ['Design'], keys: ['study.design'] },
    { item: '13', topic: 'Setting', asks: 'Where the study takes place.', sections: ['Setting'], keys: ['study.setting'] },
    { item: '14', topic: 'Eligibility criteria', asks: 'Who can take part, for participants and, where relevant, for sites and staff.', sections: ['Participants'], keys: ['actor.inclusion'] },
    {
      item: '15',
      topic: 'Intervention',
      asks: 'The intervention (here, the tool and how it is introduced), described well enough to repeat it.',
      sections: ['The digital tool', 'Implementation strategy'],
      keys: ['tool.description', 'study.implementation_strategy'],
    },
    { item: '16', topic: 'Outcomes', asks: 'What is assessed, how and when.', sections: ['Data collection', 'Theory coverage'], keys: ['questions'] },
    { item: '17', topic: 'Harms', asks: 'How harms and adverse effects are identified and handled.', sections: ['Ethics'], keys: ['ethics.distress_protocol'] },
    { item: '18', topic: 'Participant timeline', asks: 'When enrolment, data collection and reporting happen.', sections: ['Timeline'], keys: ['study.milestones'] },
    { item: '19', topic: 'Sample size', asks: 'How many participants are needed, and why.', sections: ['Sampling and sample size'], keys: ['method.sample', 'method.sampling'] },
    { item: '20', topic: 'Recruitment', asks: 'How participants are found and approached to reach the sample.', sections: ['Recruitment'], keys: ['method.recruitment'] },
    byHand('21', 'Allocation sequence', 'How participants or sites would be allocated, if the design allocates them.'),
    byHand('22', 'Allocation concealment', 'How the allocation is kept hidden until assignment, if there is one.'),
    byHand('23', 'Implementing allocation', 'Who generates the allocation, enrols and assigns, if there is allocation.'),
    byHand('24', 'Blinding', 'Who is kept unaware of the allocation, if anyone, and how.'),
    { item: '25', topic: 'Data collection', asks: 'How data are collected, with the instruments, and how participants are kept in the study.', sections: ['Data collection'], keys: ['questions'] },
    { item: '26', topic: 'Data management', asks: 'How data are entered, coded, stored and kept secure.', sections: ['Data management'], keys: ['study.data_management'] },
    { item: '27', topic: 'Analysis methods', asks: 'How each kind of data is analysed, including any comparisons.', sections: ['Analysis'], keys: ['method.analysis'] },
    byHand('28', 'Oversight and data monitoring', 'The committees that oversee the study and monitor its data, and any interim analyses.'),
    byHand('29', 'Monitoring of conduct', 'How and how often the conduct of the study is checked.'),
    { item: '30', topic: 'Ethics approval', asks: 'How ethics approval is sought.', sections: ['Ethics'], keys: ['ethics.classification'] },
    byHand('31', 'Protocol amendments', 'How changes to the protocol are agreed and communicated.'),
    { item: '32', topic: 'Consent', asks: 'Who takes consent and how.', sections: ['Ethics'], keys: ['consent'], alsoWrite: 'who takes consent' },
    {
      item: '33',
      topic: 'Confidentiality',
      asks: 'How personal information is collected, shared and kept confidential.',
      sections: ['Data management'],
      keys: ['ethics.lawful_basis', 'study.data_management'],
    },
    byHand('34', 'Ancillary and post-study care', 'Care or support for participants during and after the study, and for anyone harmed by taking part.'),
  ],
};

/** The standards a study reports against. */
export function standardsFor(model: StudyModel): Standard[] {
  const design = model.study && keysOf(model.study).design;
  const qualitative = design === 'qualitative' || design === 'mixed_methods' || (!design && hasQualitativeMethod(model));
  const research = model.ethics && keysOf(model.ethics).classification === 'research';
  return [STARI, ...(qualitative ? [SRQR] : []), ...(research ? [SPIRIT] : [])];
}

function hasQualitativeMethod(model: StudyModel): boolean {
  return model.methods.some((m) => [...GUIDED_METHODS, 'observation'].includes(m.methodKind?.text ?? ''));
}

type Presence = 'yes' | 'partly' | 'no';

/** Whether the study gives a key: every block it applies to, some of them, or none. */
function presence(model: StudyModel, key: string): Presence {
  if (key === 'questions') return model.questions.length > 0 ? 'yes' : 'no';
  if (key === 'frameworks') return model.selections.length > 0 ? 'yes' : 'no';
  if (key === 'qualitative_methods') return model.methods.length > 0 ? 'yes' : 'no';
  if (key === 'consent') {
    // consent is given per method, or once for the study in the ethics block
    const recruiting = model.methods.filter(recruits);
    const given = recruiting.filter((m) => consentOf(model, m)).length;
    return recruiting.length === 0 || given === 0 ? 'no' : given === recruiting.length ? 'yes' : 'partly';
  }
  const [block, name] = key.split('.');
  if (block === 'study') return model.study && hasKey(model.study, name) ? 'yes' : 'no';
  if (block === 'ethics') return model.ethics && hasKey(model.ethics, name) ? 'yes' : 'no';
  const owners =
    block === 'tool'
      ? model.tools
      : block === 'actor'
        ? participantGroups(model).flatMap((g) => g.actors)
        : model.methods.filter((m) => (name === 'analysis' ? true : name === 'recording' ? GUIDED_METHODS.includes(m.methodKind?.text ?? '') : recruits(m)));
  if (owners.length === 0) return 'no';
  const given = owners.filter((o) => hasKey(o, name)).length;
  return given === owners.length ? 'yes' : given > 0 ? 'partly' : 'no';
}

interface ItemStatus {
  status: 'addressed' | 'partly' | 'not addressed' | 'after fieldwork' | 'by hand';
  where: string;
  /** the keys still to give */
  missing: string[];
  /** what the keys do not cover */
  alsoWrite?: string;
}

export function itemStatus(model: StudyModel, item: ChecklistItem): ItemStatus {
  if (item.after) return { status: 'after fieldwork', where: 'Reported from the results', missing: [] };
  if (!item.keys) return { status: 'by hand', where: 'Not in the specification: write it into the protocol', missing: [] };
  const where = (item.sections ?? []).map(sectionTitle).join('; ');
  const found = item.keys.map((k) => presence(model, k));
  const missing = item.keys.filter((_, i) => found[i] !== 'yes');
  if (missing.length === 0) return { status: 'addressed', where, missing, alsoWrite: item.alsoWrite };
  return { status: found.some((f) => f !== 'no') ? 'partly' : 'not addressed', where, missing, alsoWrite: item.alsoWrite };
}

const STATUS_WORDS: Record<ItemStatus['status'], string> = {
  addressed: 'Addressed',
  partly: 'Partly addressed',
  'not addressed': 'Not addressed',
  'after fieldwork': 'After fieldwork',
  'by hand': 'Write by hand',
};

/** How a key is written in a study: `aims:` in the study, `inclusion:` on each participant actor. */
function keyHint(key: string): string {
  if (key === 'questions') return 'question blocks';
  if (key === 'frameworks') return 'frameworks:';
  if (key === 'qualitative_methods') return 'method blocks';
  if (key === 'consent') return 'consent: in the ethics block or on each method';
  const [block, name] = key.split('.');
  return block === 'study' || block === 'ethics' ? `${name}:` : `${name}: on each ${block}`;
}

function statusCell(status: ItemStatus): Inlines {
  const also = status.alsoWrite ? [text(`; also write ${status.alsoWrite}`)] : [];
  if (status.status === 'addressed') return [text(STATUS_WORDS.addressed), ...also];
  if (status.status === 'after fieldwork' || status.status === 'by hand') return [text(STATUS_WORDS[status.status])];
  return [gap(STATUS_WORDS[status.status]), text(': add '), ...joinSpans(status.missing.map((k) => [code(keyHint(k))])), ...also];
}

export function buildChecklist(model: StudyModel, draftNote?: Block): Doc {
  const standards = standardsFor(model);
  const blocks: Block[] = [];
  if (draftNote) blocks.push(draftNote);
  blocks.push(
    paragraph(
      `Where the generated protocol answers each item of the reporting standards that apply to this study: StaRI for every implementation study${standards.includes(SRQR) ? ', SRQR for its qualitative strand' : ''}${standards.includes(SPIRIT) ? ', SPIRIT 2025 because it is research (SPIRIT is written for randomised trials: say in the protocol which of its items, such as allocation and blinding, do not apply, and why)' : ''}. The items are summarised in our own words; read the published checklists for their full wording.`,
    ),
    paragraph([
      strong('Statuses: '),
      text(
        'Addressed (the keys that fill the protocol section are given; read the section, and write what the keys do not cover); Partly or Not addressed (with the keys to add); After fieldwork (reported from the results); Write by hand (the specification has no key for it).',
      ),
    ]),
  );
  for (const standard of standards) {
    const rows: TableRow[] = standard.items.map((item) => {
      const status = itemStatus(model, item);
      return { cells: [[text(item.item)], [strong(item.topic), text(`: ${item.asks}`)], [text(status.where)], statusCell(status)] };
    });
    const counts = standard.items.map((i) => itemStatus(model, i).status);
    const count = (...statuses: ItemStatus['status'][]) => counts.filter((s) => statuses.includes(s)).length;
    const summary = `${count('addressed')} of ${standard.items.length} items addressed from the specification, ${count('partly', 'not addressed')} with keys still to add, ${count('by hand')} to write by hand and ${count('after fieldwork')} reported after fieldwork.`;
    blocks.push(heading(1, standard.name), paragraph([text(`${summary} Source: `), text(standard.citation)]), {
      type: 'table',
      header: [[text('Item')], [text('What it asks')], [text('Protocol section')], [text('Status')]],
      rows,
    });
  }
  const title = model.study ? labelOf(model.study) : 'Study';
  return { title: `Reporting checklist: ${title}`, subtitle: [text(`Against the protocol studyspec generates from this study (its ${PROTOCOL_SECTIONS.length} numbered sections).`)], blocks };
}

export function checklistCsv(model: StudyModel): string {
  const rows: string[][] = [['Standard', 'Item', 'Topic', 'What it asks', 'Protocol section', 'Status', 'Keys to add', 'Also write by hand']];
  for (const standard of standardsFor(model)) {
    for (const item of standard.items) {
      const status = itemStatus(model, item);
      rows.push([standard.id.toUpperCase(), item.item, item.topic, item.asks, status.where, STATUS_WORDS[status.status], status.missing.map(keyHint).join('; '), status.alsoWrite ?? '']);
    }
  }
  return csvDocument(rows);
}
