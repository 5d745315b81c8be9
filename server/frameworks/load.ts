import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../common/lazyAjv';
import * as fs from 'fs';
import { findNodeAtLocation, Node as JsonNode, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import * as path from 'path';
import { packageRoot } from '../common/package';
import { MAX_JSON_DEPTH, tooDeepAt } from '../common/jsonDepth';
import { MAX_FINDINGS_PER_FILE, moreNotShown } from '../common/finding';
import { duplicateKeyMessage, duplicateKeys, withoutByteOrderMark } from '../common/jsonTree';
import { LineIndex } from '../common/lines';
import { Range } from '../common/range';
import { Construct, ConstructJson, Framework, FrameworkJson } from './types';

export interface FrameworkProblem {
  message: string;
  range: Range;
}

export type FrameworkLoad =
  /** `problems`: mistakes that leave the framework usable (a duplicate key, a repeated construct id), still reported as invalid-framework */
  | { status: 'ok'; framework: Framework; problems?: FrameworkProblem[] }
  | { status: 'missing'; file: string; reason: string }
  | { status: 'invalid'; file: string; problems: FrameworkProblem[]; /** why the file was not read at all (not a regular file, too large) */ refusal?: string };

export function builtinFrameworksDir(): string {
  return path.join(packageRoot(), 'frameworks');
}

let validator: ValidateFunction | undefined;

function frameworkValidator(): ValidateFunction {
  if (!validator) {
    const schemaText = fs.readFileSync(path.join(packageRoot(), 'schemas', 'framework.schema.json'), 'utf8');
    const ajv = newAjv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(schemaText) as object);
  }
  return validator;
}

/** Turns one ajv error into a sentence a researcher can act on. */
export function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath ? `${error.instancePath.replace(/^\//, '').replace(/\//g, ' › ')}: ` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where}the field "${String(params.missingProperty)}" is required`;
    case 'additionalProperties':
      return `${where}"${String(params.additionalProperty)}" is not a field of a framework file`;
    case 'enum':
      return `${where}must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where}must be ${String(params.type) === 'array' ? 'a list' : String(params.type) === 'object' ? 'an object' : `a ${String(params.type)}`}`;
    case 'pattern':
      if (String(params.pattern).startsWith('^https?:')) return `${where}must be an http(s) URL with no spaces, such as https://doi.org/10.1186/1748-5908-4-29`;
      return `${where}must be an identifier (letters, digits and _, not starting with a digit)${error.instancePath.includes('/aliases/') ? ', or a dotted path of them' : ''}`;
    case 'minLength':
      return `${where}must not be empty`;
    case 'minItems':
      return `${where}must have at least ${String(params.limit)} item(s)`;
    default:
      return `${where}${error.message ?? 'is not valid'}`;
  }
}

function pathSegments(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function nodeRange(lines: LineIndex, node: JsonNode | undefined): Range {
  if (!node) return { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  // a property's key is the smallest range that names it
  const target = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.children[0] : node;
  const start = lines.positionAt(target.offset);
  const end = lines.positionAt(target.offset + (target.type === 'object' || target.type === 'array' ? 1 : target.length));
  return { start, end };
}

function capped<T>(items: T[]): T[] {
  // one place is left for the problem that says how many more there are
  return items.length > MAX_FINDINGS_PER_FILE ? items.slice(0, MAX_FINDINGS_PER_FILE - 1) : items;
}

/** The problems shown, and one at the end of the file saying how many of `total` are not. */
function withOmitted(problems: FrameworkProblem[], total: number, lines: LineIndex, text: string): FrameworkProblem[] {
  if (total <= problems.length) return problems;
  const end = lines.positionAt(text.length);
  return [...problems, { message: moreNotShown(total - problems.length), range: { start: end, end } }];
}

/**
 * Parses and validates a framework file's text. Returns the framework, or the problems placed
 * in the JSON file itself. Never throws.
 */
export function parseFramework(file: string, original: string, builtin: boolean): FrameworkLoad {
  const text = withoutByteOrderMark(original);
  if (builtin) {
    const trusted = trustedBuiltin(file, text);
    if (trusted) return trusted;
  }
  try {
    const lines = new LineIndex(text);
    const deep = tooDeepAt(text);
    if (deep !== undefined)
      return {
        status: 'invalid',
        file,
        problems: [{ message: `The file nests objects or lists more than ${MAX_JSON_DEPTH} deep`, range: { start: lines.positionAt(deep), end: lines.positionAt(deep + 1) } }],
      };
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length > 0 || !tree) {
      const problems = capped(errors).map((error) => ({
        message: `Not valid JSON: ${printParseErrorCode(error.error)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()}`,
        range: { start: lines.positionAt(error.offset), end: lines.positionAt(error.offset + Math.max(1, error.length)) },
      }));
      return { status: 'invalid', file, problems: problems.length > 0 ? withOmitted(problems, errors.length, lines, text) : [{ message: 'The file is empty', range: nodeRange(lines, undefined) }] };
    }
    const json = JSON.parse(text) as unknown;
    // Built-in files are validated against the schema by the test suite before they ship, so
    // loading them skips ajv (and its start-up cost); users' files are always validated.
    const validate = builtin ? undefined : frameworkValidator();
    if (validate && !validate(json)) {
      const schemaErrors = validate.errors ?? [];
      const problems = capped(schemaErrors).map((error) => ({
        message: describeSchemaError(error),
        range: nodeRange(lines, findNodeAtLocation(tree, pathSegments(error.instancePath))),
      }));
      return { status: 'invalid', file, problems: withOmitted(problems, schemaErrors.length, lines, text) };
    }
    const misplaced = misplacedFormerPaths(json as FrameworkJson).map((where) => ({
      message: `${where.path.join(' › ')}: a dotted alias is the construct's former path and must start with the framework id "${(json as FrameworkJson).id}."`,
      range: nodeRange(lines, findNodeAtLocation(tree, where.path)),
    }));
    if (misplaced.length > 0) return { status: 'invalid', file, problems: misplaced };
    const locate = (jsonPath: (string | number)[]): Range => nodeRange(lines, findNodeAtLocation(tree, jsonPath));
    const keys = duplicateKeys(tree).map((key) => ({ message: duplicateKeyMessage(String(key.value)), range: nodeRange(lines, key) }));
    const ids = repeatedSiblingIds(json as FrameworkJson).map((repeat) => ({ message: repeat.message, range: locate(repeat.path) }));
    const usable = [...keys, ...ids].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const framework = buildFramework(file, json as FrameworkJson, locate, builtin);
    if (usable.length === 0) return { status: 'ok', framework };
    return { status: 'ok', framework, problems: withOmitted(capped(usable), usable.length, lines, text) };
  } catch (error) {
    return {
      status: 'invalid',
      file,
      problems: [{ message: `Could not read the framework: ${error instanceof Error ? error.message : String(error)}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
    };
  }
}

/** Dotted aliases (former paths) that do not start with the framework's own id. */
function misplacedFormerPaths(json: FrameworkJson): { path: (string | number)[] }[] {
  const result: { path: (string | number)[] }[] = [];
  const visit = (items: ConstructJson[], jsonPath: (string | number)[]): void =>
    items.forEach((item, index) => {
      const here = [...jsonPath, index];
      (item.aliases ?? []).forEach((alias, aliasIndex) => {
        if (alias.includes('.') && !alias.startsWith(`${json.id}.`)) result.push({ path: [...here, 'aliases', aliasIndex] });
      });
      visit(item.constructs ?? [], [...here, 'constructs']);
    });
  visit(json.constructs, ['constructs']);
  return result;
}

/** Constructs whose id an earlier sibling already has: references and coverage could not tell them apart. */
function repeatedSiblingIds(json: FrameworkJson): { path: (string | number)[]; message: string }[] {
  const result: { path: (string | number)[]; message: string }[] = [];
  const lists: { items: ConstructJson[]; jsonPath: (string | number)[]; owner: string }[] = [{ items: json.constructs, jsonPath: ['constructs'], owner: json.id }];
  while (lists.length > 0) {
    const list = lists.pop()!;
    const first = new Map<string, number>();
    list.items.forEach((item, index) => {
      const here = [...list.jsonPath, index];
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, index);
      else
        result.push({
          path: [...here, 'id'],
          message: `${[...here, 'id'].join(' › ')}: "${item.id}" is also the id of an earlier construct in the same list (${[...list.jsonPath, earlier].join(' › ')}), so ${list.owner}.${item.id} names only that one: give each construct its own id`,
        });
      if (item.constructs) lists.push({ items: item.constructs, jsonPath: [...here, 'constructs'], owner: `${list.owner}.${item.id}` });
    });
  }
  return result;
}

/**
 * A built-in file (checked against the schema by the test suite) read with JSON.parse: the
 * syntax tree that gives constructs their places in the file is built only when an editor
 * feature first asks for one (go to definition), not on every start of the CLI. Returns
 * undefined when the file does not load cleanly, so that the full path reports why.
 */
function trustedBuiltin(file: string, text: string): FrameworkLoad | undefined {
  let json: FrameworkJson;
  try {
    json = JSON.parse(text) as FrameworkJson;
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || !Array.isArray(json.constructs) || misplacedFormerPaths(json).length > 0) return undefined;
  let locate: ((jsonPath: (string | number)[]) => Range) | undefined;
  const lazyLocate = (jsonPath: (string | number)[]): Range => {
    if (!locate) {
      const lines = new LineIndex(text);
      const tree = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
      locate = (where) => nodeRange(lines, tree && findNodeAtLocation(tree, where));
    }
    return locate(jsonPath);
  };
  return { status: 'ok', framework: buildFramework(file, json, lazyLocate, true) };
}

/** Gives a node a `location` computed on first read. */
function lazyLocation<T extends object>(target: T, compute: () => Range): T {
  let value: Range | undefined;
  return Object.defineProperty(target, 'location', { enumerable: true, configurable: true, get: () => (value ??= compute()), set: (next: Range) => (value = next) });
}

function buildFramework(file: string, json: FrameworkJson, locate: (jsonPath: (string | number)[]) => Range, builtin: boolean): Framework {
  const framework: Framework = {
    id: json.id,
    name: json.name,
    kind: json.kind,
    citation: json.citation,
    version: json.version,
    url: json.url,
    constructs: [],
    file,
    builtin,
    byPath: new Map(),
    byFormerPath: new Map(),
  } as Omit<Framework, 'location'> as Framework;
  lazyLocation(framework, () => locate(['id']));
  const build = (items: ConstructJson[], parent: Construct | undefined, jsonPath: (string | number)[]): Construct[] =>
    items.map((item, index) => {
      const here = [...jsonPath, index];
      const construct: Construct = {
        id: item.id,
        name: item.name,
        definition: item.definition,
        aliases: (item.aliases ?? []).filter((alias) => !alias.includes('.')),
        formerPaths: (item.aliases ?? []).filter((alias) => alias.includes('.')),
        group: item.group === true,
        coding: item.coding,
        prompts: { staff: item.prompts?.staff ?? [], service_user: item.prompts?.service_user ?? [] },
        children: [],
        parent,
        framework,
        path: parent ? `${parent.path}.${item.id}` : `${json.id}.${item.id}`,
        depth: parent ? parent.depth + 1 : 1,
      } as Omit<Construct, 'location'> as Construct;
      lazyLocation(construct, () => locate([...here, 'id']));
      const key = construct.path.slice(json.id.length + 1);
      // of constructs with one id (an invalid-framework problem), the first is the one named
      if (!framework.byPath.has(key)) framework.byPath.set(key, construct);
      for (const former of construct.formerPaths) framework.byFormerPath.set(former.slice(json.id.length + 1), construct);
      construct.children = build(item.constructs ?? [], construct, [...here, 'constructs']);
      return construct;
    });
  framework.constructs = build(json.constructs, undefined, ['constructs']);
  return framework;
}
