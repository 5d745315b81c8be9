import { variant } from '../fixture';
import { Rule } from '../rule';

const ACTORS = 'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n';
const withoutActors = (code: string): string =>
  variant('  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', '', code);

export const importError: Rule = {
  id: 'import-error',
  severity: 'error',
  summary: 'An import cannot be read, names a study instead of a fragment, or the imports form a cycle.',
  docs: 'Import paths are relative to the importing file. Only fragments (files without a `study`) can be imported; their declarations join the study. A cycle of imports is reported instead of followed.',
  scope: 'file',
  check({ model, report }) {
    for (const problem of model.importProblems) report({ file: problem.file, range: problem.range, message: problem.message });
  },
  cases: {
    valid: [{ name: 'a fragment beside the study', code: 'import "./actors.study"\n' + withoutActors(variant('', '')), files: { 'actors.study': ACTORS } }],
    invalid: [
      { name: 'missing file', code: 'import [["./nowhere.study"]]\n' + variant('', ''), messages: ['Cannot read'] },
      {
        name: 'cycle',
        code: 'import "./a.study"\n' + withoutActors(variant('', '')),
        files: { 'a.study': 'import "./b.study"\n' + ACTORS, 'b.study': 'import [["./a.study"]]\n' },
        messages: ['Import cycle: a.study → b.study → a.study'],
      },
      { name: 'importing a study', code: 'import [["./other.study"]]\n' + variant('', ''), files: { 'other.study': 'study other { frameworks: npt }' }, messages: ['is a study'] },
    ],
  },
};
