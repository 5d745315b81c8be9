import { ethicsHas } from '../../model/analysis';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'warning',
  summary: 'Data are collected and `ethics` has no `retention`.',
  docs: 'Say how long the data are kept and how they are destroyed.',
  scope: 'study',
  check({ model, report }) {
    const range = model.study?.ethics[0]?.keywordRange;
    if (!range || model.methods.length === 0 || ethicsHas(model, 'retention')) return;
    report({ file: model.study!.ethics[0].file, range, message: 'Data are collected, but the ethics block does not say how long they are kept: add retention:' });
  },
  cases: {
    valid: [{ name: 'retention given', code: CLEAN_STUDY }],
    invalid: [{ name: 'no retention', code: variant('    retention: "Five years"\n', '').replace('  ethics {', '  [[ethics]] {'), messages: ['add retention:'] }],
  },
};
