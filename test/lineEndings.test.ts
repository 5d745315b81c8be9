/**
 * A study saved with Windows (\r\n) or old Mac (\r) line endings behaves as the same study saved
 * with \n: the same findings, completions, hovers, folding and formatting (modulo line endings),
 * since LSP counts each of them as one line break.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import { lintFiles } from '../server/checks/lint';
import { Position } from '../server/common/range';
import { complete } from '../server/features/completion';
import { foldingRanges } from '../server/features/folding';
import { formatText } from '../server/features/format';
import { hover } from '../server/features/hover';
import { reparse, reparseCounts } from '../server/model/incremental';
import { parseStudyFile } from '../server/model/build';
import { StudyModel } from '../server/model/model';
import { Program } from '../server/model/program';
import { sampleStudies } from './support/featureStudies';
import { MemoryHost } from './support/memoryHost';

const ENDINGS = { crlf: '\r\n', cr: '\r' } as const;

function withEnding(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** Every sample folder's studies, in memory with one line ending. */
function workspace(eol: string): { program: Program; files: string[] } {
  const host = new MemoryHost();
  const files = sampleStudies().map(({ file, text }) => host.set(path.join(path.basename(path.dirname(file)), path.basename(file)), withEnding(text, eol)));
  return { program: new Program(host), files };
}

/** The model a file is edited in: its own, or for a fragment that of the first study importing it. */
function modelFor(program: Program, file: string, files: string[]): StudyModel | undefined {
  const study = program.file(file)?.study ? file : program.importersOf(file, files)[0];
  return study ? program.model(study) : undefined;
}

/** Positions to ask at: every third character of each line, and the end of each line. */
function positions(text: string): Position[] {
  const result: Position[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, number) => {
    for (let character = 0; character < line.length; character += 3) result.push({ line: number, character });
    result.push({ line: number, character: line.length });
  });
  return result;
}

/** What the editor features answer for a file, with the file's line breaks written as \n. */
function answers(program: Program, file: string, files: string[]): { completions: string[]; hovers: string[]; folding: string } {
  const study = program.file(file)!;
  const model = modelFor(program, file, files);
  const completions: string[] = [];
  const hovers: string[] = [];
  for (const position of positions(study.text)) {
    const at = `${position.line}:${position.character}`;
    completions.push(`${at} ${JSON.stringify(complete(program, study, model, position))}`);
    hovers.push(`${at} ${withEnding(JSON.stringify(hover(program, study, model, position) ?? null), '\n')}`);
  }
  return { completions, hovers, folding: JSON.stringify(foldingRanges(study)) };
}

describe('line endings: \\r\\n and a lone \\r as LSP counts them', () => {
  const lf = workspace('\n');

  for (const [name, eol] of Object.entries(ENDINGS)) {
    describe(`${name} line endings`, () => {
      const other = workspace(eol);

      it('give the same findings', () => {
        assert.deepEqual(lintFiles(other.program, other.files), lintFiles(lf.program, lf.files));
      });

      for (const [index, file] of lf.files.entries()) {
        it(`give the same completions, hovers and folding in ${file}`, () => {
          const want = answers(lf.program, file, lf.files);
          const got = answers(other.program, other.files[index], other.files);
          assert.deepEqual(got.folding, want.folding);
          assert.deepEqual(differences(got.completions, want.completions), [], 'positions that complete differently');
          assert.deepEqual(differences(got.hovers, want.hovers), [], 'positions that hover differently');
        });

        it(`format ${file} the same, keeping its line endings`, () => {
          const text = other.program.file(other.files[index])!.text;
          const formatted = formatText(text, { tabSize: 2, insertSpaces: true });
          assert.ok(withEnding(formatted, '\n') === formatText(lf.program.file(file)!.text, { tabSize: 2, insertSpaces: true }), 'formats differently');
          assert.equal(formatted, withEnding(formatted, eol), 'no other line break is written');
        });
      }
    });
  }

  it('are re-parsed incrementally like \\n, giving the tree of a full parse', () => {
    for (const { file, text } of sampleStudies()) {
      const cr = withEnding(text, '\r');
      const previous = parseStudyFile(file, cr);
      // type a character inside the label of the first question
      const at = cr.indexOf('question ');
      if (at === -1) continue;
      const label = cr.indexOf('"', at) + 1;
      const edited = cr.slice(0, label) + 'x' + cr.slice(label);
      const before = reparseCounts.incremental;
      const next = reparse(file, edited, previous);
      assert.equal(reparseCounts.incremental, before + 1, `${file} was parsed whole`);
      assert.deepEqual(JSON.parse(JSON.stringify(next, skipBackPointers)), JSON.parse(JSON.stringify(parseStudyFile(file, edited), skipBackPointers)), file);
    }
  });
});

/** The positions (line:character) where two lists of answers differ, the first few and a count. */
function differences(got: string[], want: string[]): string[] {
  const at = got.flatMap((answer, i) => (answer === want[i] ? [] : [answer.slice(0, answer.indexOf(' '))]));
  return at.length > 5 ? [...at.slice(0, 5), `and ${at.length - 5} more`] : at;
}

function skipBackPointers(key: string, value: unknown): unknown {
  return key === 'service' && typeof value === 'object' ? undefined : value;
}
