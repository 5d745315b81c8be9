import { replaceWithSuggestions } from '../fixes';
import { variant } from '../fixture';
import { referenceIndex } from '../referenceProblems';
import { Rule } from '../rule';

const MOVED_FRAMEWORK = JSON.stringify({
  id: 'mine',
  name: 'Mine',
  kind: 'outcomes',
  citation: 'Me (2026).',
  constructs: [{ id: 'area', name: 'Area', definition: 'A grouping.', group: true, constructs: [{ id: 'reach', name: 'Reach', definition: 'Who it reaches.', aliases: ['mine.reach'] }] }],
});

const withMine = (constructs: string): string =>
  variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./mine.json"').replace('constructs: reaim.reach', `constructs: reaim.reach, ${constructs}`);

export const constructMoved: Rule = {
  id: 'construct-moved',
  severity: 'hint',
  summary: 'A construct reference uses the former place of a construct that has moved in its framework (an extension to LANGUAGE.md).',
  docs: "Frameworks are corrected from time to time (CFIR 2.0's Individuals domain now has Roles and Characteristics). A framework keeps a moved construct's old path as an alias, so the reference still works and counts for coverage; the hint gives the new path, and the quick fix writes it.",
  scope: 'file',
  fix: replaceWithSuggestions,
  check({ model, report }) {
    for (const site of referenceIndex(model).constructs) {
      if (!site.movedFrom || !site.construct || site.problem) continue;
      const range = { start: site.value.segments[0].range.start, end: site.value.segments[site.value.segments.length - 1].range.end };
      report({
        file: site.file,
        range,
        message: `'${site.movedFrom}' has moved: ${site.construct.name} is now '${site.construct.path}'`,
        suggestions: [site.construct.path],
        data: { replaceRange: range },
      });
    }
  },
  cases: {
    valid: [{ name: 'the new path', code: withMine('mine.area.reach'), files: { 'mine.json': MOVED_FRAMEWORK } }],
    invalid: [
      {
        name: 'the former path',
        code: withMine('[[mine.reach]]'),
        files: { 'mine.json': MOVED_FRAMEWORK },
        messages: ["is now 'mine.area.reach'"],
        output: { "Change to 'mine.area.reach'": withMine('mine.area.reach') },
      },
    ],
  },
};
