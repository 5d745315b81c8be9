/**
 * The custom requests and notifications of the studyspec server. The wire types are the client's
 * (client/protocol.ts): one definition for both ends.
 */
import { computeCoverage } from '../model/analysis';
import { StudyModel } from '../model/model';
import type { CoverageChangedParams, CoverageFramework, CoverageResult } from '../../client/protocol';

export { Notifications, Requests } from '../../client/protocol';
export type { CoverageChangedParams, CoverageResult, DocumentKindsResult, ExportParams, ExportResult, GeneratedDocument, GeneratedDocumentsResult } from '../../client/protocol';

export interface UriParams {
  uri: string;
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

/** The status-bar summary of a coverage result: constructs asked about, excluded, and selected. */
export function coverageChanged(uri: string, result: CoverageResult): CoverageChangedParams {
  return { uri, covered: result.covered, excluded: result.frameworks.reduce((sum, f) => sum + f.excluded, 0), total: result.total };
}
