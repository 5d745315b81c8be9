import * as path from 'path';
import { comparePositions, Position, Range, rangeContains, sameRange } from '../common/range';
import { Construct, constructAt, Framework } from '../frameworks/types';
import { Declaration, StringValue, StudyDecl, StudyFile } from '../model/ast';
import { ReferenceSite, StudyModel } from '../model/model';
import { Program } from '../model/program';
import { locate, referencesTo } from './locate';
import { DocumentLink, Location } from './types';

/**
 * What the editor features see of a workspace: the newest parse of a file, and the models it
 * takes part in. The language server implements it over its long-lived Program with caches;
 * `programIndex` is the plain version for tests and one-off use.
 */
export interface StudyIndex {
  /** the parsed file from the newest text, or undefined when it cannot be read */
  file(filePath: string): StudyFile | undefined;
  /**
   * The models a file takes part in: a study's own model; for a fragment, the model of every
   * study that imports it, or its own lone model when no study does.
   */
  modelsOf(filePath: string): StudyModel[];
}

/** A StudyIndex straight over a Program; `studies` are the candidate importers of fragments. */
export function programIndex(program: Program, studies: () => Iterable<string>): StudyIndex {
  return {
    file: (filePath) => program.file(filePath),
    modelsOf(filePath) {
      const file = program.file(filePath);
      if (!file) return [];
      if (!file.study) {
        const importers = program
          .importersOf(filePath, studies())
          .map((study) => program.model(study))
          .filter((m): m is StudyModel => m !== undefined);
        if (importers.length > 0) return importers;
      }
      return [program.modelOf(file)];
    },
  };
}

/** What a name under the cursor stands for. */
export type Target =
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'study'; study: StudyDecl }
  | { kind: 'construct'; construct: Construct }
  | { kind: 'framework'; framework: Framework }
  | { kind: 'file'; file: string; exists: boolean };

export interface SymbolAt {
  target: Target;
  /** the text under the cursor that names it */
  range: Range;
  /** the model the cursor's file was read in */
  model: StudyModel;
  /** set when the cursor is on a reference rather than a declaration */
  site?: ReferenceSite;
}

/** The framework or construct named by the dotted prefix of a construct/framework reference up to segment `index`. */
function segmentTarget(site: ReferenceSite, index: number): Target | undefined {
  const framework = site.framework;
  if (!framework) return undefined;
  if (index === 0) return { kind: 'framework', framework };
  const construct = constructAt(
    framework,
    site.value.segments
      .slice(1, index + 1)
      .map((s) => s.text)
      .join('.'),
  )?.construct;
  return construct ? { kind: 'construct', construct } : undefined;
}

/** The range of a string's text inside its quotes. */
export function stringContentRange(value: StringValue): Range {
  const { start, end } = value.range;
  const quote = value.form === 'text' ? 3 : 1;
  if (start.line !== end.line || end.character - start.character < quote * 2) return value.range;
  return { start: { line: start.line, character: start.character + quote }, end: { line: end.line, character: end.character - quote } };
}

/** Resolves a path string written in `file` (an import, a framework file) to an absolute path. */
export function resolveWrittenPath(file: StudyFile, written: string): string {
  return path.resolve(path.dirname(file.path), written);
}

/** What is named at `position` in `filePath`, looked up in each model the file takes part in. */
export function symbolAt(index: StudyIndex, filePath: string, position: Position): SymbolAt | undefined {
  const file = index.file(filePath);
  if (!file) return undefined;
  const models = index.modelsOf(filePath);
  for (const model of models) {
    const located = locate(file, model, position);
    switch (located.kind) {
      case 'importPath': {
        const written = located.decl.path;
        if (!written) return undefined;
        const target = resolveWrittenPath(file, written.text);
        return { target: { kind: 'file', file: target, exists: index.file(target) !== undefined }, range: stringContentRange(written), model };
      }
      case 'declaration':
        return { target: { kind: 'declaration', declaration: located.declaration }, range: located.range, model };
      case 'study':
        return { target: { kind: 'study', study: located.study }, range: located.range, model };
      case 'reference': {
        const site = located.site;
        if (site.expects === 'declaration') {
          if (!site.declaration) continue;
          return { target: { kind: 'declaration', declaration: site.declaration }, range: site.value.range, model, site };
        }
        const segmentIndex = site.value.segments.findIndex((s) => rangeContains(s.range, position));
        // on a segment that did not resolve, fall back to the deepest part that did
        for (let i = segmentIndex === -1 ? site.value.segments.length - 1 : segmentIndex; i >= 0; i--) {
          const target = segmentTarget(site, i);
          if (target) return { target, range: site.value.segments[i].range, model, site };
        }
        continue;
      }
      case 'value': {
        const value = located.value;
        if (located.block === 'study' && located.property.key.text === 'frameworks' && value.kind === 'string') {
          const load = model.selections.find((selection) => selection.pathValue === value)?.load;
          return { target: { kind: 'file', file: resolveWrittenPath(file, value.text), exists: load !== undefined && load.status !== 'missing' }, range: stringContentRange(value), model };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where a symbol is declared. */
export function declarationOf(target: Target): Location {
  switch (target.kind) {
    case 'declaration':
      return { file: target.declaration.file, range: target.declaration.name.range };
    case 'study':
      return { file: target.study.file, range: target.study.name.range };
    case 'construct':
      return { file: target.construct.framework.file, range: target.construct.location };
    case 'framework':
      return { file: target.framework.file, range: target.framework.location };
    case 'file':
      return { file: target.file, range: START };
  }
}

export interface Definition extends Location {
  /** the text the definition was asked from, for the editor to underline */
  origin: Range;
}

/** Go to definition: declarations across files and imports, constructs and frameworks into their JSON, paths to their files. */
export function definition(index: StudyIndex, filePath: string, position: Position): Definition[] {
  const at = symbolAt(index, filePath, position);
  if (!at) return [];
  if (at.target.kind === 'file' && !at.target.exists) return [];
  return [{ ...declarationOf(at.target), origin: at.range }];
}

/** Every model the target's references can stand in. */
function modelsFor(index: StudyIndex, at: SymbolAt): StudyModel[] {
  return at.target.kind === 'declaration' ? index.modelsOf(at.target.declaration.file) : [at.model];
}

/** The ranges that refer to a symbol in one model (not its declaration). */
export function referenceRanges(model: StudyModel, wanted: Target): Location[] {
  if (wanted.kind === 'declaration') return referencesTo(model, wanted.declaration).map((site) => ({ file: site.file, range: site.value.range }));
  if (wanted.kind !== 'construct' && wanted.kind !== 'framework') return [];
  const result: Location[] = [];
  for (const site of model.references) {
    if (site.expects === 'declaration' || !site.framework) continue;
    site.value.segments.forEach((segment, i) => {
      const target = segmentTarget(site, i);
      if (!target) return;
      if (
        (target.kind === 'construct' && wanted.kind === 'construct' && target.construct === wanted.construct) ||
        (target.kind === 'framework' && wanted.kind === 'framework' && target.framework === wanted.framework)
      ) {
        result.push({ file: site.file, range: segment.range });
      }
    });
  }
  return result;
}

function dedupeLocations(locations: Location[]): Location[] {
  const result: Location[] = [];
  for (const location of locations) if (!result.some((l) => l.file === location.file && sameRange(l.range, location.range))) result.push(location);
  return result;
}

/** Every reference to the symbol under the cursor, across the study context and every study importing its fragment. */
export function references(index: StudyIndex, filePath: string, position: Position, includeDeclaration: boolean): Location[] {
  const at = symbolAt(index, filePath, position);
  if (!at || at.target.kind === 'file') return [];
  const target = at.target;
  const found = modelsFor(index, at)
    .flatMap((model) => referenceRanges(model, target))
    .sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start));
  if (includeDeclaration) found.unshift(declarationOf(target));
  return dedupeLocations(found);
}

export interface Highlight {
  range: Range;
  kind: 'read' | 'write';
}

/** The symbol's occurrences in this file: its declaration (written) and its references (read). */
export function documentHighlights(index: StudyIndex, filePath: string, position: Position): Highlight[] {
  const at = symbolAt(index, filePath, position);
  if (!at || at.target.kind === 'file') return [];
  const declaration = declarationOf(at.target);
  const result: Highlight[] = [];
  if (declaration.file === filePath) result.push({ range: declaration.range, kind: 'write' });
  for (const location of dedupeLocations(referenceRanges(at.model, at.target))) if (location.file === filePath) result.push({ range: location.range, kind: 'read' });
  return result;
}

/** Links on import paths and on framework file strings in `frameworks:`. */
export function documentLinks(index: StudyIndex, filePath: string): DocumentLink[] {
  const file = index.file(filePath);
  if (!file) return [];
  const links: DocumentLink[] = [];
  for (const decl of file.imports) {
    if (!decl.path || !decl.path.text) continue;
    const target = resolveWrittenPath(file, decl.path.text);
    links.push({ range: stringContentRange(decl.path), target, tooltip: `Open ${path.basename(target)}` });
  }
  const study = file.study;
  for (const property of study?.properties ?? []) {
    if (property.key.text !== 'frameworks') continue;
    for (const value of property.values) {
      if (value.kind !== 'string' || !value.text) continue;
      const target = resolveWrittenPath(file, value.text);
      links.push({ range: stringContentRange(value), target, tooltip: `Open the framework file ${path.basename(target)}` });
    }
  }
  return links;
}
