import * as path from 'path';
import { linesOf } from '../common/lines';
import { capFindingsPerFile, compareFindings, Finding, findingKey } from '../common/finding';
import { comparePositions } from '../common/range';
import { StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { Cancellation } from '../common/cancellation';
import { Program } from '../model/program';
import { findConfig, frameworkFolderProblems, RuleSetting, StudyspecConfig } from './config';
import { runChecks } from './run';
import { applySuppressions } from './suppress';

export interface LintedModel {
  model: StudyModel;
  config: StudyspecConfig;
  findings: Finding[];
}

function clampToFile(finding: Finding, file: StudyFile | undefined): Finding {
  if (!file) return finding;
  const lastLine = file.lineCount - 1;
  if (finding.range.start.line <= lastLine && finding.range.end.line <= lastLine) return finding;
  const lastLineStart = linesOf(file).lineStart(lastLine);
  const clamp = (p: Finding['range']['start']) => (p.line > lastLine ? { line: lastLine, character: file.text.length - lastLineStart } : p);
  return { ...finding, range: { start: clamp(finding.range.start), end: clamp(finding.range.end) } };
}

export interface LintOptions {
  /** this configuration instead of the nearest .studyspec.json (an editor's `configPath`) */
  config?: StudyspecConfig;
  /** severity overrides on top of the configuration's (an editor's `rules` setting) */
  severities?: Record<string, RuleSetting>;
}

/** The model of a file, linked with the framework folders of the configuration nearest it. */
export function configuredModel(program: Program, filePath: string, token?: Cancellation): StudyModel | undefined {
  return program.model(filePath, { frameworkFolders: findConfig(program.host, path.dirname(filePath)).frameworkFolders, token });
}

/**
 * Checks one model with the configuration nearest its root (or `options.config`); suppressions
 * applied. The model is checked as it was linked: link it with that configuration's framework
 * folders (`configuredModel`).
 */
export function lintModel(program: Program, model: StudyModel, token?: Cancellation, options: LintOptions = {}): LintedModel {
  const config = options.config ?? findConfig(program.host, path.dirname(model.root.path));
  const raw = runChecks(model, { severities: { ...config.rules, ...options.severities }, token });
  const files = new Map(model.files.map((f) => [f.path, f]));
  const findings = applySuppressions(raw, files).map((f) => clampToFile(f, files.get(f.file)));
  return { model, config, findings: capFindingsPerFile([...findings, ...config.problems, ...frameworkFolderProblems(program.host, program.catalog, config)]) };
}

/**
 * The findings for a file: a study is checked with its imports; a fragment in the context of
 * each study (among `contextStudies`) that imports it, or alone when none does.
 */
export function lintFile(program: Program, filePath: string, contextStudies: Iterable<string>, token?: Cancellation): Finding[] {
  const file = program.file(filePath);
  if (!file) return [];
  const ownModel = (): Finding[] => {
    const frameworkFolders = findConfig(program.host, path.dirname(filePath)).frameworkFolders;
    return lintModel(program, program.modelOf(file, { frameworkFolders, token }), token).findings;
  };
  if (file.study) return ownModel();
  const importers = program.importersOf(filePath, contextStudies);
  if (importers.length === 0) return ownModel();
  const results: StudyFindings[] = [];
  for (const importer of importers) {
    const model = configuredModel(program, importer, token);
    if (model) results.push({ files: model.files.map((f) => f.path), findings: lintModel(program, model, token).findings.filter((f) => f.file === filePath) });
  }
  return mergeStudyFindings(results);
}

export interface StudyFindings {
  /** the files of the study's context: the study and its imports */
  files: Iterable<string>;
  findings: Iterable<Finding>;
}

/**
 * Merges the findings of several studies without repeats. A declaration in a fragment that
 * several studies import is unused only when every one of them leaves it unused.
 */
export function mergeStudyFindings(results: StudyFindings[]): Finding[] {
  const studiesPerFile = new Map<string, number>();
  const unusedReports = new Map<string, number>();
  const merged: Finding[] = [];
  for (const result of results) {
    for (const file of new Set(result.files)) studiesPerFile.set(file, (studiesPerFile.get(file) ?? 0) + 1);
    for (const finding of result.findings) {
      if (finding.rule === 'unused-declaration') unusedReports.set(findingKey(finding), (unusedReports.get(findingKey(finding)) ?? 0) + 1);
      merged.push(finding);
    }
  }
  const kept = merged.filter((f) => f.rule !== 'unused-declaration' || (unusedReports.get(findingKey(f)) ?? 0) >= (studiesPerFile.get(f.file) ?? 1));
  return dedupe(kept);
}

/** Lints a set of files, each study once; findings in imported fragments are reported under the fragment. */
export function lintFiles(program: Program, filePaths: string[], contextStudies: string[] = filePaths, token?: Cancellation): Finding[] {
  const results: StudyFindings[] = [];
  const covered = new Set<string>();
  const studies = filePaths.filter((p) => program.file(p)?.study);
  for (const studyPath of studies) {
    const model = configuredModel(program, studyPath, token);
    if (!model) continue;
    const files = model.files.map((f) => f.path);
    for (const file of files) covered.add(file);
    results.push({ files, findings: lintModel(program, model, token).findings });
  }
  for (const filePath of filePaths) {
    if (covered.has(filePath)) continue;
    results.push({ files: [filePath], findings: lintFile(program, filePath, contextStudies, token) });
  }
  return sortedStudyFindings(results);
}

/** The findings of several studies merged (`mergeStudyFindings`) and in order; one study's need no merging, only their repeats dropped. */
export function sortedStudyFindings(results: StudyFindings[]): Finding[] {
  if (results.length === 1) return sortedWithoutRepeats([...results[0].findings]);
  return mergeStudyFindings(results).sort(compareFindings);
}

/** Whether two findings compare equal (`compareFindings`), without comparing their messages by locale when they differ in file, place or rule. */
function compareEqual(a: Finding, b: Finding): boolean {
  if (a.file !== b.file || a.range.start.line !== b.range.start.line || a.range.start.character !== b.range.start.character || a.rule !== b.rule) return false;
  return a.message === b.message || compareFindings(a, b) === 0;
}

/**
 * Findings in order without repeats (the same file, rule, range and message), as `mergeStudyFindings`
 * and a sort give them for one study, without a key string per finding: repeats sort next to
 * each other, among the findings that compare equal (same file, start, rule and message).
 */
function sortedWithoutRepeats(findings: Finding[]): Finding[] {
  findings.sort(compareFindings);
  const kept: Finding[] = [];
  let run = 0;
  for (const finding of findings) {
    if (kept.length > 0 && !compareEqual(kept[run], finding)) run = kept.length;
    let repeat = false;
    for (let i = run; i < kept.length && !repeat; i++) repeat = comparePositions(kept[i].range.end, finding.range.end) === 0;
    if (!repeat) kept.push(finding);
  }
  return kept;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
