import { perspectiveSides, sideOfActor, targets, touchpointsAbout } from '../../model/analysis';
import { TouchpointDecl } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { StudyModel } from '../../model/model';
import { appendToList, fixOf, startsAt } from '../fixes';
import { unmarked, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

const BACKSTAGE = variant('      actors: patient, nurse\n', '      backstage: yes\n      actors: nurse\n');
const ASKED = variant('about: visit', 'about: [[visit]]', BACKSTAGE);

/** Backstage, with actors listed and no service user or carer among them (no actors listed counts as both sides). */
function outOfServiceUsersSight(model: StudyModel, touchpoint: TouchpointDecl): boolean {
  const keys = keysOf(touchpoint);
  return keys.backstage === true && !!keys.$property.actors && !targets(model, keys.actors, 'actor').some((actor) => sideOfActor(actor) === 'service_user');
}

/** Add a service-user or carer actor to the touchpoint, or ask staff instead. */
function fixPerspective({ finding, model }: FixContext): QuickFix[] {
  const touchpoint = model.touchpoints.find((t) => t.name.text === finding.data?.touchpoint);
  const question = model.questions.find((q) => q.file === finding.file && keysOf(q).about.some((v) => startsAt(v.range, finding.range)));
  const fixes: QuickFix[] = [];
  if (touchpoint) {
    for (const actor of model.actors.filter((a) => sideOfActor(a) === 'service_user' && a.name.text).slice(0, 3)) {
      fixes.push(...appendToList(`Add ${actor.name.text} to '${touchpoint.name.text}' actors:`, touchpoint.file, keysOf(touchpoint).$property.actors, actor.name.text));
    }
  }
  const perspective = question && keysOf(question).$property.perspective?.values[0];
  if (question && perspective) fixes.push(fixOf('Ask staff only (perspective: staff)', question.file, [{ range: perspective.range, newText: 'staff' }], true));
  return fixes;
}

export const perspectiveNotPresent: Rule = {
  id: 'perspective-not-present',
  severity: 'warning',
  summary: 'A question asks service users about a backstage touchpoint where no service user or carer takes part.',
  docs: "A backstage step (`backstage: yes`) happens out of the service user's sight; if no service user or carer is among its `actors`, they cannot speak to it from experience. Ask staff about it, or list the service user among its actors if they do take part. No actors listed counts as both sides.",
  scope: 'study',
  fix: fixPerspective,
  check({ model, report }) {
    if (!model.study) return;
    for (const question of model.questions) {
      if (!perspectiveSides(question).includes('service_user')) continue;
      // a question that spans a step service users see as well (the decision and the letter it leads to) can be asked of them
      if (touchpointsAbout(model, question).some((tp) => !outOfServiceUsersSight(model, tp))) continue;
      for (const value of keysOf(question).about) {
        const [touchpoint] = targets(model, [value], 'touchpoint');
        if (!touchpoint || !outOfServiceUsersSight(model, touchpoint)) continue;
        report({
          file: question.file,
          range: value.range,
          message: `'${question.name.text}' asks service users about '${touchpoint.name.text}', a backstage step where no service user or carer takes part: they cannot see it`,
          data: { touchpoint: touchpoint.name.text },
        });
      }
    }
  },
  cases: {
    valid: [
      { name: 'a backstage step asked from the staff side', code: variant('perspective: both', 'perspective: staff', BACKSTAGE) },
      { name: 'a backstage step a service user takes part in', code: variant('      actors: patient, nurse\n', '      backstage: yes\n      actors: patient, nurse\n') },
      { name: 'a staff-only step in sight of service users', code: variant('actors: patient, nurse', 'actors: nurse') },
      {
        name: 'a backstage step asked together with a step service users see',
        code: variant('about: visit', 'about: visit, letter', BACKSTAGE).replace(
          '    }\n  }\n  question',
          '    }\n    touchpoint letter "Appointment letter" {\n      channel: paper\n      actors: patient\n    }\n  }\n  question',
        ),
      },
      { name: 'a backstage step with no actors listed', code: variant('      actors: patient, nurse\n', '      backstage: yes\n') },
    ],
    invalid: [
      {
        name: 'service users asked about a backstage step of staff',
        code: ASKED,
        messages: ['they cannot see it'],
        output: {
          "Add patient to 'visit' actors:": unmarked(ASKED).replace('actors: nurse', 'actors: nurse, patient'),
          'Ask staff only (perspective: staff)': unmarked(ASKED).replace('perspective: both', 'perspective: staff'),
        },
      },
      {
        name: 'asked from the service-user side only',
        code: variant('perspective: both', 'perspective: service_user', ASKED),
        messages: ["asks service users about 'visit'"],
        output: {
          "Add patient to 'visit' actors:": unmarked(ASKED).replace('actors: nurse', 'actors: nurse, patient').replace('perspective: both', 'perspective: service_user'),
          'Ask staff only (perspective: staff)': unmarked(ASKED).replace('perspective: both', 'perspective: staff'),
        },
      },
    ],
  },
};
