/**
 * Generated documents: the protocol, one guide per interview or focus-group method, the
 * coverage matrix, the service blueprint and the JSON export. `generateDocuments` is what the
 * editor's preview asks for (synchronous: Markdown and HTML fragments, no DOCX); the file
 * functions in ./output render every format and write files for the CLI and the editor's export.
 */
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { gapNote } from './doc';
import { renderHtmlBody } from './html';
import { BuiltDocument, DOCUMENT_KINDS, DocumentKind } from './kinds';
import { renderMarkdown } from './markdown';

export interface GeneratedDocument {
  /** the kind's `documentKind`: protocol, guide, matrix, blueprint, json */
  kind: string;
  /** the file stem `generate all` uses: protocol, guide-<method>, matrix, blueprint, study */
  id: string;
  title: string;
  markdown?: string;
  /** an HTML body fragment (an `<article>`; style it with HTML_STYLES), all user text escaped, with data-kind/data-name/data-file/data-line */
  html?: string;
  svg?: string;
  json?: object;
}

/** Which documents to generate: only these kinds, and Markdown beside the HTML or not (the preview shows HTML). */
export interface GenerateOptions {
  kinds?: readonly string[];
  markdown?: boolean;
}

function forPreview(kind: DocumentKind, document: BuiltDocument, markdown: boolean): GeneratedDocument {
  const { id, title, doc, svg, json } = document;
  if (doc) return { kind: kind.documentKind, id, title: doc.title, ...(markdown ? { markdown: renderMarkdown(doc) } : {}), html: renderHtmlBody(doc) };
  return { kind: kind.documentKind, id, title, ...(svg !== undefined ? { svg } : {}), ...(json !== undefined ? { json } : {}) };
}

/** Documents that fail to build become a page saying so, rather than taking the preview down. */
function attempt(kind: DocumentKind, model: StudyModel, findings: Finding[], markdown: boolean): GeneratedDocument[] {
  try {
    return kind.build(model, findings).map((document) => forPreview(kind, document, markdown));
  } catch (error) {
    const doc = { title: kind.title, blocks: [gapNote(`This document could not be generated: ${error instanceof Error ? error.message : String(error)}`)] };
    return [forPreview(kind, { id: kind.stem, title: kind.title, doc }, markdown)];
  }
}

/** Every document of a study (or of the kinds asked for), for the preview. Never throws: a broken study gives documents with its gaps marked. */
export function generateDocuments(model: StudyModel, findings: Finding[], options: GenerateOptions = {}): GeneratedDocument[] {
  const kinds = (DOCUMENT_KINDS as readonly DocumentKind[]).filter((kind) => !options.kinds || options.kinds.includes(kind.id));
  return kinds.flatMap((kind) => attempt(kind, model, findings, options.markdown ?? true));
}

export { buildGuide, buildGuides, guideId, guidedMethods, guideQuestions, promptsFor } from './guides';
export { buildMatrix, coverageMatrix, matrixCsv } from './matrix';
export { buildProtocol } from './protocol';
export { renderMarkdown } from './markdown';
export { HTML_STYLES, renderHtmlBody, renderHtmlPage } from './html';
export type { HtmlOptions } from './html';
export { renderDocx } from './docx';
export { exportDocuments, ExistingFilesError, formatOfPath, renderAll, renderCombined, renderKind, writeFiles } from './output';
export type { ExportRequest, ExportResult, OutputFile } from './output';
export { DOCUMENT_KINDS, documentKind, documentKindInfos, FORMATS, isBinaryFormat, isKindId, KIND_OUTPUT_FORMATS } from './kinds';
export type { BuiltDocument, DocumentKind, DocumentKindInfo, KindId, OutputFormat, PreviewTabId } from './kinds';
export type { Doc } from './doc';
