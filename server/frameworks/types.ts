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

/** When a transcript passage belongs to a construct, for the codebook. */
export interface CodingGuidance {
  use_when: string;
  not_when: string;
}

export interface ConstructJson {
  id: string;
  name: string;
  definition: string;
  /** identifiers (spelling variants) or dotted former paths from the framework id */
  aliases?: string[];
  /** a sub-domain that organises constructs but is not one */
  group?: boolean;
  coding?: CodingGuidance;
  /** prompts may write `{tool}` for the digital tool */
  prompts?: { staff?: string[]; service_user?: string[] };
  constructs?: ConstructJson[];
}

export interface Construct {
  id: string;
  name: string;
  definition: string;
  /** spelling variants among its siblings (identifiers only; former paths are in `formerPaths`) */
  aliases: string[];
  /** dotted paths from the framework id where the construct used to be, e.g. "cfir.individuals.need" */
  formerPaths: string[];
  /** a grouping node: coverage looks through it and counts leave it out */
  group: boolean;
  coding?: CodingGuidance;
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
  /** moved constructs by their former path below the framework, e.g. "individuals.need" */
  byFormerPath: Map<string, Construct>;
  /** where the framework's id is in its JSON file */
  location: Range;
}

export function* walkConstructs(constructs: Construct[]): Generator<Construct> {
  for (const construct of constructs) {
    yield construct;
    yield* walkConstructs(construct.children);
  }
}

/**
 * The construct at a dotted path below the framework ("individuals.need"), following a moved
 * construct's former path to where it is now. `moved` is set when a former path was followed.
 */
export function constructAt(framework: Framework, below: string): { construct: Construct; moved?: string } | undefined {
  const direct = framework.byPath.get(below);
  if (direct) return { construct: direct };
  const segments = below.split('.');
  for (let i = segments.length; i > 0; i--) {
    const former = segments.slice(0, i).join('.');
    const moved = framework.byFormerPath.get(former);
    if (!moved) continue;
    const rest = segments.slice(i);
    const construct = rest.length === 0 ? moved : framework.byPath.get([moved.path.slice(framework.id.length + 1), ...rest].join('.'));
    return construct ? { construct, moved: `${framework.id}.${former}` } : undefined;
  }
  return undefined;
}

/** The constructs a list stands for, looking through grouping nodes to the constructs below them. */
export function throughGroups(constructs: Construct[]): Construct[] {
  return constructs.flatMap((c) => (c.group ? throughGroups(c.children) : [c]));
}

/** True when `ancestor` is `construct` or one of its ancestors. */
export function isSelfOrAncestor(ancestor: Construct, construct: Construct): boolean {
  for (let current: Construct | undefined = construct; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}
