import { NO_REPORTS } from '../blocks';
import { CLEAN_STUDY, variant } from '../fixture';
import { Report, Rule } from '../rule';

export const duplicateProperty: Rule = {
  id: 'duplicate-property',
  severity: 'warning',
  summary: 'A key is given twice in one block (an extension to LANGUAGE.md); only the first is used.',
  docs: 'List several values after one key, separated by commas, instead of repeating the key.',
  scope: 'file',
  checkBlock(block) {
    let reports: Report[] | undefined;
    const properties = block.properties;
    // blocks hold a handful of keys: a pairwise look is cheaper than a Set per block (but not for a huge one)
    const seen = properties.length > 16 ? new Set<string>() : undefined;
    for (let i = 0; i < properties.length; i++) {
      const key = properties[i].key.text;
      let repeated = false;
      if (seen) {
        repeated = seen.has(key);
        seen.add(key);
      } else for (let j = 0; j < i && !repeated; j++) repeated = properties[j].key.text === key;
      if (repeated)
        (reports ??= []).push({
          file: block.file,
          range: properties[i].key.range,
          message: `'${key}' is given twice in this block; only the first is used. List several values after one key, separated by commas`,
        });
    }
    return reports ?? NO_REPORTS;
  },
  cases: {
    valid: [{ name: 'each key once', code: CLEAN_STUDY }],
    invalid: [{ name: 'repeated key', code: variant('recording: audio', 'recording: audio\n    [[recording]]: notes'), messages: ['given twice'] }],
  },
};
