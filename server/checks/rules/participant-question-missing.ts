import { Side } from '../../frameworks/types';
import { guidePlans, guideSections } from '../../model/guidePlan';
import { QuestionDecl } from '../../model/ast';
import { StudyModel } from '../../model/model';
import { fixOf, indentOf, lineText, quote, rangeWithin } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';
import { SIDE_NAMES } from '../sides';

/** The opening question a guide drafts for a question and side, from the first guide that asks it. */
function draftFor(model: StudyModel, question: QuestionDecl, side: Side): string | undefined {
  for (const plan of guidePlans(model).values()) {
    const opening = plan.sections.find((s) => s.question === question)?.openings.find((o) => o.side === side);
    if (opening?.drafted) return opening.text;
  }
  return undefined;
}

/** Inserts the draft as `ask_<side>:` after the question's last property (or first thing in its body). */
function insertDraft({ finding, model, file }: FixContext): QuickFix[] {
  const side = finding.data?.missingSide;
  const question = model.questions.find((q) => q.file === finding.file && rangeWithin(finding.range, q.range));
  if (!side || !question) return [];
  const draft = draftFor(model, question, side);
  const last = question.properties[question.properties.length - 1];
  if (!draft || !last) return [];
  const indent = indentOf(lineText(file, last.range.start.line));
  const at = last.range.end;
  return [fixOf(`Add ask_${side}: the drafted question`, question.file, [{ range: { start: at, end: at }, newText: `\n${indent}ask_${side}: ${quote(draft)}` }], true)];
}

/** The shared fixture words the question for both sides. */
const ASKED = CLEAN_STUDY;
const UNWORDED = variant('    ask_staff: "Who comes to the clinic, and who does not?"\n    ask_service_user: "How did you come to use the clinic?"\n', '');

export const participantQuestionMissing: Rule = {
  id: 'participant-question-missing',
  severity: 'hint',
  summary: 'A question asked in an interview or focus group has no `ask_staff`/`ask_service_user` for a side it asks.',
  docs: "The guide opens each section with the question in the participant's words. Without `ask_staff` or `ask_service_user` it prints a question drafted from the touchpoint, marked as a draft; the quick fix inserts that draft for you to edit.",
  scope: 'study',
  fix: insertDraft,
  check({ model, report }) {
    // the sides reported, by question name (questions of the same name are reported once)
    const reported = new Map<string, Side[]>();
    for (const [guided, sections] of guideSections(model)) {
      for (const section of sections) {
        for (const opening of section.openings) {
          if (!opening.drafted) continue;
          const name = section.question.name.text;
          const sides = reported.get(name);
          if (sides?.includes(opening.side)) continue;
          if (sides) sides.push(opening.side);
          else reported.set(name, [opening.side]);
          const method = guided.name.text;
          report({
            file: section.question.file,
            range: section.question.name.range,
            message: `'${method}' asks ${SIDE_NAMES[opening.side]} '${section.question.name.text}' in drafted words ("${opening.text}"): add ask_${opening.side}: with the question as you would put it`,
            data: { missingSide: opening.side },
          });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'both sides worded', code: ASKED },
      {
        name: 'a survey needs no wording',
        code: ASKED.replace('method talks: interview', 'method talks: survey').replace(
          '    ask_staff: "Who comes to the clinic, and who does not?"\n    ask_service_user: "How did you come to use the clinic?"\n',
          '',
        ),
      },
    ],
    invalid: [
      {
        name: 'no wording for service users',
        code: ASKED.replace('    ask_service_user: "How did you come to use the clinic?"\n', '').replace('question reach_q', 'question [[reach_q]]'),
        messages: ['asks service users \'reach_q\' in drafted words ("Can you tell me about the clinic visit, and what it was like?")'],
        output: {
          'Add ask_service_user: the drafted question': ASKED.replace('    ask_service_user: "How did you come to use the clinic?"\n', '').replace(
            '"Who comes to the clinic, and who does not?"',
            '"Who comes to the clinic, and who does not?"\n    ask_service_user: "Can you tell me about the clinic visit, and what it was like?"',
          ),
        },
      },
      {
        name: 'a staff interview without staff wording',
        code: UNWORDED.replace('question reach_q', 'question [[reach_q]]').replace('participants: patient, nurse', 'participants: nurse'),
        messages: ["'talks' asks staff 'reach_q'"],
        output: {
          'Add ask_staff: the drafted question': UNWORDED.replace(
            '    methods: talks\n',
            '    methods: talks\n    ask_staff: "Can you tell me about the clinic visit, and what it was like?"\n',
          ).replace('participants: patient, nurse', 'participants: nurse'),
        },
      },
    ],
  },
};
