import { replaceWithSuggestions } from '../fixes';
import { variant } from '../fixture';
import { reportReferenceProblems } from '../referenceProblems';
import { Rule } from '../rule';

export const unknownFramework: Rule = {
  id: 'unknown-framework',
  severity: 'error',
  summary: '`frameworks:` names no built-in framework or readable framework file.',
  docs: 'Use a built-in id (coproduction, four_cos, npt, cfir, reaim, proctor, nasss, digital_inclusion, progress_plus), a part of one (`cfir.inner_setting`), or the path of your own JSON framework file in quotes.',
  scope: 'file',
  fix: replaceWithSuggestions,
  check(context) {
    reportReferenceProblems('unknown-framework')(context);
    for (const selection of context.model.selections) {
      if (selection.load?.status === 'missing' && selection.pathValue) {
        context.report({ file: selection.file, range: selection.pathValue.range, message: `No framework file at '${selection.pathValue.text}' (${selection.load.reason})` });
      }
    }
  },
  cases: {
    valid: [
      {
        name: 'a framework file of the user',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./mine.json"\n  exclude mine "Later."'),
        files: { 'mine.json': '{"id":"mine","name":"Mine","kind":"outcomes","citation":"Me (2026).","constructs":[{"id":"a","name":"A","definition":"An A."}]}' },
      },
    ],
    invalid: [
      {
        name: 'a misspelt id',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [[nptt]]'),
        messages: ["No framework 'nptt'"],
        output: { "Change to 'npt'": variant('frameworks: reaim.reach', 'frameworks: reaim.reach, npt') },
      },
      { name: 'a missing file', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./absent.json"]]'), messages: ['No framework file'] },
    ],
  },
};
