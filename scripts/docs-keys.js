// Rewrites the key table of docs/language.md from server/model/schema.ts (run after a build).
const fs = require('fs');
const path = require('path');
const { withKeyTable } = require('../out/server/model/keyDocs');

const file = path.join(__dirname, '..', 'docs', 'language.md');
const before = fs.readFileSync(file, 'utf8');
const after = withKeyTable(before);
if (after === before) console.log('docs/language.md: key table up to date');
else {
  fs.writeFileSync(file, after);
  console.log('docs/language.md: key table rewritten');
}
