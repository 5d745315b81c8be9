import { questionsByTouchpoint } from '../../model/analysis';
import { askAboutTouchpoint, studyInsertPoint } from '../fixes';
import { variant, withMember } from '../fixture';
import { Rule } from '../rule';

const UNASKED = variant('    touchpoint visit', '    touchpoint [[call]] "Reminder call" {\n      channel: telephone\n      actors: nurse\n    }\n    touchpoint visit');

export const touchpointNotEvaluated: Rule = {
  id: 'touchpoint-not-evaluated',
  severity: 'warning',
  summary: 'No question is about this touchpoint.',
  docs: 'Every touchpoint in the service should be asked about, directly or through a question about its whole service; otherwise leave it out of the specification.',
  scope: 'study',
  fix: askAboutTouchpoint,
  check({ model, report }) {
    if (!model.study) return;
    for (const [touchpoint, questions] of questionsByTouchpoint(model)) {
      if (questions.length === 0 && touchpoint.name.text)
        report({
          file: touchpoint.file,
          range: touchpoint.name.range,
          message: `No question is about touchpoint '${touchpoint.name.text}'`,
          data: { touchpoint: touchpoint.name.text, insertAt: studyInsertPoint(model) },
        });
    }
  },
  cases: {
    valid: [{ name: 'asked about through its service', code: variant('about: visit', 'about: booking') }],
    invalid: [
      {
        name: 'a second touchpoint nobody asks about',
        code: UNASKED,
        messages: ["'call'"],
        output: {
          "Add a question about 'call' from the staff' side": withMember(
            UNASKED,
            'question call_staff "TODO: how do staff experience Reminder call?" {\n    about: call\n    perspective: staff\n    methods: talks\n  }',
          ),
        },
      },
    ],
  },
};
