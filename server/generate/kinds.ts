/**
 * The registry of document kinds: each kind once, with its formats, its builder and how its
 * files are named. The CLI, `generate all`, the editor's preview tabs and export commands and the
 * `studyspec.preview.defaultTab` setting in package.json all come from this list (a test checks
 * package.json). A new kind is one entry here plus its builder.
 *
 * A kind yields one document (the protocol) or, with `perGroup`, one per method or participant
 * group (the guides); each document is written as `<id>.<format>`. A document is a `Doc` (rendered
 * to md, html and docx), an SVG, or a JSON value; `render` adds formats that come from elsewhere
 * (CSV now; binary ones such as xlsx return a Buffer).
 */
import { Finding } from '../common/finding';
import { buildCodebook } from '../model/codebook';
import { StudyModel } from '../model/model';
import { renderBlueprintSvg } from './blueprint';
import { draftNote } from './describe';
import { Doc } from './doc';
import { buildGuides, guideId } from './guides';
import { exportStudyJson } from './json';
import { buildMatrix, matrixCsv } from './matrix';
import { buildProtocol } from './protocol';
import { buildChart, chartCsv, chartSummary, chartXlsx } from './chart';
import { buildCodebookDoc, codebookCsv, codebookQdc } from './codebook';
import { buildPisDocuments, pisId } from './pis';
import { buildConsentDocuments, consentId } from './consent';
import { buildChecklist, checklistCsv } from './checklist';

/** Every output format: the file extensions that name it, what people call its files, and whether they are binary. */
export const FORMATS = {
  md: { extensions: ['.md', '.markdown'], name: 'Markdown' },
  html: { extensions: ['.html', '.htm'], name: 'HTML' },
  docx: { extensions: ['.docx'], name: 'Word', binary: true },
  csv: { extensions: ['.csv'], name: 'CSV' },
  svg: { extensions: ['.svg'], name: 'SVG' },
  json: { extensions: ['.json'], name: 'JSON' },
  qdc: { extensions: ['.qdc'], name: 'REFI-QDA codebook' },
  xlsx: { extensions: ['.xlsx'], name: 'Excel workbook', binary: true },
} as const satisfies Record<string, { extensions: readonly string[]; name: string; binary?: boolean }>;
export type OutputFormat = keyof typeof FORMATS;

export function isBinaryFormat(format: OutputFormat): boolean {
  const facts = FORMATS[format];
  return 'binary' in facts && facts.binary;
}

/** One document of a kind, e.g. the guide of one interview method. */
export interface BuiltDocument {
  /** the file stem: protocol, guide-<method>, study */
  id: string;
  title: string;
  /** rendered to md, html and docx */
  doc?: Doc;
  svg?: string;
  json?: object;
  /** formats that come neither from `doc`, `svg` nor `json` */
  render?: Partial<Record<OutputFormat, () => string | Buffer | Promise<string | Buffer>>>;
}

export interface DocumentKind {
  /** the CLI's KIND, the export request's kind, the preview tab's id */
  id: string;
  title: string;
  /** the formats it comes in, the default first */
  formats: readonly OutputFormat[];
  /** the `kind` of each of its documents in the preview's data (`guide` for guides) */
  documentKind: string;
  /** the id of the page shown when the kind fails to build */
  stem: string;
  /** one document per method or participant group; `none` says why a study has none */
  perGroup?: { one: string; many: string; none: string };
  /** a tab in the editor's preview, and its label */
  preview?: { label: string };
  /** the editor command that exports it (declared in package.json): to a file, or a folder when perGroup */
  exportCommand?: string;
  build(model: StudyModel, findings: Finding[]): BuiltDocument[];
}

export const DOCUMENT_KINDS = [
  {
    id: 'protocol',
    title: 'Protocol',
    formats: ['md', 'html', 'docx'],
    documentKind: 'protocol',
    stem: 'protocol',
    preview: { label: 'Protocol' },
    exportCommand: 'studyspec.exportProtocol',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => {
      const doc = buildProtocol(model, draftNote(findings, true));
      return [{ id: 'protocol', title: doc.title, doc }];
    },
  },
  {
    id: 'guides',
    title: 'Interview guides',
    formats: ['md', 'html', 'docx'],
    documentKind: 'guide',
    stem: 'guides',
    perGroup: { one: 'guide', many: 'guides', none: 'The study has no interview or focus-group method' },
    preview: { label: 'Interview guides' },
    exportCommand: 'studyspec.exportGuides',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => buildGuides(model, draftNote(findings, false)).map(({ method, doc }) => ({ id: guideId(method), title: doc.title, doc })),
  },
  {
    id: 'pis',
    title: 'Participant information sheets',
    formats: ['md', 'html', 'docx'],
    documentKind: 'pis',
    stem: 'pis',
    perGroup: { one: 'information sheet', many: 'information sheets', none: 'No method recruits participants' },
    preview: { label: 'Information sheets' },
    exportCommand: 'studyspec.exportPis',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => buildPisDocuments(model, draftNote(findings, false)).map(({ group, doc }) => ({ id: pisId(group), title: doc.title, doc })),
  },
  {
    id: 'consent',
    title: 'Consent forms',
    formats: ['md', 'html', 'docx'],
    documentKind: 'consent',
    stem: 'consent',
    perGroup: { one: 'consent form', many: 'consent forms', none: 'No method recruits participants' },
    preview: { label: 'Consent forms' },
    exportCommand: 'studyspec.exportConsent',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] =>
      buildConsentDocuments(model, draftNote(findings, false)).map(({ group, doc }) => ({ id: consentId(group), title: doc.title, doc })),
  },
  {
    id: 'checklist',
    title: 'Reporting checklist',
    formats: ['md', 'html', 'csv'],
    documentKind: 'checklist',
    stem: 'checklist',
    preview: { label: 'Checklist' },
    exportCommand: 'studyspec.exportChecklist',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => {
      const doc = buildChecklist(model, draftNote(findings, false));
      return [{ id: 'checklist', title: doc.title, doc, render: { csv: () => checklistCsv(model) } }];
    },
  },
  {
    id: 'matrix',
    title: 'Coverage matrix',
    formats: ['md', 'csv', 'html'],
    documentKind: 'matrix',
    stem: 'matrix',
    preview: { label: 'Coverage matrix' },
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => {
      const doc = buildMatrix(model, draftNote(findings, false));
      return [{ id: 'matrix', title: doc.title, doc, render: { csv: () => matrixCsv(model) } }];
    },
  },
  {
    id: 'blueprint',
    title: 'Service blueprint',
    formats: ['svg'],
    documentKind: 'blueprint',
    stem: 'blueprint',
    preview: { label: 'Blueprint' },
    build: (model: StudyModel): BuiltDocument[] => [{ id: 'blueprint', title: 'Service blueprint', svg: renderBlueprintSvg(model) }],
  },
  {
    id: 'codebook',
    title: 'Codebook',
    formats: ['qdc', 'md', 'html', 'docx', 'csv'],
    documentKind: 'codebook',
    stem: 'codebook',
    preview: { label: 'Codebook' },
    exportCommand: 'studyspec.exportCodebook',
    build: (model: StudyModel, findings: Finding[]): BuiltDocument[] => {
      const book = buildCodebook(model);
      const doc = buildCodebookDoc(model, book, draftNote(findings, false));
      return [{ id: 'codebook', title: doc.title, doc, render: { qdc: () => codebookQdc(model, book), csv: () => codebookCsv(model, book) } }];
    },
  },
  {
    id: 'chart',
    title: 'Charting matrix',
    formats: ['xlsx', 'csv'],
    documentKind: 'chart',
    stem: 'chart',
    exportCommand: 'studyspec.exportChart',
    build: (model: StudyModel): BuiltDocument[] => {
      const chart = buildChart(buildCodebook(model));
      return [{ id: 'chart', title: 'Charting matrix', doc: chartSummary(chart), render: { xlsx: () => chartXlsx(model, chart), csv: () => chartCsv(chart) } }];
    },
  },
  {
    id: 'json',
    title: 'Study as JSON',
    formats: ['json'],
    documentKind: 'json',
    stem: 'study',
    build: (model: StudyModel): BuiltDocument[] => [{ id: 'study', title: 'Study as JSON', json: exportStudyJson(model) }],
  },
] as const satisfies readonly DocumentKind[];

export type KindId = (typeof DOCUMENT_KINDS)[number]['id'];
/** The kinds with a preview tab. */
export type PreviewTabId = Extract<(typeof DOCUMENT_KINDS)[number], { preview: object }>['id'];

/** Every format some kind comes in, in the order the kinds list them. */
export const KIND_OUTPUT_FORMATS: readonly OutputFormat[] = [...new Set(DOCUMENT_KINDS.flatMap((kind): readonly OutputFormat[] => kind.formats))];

const BY_ID = new Map<string, DocumentKind>(DOCUMENT_KINDS.map((kind) => [kind.id, kind]));

export function documentKind(id: string): DocumentKind | undefined {
  return BY_ID.get(id);
}

export function isKindId(id: string): id is KindId {
  return BY_ID.has(id);
}

/** What the editor needs to know of each kind: no builders, so it travels over the wire. */
export interface DocumentKindInfo {
  id: KindId;
  title: string;
  formats: OutputFormat[];
  documentKind: string;
  perGroup?: { one: string; many: string; none: string };
  preview?: { label: string };
  exportCommand?: string;
}

export function documentKindInfos(): DocumentKindInfo[] {
  return DOCUMENT_KINDS.map((kind: DocumentKind) => ({
    id: kind.id as KindId,
    title: kind.title,
    formats: [...kind.formats],
    documentKind: kind.documentKind,
    ...(kind.perGroup ? { perGroup: { ...kind.perGroup } } : {}),
    ...(kind.preview ? { preview: { ...kind.preview } } : {}),
    ...(kind.exportCommand ? { exportCommand: kind.exportCommand } : {}),
  }));
}
