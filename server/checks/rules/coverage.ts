import { Range } from '../../common/range';
import { StudyModel } from '../../model/model';
import { Rule } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';

/** Just before the study's closing brace, where quick fixes insert new members. */
export function studyInsertPoint(model: StudyModel): Range | undefined {
  const end = model.study?.bodyRange?.end;
  return end ? { start: end, end } : undefined;
}

export const constructNotCovered: Rule = {
  id: 'construct-not-covered',
  severity: 'warning',
  summary: 'A construct the study selected is addressed by no question and not excluded.',
  docs: 'Coverage is counted over the constructs directly below what `frameworks:` selects (for `npt`, its four constructs; for `cfir.inner_setting`, that domain\'s constructs). A question covers a construct when it names it or anything below it. Either ask about it, or `exclude` it with the reason the protocol will print.',
  scope: 'study',
  fixes: ['Add a question skeleton with the framework\'s prompt', 'Exclude it with a rationale'],
  check({ model, report, coverage }) {
    for (const target of coverage()) {
      if (target.status !== 'uncovered') continue;
      const selection = target.selection;
      const range = selection.ref?.range ?? selection.pathValue?.range;
      if (!range) continue;
      const construct = target.construct;
      report({
        file: selection.file,
        range,
        message: `${construct.path} (${construct.name}) is not addressed by any question and not excluded`,
        data: { construct: construct.path, insertAt: studyInsertPoint(model) },
      });
    }
  },
  cases: {
    valid: [
      { name: 'covered through a sub-construct', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, npt.coherence\n  exclude npt.coherence.differentiation "x"\n  exclude npt.coherence.communal_specification "x"\n  exclude npt.coherence.individual_specification "x"').replace('constructs: reaim.reach', 'constructs: reaim.reach, npt.coherence.internalisation') },
      { name: 'a whole framework excluded', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, proctor\n  exclude proctor "Outcomes are measured in a separate study."') },
    ],
    invalid: [
      { name: 'a construct left out', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [[npt]]\n  exclude npt.coherence "x"\n  exclude npt.collective_action "x"\n  exclude npt.reflexive_monitoring "x"'), messages: ['npt.cognitive_participation'] },
      { name: 'a selected leaf construct', code: variant('constructs: reaim.reach', 'constructs: reaim.adoption').replace('frameworks: reaim.reach', 'frameworks: [[reaim.reach]]\n  exclude reaim.adoption "x"'), messages: ['reaim.reach (Reach) is not addressed'] },
    ],
  },
};

export const exclusionWithoutRationale: Rule = {
  id: 'exclusion-without-rationale',
  severity: 'error',
  summary: 'An `exclude` with an empty reason.',
  docs: 'The protocol prints every exclusion with its reason; a reviewer will ask why a construct was left out.',
  scope: 'file',
  fixes: ['Add a rationale placeholder'],
  check({ model, report }) {
    for (const exclude of model.excludes) {
      if (exclude.rationale && exclude.rationale.text.trim() !== '') continue;
      const range = exclude.rationale?.range ?? exclude.ref?.range ?? exclude.keywordRange;
      report({ file: exclude.file, range, message: `Excluding ${exclude.ref?.path ?? 'this'} needs a reason: the protocol prints it` });
    }
  },
  cases: {
    valid: [{ name: 'with a reason', code: variant('frameworks: reaim.reach', 'frameworks: reaim\n  exclude reaim.effectiveness "x"\n  exclude reaim.adoption "x"\n  exclude reaim.implementation "x"\n  exclude reaim.maintenance "Beyond the study period."') }],
    invalid: [
      { name: 'empty reason', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption [[""]]'), messages: ['needs a reason'] },
      { name: 'blank reason', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption [["   "]]') },
      { name: 'no reason at all', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude [[reaim.adoption]]') },
    ],
  },
};

export const frameworkNotSelected: Rule = {
  id: 'framework-not-selected',
  severity: 'warning',
  summary: 'A question or touchpoint uses a construct of a framework the study does not select.',
  docs: 'Add the framework (or the part you use) to `frameworks:`, so that the protocol cites it and coverage is checked.',
  scope: 'study',
  fixes: ['Add the framework to frameworks:'],
  check({ model, report }) {
    if (!model.study) return;
    for (const site of model.references) {
      if (site.expects !== 'construct' || site.key === 'exclude' || site.problem || !site.framework) continue;
      if (model.selectedFrameworks.has(site.framework)) continue;
      report({ file: site.file, range: site.value.segments[0].range, message: `'${site.value.path}' belongs to ${site.framework.name} (${site.framework.id}), which the study does not select in frameworks:`, data: { construct: site.value.path } });
    }
  },
  cases: {
    valid: [{ name: 'a selected framework', code: CLEAN_STUDY }],
    invalid: [{ name: 'an unselected framework', code: variant('constructs: reaim.reach', 'constructs: reaim.reach, [[proctor]].feasibility'), messages: ['does not select'] }],
  },
};
