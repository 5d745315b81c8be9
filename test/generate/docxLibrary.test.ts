import { strict as assert } from 'assert';
import JSZip from 'jszip';
import { buildGuides, buildProtocol, renderDocx } from '../../server/generate';
import { Doc, Span } from '../../server/generate/doc';
import { libraryDocx } from './docxOracle';
import { sample } from './fixtures';

/** Every part of a .docx as text, the times of its properties left out. */
async function parts(file: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const result = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const text = (await zip.file(name)?.async('string')) ?? '';
    result.set(name, name === 'docProps/core.xml' ? text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME') : text);
  }
  return result;
}

async function assertSameAsLibrary(doc: Doc): Promise<void> {
  const [ours, library] = await Promise.all([renderDocx(doc).then(parts), libraryDocx(doc).then(parts)]);
  assert.deepEqual([...ours.keys()], [...library.keys()], 'the same parts');
  for (const [name, text] of library) assert.equal(ours.get(name), text, `${name} differs from what the docx library writes`);
}

const t = (text: string, style?: Span['style']): Span => ({ text, ...(style ? { style } : {}) });

/** A small document with every kind of block, span and option. */
const EVERY_BLOCK: Doc = {
  title: 'A & B <title> "quoted"',
  forTheRoom: true,
  footer: "Version 2, 1 May: it's",
  subtitle: [t('sub '), t('code', 'code'), t(' em', 'em')],
  blocks: [
    { type: 'heading', level: 1, content: [t('One '), t('gap', 'gap')] },
    { type: 'heading', level: 2, content: [t('Two')] },
    { type: 'heading', level: 3, content: [t('Three', 'strong')] },
    { type: 'paragraph', content: [t('  spaces  '), t('line\nbreak\r\n'), t(''), t('x'.repeat(120)), t('\u0001control')] },
    { type: 'paragraph', content: [t('short, before a section')] },
    { type: 'heading', level: 1, content: [t('Next section')] },
    {
      type: 'fields',
      items: [
        { label: 'A & B', content: [t('value', 'em')] },
        { label: 'Empty', content: [] },
      ],
    },
    {
      type: 'list',
      ordered: true,
      items: [
        {
          content: [t('one')],
          children: [
            {
              type: 'list',
              ordered: true,
              items: [{ content: [t('one a')], children: [{ type: 'list', ordered: false, items: [{ content: [t('deep')], children: [{ type: 'paragraph', content: [t('under')] }] }] }] }],
            },
          ],
        },
        { content: [t('two')] },
      ],
    },
    { type: 'list', ordered: false, items: [{ content: [t('bullet')] }, { content: [t('code', 'code')], children: [{ type: 'list', ordered: false, items: [{ content: [t('inner')] }] }] }] },
    { type: 'list', ordered: false, checklist: true, items: [{ content: [t('tick')], children: [{ type: 'fields', items: [{ label: 'Note', content: [t('x')] }] }] }] },
    {
      type: 'table',
      header: [[t('Column one')], [t('S+U')], [t('Identifiability long-word')]],
      align: ['left', 'center', 'left'],
      rows: [
        { cells: [[t('a')], [t('S', 'strong')], [t('c c')]] },
        { cells: [[t('Group')]], group: true },
        { cells: [[t('sign')], [], [t('here')]], writeIn: true },
        { cells: [[t('a')], [t('S', 'strong')], [t('c c')]] },
      ],
    },
    { type: 'table', header: [[t('Signature')], [t('Date')]], rows: [{ cells: [[], []], writeIn: true }] },
    { type: 'table', header: [[t('Statement')], [t('Initials')]], keepWithNext: true, rows: [1, 2, 3, 4, 5].map((n) => ({ cells: [[t(`Statement ${n}`)], []], writeIn: true })) },
    { type: 'note', tone: 'gap', blocks: [{ type: 'paragraph', content: [t('⚠ missing', 'gap')] }] },
    { type: 'note', tone: 'box', title: 'Box & title', blocks: [{ type: 'list', ordered: true, items: [{ content: [t('in the box')] }] }] },
    { type: 'note', tone: 'info', blocks: [] },
    { type: 'pageBreak' },
    { type: 'paragraph', content: [t('after the break')] },
  ],
};

describe('generate: DOCX as the docx library writes it', function () {
  this.timeout(30000);
  const { model } = sample('care-pathway-tool.study');

  it('writes every part of a document with every kind of block as the library does', async () => {
    await assertSameAsLibrary(EVERY_BLOCK);
  });

  it('writes a document without subtitle, footer or blocks as the library does', async () => {
    await assertSameAsLibrary({ title: 'Plain', blocks: [] });
  });

  it('writes the protocol and a guide of a sample as the library does', async () => {
    await assertSameAsLibrary(buildProtocol(model));
    await assertSameAsLibrary(buildGuides(model)[0].doc);
  });
});
