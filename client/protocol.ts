/** Custom requests between the client and the studyspec language server (see server/lsp/). */

/** The generator's own type: type-only, so the client bundle does not pull in the generators. */
export type { DocumentKindInfo, GeneratedDocument, PreviewTabId } from '../server/generate/index';
import type { DocumentKindInfo, GeneratedDocument, KindId } from '../server/generate/index';

export interface GeneratedDocumentsResult {
  documents: GeneratedDocument[];
}

export interface CoverageQuestionRef {
  name: string;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface CoverageConstruct {
  path: string;
  name: string;
  status: 'covered' | 'excluded' | 'uncovered';
  questions: CoverageQuestionRef[];
  exclusion?: { reason: string; uri: string; range: CoverageQuestionRef['range'] };
}

export interface CoverageFramework {
  id: string;
  name: string;
  covered: number;
  excluded: number;
  total: number;
  constructs: CoverageConstruct[];
}

export interface CoverageResult {
  frameworks: CoverageFramework[];
  covered: number;
  total: number;
}

export interface CoverageChangedParams {
  uri: string;
  covered: number;
  excluded?: number;
  total: number;
}

export interface ExportParams {
  uri: string;
  kind: KindId;
  format: string;
  /** a file for single documents, a folder for guides */
  target: string;
  force: boolean;
}

export interface ExportResult {
  files: string[];
  error?: string;
}

export interface DocumentKindsResult {
  kinds: DocumentKindInfo[];
}

export const Requests = {
  documentKinds: 'studyspec/documentKinds',
  generatedDocuments: 'studyspec/generatedDocuments',
  coverage: 'studyspec/coverage',
  export: 'studyspec/export',
} as const;

export const Notifications = {
  coverageChanged: 'studyspec/coverageChanged',
} as const;
