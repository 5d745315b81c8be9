import { ReferenceProblemRule } from '../model/model';
import { RuleContext } from './rule';

/** Reports the problems `link.ts` found at reference sites for one rule. */
export function reportReferenceProblems(rule: ReferenceProblemRule) {
  return ({ model, report }: RuleContext): void => {
    for (const site of model.references) {
      const problem = site.problem;
      if (!problem || problem.rule !== rule) continue;
      report({ file: site.file, range: problem.range, message: problem.message, suggestions: problem.suggestions, data: { replaceRange: problem.replaceRange } });
    }
  };
}
