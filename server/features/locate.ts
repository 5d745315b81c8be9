import { comparePositions, Position, Range, rangeContains } from '../common/range';
import { allDeclarations, Declaration, ImportDecl, Property, StudyDecl, StudyFile, Value } from '../model/ast';
import { ReferenceSite, StudyModel } from '../model/model';
import { BlockKind } from '../model/ast';
import { suppressionsOf } from '../checks/suppress';

/** What is under a cursor. */
export type Located =
  | { kind: 'reference'; site: ReferenceSite; range: Range }
  | { kind: 'declaration'; declaration: Declaration; range: Range }
  | { kind: 'study'; study: StudyDecl; range: Range }
  | { kind: 'propertyKey'; block: BlockKind; property: Property; range: Range }
  | { kind: 'value'; block: BlockKind; property: Property; value: Value; range: Range }
  | { kind: 'importPath'; decl: ImportDecl; range: Range }
  | { kind: 'suppressionRule'; rule: string; range: Range }
  | { kind: 'none' };

/** The innermost block whose range holds the position, and its kind. */
export interface EnclosingBlock {
  kind: BlockKind | 'file';
  node?: StudyDecl | Declaration | { properties: Property[]; range: Range };
}

function within(range: Range, position: Position): boolean {
  return rangeContains(range, position);
}

/** Every block with properties in a file, outermost first. */
export function blocksInFile(file: StudyFile): { kind: BlockKind; node: { properties: Property[]; range: Range; bodyRange?: Range } }[] {
  const result: { kind: BlockKind; node: { properties: Property[]; range: Range; bodyRange?: Range } }[] = [];
  const study = file.study;
  if (study) {
    result.push({ kind: 'study', node: study });
    for (const ethics of study.ethics) result.push({ kind: 'ethics', node: ethics });
    for (const declaration of allDeclarations(study.declarations)) result.push({ kind: declaration.kind, node: declaration });
  }
  for (const declaration of allDeclarations(file.declarations)) result.push({ kind: declaration.kind, node: declaration });
  return result;
}

/** Finds what is at `position` in `file`, using `model` (linked in the right study context) for references. */
export function locate(file: StudyFile, model: StudyModel | undefined, position: Position): Located {
  for (const decl of file.imports) if (decl.path && within(decl.path.range, position)) return { kind: 'importPath', decl, range: decl.path.range };
  if (model) {
    for (const site of model.references) {
      if (site.file === file.path && within(site.value.range, position)) return { kind: 'reference', site, range: site.value.range };
    }
  }
  if (file.study && within(file.study.name.range, position)) return { kind: 'study', study: file.study, range: file.study.name.range };
  const declarations = [...allDeclarations(file.study?.declarations ?? []), ...allDeclarations(file.declarations)];
  for (const declaration of declarations) if (declaration.name.text && within(declaration.name.range, position)) return { kind: 'declaration', declaration, range: declaration.name.range };
  for (const { kind, node } of blocksInFile(file)) {
    for (const property of node.properties) {
      if (within(property.key.range, position)) return { kind: 'propertyKey', block: kind, property, range: property.key.range };
      for (const value of property.values) if (within(value.range, position)) return { kind: 'value', block: kind, property, value, range: value.range };
    }
  }
  for (const suppression of suppressionsOf(file)) {
    for (const rule of suppression.rules) if (within(rule.range, position)) return { kind: 'suppressionRule', rule: rule.id, range: rule.range };
  }
  return { kind: 'none' };
}

/** The innermost block whose braces hold the position (for completion of keys). */
export function enclosingBlock(file: StudyFile, position: Position): EnclosingBlock {
  let best: EnclosingBlock = { kind: 'file' };
  let bestStart: Position | undefined;
  for (const { kind, node } of blocksInFile(file)) {
    const body = node.bodyRange;
    if (!body || !within(body, position)) continue;
    if (!bestStart || comparePositions(body.start, bestStart) >= 0) {
      best = { kind, node };
      bestStart = body.start;
    }
  }
  return best;
}

/** All reference sites in a model that point at `target`. */
export function referencesTo(model: StudyModel, target: Declaration): ReferenceSite[] {
  return model.references.filter((site) => site.declaration === target && (!site.problem || site.problem.rule === 'wrong-kind'));
}
