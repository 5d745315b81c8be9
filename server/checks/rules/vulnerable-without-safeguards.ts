import { ethicsHas, participantActors } from '../../model/analysis';
import { keysOf } from '../../model/keys';
import { variant } from '../fixture';
import { Rule } from '../rule';

export const vulnerableWithoutSafeguards: Rule = {
  id: 'vulnerable-without-safeguards',
  severity: 'error',
  summary: 'A participant actor is `vulnerable: yes` and `ethics` lacks `distress_protocol` or `capacity`.',
  docs: 'An ethics committee asks what happens if a participant becomes distressed, and how capacity to consent is assessed. Both answers go in the ethics block; the distress protocol is printed at the top of the interview guides.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study || model.study.ethics.length === 0) return;
    const missing = (['distress_protocol', 'capacity'] as const).filter((key) => !ethicsHas(model, key));
    if (missing.length === 0) return;
    for (const actor of participantActors(model)) {
      const keys = keysOf(actor);
      if (keys.vulnerable !== true) continue;
      const range = keys.$property.vulnerable?.values[0]?.range ?? actor.name.range;
      report({ file: actor.file, range, message: `Participants '${actor.name.text}' are marked vulnerable, but the ethics block has no ${missing.join(' or ')}` });
    }
  },
  cases: {
    valid: [
      {
        name: 'safeguards given',
        code: variant(
          'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }',
          'actor patient: service_user "Patients" { vulnerable: yes inclusion: "Booked a clinic visit" }',
        ).replace('    consent: written\n', '    consent: written\n    capacity: "Assessed by the care team."\n    distress_protocol: "Pause and signpost."\n'),
      },
      {
        name: 'vulnerable but not a participant',
        code: variant(
          'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }',
          'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor child: service_user "Children" { vulnerable: yes }',
        ).replace('actors: patient, nurse', 'actors: patient, nurse, child'),
      },
    ],
    invalid: [
      {
        name: 'no capacity',
        code: variant(
          'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }',
          'actor patient: service_user "Patients" { vulnerable: [[yes]] inclusion: "Booked a clinic visit" }',
        ).replace('    consent: written\n', '    consent: written\n    distress_protocol: "Pause and signpost."\n'),
        messages: ['no capacity'],
      },
    ],
  },
};
