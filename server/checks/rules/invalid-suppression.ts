import { nearestNames } from '../../common/nearest';
import { replaceWithSuggestions } from '../fixes';
import { variant } from '../fixture';
import { Rule } from '../rule';
import { suppressionsOf } from '../suppress';

/** Rule ids a suppression may name; filled in by the registry to avoid an import cycle. */
export const KNOWN_RULE_IDS: string[] = [];

const KNOWN_ID = variant(
  '  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
  '  // studyspec-disable-next-line unused-declaration -- listed for the blueprint\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
);

export const invalidSuppression: Rule = {
  id: 'invalid-suppression',
  severity: 'warning',
  summary: 'A suppression comment names a rule id that does not exist, so it silences nothing (an extension to LANGUAGE.md).',
  docs: 'Write `// studyspec-disable-next-line RULE -- reason` with a rule id from the rules table; the nearest id is suggested.',
  scope: 'file',
  fix: replaceWithSuggestions,
  check({ model, report }) {
    for (const file of model.files) {
      for (const suppression of suppressionsOf(file)) {
        for (const rule of suppression.rules) {
          if (KNOWN_RULE_IDS.includes(rule.id)) continue;
          const suggestions = nearestNames(rule.id, KNOWN_RULE_IDS);
          report({
            file: file.path,
            range: rule.range,
            message: `'${rule.id}' is not a rule id, so this comment silences nothing${suggestions.length ? `; did you mean '${suggestions[0]}'?` : ''}`,
            suggestions,
            data: { replaceRange: rule.range },
          });
        }
      }
    }
  },
  cases: {
    valid: [{ name: 'a known rule id', code: KNOWN_ID }],
    invalid: [
      {
        name: 'a misspelt rule id',
        code: variant(
          '  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
          '  // studyspec-disable-next-line [[unused-declaraton]] -- listed for the blueprint\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
        ),
        messages: ["did you mean 'unused-declaration'"],
        output: { "Change to 'unused-declaration'": KNOWN_ID },
      },
    ],
  },
};
