import { fixOf, quote, rangeWithin } from '../fixes';
import { variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

/** A placeholder reason, in place of the empty one or after the excluded reference. */
function addRationale({ finding, model }: FixContext): QuickFix[] {
  const exclude = model.excludes.find((e) => e.file === finding.file && rangeWithin(finding.range, e.range));
  if (!exclude) return [];
  const placeholder = quote('TODO: why this is out of scope');
  if (exclude.rationale) return [fixOf('Add a rationale placeholder', exclude.file, [{ range: exclude.rationale.range, newText: placeholder }], true)];
  if (!exclude.ref) return [];
  const end = exclude.ref.range.end;
  return [fixOf('Add a rationale placeholder', exclude.file, [{ range: { start: end, end }, newText: ` ${placeholder}` }], true)];
}

const output = { 'Add a rationale placeholder': variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption "TODO: why this is out of scope"') };

export const exclusionWithoutRationale: Rule = {
  id: 'exclusion-without-rationale',
  severity: 'error',
  summary: 'An `exclude` with an empty reason.',
  docs: 'The protocol prints every exclusion with its reason; a reviewer will ask why a construct was left out.',
  scope: 'file',
  fix: addRationale,
  check({ model, report }) {
    for (const exclude of model.excludes) {
      if (exclude.rationale && exclude.rationale.text.trim() !== '') continue;
      const range = exclude.rationale?.range ?? exclude.ref?.range ?? exclude.keywordRange;
      report({ file: exclude.file, range, message: `Excluding ${exclude.ref?.path ?? 'this'} needs a reason: the protocol prints it` });
    }
  },
  cases: {
    valid: [
      {
        name: 'with a reason',
        code: variant(
          'frameworks: reaim.reach',
          'frameworks: reaim\n  exclude reaim.effectiveness "x"\n  exclude reaim.adoption "x"\n  exclude reaim.implementation "x"\n  exclude reaim.maintenance "Beyond the study period."',
        ),
      },
    ],
    invalid: [
      { name: 'empty reason', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption [[""]]'), messages: ['needs a reason'], output },
      { name: 'blank reason', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption [["   "]]'), output },
      { name: 'no reason at all', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude [[reaim.adoption]]'), output },
    ],
  },
};
