import { methodSides, perspectiveSides, targets } from '../../model/analysis';
import { MethodDecl } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { CLEAN_STUDY, variant } from '../fixture';
import { memoised } from '../memo';
import { Rule } from '../rule';
import { SIDE_NAMES, SIDE_POSSESSIVES } from '../sides';

export const perspectiveMismatch: Rule = {
  id: 'perspective-mismatch',
  severity: 'warning',
  summary: 'No method of a question reaches a side its perspective names.',
  docs: '`both` names both sides. A method reaches the sides of its participants; record reviews, usage logs and document reviews reach both.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    // each method's sides once, not once per question
    const sidesOf = memoised((method: MethodDecl) => methodSides(model, method));
    for (const question of model.questions) {
      const keys = keysOf(question);
      const methods = targets(model, keys.methods, 'method');
      if (methods.length === 0) continue;
      const perspective = keys.$property.perspective?.values[0];
      for (const side of perspectiveSides(question)) {
        let reached = false;
        for (let i = 0; i < methods.length && !reached; i++) reached = sidesOf(methods[i]).has(side);
        if (reached) continue;
        report({
          file: question.file,
          range: perspective?.range ?? question.name.range,
          message: `Question '${question.name.text}' asks for the ${SIDE_POSSESSIVES[side]} view, but none of its methods reaches ${SIDE_NAMES[side]}`,
        });
      }
    }
  },
  cases: {
    valid: [
      { name: 'participants on both sides', code: CLEAN_STUDY },
      {
        name: 'a record review reaches both',
        code: variant('methods: talks', 'methods: talks, notes')
          .replace('participants: patient, nurse', 'participants: nurse')
          .replace('  ethics {', '  method notes: record_review "Case notes" { data: pseudonymised }\n  ethics {'),
      },
    ],
    invalid: [
      {
        name: 'staff-only interviews for both',
        code: variant('participants: patient, nurse', 'participants: nurse').replace('perspective: both', 'perspective: [[both]]'),
        messages: ["service users' view"],
      },
    ],
  },
};
