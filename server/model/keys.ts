/**
 * Typed views of blocks: each declared key (schema.ts) read once into a convenient value.
 *
 *   const m = keysOf(method);
 *   m.mode            // 'face_to_face' | 'telephone' | … | undefined (a value outside the set reads as undefined)
 *   m.sample          // { min, max, isRange } | undefined
 *   m.duration        // number | undefined (a count declared `single`)
 *   m.participants    // RefValue[] as written; resolve with targets(model, m.participants, 'actor')
 *   m.$property.mode  // the Property as written, for presence, positions and fixes
 *
 * A view is built on first use and kept per block (blocks do not change after parsing). Like
 * `propertyOf`, a repeated key reads its first occurrence.
 */
import { BlockKind, Declaration, EthicsDecl, Property, RefValue, StringValue, StudyDecl } from './ast';
import { KeyOf, PropertySpec, PROPERTY_SPECS, SpecOf } from './schema';

/** Any block with keys. */
export type Block = Declaration | StudyDecl | EthicsDecl;

/** A planned number: `400`, or the range `12..16`. */
export interface Count {
  min: number;
  max: number;
  /** written as a range (`12..12` is a range, `12` is not) */
  isRange: boolean;
}

/** The value a view holds, by the key's value type; `[]` marks a list key. */
interface ViewValues {
  string: string;
  text: string;
  boolean: boolean;
  count: Count;
  /** a count declared `single`: one number, no range */
  number: number;
  'string[]': readonly string[];
  'ref[]': readonly RefValue[];
  'construct[]': readonly RefValue[];
  'framework[]': readonly (RefValue | StringValue)[];
}

type Shape<S extends PropertySpec> = S extends PropertySpec
  ? S['list'] extends true
    ? `${S['value']['type']}[]`
    : S['value'] extends { type: 'count'; single: true }
      ? 'number'
      : S['value']['type']
  : never;

/** What a view holds for one key: single values may be undefined, lists are empty when absent. */
export type ViewValue<S extends PropertySpec> = S['value'] extends { type: 'enum'; values: readonly (infer V)[] }
  ? V | undefined
  : Shape<S> extends `${string}[]`
    ? ViewValues[Shape<S> & keyof ViewValues]
    : ViewValues[Shape<S> & keyof ViewValues] | undefined;

/** The typed view of a block of kind B. */
export type KeysView<B extends BlockKind> = { readonly [K in KeyOf<B>]: ViewValue<SpecOf<B, K>> } & {
  /** each key's property as written (absent when the block does not give it) */
  readonly $property: { readonly [K in KeyOf<B>]?: Property };
};

// A value type declared in schema.ts without a reading below fails to compile here.
type DeclaredShape = { [B in BlockKind]: Shape<SpecOf<B, KeyOf<B>>> }[BlockKind];
type Unread = Exclude<DeclaredShape, keyof ViewValues | 'enum'>;
const everyShapeIsRead: [Unread] extends [never] ? true : Unread = true;
void everyShapeIsRead;

const NONE: readonly never[] = Object.freeze([]);

/** How each value type is read from a property (its first value, or all of a list's). */
const READERS: { [S in keyof ViewValues]: (property: Property) => ViewValues[S] | undefined } = {
  string: firstString,
  text: firstString,
  boolean: (property) => {
    const value = property.values[0];
    return value?.kind === 'boolean' ? value.value : undefined;
  },
  count: (property) => {
    const value = property.values[0];
    if (value?.kind === 'number') return { min: value.value, max: value.value, isRange: false };
    if (value?.kind === 'range') return { min: value.min, max: value.max, isRange: true };
    return undefined;
  },
  number: (property) => {
    const value = property.values[0];
    return value?.kind === 'number' ? value.value : undefined;
  },
  'string[]': (property) => {
    const result: string[] = [];
    for (const value of property.values) if (value.kind === 'string') result.push(value.text);
    return result;
  },
  'ref[]': refList,
  'construct[]': refList,
  'framework[]': (property) => property.values.filter((v): v is RefValue | StringValue => v.kind === 'ref' || v.kind === 'string'),
};

function firstString(property: Property): string | undefined {
  const value = property.values[0];
  return value?.kind === 'string' ? value.text : undefined;
}

/** The refs of a list; the property's own (read-only) list when it holds nothing else, as it nearly always does. */
function refList(property: Property): readonly RefValue[] {
  const values = property.values;
  let refs = 0;
  for (const value of values) if (value.kind === 'ref') refs++;
  if (refs === values.length) return values as readonly RefValue[];
  const result: RefValue[] = [];
  for (const value of values) if (value.kind === 'ref') result.push(value);
  return result;
}

/** The single name written as a property's value (`channel: digitl` gives "digitl"), allowed or not. */
export function wordOf(property: Property | undefined): string | undefined {
  const value = property?.values[0];
  return value?.kind === 'ref' && value.segments.length === 1 ? value.path : undefined;
}

/** A string or text value, trimmed; undefined when absent or empty. */
export function trimmed(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** Every string of a list (probes), trimmed, empty ones left out. */
export function trimmedList(values: readonly string[]): string[] {
  return values.flatMap((v) => (v.trim() ? [v.trim()] : []));
}

/** How a key's value is read: by its spec, worked out once per key. */
function readerOf(spec: PropertySpec): (property: Property) => unknown {
  const value = spec.value;
  if (value.type === 'enum') {
    return (property) => {
      const word = wordOf(property);
      return word !== undefined && value.values.includes(word) ? word : undefined;
    };
  }
  const shape = (spec.list ? `${value.type}[]` : value.type === 'count' && value.single ? 'number' : value.type) as keyof ViewValues;
  return READERS[shape];
}

/** How one key of a block kind is read, with its spec. */
interface KeyReader {
  spec: PropertySpec;
  read: (property: Property) => unknown;
}

/** Each block kind's readers by key. */
const KEY_READERS = new Map<BlockKind, Map<string, KeyReader>>();

function readersOf(kind: BlockKind): Map<string, KeyReader> {
  let readers = KEY_READERS.get(kind);
  if (!readers) KEY_READERS.set(kind, (readers = new Map(PROPERTY_SPECS[kind].map((spec) => [spec.key, { spec, read: readerOf(spec) }]))));
  return readers;
}

/** Each block kind's view before any key is read: lists empty, single values undefined. */
const EMPTY_VIEWS = new Map<BlockKind, Record<string, unknown>>();

function emptyView(kind: BlockKind): Record<string, unknown> {
  let empty = EMPTY_VIEWS.get(kind);
  if (!empty) EMPTY_VIEWS.set(kind, (empty = Object.fromEntries(PROPERTY_SPECS[kind].map((spec) => [spec.key, spec.list ? NONE : undefined]))));
  return empty;
}

/**
 * Where a block keeps its view: a hidden (non-enumerable) property, read far more often than a
 * WeakMap could answer quickly; JSON and deep comparisons of blocks do not see it.
 */
const VIEW = Symbol('keysOf');

/** Where a view keeps its block's property specs (a symbol: not a key of the view). */
const SPECS = Symbol('specs');

/** The typed view of a block's keys, built once per block. */
export function keysOf<T extends Block>(block: T): KeysView<T['kind']> {
  let view = (block as { [VIEW]?: object })[VIEW];
  if (!view) Object.defineProperty(block, VIEW, { value: (view = buildView(block)) });
  return view as KeysView<T['kind']>;
}

/**
 * Each property's spec, by position (undefined for a key the block does not know): looked up
 * in the same walk that builds the block's view, and kept with it.
 */
export function keySpecsOf(block: Block): readonly (PropertySpec | undefined)[] {
  return (keysOf(block) as { [SPECS]?: (PropertySpec | undefined)[] })[SPECS]!;
}

function buildView(block: Block): object {
  const properties: Record<string, Property> = {};
  const view: Record<string | symbol, unknown> = { ...emptyView(block.kind), $property: properties };
  const readers = readersOf(block.kind);
  const list = block.properties;
  const specs = new Array<PropertySpec | undefined>(list.length);
  for (let i = 0; i < list.length; i++) {
    const property = list[i];
    const key = property.key.text;
    const reader = readers.get(key);
    if (!reader) continue;
    specs[i] = reader.spec;
    if (properties[key]) continue;
    properties[key] = property;
    view[key] = reader.read(property);
  }
  view[SPECS] = specs;
  return view;
}

/**
 * What a module keeps with a block's view under its own symbol: facts worked out from the block
 * (a fact that reads other blocks too must check, when read, that it still holds). Undefined
 * until kept.
 */
export function keptWithView<T>(block: Block, slot: symbol): T | undefined {
  return (keysOf(block) as { [slot: symbol]: unknown })[slot] as T | undefined;
}

export function keepWithView<T>(block: Block, slot: symbol, value: T): void {
  (keysOf(block) as { [slot: symbol]: unknown })[slot] = value;
}
