/**
 * Generated documents: the protocol, one guide per interview or focus-group method, the
 * coverage matrix, the service blueprint and the JSON export. `generateDocuments` is what the
 * editor's preview asks for (synchronous: Markdown and HTML fragments, no DOCX); the file
 * functions in ./output render every format and write files for the CLI and the editor's export.
 */
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { renderBlueprintSvg } from './blueprint';
import { Doc, gapNote } from './doc';
import { draftNote } from './describe';
import { buildGuides, guideId } from './guides';
import { renderHtmlBody } from './html';
import { exportStudyJson } from './json';
import { renderMarkdown } from './markdown';
import { buildMatrix } from './matrix';
import { buildProtocol } from './protocol';

export interface GeneratedDocument {
  kind: 'protocol' | 'guide' | 'matrix' | 'blueprint' | 'json';
  /** the file stem `generate all` uses: protocol, guide-<method>, matrix, blueprint, study */
  id: string;
  title: string;
  markdown?: string;
  /** an HTML body fragment (an `<article>`; style it with HTML_STYLES), all user text escaped, with data-kind/data-name/data-file/data-line */
  html?: string;
  svg?: string;
  json?: object;
}

function fromDoc(kind: GeneratedDocument['kind'], id: string, doc: Doc): GeneratedDocument {
  return { kind, id, title: doc.title, markdown: renderMarkdown(doc), html: renderHtmlBody(doc) };
}

/** Documents that fail to build become a page saying so, rather than taking the preview down. */
function attempt(kind: GeneratedDocument['kind'], id: string, title: string, make: () => GeneratedDocument[]): GeneratedDocument[] {
  try {
    return make();
  } catch (error) {
    return [fromDoc(kind, id, { title, blocks: [gapNote(`This document could not be generated: ${error instanceof Error ? error.message : String(error)}`)] })];
  }
}

/** Every document of a study, for the preview. Never throws: a broken study gives documents with its gaps marked. */
export function generateDocuments(model: StudyModel, findings: Finding[]): GeneratedDocument[] {
  return [
    ...attempt('protocol', 'protocol', 'Protocol', () => [fromDoc('protocol', 'protocol', buildProtocol(model, draftNote(findings, true)))]),
    ...attempt('guide', 'guides', 'Interview guides', () => buildGuides(model, draftNote(findings, false)).map(({ method, doc }) => fromDoc('guide', guideId(method), doc))),
    ...attempt('matrix', 'matrix', 'Coverage matrix', () => [fromDoc('matrix', 'matrix', buildMatrix(model, draftNote(findings, false)))]),
    ...attempt('blueprint', 'blueprint', 'Service blueprint', () => [{ kind: 'blueprint', id: 'blueprint', title: 'Service blueprint', svg: renderBlueprintSvg(model) }]),
    ...attempt('json', 'study', 'Study as JSON', () => [{ kind: 'json', id: 'study', title: 'Study as JSON', json: exportStudyJson(model) }]),
  ];
}

export { buildGuide, buildGuides, guideId, guidedMethods, guideQuestions, promptsFor } from './guides';
export { buildMatrix, coverageMatrix, matrixCsv } from './matrix';
export { buildProtocol } from './protocol';
export { renderMarkdown } from './markdown';
export { HTML_STYLES, renderHtmlBody, renderHtmlPage } from './html';
export type { HtmlOptions } from './html';
export { renderDocx } from './docx';
export { exportDocuments, ExistingFilesError, formatOfPath, GENERATE_KINDS, KIND_FORMATS, renderAll, renderCombined, renderKind, writeFiles } from './output';
export type { ExportRequest, ExportResult, GenerateKind, OutputFile, OutputFormat } from './output';
export type { Doc } from './doc';
