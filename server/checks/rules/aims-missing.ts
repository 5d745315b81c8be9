import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const AIMS = '  aims: "Find out who the clinic reaches"\n';
const NO_AIMS = variant(AIMS, '');
export const AIMS_PLACEHOLDER = 'TODO: what the evaluation sets out to learn';

export const aimsMissing: Rule = {
  id: 'aims-missing',
  severity: 'warning',
  summary: 'The study has no `aims`.',
  docs: 'A protocol opens with what the evaluation sets out to learn; an ethics committee and the information sheets ("What is the study for?") need it. Write it in a sentence or two as `aims:`. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('aims', AIMS_PLACEHOLDER),
  check({ model, report }) {
    const study = model.study;
    if (study) reportUnanswered(report, study, study.name.range, 'aims', 'The study does not say what it sets out to learn: add aims:');
  },
  cases: {
    valid: [{ name: 'aims given', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'no aims',
        code: variant('study clinic', 'study [[clinic]]', NO_AIMS),
        messages: ['add aims:'],
        output: { "Add 'aims:' to fill in": variant('"Evaluating a booking app" {\n', `"Evaluating a booking app" {\n  aims: "${AIMS_PLACEHOLDER}"\n`, NO_AIMS) },
      },
      { name: 'placeholder left in place', code: variant(AIMS, `  aims: [["${AIMS_PLACEHOLDER}"]]\n`), messages: ['still holds a placeholder'] },
    ],
  },
};
