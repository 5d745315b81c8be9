import * as path from 'path';
import { NameIndex, nameIndex, nearestNames, nearestNamesIn } from '../common/nearest';
import { FrameworkCatalog } from '../frameworks/catalog';
import { Construct, constructAt, Framework } from '../frameworks/types';
import { BLOCK_NAMES, Declaration, DeclarationKind, ExcludeDecl, RefValue, StudyDecl, StudyFile } from './ast';
import { FrameworkSelection, ImportProblem, ReferenceProblem, ReferenceSite, StudyModel } from './model';
import { propertySpecsOf } from './schema';

function kindList(kinds: readonly DeclarationKind[]): string {
  const names = kinds.map((k) => BLOCK_NAMES[k]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export interface LinkInput {
  root: StudyFile;
  files: StudyFile[];
  importProblems: ImportProblem[];
  catalog: FrameworkCatalog;
  /** frameworks from extra folders (settings, .studyspec.json) */
  folderFrameworks: Map<string, Framework>;
}

/** Builds the symbol table of a study and its imports, and resolves every reference. */
export function link(input: LinkInput): StudyModel {
  const { root, files } = input;
  const study = root.study;
  const declarations: Declaration[] = [];
  // the study's own declarations first, then fragments in import order
  // pushed one by one: spreading tens of thousands of declarations into push() can overflow the stack
  if (study) collectDeclarations(study.declarations, declarations);
  for (const file of files) collectDeclarations(file.declarations, declarations);

  const model: StudyModel = {
    root,
    study,
    files,
    declarations,
    actors: [],
    tools: [],
    services: [],
    touchpoints: [],
    questions: [],
    methods: [],
    excludes: study?.excludes ?? [],
    ethics: study?.ethics[0],
    symbols: new Map(),
    references: [],
    referenceByValue: new Map(),
    selections: [],
    importProblems: input.importProblems,
    frameworks: new Map(),
    selectedFrameworks: new Set(),
  };
  for (let i = 0; i < declarations.length; i++) {
    const declaration = declarations[i];
    switch (declaration.kind) {
      case 'actor':
        model.actors.push(declaration);
        break;
      case 'tool':
        model.tools.push(declaration);
        break;
      case 'service':
        model.services.push(declaration);
        break;
      case 'touchpoint':
        model.touchpoints.push(declaration);
        break;
      case 'question':
        model.questions.push(declaration);
        break;
      case 'method':
        model.methods.push(declaration);
        break;
    }
    if (!declaration.name.text) continue;
    const list = model.symbols.get(declaration.name.text);
    if (list) list.push(declaration);
    else model.symbols.set(declaration.name.text, [declaration]);
  }

  for (const [id, framework] of input.catalog.builtins()) model.frameworks.set(id, framework);
  for (const [id, framework] of input.folderFrameworks) if (!model.frameworks.has(id)) model.frameworks.set(id, framework);
  if (study) selectFrameworks(model, study, input.catalog);

  const linker = new ReferenceLinker(model);
  if (study) {
    linker.linkProperties(study, 'study');
    for (const exclude of study.excludes) linker.linkExclude(exclude);
  }
  for (let i = 0; i < declarations.length; i++) linker.linkProperties(declarations[i], declarations[i].kind);
  for (const ethics of study?.ethics ?? []) linker.linkProperties(ethics, 'ethics');
  return model;
}

/** Every declaration of a list, each service followed by its touchpoints (as allDeclarations gives them, without a generator). */
function collectDeclarations(list: Declaration[], into: Declaration[]): void {
  for (let i = 0; i < list.length; i++) {
    const declaration = list[i];
    into.push(declaration);
    if (declaration.kind === 'service') for (let j = 0; j < declaration.touchpoints.length; j++) into.push(declaration.touchpoints[j]);
  }
}

function selectFrameworks(model: StudyModel, study: StudyDecl, catalog: FrameworkCatalog): void {
  for (const property of study.properties) {
    if (property.key.text !== 'frameworks') continue;
    for (const value of property.values) {
      if (value.kind === 'string') {
        const file = path.resolve(path.dirname(study.file), value.text);
        const load = catalog.load(file);
        const selection: FrameworkSelection = { file: study.file, pathValue: value, load };
        if (load.status === 'ok') {
          selection.framework = load.framework;
          // a file named by path is used even when its id is taken (invalid-framework warns)
          const replaced = model.frameworks.get(load.framework.id);
          if (replaced && replaced !== load.framework) selection.replaces = replaced;
          model.frameworks.set(load.framework.id, load.framework);
        }
        model.selections.push(selection);
      } else if (value.kind === 'ref') {
        model.selections.push({ file: study.file, ref: value });
      }
    }
  }
  // refs are resolved after every file is loaded, so `trust_ai.transparency` may follow `"./trust.json"`
  for (const selection of model.selections) {
    if (!selection.ref) continue;
    const framework = model.frameworks.get(selection.ref.segments[0].text);
    if (!framework) continue;
    selection.framework = framework;
    if (selection.ref.segments.length > 1)
      selection.construct = constructAt(
        framework,
        selection.ref.segments
          .slice(1)
          .map((s) => s.text)
          .join('.'),
      )?.construct;
  }
  for (const selection of model.selections) if (selection.framework) model.selectedFrameworks.add(selection.framework);
}

class ReferenceLinker {
  /** names of the declarations of some kinds, and suggestions already worked out: a study with many misspelt references asks the same questions */
  private readonly namesByKinds = new Map<string, NameIndex>();
  private readonly suggestionCache = new Map<string, string[]>();

  constructor(private readonly model: StudyModel) {}

  linkProperties(owner: Declaration | StudyDecl | { kind: 'ethics'; properties: StudyDecl['properties']; file: string }, block: 'study' | DeclarationKind | 'ethics'): void {
    const specs = propertySpecsOf(block);
    const properties = owner.properties;
    for (let i = 0; i < properties.length; i++) {
      const property = properties[i];
      const spec = specs.get(property.key.text);
      if (!spec) continue;
      const type = spec.value.type;
      if (type !== 'ref' && type !== 'construct' && type !== 'framework') continue;
      const values = property.values;
      for (let j = 0; j < values.length; j++) {
        const value = values[j];
        if (value.kind !== 'ref') continue;
        if (spec.value.type === 'ref') this.linkDeclaration(owner as Declaration, property.key.text, value, spec.value.kinds);
        else if (type === 'construct') this.linkConstruct(owner as Declaration, property.key.text, value);
        else this.linkSelection(owner as StudyDecl, value);
      }
    }
  }

  linkExclude(exclude: ExcludeDecl): void {
    if (exclude.ref) this.linkConstruct(exclude, 'exclude', exclude.ref, true);
  }

  private add(site: ReferenceSite): void {
    this.model.references.push(site);
    this.model.referenceByValue.set(site.value, site);
  }

  private linkDeclaration(owner: Declaration, key: string, value: RefValue, kinds: readonly DeclarationKind[]): void {
    if (value.segments.length === 1) {
      // the usual case, a name of the right kind: the site is made whole at once
      const candidates = this.model.symbols.get(value.path);
      if (candidates) {
        for (let i = 0; i < candidates.length; i++) {
          if (kinds.includes(candidates[i].kind)) {
            this.add({ value, file: owner.file, owner, key, expects: 'declaration', kinds, declaration: candidates[i] });
            return;
          }
        }
      }
    }
    const site: ReferenceSite = { value, file: owner.file, owner, key, expects: 'declaration', kinds };
    this.add(site);
    if (value.segments.length > 1) {
      site.problem = {
        rule: 'unknown-reference',
        message: `'${value.path}' is not a name: ${key} takes ${kindList(kinds)}, written without dots`,
        range: value.range,
        suggestions: this.suggestDeclarations(value.segments[value.segments.length - 1].text, kinds),
        replaceRange: value.range,
      };
      return;
    }
    const name = value.segments[0].text;
    // none of the declarations of this name (if any) is of a kind the key takes
    const candidates = this.model.symbols.get(name) ?? [];
    if (candidates.length > 0) {
      site.declaration = candidates[0];
      site.problem = {
        rule: 'wrong-kind',
        message: `'${name}' is ${BLOCK_NAMES[candidates[0].kind]}, but ${key} takes ${kindList(kinds)}`,
        range: value.range,
        suggestions: this.suggestDeclarations(name, kinds),
        replaceRange: value.range,
      };
      return;
    }
    const suggestions = this.suggestDeclarations(name, kinds);
    site.problem = {
      rule: 'unknown-reference',
      message: `No ${BLOCK_NAMES[kinds[0]].replace(/^an? /, '')}${kinds.length > 1 ? ` or ${kinds.slice(1).join(' or ')}` : ''} named '${name}'${suggestions.length ? `; did you mean '${suggestions[0]}'?` : ''}`,
      range: value.range,
      suggestions,
      replaceRange: value.range,
    };
  }

  private suggestDeclarations(name: string, kinds: readonly DeclarationKind[]): string[] {
    const kindsKey = kinds.join(',');
    const key = `${kindsKey}\0${name}`;
    const cached = this.suggestionCache.get(key);
    if (cached) return [...cached];
    let names = this.namesByKinds.get(kindsKey);
    if (!names) {
      const list: string[] = [];
      for (const declaration of this.model.declarations) if (kinds.includes(declaration.kind) && declaration.name.text) list.push(declaration.name.text);
      this.namesByKinds.set(kindsKey, (names = nameIndex(list)));
    }
    const suggestions = nearestNamesIn(name, names);
    this.suggestionCache.set(key, suggestions);
    return [...suggestions];
  }

  private linkSelection(study: StudyDecl, value: RefValue): void {
    const site: ReferenceSite = { value, file: study.file, owner: study, key: 'frameworks', expects: 'framework' };
    this.add(site);
    const framework = this.model.frameworks.get(value.segments[0].text);
    if (!framework) {
      const suggestions = nearestNames(value.segments[0].text, this.model.frameworks.keys());
      site.problem = {
        rule: 'unknown-framework',
        message: `No framework '${value.segments[0].text}': use a built-in id (${[...this.model.frameworks.keys()].join(', ')}) or a path to your own JSON file in quotes`,
        range: value.segments[0].range,
        suggestions,
        replaceRange: value.segments[0].range,
      };
      return;
    }
    site.framework = framework;
    if (value.segments.length > 1) this.resolvePath(site, framework, value);
  }

  private linkConstruct(owner: Declaration | ExcludeDecl, key: string, value: RefValue, allowFramework = false): void {
    const site: ReferenceSite = { value, file: owner.file, owner, key, expects: 'construct' };
    this.add(site);
    const first = value.segments[0];
    const framework = this.model.frameworks.get(first.text);
    if (!framework) {
      const suggestions = nearestNames(first.text, this.model.frameworks.keys());
      site.problem = {
        rule: 'unknown-construct',
        message: `'${value.path}' does not name a construct: no framework '${first.text}'${suggestions.length ? `; did you mean '${suggestions[0]}'?` : ''}`,
        range: first.range,
        suggestions,
        replaceRange: first.range,
      };
      return;
    }
    site.framework = framework;
    if (value.segments.length === 1) {
      if (!allowFramework) {
        site.problem = {
          rule: 'unknown-construct',
          message: `'${first.text}' is a whole framework; name one of its constructs, e.g. ${framework.constructs
            .slice(0, 2)
            .map((c) => c.path)
            .join(' or ')}`,
          range: first.range,
          suggestions: framework.constructs.map((c) => c.path).slice(0, 5),
          replaceRange: first.range,
        };
      }
      return;
    }
    this.resolvePath(site, framework, value);
  }

  /** Walks a dotted path below a framework, reporting the first segment that names nothing. */
  private resolvePath(site: ReferenceSite, framework: Framework, value: RefValue): void {
    let children: Construct[] = framework.constructs;
    let current: Construct | undefined;
    for (let i = 1; i < value.segments.length; i++) {
      const segment = value.segments[i];
      let next: Construct | undefined = children.find((c) => c.id === segment.text);
      const moved = next
        ? undefined
        : framework.byFormerPath.get(
            value.segments
              .slice(1, i + 1)
              .map((s) => s.text)
              .join('.'),
          );
      if (moved) {
        site.movedFrom = value.segments
          .slice(0, i + 1)
          .map((s) => s.text)
          .join('.');
        next = moved;
      }
      if (!next) {
        const aliasMatch = children.find((c) => c.aliases.includes(segment.text));
        const suggestions = aliasMatch ? [aliasMatch.id] : [];
        for (const name of nearestNames(segment.text, [...children.map((c) => c.id), ...children.flatMap((c) => c.aliases)], 5)) {
          const canonical = children.find((c) => c.id === name || c.aliases.includes(name))?.id;
          if (canonical && !suggestions.includes(canonical)) suggestions.push(canonical);
        }
        const prefix = value.segments
          .slice(0, i)
          .map((s) => s.text)
          .join('.');
        const within = current ? `${current.name} (${prefix})` : framework.name;
        site.problem = {
          rule: 'unknown-construct',
          message:
            children.length === 0
              ? `${within} has no constructs below it: '${segment.text}' does not exist`
              : `${within} has no construct '${segment.text}'${suggestions.length ? `; did you mean '${prefix}.${suggestions[0]}'?` : ''}`,
          range: segment.range,
          suggestions: suggestions.slice(0, 3),
          replaceRange: segment.range,
        };
        return;
      }
      current = next;
      children = next.children;
    }
    site.construct = current;
  }
}

export type { ReferenceProblem };
