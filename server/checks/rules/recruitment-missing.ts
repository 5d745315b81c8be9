import { recruitingMethods } from '../../model/analysis';
import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const RECRUITMENT = '    recruitment: "Clinic staff hand out invitations"\n';
const NO_RECRUITMENT = variant(RECRUITMENT, '');
export const RECRUITMENT_PLACEHOLDER = 'TODO: how participants are identified and approached, and by whom';

export const recruitmentMissing: Rule = {
  id: 'recruitment-missing',
  severity: 'warning',
  summary: 'A method with participants has no `recruitment`.',
  docs: 'Say how participants are identified and approached, and by whom (for example, "Care coordinators give an information sheet to people who have used the tool"). An ethics committee checks that nobody feels pressed to take part. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('recruitment', RECRUITMENT_PLACEHOLDER),
  check({ model, report }) {
    for (const method of recruitingMethods(model)) {
      reportUnanswered(report, method, method.name.range, 'recruitment', `Method '${method.name.text}' recruits participants but does not say how: add recruitment:`);
    }
  },
  cases: {
    valid: [{ name: 'recruitment given', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'no recruitment',
        code: variant('method talks', 'method [[talks]]', NO_RECRUITMENT),
        messages: ['add recruitment:'],
        output: { "Add 'recruitment:' to fill in": variant('"Interviews" {\n', `"Interviews" {\n    recruitment: "${RECRUITMENT_PLACEHOLDER}"\n`, NO_RECRUITMENT) },
      },
      { name: 'placeholder left in place', code: variant(RECRUITMENT, `    recruitment: [["${RECRUITMENT_PLACEHOLDER}"]]\n`), messages: ['still holds a placeholder'] },
    ],
  },
};
