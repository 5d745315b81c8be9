import { keysOf } from '../../model/keys';
import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const INVOLVEMENT = '    public_involvement: "A patient panel reviewed the topic guide"\n';
const NO_INVOLVEMENT = variant(INVOLVEMENT, '');
/** A service evaluation without involvement: reported as information (test/fieldwork.test.ts). */
export const EVALUATION_WITHOUT_INVOLVEMENT = variant('  ethics {\n', '  ethics {\n    classification: service_evaluation\n', NO_INVOLVEMENT);
export const INVOLVEMENT_PLACEHOLDER = 'TODO: how patients and the public shape the study';

export const publicInvolvementMissing: Rule = {
  id: 'public-involvement-missing',
  severity: 'warning',
  summary: '`classification: research` and `ethics` has no `public_involvement` (information for other classifications).',
  docs: 'Research funders, the HRA and SPIRIT 2025 expect patients and the public to be involved in designing, running and reporting research: say how in `public_involvement:`. For a service evaluation or an audit it is good practice, so the finding is information only. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('public_involvement', INVOLVEMENT_PLACEHOLDER),
  check({ model, report }) {
    const ethics = model.study?.ethics[0];
    if (!ethics) return;
    const research = keysOf(ethics).classification === 'research';
    reportUnanswered(
      report,
      ethics,
      ethics.keywordRange,
      'public_involvement',
      `The ethics block does not say how patients and the public are involved${research ? ' in this research' : ''}: add public_involvement:`,
      research ? undefined : 'information',
    );
  },
  cases: {
    valid: [{ name: 'involvement described', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'research without involvement',
        code: variant('  ethics {\n', '  [[ethics]] {\n    classification: research\n', NO_INVOLVEMENT),
        messages: ['involved in this research'],
        output: { "Add 'public_involvement:' to fill in": variant('  ethics {\n', `  ethics {\n    public_involvement: "${INVOLVEMENT_PLACEHOLDER}"\n    classification: research\n`, NO_INVOLVEMENT) },
      },
      {
        name: 'placeholder left in place',
        code: variant(INVOLVEMENT, `    classification: research\n    public_involvement: [["${INVOLVEMENT_PLACEHOLDER}"]]\n`),
        messages: ['still holds a placeholder'],
      },
    ],
  },
};
