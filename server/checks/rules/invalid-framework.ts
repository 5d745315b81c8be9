import * as path from 'path';
import { Framework } from '../../frameworks/types';
import { StringValue } from '../../model/ast';
import { variant } from '../fixture';
import { Report, Rule } from '../rule';

/**
 * A file named by path whose id another framework of the study has. The file is used: over a
 * built-in or a framework folder's file a warning (adapting a theory is legitimate); over a file
 * the study named before it an error, since that file's constructs can be neither named nor covered.
 */
function replacement(file: string, reference: StringValue, framework: Framework, replaced: Framework, namedBefore: boolean): Report {
  const id = framework.id;
  const advice = 'Give the file its own id to use both.';
  const range = reference.range;
  if (replaced.builtin)
    return {
      file,
      range,
      severity: 'warning',
      message: `'${reference.text}' has the id "${id}" of the built-in ${replaced.name}: in this study ${id}.… names this file's constructs, not the built-in's. ${advice}`,
    };
  const other = path.relative(path.dirname(file), replaced.file);
  if (!namedBefore)
    return { file, range, severity: 'warning', message: `'${reference.text}' has the id "${id}" of ${other} in the framework folders: in this study ${id}.… names this file's constructs. ${advice}` };
  return {
    file,
    range,
    message: `'${reference.text}' has the id "${id}" of '${other}', named before it: ${id}.… names only the constructs of '${reference.text}', so those of '${other}' cannot be covered. ${advice}`,
  };
}

/** A construct's JSON for the cases. */
const construct = (id: string, more = ''): string => `{"id":"${id}","name":"${id.toUpperCase()}","definition":"D"${more}}`;

export const invalidFramework: Rule = {
  id: 'invalid-framework',
  severity: 'error',
  summary: 'A framework file is not valid JSON, does not match the framework schema, repeats a construct id or a key, or has the id of another framework.',
  docs: 'Reported at the reference in `frameworks:` and at each problem in the JSON file itself. The schema is `schemas/framework.schema.json`; VS Code validates framework files against it as you edit them. A file named by path whose id a built-in or a framework folder already has is used, with a warning; two files named by path with one id are an error. In framework folders a built-in id means the built-in, and of files with one id the first is selected: the others get a warning at their id.',
  scope: 'file',
  check({ model, report }) {
    for (const selection of model.selections) {
      const load = selection.load;
      const reference = selection.pathValue;
      if (!load || !reference || load.status === 'missing') continue;
      if (load.status === 'invalid' && load.refusal) {
        report({ file: selection.file, range: reference.range, message: `'${reference.text}' ${load.refusal}` });
        continue;
      }
      const problems = load.problems ?? [];
      if (problems.length > 0) {
        const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
        const summary = load.status === 'invalid' ? `is not a valid framework file (${count})` : `has ${count}`;
        report({ file: selection.file, range: reference.range, message: `'${reference.text}' ${summary}: ${problems[0].message}` });
        for (const problem of problems) report({ file: load.status === 'ok' ? load.framework.file : load.file, range: problem.range, message: problem.message });
      }
      const replaced = selection.replaces;
      if (replaced && selection.framework)
        report(
          replacement(
            selection.file,
            reference,
            selection.framework,
            replaced,
            model.selections.some((other) => other.pathValue && other.framework === replaced),
          ),
        );
    }
  },
  cases: {
    valid: [
      {
        name: 'a valid file',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./ok.json"\n  exclude ok "Later."'),
        files: { 'ok.json': '{"id":"ok","name":"Ok","kind":"equity","citation":"X (2020).","constructs":[]}' },
      },
      {
        name: 'a file that starts with a byte-order mark, and an http(s) url',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./bom.json"\n  exclude bom "Later."'),
        files: { 'bom.json': '\ufeff{"id":"bom","name":"Bom","kind":"equity","citation":"X (2020).","url":"https://doi.org/10.1/x","constructs":[]}' },
      },
      {
        name: 'one id in different lists',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./nested.json"\n  exclude nested "Later."'),
        files: { 'nested.json': `{"id":"nested","name":"N","kind":"equity","citation":"X (2020).","constructs":[${construct('a', `,"constructs":[${construct('a')}]`)}]}` },
      },
    ],
    invalid: [
      {
        name: 'missing citation',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./bad.json"]]'),
        files: { 'bad.json': '{"id":"bad","name":"Bad","kind":"equity","constructs":[]}' },
        messages: ['"citation" is required'],
      },
      {
        name: 'a key given twice',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./twice.json"]]\n  exclude twice "Later."'),
        files: { 'twice.json': '{"id":"twice","name":"Twice","kind":"equity",[["name"]]:"Again","citation":"X (2020).","constructs":[]}' },
        messages: ['\'./twice.json\' has 1 problem: "name" is given twice', '"name" is given twice in one object; only the last one counts'],
      },
      {
        name: 'sibling constructs with one id',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./same.json"]]\n  exclude same "Later."'),
        files: { 'same.json': `{"id":"same","name":"S","kind":"equity","citation":"X (2020).","constructs":[${construct('a')},${construct('b')},{[["id"]]:"a","name":"A2","definition":"D"}]}` },
        messages: ['constructs › 2 › id: "a" is also the id of an earlier construct in the same list (constructs › 0), so same.a names only that one'],
      },
      {
        name: 'a url that is not http(s)',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./link.json"]]'),
        files: { 'link.json': '{"id":"link","name":"L","kind":"equity","citation":"X (2020).","url":"doi 10.1/x","constructs":[]}' },
        messages: ["'./link.json' is not a valid framework file (1 problem): url: must be an http(s) URL with no spaces"],
      },
      {
        name: 'two files with one id',
        code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, "./one.json", [["./two.json"]]\n  exclude trust "Later."'),
        files: {
          'one.json': `{"id":"trust","name":"One","kind":"equity","citation":"X (2020).","constructs":[${construct('a')}]}`,
          'two.json': `{"id":"trust","name":"Two","kind":"equity","citation":"X (2020).","constructs":[${construct('b')}]}`,
        },
        messages: ["'./two.json' has the id \"trust\" of 'one.json', named before it"],
      },
      { name: 'not JSON', code: variant('frameworks: reaim.reach', 'frameworks: reaim.reach, [["./broken.json"]]'), files: { 'broken.json': '{"id": "broken",' }, messages: ['Not valid JSON'] },
    ],
  },
};
