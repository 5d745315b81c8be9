import { keysOf } from '../../model/keys';
import { appendToList } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { referenceIndex } from '../referenceProblems';
import { FixContext, QuickFix, Rule } from '../rule';

/** The construct's framework appended to `frameworks:`. */
function selectFramework({ finding, model }: FixContext): QuickFix[] {
  const frameworkId = finding.data?.construct?.split('.')[0];
  if (!frameworkId || !model.study) return [];
  return appendToList(`Add ${frameworkId} to frameworks:`, model.study.file, keysOf(model.study).$property.frameworks, frameworkId, true);
}

export const frameworkNotSelected: Rule = {
  id: 'framework-not-selected',
  severity: 'warning',
  summary: 'A question or touchpoint uses a construct of a framework the study does not select.',
  docs: 'Add the framework (or the part you use) to `frameworks:`, so that the protocol cites it and coverage is checked.',
  scope: 'study',
  fix: selectFramework,
  check({ model, report }) {
    if (!model.study) return;
    for (const site of referenceIndex(model).constructs) {
      if (site.expects !== 'construct' || site.key === 'exclude' || site.problem || !site.framework) continue;
      if (model.selectedFrameworks.has(site.framework)) continue;
      report({
        file: site.file,
        range: site.value.segments[0].range,
        message: `'${site.value.path}' belongs to ${site.framework.name} (${site.framework.id}), which the study does not select in frameworks:`,
        data: { construct: site.value.path },
      });
    }
  },
  cases: {
    valid: [{ name: 'a selected framework', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'an unselected framework',
        code: variant('constructs: reaim.reach', 'constructs: reaim.reach, [[proctor]].feasibility'),
        messages: ['does not select'],
        output: {
          'Add proctor to frameworks:': variant('constructs: reaim.reach', 'constructs: reaim.reach, proctor.feasibility').replace('frameworks: reaim.reach', 'frameworks: reaim.reach, proctor'),
        },
      },
    ],
  },
};
