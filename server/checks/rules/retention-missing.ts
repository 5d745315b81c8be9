import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const RETENTION = '    retention: "Five years"\n';
const NO_RETENTION = variant(RETENTION, '');
export const RETENTION_PLACEHOLDER = 'TODO: how long the data are kept, and how they are destroyed';

export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'warning',
  summary: 'Data are collected and `ethics` has no `retention`.',
  docs: 'Say how long the data are kept and how they are destroyed. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('retention', RETENTION_PLACEHOLDER),
  check({ model, report }) {
    const ethics = model.study?.ethics[0];
    if (!ethics || model.methods.length === 0) return;
    reportUnanswered(report, ethics, ethics.keywordRange, 'retention', 'Data are collected, but the ethics block does not say how long they are kept: add retention:');
  },
  cases: {
    valid: [
      { name: 'retention given', code: CLEAN_STUDY },
      { name: 'an answer that mentions TODO later on', code: variant(RETENTION, '    retention: "Five years, then destroyed (see the TODO list of the data team)"\n') },
    ],
    invalid: [
      {
        name: 'no retention',
        code: variant('  ethics {', '  [[ethics]] {', NO_RETENTION),
        messages: ['add retention:'],
        output: { "Add 'retention:' to fill in": variant('  ethics {\n', `  ethics {\n    retention: "${RETENTION_PLACEHOLDER}"\n`, NO_RETENTION) },
      },
      { name: 'placeholder left in place', code: variant(RETENTION, `    retention: [["${RETENTION_PLACEHOLDER}"]]\n`), messages: ['still holds a placeholder'] },
      { name: 'the bare TODO the ethics-missing fix inserts', code: variant(RETENTION, '    retention: [["TODO"]]\n'), messages: ['still holds a placeholder'] },
    ],
  },
};
