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

const ACTORS = '  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n';
const NO_ETHICS = variant(
  '  ethics {\n    consent: written\n    retention: "Five years"\n    withdrawal: "Until two weeks after the interview"\n    public_involvement: "A patient panel reviewed the topic guide"\n  }\n',
  '',
);

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
    report({
      file: first.file,
      range: first.name.range,
      message: `Method '${first.name.text}' recruits participants, but the study has no ethics block`,
      data: { ethicsKeys: neededEthicsKeys(model), insertAt: studyInsertPoint(model) },
    });
  },
  cases: {
    valid: [
      {
        name: 'no participants, no ethics needed',
        code: variant(
          '      actors: patient, nurse\n',
          '',
          variant(
            ACTORS,
            '',
            variant('method talks: interview "Interviews" {\n    participants: patient, nurse\n    recording: audio\n', 'method talks: record_review "Case notes" {\n    data: anonymous\n', NO_ETHICS),
          ),
        ),
      },
    ],
    invalid: [
      {
        name: 'interviews with no ethics',
        code: NO_ETHICS.replace('method talks', 'method [[talks]]'),
        messages: ['no ethics block'],
        output: {
          'Add an ethics block': withMember(
            NO_ETHICS,
            'ethics {\n    classification: research\n    consent: written\n    withdrawal: "TODO"\n    retention: "TODO"\n    public_involvement: "TODO"\n  }',
          ),
        },
      },
    ],
  },
};
