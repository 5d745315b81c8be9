import * as path from 'path';
import { Position, Range } from '../common/range';
import { BLOCK_NAMES, Declaration, DeclarationKind } from '../model/ast';
import { PROPERTY_SPECS } from '../model/schema';
import { KEYWORDS } from '../syntax/tokens';
import { locate } from './locate';
import { referenceRanges, StudyIndex, symbolAt, SymbolAt } from './navigation';
import { FileEdit } from './types';

export type RenameCheck = { ok: true; range: Range; placeholder: string } | { ok: false; reason: string };
export type RenameResult = { ok: true; edits: FileEdit[] } | { ok: false; reason: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The kinds a new name must not share with `kind`: its own, and every kind that can stand in the
 * same reference position (`about:` takes touchpoints and services, so a touchpoint may not take a
 * service's name).
 */
export function clashingKinds(kind: DeclarationKind): Set<DeclarationKind> {
  const kinds = new Set<DeclarationKind>([kind]);
  for (const specs of Object.values(PROPERTY_SPECS)) {
    for (const spec of specs) if (spec.value.type === 'ref' && spec.value.kinds.includes(kind)) for (const k of spec.value.kinds) kinds.add(k);
  }
  return kinds;
}

/** Why the thing under the cursor cannot be renamed, for anything that is not a declaration's name. */
function refusal(index: StudyIndex, filePath: string, position: Position): string {
  const file = index.file(filePath);
  if (!file) return 'This file is not open or cannot be read.';
  const located = locate(file, index.modelsOf(filePath)[0], position);
  switch (located.kind) {
    case 'reference':
      if (located.site.expects === 'declaration') return `'${located.site.value.path}' names nothing declared, so there is nothing to rename: fix the reference first.`;
      return 'Frameworks and their constructs are defined in framework files, not in the study; their ids cannot be renamed from here.';
    case 'propertyKey':
      return `'${located.property.key.text}' is a key of the study language and cannot be renamed.`;
    case 'value':
      return 'Only names of declarations (actors, tools, services, touchpoints, questions, methods) and the study can be renamed; this is a value of the language.';
    case 'importPath':
      return 'Rename the file itself to change an import path.';
    case 'suppressionRule':
      return 'Rule ids are fixed by the language and cannot be renamed.';
    default:
      return 'Only names of declarations (actors, tools, services, touchpoints, questions, methods) and the study can be renamed.';
  }
}

function renameable(at: SymbolAt | undefined): { range: Range; name: string } | string | undefined {
  if (!at) return undefined;
  switch (at.target.kind) {
    case 'declaration':
      return { range: at.range, name: at.target.declaration.name.text };
    case 'study':
      return { range: at.range, name: at.target.study.name.text };
    case 'construct':
      return `${at.target.construct.path} is a construct of ${at.target.construct.framework.name}, defined in ${path.basename(at.target.construct.framework.file)}; rename it there, not in the study.`;
    case 'framework':
      return `'${at.target.framework.id}' is the id of ${at.target.framework.name}, defined in ${path.basename(at.target.framework.file)}; it cannot be renamed from the study.`;
    case 'file':
      return 'Rename the file itself to change a path.';
  }
}

/** Whether the name under the cursor can be renamed, and the range the editor should select. */
export function prepareRename(index: StudyIndex, filePath: string, position: Position): RenameCheck {
  const at = symbolAt(index, filePath, position);
  const check = renameable(at);
  if (check === undefined) return { ok: false, reason: refusal(index, filePath, position) };
  if (typeof check === 'string') return { ok: false, reason: check };
  return { ok: true, range: check.range, placeholder: check.name };
}

/** Why `newName` is not a usable name, if it is not. */
export function invalidName(newName: string): string | undefined {
  if (!IDENTIFIER.test(newName)) return `'${newName}' is not a valid name: use letters, digits and _, not starting with a digit.`;
  if ((KEYWORDS as readonly string[]).includes(newName)) return `'${newName}' is a keyword of the study language and cannot be a name.`;
  return undefined;
}

function clashWith(index: StudyIndex, declaration: Declaration, newName: string): string | undefined {
  const kinds = clashingKinds(declaration.kind);
  for (const model of index.modelsOf(declaration.file)) {
    for (const other of model.symbols.get(newName) ?? []) {
      if (other === declaration || !kinds.has(other.kind)) continue;
      const where = `${path.basename(other.file)}:${other.name.range.start.line + 1}`;
      const why = other.kind === declaration.kind ? '' : `: a reference such as about: could not tell ${BLOCK_NAMES[declaration.kind]} from ${BLOCK_NAMES[other.kind]} of the same name`;
      return `There is already ${BLOCK_NAMES[other.kind]} named '${newName}' (${where})${why}.`;
    }
  }
  return undefined;
}

/** Renames a declaration (or the study) and every reference to it, across files and importing studies. */
export function rename(index: StudyIndex, filePath: string, position: Position, newName: string): RenameResult {
  const at = symbolAt(index, filePath, position);
  const check = renameable(at);
  if (check === undefined || !at) return { ok: false, reason: refusal(index, filePath, position) };
  if (typeof check === 'string') return { ok: false, reason: check };
  const invalid = invalidName(newName);
  if (invalid) return { ok: false, reason: invalid };
  if (newName === check.name) return { ok: true, edits: [] };
  const target = at.target;
  const locations = [{ file: target.kind === 'declaration' ? target.declaration.file : filePath, range: target.kind === 'declaration' ? target.declaration.name.range : check.range }];
  if (target.kind === 'declaration') {
    const clash = clashWith(index, target.declaration, newName);
    if (clash) return { ok: false, reason: clash };
    for (const model of index.modelsOf(target.declaration.file)) locations.push(...referenceRanges(model, target));
  }
  const byFile = new Map<string, FileEdit>();
  const seen = new Set<string>();
  for (const location of locations) {
    const key = `${location.file}\0${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let fileEdit = byFile.get(location.file);
    if (!fileEdit) byFile.set(location.file, (fileEdit = { file: location.file, edits: [] }));
    fileEdit.edits.push({ range: location.range, newText: newName });
  }
  return { ok: true, edits: [...byFile.values()] };
}
