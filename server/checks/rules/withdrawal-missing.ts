import { recruitingMethods } from '../../model/analysis';
import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const WITHDRAWAL = '    withdrawal: "Until two weeks after the interview"\n';
const NO_WITHDRAWAL = variant(WITHDRAWAL, '');
export const WITHDRAWAL_PLACEHOLDER = 'TODO: how, and until when, participants can withdraw their data';

export const withdrawalMissing: Rule = {
  id: 'withdrawal-missing',
  severity: 'warning',
  summary: 'Participants are recruited and `ethics` has no `withdrawal`.',
  docs: 'Say how participants withdraw and until when their data can be taken out (for example, "Until transcripts are anonymised, four weeks after the interview"). The information sheet and the consent form quote it. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('withdrawal', WITHDRAWAL_PLACEHOLDER),
  check({ model, report }) {
    const ethics = model.study?.ethics[0];
    if (!ethics || recruitingMethods(model).length === 0) return;
    reportUnanswered(report, ethics, ethics.keywordRange, 'withdrawal', 'Participants are recruited, but the ethics block does not say how they can withdraw: add withdrawal:');
  },
  cases: {
    valid: [
      { name: 'withdrawal given', code: CLEAN_STUDY },
      { name: 'no participants', code: variant('method talks: interview "Interviews" {\n    participants: patient, nurse\n', 'method talks: record_review "Case notes" {\n', NO_WITHDRAWAL) },
    ],
    invalid: [
      {
        name: 'no withdrawal',
        code: variant('  ethics {', '  [[ethics]] {', NO_WITHDRAWAL),
        messages: ['add withdrawal:'],
        output: { "Add 'withdrawal:' to fill in": variant('  ethics {\n', `  ethics {\n    withdrawal: "${WITHDRAWAL_PLACEHOLDER}"\n`, NO_WITHDRAWAL) },
      },
      { name: 'placeholder left in place', code: variant(WITHDRAWAL, `    withdrawal: [["${WITHDRAWAL_PLACEHOLDER}"]]\n`), messages: ['still holds a placeholder'] },
    ],
  },
};
