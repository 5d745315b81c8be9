import { BOTH_SIDES, enumValue, perspectiveSides, questionsByTouchpoint, touchpointSides } from '../../model/analysis';
import { propertyOf } from '../../model/ast';
import { DIGITAL_CHANNELS } from '../../model/schema';
import { Rule } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';
import { studyInsertPoint } from './coverage';

const SIDE_NAMES = { staff: 'staff', service_user: 'service users' } as const;
const SIDE_POSSESSIVES = { staff: "staff's", service_user: "service users'" } as const;

export const touchpointNotEvaluated: Rule = {
  id: 'touchpoint-not-evaluated',
  severity: 'warning',
  summary: 'No question is about this touchpoint.',
  docs: 'Every touchpoint in the service should be asked about, directly or through a question about its whole service; otherwise leave it out of the specification.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    for (const [touchpoint, questions] of questionsByTouchpoint(model)) {
      if (questions.length === 0 && touchpoint.name.text) report({ file: touchpoint.file, range: touchpoint.name.range, message: `No question is about touchpoint '${touchpoint.name.text}'`, data: { touchpoint: touchpoint.name.text, insertAt: studyInsertPoint(model) } });
    }
  },
  cases: {
    valid: [{ name: 'asked about through its service', code: variant('about: visit', 'about: booking') }],
    invalid: [{ name: 'a second touchpoint nobody asks about', code: variant('    touchpoint visit', '    touchpoint [[call]] "Reminder call" {\n      channel: telephone\n      actors: nurse\n    }\n    touchpoint visit'), messages: ["'call'"] }],
  },
};

export const missingPerspective: Rule = {
  id: 'missing-perspective',
  severity: 'warning',
  summary: 'A touchpoint is asked about from one side only, although actors of both sides meet there.',
  docs: 'Co-production happens between staff and service users; a touchpoint where both meet should be seen from both sides. No actors listed counts as both sides.',
  scope: 'study',
  fixes: ['Add a question from the missing side'],
  check({ model, report }) {
    if (!model.study) return;
    for (const [touchpoint, questions] of questionsByTouchpoint(model)) {
      if (questions.length === 0) continue;
      const meeting = touchpointSides(model, touchpoint);
      if (meeting.size < 2) continue;
      const asked = new Set(questions.flatMap((q) => perspectiveSides(q)));
      // no valid perspective at all is missing-property or invalid-value, not a one-sided question
      if (asked.size === 0) continue;
      for (const side of BOTH_SIDES) {
        if (asked.has(side)) continue;
        const other = side === 'staff' ? 'service_user' : 'staff';
        report({ file: touchpoint.file, range: touchpoint.name.range, message: `'${touchpoint.name.text}' is asked about only from the ${SIDE_POSSESSIVES[other]} side, though ${SIDE_NAMES[side]} meet there too`, data: { touchpoint: touchpoint.name.text, missingSide: side, insertAt: studyInsertPoint(model) } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'both sides asked', code: CLEAN_STUDY },
      { name: 'only staff meet there', code: variant('actors: patient, nurse', 'actors: nurse').replace('perspective: both', 'perspective: staff') },
    ],
    invalid: [
      { name: 'staff side only', code: variant('perspective: both', 'perspective: staff').replace('touchpoint visit', 'touchpoint [[visit]]'), messages: ["only from the staff's side"] },
      { name: 'no actors listed counts as both', code: variant('      actors: patient, nurse\n', '').replace('perspective: both', 'perspective: service_user').replace('touchpoint visit', 'touchpoint [[visit]]'), messages: ['staff meet there too'] },
    ],
  },
};

export const digitalWithoutTool: Rule = {
  id: 'digital-without-tool',
  severity: 'warning',
  summary: 'A digital, video or hybrid touchpoint has no `via`.',
  docs: 'Name the tool (`via: app`) so the blueprint shows it and the protocol says what is being evaluated at this point.',
  scope: 'file',
  check({ model, report }) {
    for (const touchpoint of model.touchpoints) {
      const channel = enumValue(touchpoint, 'channel');
      if (!channel || !DIGITAL_CHANNELS.includes(channel) || propertyOf(touchpoint, 'via')) continue;
      const range = propertyOf(touchpoint, 'channel')?.values[0]?.range ?? touchpoint.name.range;
      report({ file: touchpoint.file, range, message: `This ${channel} touchpoint does not say which tool it happens through: add via:` });
    }
  },
  cases: {
    valid: [{ name: 'digital with via', code: variant('channel: face_to_face', 'channel: video\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "Video platform"').replace('constructs: reaim.reach', 'constructs: reaim.reach, digital_inclusion.access').replace('frameworks: reaim.reach', 'frameworks: reaim.reach, digital_inclusion.access') }],
    invalid: [{ name: 'video without via', code: variant('channel: face_to_face', 'channel: [[video]]'), messages: ['add via:'] }],
  },
};

export const digitalWithoutEquity: Rule = {
  id: 'digital-without-equity',
  severity: 'warning',
  summary: 'The study has a digital, video or hybrid touchpoint but no question addresses an equity construct and no equity framework is excluded.',
  docs: 'Digital routes can leave people out. Select an equity framework (`digital_inclusion`, `progress_plus`) and ask about it, or exclude it with a reason.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const digital = model.touchpoints.find((tp) => DIGITAL_CHANNELS.includes(enumValue(tp, 'channel') ?? ''));
    if (!digital) return;
    const equityAsked = model.references.some((site) => site.expects === 'construct' && site.key === 'constructs' && !site.problem && site.framework?.kind === 'equity');
    const equityExcluded = model.references.some((site) => site.key === 'exclude' && !site.problem && site.framework?.kind === 'equity');
    if (equityAsked || equityExcluded) return;
    const range = propertyOf(digital, 'channel')?.values[0]?.range ?? digital.name.range;
    report({ file: digital.file, range, message: `'${digital.name.text}' is ${enumValue(digital, 'channel')}, but no question addresses digital inclusion or another equity framework` });
  },
  cases: {
    valid: [
      { name: 'an equity construct asked', code: variant('channel: face_to_face', 'channel: hybrid\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"').replace('constructs: reaim.reach', 'constructs: reaim.reach, progress_plus.age').replace('frameworks: reaim.reach', 'frameworks: reaim.reach, progress_plus.age') },
      { name: 'an equity framework excluded', code: variant('channel: face_to_face', 'channel: hybrid\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"').replace('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude digital_inclusion "Everyone is offered a tablet and training."') },
    ],
    invalid: [{ name: 'digital with no equity', code: variant('channel: face_to_face', 'channel: [[digital]]\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"'), messages: ['digital inclusion'] }],
  },
};
