import Ajv, { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import { findNodeAtLocation, getNodeValue, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import * as path from 'path';
import { Finding, Severity } from '../common/finding';
import { FileHost } from '../common/host';
import { LineIndex } from '../common/lines';
import { describeSchemaError, packageRoot } from '../frameworks/load';
import { INVALID_CONFIG } from './rules';

export const CONFIG_FILE_NAME = '.studyspec.json';

export type RuleSetting = Severity | 'off';

export interface StudyspecConfig {
  /** the file it came from, if any */
  file?: string;
  rules: Record<string, RuleSetting>;
  /** absolute folders of extra framework files */
  frameworkFolders: string[];
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
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

export const EMPTY_CONFIG: StudyspecConfig = { rules: {}, frameworkFolders: [], problems: [] };

/** Walks up from `startDir` to the nearest .studyspec.json and reads it; a broken file gives findings and the defaults. */
export function findConfig(host: FileHost, startDir: string): StudyspecConfig {
  let dir = path.resolve(startDir);
  for (;;) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    const text = host.readFile(file);
    if (text !== undefined) return parseConfig(file, text);
    const parent = path.dirname(dir);
    if (parent === dir) return EMPTY_CONFIG;
    dir = parent;
  }
}

export function parseConfig(file: string, text: string): StudyspecConfig {
  const lines = new LineIndex(text);
  const problem = (message: string, offset: number, length: number): Finding => ({
    file,
    rule: INVALID_CONFIG.id,
    severity: INVALID_CONFIG.severity,
    message,
    range: { start: lines.positionAt(offset), end: lines.positionAt(offset + Math.max(1, length)) },
  });
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((e) => problem(`Not valid JSON: ${printParseErrorCode(e.error)}`, e.offset, e.length));
    return { file, rules: {}, frameworkFolders: [], problems: problems.length ? problems : [problem('The file is empty', 0, 1)] };
  }
  const json = getNodeValue(tree) as ConfigJson;
  const validate = configValidator();
  if (!validate(json)) {
    const problems = (validate.errors ?? []).map((error) => {
      const segments = error.instancePath ? error.instancePath.slice(1).split('/') : [];
      const node = findNodeAtLocation(tree, segments);
      const target = node?.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
      return problem(`${CONFIG_FILE_NAME}: ${describeSchemaError(error)}`, target?.offset ?? 0, target?.length ?? 1);
    });
    return { file, rules: {}, frameworkFolders: [], problems };
  }
  return {
    file,
    rules: json.rules ?? {},
    frameworkFolders: (json.frameworkFolders ?? []).map((folder) => path.resolve(path.dirname(file), folder)),
    problems: [],
  };
}
