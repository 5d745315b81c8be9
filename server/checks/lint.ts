import * as path from 'path';
import { compareFindings, Finding } from '../common/finding';
import { StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { Cancellation, Program } from '../model/program';
import { findConfig, RuleSetting, StudyspecConfig } from './config';
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
  const lastLineStart = Math.max(file.text.lastIndexOf('\n'), file.text.lastIndexOf('\r')) + 1;
  const clamp = (p: Finding['range']['start']) => (p.line > lastLine ? { line: lastLine, character: file.text.length - lastLineStart } : p);
  return { ...finding, range: { start: clamp(finding.range.start), end: clamp(finding.range.end) } };
}

export interface LintOptions {
  /** this configuration instead of the nearest .studyspec.json (an editor's `configPath`) */
  config?: StudyspecConfig;
  /** severity overrides on top of the configuration's (an editor's `rules` setting) */
  severities?: Record<string, RuleSetting>;
}

function sameFolders(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((folder, i) => folder === b[i]);
}

/** The model of a file, linked with the framework folders of the configuration nearest it. */
function configuredModel(program: Program, filePath: string, token?: Cancellation): StudyModel | undefined {
  program.setFrameworkFolders(findConfig(program.host, path.dirname(filePath)).frameworkFolders);
  return program.model(filePath, token);
}

/**
 * Checks one model with the configuration nearest its root; suppressions applied. When that
 * configuration names framework folders the model was not linked with, the model is linked
 * again first (the returned `model` is the one checked).
 */
export function lintModel(program: Program, model: StudyModel, token?: Cancellation, options: LintOptions = {}): LintedModel {
  const config = options.config ?? findConfig(program.host, path.dirname(model.root.path));
  program.setFrameworkFolders(config.frameworkFolders);
  const linkedWith = program.frameworkFoldersOf(model);
  if (linkedWith && !sameFolders(linkedWith, config.frameworkFolders)) model = program.modelOf(model.root, token);
  const raw = runChecks(model, { severities: { ...config.rules, ...options.severities }, token });
  const files = new Map(model.files.map((f) => [f.path, f]));
  const findings = applySuppressions(raw, files).map((f) => clampToFile(f, files.get(f.file)));
  return { model, config, findings: [...findings, ...config.problems] };
}

/**
 * The findings for a file: a study is checked with its imports; a fragment in the context of
 * each study (among `contextStudies`) that imports it, or alone when none does.
 */
export function lintFile(program: Program, filePath: string, contextStudies: Iterable<string>, token?: Cancellation): Finding[] {
  const file = program.file(filePath);
  if (!file) return [];
  const ownModel = (): Finding[] => {
    program.setFrameworkFolders(findConfig(program.host, path.dirname(filePath)).frameworkFolders);
    return lintModel(program, program.modelOf(file, token), token).findings;
  };
  if (file.study) return ownModel();
  const importers = program.importersOf(filePath, contextStudies);
  if (importers.length === 0) return ownModel();
  const findings: Finding[] = [];
  for (const importer of importers) {
    const model = configuredModel(program, importer, token);
    if (model) for (const finding of lintModel(program, model, token).findings) if (finding.file === filePath) findings.push(finding);
  }
  return dedupe(findings);
}

/** Lints a set of files, each study once; findings in imported fragments are reported under the fragment. */
export function lintFiles(program: Program, filePaths: string[], contextStudies: string[] = filePaths, token?: Cancellation): Finding[] {
  const findings: Finding[] = [];
  const covered = new Set<string>();
  const studies = filePaths.filter((p) => program.file(p)?.study);
  for (const studyPath of studies) {
    const model = configuredModel(program, studyPath, token);
    if (!model) continue;
    for (const file of model.files) covered.add(file.path);
    // appended one by one: spreading a broken file's tens of thousands of findings can overflow the stack
    for (const finding of lintModel(program, model, token).findings) findings.push(finding);
  }
  for (const filePath of filePaths) {
    if (covered.has(filePath)) continue;
    for (const finding of lintFile(program, filePath, contextStudies, token)) findings.push(finding);
  }
  return dedupe(findings).sort(compareFindings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}\0${f.rule}\0${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
