/**
 * The custom requests and notifications of the studyspec server, and their wire types: one
 * definition for both ends. The client imports these types with `import type` (client/protocol.ts),
 * so its bundle pulls in nothing of the server.
 */
import type { DocumentKindInfo, GeneratedDocument, KindId } from '../generate';
import { computeCoverage } from '../model/analysis';
import { StudyModel } from '../model/model';

export type { DocumentKindInfo, GeneratedDocument, PreviewTabId } from '../generate';

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

export interface UriParams {
  uri: string;
}

export interface GeneratedDocumentsParams extends UriParams {
  /** only this preview tab's documents, as the preview shows them (HTML or SVG, no Markdown); every document when absent */
  tab?: string;
}

/** Coverage of a study, framework by framework, with what covers or excludes each construct. */
export function coverageResult(model: StudyModel, uriOf: (filePath: string) => string): CoverageResult {
  const frameworks = new Map<string, CoverageFramework>();
  let covered = 0;
  let total = 0;
  for (const target of computeCoverage(model)) {
    const framework = target.construct.framework;
    let entry = frameworks.get(framework.id);
    if (!entry) frameworks.set(framework.id, (entry = { id: framework.id, name: framework.name, covered: 0, excluded: 0, total: 0, constructs: [] }));
    entry.total++;
    total++;
    if (target.status === 'covered') {
      entry.covered++;
      covered++;
    }
    if (target.status === 'excluded') entry.excluded++;
    entry.constructs.push({
      path: target.construct.path,
      name: target.construct.name,
      status: target.status,
      questions: target.questions.map((q) => ({ name: q.name.text, uri: uriOf(q.file), range: q.name.range })),
      exclusion: target.exclusion ? { reason: target.exclusion.rationale?.text ?? '', uri: uriOf(target.exclusion.file), range: target.exclusion.range } : undefined,
    });
  }
  return { frameworks: [...frameworks.values()], covered, total };
}

/** The status-bar summary of a study's coverage: constructs asked about, excluded, and selected (counted without building the whole result). */
export function coverageChanged(uri: string, model: StudyModel): CoverageChangedParams {
  const summary = { uri, covered: 0, excluded: 0, total: 0 };
  for (const target of computeCoverage(model)) {
    summary.total++;
    if (target.status === 'covered') summary.covered++;
    if (target.status === 'excluded') summary.excluded++;
  }
  return summary;
}
