import { Range } from '../common/range';

export type FrameworkKind = 'coproduction' | 'implementation' | 'outcomes' | 'equity';
export type Side = 'staff' | 'service_user';

/** The JSON shape of a framework file (LANGUAGE.md, "Frameworks are data"). */
export interface FrameworkJson {
  $schema?: string;
  id: string;
  name: string;
  kind: FrameworkKind;
  citation: string;
  version?: string;
  url?: string;
  constructs: ConstructJson[];
}

export interface ConstructJson {
  id: string;
  name: string;
  definition: string;
  aliases?: string[];
  prompts?: { staff?: string[]; service_user?: string[] };
  constructs?: ConstructJson[];
}

export interface Construct {
  id: string;
  name: string;
  definition: string;
  aliases: string[];
  prompts: Record<Side, string[]>;
  children: Construct[];
  parent?: Construct;
  framework: Framework;
  /** dotted path from the framework id, e.g. "npt.coherence.differentiation" */
  path: string;
  /** 1 for the framework's top-level constructs */
  depth: number;
  /** where the construct's object starts in its JSON file */
  location: Range;
}

export interface Framework {
  id: string;
  name: string;
  kind: FrameworkKind;
  citation: string;
  version?: string;
  url?: string;
  constructs: Construct[];
  /** absolute path of the JSON file */
  file: string;
  builtin: boolean;
  /** every construct by its path below the framework, e.g. "coherence.differentiation" */
  byPath: Map<string, Construct>;
  /** where the framework's id is in its JSON file */
  location: Range;
}

export function* walkConstructs(constructs: Construct[]): Generator<Construct> {
  for (const construct of constructs) {
    yield construct;
    yield* walkConstructs(construct.children);
  }
}

/** True when `ancestor` is `construct` or one of its ancestors. */
export function isSelfOrAncestor(ancestor: Construct, construct: Construct): boolean {
  for (let current: Construct | undefined = construct; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}
