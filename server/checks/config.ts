import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../common/lazyAjv';
import * as fs from 'fs';
import { Node as JsonNode, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import * as path from 'path';
import { Finding, MAX_FINDINGS_PER_FILE, moreNotShown, Severity } from '../common/finding';
import { FileHost } from '../common/host';
import { MAX_JSON_DEPTH, tooDeepAt } from '../common/jsonDepth';
import { duplicateKeyMessage, duplicateKeys, jsonValue, NodeFinder, pointerSegments, withoutByteOrderMark } from '../common/jsonTree';
import { LineIndex } from '../common/lines';
import { Range } from '../common/range';
import { FrameworkCatalog } from '../frameworks/catalog';
import { nearestNames } from '../common/nearest';
import { packageRoot } from '../common/package';
import { describeSchemaError } from '../frameworks/load';
import { INVALID_CONFIG, RULES_BY_ID } from './rules';
import { invalidFramework } from './rules/invalid-framework';

export const CONFIG_FILE_NAME = '.studyspec.json';

export type RuleSetting = Severity | 'off';

export interface StudyspecConfig {
  /** the file it came from, if any */
  file?: string;
  rules: Record<string, RuleSetting>;
  /** absolute folders of extra framework files */
  frameworkFolders: string[];
  /** where each of `frameworkFolders` is written in the file, and as what */
  frameworkFolderItems?: { text: string; range: Range }[];
  problems: Finding[];
}

interface ConfigJson {
  rules?: Record<string, RuleSetting>;
  frameworkFolders?: string[];
}

let validator: ValidateFunction | undefined;
function configValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', 'studyspec.schema.json'), 'utf8')) as object;
    validator = newAjv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  }
  return validator;
}

const CONFIG_KEYS = ['rules', 'frameworkFolders'];
const SETTINGS = ['error', 'warning', 'information', 'hint', 'off'];

/** One schema error as a sentence about the configuration file, with what to write instead. */
function describeConfigError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const suffix = '. The default severities apply until this is fixed.';
  if (error.propertyName !== undefined && error.instancePath === '/rules') {
    const nearest = nearestNames(error.propertyName, RULES_BY_ID.keys(), 1)[0];
    return `${CONFIG_FILE_NAME}: '${error.propertyName}' is not a rule id${nearest ? ` (did you mean '${nearest}'?)` : ''}${suffix}`;
  }
  if (error.keyword === 'enum' && error.instancePath.startsWith('/rules/')) {
    return `${CONFIG_FILE_NAME}: the rule ${error.instancePath.slice('/rules/'.length)} cannot be set to ${JSON.stringify(getValueAt(error))}; use ${SETTINGS.map((s) => `"${s}"`).join(', ')}${suffix}`;
  }
  if (error.keyword === 'additionalProperties' && error.instancePath === '') {
    const key = String(params.additionalProperty);
    const nearest = nearestNames(key, CONFIG_KEYS, 1)[0];
    return `${CONFIG_FILE_NAME}: "${key}" is not a setting${nearest ? ` (did you mean "${nearest}"?)` : ` (the settings are ${CONFIG_KEYS.map((k) => `"${k}"`).join(' and ')})`}${suffix}`;
  }
  return `${CONFIG_FILE_NAME}: ${describeSchemaError(error)}${suffix}`;
}

function getValueAt(error: ErrorObject): unknown {
  return (error as ErrorObject & { data?: unknown }).data;
}

export const EMPTY_CONFIG: StudyspecConfig = { rules: {}, frameworkFolders: [], problems: [] };

/** Walks up from `startDir` to the nearest .studyspec.json and reads it; a broken file gives findings and the defaults. */
export function findConfig(host: FileHost, startDir: string): StudyspecConfig {
  let dir = path.resolve(startDir);
  for (;;) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    const text = host.readFile(file);
    if (text !== undefined) return parseConfig(file, text);
    const refusal = host.refusal?.(file);
    if (refusal) return refusedConfig(file, refusal);
    const parent = path.dirname(dir);
    if (parent === dir) return EMPTY_CONFIG;
    dir = parent;
  }
}

/** A configuration file that exists but is not read (not a regular file, too large): the defaults, and a finding saying why. */
function refusedConfig(file: string, refusal: string): StudyspecConfig {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const message = `${CONFIG_FILE_NAME} ${refusal}. The default severities apply until this is fixed.`;
  return { file, rules: {}, frameworkFolders: [], problems: [{ file, rule: INVALID_CONFIG.id, severity: INVALID_CONFIG.severity, message, range }] };
}

export function parseConfig(file: string, original: string): StudyspecConfig {
  const text = withoutByteOrderMark(original);
  const lines = new LineIndex(text);
  const problem = (message: string, offset: number, length: number): Finding => ({
    file,
    rule: INVALID_CONFIG.id,
    severity: INVALID_CONFIG.severity,
    message,
    range: { start: lines.positionAt(offset), end: lines.positionAt(offset + Math.max(1, length)) },
  });
  if (text.trim() === '')
    return { file, rules: {}, frameworkFolders: [], problems: [problem(`${CONFIG_FILE_NAME} is empty: write {} or delete it. The default severities apply until this is fixed.`, 0, 1)] };
  const deep = tooDeepAt(text);
  if (deep !== undefined)
    return {
      file,
      rules: {},
      frameworkFolders: [],
      problems: [problem(`${CONFIG_FILE_NAME} nests objects or lists more than ${MAX_JSON_DEPTH} deep. The default severities apply until this is fixed.`, deep, 1)],
    };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((e) =>
      problem(
        `${CONFIG_FILE_NAME} is not valid JSON: ${printParseErrorCode(e.error)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()}. The default severities apply until this is fixed.`,
        e.offset,
        e.length,
      ),
    );
    return { file, rules: {}, frameworkFolders: [], problems: problems.length ? problems : [problem(`${CONFIG_FILE_NAME} is not valid JSON`, 0, 1)] };
  }
  const json = jsonValue(tree) as ConfigJson;
  const duplicates = duplicateKeys(tree).map((key) => problem(`${CONFIG_FILE_NAME}: ${duplicateKeyMessage(String(key.value))}`, key.offset, key.length));
  const validate = configValidator();
  if (!validate(json)) {
    const errorsToReport = validate.errors ?? [];
    // an unknown rule id fails both `enum` (inside propertyNames) and `propertyNames` itself: one message is enough
    const withUnknownNames = new Set(errorsToReport.filter((e) => e.propertyName !== undefined).map((e) => e.instancePath));
    const reported = errorsToReport.filter((error) => !(error.keyword === 'propertyNames' && withUnknownNames.has(error.instancePath)));
    const finder = new NodeFinder(tree);
    const problems = reported.slice(0, MAX_FINDINGS_PER_FILE - 1).map((error) => {
      const segments: (string | number)[] = pointerSegments(error.instancePath);
      if (error.propertyName !== undefined) segments.push(error.propertyName);
      else if (error.keyword === 'additionalProperties') segments.push(String((error.params as Record<string, unknown>).additionalProperty));
      const node = finder.at(segments);
      const target = node?.parent?.type === 'property' ? (node.parent.children?.[0] ?? node) : node;
      return problem(describeConfigError(error), target?.offset ?? 0, target?.length ?? 1);
    });
    const more = reported.length - problems.length;
    if (more > 0) problems.push(problem(`${CONFIG_FILE_NAME}: ${moreNotShown(more)}`, text.length, 0));
    return { file, rules: {}, frameworkFolders: [], problems: [...duplicates, ...problems] };
  }
  const folders = json.frameworkFolders ?? [];
  const items = (lastValueOf(tree, 'frameworkFolders')?.children ?? []).map((node) => ({ text: String(node.value), range: problem('', node.offset, node.length).range }));
  return {
    file,
    rules: json.rules ?? {},
    frameworkFolders: folders.map((folder) => path.resolve(path.dirname(file), folder)),
    frameworkFolderItems: items.length === folders.length ? items : undefined,
    problems: duplicates,
  };
}

/** The value of the last `key` of an object node (the one JSON keeps). */
function lastValueOf(object: JsonNode, key: string): JsonNode | undefined {
  let value: JsonNode | undefined;
  for (const property of object.children ?? []) if (property.children?.[0]?.value === key) value = property.children[1];
  return value;
}

/**
 * What is wrong with the configuration's framework folders, at the item that names each one: a
 * folder that is missing, not a folder or holds no framework file, and each framework file in
 * it that is broken (its problems also in the file itself) or whose id names another framework.
 */
export function frameworkFolderProblems(host: FileHost, catalog: FrameworkCatalog, config: StudyspecConfig): Finding[] {
  const file = config.file;
  const items = config.frameworkFolderItems;
  if (!file || !items) return [];
  const findings: Finding[] = [];
  const atItem = (index: number, message: string, severity: Severity = INVALID_CONFIG.severity): void => {
    findings.push({ file, rule: INVALID_CONFIG.id, severity, message: `${CONFIG_FILE_NAME}: the framework folder "${items[index].text}" ${message}`, range: items[index].range });
  };
  // findings in the framework files follow the configuration's setting for invalid-framework
  const setting = config.rules[invalidFramework.id];
  const inFramework = (at: string, range: Range, message: string, severity: Severity = invalidFramework.severity): void => {
    if (setting !== 'off') findings.push({ file: at, rule: invalidFramework.id, severity: setting ?? severity, message, range });
  };
  const { files } = catalog.scanFolders(config.frameworkFolders);
  config.frameworkFolders.forEach((folder, index) => {
    const refusal = host.folderRefusal?.(folder);
    if (refusal) return atItem(index, refusal === 'does not exist' ? `does not exist (looked for ${folder})` : refusal);
    const inFolder = files.filter((found) => found.folder === folder);
    if (inFolder.length === 0) return atItem(index, 'holds no framework files (*.json)', 'warning');
    for (const found of inFolder) {
      const name = path.basename(found.file);
      const load = found.load;
      if (load.status === 'missing') continue;
      if (load.status === 'invalid') {
        atItem(
          index,
          load.refusal
            ? `holds ${name}, which ${load.refusal}`
            : `holds ${name}, which is not a valid framework file (${load.problems.length} problem${load.problems.length === 1 ? '' : 's'}): ${load.problems[0]?.message ?? ''}`,
        );
        for (const problem of load.problems) inFramework(found.file, problem.range, problem.message);
        continue;
      }
      for (const problem of load.problems ?? []) inFramework(found.file, problem.range, problem.message);
      const hiddenBy = found.hiddenBy;
      if (!hiddenBy) continue;
      const id = load.framework.id;
      const which = hiddenBy.builtin ? `the built-in ${hiddenBy.name}` : path.relative(path.dirname(found.file), hiddenBy.file);
      inFramework(
        found.file,
        load.framework.location,
        `"${id}" is also the id of ${which}, which a study selecting ${id} gets: this file is used only where a study names it by path. Give it its own id.`,
        'warning',
      );
    }
  });
  return findings;
}
