import { BLOCK_NAMES } from '../../model/ast';
import { variant } from '../fixture';
import { Rule } from '../rule';

export const duplicateName: Rule = {
  id: 'duplicate-name',
  severity: 'error',
  summary: 'Two declarations of the same kind share a name in one study.',
  docs: 'References could not tell them apart. Fragments count: a name declared in an imported file and again in the study is a duplicate.',
  scope: 'file',
  check({ model, report }) {
    // forEach: no [name, declarations] pair made per symbol
    model.symbols.forEach((declarations, name) => {
      if (declarations.length < 2) return;
      const firstOfKind = new Map<string, (typeof declarations)[number]>();
      for (const declaration of declarations) {
        const first = firstOfKind.get(declaration.kind);
        if (!first) {
          firstOfKind.set(declaration.kind, declaration);
          continue;
        }
        const where = first.file === declaration.file ? `line ${first.name.range.start.line + 1}` : `${first.file.split(/[\\/]/).pop()}:${first.name.range.start.line + 1}`;
        report({ file: declaration.file, range: declaration.name.range, message: `There is already ${BLOCK_NAMES[declaration.kind]} named '${name}' (${where})` });
      }
    });
  },
  cases: {
    valid: [{ name: 'a question named like a touchpoint', code: variant('question reach_q', 'question visit') }],
    invalid: [
      {
        name: 'two actors named nurse',
        code: variant(
          'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
          'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  actor [[nurse]]: manager "Ward managers"',
        ),
        messages: ["already an actor named 'nurse'"],
      },
    ],
  },
};
