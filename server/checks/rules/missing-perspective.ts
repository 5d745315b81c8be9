import { BOTH_SIDES, bothSidesMeet, questionsByTouchpoint } from '../../model/analysis';
import { keysOf } from '../../model/keys';
import { askAboutTouchpoint, studyInsertPoint } from '../fixes';
import { CLEAN_STUDY, variant, withMember } from '../fixture';
import { Rule } from '../rule';
import { SIDE_NAMES, SIDE_POSSESSIVES } from '../sides';

const STAFF_ONLY = variant('perspective: both', 'perspective: staff').replace('touchpoint visit', 'touchpoint [[visit]]');
const NO_ACTORS = variant('      actors: patient, nurse\n', '').replace('perspective: both', 'perspective: service_user').replace('touchpoint visit', 'touchpoint [[visit]]');

export const missingPerspective: Rule = {
  id: 'missing-perspective',
  severity: 'warning',
  summary: 'A touchpoint is asked about from one side only, although actors of both sides meet there.',
  docs: 'Co-production happens between staff and service users; a touchpoint where both meet should be seen from both sides. No actors listed counts as both sides.',
  scope: 'study',
  fix: askAboutTouchpoint,
  check({ model, report }) {
    if (!model.study) return;
    for (const [touchpoint, questions] of questionsByTouchpoint(model)) {
      if (questions.length === 0) continue;
      if (!bothSidesMeet(model, touchpoint)) continue;
      // the sides the questions ask, until they ask both
      let staff = false;
      let serviceUsers = false;
      for (let i = 0; i < questions.length && !(staff && serviceUsers); i++) {
        const perspective = keysOf(questions[i]).perspective;
        staff ||= perspective === 'staff' || perspective === 'both';
        serviceUsers ||= perspective === 'service_user' || perspective === 'both';
      }
      // no valid perspective at all is missing-property or invalid-value, not a one-sided question
      if (staff === serviceUsers) continue;
      for (const side of BOTH_SIDES) {
        if (side === 'staff' ? staff : serviceUsers) continue;
        const other = side === 'staff' ? 'service_user' : 'staff';
        report({
          file: touchpoint.file,
          range: touchpoint.name.range,
          message: `'${touchpoint.name.text}' is asked about only from the ${SIDE_POSSESSIVES[other]} side, though ${SIDE_NAMES[side]} meet there too`,
          data: { touchpoint: touchpoint.name.text, missingSide: side, insertAt: studyInsertPoint(model) },
        });
      }
    }
  },
  cases: {
    valid: [
      { name: 'both sides asked', code: CLEAN_STUDY },
      { name: 'only staff meet there', code: variant('actors: patient, nurse', 'actors: nurse').replace('perspective: both', 'perspective: staff') },
    ],
    invalid: [
      {
        name: 'staff side only',
        code: STAFF_ONLY,
        messages: ["only from the staff's side"],
        output: {
          "Add a question about 'visit' from the service users' side": withMember(
            STAFF_ONLY,
            'question visit_service_user "TODO: how do service users experience Clinic visit?" {\n    about: visit\n    perspective: service_user\n    methods: talks\n  }',
          ),
        },
      },
      {
        name: 'no actors listed counts as both',
        code: NO_ACTORS,
        messages: ['staff meet there too'],
        output: {
          "Add a question about 'visit' from the staff' side": withMember(
            NO_ACTORS,
            'question visit_staff "TODO: how do staff experience Clinic visit?" {\n    about: visit\n    perspective: staff\n    methods: talks\n  }',
          ),
        },
      },
    ],
  },
};
