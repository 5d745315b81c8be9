/**
 * Completion. Works on half-typed text: the context (which block, which key, which part of a
 * dotted reference) comes from a quick scan of the raw text before the cursor, so an unclosed
 * brace or a property without its value does not blind it; names, frameworks and constructs
 * come from the linked model (and, where the parser dropped them, from the scan).
 */
import * as path from 'path';
import { RULES } from '../checks/rules';
import { SUPPRESSION_DIRECTIVE } from '../checks/suppress';
import { linesOf } from '../common/lines';
import { codeSpan } from '../common/markdown';
import { comparePositions, Position, Range, rangeContains } from '../common/range';
import { Construct, Framework } from '../frameworks/types';
import { computeCoverage, journey, neededEthicsKeys, questionsByTouchpoint } from '../model/analysis';
import { BlockKind, Declaration, DeclarationKind, StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { Program } from '../model/program';
import { CHANNELS, METHOD_KINDS, PERSPECTIVES, PROPERTY_SPECS, PropertySpec, propertySpec, ROLES } from '../model/schema';
import { describeConstruct, describeFramework, describeKey, describeRule, KEYWORD_DOCS, summarizeDeclaration, titleOf, valueDoc } from './assistDescribe';
import { HEADER_KEYWORDS, ScanFrame, ScannedDeclaration, ScanResult, scanTo, ScanToken } from './assistScan';
import { enclosingBlock } from './locate';
import { CompletionItem } from './types';

interface CursorContext {
  file: StudyFile;
  model: StudyModel | undefined;
  program: Program;
  position: Position;
  offset: number;
  scan: ScanResult;
  /** complete segments of a dotted reference before the one being typed */
  segments: string[];
  replace: Range;
  /** the whole dotted reference typed so far, framework id included */
  replaceReference: Range;
  /** tokens before the reference being typed */
  before: ScanToken[];
  /** the character before the word: when it is ':' or ',' insertions start with a space */
  needsSpace: boolean;
  /** memo of uncoveredPaths */
  uncovered?: Set<string>;
}

/**
 * Completion items at `position` in `file`. `model` is the model linked in the right context
 * (for a fragment, the model of a study that imports it); it may be undefined. Never throws.
 */
export function complete(program: Program, file: StudyFile, model: StudyModel | undefined, position: Position): CompletionItem[] {
  try {
    return completeAt(program, file, model, position);
  } catch {
    return [];
  }
}

function completeAt(program: Program, file: StudyFile, model: StudyModel | undefined, position: Position): CompletionItem[] {
  const offset = linesOf(file).offsetAt(position);
  const start = scanStart(file, position);
  const scan = scanTo(file.text, offset, start.offset, start.stack);
  if (scan.inside) return completeInside(program, file, scan, offset, position);

  const tokens = scan.tokens;
  let i = tokens.length;
  // the word typed so far (a keyword too: `exclude|` may still become something else)
  let partialStart = offset;
  const last = tokens[i - 1];
  if (last && last.end === offset && (last.type === 'ident' || last.type === 'keyword')) {
    partialStart = last.start;
    i--;
  }
  const segments: string[] = [];
  while (i >= 2 && tokens[i - 1].type === 'dot' && tokens[i - 2].type === 'ident') {
    segments.unshift(tokens[i - 2].text);
    i -= 2;
  }
  const before = tokens.slice(0, i);
  const wordStart = segments.length > 0 ? tokens[i].start : partialStart;
  const charBefore = file.text[wordStart - 1];
  const context: CursorContext = {
    file,
    model,
    program,
    position,
    offset,
    scan,
    segments,
    replace: { start: { line: position.line, character: position.character - (offset - partialStart) }, end: position },
    replaceReference: { start: { line: position.line, character: position.character - (offset - wordStart) }, end: position },
    before,
    needsSpace: charBefore === ':' || charBefore === ',',
  };
  const block = blockKindAt(file, scan, position);

  const previous = before[before.length - 1];
  if (previous?.type === 'keyword' && previous.text === 'exclude') return completeExclude(context);
  const value = valueContext(before);
  if (value) {
    if (value.qualifier === 'role') return segments.length ? [] : enumItems(context, 'role', ROLES, []);
    if (value.qualifier === 'methodKind') return segments.length ? [] : enumItems(context, 'methodKind', METHOD_KINDS, []);
    if (block === 'file' || block === 'unknown') return [];
    const spec = propertySpec(block, value.key);
    return spec ? completeValue(context, spec, value.listed) : [];
  }
  if (segments.length > 0 || !atMemberStart(before)) return [];
  return completeMember(context, block);
}

/**
 * Where to start scanning: at the member of the study (or fragment) that holds the cursor, or
 * the last one before it, with the study's block open. Members start at token boundaries, and
 * what lies before them is in the AST, so nothing is lost; a file whose study the parser could
 * not build is scanned from the start.
 */
function scanStart(file: StudyFile, position: Position): { offset: number; stack: ScanFrame[] } {
  const study = file.study;
  const inStudy = study?.bodyRange !== undefined && rangeContains(study.bodyRange, position);
  if (study && !inStudy) return { offset: 0, stack: [] };
  const members: Range[] = study ? [...study.properties, ...study.declarations, ...study.excludes, ...study.ethics].map((m) => m.range) : file.declarations.map((d) => d.range);
  let best: Range | undefined;
  for (const range of members) {
    if (comparePositions(range.start, position) < 0 && (!best || comparePositions(range.start, best.start) > 0)) best = range;
  }
  if (!best) return { offset: 0, stack: [] };
  const stack: ScanFrame[] = study ? [{ kind: 'study', name: study.name.text, keys: new Set() }] : [];
  return { offset: linesOf(file).offsetAt(best.start), stack };
}

/** The kind of the innermost open block: from the text, or from the AST where the text has a brace with no header. */
function blockKindAt(file: StudyFile, scan: ScanResult, position: Position): BlockKind | 'file' | 'unknown' {
  const top = scan.stack[scan.stack.length - 1];
  if (!top) return 'file';
  if (top.kind !== 'unknown') return top.kind;
  return enclosingBlock(file, position).kind;
}

/** After `key:` or a comma in its value list: the key, the values already listed; or the qualifier after `actor x:` / `method m:`. */
function valueContext(before: ScanToken[]): { key: string; listed: string[]; qualifier?: 'role' | 'methodKind' } | undefined {
  let j = before.length - 1;
  if (j < 0) return undefined;
  if (before[j].type === 'comma') {
    while (j >= 0 && before[j].type !== 'colon') {
      const t = before[j];
      const inValue =
        t.type === 'comma' ||
        t.type === 'string' ||
        t.type === 'number' ||
        t.type === 'range' ||
        t.type === 'ident' ||
        t.type === 'dot' ||
        (t.type === 'keyword' && (t.text === 'yes' || t.text === 'no'));
      if (!inValue) return undefined;
      j--;
    }
    if (j < 0) return undefined;
  }
  if (before[j].type !== 'colon') return undefined;
  const key = before[j - 1];
  if (key?.type !== 'ident') return undefined;
  const head = before[j - 2];
  if (head?.type === 'keyword' && (head.text === 'actor' || head.text === 'method')) {
    return j === before.length - 1 ? { key: key.text, listed: [], qualifier: head.text === 'actor' ? 'role' : 'methodKind' } : undefined;
  }
  // the values already given: refs joined across their dots, strings and numbers as written
  const listed: string[] = [];
  let current = '';
  for (const t of before.slice(j + 1)) {
    if (t.type === 'comma') {
      if (current) listed.push(current);
      current = '';
    } else current += t.text;
  }
  if (current) listed.push(current);
  return { key: key.text, listed };
}

/** False while a header is still being written (`question q "…"` before its brace, a name after a keyword). */
function atMemberStart(before: ScanToken[]): boolean {
  const previous = before[before.length - 1];
  if (!previous) return true;
  if (previous.type === 'keyword' && previous.text !== 'yes' && previous.text !== 'no') return false;
  for (let h = before.length - 1; h >= 0; h--) {
    const t = before[h];
    if (t.type === 'colon' && before[h - 1]?.type === 'ident' && !isHeaderKeyword(before[h - 2], ['actor', 'method'])) return true;
    if (t.type !== 'keyword') continue;
    if (t.text === 'exclude') return before.slice(h).some((x) => x.type === 'string');
    if (t.text === 'import') return before.slice(h).some((x) => x.type === 'string');
    if (!HEADER_KEYWORDS.has(t.text)) continue;
    // an actor or tool may end without a block once named (and, for an actor, given a role)
    if (t.text === 'tool') return before.length - h >= 2;
    if (t.text === 'actor') return before.length - h >= 4;
    return false;
  }
  return true;
}

function isHeaderKeyword(token: ScanToken | undefined, words: string[]): boolean {
  return token?.type === 'keyword' && words.includes(token.text);
}

// --- members ----------------------------------------------------------------------------------

function completeMember(context: CursorContext, block: BlockKind | 'file' | 'unknown'): CompletionItem[] {
  const { file, position } = context;
  const items: CompletionItem[] = [];
  if (block === 'unknown') return items;
  if (block === 'file') {
    const beforeStudy = !file.study || position.line < file.study.range.start.line || (position.line === file.study.range.start.line && position.character <= file.study.range.start.character);
    if (beforeStudy) items.push(keywordItem(context, 'import'));
    if (!file.study) {
      items.push(keywordItem(context, 'study'));
      for (const keyword of ['actor', 'tool', 'service', 'question', 'method']) items.push(keywordItem(context, keyword));
      items.push(questionSnippet(context), methodSnippet(context));
    }
    return items;
  }
  items.push(...keyItems(context, block));
  if (block === 'study') {
    for (const keyword of ['actor', 'tool', 'service', 'question', 'method', 'exclude']) items.push(keywordItem(context, keyword));
    items.push(questionSnippet(context), methodSnippet(context));
    const hasEthics = (file.study?.ethics.length ?? 0) > 0 || (context.model?.study?.ethics.length ?? 0) > 0;
    if (!hasEthics) items.push(keywordItem(context, 'ethics'), ethicsSnippet(context));
  }
  if (block === 'service') items.push(keywordItem(context, 'touchpoint'), touchpointSnippet(context));
  return items;
}

function keywordItem(context: CursorContext, keyword: string): CompletionItem {
  return {
    label: keyword,
    kind: 'keyword',
    detail: KEYWORD_DOCS[keyword]?.split(':')[0],
    documentation: KEYWORD_DOCS[keyword],
    insertText: `${keyword} `,
    replace: context.replace,
    sortText: `2${keyword}`,
  };
}

/** The keys a block allows, minus those already given in it (repeating a key is reported as duplicate-property). */
function keyItems(context: CursorContext, block: BlockKind): CompletionItem[] {
  const present = presentKeys(context, block);
  const rest = context.file.text.slice(context.offset, context.offset + 80);
  const colonFollows = /^[A-Za-z0-9_]*\s*:/.test(rest);
  return PROPERTY_SPECS[block]
    .filter((spec) => !present.has(spec.key))
    .map((spec, index) => {
      const item: CompletionItem = {
        label: spec.key,
        kind: 'property',
        detail: `${valueSummary(spec)}${spec.required ? ' (required)' : ''}`,
        documentation: describeKey(block, spec),
        replace: context.replace,
        sortText: `${spec.required ? 0 : 1}${String(index).padStart(2, '0')}`,
      };
      if (colonFollows) item.insertText = spec.key;
      else if (spec.value.type === 'string' || spec.value.type === 'text') {
        item.insertText = block === 'study' && (spec.key === 'summary' || spec.key === 'aims') ? `${spec.key}: """\n\t$0\n\t"""` : `${spec.key}: "$0"`;
        item.snippet = true;
      } else {
        item.insertText = `${spec.key}: `;
        item.triggerSuggest = spec.value.type !== 'count';
      }
      return item;
    });
}

function valueSummary(spec: PropertySpec): string {
  const value = spec.value;
  switch (value.type) {
    case 'enum':
      return value.values.join(' | ');
    case 'boolean':
      return 'yes | no';
    case 'ref':
      return `${value.kinds.join(' or ')} name${spec.list ? 's' : ''}`;
    case 'construct':
      return 'constructs';
    case 'framework':
      return 'frameworks';
    case 'count':
      return value.single ? 'number' : 'number or range';
    default:
      return spec.list ? 'strings' : 'string';
  }
}

/** Keys written in the block: from the scan before the cursor, and from the AST for the whole block. */
function presentKeys(context: CursorContext, block: BlockKind): Set<string> {
  const keys = new Set(context.scan.stack[context.scan.stack.length - 1]?.keys ?? []);
  const enclosing = enclosingBlock(context.file, context.position);
  if (enclosing.kind === block && enclosing.node) {
    for (const property of enclosing.node.properties) {
      if (!rangeContains(property.key.range, context.position)) keys.add(property.key.text);
    }
  }
  return keys;
}

// --- values -----------------------------------------------------------------------------------

function withSpace(context: CursorContext, text: string): string {
  return context.needsSpace ? ` ${text}` : text;
}

function enumItems(context: CursorContext, docKey: string, values: readonly string[], listed: string[]): CompletionItem[] {
  return values
    .filter((value) => !listed.includes(value))
    .map((value, index) => {
      const doc = valueDoc(docKey, value);
      return {
        label: value,
        kind: 'value',
        detail: doc?.split(/[.:]/)[0],
        documentation: doc,
        insertText: withSpace(context, value),
        replace: context.replace,
        sortText: String(index).padStart(2, '0'),
      };
    });
}

function completeValue(context: CursorContext, spec: PropertySpec, listed: string[]): CompletionItem[] {
  const value = spec.value;
  if (value.type !== 'construct' && value.type !== 'framework' && context.segments.length > 0) return [];
  if (!spec.list && listed.length > 0) return [];
  switch (value.type) {
    case 'enum':
      return enumItems(context, spec.key, value.values, listed);
    case 'boolean':
      return enumItems(context, spec.key, ['yes', 'no'], listed);
    case 'ref':
      return referenceItems(context, value.kinds, listed);
    case 'construct':
      return constructItems(context, spec.key, listed);
    case 'framework':
      return frameworkItems(context, listed);
    default:
      return [];
  }
}

/** Declarations of the kinds in scope, in journey/source order; those the parser dropped come from the scan. */
function referenceItems(context: CursorContext, kinds: readonly DeclarationKind[], listed: string[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>(listed);
  const declarations = context.model ? [...journey(context.model), ...context.model.declarations] : [];
  let order = 0;
  const add = (name: string, kind: DeclarationKind, detail: string | undefined, documentation: string): void => {
    if (!name || seen.has(name) || !kinds.includes(kind)) return;
    seen.add(name);
    const rank = kinds.indexOf(kind);
    items.push({
      label: name,
      kind: 'reference',
      detail: detail ? `${kind} · ${detail}` : kind,
      documentation,
      insertText: withSpace(context, name),
      replace: context.replace,
      sortText: `${rank}${String(order++).padStart(5, '0')}`,
    });
  };
  for (const declaration of declarations) add(declaration.name.text, declaration.kind, declaration.label?.text, summarizeDeclaration(declaration));
  for (const scanned of context.scan.declarations) add(scanned.name, scanned.kind, scanned.label, scannedSummary(scanned));
  return items;
}

function scannedSummary(scanned: ScannedDeclaration): string {
  const title = titleOf({ kind: scanned.kind, name: { text: scanned.name }, label: scanned.label ? { text: scanned.label } : undefined });
  return scanned.service ? `${title}\n\nin ${codeSpan(scanned.service)}` : title;
}

function frameworksOf(context: CursorContext): Map<string, Framework> {
  return context.model?.frameworks ?? context.program.catalog.builtins();
}

function selectedFrameworks(context: CursorContext): Set<Framework> {
  return context.model?.selectedFrameworks ?? new Set();
}

/** The constructs below a dotted path (framework, then construct ids or aliases), or undefined when it names nothing. */
function childrenAt(framework: Framework, path: string[]): Construct[] | undefined {
  let children = framework.constructs;
  for (const segment of path) {
    const next = children.find((c) => c.id === segment) ?? children.find((c) => c.aliases.includes(segment));
    if (!next) return undefined;
    children = next.children;
  }
  return children;
}

function constructItem(context: CursorContext, construct: Construct, label: string, sortText: string, note?: string): CompletionItem {
  return {
    label,
    kind: 'construct',
    detail: note ? `${construct.name} — ${note}` : construct.name,
    documentation: describeConstruct(construct, false),
    insertText: withSpace(context, label),
    replace: context.replace,
    filterText: [label, ...construct.aliases].join(' '),
    sortText,
  };
}

/** Constructs the study must still cover, by path (computed once per request). */
function uncoveredPaths(context: CursorContext): Set<string> {
  if (context.uncovered) return context.uncovered;
  const result = new Set<string>();
  if (context.model?.study) for (const target of computeCoverage(context.model)) if (target.status === 'uncovered') result.add(target.construct.path);
  context.uncovered = result;
  return result;
}

/**
 * Constructs that used to be below the dotted path typed so far and have moved: offered under
 * their old id, and inserting their new path in place of the whole reference.
 */
function movedItems(context: CursorContext): CompletionItem[] {
  const framework = frameworksOf(context).get(context.segments[0]);
  if (!framework) return [];
  const typed = context.segments.slice(1).join('.');
  const items: CompletionItem[] = [];
  for (const [former, construct] of framework.byFormerPath) {
    const cut = former.lastIndexOf('.');
    if ((cut < 0 ? '' : former.slice(0, cut)) !== typed) continue;
    const oldId = former.slice(cut + 1);
    items.push({
      label: oldId,
      kind: 'construct',
      detail: `${construct.name} — moved to ${construct.path}`,
      documentation: describeConstruct(construct, false),
      insertText: withSpace(context, construct.path),
      replace: context.replaceReference,
      filterText: `${framework.id}.${former}`,
      sortText: `9${oldId}`,
    });
  }
  return items;
}

/** The constructs below the dotted path typed so far (`npt.` → npt's constructs), or [] when it names nothing. */
function typedChildren(context: CursorContext): Construct[] {
  const framework = frameworksOf(context).get(context.segments[0]);
  return (framework ? childrenAt(framework, context.segments.slice(1)) : undefined) ?? [];
}

function frameworkItem(context: CursorContext, framework: Framework, insert: string, sortText: string, note = ''): CompletionItem {
  return {
    label: framework.id,
    kind: 'framework',
    detail: `${framework.name} (${framework.kind})${note}`,
    documentation: describeFramework(framework),
    insertText: withSpace(context, insert),
    replace: context.replace,
    sortText,
  };
}

/** Below `framework.`: the parts there; at the first segment: frameworks, then full paths in the selected ones. */
function constructItems(context: CursorContext, key: string, listed: string[]): CompletionItem[] {
  const uncovered = uncoveredPaths(context);
  const coverageItem = (construct: Construct, label: string, rank: number, index: number): CompletionItem => {
    const open = uncovered.has(construct.path);
    return constructItem(context, construct, label, `${open ? rank : rank + 1}${String(index).padStart(4, '0')}`, open ? 'not yet covered' : undefined);
  };
  if (context.segments.length > 0) {
    return [
      ...typedChildren(context)
        .filter((c) => !listed.includes(c.path))
        .map((c, index) => coverageItem(c, c.id, 0, index)),
      ...movedItems(context),
    ];
  }
  const selected = selectedFrameworks(context);
  const items: CompletionItem[] = [];
  for (const framework of frameworksOf(context).values()) {
    const preferred = selected.has(framework) || (key === 'coproduction' && framework.kind === 'coproduction');
    const item = frameworkItem(context, framework, `${framework.id}.`, `${preferred ? 0 : 3}${framework.id}`, selected.has(framework) ? '' : ' — not selected');
    item.triggerSuggest = true;
    items.push(item);
  }
  let index = 0;
  for (const framework of selected) {
    for (const construct of allConstructs(framework.constructs)) {
      if (!listed.includes(construct.path)) items.push(coverageItem(construct, construct.path, 1, index++));
    }
  }
  return items;
}

function allConstructs(constructs: Construct[]): Construct[] {
  return constructs.flatMap((c) => [c, ...allConstructs(c.children)]);
}

/** `frameworks:` takes framework ids and parts of frameworks. */
function frameworkItems(context: CursorContext, listed: string[]): CompletionItem[] {
  if (context.segments.length > 0) {
    return [
      ...typedChildren(context)
        .filter((c) => !listed.includes(c.path))
        .map((c, index) => constructItem(context, c, c.id, String(index).padStart(3, '0'), c.children.length ? `${c.children.length} parts` : undefined)),
      ...movedItems(context),
    ];
  }
  return [...frameworksOf(context).values()]
    .filter((framework) => !listed.includes(framework.id))
    .map((framework) => frameworkItem(context, framework, framework.id, `${framework.kind === 'equity' ? 1 : 0}${framework.id}`));
}

/** After `exclude`: the constructs the study still has to cover first, then frameworks and their parts. */
function completeExclude(context: CursorContext): CompletionItem[] {
  if (context.segments.length > 0) return constructItems(context, 'exclude', []);
  const items: CompletionItem[] = [];
  const uncovered = uncoveredPaths(context);
  let index = 0;
  for (const framework of selectedFrameworks(context)) {
    for (const construct of allConstructs(framework.constructs)) {
      if (!uncovered.has(construct.path)) continue;
      const item = constructItem(context, construct, construct.path, `0${String(index++).padStart(4, '0')}`, 'not yet covered');
      item.insertText = `${construct.path} "\${1:Why this is out of scope}"`;
      item.snippet = true;
      items.push(item);
    }
  }
  for (const item of constructItems(context, 'exclude', [])) if (item.kind === 'framework' && !items.some((i) => i.label === item.label)) items.push(item);
  return items;
}

// --- snippets ---------------------------------------------------------------------------------

/** Escapes text for a snippet placeholder. */
function placeholder(index: number, text: string): string {
  return `\${${index}:${text.replace(/[\\$}]/g, (c) => `\\${c}`)}}`;
}

function choice(index: number, values: readonly string[]): string {
  return `\${${index}|${values.join(',')}|}`;
}

function snippet(context: CursorContext, label: string, detail: string, lines: string[], documentation: string): CompletionItem {
  return { label, kind: 'snippet', detail, documentation, insertText: lines.join('\n'), snippet: true, replace: context.replace, sortText: `3${label}` };
}

function firstName(declarations: Declaration[] | undefined, fallback: string): string {
  return declarations?.find((d) => d.name.text)?.name.text ?? fallback;
}

function questionSnippet(context: CursorContext): CompletionItem {
  const model = context.model;
  let about = 'touchpoint';
  let aboutNote = '';
  if (model && model.touchpoints.length > 0) {
    const index = questionsByTouchpoint(model);
    const open = journey(model).find((t) => (index.get(t) ?? []).length === 0);
    about = (open ?? model.touchpoints[0]).name.text;
    if (open) aboutNote = ` (about ${about}, which no question covers yet)`;
  }
  const uncovered = [...uncoveredPaths(context)][0] ?? 'framework.construct';
  return snippet(
    context,
    'question',
    `New evaluation question${aboutNote}`,
    [
      `question ${placeholder(1, 'name')} "${placeholder(2, 'What do we want to find out?')}" {`,
      `\tabout: ${placeholder(3, about)}`,
      `\tperspective: ${choice(4, PERSPECTIVES)}`,
      `\tconstructs: ${placeholder(5, uncovered)}`,
      `\tmethods: ${placeholder(6, firstName(model?.methods, 'method'))}`,
      '}',
    ],
    'An evaluation question with the keys every question needs. The placeholders suggest a touchpoint and a construct not yet covered.',
  );
}

function touchpointSnippet(context: CursorContext): CompletionItem {
  const model = context.model;
  const lines = [`touchpoint ${placeholder(1, 'name')} "${placeholder(2, 'What happens at this point')}" {`, `\tstage: "${placeholder(3, 'access')}"`, `\tchannel: ${choice(4, CHANNELS)}`];
  let next = 5;
  if (model && model.tools.length > 0) lines.push(`\tvia: ${placeholder(next++, firstName(model.tools, 'tool'))}`);
  lines.push(
    `\tactors: ${placeholder(
      next,
      model?.actors
        .map((a) => a.name.text)
        .filter(Boolean)
        .slice(0, 2)
        .join(', ') || 'actor',
    )}`,
    '}',
  );
  return snippet(
    context,
    'touchpoint',
    'New touchpoint (journey order: after the previous one)',
    lines,
    'A point where staff and service users meet. Touchpoints inside a service are in journey order.',
  );
}

function methodSnippet(context: CursorContext): CompletionItem {
  const participants =
    context.model?.actors
      .map((a) => a.name.text)
      .filter(Boolean)
      .slice(0, 2)
      .join(', ') || 'actor';
  return snippet(
    context,
    'method',
    'New method of data collection',
    [`method ${placeholder(1, 'name')}: ${choice(2, METHOD_KINDS)} "${placeholder(3, 'Label')}" {`, `\tparticipants: ${placeholder(4, participants)}`, `\tsample: ${placeholder(5, '12..16')}`, '}'],
    'How data are collected. Interviews, focus groups, surveys and observation need participants.',
  );
}

function ethicsSnippet(context: CursorContext): CompletionItem {
  const keys = context.model?.study ? neededEthicsKeys(context.model) : ['classification', 'consent', 'withdrawal', 'retention', 'public_involvement'];
  const lines = ['ethics {'];
  keys.forEach((key, i) => {
    const spec = propertySpec('ethics', key);
    if (!spec) return;
    if (spec.value.type === 'enum') lines.push(`\t${key}: ${choice(i + 1, spec.value.values)}`);
    else lines.push(`\t${key}: "${placeholder(i + 1, spec.doc.replace(/\.$/, ''))}"`);
  });
  lines.push('}');
  return snippet(context, 'ethics', `Ethics block with the ${keys.length} answers this study needs`, lines, `The keys this study's methods call for: ${keys.map((k) => `\`${k}\``).join(', ')}.`);
}

// --- inside comments and strings --------------------------------------------------------------

function completeInside(program: Program, file: StudyFile, scan: ScanResult, offset: number, position: Position): CompletionItem[] {
  const inside = scan.inside;
  if (!inside) return [];
  const typed = file.text.slice(inside.start, offset);
  if (inside.kind === 'lineComment') return completeSuppression(typed, position);
  if (inside.kind !== 'string') return [];
  const previous = scan.tokens[scan.tokens.length - 1];
  const isImport = previous?.type === 'keyword' && previous.text === 'import';
  const value = isImport ? undefined : valueContext(scan.tokens);
  if (!isImport && value?.key !== 'frameworks') return [];
  return completePath(program, file, typed.slice(1), position, isImport ? '.study' : '.json');
}

function completeSuppression(typed: string, position: Position): CompletionItem[] {
  const word = /[A-Za-z0-9-]*$/.exec(typed)?.[0] ?? '';
  const replace: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const directive = /^\/\/\s*studyspec-disable-next-line\b(.*)$/.exec(typed);
  if (!directive) {
    if (!/^\/\/\s*[A-Za-z-]*$/.test(typed)) return [];
    return [
      {
        label: SUPPRESSION_DIRECTIVE,
        kind: 'keyword',
        detail: 'Silence rules on the next line',
        documentation: '`// studyspec-disable-next-line RULE -- reason` silences RULE (or every rule, with none named) on the next line.',
        insertText: `${SUPPRESSION_DIRECTIVE} `,
        replace,
        triggerSuggest: true,
      },
    ];
  }
  const rest = directive[1];
  if (rest.includes('--') || (rest.length > 0 && !/^\s/.test(rest))) return [];
  const named = new Set(rest.split(/[\s,]+/).filter(Boolean));
  return RULES.filter((rule) => !named.has(rule.id) || rule.id === word).map((rule, index) => ({
    label: rule.id,
    kind: 'value',
    detail: `${rule.severity} — ${rule.summary}`,
    documentation: describeRule(rule.id),
    replace,
    sortText: String(index).padStart(2, '0'),
  }));
}

function completePath(program: Program, file: StudyFile, typed: string, position: Position, extension: string): CompletionItem[] {
  const slash = typed.lastIndexOf('/');
  const folderPart = typed.slice(0, slash + 1);
  const name = typed.slice(slash + 1);
  const folder = path.resolve(path.dirname(file.path), folderPart || '.');
  const replace: Range = { start: { line: position.line, character: position.character - name.length }, end: position };
  const prefix = folderPart === '' ? './' : '';
  const items: CompletionItem[] = [];
  for (const entry of program.host.readDirectory(folder)) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory) items.push({ label: `${entry.name}/`, kind: 'file', insertText: `${prefix}${entry.name}/`, replace, sortText: `1${entry.name}`, triggerSuggest: true });
    else if (entry.name.endsWith(extension) && full !== file.path) items.push({ label: entry.name, kind: 'file', insertText: `${prefix}${entry.name}`, replace, sortText: `0${entry.name}` });
  }
  return items;
}
