import { nearestNames } from '../../common/nearest';
import { BLOCK_NAMES } from '../../model/ast';
import { PROPERTY_SPECS } from '../../model/schema';
import { NO_REPORTS } from '../blocks';
import { replaceWithSuggestions } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { Report, Rule } from '../rule';

export const unknownProperty: Rule = {
  id: 'unknown-property',
  severity: 'warning',
  summary: 'A key the block does not know.',
  docs: 'Each block has its own keys (LANGUAGE.md lists them). An unknown key is ignored by the generated documents, so a typo silently loses information. The nearest key is suggested.',
  scope: 'file',
  fix: replaceWithSuggestions,
  checkBlock(block) {
    let reports: Report[] | undefined;
    const specs = block.specs;
    for (let i = 0; i < specs.length; i++) {
      if (specs[i]) continue;
      const property = block.properties[i];
      if (!property.key.text) continue;
      const known = PROPERTY_SPECS[block.kind].map((spec) => spec.key);
      const suggestions = nearestNames(property.key.text, known);
      const hint = suggestions.length ? `did you mean '${suggestions[0]}'?` : `known keys: ${known.join(', ')}`;
      (reports ??= []).push({
        file: block.file,
        range: property.key.range,
        message: `${BLOCK_NAMES[block.kind][0].toUpperCase()}${BLOCK_NAMES[block.kind].slice(1)} has no key '${property.key.text}'; ${hint}`,
        suggestions,
        data: { replaceRange: property.key.range },
      });
    }
    return reports ?? NO_REPORTS;
  },
  cases: {
    valid: [{ name: 'known keys', code: CLEAN_STUDY }],
    invalid: [
      {
        name: 'misspelt key',
        code: variant('perspective: both', '[[perspectiv]]: both\n    perspective: both'),
        messages: ["did you mean 'perspective'"],
        output: { "Change to 'perspective'": variant('perspective: both', 'perspective: both\n    perspective: both') },
      },
      { name: 'key of another block', code: variant('recording: audio', 'recording: audio\n    [[channel]]: video'), messages: ['A method has no key'] },
    ],
  },
};
