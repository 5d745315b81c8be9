import { keysOf } from '../../model/keys';
import { MethodDecl } from '../../model/ast';
import { consentOf, recordsPeople, valueRange } from '../../model/fieldwork';
import { blockAt, fixOf, insertProperty } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

/** Why a method's data identify people: the recording, or `data: identifiable`. */
function identifies(method: MethodDecl): string | undefined {
  if (recordsPeople(method)) return `records participants (${keysOf(method).recording})`;
  return keysOf(method).data === 'identifiable' ? 'collects identifiable data' : undefined;
}

/** Take written consent instead: change the method's own `consent`, or give the method one. */
function askForConsent({ finding, model, file }: FixContext): QuickFix[] {
  const range = finding.data?.replaceRange;
  if (range) return [fixOf("Change consent to 'written'", finding.file, [{ range, newText: 'written' }], true)];
  const block = blockAt(model, finding);
  return block ? [fixOf("Take written consent for this method ('consent: written')", finding.file, [insertProperty(file, block.node, ['consent: written'])], true)] : [];
}

const WAIVED = variant('    consent: written\n', '    consent: waived\n');

export const consentWaivedIdentifiable: Rule = {
  id: 'consent-waived-identifiable',
  severity: 'error',
  summary: 'A method whose consent is `waived` records participants (`recording: audio` or `video`) or collects `data: identifiable`.',
  docs: 'Recording people, or keeping data that identify them, without their consent needs a legal basis that allows it (in England, support under section 251 of the NHS Act 2006 from the Confidentiality Advisory Group), which ethics committees grant rarely. Take consent for this method (its own `consent:` overrides the ethics block), or stop recording and collect anonymous data.',
  scope: 'study',
  fix: askForConsent,
  check({ model, report }) {
    for (const method of model.methods) {
      const consent = consentOf(model, method);
      const why = consent?.type === 'waived' ? identifies(method) : undefined;
      if (!why) continue;
      const own = consent?.fromMethod ? valueRange(method, 'consent') : undefined;
      report({
        file: method.file,
        range: own ?? method.name.range,
        message: `Method '${method.name.text}' ${why}, but its consent is waived${own ? '' : ' (by the ethics block)'}: take consent, or collect anonymous data`,
        data: own ? { replaceRange: own } : undefined,
      });
    }
  },
  cases: {
    valid: [
      { name: 'consent taken', code: CLEAN_STUDY },
      { name: 'waived for anonymous notes', code: variant('recording: audio', 'recording: notes\n    data: anonymous', WAIVED) },
    ],
    invalid: [
      {
        name: "audio recorded under the study's waiver",
        code: variant('method talks', 'method [[talks]]', WAIVED),
        messages: ['records participants (audio)'],
        output: { "Take written consent for this method ('consent: written')": variant('"Interviews" {\n', '"Interviews" {\n    consent: written\n', WAIVED) },
      },
      {
        name: 'the method waives consent for identifiable records',
        code: variant('recording: audio', 'recording: notes\n    data: identifiable\n    consent: [[waived]]'),
        messages: ['collects identifiable data'],
        output: { "Change consent to 'written'": variant('recording: audio', 'recording: notes\n    data: identifiable\n    consent: written') },
      },
    ],
  },
};
