import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLEAN_STUDY } from '../../server/checks/fixture';
import { CoverageChangedParams, CoverageResult } from '../../server/lsp/protocol';
import { codes, messageOf, sampleWorkspace, TestClient, uriOf } from './client';

/** A study whose one finding is an unused tool (unused-declaration, a hint by default). */
const UNUSED_TOOL = CLEAN_STUDY.replace('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "App"');

/** A study with two known mistakes: a misspelt touchpoint and an unused tool. */
const FAULTY = UNUSED_TOOL.replace('about: visit', 'about: vist');

describe('language server: diagnostics', () => {
  let folder: string;
  let client: TestClient;

  before(async () => {
    folder = sampleWorkspace(['care-pathway-tool.study', 'care-pathway-actors.study'], { 'clinic/clinic.study': FAULTY, 'severities/clinic.study': UNUSED_TOOL });
    client = await TestClient.start({ folder, initializationOptions: { debounceMs: 20 } });
  });

  after(async () => {
    if (client) await client.shutdown();
  });

  it('publishes diagnostics with rule codes when a study is opened', async () => {
    const uri = await client.open(path.join(folder, 'clinic', 'clinic.study'));
    const published = await client.diagnosticsOfVersion(uri);
    assert.deepEqual(codes(published).sort(), ['touchpoint-not-evaluated', 'unknown-reference', 'unused-declaration']);
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-reference')!;
    assert.equal(unknown.source, 'studyspec');
    assert.equal(unknown.severity, 1);
    assert.match(messageOf(unknown), /did you mean 'visit'/);
    assert.deepEqual(unknown.data, { suggestions: ['visit'], data: { replaceRange: unknown.range } });
    const unused = published.diagnostics.find((d) => d.code === 'unused-declaration')!;
    assert.equal(unused.severity, 4);
    assert.deepEqual(unused.tags, [1]);
  });

  it('re-checks after an incremental change, for the newest version', async () => {
    const uri = uriOf(path.join(folder, 'clinic', 'clinic.study'));
    await client.replace(uri, 'about: vist', 'about: visi');
    await client.replace(uri, 'about: visi', 'about: visit');
    const published = await client.diagnosticsOfVersion(uri);
    assert.deepEqual(codes(published), ['unused-declaration']);
  });

  it('re-checks a study when the fragment it imports changes', async () => {
    const study = await client.open(path.join(folder, 'care-pathway-tool.study'));
    assert.deepEqual(codes(await client.diagnosticsOfVersion(study)), []);
    const fragment = await client.open(path.join(folder, 'care-pathway-actors.study'));
    await client.replace(fragment, 'actor nurse:', 'actor psychiatric_nurse:');
    const after = await client.nextDiagnostics(study, (p) => codes(p).includes('unknown-reference'));
    assert.ok(after.diagnostics.filter((d) => d.code === 'unknown-reference').every((d) => /'nurse'/.test(messageOf(d))));
    await client.replace(fragment, 'actor psychiatric_nurse:', 'actor nurse:');
    await client.nextDiagnostics(study, (p) => codes(p).length === 0);
  });

  it('checks a fragment in the context of the study importing it', async () => {
    const fragment = uriOf(path.join(folder, 'care-pathway-actors.study'));
    const lastActor = '  inclusion: "Manages one of the two pilot teams or their service"\n}';
    await client.replace(fragment, lastActor, `${lastActor}\nactor volunteer: carer "Volunteers"`);
    // unused in the study: reported in the fragment, where it is declared
    const published = await client.diagnosticsOfVersion(fragment);
    assert.deepEqual(codes(published), ['unused-declaration']);
    await client.replace(fragment, '\nactor volunteer: carer "Volunteers"', '');
    assert.deepEqual(codes(await client.diagnosticsOfVersion(fragment)), []);
  });

  it('answers the coverage request and notifies coverage changes', async () => {
    const uri = uriOf(path.join(folder, 'care-pathway-tool.study'));
    const result = await client.request<CoverageResult>('studyspec/coverage', { uri });
    assert.deepEqual(
      result.frameworks.map((f) => f.id),
      ['four_cos', 'npt', 'digital_inclusion'],
    );
    assert.equal(result.total, 14);
    assert.equal(result.covered, 13);
    const commissioning = result.frameworks[0].constructs.find((c) => c.path === 'four_cos.co_commissioning')!;
    assert.equal(commissioning.status, 'excluded');
    assert.match(commissioning.exclusion!.reason, /commissioned before the pilot/);
    const design = result.frameworks[0].constructs.find((c) => c.path === 'four_cos.co_design')!;
    assert.deepEqual(
      design.questions.map((q) => q.name),
      ['writing_together'],
    );
    assert.equal(design.questions[0].uri, uri);
    const notified = client.notification('studyspec/coverageChanged') as CoverageChangedParams[];
    assert.ok(
      notified.some((n) => n.uri === uri && n.covered === 13 && n.excluded === 1 && n.total === 14),
      JSON.stringify(notified),
    );
    // the coverage request of a fragment answers for the study importing it
    const fromFragment = await client.request<CoverageResult>('studyspec/coverage', { uri: uriOf(path.join(folder, 'care-pathway-actors.study')) });
    assert.equal(fromFragment.total, 14);
  });

  it('honours rule severities from the client settings', async () => {
    // a study of its own, which no other test edits: the test holds alone and in any order
    const uri = uriOf(path.join(folder, 'severities', 'clinic.study'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { studyspec: { rules: { 'unused-declaration': 'error' } } } });
    const published = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unused-declaration' && d.severity === 1));
    assert.equal(published.diagnostics.length, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { studyspec: { rules: { 'unused-declaration': 'off' } } } });
    await client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { studyspec: { rules: {} } } });
    await client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
  });

  it('re-checks everything when a .studyspec.json changes', async () => {
    const uri = uriOf(path.join(folder, 'clinic', 'clinic.study'));
    const config = path.join(folder, '.studyspec.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'unused-declaration': 'warning' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
    await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unused-declaration' && d.severity === 2));
    fs.unlinkSync(config);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 3 }] });
    await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unused-declaration' && d.severity === 4));
  });

  it('clears the diagnostics of a deleted file', async () => {
    const file = path.join(folder, 'clinic', 'stray.study');
    fs.writeFileSync(file, 'study stray { frameworks: nptt }\n');
    const uri = uriOf(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.waitForDiagnostics(uri, (p) => codes(p).includes('unknown-framework'));
    fs.unlinkSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });
});

describe('language server: settings pulled at start-up', () => {
  let client: TestClient | undefined;

  after(async () => {
    if (client) await client.shutdown();
  });

  it("checks nothing before it has the client's settings: the first diagnostics already use them", async () => {
    const folder = sampleWorkspace([], { 'clinic.study': UNUSED_TOOL });
    // the settings come only from workspace/configuration, and the client is slow to answer
    client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 }, settings: { rules: { 'unused-declaration': 'error' } }, configurationDelayMs: 500 });
    const uri = await client.open(path.join(folder, 'clinic.study'));
    const first = await client.nextDiagnostics(uri);
    assert.deepEqual(
      first.diagnostics.map((d) => `${d.code} ${d.severity}`),
      ['unused-declaration 1'],
    );
  });
});

describe('language server: framework folders from the settings', () => {
  let client: TestClient | undefined;

  after(async () => {
    if (client) await client.shutdown();
  });

  it('selects a framework by id from a folder named in studyspec.frameworkFolders', async () => {
    const local = {
      id: 'trust_ai',
      name: 'Trust in clinical decision support',
      kind: 'implementation',
      citation: 'Someone (2024).',
      constructs: [{ id: 'transparency', name: 'Transparency', definition: 'Whether users can see why.' }],
    };
    const study = CLEAN_STUDY.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, trust_ai').replace('constructs: reaim.reach', 'constructs: reaim.reach, trust_ai.transparency');
    const folder = sampleWorkspace([], { 'theories/trust_ai.json': JSON.stringify(local), 'study.study': study });
    client = await TestClient.start({ folder, initializationOptions: { frameworkFolders: ['theories'], debounceMs: 0 } });
    const uri = await client.open(path.join(folder, 'study.study'));
    assert.deepEqual(codes(await client.diagnosticsOfVersion(uri)), []);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { studyspec: { frameworkFolders: [] } } });
    await client.nextDiagnostics(uri, (p) => codes(p).includes('unknown-framework'));
  });
});

describe('language server: debounce and stale results', () => {
  let client: TestClient | undefined;

  after(async () => {
    if (client) await client.shutdown();
  });

  it('checks an opened document at once, and only the newest of quick edits', async () => {
    const folder = sampleWorkspace([], { 'clinic.study': CLEAN_STUDY });
    client = await TestClient.start({ folder, initializationOptions: { debounceMs: 2000 } });
    const uri = await client.open(path.join(folder, 'clinic.study'));
    const started = Date.now();
    await client.diagnosticsOfVersion(uri);
    assert.ok(Date.now() - started < 1500, 'the debounce does not delay an open');
    const versions: (number | undefined)[] = [];
    const seen = client.nextDiagnostics(uri, (p) => {
      versions.push(p.version);
      return p.version === 4;
    });
    await client.replace(uri, 'about: visit', 'about: v');
    await client.replace(uri, 'about: v', 'about: vi');
    await client.replace(uri, 'about: vi', 'about: vis');
    const last = await seen;
    assert.deepEqual(versions, [4], 'no diagnostics for the versions typed over');
    assert.deepEqual(codes(last).sort(), ['touchpoint-not-evaluated', 'unknown-reference']);
  });
});
