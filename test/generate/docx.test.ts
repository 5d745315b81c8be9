import { strict as assert } from 'assert';
import JSZip from 'jszip';
import { buildGuides, buildProtocol, renderDocx } from '../../server/generate';
import { Doc } from '../../server/generate/doc';
import { sample } from './fixtures';

interface Opened {
  document: string;
  numbering: string;
  core: string;
  /** the text of each paragraph styled as a heading, as "Heading1: text" */
  headings: string[];
}

async function open(doc: Doc): Promise<Opened> {
  const zip = await JSZip.loadAsync(await renderDocx(doc));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const document = await read('word/document.xml');
  const headings: string[] = [];
  for (const [, paragraph] of document.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)) {
    const style = /<w:pStyle w:val="(Heading\d|Title)"\/>/.exec(paragraph)?.[1];
    if (style) headings.push(`${style}: ${[...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')}`);
  }
  return { document, numbering: await read('word/numbering.xml'), core: await read('docProps/core.xml'), headings };
}

describe('generate: DOCX', function () {
  this.timeout(30000);
  const { model } = sample('care-pathway-tool.study');

  it('the protocol has a title, Heading 1 sections, tables, no near-empty pages from hard breaks, and its title in the properties', async () => {
    const { document, core, headings } = await open(buildProtocol(model));
    assert.equal(headings[0], 'Title: Co-producing care records on a tablet in mental-health services');
    for (const section of ['1. Administrative information', '9. The service and its touchpoints', '16. Theory coverage', '19. Ethics', '22. References']) {
      assert.ok(headings.includes(`Heading1: ${section}`), `no Heading1 "${section}" in ${headings.join(' | ')}`);
    }
    assert.ok(headings.includes('Heading3: Q1. What is it like to write plans together on the tablet?'));
    assert.ok((document.match(/<w:tbl>/g) ?? []).length >= 4, 'tables');
    assert.match(document, /<w:tblHeader\/>/, 'a repeating header row');
    // no hard page break (a fixed one left near-empty pages when a section ran a few lines over); every heading keeps with what follows it
    assert.equal((document.match(/<w:br w:type="page"\/>/g) ?? []).length, 0, 'no page breaks');
    const headingParagraphs = [...document.matchAll(/<w:p><w:pPr><w:pStyle w:val="Heading\d"\/>(.*?)<\/w:pPr>/g)].map((m) => m[1]);
    assert.ok(headingParagraphs.length > 20 && headingParagraphs.every((p) => p.includes('<w:keepNext/>')), 'headings keep with the next paragraph');
    assert.match(core, /<dc:title>Co-producing care records on a tablet in mental-health services<\/dc:title>/);
    assert.match(core, /<dc:creator>studyspec<\/dc:creator>/);
  });

  it("the references are a numbered list on the document's numbering definition", async () => {
    const { document, numbering } = await open(buildProtocol(model));
    assert.match(numbering, /<w:abstractNum /);
    assert.match(numbering, /<w:numFmt w:val="decimal"\/>/);
    const references = document.slice(document.indexOf('22. References'));
    assert.match(references, /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    assert.match(references, /May C, Finch T\. Implementing, embedding/);
  });

  it('a guide has its questions as headings, the interviewer box, tick boxes, 12 pt type, and numbered steps restarting at 1 in each list', async () => {
    const guide = buildGuides(model).find((g) => g.method.name.text === 'service_user_interviews');
    assert.ok(guide);
    const { document, numbering, headings } = await open(guide.doc);
    assert.equal(headings[0], 'Title: Interview guide: Semi-structured interviews with service users (Service users)');
    assert.ok(
      headings.some((h) => /^Heading1: Introduction \(about \d+ minutes\)$/.test(h)),
      headings.join(' | '),
    );
    assert.ok(headings.some((h) => /^Heading1: Closing/.test(h)));
    const sections = headings.filter((h) => h.startsWith('Heading2: '));
    assert.ok(sections.length >= 3 && sections.every((h) => /^Heading2: \d+\. .+[?.]$/.test(h)), sections.join(' | '));
    assert.match(document, /\u2610/, 'tick boxes');
    assert.ok((document.match(/\u2610/g) ?? []).length >= 10);
    const styles = await JSZip.loadAsync(await renderDocx(guide.doc)).then((zip) => zip.file('word/styles.xml')?.async('string'));
    assert.match(styles ?? '', /<w:sz w:val="24"\/>/, 'body text in 12 pt');
    assert.match(document, /If the participant becomes distressed/);
    assert.ok(document.indexOf('If the participant becomes distressed') < document.indexOf('>Introduction ('), 'the box comes first');
    assert.match(document, /Who held the tablet\?/);
    // Introduction and Closing are separate numbered lists: two numbering instances of one definition, each restarting
    const numIds = new Set([...document.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
    assert.ok(numIds.size >= 2, `numbering instances: ${[...numIds].join(', ')}`);
    assert.match(numbering, /<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"\/><\/w:lvlOverride>/);
  });

  it('escapes user text as XML', async () => {
    const doc: Doc = { title: 'A & B <script>', blocks: [{ type: 'paragraph', content: [{ text: '"><img src=x>' }] }] };
    const { document, core } = await open(doc);
    assert.ok(!document.includes('<script>') && !document.includes('<img'));
    assert.match(core, /A &amp; B &lt;script&gt;/);
  });
});
