import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const ANALYSIS = '    analysis: "Thematic analysis"\n';
const NO_ANALYSIS = variant(ANALYSIS, '');
export const ANALYSIS_PLACEHOLDER = 'TODO: how these data will be analysed';

export const analysisMissing: Rule = {
  id: 'analysis-missing',
  severity: 'warning',
  summary: 'A method has no `analysis`.',
  docs: 'Say how each method\'s data will be analysed (for example, "Framework analysis with NPT as the initial frame", or "Interrupted time series of request routes"). The protocol\'s Analysis section prints it per method. A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('analysis', ANALYSIS_PLACEHOLDER),
  check({ model, report }) {
    for (const method of model.methods) {
      if (method.name.text) reportUnanswered(report, method, method.name.range, 'analysis', `Method '${method.name.text}' does not say how its data will be analysed: add analysis:`);
    }
  },
  cases: {
    valid: [{ name: 'analysis given', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'no analysis',
        code: variant('method talks', 'method [[talks]]', NO_ANALYSIS),
        messages: ['add analysis:'],
        output: { "Add 'analysis:' to fill in": variant('"Interviews" {\n', `"Interviews" {\n    analysis: "${ANALYSIS_PLACEHOLDER}"\n`, NO_ANALYSIS) },
      },
      { name: 'placeholder left in place', code: variant(ANALYSIS, `    analysis: [["${ANALYSIS_PLACEHOLDER}"]]\n`), messages: ['still holds a placeholder'] },
    ],
  },
};
