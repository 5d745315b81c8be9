/**
 * The declared keys of each block in the JSON export, and their part of the published schema,
 * both from PROPERTY_SPECS (server/model/schema.ts): a key declared there is exported and
 * described without another line. `npm run schema:keys` rewrites the key properties of
 * `schemas/study.schema.json`; test/generate/json.test.ts fails when they disagree.
 */
import { Block, keysOf } from '../model/keys';
import { BlockKind, RefValue } from '../model/ast';
import { constructTargets } from '../model/analysis';
import { StudyModel } from '../model/model';
import { CONSENT_TYPES, KeyOf, PropertySpec, PROPERTY_SPECS, SpecOf } from '../model/schema';

/** A planned number or range, as exported: a single number has min equal to max. */
export interface SampleJson {
  min: number;
  max: number;
}

/** A JSON Schema (draft-07) node. */
export type JsonSchema = { [key: string]: unknown };

/** Keys exported in a shape of their own (their schema), or elsewhere in the export ('elsewhere'). */
export const SPECIAL_KEYS = {
  // the top-level `frameworks` list, each entry resolved to its framework
  study: { frameworks: 'elsewhere' },
  // absent reads as no, as the rules read it
  actor: { vulnerable: { description: 'Whether these participants may be vulnerable (`vulnerable: yes`); absent reads as no.', type: 'boolean' } },
  touchpoint: { backstage: { description: 'Whether this happens below the line of visibility (`backstage: yes`); absent reads as no.', type: 'boolean' } },
  question: { constructs: { description: 'The theory constructs the question addresses, each resolved, without repeats.', type: 'array', items: { $ref: '#/definitions/constructRef' } } },
} as const satisfies { readonly [B in BlockKind]?: { readonly [K in KeyOf<B>]?: JsonSchema | 'elsewhere' } };

/** A special key's entry: its schema, or 'elsewhere'. */
function specialOf(block: BlockKind, key: string): JsonSchema | 'elsewhere' | undefined {
  return (SPECIAL_KEYS as Partial<Record<BlockKind, Record<string, JsonSchema | 'elsewhere'>>>)[block]?.[key];
}

type SpecialKey<B extends BlockKind> = B extends keyof typeof SPECIAL_KEYS ? Extract<keyof (typeof SPECIAL_KEYS)[B], KeyOf<B>> : never;

/** What the export holds for one key, by its declaration. */
type KeyJson<S extends PropertySpec> = S['value'] extends { type: 'enum'; values: readonly (infer V)[] }
  ? V | null
  : S['list'] extends true
    ? string[]
    : S['value'] extends { type: 'boolean' }
      ? boolean | null
      : S['value'] extends { type: 'count'; single: true }
        ? number | null
        : S['value'] extends { type: 'count' }
          ? SampleJson | null
          : string | null;

/** Every declared key of a block kind but `Except`, as the export holds it. */
export type KeysJson<B extends BlockKind, Except extends KeyOf<B> = never> = { [K in Exclude<KeyOf<B>, Except>]: KeyJson<SpecOf<B, K>> };

function isSpecial(block: BlockKind, key: string): boolean {
  return specialOf(block, key) !== undefined;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function keyJson(model: StudyModel, spec: PropertySpec, value: unknown): unknown {
  const declared = spec.value;
  switch (declared.type) {
    case 'ref':
      return unique(
        (value as readonly RefValue[]).flatMap((ref) => {
          const site = model.referenceByValue.get(ref);
          const target = site && !site.problem ? site.declaration : undefined;
          return target && declared.kinds.includes(target.kind) ? [target.name.text] : [];
        }),
      );
    case 'construct':
      return unique(constructTargets(model, value as readonly RefValue[]).map((c) => c.path));
    case 'count': {
      if (value === undefined) return null;
      if (typeof value === 'number') return value;
      const { min, max } = value as SampleJson;
      return { min, max };
    }
    default:
      return spec.list ? [...(value as readonly string[])] : (value ?? null);
  }
}

/**
 * A block's declared keys in declaration order, each as the export holds it: refs as the names
 * they resolve to, constructs as paths, a count as `{ min, max }`, absent values null and lists
 * empty. The special keys of SPECIAL_KEYS take their value from `special`, in their place.
 */
export function declaredKeysJson<T extends Block, O extends object = Record<never, never>>(model: StudyModel, block: T, special?: O): KeysJson<T['kind'], SpecialKey<T['kind']>> & NoInfer<O> {
  const view = keysOf(block) as unknown as Record<string, unknown>;
  const given = (special ?? {}) as Record<string, unknown>;
  const json: Record<string, unknown> = {};
  for (const spec of PROPERTY_SPECS[block.kind]) {
    if (!isSpecial(block.kind, spec.key)) json[spec.key] = keyJson(model, spec, view[spec.key]);
    else if (spec.key in given) json[spec.key] = given[spec.key];
  }
  return json as KeysJson<T['kind'], SpecialKey<T['kind']>> & O;
}

/** The schema of one generically exported key. */
function keySchema(spec: PropertySpec): JsonSchema {
  const description = spec.doc;
  const value = spec.value;
  switch (value.type) {
    case 'enum':
      return { description, enum: [...value.values, null] };
    case 'boolean':
      return { description, type: ['boolean', 'null'] };
    case 'count':
      return value.single ? { description, type: ['integer', 'null'], minimum: 0 } : { description, anyOf: [{ $ref: '#/definitions/sample' }, { type: 'null' }] };
    case 'ref':
      return { description: `${description} Exported as the names of the ${value.kinds.join(' or ')} declarations it resolves to.`, type: 'array', items: { type: 'string' } };
    case 'construct':
      return { description: `${description} Exported as the paths of the constructs it resolves to.`, type: 'array', items: { type: 'string' } };
    default:
      return spec.list ? { description, type: 'array', items: { type: 'string' } } : { description, type: ['string', 'null'] };
  }
}

/** The schema of every exported key of a block kind, in declaration order. */
export function declaredKeySchemas(block: BlockKind): [string, JsonSchema][] {
  return PROPERTY_SPECS[block].flatMap((spec): [string, JsonSchema][] => {
    const special = specialOf(block, spec.key);
    if (special === 'elsewhere') return [];
    return [[spec.key, special ?? keySchema(spec)]];
  });
}

/**
 * The schema with each block's definition holding its declared keys as PROPERTY_SPECS gives
 * them: the keys form one run, where the first of them stood (new keys join the run), and
 * `required` lists every property. `consentType` is the consent values.
 */
export function withDeclaredKeys(schema: JsonSchema): JsonSchema {
  const definitions = { ...(schema.definitions as Record<string, JsonSchema>) };
  for (const block of Object.keys(PROPERTY_SPECS) as BlockKind[]) {
    const definition = definitions[block];
    if (!definition) throw new Error(`the schema has no definition '${block}'`);
    const declared = new Set(PROPERTY_SPECS[block].map((s) => s.key));
    const entries = Object.entries((definition.properties ?? {}) as Record<string, JsonSchema>);
    const rest = entries.filter(([key]) => !declared.has(key));
    const first = entries.findIndex(([key]) => declared.has(key));
    const at = first < 0 ? Math.min(2, rest.length) : entries.slice(0, first).filter(([key]) => !declared.has(key)).length;
    const properties = [...rest.slice(0, at), ...declaredKeySchemas(block), ...rest.slice(at)];
    definitions[block] = { ...definition, required: properties.map(([key]) => key), properties: Object.fromEntries(properties) };
  }
  definitions.consentType = { description: 'How participants consent.', enum: [...CONSENT_TYPES] };
  return { ...schema, definitions };
}
