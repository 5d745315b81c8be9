import * as path from 'path';
import { RuleSetting } from '../checks/config';
import { SEVERITIES } from '../common/finding';

/** The client settings the server honours (section `studyspec`), also accepted as initializationOptions. */
export interface Settings {
  /** severity per rule id, over `.studyspec.json` */
  rules: Record<string, RuleSetting>;
  /** extra folders of framework files, relative to the workspace folder or absolute */
  frameworkFolders: string[];
  /** a `.studyspec.json` to use instead of the nearest one */
  configPath: string;
  /**
   * how long to wait after an edit before checking; 0 (the default) checks at once. A check runs
   * to its end once started, and the edits that arrive meanwhile are checked together after it,
   * so typing is coalesced without a debounce, which would only add its delay to every keystroke.
   */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, frameworkFolders: [], configPath: '', debounceMs: 0 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRuleSetting(value: unknown): value is RuleSetting {
  return value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value));
}

/**
 * Reads settings as any client sends them: VS Code's nested section (`diagnostics: { debounceMs }`),
 * flattened keys (`diagnostics.debounceMs`), or wrapped in `{ studyspec: … }`. Unknown or
 * ill-typed entries keep the value in `base`.
 */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!isRecord(raw)) return base;
  const source = isRecord(raw.studyspec) ? raw.studyspec : raw;
  const settings: Settings = { ...base };
  if (isRecord(source.rules)) {
    const rules: Record<string, RuleSetting> = Object.create(null);
    for (const [rule, value] of Object.entries(source.rules)) if (isRuleSetting(value)) rules[rule] = value;
    settings.rules = rules;
  }
  if (Array.isArray(source.frameworkFolders)) settings.frameworkFolders = source.frameworkFolders.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  if (typeof source.configPath === 'string') settings.configPath = source.configPath;
  const diagnostics = isRecord(source.diagnostics) ? source.diagnostics : {};
  const debounce = [source.debounceMs, source['diagnostics.debounceMs'], diagnostics.debounceMs].find((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (debounce !== undefined) settings.debounceMs = Math.min(debounce, 10_000);
  return settings;
}

/** A setting's path made absolute: relative paths are taken from each workspace folder (or the cwd without one). */
export function resolveSettingPaths(paths: string[], folders: string[]): string[] {
  const bases = folders.length > 0 ? folders : [process.cwd()];
  const result: string[] = [];
  for (const p of paths) {
    const expanded = p.startsWith('~') ? path.join(process.env.HOME ?? '', p.slice(1)) : p;
    for (const resolved of path.isAbsolute(expanded) ? [expanded] : bases.map((base) => path.resolve(base, expanded))) if (!result.includes(resolved)) result.push(resolved);
  }
  return result;
}
