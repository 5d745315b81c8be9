import { CLEAN_STUDY, variant } from '../fixture';
import { referenceIndex } from '../referenceProblems';
import { Rule } from '../rule';

export const unusedDeclaration: Rule = {
  id: 'unused-declaration',
  severity: 'hint',
  summary: 'An actor or tool nothing refers to.',
  docs: 'Refer to it (actors in `actors:` or `participants:`, tools in `via:`) or remove it.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const used = referenceIndex(model).referenced;
    for (const declaration of [...model.actors, ...model.tools]) {
      if (used.has(declaration) || !declaration.name.text) continue;
      report({ file: declaration.file, range: declaration.name.range, message: `Nothing refers to ${declaration.kind} '${declaration.name.text}'` });
    }
  },
  cases: {
    valid: [{ name: 'all used', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'an unused tool',
        code: variant('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool [[app]] "App"'),
        messages: ["tool 'app'"],
      },
    ],
  },
};
