import { Range } from '../common/range';

/** A name as written, with where it was written. */
export interface Name {
  text: string;
  range: Range;
}

export interface StringValue {
  kind: 'string';
  /** 'string' for "…", 'text' for """…""" */
  form: 'string' | 'text';
  text: string;
  range: Range;
}

export interface NumberValue {
  kind: 'number';
  value: number;
  range: Range;
}

export interface RangeValue {
  kind: 'range';
  min: number;
  max: number;
  range: Range;
}

export interface BooleanValue {
  kind: 'boolean';
  value: boolean;
  range: Range;
}

export interface RefValue {
  kind: 'ref';
  segments: Name[];
  /** the dotted path, e.g. "npt.coherence" */
  path: string;
  range: Range;
}

export type Value = StringValue | NumberValue | RangeValue | BooleanValue | RefValue;

export interface Property {
  key: Name;
  values: Value[];
  range: Range;
}

export type DeclarationKind = 'actor' | 'tool' | 'service' | 'touchpoint' | 'question' | 'method';
export type BlockKind = 'study' | DeclarationKind | 'ethics';

/** How messages name each kind of block or member, with its article. */
export const BLOCK_NAMES: Record<BlockKind | 'exclude', string> = {
  study: 'a study',
  actor: 'an actor',
  tool: 'a tool',
  service: 'a service',
  touchpoint: 'a touchpoint',
  question: 'a question',
  method: 'a method',
  ethics: 'an ethics block',
  exclude: 'an exclude',
};

interface DeclarationBase {
  name: Name;
  label?: StringValue;
  properties: Property[];
  /** the whole declaration, keyword to closing brace */
  range: Range;
  /** the span of the header keyword */
  keywordRange: Range;
  /** the inside of the braces, when the declaration has them */
  bodyRange?: Range;
  file: string;
}

export interface ActorDecl extends DeclarationBase {
  kind: 'actor';
  role?: Name;
}

export interface ToolDecl extends DeclarationBase {
  kind: 'tool';
}

export interface ServiceDecl extends DeclarationBase {
  kind: 'service';
  touchpoints: TouchpointDecl[];
}

export interface TouchpointDecl extends DeclarationBase {
  kind: 'touchpoint';
  /** absent only for a misplaced touchpoint, which is a syntax error */
  service?: ServiceDecl;
}

export interface QuestionDecl extends DeclarationBase {
  kind: 'question';
}

export interface MethodDecl extends DeclarationBase {
  kind: 'method';
  methodKind?: Name;
}

export type Declaration = ActorDecl | ToolDecl | ServiceDecl | TouchpointDecl | QuestionDecl | MethodDecl;

export interface ExcludeDecl {
  kind: 'exclude';
  ref?: RefValue;
  rationale?: StringValue;
  range: Range;
  keywordRange: Range;
  file: string;
}

export interface EthicsDecl {
  kind: 'ethics';
  properties: Property[];
  range: Range;
  keywordRange: Range;
  bodyRange?: Range;
  file: string;
}

export interface ImportDecl {
  path?: StringValue;
  range: Range;
}

export interface StudyDecl {
  kind: 'study';
  name: Name;
  label?: StringValue;
  properties: Property[];
  declarations: Declaration[];
  excludes: ExcludeDecl[];
  ethics: EthicsDecl[];
  range: Range;
  keywordRange: Range;
  bodyRange?: Range;
  file: string;
}

export interface Comment {
  text: string;
  range: Range;
  block: boolean;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

/** One parsed `.study` file: a study, or a fragment of declarations. */
export interface StudyFile {
  path: string;
  text: string;
  imports: ImportDecl[];
  study?: StudyDecl;
  /** top-level declarations of a fragment (a study's own live inside it) */
  declarations: Declaration[];
  comments: Comment[];
  problems: SyntaxProblem[];
  /** total line count, for clamping ranges */
  lineCount: number;
}

/** Every declaration of a file, nested touchpoints included, in source order of their parents. */
export function* allDeclarations(declarations: Declaration[]): Generator<Declaration> {
  for (const declaration of declarations) {
    yield declaration;
    if (declaration.kind === 'service') yield* declaration.touchpoints;
  }
}

export function propertyOf(block: { properties: Property[] }, key: string): Property | undefined {
  for (const property of block.properties) if (property.key.text === key) return property;
  return undefined;
}
