import { Range } from '../common/range';
import { FrameworkLoad } from '../frameworks/load';
import { Construct, Framework } from '../frameworks/types';
import { ActorDecl, Declaration, DeclarationKind, EthicsDecl, ExcludeDecl, MethodDecl, QuestionDecl, RefValue, ServiceDecl, StringValue, StudyDecl, StudyFile, ToolDecl, TouchpointDecl } from './ast';

export type ReferenceProblemRule = 'unknown-reference' | 'wrong-kind' | 'unknown-construct' | 'unknown-framework';

export interface ReferenceProblem {
  rule: ReferenceProblemRule;
  message: string;
  range: Range;
  /** nearest names, best first: quick fixes offer them */
  suggestions: string[];
  /** what the suggestion replaces (the whole reference, or its last good segment onwards) */
  replaceRange: Range;
}

/** One reference written in a file, and what it resolved to. */
export interface ReferenceSite {
  value: RefValue;
  file: string;
  owner: Declaration | StudyDecl | ExcludeDecl;
  /** the property key, or "exclude" */
  key: string;
  expects: 'declaration' | 'construct' | 'framework';
  kinds?: readonly DeclarationKind[];
  declaration?: Declaration;
  framework?: Framework;
  /** set when the reference names a construct (or a framework part) rather than a whole framework */
  construct?: Construct;
  /** the former path the reference was resolved through, when it names a construct that has moved */
  movedFrom?: string;
  problem?: ReferenceProblem;
}

/** One entry of `frameworks:`. */
export interface FrameworkSelection {
  file: string;
  /** a ref (`npt`, `cfir.inner_setting`) or a path string */
  ref?: RefValue;
  pathValue?: StringValue;
  framework?: Framework;
  construct?: Construct;
  load?: FrameworkLoad;
  /** for a file selected by path: the framework with its id that it replaces in this study (a built-in, a folder's, or an earlier file's) */
  replaces?: Framework;
}

export interface ImportProblem {
  file: string;
  range: Range;
  message: string;
}

/** A study with its imports resolved and its names linked; or a lone fragment. */
export interface StudyModel {
  root: StudyFile;
  study?: StudyDecl;
  /** the root and every file it imports, root first */
  files: StudyFile[];
  /** every declaration in scope, touchpoints included */
  declarations: Declaration[];
  actors: ActorDecl[];
  tools: ToolDecl[];
  services: ServiceDecl[];
  touchpoints: TouchpointDecl[];
  questions: QuestionDecl[];
  methods: MethodDecl[];
  excludes: ExcludeDecl[];
  ethics?: EthicsDecl;
  symbols: Map<string, Declaration[]>;
  references: ReferenceSite[];
  referenceByValue: Map<RefValue, ReferenceSite>;
  selections: FrameworkSelection[];
  importProblems: ImportProblem[];
  /** every framework a construct reference may name, by id */
  frameworks: Map<string, Framework>;
  /** frameworks the study selects, whole or in part */
  selectedFrameworks: Set<Framework>;
}

/** The declaration a reference resolved to, if it is of one of the kinds. */
export function targetOf<K extends DeclarationKind>(model: StudyModel, value: RefValue, kind: K): Extract<Declaration, { kind: K }> | undefined {
  const declaration = model.referenceByValue.get(value)?.declaration;
  return declaration && declaration.kind === kind ? (declaration as Extract<Declaration, { kind: K }>) : undefined;
}
