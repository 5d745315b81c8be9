import { replaceWithSuggestions } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { reportReferenceProblems } from '../referenceProblems';
import { Rule } from '../rule';

export const unknownConstruct: Rule = {
  id: 'unknown-construct',
  severity: 'error',
  summary: 'A construct reference is not in its framework.',
  docs: "A construct is named by its path from the framework id, e.g. `npt.coherence.differentiation`. The message suggests the nearest construct at the level that went wrong, using the framework file's aliases too.",
  scope: 'file',
  fix: replaceWithSuggestions,
  check: reportReferenceProblems('unknown-construct'),
  cases: {
    valid: [
      {
        name: 'a sub-construct of a selected framework',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, npt.coherence\n  exclude npt.coherence "Not in scope."').replace(
          'constructs: reaim.reach',
          'constructs: reaim.reach, npt.coherence.differentiation',
        ),
      },
    ],
    invalid: [
      { name: 'a misspelt construct', code: variant('constructs: reaim.reach', 'constructs: reaim.[[reech]]'), messages: ["did you mean 'reaim.reach'"], output: { "Change to 'reach'": CLEAN_STUDY } },
      {
        name: 'an unknown framework in a construct path',
        code: variant('constructs: reaim.reach', 'constructs: reaim.reach, [[reeam]].adoption'),
        messages: ["did you mean 'reaim'"],
        output: { "Change to 'reaim'": variant('constructs: reaim.reach', 'constructs: reaim.reach, reaim.adoption') },
      },
      {
        name: 'an alias instead of the id',
        code: variant('constructs: reaim.reach', 'constructs: reaim.reach, npt.[[sense_making]]'),
        messages: ['npt.coherence'],
        output: { "Change to 'coherence'": variant('constructs: reaim.reach', 'constructs: reaim.reach, npt.coherence') },
      },
    ],
  },
};
