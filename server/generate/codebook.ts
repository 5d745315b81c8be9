/**
 * The codebook of server/model/codebook.ts as files: `codebook.qdc` (the REFI-QDA Codebook
 * exchange format, namespace urn:QDA-XML:codebook:1.0, which NVivo, ATLAS.ti, MAXQDA and
 * QualCoder import), `codebook.csv` (name, description, parent: a shape CSV codebook importers
 * such as Taguette's read) and the coding manual for the analysis team (md, html, docx).
 */
import { Codebook, CodebookCode, codeGuid, walkCodes } from '../model/codebook';
import { MethodDecl, QuestionDecl } from '../model/ast';
import { StudyModel } from '../model/model';
import { csvDocument } from './csv';
import { Block, bullets, code, Doc, em, heading, Inlines, joinSpans, paragraph, strong, TableRow, text } from './doc';
import { constructSource, exclusionSource, frameworkSource, labelOf, questionNumbers, sourceOf } from './describe';
import { escapeXml } from './svgText';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

const NO_GUIDANCE = 'The framework gives no coding guidance for these codes yet: agree when to use each one as a team, on the first transcripts, and write it down here.';
const NO_GUIDANCE_SOME = 'the framework gives no coding guidance for it yet: agree when to use it as a team, on the first transcripts, and write it down here.';

interface Described {
  numbers: Map<QuestionDecl, string>;
}

export function questionLine(ctx: Described, question: QuestionDecl): string {
  return `${ctx.numbers.get(question) ?? ''} ${question.name.text}: ${labelOf(question)}`.trim();
}

function groupNames(groups: MethodDecl[]): string {
  return groups.map((g) => labelOf(g)).join('; ');
}

/** What a code means and when to use it, as lines of plain text: definition, guidance, whether it only groups codes. */
export function codeDefinition(entry: CodebookCode): string[] {
  const parts: string[] = [];
  if (entry.definition) parts.push(entry.family === 'framework' ? `Source: ${entry.definition}` : `Definition: ${entry.definition}`);
  if (entry.useWhen) parts.push(`Use when: ${entry.useWhen}`);
  if (entry.notWhen) parts.push(`Do not use when: ${entry.notWhen}`);
  if (!entry.codable && entry.family !== 'journey') parts.push('Grouping code: code the codes below it.');
  return parts;
}

/** A code's description as plain text, for the .qdc and the CSV: definition, guidance, questions, groups. */
export function codeDescription(model: StudyModel, entry: CodebookCode, ctx: Described = { numbers: questionNumbers(model) }): string {
  const parts = codeDefinition(entry);
  if (entry.questions.length > 0 && entry.family !== 'service') parts.push(`Asked by: ${entry.questions.map((q) => questionLine(ctx, q)).join('; ')}`);
  if (entry.groups.length > 0 && entry.family !== 'service') parts.push(`Participant groups asked: ${groupNames(entry.groups)}`);
  return parts.join('\n');
}

/** The codebook as a REFI-QDA Codebook (.qdc) document. */
export function codebookQdc(model: StudyModel, book: Codebook): string {
  const ctx: Described = { numbers: questionNumbers(model) };
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${QDC_NAMESPACE}" origin="studyspec">`, '  <Codes>'];
  const write = (entry: CodebookCode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const attributes = `guid="${entry.guid}" name="${escapeXml(entry.name)}" isCodable="${entry.codable}" color="${entry.color}"`;
    const description = codeDescription(model, entry, ctx);
    if (!description && entry.children.length === 0) return void lines.push(`${pad}<Code ${attributes}/>`);
    lines.push(`${pad}<Code ${attributes}>`);
    if (description) lines.push(`${pad}  <Description>${escapeXml(description)}</Description>`);
    for (const child of entry.children) write(child, depth + 1);
    lines.push(`${pad}</Code>`);
  };
  for (const root of [...book.frameworks, ...(book.journey ? [book.journey] : [])]) write(root, 2);
  // the schema wants one code at least: a study with no frame and no journey gets one for new codes
  if (lines.length === 3) lines.push(`    <Code guid="${codeGuid('inductive')}" name="New codes (inductive)" isCodable="true"/>`);
  lines.push('  </Codes>');
  const sets = book.sets.filter((s) => s.members.length > 0);
  if (sets.length > 0) {
    lines.push('  <Sets>');
    for (const set of sets) {
      lines.push(`    <Set guid="${set.guid}" name="${escapeXml(set.name)}">`, `      <Description>${escapeXml(set.description)}</Description>`);
      for (const member of set.members) lines.push(`      <MemberCode guid="${member.guid}"/>`);
      lines.push('    </Set>');
    }
    lines.push('  </Sets>');
  }
  lines.push('</CodeBook>');
  return `${lines.join('\n')}\n`;
}

/** The codes as CSV: name, description, parent (the parent's name), with each code's GUID and colour. */
export function codebookCsv(model: StudyModel, book: Codebook): string {
  const ctx: Described = { numbers: questionNumbers(model) };
  const rows: string[][] = [['name', 'description', 'parent', 'codable', 'guid', 'color']];
  const write = (entry: CodebookCode, parent: string): void => {
    rows.push([entry.name, codeDescription(model, entry, ctx), parent, entry.codable ? 'yes' : 'no', entry.guid, entry.color]);
    for (const child of entry.children) write(child, entry.name);
  };
  for (const root of [...book.frameworks, ...(book.journey ? [book.journey] : [])]) write(root, '');
  return csvDocument(rows);
}

// ---------------------------------------------------------------- the coding manual

const HOW_TO_USE: Inlines[] = [
  [
    text(
      'This codebook turns the study’s design into a starting coding frame. Each code stands for a construct of a framework the study selected, with its definition, when to use it and when not to, the research questions that ask about it and the participant groups who were asked. A second family of codes holds the steps of the service in journey order, so that a passage can also be indexed by the step it is about.',
    ),
  ],
  [
    strong('Deductive coding. '),
    text(
      'Read each transcript with the frame beside you and code a passage to a construct when what it says fits the definition and the “use when” guidance. Code to the most specific construct that fits; code to a domain only when the passage speaks to it as a whole. One passage may carry several codes, and usually also the touchpoint it is about. Grouping codes (frameworks, grouping nodes) only organise the frame and are not coded.',
    ),
  ],
  [
    strong('Inductive coding. '),
    text(
      'The frame is a start, not a fence. When a passage matters to the research questions but fits no code, or fits one only by stretching its definition, give it a new code with a short definition of your own, and talk it through with the team. New codes sit beside the framework codes, and a framework code that is never used is a finding to report, not a gap to fill.',
    ),
  ],
  [
    strong('The framework method. '),
    text(
      'Gale et al. (2013) describe seven stages: transcription; familiarisation with the interviews; coding; developing a working analytical framework; applying it to every transcript; charting the data into a framework matrix; and interpreting it. This codebook is the first version of the working framework: two analysts code the first few transcripts independently, compare and refine the codes and their guidance, then apply the agreed frame to the rest. The charting matrix (chart.xlsx) has a sheet per participant group, a row per participant and a column per code, for a summary of what each person said with a reference to the transcript.',
    ),
  ],
  [
    strong('In your software. '),
    text(
      'Import codebook.qdc into NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA Codebook import); codebook.csv suits tools that import codes from a spreadsheet. Each code keeps its identifier when the codebook is generated again after the study changes, so a project can take in the new version.',
    ),
  ],
];

const GALE_CITATION =
  'Gale NK, Heath G, Cameron E, Rashid S, Redwood S. Using the framework method for the analysis of qualitative data in multi-disciplinary health research. BMC Medical Research Methodology. 2013;13:117.';

function questionSpans(ctx: Described, questions: QuestionDecl[]): Inlines {
  if (questions.length === 0) return [em('None')];
  return joinSpans(
    questions.map((q) => [strong(ctx.numbers.get(q) ?? ''), text(' '), code(q.name.text), text(` ${labelOf(q)}`)]),
    '; ',
  );
}

function groupSpans(groups: MethodDecl[]): Inlines {
  return groups.length === 0 ? [em('None')] : [text(groupNames(groups))];
}

function guidanceCell(value: string | undefined): Inlines {
  return [text(value ?? '—')];
}

/** "Differentiation" under "Coherence": indented by its depth below the framework. */
function codeName(entry: CodebookCode, depth: number): Inlines {
  const indent = depth > 1 ? `${'› '.repeat(depth - 1)}` : '';
  const name: Inlines = entry.codable ? [strong(`${indent}${entry.name}`)] : [text(`${indent}${entry.name} `), em('(grouping)')];
  return entry.construct ? [...name, text(' '), code(entry.construct.path)] : name;
}

function frameworkSection(ctx: Described, root: CodebookCode): Block[] {
  const codable = [...walkCodes(root.children)].filter((c) => c.codable);
  const guided = codable.some((c) => c.useWhen || c.notWhen);
  const unguided = codable.some((c) => !c.useWhen && !c.notWhen);
  const rows: TableRow[] = [];
  const add = (entry: CodebookCode, depth: number): void => {
    const guidance = guided ? [entry.codable ? guidanceCell(entry.useWhen) : [], entry.codable ? guidanceCell(entry.notWhen) : []] : [];
    rows.push({
      source: entry.construct ? constructSource(entry.construct) : undefined,
      cells: [codeName(entry, depth), [text(entry.definition ?? '')], ...guidance, questionSpans(ctx, entry.questions), groupSpans(entry.groups)],
    });
    for (const child of entry.children) add(child, depth + 1);
  };
  for (const child of root.children) add(child, 1);
  const framework = root.framework;
  // without any guidance from the framework, two columns of dashes would only squeeze the others
  const header = [[text('Code')], [text('Definition')], ...(guided ? [[text('Use when')], [text('Do not use when')]] : []), [text('Questions')], [text('Groups asked')]];
  return [
    heading(1, root.name, framework ? frameworkSource(framework) : undefined),
    paragraph([em(root.definition ?? '')]),
    ...(unguided ? [paragraph(guided ? [strong('Note: '), text(`Where a code shows —, ${NO_GUIDANCE_SOME}`)] : [strong('Use when, do not use when: '), text(NO_GUIDANCE)])] : []),
    { type: 'table', header, rows },
  ];
}

function journeySection(ctx: Described, root: CodebookCode): Block[] {
  const rows: TableRow[] = [];
  for (const service of root.children) {
    rows.push({ group: true, cells: [[strong(service.name)]] });
    for (const step of service.children)
      rows.push({ source: step.touchpoint ? sourceOf(step.touchpoint) : undefined, cells: [[strong(step.name)], questionSpans(ctx, step.questions), groupSpans(step.groups)] });
  }
  return [
    heading(1, root.name),
    paragraph('Code a passage to the step of the service it is about, alongside its framework codes, to compare what people say about each step. The services are grouping codes.'),
    { type: 'table', header: [[text('Touchpoint')], [text('Questions about it')], [text('Groups asked')]], rows },
  ];
}

function setsSection(book: Codebook): Block[] {
  const items = book.sets.map((set) => {
    const members = set.members.map((m) => m.name);
    return [strong(set.name), text(': '), ...(members.length > 0 ? [text(members.join(', '))] : [em('no codes')])];
  });
  if (items.length === 0) return [];
  return [
    heading(1, 'Sets'),
    paragraph(
      'The .qdc file also holds these sets of codes, to filter the frame while coding: one per research question (the constructs it asks about) and one per participant group (the constructs and touchpoints of the questions put to them).',
    ),
    bullets(items),
  ];
}

function exclusionsSection(model: StudyModel): Block[] {
  if (model.excludes.length === 0) return [];
  return [
    heading(1, 'Left out of the frame'),
    paragraph('The study excludes these, so they have no code. A passage about them is still worth an inductive code.'),
    bullets(model.excludes.map((e) => ({ content: [code(e.ref?.path ?? ''), text(': '), text(e.rationale?.text.trim() || 'no reason given')], source: exclusionSource(e) }))),
  ];
}

export function buildCodebookDoc(model: StudyModel, book: Codebook, draftNote?: Block): Doc {
  const ctx: Described = { numbers: questionNumbers(model) };
  const title = `Codebook: ${model.study ? labelOf(model.study) : 'study'}`;
  const blocks: Block[] = [];
  if (draftNote) blocks.push(draftNote);
  blocks.push(heading(1, 'How to use this codebook'), ...HOW_TO_USE.map((p) => paragraph(p)), paragraph([em(GALE_CITATION)]));
  if (book.frameworks.length === 0) blocks.push(paragraph([{ text: '⚠ The study selects no framework constructs, so the frame has only the touchpoints: code inductively.', style: 'gap' }]));
  for (const root of book.frameworks) blocks.push(...frameworkSection(ctx, root));
  if (book.journey) blocks.push(...journeySection(ctx, book.journey));
  blocks.push(...setsSection(book), ...exclusionsSection(model));
  const codable = [...walkCodes(book.frameworks)].filter((c) => c.codable).length;
  return {
    title,
    subtitle: [
      text(
        `${codable} framework code${codable === 1 ? '' : 's'} from ${book.frameworks.length} framework${book.frameworks.length === 1 ? '' : 's'}, and ${book.journey ? [...walkCodes([book.journey])].filter((c) => c.codable).length : 0} touchpoints`,
      ),
    ],
    blocks,
  };
}
