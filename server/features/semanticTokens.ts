/**
 * Semantic tokens: what each name is, so themes colour a touchpoint differently from an actor,
 * a framework from its constructs, and a name where it is declared from where it is used.
 * Keywords, strings, numbers and comments are left to the TextMate grammar. Unresolved
 * references get no token: the diagnostics speak for them.
 */
import { suppressionsOf } from '../checks/suppress';
import { RULES_BY_ID } from '../checks/rules';
import { linesOf } from '../common/lines';
import { comparePositions, Range } from '../common/range';
import { allDeclarations, DeclarationKind, RefValue, StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { propertySpec } from '../model/schema';
import { blocksInFile } from './locate';
import { SemanticToken } from './types';

/**
 * The legend, standard LSP token types only, so every theme colours them:
 * - `namespace`: a framework id (`npt` in `npt.coherence`)
 * - `type`: a construct segment (`coherence`)
 * - `class`: a study or service name; `method`: a touchpoint (a member of its service);
 *   `function`: a question; `interface`: a method of data collection; `parameter`: an actor;
 *   `struct`: a tool
 * - `property`: a key; `enumMember`: an allowed value, an actor's role, a method's kind
 * - `decorator`: `studyspec-disable-next-line`; `macro`: a rule id after it
 */
export const SEMANTIC_TOKEN_TYPES = ['namespace', 'type', 'class', 'method', 'function', 'interface', 'parameter', 'struct', 'property', 'enumMember', 'decorator', 'macro'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

/**
 * - `declaration`: a name where it is declared
 * - `defaultLibrary`: a framework or construct from the built-in catalogue
 */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export const DECLARATION_TOKEN_TYPES: Record<DeclarationKind | 'study', SemanticTokenType> = {
  study: 'class',
  service: 'class',
  touchpoint: 'method',
  question: 'function',
  method: 'interface',
  actor: 'parameter',
  tool: 'struct',
};

/**
 * The semantic tokens of `file`, sorted by position, each on one line. `model` is linked in
 * the right context (for a fragment, a study importing it); without it, references get no
 * tokens. Never throws.
 */
export function semanticTokens(file: StudyFile, model: StudyModel | undefined): SemanticToken[] {
  try {
    return collectTokens(file, model);
  } catch {
    return [];
  }
}

function collectTokens(file: StudyFile, model: StudyModel | undefined): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  const lines = linesOf(file);
  const lineLength = (line: number): number => (line < lines.lineCount ? lines.lineEnd(line) - lines.lineStart(line) : 0);
  const add = (range: Range, type: SemanticTokenType, modifiers: SemanticTokenModifier[] = []): void => {
    for (let line = range.start.line; line <= range.end.line; line++) {
      const start = line === range.start.line ? range.start.character : 0;
      const end = line === range.end.line ? range.end.character : lineLength(line);
      if (end > start) tokens.push({ line, character: start, length: end - start, type, modifiers: [...modifiers] });
    }
  };

  const study = file.study;
  if (study?.name.text) add(study.name.range, 'class', ['declaration']);
  for (const declaration of [...allDeclarations(study?.declarations ?? []), ...allDeclarations(file.declarations)]) {
    if (declaration.name.text) add(declaration.name.range, DECLARATION_TOKEN_TYPES[declaration.kind], ['declaration']);
    if (declaration.kind === 'actor' && declaration.role) add(declaration.role.range, 'enumMember');
    if (declaration.kind === 'method' && declaration.methodKind) add(declaration.methodKind.range, 'enumMember');
  }

  for (const { kind, node } of blocksInFile(file)) {
    for (const property of node.properties) {
      if (property.key.text) add(property.key.range, 'property');
      const spec = propertySpec(kind, property.key.text);
      for (const value of property.values) {
        if (value.kind !== 'ref') continue;
        if (spec?.value.type === 'enum' && value.segments.length === 1 && spec.value.values.includes(value.path)) add(value.range, 'enumMember');
        else addReference(value);
      }
    }
  }
  for (const exclude of study?.excludes ?? []) if (exclude.ref) addReference(exclude.ref);

  for (const suppression of suppressionsOf(file)) {
    const comment = suppression.comment;
    const at = comment.text.indexOf('studyspec-disable-next-line');
    if (at >= 0) {
      const character = comment.range.start.character + at;
      add({ start: { line: comment.range.start.line, character }, end: { line: comment.range.start.line, character: character + 'studyspec-disable-next-line'.length } }, 'decorator');
    }
    for (const rule of suppression.rules) if (RULES_BY_ID.has(rule.id)) add(rule.range, 'macro');
  }

  function addReference(value: RefValue): void {
    const site = model?.referenceByValue.get(value);
    if (!site || site.problem) return;
    if (site.declaration) {
      add(value.range, DECLARATION_TOKEN_TYPES[site.declaration.kind]);
      return;
    }
    const framework = site.framework;
    if (!framework) return;
    const modifiers: SemanticTokenModifier[] = framework.builtin ? ['defaultLibrary'] : [];
    value.segments.forEach((segment, index) => add(segment.range, index === 0 ? 'namespace' : 'type', modifiers));
  }

  tokens.sort((a, b) => comparePositions(a, b));
  return tokens.filter((token, index) => index === 0 || comparePositions(tokens[index - 1], token) !== 0);
}
