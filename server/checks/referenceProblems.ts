import { Declaration } from '../model/ast';
import { ReferenceProblemRule, ReferenceSite, StudyModel } from '../model/model';
import { RuleContext } from './rule';

/** What several rules look for among a model's reference sites, found in one walk over them. */
export interface ReferenceIndex {
  /** sites with a problem, by the rule that reports it */
  problems: Map<ReferenceProblemRule, ReferenceSite[]>;
  /** sites naming a construct, framework part or framework, without a problem */
  constructs: ReferenceSite[];
  /** every declaration some site resolves to */
  referenced: Set<Declaration | undefined>;
}

const indexes = new WeakMap<StudyModel, ReferenceIndex>();

/** The reference index of a model, made once (a model does not change after linking). */
export function referenceIndex(model: StudyModel): ReferenceIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { problems: new Map(), constructs: [], referenced: new Set() };
  const sites = model.references;
  // an indexed loop: it runs over every reference, and a for…of allocates in the lower tiers
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    index.referenced.add(site.declaration);
    const problem = site.problem;
    if (problem) {
      const list = index.problems.get(problem.rule);
      if (list) list.push(site);
      else index.problems.set(problem.rule, [site]);
    } else if (site.framework) index.constructs.push(site);
  }
  indexes.set(model, index);
  return index;
}

/** Reports the problems `link.ts` found at reference sites for one rule. */
export function reportReferenceProblems(rule: ReferenceProblemRule) {
  return ({ model, report }: RuleContext): void => {
    for (const site of referenceIndex(model).problems.get(rule) ?? []) {
      const problem = site.problem!;
      report({ file: site.file, range: problem.range, message: problem.message, suggestions: problem.suggestions, data: { replaceRange: problem.replaceRange } });
    }
  };
}
