// Hostile user text in what the language server shows: hover and completion documentation are
// Markdown, so labels, descriptions and framework text must come back escaped (no link, image,
// HTML, entity, emphasis, code or heading of the user's making); completion details and code
// action titles are plain text on one line.

import { strict as assert } from 'assert';
import * as path from 'path';
import { codeSpan, escapeMarkdown, escapeMarkdownParagraphs, markdownUrl } from '../../server/common/markdown';
import { CLEAN_STUDY, variant } from '../../server/checks/fixture';
import { positionOf, sampleWorkspace, TestClient } from '../lsp/client';

// the parts of LSP's shapes these tests read (the LSP libraries are for server/lsp/ and its tests)
interface MarkupContent {
  kind: string;
  value: string;
}
interface Hover {
  contents: MarkupContent;
}
interface CompletionItem {
  label: string;
  detail?: string;
  documentation?: MarkupContent;
}
interface CodeAction {
  title: string;
}
interface SymbolInfo {
  name: string;
  detail?: string;
  children?: SymbolInfo[];
}

const LINK_LABEL = '[Open the protocol](https://x.example/p) ![x](https://x.example/pixel.png)';
const MARKUP_LABEL = '<img src=x onerror=alert(1)> &amp; &#x41; **bold** `code` _em_ ~~gone~~ $(alert) www.x.example a@b.example https://x.example/raw';
const DESCRIPTION = '# Heading\n> quote\n- item\n1. first\n\n    indented code\n\n===\n<script>alert(1)</script>';

/** What a Markdown reader makes of escaped text: backslash escapes undone, white space single. */
function readAsText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\s+/g, ' ');
}

/** Markup a reader would act on, unless escaped: links and images, HTML, entities, emphasis, code, autolinks, theme icons, block starts. */
const LIVE_MARKUP: [string, RegExp][] = [
  ['link or image', /(?<!\\)\]\(/],
  ['HTML', /(?<!\\)<(?:img|script|\/)/i],
  ['entity', /(?<!\\)&(?:amp|#x41);/],
  ['strong', /(?<!\\)\*\*bold/],
  ['code', /(?<!\\)`code/],
  ['emphasis', /(?<![\\\w])_em/],
  ['strikethrough', /(?<!\\)~~gone/],
  ['theme icon', /(?<!\\)\$\(alert/],
  ['bare autolink', /https:\/\/x\.example\/raw|www\.x|a@b/],
  ['heading', /^ {0,3}#+ Heading/m],
  ['quote', /^ {0,3}> quote/m],
  ['list', /^ {0,3}(?:- item|1\. first)/m],
  ['indented code', /^ {4}indented/m],
  ['setext underline', /^ {0,3}===/m],
];

function assertInert(markdown: string, what: string): void {
  for (const [name, pattern] of LIVE_MARKUP) assert.doesNotMatch(markdown, pattern, `${what}: live ${name} in\n${markdown}`);
}

function assertPlainLine(text: string, what: string): void {
  assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/, `${what}: control character or line break in ${JSON.stringify(text)}`);
  assert.ok(text.length <= 200, `${what}: ${text.length} characters`);
}

const FRAMEWORK = {
  id: 'hostile',
  name: 'Trust [framework](https://x.example) <b>',
  kind: 'implementation',
  citation: 'Someone (2024). `Title` <img src=x>',
  constructs: [{ id: 'trust', name: `Trust\n\u001b]0;retitled\u0007 ${LINK_LABEL} ${'long '.repeat(100)}`, definition: `${MARKUP_LABEL}\n\n${DESCRIPTION}` }],
};

const STUDY = variant(
  'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }',
  `actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }
  tool app ${JSON.stringify(LINK_LABEL)} {
    description: """
${DESCRIPTION}
${MARKUP_LABEL}
"""
  }`,
  variant(
    'channel: face_to_face',
    `channel: digital\n      via: app\n      stage: ${JSON.stringify(MARKUP_LABEL)}`,
    variant(
      'frameworks: reaim.reach',
      'frameworks: reaim.reach, "./hostile.json"',
      // a line break written as an escape, and a raw escape character that would clear a terminal
      variant('service booking "Booking an appointment"', 'service booking "Booking \u001b[2Jan appointment\\nsecond line"', CLEAN_STUDY),
    ),
  ),
);

describe('hostile: user text in the Markdown and labels the language server returns', function () {
  this.timeout(30000);
  let client: TestClient;
  let uri: string;
  let text: string;

  before(async () => {
    const folder = sampleWorkspace([], { 'hostile.json': JSON.stringify(FRAMEWORK), 'study.study': STUDY });
    client = await TestClient.start({ folder, initializationOptions: { debounceMs: 0 } });
    text = STUDY;
    uri = await client.open(path.join(folder, 'study.study'), text);
  });

  after(async () => {
    if (client) await client.shutdown();
  });

  async function hoverAt(needle: string, delta = 1): Promise<string> {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta) });
    assert.ok(hover, `no hover at ${needle}`);
    const contents = hover.contents;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  }

  it('hover on a tool shows its label and description as text', async () => {
    const markdown = await hoverAt('tool app', 'tool '.length + 1);
    assertInert(markdown, 'tool hover');
    const read = readAsText(markdown);
    assert.ok(read.includes(LINK_LABEL), read);
    assert.ok(read.includes(MARKUP_LABEL), read);
    assert.ok(read.includes('# Heading > quote - item 1. first'), read);
  });

  it('hover on a touchpoint shows its stage and the label of its tool as text', async () => {
    const markdown = await hoverAt('touchpoint visit', 'touchpoint '.length + 1);
    assertInert(markdown, 'touchpoint hover');
    assert.ok(readAsText(markdown).includes(`Stage: ${MARKUP_LABEL}`), markdown);
    assert.ok(readAsText(markdown).includes(LINK_LABEL), markdown);
  });

  it("hover on a user framework's construct shows its name, definition and citation as text", async () => {
    await client.diagnosticsOfVersion(uri);
    const framework = await hoverAt('"./hostile.json"', 3);
    assertInert(framework, 'framework hover');
    assert.ok(readAsText(framework).includes(FRAMEWORK.name), framework);
    assert.ok(readAsText(framework).includes(FRAMEWORK.citation), framework);
  });

  it('completion documentation is escaped and details are one plain line', async () => {
    const at = positionOf(text, 'via: app', 'via: '.length);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
    const app = items.find((i) => i.label === 'app');
    assert.ok(app, items.map((i) => i.label).join(', '));
    const documentation = app.documentation!;
    assert.equal(documentation.kind, 'markdown');
    assertInert(documentation.value, 'completion documentation');
    assert.ok(readAsText(documentation.value).includes(LINK_LABEL), documentation.value);
    assertPlainLine(app.detail ?? '', 'completion detail');

    const constructs = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'constructs: reaim.reach', 'constructs: '.length),
    });
    const trust = constructs.find((i) => i.label === 'hostile.trust');
    assert.ok(trust, constructs.map((i) => i.label).join(', '));
    assertInert(trust.documentation!.value, 'construct documentation');
    assertPlainLine(trust.detail ?? '', 'construct detail');
  });

  it('code action titles are one plain line, whatever the construct is called', async () => {
    const published = await client.diagnosticsOfVersion(uri);
    const uncovered = published.diagnostics.find((d) => d.code === 'construct-not-covered');
    assert.ok(uncovered, JSON.stringify(published.diagnostics.map((d) => d.code)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: uncovered.range, context: { diagnostics: [uncovered] } });
    const add = actions.find((a) => a.title.startsWith('Add a question about hostile.trust'));
    assert.ok(add, actions.map((a) => a.title).join('\n'));
    for (const action of actions) assertPlainLine(action.title, 'code action title');
    assert.match(add.title, /\(Trust \]0;retitled \[Open the protocol\]/);
  });

  it('document symbols and reference completion show labels on one plain line', async () => {
    const symbols = await client.request<SymbolInfo[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const all = (list: SymbolInfo[]): SymbolInfo[] => list.flatMap((s) => [s, ...all(s.children ?? [])]);
    const booking = all(symbols).find((s) => s.name === 'booking');
    assert.ok(booking, JSON.stringify(symbols).slice(0, 300));
    assert.equal(booking.detail, 'Booking [2Jan appointment');
    for (const symbol of all(symbols)) assertPlainLine(`${symbol.name} ${symbol.detail ?? ''}`, `symbol ${symbol.name}`);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'about: visit', 'about: '.length) });
    const service = items.find((i) => i.label === 'booking');
    assert.ok(service, items.map((i) => i.label).join(', '));
    assertPlainLine(service.detail ?? '', 'service detail');
  });

  it('the helpers: escaped text reads as written, code spans hold any backticks, only http(s) addresses link', () => {
    for (const hostile of [LINK_LABEL, MARKUP_LABEL, '#1', '1) one', '+ plus', '***', '\\`already escaped\\`']) {
      assertInert(escapeMarkdown(hostile), hostile);
      assert.equal(readAsText(escapeMarkdown(hostile)), hostile.replace(/\s+/g, ' '));
    }
    assertInert(escapeMarkdownParagraphs(DESCRIPTION), 'paragraphs');
    assert.equal(escapeMarkdownParagraphs('one\ntwo\n\n\nthree').split('\n\n').length, 2);
    assert.equal(codeSpan('a `b` c'), '``a `b` c``');
    assert.equal(codeSpan('`'), '`` ` ``');
    assert.equal(markdownUrl('https://example.org/x'), '<https://example.org/x>');
    assert.equal(markdownUrl('javascript:alert(1)'), 'javascript:alert(1)', 'not a link');
    assertInert(markdownUrl('https://x.example/raw) [y](z'), 'url');
  });
});
