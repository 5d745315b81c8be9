/**
 * Hover: what a name, construct, key, value or rule id means, in the study's own terms.
 */
import * as path from 'path';
import { codeSpan as code, escapeMarkdown as literal } from '../common/markdown';
import { Position, Range, rangeContains } from '../common/range';
import { Construct, constructAt, Framework } from '../frameworks/types';
import { computeCoverage, coverageSummary } from '../model/analysis';
import { allDeclarations, BlockKind, Declaration, ImportDecl, Property, StudyDecl, StudyFile, Value } from '../model/ast';
import { ReferenceSite, StudyModel } from '../model/model';
import { keysOf } from '../model/keys';
import { Program } from '../model/program';
import { propertySpec } from '../model/schema';
import { describeConstruct, describeDeclaration, describeFramework, describeKey, describeRule, KEYWORD_DOCS, valueDoc } from './assistDescribe';
import { locate } from './locate';
import { Hover } from './types';

/**
 * The hover at `position` in `file`, as markdown, or undefined when there is nothing to say.
 * `model` is linked in the right context (for a fragment, a study that imports it). Never throws.
 */
export function hover(program: Program, file: StudyFile, model: StudyModel | undefined, position: Position): Hover | undefined {
  try {
    return hoverAt(program, file, model, position);
  } catch {
    return undefined;
  }
}

function hoverAt(program: Program, file: StudyFile, model: StudyModel | undefined, position: Position): Hover | undefined {
  const located = locate(file, model, position);
  switch (located.kind) {
    case 'reference':
      return hoverReference(model, located.site, position);
    case 'declaration':
      return { contents: describeDeclaration(model, located.declaration), range: located.range };
    case 'study':
      return { contents: describeStudy(model, located.study), range: located.range };
    case 'propertyKey': {
      const spec = propertySpec(located.block, located.property.key.text);
      return spec ? { contents: describeKey(located.block, spec), range: located.range } : undefined;
    }
    case 'value':
      return hoverValue(model, located.block, located.property, located.value, located.range);
    case 'importPath':
      return hoverImport(program, file, located.decl, located.range);
    case 'suppressionRule':
      return { contents: describeRule(located.rule), range: located.range };
    case 'none':
      return hoverHeader(file, position);
  }
}

function coverageNote(model: StudyModel | undefined, construct: Construct): string | undefined {
  if (!model?.study) return undefined;
  const target = computeCoverage(model).find((t) => t.construct === construct);
  if (!target) return undefined;
  if (target.status === 'covered') return `Covered by: ${target.questions.map((q) => code(q.name.text)).join(', ')}`;
  if (target.status === 'excluded') return `Excluded: ${literal(target.exclusion?.rationale?.text ?? '')}`;
  return '**Not covered yet**: no question addresses it and it is not excluded.';
}

function frameworkNote(model: StudyModel | undefined, framework: Framework): string | undefined {
  if (!model?.study) return undefined;
  if (!model.selectedFrameworks.has(framework)) return `_Not selected by this study: add ${code(framework.id)} to \`frameworks:\` to use it._`;
  const summary = coverageSummary(model).find((s) => s.framework === framework);
  return summary ? `Coverage in this study: ${summary.covered} of ${summary.total} covered${summary.excluded ? `, ${summary.excluded} excluded` : ''}` : undefined;
}

function hoverReference(model: StudyModel | undefined, site: ReferenceSite, position: Position): Hover | undefined {
  const value = site.value;
  if (site.expects === 'declaration') {
    if (!site.declaration) return undefined;
    const wrong = site.problem?.rule === 'wrong-kind' ? `\n\n_${literal(site.problem.message)}_` : '';
    return { contents: describeDeclaration(model, site.declaration) + wrong, range: value.range };
  }
  const framework = site.framework;
  if (!framework) return undefined;
  const index = Math.max(
    0,
    value.segments.findIndex((s) => rangeContains(s.range, position)),
  );
  const range: Range = { start: value.segments[0].range.start, end: value.segments[index].range.end };
  if (index === 0) return { contents: joinParts(describeFramework(framework), frameworkNote(model, framework)), range };
  const found = constructAt(
    framework,
    value.segments
      .slice(1, index + 1)
      .map((s) => s.text)
      .join('.'),
  );
  if (!found) return undefined;
  const { construct, moved } = found;
  const movedNote = moved ? `_${code(moved)} has moved: it is now ${code(construct.path)}._` : undefined;
  return { contents: joinParts(movedNote, describeConstruct(construct), coverageNote(model, construct)), range };
}

function joinParts(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join('\n\n');
}

function describeStudy(model: StudyModel | undefined, study: StudyDecl): string {
  const parts = [`**study** ${code(study.name.text)}${study.label ? ` — ${literal(study.label.text)}` : ''}`];
  const summary = keysOf(study).summary;
  if (summary !== undefined) parts.push(literal(summary.split(/\n\s*\n/)[0]));
  if (model) {
    const counts = [`${model.touchpoints.length} touchpoints`, `${model.questions.length} questions`, `${model.methods.length} methods`];
    parts.push(counts.join(' · '));
    const coverage = coverageSummary(model).map((s) => `- ${literal(s.framework.name)} (${code(s.framework.id)}): ${s.covered}/${s.total} covered${s.excluded ? `, ${s.excluded} excluded` : ''}`);
    if (coverage.length > 0) parts.push(`Coverage:\n${coverage.join('\n')}`);
  }
  return parts.join('\n\n');
}

function hoverValue(model: StudyModel | undefined, block: BlockKind, property: Property, value: Value, range: Range): Hover | undefined {
  const key = property.key.text;
  const spec = propertySpec(block, key);
  if (!spec) return undefined;
  if (value.kind === 'ref' && value.segments.length === 1 && spec.value.type === 'enum') {
    const doc = valueDoc(key, value.path);
    if (!spec.value.values.includes(value.path)) return undefined;
    return { contents: `**${literal(value.path)}** · ${code(key)}${doc ? `\n\n${doc}` : ''}`, range };
  }
  if (value.kind === 'string' && spec.value.type === 'framework' && model) {
    const selection = model.selections.find((s) => s.pathValue === value);
    if (selection?.framework) return { contents: joinParts(describeFramework(selection.framework), `From ${code(selection.framework.file)}`), range };
  }
  return undefined;
}

function hoverImport(program: Program, file: StudyFile, decl: ImportDecl, range: Range): Hover | undefined {
  if (!decl.path) return undefined;
  const target = path.resolve(path.dirname(file.path), decl.path.text);
  const imported = program.file(target);
  if (!imported) return { contents: `Cannot read ${code(target)}`, range };
  if (imported.study) return { contents: `${code(target)} is a study; only fragments can be imported`, range };
  const counts = new Map<string, number>();
  for (const declaration of allDeclarations(imported.declarations)) counts.set(declaration.kind, (counts.get(declaration.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`).join(', ');
  return { contents: `**Fragment** ${code(target)}\n\n${summary || 'No declarations yet.'}`, range };
}

/** The role after `actor x:`, the kind after `method m:`, and header keywords. */
function hoverHeader(file: StudyFile, position: Position): Hover | undefined {
  const declarations: (Declaration | { kind: 'exclude' | 'ethics' | 'study'; keywordRange: Range })[] = [...allDeclarations(file.study?.declarations ?? []), ...allDeclarations(file.declarations)];
  if (file.study) declarations.push(file.study, ...file.study.excludes, ...file.study.ethics);
  for (const declaration of declarations) {
    if (declaration.kind === 'actor' && declaration.role && rangeContains(declaration.role.range, position)) {
      return { contents: `**${literal(declaration.role.text)}** · role of ${code(declaration.name.text)}${roleDoc(declaration.role.text)}`, range: declaration.role.range };
    }
    if (declaration.kind === 'method' && declaration.methodKind && rangeContains(declaration.methodKind.range, position)) {
      const doc = valueDoc('methodKind', declaration.methodKind.text);
      return { contents: `**${literal(declaration.methodKind.text)}** · kind of method ${code(declaration.name.text)}${doc ? `\n\n${doc}` : ''}`, range: declaration.methodKind.range };
    }
    if (rangeContains(declaration.keywordRange, position) && KEYWORD_DOCS[declaration.kind]) {
      return { contents: `**${declaration.kind}**\n\n${KEYWORD_DOCS[declaration.kind]}`, range: declaration.keywordRange };
    }
  }
  return undefined;
}

function roleDoc(role: string): string {
  const doc = valueDoc('role', role);
  return doc ? `\n\n${doc}` : '\n\n_Not a role: use service_user, carer, staff or manager._';
}
