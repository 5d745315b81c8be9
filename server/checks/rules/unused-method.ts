import { targets } from '../../model/analysis';
import { keysOf } from '../../model/keys';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

export const unusedMethod: Rule = {
  id: 'unused-method',
  severity: 'warning',
  summary: 'No question uses this method.',
  docs: "A method that answers no question collects data without a purpose; name it in a question's `methods:` or remove it.",
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const used = new Set(model.questions.flatMap((q) => targets(model, keysOf(q).methods, 'method')));
    for (const method of model.methods) if (!used.has(method) && method.name.text) report({ file: method.file, range: method.name.range, message: `No question uses method '${method.name.text}'` });
  },
  cases: {
    valid: [{ name: 'used', code: CLEAN_STUDY }],
    invalid: [{ name: 'an extra method', code: variant('  ethics {', '  method [[logs]]: usage_log "App logs" { data: anonymous }\n  ethics {'), messages: ["'logs'"] }],
  },
};
