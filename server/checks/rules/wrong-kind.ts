import { replaceWithSuggestions } from '../fixes';
import { variant } from '../fixture';
import { reportReferenceProblems } from '../referenceProblems';
import { Rule } from '../rule';

const WITH_VISITORS = variant(
  'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
  'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  actor visitors: service_user "Visitors"',
);

export const wrongKind: Rule = {
  id: 'wrong-kind',
  severity: 'error',
  summary: 'A reference names something of the wrong kind, such as an actor in `about:`.',
  docs: '`about:` takes touchpoints or services, `methods:` methods, `participants:` and `actors:` actors, `via:` tools.',
  scope: 'file',
  fix: replaceWithSuggestions,
  check: reportReferenceProblems('wrong-kind'),
  cases: {
    valid: [{ name: 'a service in about', code: variant('about: visit', 'about: booking') }],
    invalid: [
      { name: 'an actor in about', code: variant('about: visit', 'about: [[patient]]'), messages: ["'patient' is an actor"] },
      { name: 'a question in methods', code: variant('methods: talks', 'methods: [[reach_q]]'), messages: ['takes a method'] },
      {
        name: 'an actor named like a touchpoint',
        code: WITH_VISITORS.replace('about: visit', 'about: [[visitors]]'),
        messages: ["'visitors' is an actor"],
        output: { "Change to 'visit'": WITH_VISITORS },
      },
    ],
  },
};
