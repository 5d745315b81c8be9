import { constructTarget, methodParticipants, perspectiveSides, sideOfActor, targets } from '../../model/analysis';
import { MethodDecl } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { StudyModel } from '../../model/model';
import { appendToList, startsAt } from '../fixes';
import { unmarked, variant } from '../fixture';
import { memoised } from '../memo';
import { FixContext, QuickFix, Rule } from '../rule';

const ONLINE_MODES: readonly string[] = ['online', 'video'];

/** Methods with participants on the service-user side (record reviews and logs hear from no one). */
function hearsServiceUsers(model: StudyModel, method: MethodDecl): boolean {
  return methodParticipants(model, method).some((actor) => sideOfActor(actor) === 'service_user');
}

const isOnline = (method: MethodDecl) => ONLINE_MODES.includes(keysOf(method).mode ?? '');

const EQUITY = variant('frameworks: reaim.reach', 'frameworks: reaim.reach, digital_inclusion.access').replace('constructs: reaim.reach', 'constructs: reaim.reach, digital_inclusion.access');
const ONLINE_ONLY = variant('constructs: reaim.reach, digital_inclusion.access', 'constructs: reaim.reach, [[digital_inclusion.access]]', EQUITY).replace(
  '    recording: audio\n',
  '    mode: video\n    recording: audio\n',
);
const OFFLINE_TOO = variant('  ethics {', '  method visits: observation "Observation in the waiting room" {\n    participants: patient\n    mode: face_to_face\n  }\n  ethics {', ONLINE_ONLY);

/** Also ask it through a method that meets service users offline. */
function addOfflineMethod({ finding, model }: FixContext): QuickFix[] {
  const question = model.questions.find((q) => q.file === finding.file && keysOf(q).constructs.some((v) => startsAt(v.range, finding.range)));
  if (!question) return [];
  const used = new Set(targets(model, keysOf(question).methods, 'method'));
  return model.methods
    .filter((m) => m.name.text && !used.has(m) && !isOnline(m) && hearsServiceUsers(model, m))
    .slice(0, 3)
    .flatMap((m, i) => appendToList(`Also ask through ${m.name.text} (${keysOf(m).mode ?? 'not online'})`, question.file, keysOf(question).$property.methods, m.name.text, i === 0));
}

export const digitalOnlyReach: Rule = {
  id: 'digital-only-reach',
  severity: 'warning',
  summary: 'A question asks service users about an equity construct only through online or video methods.',
  docs: 'An online survey or a video interview only hears from people who are already online: the people digital exclusion is about are the ones it misses. Reach service users for this question by telephone, on paper or face to face as well.',
  scope: 'study',
  fix: addOfflineMethod,
  check({ model, report }) {
    if (!model.study) return;
    // each method is asked about once, not once per question
    const hearsOnce = memoised((method: MethodDecl) => hearsServiceUsers(model, method));
    for (const question of model.questions) {
      if (!perspectiveSides(question).includes('service_user')) continue;
      const keys = keysOf(question);
      const equity = keys.constructs.find((value) => constructTarget(model, value)?.framework.kind === 'equity');
      if (!equity) continue;
      const reaching = targets(model, keys.methods, 'method').filter(hearsOnce);
      if (reaching.length === 0 || !reaching.every(isOnline)) continue;
      const how = reaching.map((m) => `${m.name.text}: ${keysOf(m).mode}`).join(', ');
      report({
        file: question.file,
        range: equity.range,
        message: `'${question.name.text}' asks service users about '${equity.path}' only online (${how}): it only hears from people who are already online`,
      });
    }
  },
  cases: {
    valid: [
      { name: 'an equity question asked face to face', code: variant('    recording: audio\n', '    mode: face_to_face\n    recording: audio\n', EQUITY) },
      { name: 'no mode given', code: EQUITY },
      { name: 'an online method, but not about equity', code: variant('    recording: audio\n', '    mode: online\n    recording: audio\n') },
      { name: 'an equity question asked of staff only online', code: variant('perspective: both', 'perspective: staff', unmarked(ONLINE_ONLY)) },
      { name: 'an offline method reaches service users too', code: variant('methods: talks', 'methods: talks, visits', unmarked(OFFLINE_TOO)) },
    ],
    invalid: [
      { name: 'an equity question asked by video only', code: ONLINE_ONLY, messages: ['talks: video'] },
      {
        name: 'an offline method in the study, not in the question',
        code: OFFLINE_TOO,
        messages: ['already online'],
        output: { 'Also ask through visits (face_to_face)': unmarked(OFFLINE_TOO).replace('methods: talks', 'methods: talks, visits') },
      },
    ],
  },
};
