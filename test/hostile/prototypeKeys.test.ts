// Property test: a value named like a member of Object.prototype (`constructor`, `toString`,
// `__proto__`…) in any place a user value is used as a key — every enum key of every block,
// an actor's role, a method's kind, a framework or construct id, a rule id in a suppression
// or in the config — goes through lint, every generator, hover, completion and the preview
// request as an unknown value, never as the built-in it is named after.

import { strict as assert } from 'assert';
import * as path from 'path';
import { lintModel } from '../../server/checks/lint';
import { hover } from '../../server/features/hover';
import { complete } from '../../server/features/completion';
import { generateDocuments, renderAll } from '../../server/generate';
import { BlockKind } from '../../server/model/ast';
import { Program } from '../../server/model/program';
import { PROPERTY_SPECS } from '../../server/model/schema';
import { sampleWorkspace, TestClient, uriOf } from '../lsp/client';
import { MemoryHost } from '../support/memoryHost';

export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** `key: NAME` for every enum key of a block. */
function enumLines(kind: BlockKind, name: string, indent: string): string {
  return PROPERTY_SPECS[kind]
    .filter((spec) => spec.value.type === 'enum')
    .map((spec) => `${indent}${spec.key}: ${name}\n`)
    .join('');
}

/** A study in which every value used as a key is `name`. */
export function hostileStudy(name: string): string {
  return `study s "A study" {
${enumLines('study', name, '  ')}  frameworks: reaim, ${name}, reaim.${name}
  actor patient: ${name} "Patients" {
${enumLines('actor', name, '    ')}  }
  actor nurse: staff "Nurses"
  tool app "App" {
${enumLines('tool', name, '    ')}  }
  service booking "Booking" {
${enumLines('service', name, '    ')}    touchpoint visit "Visit" {
${enumLines('touchpoint', name, '      ')}      actors: patient, nurse
      via: app
      coproduction: ${name}.${name}
    }
  }
  question q "How is it?" {
${enumLines('question', name, '    ')}    about: visit
    constructs: reaim.reach, ${name}, reaim.${name}
    methods: talks
  }
  // studyspec-disable-next-line ${name} -- testing
  method talks: ${name} "Talks" {
${enumLines('method', name, '    ')}    participants: patient, nurse
  }
  method talks2: interview "Interviews" {
${enumLines('method', name, '    ')}    participants: patient, nurse
  }
  exclude ${name}.${name} "Not this"
  ethics {
${enumLines('ethics', name, '    ')}  }
}
`;
}

/** Every offset of `name` in the text, as positions, and a few around it. */
function positionsOf(text: string, name: string): { line: number; character: number }[] {
  const result: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, lineNumber) => {
    for (let at = line.indexOf(name); at !== -1; at = line.indexOf(name, at + 1)) {
      result.push({ line: lineNumber, character: at }, { line: lineNumber, character: at + 1 }, { line: lineNumber, character: at + name.length });
    }
  });
  return result;
}

const NATIVE = /\[native code\]|\[object Object\]|function\s*\(|undefined|NaN/;

describe('hostile: values named like Object.prototype members', function () {
  this.timeout(120000);

  it('the test covers every enum key and the Object.prototype names', () => {
    assert.ok(PROTOTYPE_NAMES.includes('__proto__') && PROTOTYPE_NAMES.includes('constructor') && PROTOTYPE_NAMES.length >= 10);
    const enumKeys = Object.values(PROPERTY_SPECS)
      .flat()
      .filter((s) => s.value.type === 'enum');
    for (const spec of enumKeys) assert.match(hostileStudy('toString'), new RegExp(`\\b${spec.key}: toString`));
  });

  for (const name of PROTOTYPE_NAMES) {
    it(`'${name}' lints, generates every document and format, hovers and completes`, async () => {
      const host = new MemoryHost();
      const text = hostileStudy(name);
      const file = host.set('main.study', text);
      host.set('.studyspec.json', JSON.stringify({ rules: { [name]: 'off', 'unused-method': name } }));
      const program = new Program(host);
      const model = program.model(file);
      assert.ok(model?.study);
      const { findings } = lintModel(program, model);
      for (const finding of findings) assert.doesNotMatch(finding.message, NATIVE, finding.message);
      const rules = new Set(findings.map((f) => f.rule));
      assert.ok(rules.has('invalid-value'), `no invalid-value for '${name}': ${[...rules]}`);
      assert.ok(rules.has('invalid-config'), `no invalid-config for '${name}': ${[...rules]}`);

      for (const document of generateDocuments(model, findings)) {
        const body = document.markdown ?? document.svg ?? JSON.stringify(document.json);
        assert.ok(!body.includes('could not be generated'), `${document.id}: ${body.slice(0, 300)}`);
        assert.doesNotMatch(body, /\[native code\]|\[object Object\]/, document.id);
      }
      const files = await renderAll(model, findings);
      assert.ok(files.length >= 8);
      for (const output of files) if (typeof output.content === 'string') assert.doesNotMatch(output.content, /\[native code\]|\[object Object\]/, output.name);

      const parsed = program.fileFromText(file, text);
      for (const position of positionsOf(text, name)) {
        const shown = hover(program, parsed, model, position);
        if (shown) assert.doesNotMatch(shown.contents, /\[native code\]|\[object Object\]/, `hover at ${JSON.stringify(position)}`);
        for (const item of complete(program, parsed, model, position)) {
          assert.equal(typeof item.label, 'string');
          assert.doesNotMatch(`${item.detail ?? ''} ${item.documentation ?? ''}`, /\[native code\]|\[object Object\]/, `completion at ${JSON.stringify(position)}`);
        }
      }
    });
  }

  it('the preview request answers with every document for each name', async function () {
    this.timeout(60000);
    const extra: Record<string, string> = {};
    PROTOTYPE_NAMES.forEach((name, i) => (extra[`hostile-${i}.study`] = hostileStudy(name)));
    const folder = sampleWorkspace([], extra);
    const client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
    try {
      for (let i = 0; i < PROTOTYPE_NAMES.length; i++) {
        const uri = await client.open(path.join(folder, `hostile-${i}.study`));
        const result = await client.request<{ documents: { id: string; markdown?: string; svg?: string }[] } | null>('studyspec/generatedDocuments', { uri });
        assert.ok(result, PROTOTYPE_NAMES[i]);
        for (const document of result.documents) assert.ok(!(document.markdown ?? '').includes('could not be generated'), `${PROTOTYPE_NAMES[i]} ${document.id}: ${document.markdown?.slice(0, 300)}`);
        await client.close(uriOf(path.join(folder, `hostile-${i}.study`)));
      }
      assert.equal(client.process.exitCode, null, client.stderr);
    } finally {
      await client.shutdown();
    }
  });
});
