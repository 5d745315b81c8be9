/**
 * Document symbols (the outline: study → services → touchpoints, and the questions, methods,
 * actors, tools, exclusions and ethics beside them) and workspace symbols (every named
 * declaration in a set of files, found by a fuzzy query).
 */
import * as path from 'path';
import { comparePositions, Range } from '../common/range';
import { allDeclarations, Declaration, EthicsDecl, ExcludeDecl, StudyFile } from '../model/ast';
import { keysOf } from '../model/keys';
import { Program } from '../model/program';
import { DocumentSymbol, WorkspaceSymbol } from './types';

/** The outline of `file`: a study with its members as children, or a fragment's declarations. Never throws. */
export function documentSymbols(file: StudyFile): DocumentSymbol[] {
  try {
    const study = file.study;
    const top = file.declarations.map(declarationSymbol);
    if (!study) return top;
    const children = [...study.declarations.map(declarationSymbol), ...study.excludes.map(excludeSymbol), ...study.ethics.map(ethicsSymbol)];
    children.sort((a, b) => comparePositions(a.range.start, b.range.start));
    return [symbol(study.name.text || 'study', 'study', study.range, study.name.text ? study.name.range : study.keywordRange, firstLine(study.label?.text), children), ...top];
  } catch {
    return [];
  }
}

function firstLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.split('\n')[0].trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Keeps the selection range inside the range, as LSP requires, even for recovered nodes. */
function symbol(name: string, kind: DocumentSymbol['kind'], range: Range, selectionRange: Range, detail: string | undefined, children: DocumentSymbol[] = []): DocumentSymbol {
  const start = comparePositions(selectionRange.start, range.start) < 0 ? selectionRange.start : range.start;
  const end = comparePositions(selectionRange.end, range.end) > 0 ? selectionRange.end : range.end;
  const result: DocumentSymbol = { name, kind, range: { start, end }, selectionRange, children };
  if (detail) result.detail = detail;
  return result;
}

function declarationSymbol(declaration: Declaration): DocumentSymbol {
  const named = declaration.name.text !== '';
  const children = declaration.kind === 'service' ? declaration.touchpoints.map(declarationSymbol) : [];
  return symbol(
    named ? declaration.name.text : `(unnamed ${declaration.kind})`,
    declaration.kind,
    declaration.range,
    named ? declaration.name.range : declaration.keywordRange,
    firstLine(declaration.label?.text),
    children,
  );
}

function excludeSymbol(exclude: ExcludeDecl): DocumentSymbol {
  return symbol(exclude.ref?.path || 'exclude', 'exclude', exclude.range, exclude.ref?.range ?? exclude.keywordRange, firstLine(exclude.rationale?.text));
}

function ethicsSymbol(ethics: EthicsDecl): DocumentSymbol {
  const classification = keysOf(ethics).$property.classification?.values[0];
  return symbol('ethics', 'ethics', ethics.range, ethics.keywordRange, classification?.kind === 'ref' ? classification.path : undefined);
}

/**
 * How well `query` matches `name` as a case-insensitive subsequence: undefined for no match,
 * otherwise lower is better (a prefix beats a match inside, consecutive letters beat gaps).
 */
export function fuzzyScore(query: string, name: string): number | undefined {
  if (query === '') return 0;
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const found = n.indexOf(ch, at + 1);
    if (found === -1) return undefined;
    const boundary = found === 0 || n[found - 1] === '_';
    score += found === at + 1 ? 0 : boundary ? 1 : 2 + (found - at - 1);
    at = found;
  }
  if (!n.startsWith(q[0])) score += 3;
  return score;
}

const WORKSPACE_LIMIT = 500;

/**
 * Named declarations (and studies) in `files` whose names match `query` (a fuzzy subsequence;
 * empty matches everything), best first. The container is the service for a touchpoint, the
 * study for its members, and the file name for a fragment's declarations. Never throws.
 */
export function workspaceSymbols(program: Program, files: string[], query: string): WorkspaceSymbol[] {
  const scored: { symbol: WorkspaceSymbol; score: number }[] = [];
  try {
    for (const filePath of files) {
      const file = program.file(filePath);
      if (!file) continue;
      const consider = (name: string, kind: WorkspaceSymbol['kind'], range: Range, containerName: string | undefined): void => {
        const score = fuzzyScore(query, name);
        if (score === undefined || !name) return;
        const symbol: WorkspaceSymbol = { name, kind, location: { file: file.path, range } };
        if (containerName) symbol.containerName = containerName;
        scored.push({ symbol, score });
      };
      const study = file.study;
      if (study) consider(study.name.text, 'study', study.name.range, undefined);
      const container = study?.name.text ?? path.basename(file.path);
      for (const declaration of [...allDeclarations(study?.declarations ?? []), ...allDeclarations(file.declarations)]) {
        const owner = declaration.kind === 'touchpoint' && declaration.service ? declaration.service.name.text : container;
        consider(declaration.name.text, declaration.kind, declaration.name.range, owner);
      }
    }
  } catch {
    // return what was found
  }
  scored.sort((a, b) => a.score - b.score || a.symbol.name.length - b.symbol.name.length || a.symbol.name.localeCompare(b.symbol.name));
  return scored.slice(0, WORKSPACE_LIMIT).map((s) => s.symbol);
}
