/**
 * Folding ranges: blocks, text blocks, runs of comments, the imports, and `// #region` …
 * `// #endregion` pairs.
 */
import { linesOf } from '../common/lines';
import { allDeclarations, StringValue, StudyFile } from '../model/ast';
import { blocksInFile } from './locate';
import { FoldingRange } from './types';

/** As language-configuration.json's folding markers: `// #region` or `// region`. */
const REGION_START = /^\/\/\s*#?region\b/;
const REGION_END = /^\/\/\s*#?endregion\b/;

/** The folding ranges of `file`, sorted by start line, at most one per start line. Never throws. */
export function foldingRanges(file: StudyFile): FoldingRange[] {
  try {
    return collectRanges(file);
  } catch {
    return [];
  }
}

function collectRanges(file: StudyFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRange['kind']): void => {
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  const texts: StringValue[] = [];
  for (const { node } of blocksInFile(file)) {
    if (node.bodyRange) add(node.bodyRange.start.line, node.bodyRange.end.line - 1);
    for (const property of node.properties) for (const value of property.values) if (value.kind === 'string') texts.push(value);
  }
  const declarations = [...allDeclarations(file.study?.declarations ?? []), ...allDeclarations(file.declarations)];
  for (const declaration of declarations) if (declaration.label) texts.push(declaration.label);
  if (file.study?.label) texts.push(file.study.label);
  for (const exclude of file.study?.excludes ?? []) if (exclude.rationale) texts.push(exclude.rationale);
  for (const text of texts) if (text.form === 'text') add(text.range.start.line, text.range.end.line - 1);

  const imports = file.imports;
  if (imports.length > 1) add(imports[0].range.start.line, imports[imports.length - 1].range.end.line, 'imports');

  const lines = linesOf(file);
  const ownLine = (line: number, character: number): boolean => file.text.slice(lines.offsetAt({ line, character: 0 }), lines.offsetAt({ line, character })).trim() === '';
  const regions: number[] = [];
  let run: { start: number; end: number } | undefined;
  const endRun = (): void => {
    if (run) add(run.start, run.end, 'comment');
    run = undefined;
  };
  for (const comment of file.comments) {
    const { start, end } = comment.range;
    if (comment.block) {
      endRun();
      add(start.line, end.line, 'comment');
      continue;
    }
    if (REGION_START.test(comment.text)) {
      endRun();
      regions.push(start.line);
      continue;
    }
    if (REGION_END.test(comment.text)) {
      endRun();
      const open = regions.pop();
      if (open !== undefined) add(open, start.line, 'region');
      continue;
    }
    if (!ownLine(start.line, start.character)) {
      endRun();
      continue;
    }
    if (run && run.end === start.line - 1) run.end = start.line;
    else {
      endRun();
      run = { start: start.line, end: start.line };
    }
  }
  endRun();

  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return ranges.filter((range, index) => index === 0 || ranges[index - 1].startLine !== range.startLine);
}
