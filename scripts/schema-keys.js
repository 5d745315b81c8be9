// Rewrites the declared-key properties of schemas/study.schema.json from server/model/schema.ts (run after a build).
const fs = require('fs');
const path = require('path');
const { withDeclaredKeys } = require('../out/server/generate/jsonKeys');

const file = path.join(__dirname, '..', 'schemas', 'study.schema.json');
const before = fs.readFileSync(file, 'utf8');
const after = `${JSON.stringify(withDeclaredKeys(JSON.parse(before)), null, 2)}\n`;
if (after === before) console.log('schemas/study.schema.json: declared keys up to date');
else {
  fs.writeFileSync(file, after);
  console.log('schemas/study.schema.json: declared keys rewritten');
}
