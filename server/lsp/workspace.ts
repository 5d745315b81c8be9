import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, findConfig, parseConfig, StudyspecConfig } from '../checks/config';
import { lintModel, sortedStudyFindings, StudyFindings } from '../checks/lint';
import { Finding } from '../common/finding';
import { StudyIndex } from '../features/navigation';
import { FrameworkLoad } from '../frameworks/load';
import { StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { Cancellation } from '../common/cancellation';
import { reparse } from '../model/incremental';
import { Program } from '../model/program';
import { OpenDocument, OverlayHost } from './host';
import { DEFAULT_SETTINGS, resolveSettingPaths, Settings } from './settings';
import { mark } from './trace';

/** Folders never searched for studies (as the CLI). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test']);
const MAX_INDEXED_FILES = 20_000;

interface CachedModel {
  generation: number;
  folders: string;
  files: StudyFile[];
  model: StudyModel;
}

interface CachedLint {
  key: string;
  findings: Finding[];
}

/** The last check of one root (a study, or a fragment no study imports). */
export interface RootResult {
  isStudy: boolean;
  /** the model checked */
  model: StudyModel;
  /** the files of its context: the root and its imports */
  closure: Set<string>;
  byFile: Map<string, Finding[]>;
}

function loadPath(load: FrameworkLoad): string {
  return load.status === 'ok' ? load.framework.file : load.file;
}

/**
 * The server's view of the workspace: the studies found in its folders, one long-lived Program
 * reading open documents over the disk, and caches of models and findings that are reused while
 * nothing they were built from changed.
 */
export class Workspace implements StudyIndex {
  readonly host: OverlayHost;
  readonly program: Program;
  settings: Settings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private readonly known = new Set<string>();
  /** bumped when something outside the .study texts changes: frameworks, configuration, settings */
  private generation = 0;
  private readonly models = new Map<string, CachedModel>();
  private readonly lints = new WeakMap<StudyModel, CachedLint>();
  private readonly configs = new Map<string, { text: string; config: StudyspecConfig }>();
  readonly results = new Map<string, RootResult>();
  /** framework folders any model was built with, to recognise their files in change events */
  private readonly usedFolders = new Set<string>();

  constructor(openDocument: (filePath: string) => OpenDocument | undefined) {
    this.host = new OverlayHost(openDocument);
    this.program = new Program(this.host, { parse: reparse });
  }

  // --- files ----------------------------------------------------------------------------------

  setFolders(folders: string[]): void {
    this.folders = folders;
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Finds every .study file below the workspace folders, yielding to the event loop as it goes. */
  async index(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 30 || found.length >= MAX_INDEXED_FILES) return;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, depth + 1);
        } else if (entry.isFile() && entry.name.endsWith('.study')) found.push(full);
      }
    };
    for (const folder of this.folders) await walk(folder, 0);
    for (const file of found) this.known.add(file);
    return found;
  }

  addFile(filePath: string): void {
    this.known.add(filePath);
  }

  removeFile(filePath: string): void {
    this.known.delete(filePath);
    this.models.delete(filePath);
    this.program.forget(filePath);
    this.host.invalidate(filePath);
  }

  isKnown(filePath: string): boolean {
    return this.known.has(filePath);
  }

  knownFiles(): string[] {
    return [...this.known];
  }

  /** Known files that hold a study. */
  studies(): string[] {
    return this.knownFiles().filter((p) => this.program.file(p)?.study !== undefined);
  }

  /** Something other than a .study text changed (a framework file, a configuration, the settings): rebuild everything. */
  invalidateAll(changedFile?: string): void {
    this.generation++;
    this.configs.clear();
    if (changedFile) {
      this.program.catalog.invalidate(changedFile);
      this.host.invalidate(changedFile);
    }
  }

  // --- StudyIndex -----------------------------------------------------------------------------

  file(filePath: string): StudyFile | undefined {
    return this.program.file(filePath);
  }

  modelsOf(filePath: string, token?: Cancellation): StudyModel[] {
    const file = this.program.file(filePath);
    if (!file) return [];
    if (!file.study) {
      const importers = this.importersOf(filePath)
        .map((study) => this.modelFor(study, token))
        .filter((m): m is StudyModel => m !== undefined);
      if (importers.length > 0) return importers;
    }
    const own = this.modelFor(filePath, token);
    return own ? [own] : [];
  }

  /** Known studies whose imports reach `fragment`. */
  importersOf(fragment: string): string[] {
    return this.program.importersOf(fragment, this.studies());
  }

  // --- models and findings --------------------------------------------------------------------

  private configFor(root: string): StudyspecConfig {
    const configPath = this.settings.configPath ? resolveSettingPaths([this.settings.configPath], this.folders)[0] : undefined;
    if (!configPath) return findConfig(this.host, path.dirname(root));
    const text = this.host.readFile(configPath);
    if (text === undefined) return findConfig(this.host, path.dirname(root));
    const cached = this.configs.get(configPath);
    if (cached && cached.text === text) return cached.config;
    const config = parseConfig(configPath, text);
    this.configs.set(configPath, { text, config });
    return config;
  }

  private frameworkFolders(config: StudyspecConfig): string[] {
    return [...resolveSettingPaths(this.settings.frameworkFolders, this.folders), ...config.frameworkFolders];
  }

  /** The linked model of a root, rebuilt only when one of its files, its frameworks or the settings changed. */
  modelFor(root: string, token?: Cancellation, config?: StudyspecConfig): StudyModel | undefined {
    const file = this.program.file(root);
    if (!file) {
      this.models.delete(root);
      return undefined;
    }
    const folders = this.frameworkFolders(config ?? this.configFor(root));
    const foldersKey = folders.join('\0');
    for (const folder of folders) this.usedFolders.add(folder);
    const { files } = this.program.importClosure(file);
    const cached = this.models.get(root);
    if (
      cached &&
      cached.generation === this.generation &&
      cached.folders === foldersKey &&
      cached.files.length === files.length &&
      cached.files.every((f, i) => f === files[i]) &&
      cached.model.selections.every((s) => !s.load || this.program.catalog.load(loadPath(s.load)) === s.load)
    ) {
      return cached.model;
    }
    const model = this.program.modelOf(file, { frameworkFolders: folders, token });
    this.models.set(root, { generation: this.generation, folders: foldersKey, files, model });
    return model;
  }

  /** The findings of a root's model, suppressions and severities applied; cached per model and settings. */
  lint(root: string, token?: Cancellation): { model: StudyModel; findings: Finding[] } | undefined {
    // looked up once per check: finding no configuration costs a stat per folder up to the root
    const config = this.configFor(root);
    const model = this.modelFor(root, token, config);
    mark('linked');
    if (!model) return undefined;
    const key = `${this.generation}\0${config.file ?? ''}\0${JSON.stringify(config.rules)}\0${config.problems.length}\0${JSON.stringify(this.settings.rules)}`;
    const cached = this.lints.get(model);
    if (cached && cached.key === key) return { model, findings: cached.findings };
    const linted = lintModel(this.program, model, token, { config, severities: this.settings.rules });
    mark('checked');
    this.lints.set(linted.model, { key, findings: linted.findings });
    return { model: linted.model, findings: linted.findings };
  }

  /**
   * Re-checks a root and records its findings by file. Returns every file whose diagnostics may
   * have changed (the old context and the new).
   */
  checkRoot(root: string, token?: Cancellation): Set<string> {
    const previous = this.results.get(root);
    const touched = new Set<string>(previous ? [...previous.closure, ...previous.byFile.keys()] : []);
    const linted = this.lint(root, token);
    if (!linted) {
      this.results.delete(root);
      touched.add(root);
      return touched;
    }
    const byFile = new Map<string, Finding[]>();
    for (const finding of linted.findings) {
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    const closure = new Set(linted.model.files.map((f) => f.path));
    this.results.set(root, { isStudy: linted.model.study !== undefined, model: linted.model, closure, byFile });
    for (const file of closure) touched.add(file);
    for (const file of byFile.keys()) touched.add(file);
    return touched;
  }

  /** Forgets a root's last check; returns the files whose diagnostics it held. */
  dropRoot(root: string): Set<string> {
    const previous = this.results.get(root);
    this.results.delete(root);
    return new Set(previous ? [...previous.closure, ...previous.byFile.keys()] : [root]);
  }

  /** The diagnostics of a file: what every checked root says about it, without repeats. */
  findingsFor(filePath: string): Finding[] {
    const results: StudyFindings[] = [];
    for (const root of this.results.values()) {
      if (root.closure.has(filePath) || root.byFile.has(filePath)) results.push({ files: root.closure, findings: root.byFile.get(filePath) ?? [] });
    }
    return sortedStudyFindings(results);
  }

  /**
   * The roots to re-check after `changed` files changed: studies among them, every root whose
   * context holds one of them, and fragments that no study imports.
   */
  rootsAffectedBy(changed: Iterable<string>): string[] {
    const roots = new Set<string>();
    const studies = this.studies();
    for (const file of changed) {
      for (const [root, result] of this.results) if (result.closure.has(file) || root === file) roots.add(root);
      if (!this.known.has(file)) continue;
      const parsed = this.program.file(file);
      if (!parsed) continue;
      if (parsed.study || this.program.importersOf(file, studies).length === 0) roots.add(file);
    }
    return [...roots];
  }

  /**
   * Fragments whose standing changed: those now imported by a study lose their own root; those
   * no study imports any more (or never did) get one.
   */
  reconcileFragments(): { drop: string[]; check: string[] } {
    const covered = new Set<string>();
    for (const result of this.results.values()) if (result.isStudy) for (const file of result.closure) covered.add(file);
    const drop: string[] = [];
    const check: string[] = [];
    for (const [root, result] of this.results) {
      if (!this.known.has(root)) drop.push(root);
      else if (!result.isStudy && covered.has(root)) drop.push(root);
    }
    for (const file of this.known) {
      if (covered.has(file) || this.results.has(file)) continue;
      const parsed = this.program.file(file);
      if (parsed && !parsed.study) check.push(file);
    }
    return { drop, check };
  }

  /** Every root worth checking: the studies and the fragments no study imports. */
  allRoots(): string[] {
    return this.rootsAffectedBy(this.known);
  }

  /** Whether a JSON file is a framework file some study selects, or lies in a framework folder. */
  isFrameworkFile(filePath: string): boolean {
    if (this.usedFolders.has(path.dirname(filePath))) return true;
    for (const cached of this.models.values()) if (cached.model.selections.some((s) => s.load && loadPath(s.load) === filePath)) return true;
    return false;
  }

  isConfigFile(filePath: string): boolean {
    return path.basename(filePath) === CONFIG_FILE_NAME || (this.settings.configPath !== '' && resolveSettingPaths([this.settings.configPath], this.folders).includes(filePath));
  }
}
