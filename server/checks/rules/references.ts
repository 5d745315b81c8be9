import { ReferenceProblemRule } from '../../model/model';
import { Rule, RuleContext } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';

function reportReferenceProblems(rule: ReferenceProblemRule) {
  return ({ model, report }: RuleContext): void => {
    for (const site of model.references) {
      const problem = site.problem;
      if (!problem || problem.rule !== rule) continue;
      report({ file: site.file, range: problem.range, message: problem.message, suggestions: problem.suggestions, data: { replaceRange: problem.replaceRange } });
    }
  };
}

export const unknownReference: Rule = {
  id: 'unknown-reference',
  severity: 'error',
  summary: 'A reference names nothing in scope.',
  docs: 'Names are looked up in the study and in every fragment it imports. The message suggests the nearest name of the expected kind; the quick fix replaces the reference with it.',
  scope: 'file',
  fixes: ['Replace with the nearest name'],
  check: reportReferenceProblems('unknown-reference'),
  cases: {
    valid: [{ name: 'every name declared', code: CLEAN_STUDY }],
    invalid: [
      { name: 'typo in about', code: variant('about: visit', 'about: [[vist]]'), messages: ["did you mean 'visit'"] },
      { name: 'typo in participants', code: variant('participants: patient, nurse', 'participants: patient, [[nurse_x]]'), messages: ["named 'nurse_x'"] },
    ],
  },
};

export const wrongKind: Rule = {
  id: 'wrong-kind',
  severity: 'error',
  summary: 'A reference names something of the wrong kind, such as an actor in `about:`.',
  docs: '`about:` takes touchpoints or services, `methods:` methods, `participants:` and `actors:` actors, `via:` tools.',
  scope: 'file',
  fixes: ['Replace with the nearest name of the right kind'],
  check: reportReferenceProblems('wrong-kind'),
  cases: {
    valid: [{ name: 'a service in about', code: variant('about: visit', 'about: booking') }],
    invalid: [
      { name: 'an actor in about', code: variant('about: visit', 'about: [[patient]]'), messages: ["'patient' is an actor"] },
      { name: 'a question in methods', code: variant('methods: talks', 'methods: [[reach_q]]'), messages: ['takes a method'] },
    ],
  },
};

export const unknownConstruct: Rule = {
  id: 'unknown-construct',
  severity: 'error',
  summary: 'A construct reference is not in its framework.',
  docs: 'A construct is named by its path from the framework id, e.g. `npt.coherence.differentiation`. The message suggests the nearest construct at the level that went wrong, using the framework file\'s aliases too.',
  scope: 'file',
  fixes: ['Replace with the nearest construct'],
  check: reportReferenceProblems('unknown-construct'),
  cases: {
    valid: [{ name: 'a sub-construct of a selected framework', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, npt.coherence\n  exclude npt.coherence "Not in scope."').replace('constructs: reaim.reach', 'constructs: reaim.reach, npt.coherence.differentiation') }],
    invalid: [
      { name: 'a misspelt construct', code: variant('constructs: reaim.reach', 'constructs: reaim.[[reech]]'), messages: ["did you mean 'reaim.reach'"] },
      { name: 'an unknown framework in a construct path', code: variant('constructs: reaim.reach', 'constructs: reaim.reach, [[reeam]].adoption'), messages: ["did you mean 'reaim'"] },
      { name: 'an alias instead of the id', code: variant('constructs: reaim.reach', 'constructs: reaim.reach, npt.[[sense_making]]'), messages: ['npt.coherence'] },
    ],
  },
};

export const unknownFramework: Rule = {
  id: 'unknown-framework',
  severity: 'error',
  summary: '`frameworks:` names no built-in framework or readable framework file.',
  docs: 'Use a built-in id (coproduction, four_cos, npt, cfir, reaim, proctor, nasss, digital_inclusion, progress_plus), a part of one (`cfir.inner_setting`), or the path of your own JSON framework file in quotes.',
  scope: 'file',
  fixes: ['Replace with the nearest framework id'],
  check(context) {
    reportReferenceProblems('unknown-framework')(context);
    for (const selection of context.model.selections) {
      if (selection.load?.status === 'missing' && selection.pathValue) {
        context.report({ file: selection.file, range: selection.pathValue.range, message: `No framework file at '${selection.pathValue.text}' (${selection.load.reason})` });
      }
    }
  },
  cases: {
    valid: [{ name: 'a framework file of the user', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./mine.json"\n  exclude mine "Later."'), files: { 'mine.json': '{"id":"mine","name":"Mine","kind":"outcomes","citation":"Me (2026).","constructs":[{"id":"a","name":"A","definition":"An A."}]}' } }],
    invalid: [
      { name: 'a misspelt id', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [[nptt]]'), messages: ["No framework 'nptt'"] },
      { name: 'a missing file', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./absent.json"]]'), messages: ['No framework file'] },
    ],
  },
};

export const invalidFramework: Rule = {
  id: 'invalid-framework',
  severity: 'error',
  summary: 'A framework file is not valid JSON or does not match the framework schema.',
  docs: 'Reported at the reference in `frameworks:` and at each problem in the JSON file itself. The schema is `schemas/framework.schema.json`; VS Code validates framework files against it as you edit them.',
  scope: 'file',
  check({ model, report }) {
    for (const selection of model.selections) {
      const load = selection.load;
      if (load?.status !== 'invalid' || !selection.pathValue) continue;
      const count = load.problems.length;
      report({ file: selection.file, range: selection.pathValue.range, message: `'${selection.pathValue.text}' is not a valid framework file (${count} problem${count === 1 ? '' : 's'}): ${load.problems[0]?.message ?? ''}` });
      for (const problem of load.problems) report({ file: load.file, range: problem.range, message: problem.message });
    }
  },
  cases: {
    valid: [{ name: 'a valid file', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./ok.json"\n  exclude ok "Later."'), files: { 'ok.json': '{"id":"ok","name":"Ok","kind":"equity","citation":"X (2020).","constructs":[]}' } }],
    invalid: [
      { name: 'missing citation', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./bad.json"]]'), files: { 'bad.json': '{"id":"bad","name":"Bad","kind":"equity","constructs":[]}' }, messages: ['"citation" is required'] },
      { name: 'not JSON', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./broken.json"]]'), files: { 'broken.json': '{"id": "broken",' }, messages: ['Not valid JSON'] },
    ],
  },
};
