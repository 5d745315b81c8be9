import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, INVALID_CONFIG } from '../server/checks/rules';
import { keyTableRows, withKeyTable } from '../server/model/keyDocs';
import { PROPERTY_SPECS } from '../server/model/schema';
import { SHARED } from './support/shared';
import { MAX_FILE_BYTES } from '../server/common/diskHost';
import { MAX_JSON_DEPTH } from '../server/common/jsonDepth';
import { MAX_FINDINGS_PER_FILE } from '../server/common/finding';

const root = path.resolve(__dirname, '../..');
const languageDoc = fs.readFileSync(path.join(root, 'docs', 'language.md'), 'utf8');
const contract = path.join(SHARED, 'spec', 'LANGUAGE.md');

/**
 * Version 2 rules of the contract not implemented yet. Remove an id when its rule lands;
 * the test below fails while an implemented id is still listed. The last one deletes the list.
 */
const V2_NOT_YET_IMPLEMENTED: string[] = [];

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

  it('has the key table the declarations give (npm run docs:keys rewrites it)', () => {
    assert.equal(withKeyTable(languageDoc), languageDoc, 'docs/language.md disagrees with server/model/schema.ts: run npm run docs:keys');
    assert.equal(keyTableRows().length, Object.values(PROPERTY_SPECS).flat().length);
  });

  it("keeps every rule id of the contract's version 1 table, with the contract's severity", function () {
    if (!fs.existsSync(contract)) this.skip();
    const text = fs.readFileSync(contract, 'utf8');
    const rows = [...text.matchAll(/^\| `([a-z-]+)` \| (error|warning|hint|information) \|/gm)];
    assert.ok(rows.length >= 27, 'the contract lists its rules');
    for (const [, id, severity] of rows) {
      const rule = RULES.find((r) => r.id === id);
      assert.ok(rule, `rule ${id} from LANGUAGE.md is not implemented`);
      assert.equal(rule.severity, severity, `${id} default severity`);
    }
  });

  it("implements the contract's version 2 rules, with its severity, except those still listed as not yet implemented", function () {
    if (!fs.existsSync(contract)) this.skip();
    const text = fs.readFileSync(contract, 'utf8');
    const rows = [...text.matchAll(/^\| (v\d+) \| `([a-z-]+)` \| (error|warning|hint|information) \|/gm)];
    assert.ok(rows.length >= 12, "the contract's version 2 table lists its rules with a since column");
    const ids = rows.map(([, , id]) => id);
    for (const id of V2_NOT_YET_IMPLEMENTED) assert.ok(ids.includes(id), `${id} is listed as not yet implemented but is not in the contract's version 2 table`);
    for (const [, since, id, severity] of rows) {
      const rule = RULES.find((r) => r.id === id);
      if (V2_NOT_YET_IMPLEMENTED.includes(id)) {
        assert.equal(rule, undefined, `${id} (${since}) is implemented now: remove it from V2_NOT_YET_IMPLEMENTED in test/docs.test.ts`);
        continue;
      }
      assert.ok(rule, `rule ${id} (${since}) from LANGUAGE.md is not implemented (or list it in V2_NOT_YET_IMPLEMENTED)`);
      assert.equal(rule.severity, severity, `${id} default severity`);
    }
  });
});

describe('docs/language.md: Limits', () => {
  const limits = languageDoc.slice(languageDoc.indexOf('## Limits'));
  it('states the limits the code enforces', () => {
    assert.ok(languageDoc.includes('## Limits'));
    assert.match(limits, new RegExp(`\\| ${MAX_FILE_BYTES / 1024 / 1024} MB \\|`));
    assert.match(limits, new RegExp(`\\| ${MAX_JSON_DEPTH} \\|`));
    assert.match(limits, new RegExp(`\\| ${MAX_FINDINGS_PER_FILE.toLocaleString('en')} \\|`));
  });
});
