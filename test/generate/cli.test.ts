import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/cli/main';
import { GUIDE_STUDY, SAMPLES } from './fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const CPT = path.join(SAMPLES, 'care-pathway-tool.study');
const ALL_FILES = [
  'blueprint.svg',
  'chart.csv',
  'chart.xlsx',
  'checklist.csv',
  'checklist.html',
  'checklist.md',
  'codebook.csv',
  'codebook.docx',
  'codebook.html',
  'codebook.md',
  'codebook.qdc',
  'consent-recovery_worker-nurse.docx',
  'consent-recovery_worker-nurse.html',
  'consent-recovery_worker-nurse.md',
  'consent-service_user.docx',
  'consent-service_user.html',
  'consent-service_user.md',
  'consent-team_manager.docx',
  'consent-team_manager.html',
  'consent-team_manager.md',
  'guide-manager_interviews.docx',
  'guide-manager_interviews.html',
  'guide-manager_interviews.md',
  'guide-service_user_interviews.docx',
  'guide-service_user_interviews.html',
  'guide-service_user_interviews.md',
  'guide-staff_interviews.docx',
  'guide-staff_interviews.html',
  'guide-staff_interviews.md',
  'matrix.csv',
  'matrix.html',
  'matrix.md',
  'pis-recovery_worker-nurse.docx',
  'pis-recovery_worker-nurse.html',
  'pis-recovery_worker-nurse.md',
  'pis-service_user.docx',
  'pis-service_user.html',
  'pis-service_user.md',
  'pis-team_manager.docx',
  'pis-team_manager.html',
  'pis-team_manager.md',
  'protocol.docx',
  'protocol.html',
  'protocol.md',
  'study.json',
];

describe('generate: the CLI command', function () {
  this.timeout(30000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-generate-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one document to stdout, Markdown by default', async () => {
    const run = await cli(dir, 'generate', 'protocol', CPT);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.startsWith('# Co-producing care records on a tablet in mental-health services\n'));
    assert.equal(run.stderr, '');
    const csv = await cli(dir, 'generate', 'matrix', CPT, '--format', 'csv');
    assert.ok(csv.stdout.startsWith('Framework,Construct,Path,Status,'), 'no byte-order mark on stdout');
    const file = path.join(dir, 'matrix-file.csv');
    const written = await cli(dir, 'generate', 'matrix', CPT, '-o', file);
    assert.equal(written.code, 0, written.stderr);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, so Excel reads accents and dashes right');
    assert.ok(bytes.subarray(3).toString('utf8').startsWith('Framework,Construct,Path,Status,'));
    const svg = await cli(dir, 'generate', 'blueprint', CPT);
    assert.match(svg.stdout, /<svg/);
    const json = await cli(dir, 'generate', 'json', CPT);
    assert.doesNotThrow(() => JSON.parse(json.stdout));
  });

  it('several guides on stdout are joined with a separator (Markdown) or on one page (HTML)', async () => {
    const md = await cli(dir, 'generate', 'guides', CPT);
    assert.equal(md.code, 0);
    assert.equal((md.stdout.match(/^# Interview guide: /gm) ?? []).length, 3);
    assert.equal((md.stdout.match(/^---$/gm) ?? []).length, 2);
    const html = await cli(dir, 'generate', 'guides', CPT, '--format', 'html');
    assert.equal((html.stdout.match(/<!DOCTYPE html>/g) ?? []).length, 1);
    assert.equal((html.stdout.match(/<article class="studyspec-doc">/g) ?? []).length, 3);
    assert.equal((html.stdout.match(/<hr class="doc-separator">/g) ?? []).length, 2);
  });

  it('refuses Word output on stdout, and several guides in one Word file', async () => {
    const single = await cli(dir, 'generate', 'protocol', CPT, '--format', 'docx');
    assert.equal(single.code, 2);
    assert.match(single.stderr, /-o FILE\.docx/);
    const guides = await cli(dir, 'generate', 'guides', CPT, '--format', 'docx');
    assert.equal(guides.code, 2);
    assert.match(guides.stderr, /several guides/);
    const file = await cli(dir, 'generate', 'guides', CPT, '-o', 'guides.docx');
    assert.equal(file.code, 2);
    assert.match(file.stderr, /give a folder/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('-o FILE takes the format from the extension; --format must agree with it', async () => {
    const html = await cli(dir, 'generate', 'protocol', CPT, '-o', 'protocol.html');
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /Wrote protocol\.html/);
    assert.ok(fs.readFileSync(path.join(dir, 'protocol.html'), 'utf8').startsWith('<!DOCTYPE html>'));
    const docx = await cli(dir, 'generate', 'protocol', CPT, '-o', 'out/protocol.docx');
    assert.equal(docx.code, 0, docx.stderr);
    assert.equal(
      fs
        .readFileSync(path.join(dir, 'out', 'protocol.docx'))
        .subarray(0, 2)
        .toString(),
      'PK',
    );
    assert.equal((await cli(dir, 'generate', 'protocol', CPT, '-o', 'p.md', '--format', 'html')).code, 2);
    const unknown = await cli(dir, 'generate', 'protocol', CPT, '-o', 'p.txt');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /cannot tell the format/);
    assert.equal((await cli(dir, 'generate', 'matrix', CPT, '-o', 'm.docx')).code, 2, 'the matrix has no Word format');
  });

  it('never overwrites without --force, naming the file; --force replaces it', async () => {
    const target = path.join(dir, 'protocol.md');
    fs.writeFileSync(target, 'my own notes');
    const refused = await cli(dir, 'generate', 'protocol', CPT, '-o', 'protocol.md');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /'protocol\.md' already exists; nothing was written\. Use --force/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'my own notes');
    const forced = await cli(dir, 'generate', 'protocol', CPT, '-o', 'protocol.md', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(target, 'utf8'), /^# Co-producing care records/);
  });

  it('generate all -o DIR writes every document under its documented name, and nothing else', async () => {
    const run = await cli(dir, 'generate', 'all', CPT, '-o', 'docs');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'docs')).sort(), ALL_FILES, 'no temporary files left behind either');
    assert.equal(run.stdout.split('\n').filter(Boolean).length, ALL_FILES.length);
  });

  it('checks every target before writing any', async () => {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs', 'matrix.csv'), 'mine');
    fs.writeFileSync(path.join(dir, 'docs', 'study.json'), '{}');
    const run = await cli(dir, 'generate', 'all', CPT, '-o', 'docs');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /these files already exist: 'docs\/matrix\.csv', 'docs\/study\.json'/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'docs')).sort(), ['matrix.csv', 'study.json'], 'nothing written');
    assert.equal((await cli(dir, 'generate', 'all', CPT, '-o', 'docs', '--force')).code, 0);
    assert.equal(fs.readdirSync(path.join(dir, 'docs')).length, ALL_FILES.length);
  });

  it('guides -o DIR/ writes one file per guide', async () => {
    const run = await cli(dir, 'generate', 'guides', CPT, '-o', 'guides/', '--format', 'docx');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'guides')).sort(), ['guide-manager_interviews.docx', 'guide-service_user_interviews.docx', 'guide-staff_interviews.docx']);
  });

  it('a study with errors still generates, its gaps marked; --strict refuses and lists the errors', async () => {
    const study = path.join(dir, 'draft.study');
    fs.writeFileSync(study, GUIDE_STUDY.replace(/  ethics \{[\s\S]*?\n  \}\n/, ''));
    const run = await cli(dir, 'generate', 'protocol', 'draft.study');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /\*\*⚠ Not stated\*\* \(add `consent:` to method staff_talks or the ethics block\)/);
    assert.match(run.stderr, /the study has 1 error; the documents mark the gaps/);
    const strict = await cli(dir, 'generate', 'protocol', 'draft.study', '--strict', '-o', 'protocol.md');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /--strict: nothing generated/);
    assert.match(strict.stderr, /draft\.study:\d+:\d+ error .* ethics-missing/);
    assert.ok(!fs.existsSync(path.join(dir, 'protocol.md')));
    assert.equal((await cli(dir, 'generate', 'protocol', CPT, '--strict')).code, 0, 'a clean study passes --strict');
  });

  it('usage errors and unreadable studies exit 2', async () => {
    const missing = await cli(dir, 'generate', 'protocol', 'nowhere.study');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read 'nowhere\.study': no such file or folder/);
    assert.equal((await cli(dir, 'generate', 'brochure', CPT)).code, 2);
    assert.equal((await cli(dir, 'generate', 'protocol')).code, 2);
    assert.equal((await cli(dir, 'generate', 'all', CPT)).code, 2, 'all needs -o');
    assert.equal((await cli(dir, 'generate', 'all', CPT, '-o', 'x', '--format', 'md')).code, 2);
    assert.equal((await cli(dir, 'generate', 'protocol', CPT, '--format', 'pdf')).code, 2);
    const fragment = await cli(dir, 'generate', 'protocol', path.join(SAMPLES, 'care-pathway-actors.study'));
    assert.equal(fragment.code, 2);
    assert.match(fragment.stderr, /is a fragment/);
    assert.equal((await cli(dir, 'generate', 'protocol', SAMPLES)).code, 2, 'a folder is not a study');
  });
});
