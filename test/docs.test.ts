import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, INVALID_CONFIG } from '../server/checks/rules';
import { PROPERTY_SPECS } from '../server/model/schema';

const root = path.resolve(__dirname, '../..');
const languageDoc = fs.readFileSync(path.join(root, 'docs', 'language.md'), 'utf8');

describe('docs/language.md', () => {
  it('lists every rule with its default severity', () => {
    for (const rule of [...RULES, INVALID_CONFIG]) {
      assert.ok(languageDoc.includes(`| \`${rule.id}\` | ${rule.severity} |`), `${rule.id} (${rule.severity}) is not in the rules table`);
    }
  });

  it('lists every key of every block', () => {
    for (const [block, specs] of Object.entries(PROPERTY_SPECS)) {
      for (const spec of specs) assert.ok(languageDoc.includes(`| ${block} | \`${spec.key}\` |`), `${block}.${spec.key} is not in the property table`);
    }
  });

  it('keeps every rule id of the contract, with the contract\'s severity', () => {
    const contract = path.resolve(root, '..', 'shared', 'spec', 'LANGUAGE.md');
    if (!fs.existsSync(contract)) return;
    const text = fs.readFileSync(contract, 'utf8');
    const rows = [...text.matchAll(/^\| `([a-z-]+)` \| (error|warning|hint|information) \|/gm)];
    assert.ok(rows.length >= 27, 'the contract lists its rules');
    for (const [, id, severity] of rows) {
      const rule = RULES.find((r) => r.id === id);
      assert.ok(rule, `rule ${id} from LANGUAGE.md is not implemented`);
      assert.equal(rule.severity, severity, `${id} default severity`);
    }
  });
});
