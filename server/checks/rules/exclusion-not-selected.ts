import { selects } from '../../model/analysis';
import { keysOf } from '../../model/keys';
import { appendToList, fixOf, lineText, startsAt } from '../fixes';
import { unmarked, variant } from '../fixture';
import { FixContext, QuickFix, Rule } from '../rule';

const UNSELECTED = variant('frameworks: reaim.reach\n', 'frameworks: reaim.reach\n  exclude [[progress_plus.religion]] "Faith plays no part in booking."\n');
const OTHER_PART = variant('frameworks: reaim.reach\n', 'frameworks: reaim.reach\n  exclude [[reaim.maintenance]] "The pilot ends before maintenance could be seen."\n');

/** Remove the exclusion (its whole lines when it stands alone), or select what it names. */
function fixExclusion({ finding, model, file }: FixContext): QuickFix[] {
  const exclude = model.excludes.find((e) => e.ref && e.file === finding.file && startsAt(e.ref.range, finding.range));
  const site = exclude?.ref && model.referenceByValue.get(exclude.ref);
  if (!exclude?.ref || !site?.framework) return [];
  const { start, end } = exclude.range;
  const alone = lineText(file, start.line).slice(0, start.character).trim() === '' && lineText(file, end.line).slice(end.character).trim() === '';
  const range = alone ? { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } } : exclude.range;
  const fixes = [fixOf('Remove the exclusion', exclude.file, [{ range, newText: '' }], true)];
  if (model.study) {
    const selection = model.selectedFrameworks.has(site.framework) ? exclude.ref.path : site.framework.id;
    fixes.push(...appendToList(`Add ${selection} to frameworks:`, model.study.file, keysOf(model.study).$property.frameworks, selection));
  }
  return fixes;
}

export const exclusionNotSelected: Rule = {
  id: 'exclusion-not-selected',
  severity: 'warning',
  summary: 'An exclude names a framework or construct the study does not select, so it excludes nothing.',
  docs: 'Only what `frameworks:` selects is checked for coverage, so an exclusion of anything else excludes nothing and counts for nothing: it does not silence `digital-without-equity`, and the protocol does not list it. Remove it, or select what it names and keep the reason.',
  scope: 'study',
  fix: fixExclusion,
  check({ model, report }) {
    if (!model.study) return;
    for (const exclude of model.excludes) {
      const site = exclude.ref && model.referenceByValue.get(exclude.ref);
      if (!exclude.ref || !site?.framework || site.problem) continue;
      if (selects(model, site.framework, site.construct)) continue;
      const what = site.construct && model.selectedFrameworks.has(site.framework) ? `this part of ${site.framework.name} (${site.framework.id})` : `${site.framework.name} (${site.framework.id})`;
      report({ file: exclude.file, range: exclude.ref.range, message: `'${exclude.ref.path}' is excluded, but frameworks: does not select ${what}: the exclusion excludes nothing` });
    }
  },
  cases: {
    valid: [
      {
        name: 'a part of a selected framework',
        code: variant('frameworks: reaim.reach\n', 'frameworks: reaim.reach, reaim.maintenance\n  exclude reaim.maintenance "The pilot ends before maintenance could be seen."\n'),
      },
      { name: 'a part below a selected part', code: variant('frameworks: reaim.reach\n', 'frameworks: reaim, progress_plus\n  exclude progress_plus.religion "Faith plays no part in booking."\n') },
    ],
    invalid: [
      {
        name: 'a construct of a framework not selected',
        code: UNSELECTED,
        messages: ['does not select PROGRESS-Plus'],
        output: {
          'Remove the exclusion': unmarked(variant('  exclude [[progress_plus.religion]] "Faith plays no part in booking."\n', '', UNSELECTED)),
          'Add progress_plus to frameworks:': unmarked(UNSELECTED).replace('frameworks: reaim.reach', 'frameworks: reaim.reach, progress_plus'),
        },
      },
      {
        name: 'a part of a selected framework that is not selected',
        code: OTHER_PART,
        messages: ['does not select this part of RE-AIM'],
        output: {
          'Remove the exclusion': unmarked(variant('  exclude [[reaim.maintenance]] "The pilot ends before maintenance could be seen."\n', '', OTHER_PART)),
          'Add reaim.maintenance to frameworks:': unmarked(OTHER_PART).replace('frameworks: reaim.reach', 'frameworks: reaim.reach, reaim.maintenance'),
        },
      },
    ],
  },
};
