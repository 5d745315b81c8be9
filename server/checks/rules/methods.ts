import { methodSides, perspectiveSides, targets } from '../../model/analysis';
import { propertyOf } from '../../model/ast';
import { Rule } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';

const SIDE_NAMES = { staff: 'staff', service_user: 'service users' } as const;
const SIDE_POSSESSIVES = { staff: "staff's", service_user: "service users'" } as const;

export const questionWithoutMethod: Rule = {
  id: 'question-without-method',
  severity: 'error',
  summary: 'A question names no method.',
  docs: 'Every evaluation question needs a way of being answered: add `methods:` with at least one method.',
  scope: 'file',
  check({ model, report }) {
    for (const question of model.questions) {
      const methods = propertyOf(question, 'methods');
      if (methods && methods.values.length > 0) continue;
      report({ file: question.file, range: question.name.text ? question.name.range : question.keywordRange, message: `Question '${question.name.text}' names no method: add methods:` });
    }
  },
  cases: {
    valid: [{ name: 'with a method', code: CLEAN_STUDY }],
    invalid: [{ name: 'no methods key', code: variant('    methods: talks\n', '').replace('question reach_q', 'question [[reach_q]]'), messages: ['names no method'] }],
  },
};

export const unusedMethod: Rule = {
  id: 'unused-method',
  severity: 'warning',
  summary: 'No question uses this method.',
  docs: 'A method that answers no question collects data without a purpose; name it in a question\'s `methods:` or remove it.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const used = new Set(model.questions.flatMap((q) => targets(model, q, 'methods', 'method')));
    for (const method of model.methods) if (!used.has(method) && method.name.text) report({ file: method.file, range: method.name.range, message: `No question uses method '${method.name.text}'` });
  },
  cases: {
    valid: [{ name: 'used', code: CLEAN_STUDY }],
    invalid: [{ name: 'an extra method', code: variant('  ethics {', '  method [[logs]]: usage_log "App logs" { data: anonymous }\n  ethics {'), messages: ["'logs'"] }],
  },
};

export const perspectiveMismatch: Rule = {
  id: 'perspective-mismatch',
  severity: 'warning',
  summary: 'No method of a question reaches a side its perspective names.',
  docs: '`both` names both sides. A method reaches the sides of its participants; record reviews, usage logs and document reviews reach both.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    for (const question of model.questions) {
      const methods = targets(model, question, 'methods', 'method');
      if (methods.length === 0) continue;
      const reached = new Set(methods.flatMap((m) => [...methodSides(model, m)]));
      const perspective = propertyOf(question, 'perspective')?.values[0];
      for (const side of perspectiveSides(question)) {
        if (reached.has(side)) continue;
        report({ file: question.file, range: perspective?.range ?? question.name.range, message: `Question '${question.name.text}' asks for the ${SIDE_POSSESSIVES[side]} view, but none of its methods reaches ${SIDE_NAMES[side]}` });
      }
    }
  },
  cases: {
    valid: [
      { name: 'participants on both sides', code: CLEAN_STUDY },
      { name: 'a record review reaches both', code: variant('methods: talks', 'methods: talks, notes').replace('participants: patient, nurse', 'participants: nurse').replace('  ethics {', '  method notes: record_review "Case notes" { data: pseudonymised }\n  ethics {') },
    ],
    invalid: [{ name: 'staff-only interviews for both', code: variant('participants: patient, nurse', 'participants: nurse').replace('perspective: both', 'perspective: [[both]]'), messages: ["service users' view"] }],
  },
};
