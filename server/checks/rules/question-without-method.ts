import { keysOf } from '../../model/keys';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

export const questionWithoutMethod: Rule = {
  id: 'question-without-method',
  severity: 'error',
  summary: 'A question names no method.',
  docs: 'Every evaluation question needs a way of being answered: add `methods:` with at least one method.',
  scope: 'file',
  check({ model, report }) {
    for (const question of model.questions) {
      const methods = keysOf(question).$property.methods;
      if (methods && methods.values.length > 0) continue;
      report({ file: question.file, range: question.name.text ? question.name.range : question.keywordRange, message: `Question '${question.name.text}' names no method: add methods:` });
    }
  },
  cases: {
    valid: [{ name: 'with a method', code: CLEAN_STUDY }],
    invalid: [{ name: 'no methods key', code: variant('    methods: talks\n', '').replace('question reach_q', 'question [[reach_q]]'), messages: ['names no method'] }],
  },
};
