import { participantActors } from '../../model/analysis';
import { addPlaceholder } from '../fixes';
import { reportUnanswered } from '../answers';
import { CLEAN_STUDY, variant } from '../fixture';
import { Rule } from '../rule';

const NURSE = 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }';
const BARE_NURSE = variant(NURSE, 'actor nurse: staff "Nurses"');
export const INCLUSION_PLACEHOLDER = 'TODO: who in this group is eligible';

export const eligibilityMissing: Rule = {
  id: 'eligibility-missing',
  severity: 'warning',
  summary: 'An actor who is a participant of a recruiting method has no `inclusion`.',
  docs: 'Say who in each group of participants is eligible, one criterion per string (`inclusion: "Aged 18 or over", "Used the service in the last year"`), and who is not (`exclusion:`). The protocol lists them under Participants and the information sheet under "Why have I been invited?". A placeholder starting "TODO" is reported until it is replaced.',
  scope: 'study',
  fix: addPlaceholder('inclusion', INCLUSION_PLACEHOLDER),
  check({ model, report }) {
    for (const actor of participantActors(model)) {
      reportUnanswered(report, actor, actor.name.range, 'inclusion', `Participants '${actor.name.text}' have no eligibility criteria: add inclusion:`);
    }
  },
  cases: {
    valid: [
      { name: 'criteria given', code: CLEAN_STUDY },
      { name: 'an actor nobody recruits', code: variant('  actor nurse:', '  actor visitor: carer "Visitors"\n  actor nurse:').replace('actors: patient, nurse', 'actors: patient, nurse, visitor') },
    ],
    invalid: [
      {
        name: 'no inclusion',
        code: variant('actor nurse', 'actor [[nurse]]', BARE_NURSE),
        messages: ['add inclusion:'],
        output: { "Add 'inclusion:' to fill in": variant('actor nurse: staff "Nurses"', `actor nurse: staff "Nurses" { inclusion: "${INCLUSION_PLACEHOLDER}" }`, BARE_NURSE) },
      },
      { name: 'placeholder left in place', code: variant('"Works in the clinic"', `[["${INCLUSION_PLACEHOLDER}"]]`), messages: ['still holds a placeholder'] },
    ],
  },
};
