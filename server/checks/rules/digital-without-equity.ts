import { constructTarget, questionsByTouchpoint, selectionTargets, sideOfActor, touchpointActors } from '../../model/analysis';
import { QuestionDecl, TouchpointDecl } from '../../model/ast';
import { keysOf } from '../../model/keys';
import { StudyModel } from '../../model/model';
import { DIGITAL_CHANNELS } from '../../model/schema';
import { appendToList } from '../fixes';
import { unmarked, variant } from '../fixture';
import { memoised } from '../memo';
import { FixContext, QuickFix, Rule } from '../rule';

/** Service users take part: the step is in their sight, or one of them is among its actors. */
function serviceUsersTakePart(model: StudyModel, touchpoint: TouchpointDecl): boolean {
  const keys = keysOf(touchpoint);
  return keys.backstage !== true || touchpointActors(model, touchpoint).some((actor) => sideOfActor(actor) === 'service_user');
}

/** A selected equity framework excluded as a whole, with a reason. */
function equityExcludedWhole(model: StudyModel): boolean {
  return model.excludes.some((exclude) => {
    const site = exclude.ref && model.referenceByValue.get(exclude.ref);
    if (!site?.framework || site.problem || site.construct || site.framework.kind !== 'equity') return false;
    return model.selectedFrameworks.has(site.framework) && (exclude.rationale?.text.trim() ?? '') !== '';
  });
}

/** Add the first equity construct the study selects to a question about the touchpoint, those about it directly first. */
function addEquityConstruct({ finding, model }: FixContext): QuickFix[] {
  const touchpoint = model.touchpoints.find((t) => t.name.text === finding.data?.touchpoint);
  const construct = model.selections.filter((s) => s.framework?.kind === 'equity').flatMap(selectionTargets)[0];
  if (!touchpoint || !construct) return [];
  const direct = (q: (typeof model.questions)[number]) => keysOf(q).about.some((v) => model.referenceByValue.get(v)?.declaration === touchpoint);
  const questions = [...(questionsByTouchpoint(model).get(touchpoint) ?? [])].sort((a, b) => Number(direct(b)) - Number(direct(a)));
  const fixes: QuickFix[] = [];
  for (const question of questions.slice(0, 3)) {
    if (!question.name.text) continue;
    fixes.push(...appendToList(`Add ${construct.path} to '${question.name.text}' constructs:`, question.file, keysOf(question).$property.constructs, construct.path, fixes.length === 0));
  }
  return fixes;
}

const TOOL = (code: string) => variant('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "App"', code);
const DIGITAL = TOOL(variant('channel: face_to_face', 'channel: [[digital]]\n      via: app'));
const WITH_EQUITY = unmarked(DIGITAL).replace('frameworks: reaim.reach', 'frameworks: reaim.reach, progress_plus.age').replace('constructs: reaim.reach', 'constructs: reaim.reach, progress_plus.age');
/** A second, face-to-face step whose question asks about equity: it does not speak for the digital one. */
const ELSEWHERE = variant(
  '  question reach_q',
  '  service follow_up "Follow-up" {\n    touchpoint leaflet "Leaflet at the desk" {\n      channel: face_to_face\n      actors: patient, nurse\n    }\n  }\n  question leaflet_q "Who takes a leaflet?" {\n    about: leaflet\n    perspective: both\n    constructs: progress_plus.age\n    methods: talks\n  }\n  question reach_q',
  DIGITAL.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, progress_plus.age'),
);

const NO_REASON = DIGITAL.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, digital_inclusion\n  exclude digital_inclusion ""');

export const digitalWithoutEquity: Rule = {
  id: 'digital-without-equity',
  severity: 'warning',
  summary: 'A digital, video or hybrid touchpoint where service users take part has no question about it, or its service, that addresses an equity construct.',
  docs: 'Digital routes can leave people out, and each digital step can leave out different people. Ask about every such step with an equity construct (`digital_inclusion`, `progress_plus`), or select an equity framework and exclude it as a whole with a reason. An exclusion of a framework the study does not select silences nothing.',
  scope: 'study',
  fix: addEquityConstruct,
  check({ model, report }) {
    if (!model.study || equityExcludedWhole(model)) return;
    const byTouchpoint = questionsByTouchpoint(model);
    // a question about a whole service speaks for each of its steps: ask it once
    const asksAboutEquity = memoised((q: QuestionDecl) => keysOf(q).constructs.some((value) => constructTarget(model, value)?.framework.kind === 'equity'));
    for (const touchpoint of model.touchpoints) {
      const keys = keysOf(touchpoint);
      if (!DIGITAL_CHANNELS.includes(keys.channel ?? '') || !serviceUsersTakePart(model, touchpoint)) continue;
      const asked = (byTouchpoint.get(touchpoint) ?? []).some(asksAboutEquity);
      if (asked) continue;
      const range = keys.$property.channel?.values[0]?.range ?? touchpoint.name.range;
      report({
        file: touchpoint.file,
        range,
        message: `'${touchpoint.name.text}' is ${keys.channel}, but no question about it or its service addresses digital inclusion or another equity framework`,
        data: { touchpoint: touchpoint.name.text },
      });
    }
  },
  cases: {
    valid: [
      { name: 'an equity construct asked about the step', code: WITH_EQUITY },
      { name: 'an equity construct asked about its service', code: variant('about: visit', 'about: booking', WITH_EQUITY) },
      {
        name: 'a selected equity framework excluded as a whole',
        code: unmarked(DIGITAL).replace('frameworks: reaim.reach', 'frameworks: reaim.reach, digital_inclusion\n  exclude digital_inclusion "Everyone is offered a tablet and training."'),
      },
      {
        name: 'a backstage digital step of staff',
        code: variant('      actors: patient, nurse\n', '      backstage: yes\n      actors: nurse\n', unmarked(DIGITAL)).replace('perspective: both', 'perspective: staff'),
      },
    ],
    invalid: [
      { name: 'digital with no equity', code: DIGITAL, messages: ['digital inclusion'] },
      {
        name: 'an equity question about another, face-to-face step',
        code: ELSEWHERE,
        messages: ["'visit' is digital"],
        output: { "Add progress_plus.age to 'reach_q' constructs:": unmarked(ELSEWHERE).replace('constructs: reaim.reach', 'constructs: reaim.reach, progress_plus.age') },
      },
      { name: 'an exclusion of an equity framework not selected', code: DIGITAL.replace('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude progress_plus "Not relevant here."') },
      {
        name: 'an equity framework selected and excluded without a reason',
        code: NO_REASON,
        output: { "Add digital_inclusion.access to 'reach_q' constructs:": unmarked(NO_REASON).replace('constructs: reaim.reach', 'constructs: reaim.reach, digital_inclusion.access') },
      },
    ],
  },
};
