import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

export const syntaxError: Rule = {
  id: 'syntax-error',
  severity: 'error',
  summary: 'The text does not follow the grammar of the study language.',
  docs: 'Parsing recovers after the error, so the rest of the file is still checked. Common causes: a missing colon after a property key, a missing closing brace, an unclosed string, or a declaration in the wrong place (a touchpoint outside a service).',
  scope: 'file',
  check({ model, report }) {
    for (const file of model.files) for (const problem of file.problems) report({ file: file.path, range: problem.range, message: problem.message });
  },
  cases: {
    valid: [{ name: 'a complete study', code: CLEAN_STUDY }],
    invalid: [
      { name: 'missing colon', code: variant('channel: face_to_face', 'channel [[face_to_face]]'), messages: ["Expected ':'"] },
      { name: 'touchpoint outside a service', code: variant('  question reach_q', '  [[touchpoint]] stray "x" { channel: video }\n  question reach_q'), messages: ['inside a service'] },
      { name: 'unclosed string', code: variant('"Five years"', '[["Five years]]'), messages: ['not closed'] },
      { name: 'unknown escape', code: variant('"Five years"', '"Five [[\\q]]years"'), messages: ['Unknown escape'] },
      { name: 'stray character', code: variant('  ethics {', '  [[@]]\n  ethics {'), messages: ["Unexpected character '@'"] },
    ],
  },
};
