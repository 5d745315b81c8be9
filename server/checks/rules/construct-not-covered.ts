import { Construct } from '../../frameworks/types';
import { BOTH_SIDES, journey } from '../../model/analysis';
import { StudyModel } from '../../model/model';
import { freshName, insertIntoStudy, methodReaching, quote, studyInsertPoint } from '../fixes';
import { variant, withMember } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

function constructOf(model: StudyModel, path: string | undefined): Construct | undefined {
  if (!path) return undefined;
  const [frameworkId, ...rest] = path.split('.');
  const framework = model.frameworks.get(frameworkId);
  return rest.length === 0 ? undefined : framework?.byPath.get(rest.join('.'));
}

/** A question skeleton with the framework's prompts as probes, or an exclusion to give a reason for. */
function coverConstruct(context: FixContext): QuickFix[] {
  const { finding, model } = context;
  const path = finding.data?.construct;
  const construct = constructOf(model, path);
  if (!path) return [];
  const question = ['question ' + freshName(model, construct?.id ?? path.split('.').pop() ?? 'question') + ' ' + quote(`TODO: what do we want to learn about ${construct?.name ?? path}?`) + ' {'];
  const touchpoint = journey(model).find((t) => t.name.text);
  if (touchpoint) question.push(`\tabout: ${touchpoint.name.text}`);
  question.push('\tperspective: both', `\tconstructs: ${path}`);
  const method = methodReaching(model, BOTH_SIDES, ['interview']) ?? model.methods.find((m) => m.methodKind?.text === 'interview' && m.name.text);
  if (method) question.push(`\tmethods: ${method.name.text}`);
  const prompts = construct ? [...construct.prompts.staff, ...construct.prompts.service_user] : [];
  if (prompts.length > 0) question.push(`\tprobes: ${prompts.map(quote).join(',\n\t\t')}`);
  question.push('}');
  return [
    ...insertIntoStudy(context, `Add a question about ${path}${construct ? ` (${construct.name})` : ''}`, question, true),
    ...insertIntoStudy(context, `Exclude ${path} with a reason`, [`exclude ${path} ${quote('TODO: why this construct is out of scope')}`]),
  ];
}

const LEFT_OUT = variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [[npt]]\n  exclude npt.coherence "x"\n  exclude npt.collective_action "x"\n  exclude npt.reflexive_monitoring "x"');
const LEAF = variant('constructs: reaim.reach', 'constructs: reaim.adoption').replace('frameworks: reaim.reach', 'frameworks: [[reaim.reach]]\n  exclude reaim.adoption "x"');

export const constructNotCovered: Rule = {
  id: 'construct-not-covered',
  severity: 'warning',
  summary: 'A construct the study selected is addressed by no question and not excluded.',
  docs: "Coverage is counted over the constructs directly below what `frameworks:` selects (for `npt`, its four constructs; for `cfir.inner_setting`, that domain's constructs). A question covers a construct when it names it or anything below it. Either ask about it, or `exclude` it with the reason the protocol will print.",
  scope: 'study',
  fix: coverConstruct,
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
      {
        name: 'covered through a sub-construct',
        code: variant(
          'frameworks: reaim.reach',
          'frameworks: reaim.reach, npt.coherence\n  exclude npt.coherence.differentiation "x"\n  exclude npt.coherence.communal_specification "x"\n  exclude npt.coherence.individual_specification "x"',
        ).replace('constructs: reaim.reach', 'constructs: reaim.reach, npt.coherence.internalisation'),
      },
      { name: 'a whole framework excluded', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, proctor\n  exclude proctor "Outcomes are measured in a separate study."') },
    ],
    invalid: [
      {
        name: 'a construct left out',
        code: LEFT_OUT,
        messages: ['npt.cognitive_participation'],
        output: {
          'Add a question about npt.cognitive_participation (Cognitive participation (relational work))': withMember(
            LEFT_OUT,
            'question cognitive_participation "TODO: what do we want to learn about Cognitive participation (relational work)?" {\n    about: visit\n    perspective: both\n    constructs: npt.cognitive_participation\n    methods: talks\n    probes: "How did you come to be involved in using {tool}?",\n      "Who has been involved in making this new way of working happen, and what have they done?",\n      "How did you come to start using {tool}?",\n      "Who, if anyone, encouraged you to use it, and how?"\n  }',
          ),
          'Exclude npt.cognitive_participation with a reason': withMember(LEFT_OUT, 'exclude npt.cognitive_participation "TODO: why this construct is out of scope"'),
        },
      },
      {
        name: 'a selected leaf construct',
        code: LEAF,
        messages: ['reaim.reach (Reach) is not addressed'],
        output: {
          'Add a question about reaim.reach (Reach)': withMember(
            LEAF,
            'question reach "TODO: what do we want to learn about Reach?" {\n    about: visit\n    perspective: both\n    constructs: reaim.reach\n    methods: talks\n    probes: "Who is using {tool}, and who do you think is not?",\n      "What do you know about why some people do not use it?",\n      "How did you first hear about {tool}?",\n      "Who do you know who could use {tool} but does not, and why might that be?"\n  }',
          ),
          'Exclude reaim.reach with a reason': withMember(LEAF, 'exclude reaim.reach "TODO: why this construct is out of scope"'),
        },
      },
    ],
  },
};
