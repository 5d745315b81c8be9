import { ethicsHas, recruitingMethods } from '../../model/analysis';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

export const consentMissing: Rule = {
  id: 'consent-missing',
  severity: 'error',
  summary: 'Participants are recruited and `ethics` has no `consent`.',
  docs: 'Say how consent is taken: `consent: written`, `verbal`, `online`, or `waived` (with the approval that allows it).',
  scope: 'study',
  check({ model, report }) {
    const range = model.study?.ethics[0]?.keywordRange;
    if (!range || recruitingMethods(model).length === 0 || ethicsHas(model, 'consent')) return;
    report({ file: model.study!.ethics[0].file, range, message: 'Participants are recruited, but the ethics block does not say how consent is taken: add consent:' });
  },
  cases: {
    valid: [{ name: 'consent given', code: CLEAN_STUDY }],
    invalid: [{ name: 'no consent', code: variant('    consent: written\n', '').replace('  ethics {', '  [[ethics]] {'), messages: ['add consent:'] }],
  },
};
