import { replaceWithSuggestions } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { reportReferenceProblems } from '../referenceProblems';
import { Rule } from '../rule';

export const unknownReference: Rule = {
  id: 'unknown-reference',
  severity: 'error',
  summary: 'A reference names nothing in scope.',
  docs: 'Names are looked up in the study and in every fragment it imports. The message suggests the nearest name of the expected kind; the quick fix replaces the reference with it.',
  scope: 'file',
  fix: replaceWithSuggestions,
  check: reportReferenceProblems('unknown-reference'),
  cases: {
    valid: [{ name: 'every name declared', code: CLEAN_STUDY }],
    invalid: [
      { name: 'typo in about', code: variant('about: visit', 'about: [[vist]]'), messages: ["did you mean 'visit'"], output: { "Change to 'visit'": CLEAN_STUDY } },
      {
        name: 'typo in participants',
        code: variant('participants: patient, nurse', 'participants: patient, [[nurse_x]]'),
        messages: ["named 'nurse_x'"],
        output: { "Change to 'nurse'": CLEAN_STUDY },
      },
    ],
  },
};
