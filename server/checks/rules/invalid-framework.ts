import { variant } from '../fixture';
import { Rule } from '../rule';

export const invalidFramework: Rule = {
  id: 'invalid-framework',
  severity: 'error',
  summary: 'A framework file is not valid JSON or does not match the framework schema.',
  docs: 'Reported at the reference in `frameworks:` and at each problem in the JSON file itself. The schema is `schemas/framework.schema.json`; VS Code validates framework files against it as you edit them.',
  scope: 'file',
  check({ model, report }) {
    for (const selection of model.selections) {
      const load = selection.load;
      if (load?.status !== 'invalid' || !selection.pathValue) continue;
      if (load.refusal) {
        report({ file: selection.file, range: selection.pathValue.range, message: `'${selection.pathValue.text}' ${load.refusal}` });
        continue;
      }
      const count = load.problems.length;
      report({
        file: selection.file,
        range: selection.pathValue.range,
        message: `'${selection.pathValue.text}' is not a valid framework file (${count} problem${count === 1 ? '' : 's'}): ${load.problems[0]?.message ?? ''}`,
      });
      for (const problem of load.problems) report({ file: load.file, range: problem.range, message: problem.message });
    }
  },
  cases: {
    valid: [
      {
        name: 'a valid file',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./ok.json"\n  exclude ok "Later."'),
        files: { 'ok.json': '{"id":"ok","name":"Ok","kind":"equity","citation":"X (2020).","constructs":[]}' },
      },
    ],
    invalid: [
      {
        name: 'missing citation',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./bad.json"]]'),
        files: { 'bad.json': '{"id":"bad","name":"Bad","kind":"equity","constructs":[]}' },
        messages: ['"citation" is required'],
      },
      { name: 'not JSON', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./broken.json"]]'), files: { 'broken.json': '{"id": "broken",' }, messages: ['Not valid JSON'] },
    ],
  },
};
