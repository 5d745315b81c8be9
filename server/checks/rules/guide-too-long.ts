import { guidedMethods, guidePlan, guidePlans, hasDuration, PACE } from '../../model/guidePlan';
import { fixOf, rangeWithin } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

/** Sets the method's duration to what the core needs. */
function lengthen({ finding, model }: FixContext): QuickFix[] {
  for (const plan of guidePlans(model).values()) {
    if (!plan.durationRange || plan.method.file !== finding.file || !rangeWithin(finding.range, plan.durationRange)) continue;
    return [fixOf(`Set duration to ${plan.coreMinutes} minutes`, plan.method.file, [{ range: plan.durationRange, newText: String(plan.coreMinutes) }])];
  }
  return [];
}

const TIMED = variant('    recording: audio\n', '    recording: audio\n    duration: 45\n');

export const guideTooLong: Rule = {
  id: 'guide-too-long',
  severity: 'warning',
  summary: "The core prompts of an interview or focus-group guide cannot fit in the method's `duration`.",
  docs: `The guide budgets its time at the pace it states: about ${PACE.openingQuestion} minutes for each section's opening question and ${PACE.prompt} for each core prompt (the first per construct), half as long again in a focus group, after the introduction, warm-up and closing. Leave a question out of this method, ask it of another group, or plan a longer interview.`,
  scope: 'study',
  fix: lengthen,
  check({ model, report }) {
    for (const method of guidedMethods(model)) {
      // only a guide with a duration has a budget: the others are not planned
      if (!hasDuration(method)) continue;
      const plan = guidePlan(model, method);
      if (plan.duration === undefined || !plan.durationRange || plan.coreMinutes <= plan.duration) continue;
      const sections = plan.sections.length;
      report({
        file: plan.method.file,
        range: plan.durationRange,
        message: `The core of '${plan.method.name.text}' (${sections} section${sections === 1 ? '' : 's'}, their opening questions and first prompt per construct) needs about ${plan.coreMinutes} minutes, more than its ${plan.duration}`,
      });
    }
  },
  cases: {
    valid: [
      { name: 'fits', code: TIMED },
      { name: 'no duration, no budget', code: CLEAN_STUDY },
    ],
    invalid: [
      {
        name: 'too short',
        code: TIMED.replace('duration: 45', 'duration: [[10]]'),
        messages: ['needs about 19 minutes, more than its 10'],
        output: { 'Set duration to 19 minutes': TIMED.replace('duration: 45', 'duration: 19') },
      },
    ],
  },
};
