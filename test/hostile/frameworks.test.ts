// Framework files and .studyspec.json that used to be accepted silently or reported at the wrong
// place: repeated construct ids, ids taken by a built-in or another file, duplicate JSON keys,
// a byte-order mark, a bad url, and frameworkFolders items that name no usable folder. Checked
// through the CLI and the language server.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLEAN_STUDY, variant } from '../../server/checks/fixture';
import { codes, messageOf, TestClient, uriOf } from '../lsp/client';
import { finding, JsonFinding, lintJson } from '../support/cliRun';

const construct = (id: string) => ({ id, name: id.toUpperCase(), definition: `What ${id} means.` });
const framework = (id: string, constructs: object[], more: object = {}) =>
  JSON.stringify({ id, name: `The ${id} framework`, kind: 'implementation', citation: 'A. Author (2025).', ...more, constructs });

/** CLEAN_STUDY selecting `selections` too, with a question about `constructs`. */
function studySelecting(selections: string, constructs: string): string {
  return variant('frameworks: reaim.reach', `frameworks: reaim.reach, ${selections}`).replace('constructs: reaim.reach', `constructs: reaim.reach, ${constructs}`);
}

const at = (f: JsonFinding) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
const ofRule = (findings: JsonFinding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('hostile: framework and configuration files', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-fw-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  it('sibling constructs with one id: invalid-framework at the second id, and the first is the one named', () => {
    write('trust.json', framework('trust', [construct('clarity'), { ...construct('clarity'), name: 'Second clarity' }, construct('pace')]).replace(/\},\{/g, '},\n{'));
    write('main.study', studySelecting('"./trust.json"', 'trust.clarity, trust.pace'));
    const { findings } = lintJson(dir, 'main.study');
    const inFile = ofRule(findings, 'invalid-framework').filter((f) => f.file === 'trust.json');
    assert.deepEqual(
      inFile.map((f) => `${at(f)} ${f.message}`),
      ['trust.json:2:2 constructs › 1 › id: "clarity" is also the id of an earlier construct in the same list (constructs › 0), so trust.clarity names only that one: give each construct its own id'],
    );
    finding(findings, 'invalid-framework', /^'\.\/trust\.json' has 1 problem: constructs › 1 › id/);
    // the framework still loads, so the study links
    assert.deepEqual(ofRule(findings, 'unknown-construct'), []);
  });

  it('one id in different lists is fine', () => {
    write('trust.json', framework('trust', [{ ...construct('clarity'), constructs: [construct('clarity')] }]));
    write('main.study', studySelecting('"./trust.json"', 'trust.clarity.clarity'));
    assert.deepEqual(ofRule(lintJson(dir, 'main.study').findings, 'invalid-framework'), []);
  });

  it('a file named by path with a built-in id is used in that study, with a warning at the reference', () => {
    write('npt.json', framework('npt', [construct('local_fit')]));
    write('main.study', studySelecting('"./npt.json"', 'npt.local_fit'));
    const { findings } = lintJson(dir, 'main.study');
    const warning = finding(
      findings,
      'invalid-framework',
      /^'\.\/npt\.json' has the id "npt" of the built-in Normalization Process Theory \(NPT\): in this study npt\.… names this file's constructs, not the built-in's/,
    );
    assert.equal(warning.severity, 'warning');
    assert.equal(at(warning), `main.study:2:28`);
    assert.deepEqual(ofRule(findings, 'unknown-construct'), [], 'npt.local_fit is the file’s');
    // the built-in's constructs are not reachable in this study
    write('main.study', studySelecting('"./npt.json"', 'npt.coherence'));
    finding(lintJson(dir, 'main.study').findings, 'unknown-construct', /coherence/);
  });

  it('a file in a framework folder with a built-in id: the built-in is selected, with a warning at the file’s id', () => {
    write('theories/npt.json', framework('npt', [construct('local_fit')]));
    write('.studyspec.json', '{ "frameworkFolders": ["./theories"] }');
    write('main.study', studySelecting('npt', 'npt.coherence'));
    const { findings } = lintJson(dir, 'main.study');
    const warning = finding(findings, 'invalid-framework', /^"npt" is also the id of the built-in Normalization Process Theory \(NPT\), which a study selecting npt gets/);
    assert.equal(warning.severity, 'warning');
    assert.equal(at(warning), path.join('theories', 'npt.json') + ':1:2');
    assert.deepEqual(ofRule(findings, 'unknown-construct'), []);
  });

  it('two files with one id: an error at the second reference; in framework folders a warning at the second file', () => {
    write('one.json', framework('trust', [construct('clarity')]));
    write('two.json', framework('trust', [construct('pace')]));
    write('main.study', studySelecting('"./one.json", "./two.json"', 'trust.pace'));
    const named = finding(lintJson(dir, 'main.study').findings, 'invalid-framework', /^'\.\/two\.json' has the id "trust" of 'one\.json', named before it/);
    assert.equal(named.severity, 'error');
    assert.equal(at(named), 'main.study:2:42');

    fs.mkdirSync(path.join(dir, 'theories'));
    fs.renameSync(path.join(dir, 'one.json'), path.join(dir, 'theories', 'a.json'));
    fs.renameSync(path.join(dir, 'two.json'), path.join(dir, 'theories', 'b.json'));
    write('.studyspec.json', '{ "frameworkFolders": ["./theories"] }');
    write('main.study', studySelecting('trust', 'trust.clarity'));
    const { findings } = lintJson(dir, 'main.study');
    const hidden = ofRule(findings, 'invalid-framework');
    assert.deepEqual(
      hidden.map((f) => `${at(f)} ${f.severity} ${f.message}`),
      [
        `${path.join('theories', 'b.json')}:1:2 warning "trust" is also the id of a.json, which a study selecting trust gets: this file is used only where a study names it by path. Give it its own id.`,
      ],
    );
    assert.deepEqual(ofRule(findings, 'unknown-construct'), [], 'trust.clarity is a.json’s, the first by name');
  });

  it('a key given twice: a finding at the second, in a framework file and in .studyspec.json', () => {
    write('trust.json', framework('trust', [construct('clarity')]).replace('"kind"', '\n"name": "Again", "kind"'));
    write('.studyspec.json', '{\n  "rules": { "unused-declaration": "off" },\n  "rules": { "unused-declaration": "error" }\n}\n');
    write('main.study', studySelecting('"./trust.json"', 'trust.clarity'));
    const { findings } = lintJson(dir, 'main.study');
    const key = finding(findings, 'invalid-framework', /^"name" is given twice in one object; only the last one counts$/);
    assert.equal(at(key), 'trust.json:2:1');
    finding(findings, 'invalid-framework', /^'\.\/trust\.json' has 1 problem: "name" is given twice/);
    const config = finding(findings, 'invalid-config', /"rules" is given twice in one object; only the last one counts/);
    assert.equal(at(config), '.studyspec.json:3:3');
  });

  it('a byte-order mark at the start of a framework file or .studyspec.json is accepted', () => {
    write('trust.json', `\ufeff${framework('trust', [construct('clarity')])}`);
    write('.studyspec.json', '\ufeff{ "rules": { "unused-declaration": "error" } }');
    write('main.study', studySelecting('"./trust.json"', 'trust.clarity').replace('  ethics {', '  tool app "App"\n  ethics {'));
    const { findings } = lintJson(dir, 'main.study');
    assert.deepEqual(
      findings.map((f) => `${f.rule} ${f.severity}`),
      ['unused-declaration error'],
      'the configuration was read (the hint became an error) and the framework loaded',
    );
  });

  it('a url that is not http(s) says so, not "must be an identifier"', () => {
    write('trust.json', framework('trust', [construct('clarity')], { url: 'doi:10.1000/182' }));
    write('main.study', studySelecting('"./trust.json"', 'trust.clarity'));
    const { findings } = lintJson(dir, 'main.study');
    const problem = finding(findings, 'invalid-framework', /^url: must be an http\(s\) URL with no spaces/);
    assert.equal(problem.file, 'trust.json');
    assert.ok(!findings.some((f) => /identifier/.test(f.message)));
  });

  it('frameworkFolders items that are missing, not folders, empty or hold a broken file are reported at the item', () => {
    write('main.study', CLEAN_STUDY);
    write('notes.txt', 'not a folder');
    write('empty/readme.md', '');
    write('theories/broken.json', '{ "id": "broken",');
    write('.studyspec.json', '{\n  "frameworkFolders": [\n    "./missing",\n    "./notes.txt",\n    "./empty",\n    "./theories"\n  ]\n}\n');
    const { findings } = lintJson(dir, 'main.study');
    assert.deepEqual(
      ofRule(findings, 'invalid-config').map((f) => `${at(f)} ${f.severity} ${f.message}`),
      [
        `.studyspec.json:3:5 error .studyspec.json: the framework folder "./missing" does not exist (looked for ${path.join(fs.realpathSync(dir), 'missing')})`,
        '.studyspec.json:4:5 error .studyspec.json: the framework folder "./notes.txt" is not a folder (it is a file)',
        '.studyspec.json:5:5 warning .studyspec.json: the framework folder "./empty" holds no framework files (*.json)',
        '.studyspec.json:6:5 error .studyspec.json: the framework folder "./theories" holds broken.json, which is not a valid framework file (3 problems): Not valid JSON: property name expected',
      ],
    );
    assert.ok(ofRule(findings, 'invalid-framework').some((f) => f.file === path.join('theories', 'broken.json')));
  });

  it('the language server reports them too: at the frameworkFolders item and in the framework file', async () => {
    write('theories/trust.json', framework('trust', [construct('clarity'), construct('clarity')]));
    write('.studyspec.json', '{ "frameworkFolders": ["./missing", "./theories"] }');
    write('main.study', studySelecting('trust', 'trust.clarity'));
    const client = await TestClient.start({ folder: dir, initializationOptions: { debounceMs: 0 } });
    try {
      await client.open(path.join(dir, 'main.study'));
      const config = await client.waitForDiagnostics(uriOf(path.join(dir, '.studyspec.json')), (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        config.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${messageOf(d).split(' (')[0]}`),
        ['0:23 invalid-config .studyspec.json: the framework folder "./missing" does not exist'],
      );
      const json = await client.waitForDiagnostics(uriOf(path.join(dir, 'theories', 'trust.json')), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(json), ['invalid-framework']);
      assert.match(messageOf(json.diagnostics[0]), /constructs › 1 › id: "clarity" is also the id of an earlier construct/);
    } finally {
      await client.shutdown();
    }
  });
});
