/**
 * The key table of docs/language.md, written from the declarations in schema.ts.
 * `npm run docs:keys` rewrites it; test/docs.test.ts fails when the two disagree.
 */
import { PROPERTY_SPECS, PropertySpec } from './schema';

/** How the table names a key's value. */
function valueColumn(spec: PropertySpec): string {
  const value = spec.value;
  switch (value.type) {
    case 'text':
      return 'string or text';
    case 'string':
      return spec.list ? 'string (list)' : 'string';
    case 'enum':
      return value.values.map((v) => `\`${v}\``).join(' \\| ');
    case 'boolean':
      return 'yes/no';
    case 'count':
      return value.single ? 'number' : 'number or range';
    case 'ref':
      return `${value.kinds.join(' or ')} refs (list)`;
    case 'construct':
      return 'construct refs (list)';
    case 'framework':
      return 'framework refs or strings (list)';
  }
}

/** One table row per declared key, blocks and keys in declaration order. */
export function keyTableRows(): string[] {
  return Object.entries(PROPERTY_SPECS).flatMap(([block, specs]) => specs.map((spec) => `| ${block} | \`${spec.key}\` | ${valueColumn(spec)} | ${spec.required ? '**required**. ' : ''}${spec.doc} |`));
}

const KEY_ROW = /^\| [a-z]+ \| `[a-z_]+` \|/;

/** The markdown with its run of key rows replaced by the declared ones. */
export function withKeyTable(markdown: string): string {
  const lines = markdown.split('\n');
  const first = lines.findIndex((line) => KEY_ROW.test(line));
  if (first < 0) throw new Error('no key table found');
  let end = first;
  while (end < lines.length && KEY_ROW.test(lines[end])) end++;
  lines.splice(first, end - first, ...keyTableRows());
  return lines.join('\n');
}
