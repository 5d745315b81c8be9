import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CompletionItem, Hover, Location, SemanticTokens } from 'vscode-languageserver-protocol/node';
import { codes, messageOf, sampleWorkspace, SERVER_BIN, TestClient, uriOf } from './client';
import { spawnSync } from 'child_process';

describe('language server: lifecycle and robustness', () => {
  let folder: string;
  let client: TestClient;

  before(async () => {
    folder = sampleWorkspace(['care-pathway-tool.study', 'care-pathway-actors.study'], {
      'broken/broken.json': '{ "id": "broken", "name": "Broken", ',
      'broken/uses-broken.study': 'study uses_broken "Uses a broken framework" {\n  frameworks: npt, "./broken.json"\n}\n',
    });
    client = await TestClient.start({ folder });
  });

  after(async () => {
    if (client) await client.shutdown();
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['.', ':', ' ', ',']);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.documentHighlightProvider, true);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.ok(caps.documentSymbolProvider);
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.ok(caps.documentLinkProvider);
    assert.equal(caps.foldingRangeProvider, true);
    assert.ok(caps.semanticTokensProvider && caps.semanticTokensProvider.legend.tokenTypes.includes('namespace'));
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(caps.documentRangeFormattingProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: false });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(client.initializeResult.serverInfo?.name, 'studyspec-language-server');
  });

  it('answers requests on unknown documents with empty results', async () => {
    const uri = uriOf(path.join(folder, 'nowhere', 'missing.study'));
    const position = { line: 0, character: 0 };
    assert.deepEqual(await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position }), []);
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.deepEqual(await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position }), []);
    assert.deepEqual(await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
    assert.deepEqual((await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).data, []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }), []);
    assert.equal(await client.request('studyspec/coverage', { uri }), null);
    assert.equal(await client.request('studyspec/generatedDocuments', { uri }), null);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position }), /not open or cannot be read|Only names/);
  });

  it('reports a broken framework file and keeps answering', async () => {
    const study = path.join(folder, 'broken', 'uses-broken.study');
    const uri = await client.open(study);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => codes(p).includes('invalid-framework'));
    const invalid = diagnostics.diagnostics.find((d) => d.code === 'invalid-framework');
    assert.match(messageOf(invalid!), /not a valid framework file/);
    const json = await client.waitForDiagnostics(uriOf(path.join(folder, 'broken', 'broken.json')));
    assert.ok(codes(json).every((c) => c === 'invalid-framework') && json.diagnostics.length > 0);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 15 } });
    assert.ok(hover, 'hover on npt still works');
    // repairing the file on disk (and saying so) clears the diagnostics
    fs.writeFileSync(path.join(folder, 'broken', 'broken.json'), JSON.stringify({ id: 'broken', name: 'Broken', kind: 'equity', citation: 'X (2020).', constructs: [] }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(folder, 'broken', 'broken.json')), type: 2 }] });
    await client.nextDiagnostics(uri, (p) => !codes(p).includes('invalid-framework'));
  });

  it('logs what it indexed', () => {
    assert.ok(
      client.logs.some((l) => /Indexed 3 \.study file/.test(l)),
      client.logs.join('\n'),
    );
  });

  it('shuts down and exits with code 0', async () => {
    const code = await client.shutdown();
    client = undefined as unknown as TestClient;
    assert.equal(code, 0);
  });

  it('prints usage without a transport flag, and its version', () => {
    const usage = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--stdio/);
    const version = spawnSync(process.execPath, [SERVER_BIN, '--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
