import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, CompletionItem, DocumentHighlight, DocumentLink, Hover, Location, LocationLink, MarkupContent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { CLEAN_STUDY } from '../../server/checks/fixture';
import { applyEdits, codes, positionOf, rangeText, REPO_ROOT, sampleWorkspace, TestClient, uriOf } from './client';

describe('language server: editing features', () => {
  let folder: string;
  let client: TestClient;
  let study: string;
  let actors: string;
  let studyText: string;

  before(async () => {
    folder = sampleWorkspace(['care-pathway-tool.study', 'care-pathway-actors.study'], { 'clinic/clinic.study': CLEAN_STUDY });
    client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
    study = await client.open(path.join(folder, 'care-pathway-tool.study'));
    actors = uriOf(path.join(folder, 'care-pathway-actors.study'));
    studyText = client.text(study);
    await client.diagnosticsOfVersion(study);
  });

  after(async () => {
    if (client) await client.shutdown();
  });

  it('completes only touchpoints and services after about:', async () => {
    const { uri, position } = await client.openWithCursor(path.join(folder, 'clinic', 'completion.study'), CLEAN_STUDY.replace('about: visit', 'about: $0'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    assert.deepEqual(items.map((i) => i.label).sort(), ['booking', 'visit']);
    await client.close(uri);
  });

  it('explains a construct on hover', async () => {
    const position = positionOf(studyText, 'npt.coherence.individual_specification', 'npt.coherence.'.length + 2);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: study }, position });
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /Individual specification/);
  });

  it('goes to a declaration in the imported fragment', async () => {
    const position = positionOf(studyText, 'recovery_worker', 2);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: study }, position });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, actors);
    const fragmentText = fs.readFileSync(path.join(folder, 'care-pathway-actors.study'), 'utf8');
    assert.equal(rangeText(fragmentText, links[0].targetSelectionRange), 'recovery_worker');
    assert.equal(rangeText(studyText, links[0].originSelectionRange!), 'recovery_worker');
  });

  it('goes into the framework JSON for a construct, and to the imported file from an import path', async () => {
    const position = positionOf(studyText, 'npt.coherence.individual_specification', 'npt.coherence.'.length + 3);
    const [link] = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: study }, position });
    assert.equal(link.targetUri, uriOf(path.join(REPO_ROOT, 'frameworks', 'npt.json')));
    const json = fs.readFileSync(path.join(REPO_ROOT, 'frameworks', 'npt.json'), 'utf8');
    assert.match(
      json
        .split('\n')
        .slice(link.targetRange.start.line, link.targetRange.start.line + 3)
        .join('\n'),
      /individual_specification/,
    );
    const onFramework = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: study }, position: positionOf(studyText, 'npt.coherence.individual_specification', 1) });
    assert.match(json.split('\n')[onFramework[0].targetRange.start.line], /"id": "npt"/);
    const [imported] = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: study }, position: positionOf(studyText, 'care-pathway-actors', 3) });
    assert.equal(imported.targetUri, actors);
  });

  it('links import paths and framework files', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: study } });
    assert.deepEqual(
      links.map((l) => l.target),
      [actors],
    );
    assert.equal(rangeText(studyText, links[0].range), './care-pathway-actors.study');
  });

  it('finds references across the study and its fragment', async () => {
    const position = positionOf(studyText, 'nurse', 1);
    const found = await client.request<Location[]>('textDocument/references', { textDocument: { uri: study }, position, context: { includeDeclaration: true } });
    assert.equal(found[0].uri, actors, 'the declaration first');
    const inStudy = found.filter((l) => l.uri === study).map((l) => rangeText(studyText, l.range));
    assert.deepEqual(inStudy, ['nurse', 'nurse', 'nurse']);
    const without = await client.request<Location[]>('textDocument/references', { textDocument: { uri: study }, position, context: { includeDeclaration: false } });
    assert.equal(without.length, found.length - 1);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: study }, position });
    assert.equal(highlights.length, 3);
    assert.ok(highlights.every((h) => h.kind === 2));
  });

  it('renames across files, and refuses a name that clashes', async () => {
    const position = positionOf(studyText, 'recovery_worker', 1);
    const prepared = await client.request<{ range: { start: { line: number } }; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: study }, position });
    assert.equal(prepared.placeholder, 'recovery_worker');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: study }, position, newName: 'support_worker' });
    const changes = edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [actors, study].sort());
    assert.equal(changes[actors].length, 1);
    assert.equal(changes[study].length, 3);
    const renamed = applyEdits(studyText, changes[study]);
    assert.ok(!renamed.includes('recovery_worker') && renamed.includes('actors: service_user, support_worker'));

    // a touchpoint may not take the name of a service: about: could not tell them apart
    const onTouchpoint = positionOf(studyText, 'plan_together', 1);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: study }, position: onTouchpoint, newName: 'care_planning' }), /already a service named 'care_planning'/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: study }, position: onTouchpoint, newName: 'service' }), /keyword/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: study }, position: onTouchpoint, newName: '2nd' }), /not a valid name/);
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: study }, position: positionOf(studyText, 'npt.coherence.individual_specification', 5) }),
      /construct of Normalization Process Theory .*defined in npt.json/,
    );
  });

  it('formats a document', async () => {
    const file = path.join(folder, 'clinic', 'messy.study');
    const messy = CLEAN_STUDY.replace('  frameworks: reaim.reach', 'frameworks:reaim.reach').replace('    perspective: both', '        perspective:both');
    fs.writeFileSync(file, messy);
    const uri = await client.open(file);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits.length > 0);
    // the formatter also gives one-line actor blocks a line per key
    const formatted = CLEAN_STUDY.replace(' { inclusion: "Booked a clinic visit" }', ' {\n    inclusion: "Booked a clinic visit"\n  }').replace(
      ' { inclusion: "Works in the clinic" }',
      ' {\n    inclusion: "Works in the clinic"\n  }',
    );
    assert.equal(applyEdits(messy, edits), formatted);
    await client.close(uri);
  });

  it('offers a quick fix that removes the diagnostic once applied', async () => {
    const file = path.join(folder, 'clinic', 'clinic.study');
    const uri = await client.open(file, CLEAN_STUDY.replace('about: visit', 'about: vist'));
    const published = await client.diagnosticsOfVersion(uri);
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-reference')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: published.diagnostics.filter((d) => d === unknown) },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change to 'visit'", 'Silence unknown-reference on this line'],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].diagnostics, [unknown]);
    await client.applyEdit(actions[0].edit!);
    assert.ok(client.text(uri).includes('about: visit'));
    assert.deepEqual(codes(await client.diagnosticsOfVersion(uri)), []);
  });

  it('inserts a question skeleton for an uncovered construct', async () => {
    const uri = uriOf(path.join(folder, 'clinic', 'clinic.study'));
    await client.replace(uri, 'frameworks: reaim.reach', 'frameworks: reaim.reach, npt.coherence');
    await client.replace(
      uri,
      '  ethics {',
      '  exclude npt.coherence.differentiation "Out of scope."\n  exclude npt.coherence.communal_specification "Out of scope."\n  exclude npt.coherence.individual_specification "Out of scope."\n  ethics {',
    );
    const published = await client.diagnosticsOfVersion(uri);
    const uncovered = published.diagnostics.find((d) => d.code === 'construct-not-covered')!;
    assert.ok(uncovered, JSON.stringify(published.diagnostics));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: uncovered.range, context: { diagnostics: [uncovered] } });
    const add = actions.find((a) => a.title.startsWith('Add a question about npt.coherence.internalisation'))!;
    const text = applyEdits(client.text(uri), add.edit!.changes![uri]);
    assert.match(
      text,
      /\n  question internalisation "TODO: [^"]*" \{\n    about: visit\n    perspective: both\n    constructs: npt\.coherence\.internalisation\n    methods: talks\n    probes: "[^"]+",\n/,
    );
    await client.applyEdit(add.edit!);
    // the new question has no wording for either side yet: the hint says so, nothing else is left
    assert.deepEqual(codes(await client.diagnosticsOfVersion(uri)), ['participant-question-missing', 'participant-question-missing']);
  });

  it('answers the preview with the generated documents, and exports them', async () => {
    const result = await client.request<{ documents: { kind: string; id: string; markdown?: string }[] }>('studyspec/generatedDocuments', { uri: study });
    assert.deepEqual([...new Set(result.documents.map((d) => d.kind))], ['protocol', 'guide', 'pis', 'consent', 'checklist', 'matrix', 'blueprint', 'codebook', 'chart', 'json']);
    assert.match(result.documents[0].markdown ?? '', /Co-producing care records on a tablet/);
    // the preview asks for the tab it shows: only those documents, in HTML
    const guides = await client.request<{ documents: { kind: string; markdown?: string; html?: string }[] }>('studyspec/generatedDocuments', { uri: study, tab: 'guides' });
    assert.deepEqual([...new Set(guides.documents.map((d) => d.kind))], ['guide']);
    assert.equal(guides.documents.length, result.documents.filter((d) => d.kind === 'guide').length);
    assert.ok(guides.documents.every((d) => d.markdown === undefined && /<article/.test(d.html ?? '')));
    const target = path.join(folder, 'out', 'protocol.md');
    const exported = await client.request<{ files: string[]; error?: string }>('studyspec/export', { uri: study, kind: 'protocol', format: 'md', target, force: false });
    assert.deepEqual(exported, { files: [target] });
    assert.match(fs.readFileSync(target, 'utf8'), /Co-producing care records/);
  });
});
