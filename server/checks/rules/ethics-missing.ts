import { neededEthicsKeys, recruitingMethods } from '../../model/analysis';
import { propertySpec } from '../../model/schema';
import { insertIntoStudy, placeholderFor, studyInsertPoint } from '../fixes';
import { variant, withMember } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

/** An ethics block with a placeholder for each key the methods call for. */
function addEthics(context: FixContext): QuickFix[] {
  const keys = context.finding.data?.ethicsKeys ?? ['classification', 'consent'];
  const lines = ['ethics {'];
  for (const key of keys) {
    const spec = propertySpec('ethics', key);
    if (spec) lines.push(`\t${key}: ${placeholderFor(spec)}`);
  }
  lines.push('}');
  return insertIntoStudy(context, 'Add an ethics block', lines, true);
}

const NO_ETHICS = variant('  ethics {\n    consent: written\n    retention: "Five years"\n  }\n', '');

export const ethicsMissing: Rule = {
  id: 'ethics-missing',
  severity: 'error',
  summary: 'A method has participants and the study has no `ethics` block.',
  docs: 'Recruiting people needs an ethics answer: classification, consent, withdrawal, retention, and more depending on the methods.',
  scope: 'study',
  fix: addEthics,
  check({ model, report }) {
    if (!model.study || model.study.ethics.length > 0) return;
    const first = recruitingMethods(model)[0];
    if (!first) return;
    report({ file: first.file, range: first.name.range, message: `Method '${first.name.text}' recruits participants, but the study has no ethics block`, data: { ethicsKeys: neededEthicsKeys(model), insertAt: studyInsertPoint(model) } });
  },
  cases: {
    valid: [{ name: 'no participants, no ethics needed', code: NO_ETHICS.replace('method talks: interview "Interviews" {\n    participants: patient, nurse\n    recording: audio\n  }', 'method talks: record_review "Case notes" {\n    data: anonymous\n  }').replace('  actor patient: service_user "Patients"\n  actor nurse: staff "Nurses"\n', '').replace('      actors: patient, nurse\n', '') }],
    invalid: [
      {
        name: 'interviews with no ethics',
        code: NO_ETHICS.replace('method talks', 'method [[talks]]'),
        messages: ['no ethics block'],
        output: { 'Add an ethics block': withMember(NO_ETHICS, 'ethics {\n    classification: research\n    consent: written\n    withdrawal: "TODO"\n    retention: "TODO"\n    public_involvement: "TODO"\n  }') },
      },
    ],
  },
};
