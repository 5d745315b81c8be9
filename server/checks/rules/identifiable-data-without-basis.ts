import { ethicsHas } from '../../model/analysis';
import { keysOf } from '../../model/keys';
import { variant } from '../fixture';
import { Rule } from '../rule';

export const identifiableDataWithoutBasis: Rule = {
  id: 'identifiable-data-without-basis',
  severity: 'error',
  summary: 'A method has `data: identifiable` and `ethics` has no `lawful_basis`.',
  docs: 'Processing identifiable personal data needs a lawful basis under data-protection law (for UK research usually UK GDPR Article 6(1)(e) with Article 9(2)(j)).',
  scope: 'study',
  check({ model, report }) {
    if (ethicsHas(model, 'lawful_basis')) return;
    for (const method of model.methods) {
      const keys = keysOf(method);
      if (keys.data !== 'identifiable') continue;
      const range = keys.$property.data?.values[0]?.range ?? method.name.range;
      report({ file: method.file, range, message: `Method '${method.name.text}' collects identifiable data, but the ethics block gives no lawful_basis` });
    }
  },
  cases: {
    valid: [
      {
        name: 'lawful basis given',
        code: variant('recording: audio', 'recording: audio\n    data: identifiable').replace('    consent: written\n', '    consent: written\n    lawful_basis: "UK GDPR Article 6(1)(e)"\n'),
      },
    ],
    invalid: [{ name: 'no lawful basis', code: variant('recording: audio', 'recording: audio\n    data: [[identifiable]]'), messages: ['no lawful_basis'] }],
  },
};
