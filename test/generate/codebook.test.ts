/** The codebook (REFI-QDA .qdc, CSV, the coding manual) and the framework-analysis chart (xlsx, CSV). */
import { strict as assert } from 'assert';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { validateXML } from 'xmllint-wasm';
import { runCli } from '../../server/cli/main';
import { renderKind } from '../../server/generate';
import { HEADER_ROWS, INDUCTIVE_COLUMN } from '../../server/generate/chart';
import { QDC_NAMESPACE } from '../../server/generate/codebook';
import { exportStudyJson } from '../../server/generate/json';
import { buildCodebook, CODEBOOK_NAMESPACE, CodebookCode, uuidV5, walkCodes } from '../../server/model/codebook';
import { GUIDE_STUDY, guideVariant, Linted, ROOT, sample, sampleStudies, studyFromText } from './fixtures';

const XSD = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'refi-qda', 'Codebook.xsd'), 'utf8');

async function loadWorkbook(bytes: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.from(bytes);
  await workbook.xlsx.load(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
  return workbook;
}

async function file(linted: Linted, kind: 'codebook' | 'chart', format: 'qdc' | 'md' | 'html' | 'docx' | 'csv' | 'xlsx'): Promise<string | Buffer> {
  const [only] = await renderKind(linted.model, linted.findings, kind, format);
  return only.content;
}

async function assertValidQdc(xml: string, name: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'codebook.qdc', contents: xml }], schema: [{ fileName: 'Codebook.xsd', contents: XSD }] });
  assert.ok(result.valid, `${name}: ${result.errors.map((e) => e.rawMessage).join('\n')}`);
}

function codes(linted: Linted): CodebookCode[] {
  const book = buildCodebook(linted.model);
  return [...walkCodes([...book.frameworks, ...(book.journey ? [book.journey] : [])])];
}

function guidOf(linted: Linted, key: string): string | undefined {
  return codes(linted).find((c) => c.key === key)?.guid;
}

const ORG_FRAMEWORK = {
  id: 'org',
  name: 'Organisational readiness',
  kind: 'implementation',
  citation: 'A local framework for the tests.',
  constructs: [
    {
      id: 'setting',
      name: 'Setting',
      definition: 'The organisation around the practice.',
      constructs: [
        { id: 'priority', name: 'Priority', definition: 'How much the organisation wants it.' },
        { id: 'slack', name: 'Slack', definition: 'Time and money to spare for it.' },
      ],
    },
  ],
};

function withOrg(framework: object = ORG_FRAMEWORK, text = GUIDE_STUDY): Linted {
  const study = guideVariant('frameworks: npt.coherence, digital_inclusion.access', 'frameworks: npt.coherence, digital_inclusion.access, "./org.json"', text).replace(
    'constructs: npt.coherence.communal_specification',
    'constructs: npt.coherence.communal_specification, org.setting.priority',
  );
  return studyFromText(study, { 'org.json': JSON.stringify(framework) });
}

describe('codebook: the REFI-QDA codebook', () => {
  for (const { name } of sampleStudies()) {
    it(`${name}: codebook.qdc validates against the REFI-QDA Codebook XSD`, async () => {
      const xml = (await file(sample(name), 'codebook', 'qdc')).toString();
      assert.ok(xml.includes(`xmlns="${QDC_NAMESPACE}"`));
      await assertValidQdc(xml, name);
    });
  }

  it('the XSD fixture rejects what it should, so the validation above can fail', async () => {
    const xml = (await file(sample('care-pathway-tool.study'), 'codebook', 'qdc')).toString();
    const broken = xml.replace(/color="#[0-9A-Fa-f]{6}"/, 'color="blue"');
    const result = await validateXML({ xml: [{ fileName: 'codebook.qdc', contents: broken }], schema: [{ fileName: 'Codebook.xsd', contents: XSD }] });
    assert.equal(result.valid, false);
  });

  describe('care pathway sample', () => {
    const linted = sample('care-pathway-tool.study');
    const book = buildCodebook(linted.model);

    it('nests framework → domain → construct for what the study selects, less what it excludes; frameworks cannot be coded', () => {
      assert.deepEqual(
        book.frameworks.map((f) => [f.name.split(' ')[0], f.codable]),
        [
          ['The', false],
          ['Normalization', false],
          ['Inclusive', false],
        ],
      );
      const [fourCos, npt, inclusion] = book.frameworks;
      assert.deepEqual(
        fourCos.children.map((c) => c.construct?.path),
        ['four_cos.co_design', 'four_cos.co_delivery', 'four_cos.co_assessment'],
        'co-commissioning is excluded',
      );
      assert.deepEqual(
        npt.children.map((c) => c.construct?.path),
        ['npt.coherence', 'npt.collective_action'],
        'only the selected domains, in the framework order',
      );
      assert.equal(npt.children[0].children.length, 4);
      assert.ok(npt.children.every((c) => c.codable));
      assert.deepEqual(
        inclusion.children.map((c) => c.construct?.path),
        ['digital_inclusion.access', 'digital_inclusion.skills'],
      );
    });

    it('holds the touchpoints in journey order under their service, as a second family', () => {
      const journey = book.journey;
      assert.ok(journey && !journey.codable);
      assert.equal(journey.children.length, 1);
      assert.deepEqual(
        journey.children[0].children.map((c) => c.key),
        ['touchpoint:plan_together', 'touchpoint:crisis_plan', 'touchpoint:progress_note', 'touchpoint:record_sharing'],
      );
      assert.ok(journey.children[0].children.every((c) => c.codable && c.name.startsWith('T')));
    });

    it('describes each code: definition, the questions that ask about it, the groups asked', async () => {
      const xml = (await file(linted, 'codebook', 'qdc')).toString();
      const codeDesign = /<Code guid="[^"]+" name="Co-design" isCodable="true" color="#[0-9A-F]{6}">\s*<Description>([^<]*)<\/Description>/.exec(xml);
      assert.ok(codeDesign, xml.slice(0, 2000));
      assert.match(codeDesign[1], /^Definition: Service users working with staff/);
      assert.match(codeDesign[1], /Asked by: Q1 writing_together: What is it like to write plans together on the tablet\?/);
      assert.match(codeDesign[1], /Participant groups asked: Semi-structured interviews with practitioners; Semi-structured interviews with service users/);
      assert.ok(!codeDesign[1].includes('managers'), 'managers are not asked Q1');
    });

    it('gives one set per research question and one per participant group', () => {
      assert.deepEqual(
        book.sets.map((s) => s.question?.name.text ?? s.group?.name.text),
        ['writing_together', 'notes_as_assessment', 'fitting_into_work', 'making_sense', 'digital_barriers', 'staff_interviews', 'manager_interviews', 'service_user_interviews'],
      );
      const q1 = book.sets[0];
      assert.deepEqual(
        q1.members.map((m) => m.construct?.path),
        ['four_cos.co_design', 'four_cos.co_delivery', 'npt.coherence.individual_specification'],
      );
      const managers = book.sets.find((s) => s.group?.name.text === 'manager_interviews');
      assert.ok(managers?.members.some((m) => m.key === 'touchpoint:record_sharing'));
      assert.ok(!managers?.members.some((m) => m.construct?.framework.id === 'four_cos'), 'no manager question is about the four Co’s');
    });

    it('colours every code with a #RRGGBB, one per framework', () => {
      const all = codes(linted);
      assert.ok(all.every((c) => /^#[0-9A-Fa-f]{6}$/.test(c.color)));
      assert.equal(new Set(book.frameworks.map((f) => f.color)).size, book.frameworks.length);
      for (const framework of book.frameworks) assert.ok([...walkCodes(framework.children)].every((c) => c.color === framework.color));
    });

    it('writes codebook.csv with name, description and parent columns', async () => {
      const csv = (await file(linted, 'codebook', 'csv')).toString();
      const [header, ...rows] = csv.split('\r\n');
      assert.equal(header, 'name,description,parent,codable,guid,color');
      assert.ok(rows.some((r) => r.startsWith('Differentiation,"Definition: Working out how') && r.includes(',Coherence (sense-making),yes,')));
    });

    it('exports the codes with their GUIDs in the JSON', () => {
      const json = exportStudyJson(linted.model);
      const differentiation = json.codebook.codes.find((c) => c.ref === 'npt.coherence.differentiation');
      assert.equal(differentiation?.guid, guidOf(linted, 'construct:npt.coherence.differentiation'));
      assert.equal(differentiation?.parent, guidOf(linted, 'construct:npt.coherence'));
      assert.deepEqual(differentiation?.groups, ['staff_interviews', 'manager_interviews']);
      assert.equal(json.codebook.sets.length, 8);
    });

    it('the coding manual has a table per framework, the touchpoints, the sets and the exclusions', async () => {
      const md = (await file(linted, 'codebook', 'md')).toString();
      assert.match(md, /^# Codebook: Co-producing care records/);
      for (const heading of ['How to use this codebook', 'Normalization Process Theory (NPT)', 'Touchpoints (the service journey)', 'Sets', 'Left out of the frame'])
        assert.ok(md.includes(`## ${heading}`), heading);
      assert.match(md, /\| Code \| Definition \| (Use when \| Do not use when \| )?Questions \| Groups asked \|/);
      assert.match(md, /Gale NK, Heath G, Cameron E, Rashid S, Redwood S\./);
      assert.match(md, /Deductive coding/);
      assert.match(md, /Inductive coding/);
      assert.match(md, /four\\_cos.co\\_commissioning|four_cos\.co_commissioning/);
    });
  });

  it('reads coding guidance and grouping nodes from the framework', async () => {
    const framework = {
      ...ORG_FRAMEWORK,
      constructs: [
        {
          ...ORG_FRAMEWORK.constructs[0],
          group: true,
          constructs: [
            { ...ORG_FRAMEWORK.constructs[0].constructs[0], coding: { use_when: 'Talk of how much leaders want it.', not_when: 'Talk of money: that is slack.' } },
            ORG_FRAMEWORK.constructs[0].constructs[1],
          ],
        },
      ],
    };
    const linted = withOrg(framework);
    const all = codes(linted);
    const setting = all.find((c) => c.key === 'construct:org.setting');
    const priority = all.find((c) => c.key === 'construct:org.setting.priority');
    assert.ok(setting, linted.findings.map((f) => f.message).join('\n'));
    assert.equal(setting.codable, false, 'a grouping node cannot be coded');
    assert.equal(priority?.useWhen, 'Talk of how much leaders want it.');
    const xml = (await file(linted, 'codebook', 'qdc')).toString();
    assert.match(xml, /name="Setting" isCodable="false"/);
    assert.match(xml, /Use when: Talk of how much leaders want it\.\nDo not use when: Talk of money: that is slack\./);
    await assertValidQdc(xml, 'guidance');
    const md = (await file(linted, 'codebook', 'md')).toString();
    assert.ok(md.includes('| Code | Definition | Use when | Do not use when | Questions | Groups asked |'));
    assert.ok(md.includes('| Talk of how much leaders want it. | Talk of money: that is slack. |'));
  });
});

describe('codebook: GUIDs', () => {
  it('are UUID version 5 values (RFC 4122 test vector) under a fixed namespace', () => {
    assert.equal(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    assert.equal(CODEBOOK_NAMESPACE, '49479bc8-2407-581d-b6ca-d8d2e566ff0a');
    for (const code of codes(sample('care-pathway-tool.study'))) assert.match(code.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('are unique within a codebook', () => {
    const all = codes(sample('care-pathway-tool.study'));
    assert.equal(new Set(all.map((c) => c.guid)).size, all.length);
  });

  it('stay the same across an unrelated edit, and change when a construct is renamed', () => {
    const before = withOrg();
    const edited = withOrg(
      ORG_FRAMEWORK,
      guideVariant('question whole "Is the service better than before?"', 'question whole "Is the whole service better now?"').replace(
        'probes: "Who was in the room?"',
        'probes: "Who was in the room?", "Who spoke first?"',
      ),
    );
    const renamed = withOrg({
      ...ORG_FRAMEWORK,
      constructs: [{ ...ORG_FRAMEWORK.constructs[0], constructs: [ORG_FRAMEWORK.constructs[0].constructs[0], { ...ORG_FRAMEWORK.constructs[0].constructs[1], id: 'spare_capacity' }] }],
    });
    const keyed = (linted: Linted): Map<string, string> => new Map(codes(linted).map((c) => [c.key, c.guid]));
    assert.deepEqual(keyed(edited), keyed(before));
    assert.ok(guidOf(before, 'construct:org.setting.slack'));
    assert.equal(guidOf(renamed, 'construct:org.setting.slack'), undefined);
    const renamedGuid = guidOf(renamed, 'construct:org.setting.spare_capacity');
    assert.ok(renamedGuid && renamedGuid !== guidOf(before, 'construct:org.setting.slack'));
    assert.equal(guidOf(renamed, 'construct:org.setting.priority'), guidOf(before, 'construct:org.setting.priority'), 'its siblings keep theirs');
  });
});

const HOSTILE = `=HYPERLINK("http://evil.example","click") <script>alert(1)</script> & ]]> <!-- x`;
const HOSTILE_DSL = HOSTILE.replace(/"/g, '\\"');

function hostileStudy(): Linted {
  return studyFromText(
    guideVariant('question whole "Is the service better than before?"', `question whole "${HOSTILE_DSL}"`)
      .replace('touchpoint visit "Clinic visit"', `touchpoint visit "${HOSTILE_DSL}"`)
      .replace('method staff_talks: interview "Interviews with nurses"', `method staff_talks: interview "${HOSTILE_DSL}"`)
      .replace('service booking "Booking an appointment"', `service booking "${HOSTILE_DSL}"`),
  );
}

describe('codebook and chart: hostile labels stay inert', () => {
  const linted = hostileStudy();

  it('the study carries the hostile text', () => {
    assert.ok(linted.model.questions.some((q) => q.label?.text === HOSTILE));
  });

  it('XML: escaped, still valid', async () => {
    const xml = (await file(linted, 'codebook', 'qdc')).toString();
    assert.ok(!xml.includes('<script>') && !xml.includes(']]>') && !xml.includes('<!-- x'));
    assert.ok(xml.includes('&lt;script&gt;'));
    await assertValidQdc(xml, 'hostile');
  });

  it('CSV: no cell starts a formula', async () => {
    for (const csv of [(await file(linted, 'codebook', 'csv')).toString(), (await file(linted, 'chart', 'csv')).toString()]) {
      const cells = csv.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)|\r\n/).map((c) => c.replace(/^"/, ''));
      assert.ok(
        cells.every((c) => !/^[=+\-@]/.test(c) || /^-?\d/.test(c)),
        csv,
      );
      assert.ok(csv.includes(`'=HYPERLINK`));
    }
  });

  it('Markdown and HTML: no live tag', async () => {
    const md = (await file(linted, 'codebook', 'md')).toString();
    assert.ok(md.includes('\\<script>') && !/(^|[^\\])<script>/m.test(md), 'Markdown escapes the tag');
    const html = (await file(linted, 'codebook', 'html')).toString();
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('DOCX: the text is there, escaped', async () => {
    const zip = await JSZip.loadAsync(await file(linted, 'codebook', 'docx'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    assert.ok(xml.includes('&lt;script&gt;'));
    assert.ok(!xml.includes('<script>'));
  });

  it('XLSX: a label is a string cell, never a formula', async () => {
    const workbook = await loadWorkbook(await file(linted, 'chart', 'xlsx'));
    const sheet = workbook.getWorksheet('staff_talks');
    assert.ok(sheet);
    const method = sheet.getCell(HEADER_ROWS + 1, 2);
    assert.equal(method.type, ExcelJS.ValueType.String);
    assert.equal(method.value, HOSTILE);
    const zip = await JSZip.loadAsync((await file(linted, 'chart', 'xlsx')) as Buffer);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/') && n.endsWith('.xml'))) assert.ok(!((await zip.file(name)?.async('string')) ?? '').includes('<f>'), name);
  });
});

describe('chart: the framework-analysis charting matrix', () => {
  const linted = sample('care-pathway-tool.study');

  const workbook = async (): Promise<ExcelJS.Workbook> => loadWorkbook(await file(linted, 'chart', 'xlsx'));

  it('has a sheet per participant group, numbered rows up to the sample maximum', async () => {
    const book = await workbook();
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['staff_interviews', 'manager_interviews', 'service_user_interviews'],
    );
    const staff = book.getWorksheet('staff_interviews');
    assert.ok(staff);
    assert.match(String(staff.getCell(1, 1).value), /^Semi-structured interviews with practitioners: 12–16 planned$/);
    assert.deepEqual(
      [2, 3, 4].map((c) => staff.getCell(2, c).value),
      ['Method', 'Date', 'Touchpoints experienced'],
    );
    const ids = Array.from({ length: 16 }, (_, i) => staff.getCell(HEADER_ROWS + 1 + i, 1).value);
    assert.deepEqual(
      ids,
      Array.from({ length: 16 }, (_, i) => `SI${String(i + 1).padStart(2, '0')}`),
    );
    assert.equal(staff.getCell(HEADER_ROWS + 17, 1).value, null, 'no row past the sample maximum');
    assert.equal(staff.getCell(HEADER_ROWS + 1, 2).value, 'Semi-structured interviews with practitioners');
    const managers = book.getWorksheet('manager_interviews');
    assert.equal(managers?.getCell(HEADER_ROWS + 6, 1).value, 'MI06');
    assert.equal(managers?.getCell(HEADER_ROWS + 7, 1).value, null);
  });

  it('has the codes as columns grouped by framework, each with its definition as a comment', async () => {
    const sheet = (await workbook()).getWorksheet('service_user_interviews');
    assert.ok(sheet);
    const headers = (sheet.getRow(3).values as unknown[]).slice(5);
    assert.deepEqual(headers.slice(0, 3), ['Co-design', 'Co-delivery', 'Co-assessment']);
    assert.equal(headers[headers.length - 1], INDUCTIVE_COLUMN);
    assert.equal(sheet.getCell(2, 5).value, "The Four Co's of co-production (co-commissioning, co-design, co-delivery, co-assessment)");
    assert.ok(sheet.getCell(2, 5).isMerged && sheet.getCell(2, 7).isMerged, 'the framework spans its codes');
    const npt = headers.indexOf('Coherence (sense-making)') + 5;
    assert.equal(sheet.getCell(2, npt).value, 'Normalization Process Theory (NPT)');
    const note = sheet.getCell(3, 5).note;
    const noteText = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
    assert.match(noteText, /^Definition: Service users working with staff to shape/);
    assert.equal(headers.length, 15 + 1, 'fifteen framework codes and the inductive column');
  });

  it('freezes the header rows, sets widths and wraps text', async () => {
    const sheet = (await workbook()).getWorksheet('staff_interviews');
    assert.ok(sheet);
    const [view] = sheet.views as { state: string; ySplit?: number; xSplit?: number }[];
    assert.deepEqual([view.state, view.ySplit, view.xSplit], ['frozen', HEADER_ROWS, 1]);
    assert.ok((sheet.getColumn(2).width ?? 0) >= 20 && (sheet.getColumn(5).width ?? 0) >= 20);
    assert.equal(sheet.getCell(HEADER_ROWS + 1, 5).alignment?.wrapText, true);
    assert.equal(sheet.getCell(3, 5).alignment?.wrapText, true);
  });

  it('writes the same matrix as CSV, every group in one table', async () => {
    const csv = (await file(linted, 'chart', 'csv')).toString();
    const lines = csv.trimEnd().split('\r\n');
    assert.match(lines[0], /^Participant group,Participant,Method,Date,Touchpoints experienced,/);
    assert.equal(lines.length, 1 + 16 + 6 + 15);
    assert.ok(lines[1].startsWith('staff_interviews,SI01,Semi-structured interviews with practitioners,,,'));
  });
});

describe('codebook and chart from the CLI', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-codebook-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const study = path.join(ROOT, 'samples', 'care-pathway-tool.study');

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { cwd: tmp, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('generate chart prints the CSV without -o, writes the xlsx with it', async () => {
    const printed = await cli(['generate', 'chart', study]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /^Participant group,Participant,/);
    const written = await cli(['generate', 'chart', study, '-o', 'chart.xlsx']);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(fs.readFileSync(path.join(tmp, 'chart.xlsx')).subarray(0, 2).toString(), 'PK');
  });

  it('generate codebook writes the .qdc by default, and the manual and CSV on request', async () => {
    const result = await cli(['generate', 'codebook', study, '-o', 'out/']);
    assert.equal(result.code, 0, result.stderr);
    await assertValidQdc(fs.readFileSync(path.join(tmp, 'out', 'codebook.qdc'), 'utf8'), 'cli');
    assert.equal((await cli(['generate', 'codebook', study, '-o', 'codebook.csv'])).code, 0);
    assert.ok(fs.readFileSync(path.join(tmp, 'codebook.csv'), 'utf8').startsWith('\uFEFFname,description,parent'), 'a byte-order mark on disk');
    assert.equal((await cli(['generate', 'codebook', study, '-o', 'out/codebook.qdc'])).code, 2, 'nothing is overwritten without --force');
  });
});
