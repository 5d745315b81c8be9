import { strict as assert } from 'assert';
import { IToken, tokenMatcher } from 'chevrotain';
import * as path from 'path';
import { lintFiles } from '../../server/checks/lint';
import { applyEdits, format, FormatOptions, formatText } from '../../server/features/format';
import { dedentTextBlock, parseStudyFile } from '../../server/model/build';
import { Program } from '../../server/model/program';
import * as T from '../../server/syntax/tokens';
import { seededRandom as random } from '../bench/generateStudy';
import { sampleStudies } from '../support/featureStudies';
import { MemoryHost } from '../support/memoryHost';

const OPTIONS: FormatOptions = { tabSize: 2, insertSpaces: true };

function fmt(text: string, options: FormatOptions = OPTIONS): string {
  return formatText(text, options);
}

/** Tokens and comments in order, whitespace left out; a text block by its value (re-indenting it is allowed). */
function tokenImages(text: string): string[] {
  const lexed = T.studyLexer.tokenize(text);
  const all: IToken[] = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  return all.map((token) => (tokenMatcher(token, T.TextBlock) ? `TEXT:${JSON.stringify(dedentTextBlock(token.image.slice(3, -3)))}` : `${token.tokenType.name}:${token.image}`));
}

/** Lint findings (rule and message) for `text` as `name`, with every sample beside it for imports. */
function findingsOf(name: string, text: string): string[] {
  const host = new MemoryHost();
  for (const sample of sampleStudies()) host.set(path.basename(sample.file), sample.text);
  const file = host.set(name, text);
  return lintFiles(new Program(host), [file])
    .filter((f) => f.file === file)
    .map((f) => `${f.rule}: ${f.message.replace(/\(line \d+\)/g, '(line N)')}`)
    .sort();
}

/** The three properties every formatting must have. */
function assertFormatsWell(name: string, text: string, options: FormatOptions = OPTIONS, lint = true): string {
  const once = fmt(text, options);
  assert.equal(fmt(once, options), once, `not idempotent for ${name}:\n${once}`);
  assert.deepEqual(tokenImages(once), tokenImages(text), `tokens changed for ${name}`);
  if (lint) assert.deepEqual(findingsOf(name, once), findingsOf(name, text), `findings changed for ${name}`);
  return once;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** Re-spaces a valid text at random: the same tokens with other whitespace (joined lines, odd indentation, blank lines). */
function respace(text: string, rand: () => number): string {
  const lexed = T.studyLexer.tokenize(text);
  const all: IToken[] = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  const gaps = [' ', ' ', '  ', '\t', '\n', '\n', '\n    ', '\n\n', '\n\n\n  ', '   \n ', ''];
  let out = '';
  all.forEach((token, i) => {
    const previous = all[i - 1];
    if (previous) {
      let gap = pick(rand, gaps);
      if (tokenMatcher(previous, T.LineComment) && !gap.includes('\n')) gap = `${gap}\n`;
      const glue =
        tokenMatcher(token, T.Colon) ||
        tokenMatcher(token, T.Comma) ||
        tokenMatcher(previous, T.Colon) ||
        tokenMatcher(previous, T.Comma) ||
        tokenMatcher(previous, T.LCurly) ||
        tokenMatcher(token, T.RCurly);
      if (gap === '' && !glue) gap = ' ';
      out += gap;
    }
    out += token.image;
  });
  return out;
}

/** Reorders, and sometimes duplicates, the members of the study (gaps with their comments stay in place). */
function shuffleMembers(text: string, rand: () => number): string {
  const file = parseStudyFile('/virtual/x.study', text);
  const study = file.study;
  if (!study) return text;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const members = [...study.properties, ...study.declarations, ...study.excludes, ...study.ethics]
    .map((m) => ({ start: offset(m.range.start), end: offset(m.range.end) }))
    .sort((a, b) => a.start - b.start);
  if (members.length < 2) return text;
  const texts = members.map((m) => text.slice(m.start, m.end));
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  if (rand() < 0.3) {
    const k = Math.floor(rand() * texts.length);
    texts[k] = `${texts[k]}\n${texts[k]}`;
  }
  let out = text.slice(0, members[0].start);
  members.forEach((m, i) => {
    out += texts[i];
    out += i + 1 < members.length ? text.slice(m.end, members[i + 1].start) : text.slice(m.end);
  });
  return out;
}

describe('format', () => {
  describe('samples and examples', () => {
    for (const sample of sampleStudies()) {
      it(`${path.basename(path.dirname(sample.file))}/${path.basename(sample.file)} is already canonical and stable`, () => {
        const formatted = assertFormatsWell(path.basename(sample.file), sample.text);
        assert.equal(formatted, sample.text);
      });
    }
  });

  describe('canonical layout', () => {
    it('one member per line, spacing around colons, commas, braces and dots', () => {
      const text =
        'study s "S" {frameworks:npt ,coproduction actor a : staff "A" { vulnerable : yes }\n question q "x" { about: t perspective: both constructs: npt . coherence } method m: interview { sample: 12 .. 16 } ethics {} }';
      assert.equal(
        fmt(text),
        'study s "S" {\n  frameworks: npt, coproduction\n  actor a: staff "A" {\n    vulnerable: yes\n  }\n  question q "x" {\n    about: t\n    perspective: both\n    constructs: npt.coherence\n  }\n  method m: interview {\n    sample: 12..16\n  }\n  ethics {}\n}\n',
      );
    });
    it('keeps comments where they are, and one blank line of several', () => {
      const text = '// top\nstudy s { // after brace\n\n\n\n  design: qualitative   // trailing\n      // own line\n  /* block\n     comment */\n  about: a, // inside a list\n    b\n}';
      assert.equal(fmt(text), '// top\nstudy s { // after brace\n\n  design: qualitative // trailing\n  // own line\n  /* block\n     comment */\n  about: a, // inside a list\n    b\n}\n');
    });
    it('re-indents text blocks relative to their key, keeping the value', () => {
      const text = 'study s {\n        summary: """\n  First line\n    indented\n\n  last\n                 """\n}\n';
      const formatted = fmt(text);
      assert.equal(formatted, 'study s {\n  summary: """\n    First line\n      indented\n\n    last\n    """\n}\n');
      const value = (t: string) => (parseStudyFile('/x.study', t).study?.properties[0].values[0] as { text: string }).text;
      assert.equal(value(formatted), value(text));
    });
    it('uses tabs or the tab size asked for, and keeps CRLF line ends', () => {
      assert.equal(fmt('study s {\ndesign: qualitative\n}', { tabSize: 4, insertSpaces: false }), 'study s {\n\tdesign: qualitative\n}\n');
      assert.equal(fmt('study s {\r\ndesign: qualitative\r\n}', { tabSize: 4, insertSpaces: true }), 'study s {\r\n    design: qualitative\r\n}\r\n');
    });
    it('does not format text with an unclosed text block, string or comment, or a stray character', () => {
      const file = (text: string) => parseStudyFile('/x.study', text);
      assert.deepEqual(format(file('study s {\n summary: """\n  open\n}'), OPTIONS), []);
      assert.deepEqual(format(file('study s {\n setting: "open\n}'), OPTIONS), []);
      assert.deepEqual(format(file('study s {\n /* open\n}'), OPTIONS), []);
      assert.deepEqual(format(file('study s {\n design: qualitative; \n}'), OPTIONS), []);
    });
    it("range formatting returns only the edits on the range's lines", () => {
      const text = 'study s {\ndesign:qualitative\n   setting: "x"\n      duration: "y"\n}\n';
      const edits = format(parseStudyFile('/x.study', text), OPTIONS, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
      assert.ok(edits.length > 0);
      for (const edit of edits) assert.equal(edit.range.end.line, 2, JSON.stringify(edit));
      assert.equal(applyEdits(text, edits), 'study s {\ndesign:qualitative\n  setting: "x"\n      duration: "y"\n}\n');
    });
  });

  describe('properties over random valid edits', () => {
    const samples = sampleStudies();
    const perSample = Math.ceil(320 / samples.length);
    samples.forEach((sample, s) => {
      it(`${path.basename(sample.file)}: ${perSample} re-spaced, reordered and duplicated variants`, () => {
        for (let n = 0; n < perSample; n++) {
          const seed = s * 1000 + n;
          const rand = random(seed);
          let text = sample.text;
          if (rand() < 0.6) text = shuffleMembers(text, rand);
          text = respace(text, rand);
          const options: FormatOptions = rand() < 0.2 ? { tabSize: 4, insertSpaces: rand() < 0.5 } : OPTIONS;
          assertFormatsWell(`${path.basename(sample.file)} (seed ${seed})`, text, options);
        }
      });
    });
    it('keeps every token, and is stable, even on text with syntax errors', () => {
      const rand = random(7);
      for (let n = 0; n < 120; n++) {
        const sample = pick(rand, samples).text;
        const lexed = T.studyLexer.tokenize(sample);
        const victim = pick(rand, lexed.tokens);
        const broken = sample.slice(0, victim.startOffset) + sample.slice(victim.startOffset + victim.image.length);
        if (T.studyLexer.tokenize(broken).errors.length > 0) continue;
        assertFormatsWell(`broken ${n}`, broken, OPTIONS, false);
      }
    });
  });
});
