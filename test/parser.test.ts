// The lexer, the parser's recovery and the AST builder (server/syntax, server/model/build.ts),
// against LANGUAGE.md's lexical rules and grammar.

import { strict as assert } from 'assert';
import { plainRange } from '../server/common/range';
import * as fs from 'fs';
import * as path from 'path';
import { lintFiles } from '../server/checks/lint';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { Finding } from '../server/common/finding';
import { ActorDecl, allDeclarations, Declaration, MethodDecl, Property, QuestionDecl, RefValue, StudyFile, Value } from '../server/model/ast';
import { dedentTextBlock, parseStudyFile } from '../server/model/build';
import { Program } from '../server/model/program';
import { MemoryHost } from './support/memoryHost';
import { Lexer } from 'chevrotain';
import { StudyParser } from '../server/syntax/parser';
import { ALL_TOKENS } from '../server/syntax/tokens';
import { SHARED_EXAMPLES_V1, SHARED_EXAMPLES_V2 } from './support/shared';

const EXAMPLES = SHARED_EXAMPLES_V2;
const EXAMPLES_V1 = SHARED_EXAMPLES_V1;
const SAMPLES = path.resolve(__dirname, '../../samples');

function parse(text: string): StudyFile {
  return parseStudyFile('/virtual/main.study', text);
}

function problemsOf(file: StudyFile): string[] {
  return file.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

function lint(text: string, files: Record<string, string> = {}): Finding[] {
  const host = new MemoryHost({ ...files, 'main.study': text });
  return lintFiles(new Program(host), [host.path('main.study')]);
}

function declarationsOf(file: StudyFile): Declaration[] {
  return [...allDeclarations([...(file.study?.declarations ?? []), ...file.declarations])];
}

function named<K extends Declaration['kind']>(file: StudyFile, kind: K, name: string): Extract<Declaration, { kind: K }> {
  const found = declarationsOf(file).find((d) => d.kind === kind && d.name.text === name);
  assert.ok(found, `no ${kind} ${name}`);
  return found as Extract<Declaration, { kind: K }>;
}

function property(block: { properties: Property[] }, key: string): Property {
  const found = block.properties.find((p) => p.key.text === key);
  assert.ok(found, `no property ${key}`);
  return found;
}

function only(values: Value[]): Value {
  assert.equal(values.length, 1, JSON.stringify(values));
  return values[0];
}

/** A property of a one-tool file, for checking how a value is read. */
function toolValue(valueText: string): { file: StudyFile; values: Value[] } {
  const file = parse(`tool t {\n  description: ${valueText}\n}\n`);
  return { file, values: file.declarations[0]?.properties[0]?.values ?? [] };
}

describe('parser', () => {
  describe('recovery: a typo in one question does not hide consent-missing further down', () => {
    // CLEAN_STUDY without `consent:`; every variant below breaks the question (lines 11-18) only.
    const WITHOUT_CONSENT = variant('    consent: written\n', '');
    const QUESTION = `  question reach_q "Who does the clinic reach?" {
    about: visit
    perspective: both
    constructs: reaim.reach
    methods: talks
    ask_staff: "Who comes to the clinic, and who does not?"
    ask_service_user: "How did you come to use the clinic?"
  }
`;
    assert.ok(WITHOUT_CONSENT.includes(QUESTION));
    const typos: { name: string; question: string; line: number; message: string }[] = [
      { name: 'missing colon', question: QUESTION.replace('perspective: both', 'perspective both'), line: 13, message: "Expected ':'" },
      { name: 'missing opening brace', question: QUESTION.replace('reach?" {', 'reach?"'), line: 12, message: "Expected '{'" },
      { name: 'missing closing brace', question: QUESTION.replace('clinic?"\n  }\n', 'clinic?"\n'), line: 18, message: "is a '}' missing above?" },
      { name: 'one closing brace too many', question: QUESTION.replace('about: visit', 'about: visit }'), line: 19, message: "one '}' too many" },
      { name: 'stray character', question: QUESTION.replace('perspective: both', 'perspective: both )'), line: 13, message: "Unexpected character ')'" },
      { name: 'stray comma', question: QUESTION.replace('    about: visit', '    , about: visit'), line: 12, message: "Unexpected ','" },
      { name: 'stray string', question: QUESTION.replace('    about: visit', '    "about"\n    about: visit'), line: 12, message: 'Unexpected string' },
      { name: 'unclosed string', question: QUESTION.replace('reach?"', 'reach?'), line: 11, message: 'not closed' },
      { name: 'trailing comma', question: QUESTION.replace('about: visit', 'about: visit,'), line: 12, message: "Expected a value after ','" },
      { name: 'missing value', question: QUESTION.replace('perspective: both', 'perspective:'), line: 13, message: "Expected a value after 'perspective:'" },
      { name: 'missing comma', question: QUESTION.replace('methods: talks', 'methods: talks talks'), line: 15, message: "Expected ','" },
      { name: 'semicolon', question: QUESTION.replace('perspective: both', 'perspective: both;'), line: 13, message: "Unexpected character ';'" },
      { name: 'equals for colon', question: QUESTION.replace('perspective: both', 'perspective = both'), line: 13, message: "Unexpected character '='" },
      { name: 'missing name', question: QUESTION.replace('question reach_q', 'question'), line: 11, message: 'Expected a name' },
      { name: 'misspelt keyword', question: QUESTION.replace('question reach_q', 'questoin reach_q'), line: 11, message: "Expected ':'" },
    ];
    for (const typo of typos) {
      it(typo.name, () => {
        const text = WITHOUT_CONSENT.replace(QUESTION, typo.question);
        const findings = lint(text);
        const describe = findings.map((f) => `${f.range.start.line + 1} ${f.rule}: ${f.message}`).join('\n');
        assert.ok(
          findings.some((f) => f.rule === 'consent-missing'),
          `consent-missing was hidden:\n${describe}`,
        );
        const syntax = findings.filter((f) => f.rule === 'syntax-error');
        assert.ok(
          syntax.some((f) => f.range.start.line + 1 === typo.line && f.message.includes(typo.message)),
          `expected a syntax error on line ${typo.line} with ${JSON.stringify(typo.message)}:\n${describe}`,
        );
        // the method and the ethics block after the question are still part of the study
        const file = parse(text);
        assert.ok(
          file.study?.declarations.some((d) => d.kind === 'method' && d.name.text === 'talks'),
          'method lost',
        );
        assert.equal(file.study?.ethics.length, 1, 'ethics block lost');
      });
    }

    it('a typo costs one syntax error, not a cascade', () => {
      for (const typo of typos.filter((t) => !['misspelt keyword', 'one closing brace too many', 'missing opening brace'].includes(t.name))) {
        const text = WITHOUT_CONSENT.replace(QUESTION, typo.question);
        const syntax = lint(text).filter((f) => f.rule === 'syntax-error');
        assert.ok(syntax.length <= 2, `${typo.name}: ${syntax.map((f) => `${f.range.start.line + 1}: ${f.message}`).join('; ')}`);
      }
    });

    it('a typo leaves the rest of the study clean', () => {
      const text = WITHOUT_CONSENT.replace(QUESTION, QUESTION.replace('perspective: both', 'perspective both'));
      assert.deepEqual(
        lint(text).map((f) => f.rule),
        ['syntax-error', 'consent-missing'],
      );
    });

    it('declarations after a broken one are still linked and checked', () => {
      const text = variant('clinic?"\n  }\n', 'clinic?"\n').replace('participants: patient, nurse', 'participants: patient, nurze');
      const findings = lint(text);
      assert.ok(
        findings.some((f) => f.rule === 'unknown-reference' && f.message.includes("'nurze'") && f.message.includes("did you mean 'nurse'")),
        findings.map((f) => f.message).join('\n'),
      );
    });
  });

  describe('recovery: unclosed blocks, text blocks and garbage', () => {
    it('an unclosed study block keeps its declarations and reports the end of the file', () => {
      const file = parse(CLEAN_STUDY.trimEnd().replace(/\}$/, ''));
      assert.deepEqual(problemsOf(file), ["31:9 Expected '}' but found the end of the file"]);
      assert.equal(file.study?.declarations.length, 5);
      assert.equal(file.study?.ethics.length, 1);
    });

    it('an unclosed declaration block inside a fragment', () => {
      const file = parse('actor nurse: staff "Nurses" {\n  vulnerable: no\nactor patient: service_user "Patients"\n');
      assert.deepEqual(
        file.declarations.map((d) => d.name.text),
        ['nurse', 'patient'],
      );
      assert.ok(
        problemsOf(file).some((p) => p.startsWith("3:1 An actor cannot be declared inside actor 'nurse'")),
        problemsOf(file).join('\n'),
      );
    });

    it('a touchpoint missing its brace still joins its service, in order', () => {
      const file = parse(`service s {
  touchpoint a { channel: video
  touchpoint b { channel: paper }
}
`);
      const service = file.declarations[0];
      assert.equal(service.kind, 'service');
      assert.deepEqual(service.kind === 'service' ? service.touchpoints.map((t) => t.name.text) : [], ['a', 'b']);
      assert.ok(problemsOf(file).some((p) => p.includes("A touchpoint cannot be declared inside touchpoint 'a'")));
    });

    it('an unclosed text block runs to the end of the file and is reported once at its quotes', () => {
      const file = parse('study s {\n  frameworks: npt\n  summary: """\n    Lay summary\n    that never ends\n}\n');
      const problems = problemsOf(file);
      assert.ok(problems.includes('3:12 This text block is not closed: add """ after its last line'), problems.join('\n'));
      assert.ok(file.study);
      assert.equal(property(file.study, 'frameworks').values.length, 1);
    });

    it('an unclosed block comment is reported at its start', () => {
      const file = parse('tool t "T" /* note\n tool u\n');
      assert.deepEqual(problemsOf(file), ['1:12 This comment is not closed: add */']);
      assert.equal(file.declarations.length, 1);
    });

    it('garbage at the top level is reported and skipped', () => {
      const file = parse(`}} ,, 12 "loose" ::\n${CLEAN_STUDY}`);
      assert.deepEqual(problemsOf(file), ['1:1 Unexpected \'}} ,, 12 "loose" ::\': expected an import, a study or a declaration']);
      assert.equal(file.study?.name.text, 'clinic');
      assert.equal(file.study?.declarations.length, 5);
    });

    it('garbage between declarations and after the study', () => {
      const file = parse(`actor a: staff\n%%% $$$\nactor b: staff\n} }\n`);
      assert.deepEqual(
        file.declarations.map((d) => d.name.text),
        ['a', 'b'],
      );
      assert.deepEqual(problemsOf(file), ["2:1 Unexpected character '%%%'", "2:5 Unexpected character '$$$'", "4:1 Unexpected '} }': expected an import, a study or a declaration"]);
    });

    it('a lone closing brace says there is one too many', () => {
      assert.deepEqual(problemsOf(parse('study s { frameworks: npt }\n}\n')), ["2:1 Unexpected '}': no block is open here (is there one '}' too many?)"]);
    });

    it('misplaced members are reported where they stand', () => {
      const problems = problemsOf(
        parse(`frameworks: npt
study s {
  import "./x.study"
  frameworks: npt
  touchpoint loose { channel: video }
  study inner { }
}
`),
      );
      assert.deepEqual(problems, [
        '1:1 Properties belong inside a study or a declaration',
        '3:3 Imports go at the top of the file, outside the study',
        '5:3 A touchpoint must be declared inside a service',
        '6:3 A study cannot be nested inside another block',
      ]);
    });

    it('an import after a declaration, and two studies in one file', () => {
      assert.deepEqual(problemsOf(parse('study a { frameworks: npt }\nimport "./x.study"\nstudy b { frameworks: npt }\n')), [
        '2:1 Imports must come before the study and its declarations',
        '3:7 A file holds at most one study; move this one to its own file',
      ]);
    });

    it('an ethics block nested in a question (a missing brace) still belongs to the study', () => {
      const file = parse(variant('clinic?"\n  }\n  method', 'clinic?"\n  method').replace('  ethics {', '  }\n  ethics {'));
      assert.equal(file.study?.ethics.length, 1);
    });
  });

  describe('lexical rules (LANGUAGE.md)', () => {
    it('string escapes \\" \\\\ \\n \\t', () => {
      const value = only(toolValue('"a \\"b\\" \\\\ c\\nd\\te"').values);
      assert.deepEqual(value.kind === 'string' ? [value.form, value.text] : [], ['string', 'a "b" \\ c\nd\te']);
    });

    it('an unknown escape is reported at the escape', () => {
      const { file, values } = toolValue('"50\\% of \\q"');
      assert.deepEqual(problemsOf(file), ["2:19 Unknown escape '\\%' in a string: use \\\", \\\\, \\n or \\t", "2:25 Unknown escape '\\q' in a string: use \\\", \\\\, \\n or \\t"]);
      assert.equal(values[0]?.kind === 'string' ? values[0].text : '', '50% of q');
    });

    it('a string is on one line: a line break ends it unclosed', () => {
      const file = parse('tool t {\n  description: "two\n  lines"\n}\n');
      assert.ok(
        problemsOf(file).some((p) => p.startsWith('2:16 This string is not closed')),
        problemsOf(file).join('\n'),
      );
      assert.equal(file.declarations.length, 1);
    });

    it('an unclosed string leaves a brace at the end of its line to the parser', () => {
      const file = parse('question q "How was it? {\n  about: visit\n}\n');
      assert.deepEqual(problemsOf(file), ['1:12 This string is not closed: add " before the end of the line']);
      const question = file.declarations[0] as QuestionDecl;
      assert.equal(question.label?.text, 'How was it?');
      assert.equal(question.properties[0]?.key.text, 'about');
    });

    it('text blocks span lines and lose their common indentation', () => {
      const file = parse('study s {\n  summary: """\n      First line\n        indented more\n\n      last line\n      """\n  frameworks: npt\n}\n');
      assert.deepEqual(problemsOf(file), []);
      const summary = only(property(file.study!, 'summary').values);
      assert.deepEqual(summary.kind === 'string' ? [summary.form, summary.text] : [], ['text', 'First line\n  indented more\n\nlast line']);
      assert.deepEqual(plainRange(summary.range), { start: { line: 1, character: 11 }, end: { line: 6, character: 9 } });
    });

    it('text block dedent: one line, CRLF, tabs and trailing spaces', () => {
      assert.equal(dedentTextBlock('Inline'), 'Inline');
      assert.equal(dedentTextBlock('\r\n    a\r\n      b   \r\n    '), 'a\n  b');
      assert.equal(dedentTextBlock('\n\ta\n\t\tb\n'), 'a\n\tb');
      assert.equal(dedentTextBlock('\n   \n'), '');
      const inline = parse('tool t { description: """One "quoted" word""" }');
      assert.deepEqual(problemsOf(inline), []);
    });

    it('numbers and ranges: 15..20, with or without spaces', () => {
      const file = parse('method m: survey "S" {\n  sample: 15..20\n  participants: a\n}\nmethod n: survey "S" { sample: 15 .. 20 }\nmethod o: survey "S" { sample: 400 }\n');
      assert.deepEqual(problemsOf(file), []);
      const [m, n, o] = file.declarations as MethodDecl[];
      for (const method of [m, n]) {
        const sample = only(property(method, 'sample').values);
        assert.deepEqual(sample.kind === 'range' ? [sample.min, sample.max] : [], [15, 20]);
      }
      assert.deepEqual(plainRange(property(m, 'sample').values[0].range), { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } });
      const single = only(property(o, 'sample').values);
      assert.deepEqual(single.kind === 'number' ? single.value : undefined, 400);
    });

    it('numbers are non-negative integers: a sign, a decimal point or a missing upper bound is an error', () => {
      assert.deepEqual(problemsOf(toolValue('-3').file), ["2:16 Unexpected character '-'"]);
      assert.ok(problemsOf(toolValue('1.5').file).length > 0);
      assert.deepEqual(problemsOf(parse('method m: survey "S" { sample: 15.. }')), ["1:37 Expected a number but found '}'"]);
    });

    it('qualified references join identifiers with dots', () => {
      const file = parse('question q "Q" {\n  constructs: npt.coherence.differentiation, cfir . inner_setting\n}\n');
      assert.deepEqual(problemsOf(file), []);
      const values = property(file.declarations[0], 'constructs').values as RefValue[];
      assert.deepEqual(
        values.map((v) => [v.kind, v.path, v.segments.length]),
        [
          ['ref', 'npt.coherence.differentiation', 3],
          ['ref', 'cfir.inner_setting', 2],
        ],
      );
      assert.deepEqual(plainRange(values[0].range), { start: { line: 1, character: 14 }, end: { line: 1, character: 43 } });
      assert.deepEqual(
        values[0].segments.map((s) => s.range.start.character),
        [14, 18, 28],
      );
      assert.ok(problemsOf(parse('question q "Q" { constructs: npt. }')).length > 0, 'a trailing dot is an error');
    });

    it('line and block comments are skipped and kept with their ranges', () => {
      const file = parse('// first\ntool t /* inline "not a string" */ "Tool" { // trailing\n  /* multi\n     line */ platform: "Web" // after\n}\n');
      assert.deepEqual(problemsOf(file), []);
      assert.equal(file.declarations[0]?.label?.text, 'Tool');
      assert.deepEqual(
        file.comments.map((c) => [c.block, c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character]),
        [
          [false, 0, 0, 0, 8],
          [true, 1, 7, 1, 34],
          [false, 1, 44, 1, 55],
          [true, 2, 2, 3, 12],
          [false, 3, 29, 3, 37],
        ],
      );
    });

    it('a comment marker inside a string is part of the string', () => {
      const value = only(toolValue('"https://example.org/* not a comment"').values);
      assert.equal(value.kind === 'string' ? value.text : '', 'https://example.org/* not a comment');
    });

    it('keywords are whole words: yesterday, notes, studying and service_user are identifiers', () => {
      const file = parse('actor yesterday: service_user "Y"\nactor notes: staff\nactor studying: staff\nactor importer: staff\nactor nobody: staff\nactor tool_kit: staff\nactor _private1: staff\n');
      assert.deepEqual(problemsOf(file), []);
      assert.deepEqual(
        (file.declarations as ActorDecl[]).map((a) => [a.name.text, a.role?.text]),
        [
          ['yesterday', 'service_user'],
          ['notes', 'staff'],
          ['studying', 'staff'],
          ['importer', 'staff'],
          ['nobody', 'staff'],
          ['tool_kit', 'staff'],
          ['_private1', 'staff'],
        ],
      );
    });

    it('yes and no are booleans; yes_please is a name', () => {
      const file = parse('actor a: staff { vulnerable: yes }\nactor b: staff { vulnerable: no }\nactor c: staff { vulnerable: yes_please }\n');
      assert.deepEqual(
        file.declarations.map((d) => {
          const value = d.properties[0].values[0];
          return value.kind === 'boolean' ? value.value : value.kind;
        }),
        [true, false, 'ref'],
      );
    });

    it('keywords are not property keys', () => {
      assert.ok(problemsOf(parse('tool t { study: "x" }')).length > 0);
    });

    it('identifiers start with a letter or underscore', () => {
      assert.ok(problemsOf(parse('actor 1a: staff')).length > 0);
    });

    it('whitespace: tabs, CRLF, a byte-order mark and no-break spaces separate tokens', () => {
      const file = parse('\ufeffactor\ta:\u00a0staff\r\n\r\ntool t "T"\r\n');
      assert.deepEqual(problemsOf(file), []);
      assert.deepEqual(
        file.declarations.map((d) => [d.name.text, d.name.range.start.line]),
        [
          ['a', 0],
          ['t', 2],
        ],
      );
    });

    it('a lone carriage return ends a line, as LSP counts lines', () => {
      const file = parse('actor a: staff\rtool t "T"\r\n\rtool u');
      assert.deepEqual(problemsOf(file), []);
      assert.equal(file.lineCount, 4);
      assert.deepEqual(
        file.declarations.map((d) => [d.name.text, d.name.range.start.line, d.name.range.start.character]),
        [
          ['a', 0, 6],
          ['t', 1, 5],
          ['u', 3, 5],
        ],
      );
    });

    it('a text block left open at the end of the file ends inside the document', () => {
      const text = 'study s {\n  frameworks: npt\n  summary: """\n    never closed\n';
      const file = parse(text);
      const summary = file.study!.properties[1].values[0];
      assert.deepEqual(plainRange(summary.range), { start: { line: 2, character: 11 }, end: { line: 4, character: 0 } });
      assert.equal(file.lineCount, 5);
    });

    it('positions are UTF-16 columns, as LSP counts them', () => {
      const file = parse('tool t "👩‍⚕️ clinic" { platform: 7 }');
      const platform = property(file.declarations[0], 'platform');
      assert.equal(platform.key.range.start.character, 'tool t "👩‍⚕️ clinic" { '.length);
    });

    it('an unexpected character is reported with its position', () => {
      assert.deepEqual(problemsOf(parse('tool t "T"\n  @ tool u')), ["2:3 Unexpected character '@'"]);
    });
  });

  describe('grammar', () => {
    for (const dir of [EXAMPLES, EXAMPLES_V1]) {
      it(`the three examples of the spec parse with zero problems (${path.basename(dir)})`, () => {
        const examples = fs.readdirSync(dir).filter((name) => name.endsWith('.study'));
        assert.equal(examples.length, 3);
        for (const name of examples) {
          const file = parseStudyFile(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'));
          assert.deepEqual(problemsOf(file), [], name);
          assert.ok(file.study || file.declarations.length > 0, name);
        }
      });
    }

    it('every sample parses with zero problems', () => {
      for (const name of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.study'))) {
        assert.deepEqual(problemsOf(parseStudyFile(path.join(SAMPLES, name), fs.readFileSync(path.join(SAMPLES, name), 'utf8'))), [], name);
      }
    });

    it('a study and its declarations, with ranges', () => {
      const file = parse(CLEAN_STUDY);
      assert.deepEqual(problemsOf(file), []);
      const study = file.study!;
      assert.equal(study.name.text, 'clinic');
      assert.equal(study.label?.text, 'Evaluating a booking app');
      assert.deepEqual(plainRange(study.range), { start: { line: 0, character: 0 }, end: { line: 31, character: 1 } });
      assert.deepEqual(study.bodyRange && plainRange(study.bodyRange), { start: { line: 0, character: 41 }, end: { line: 31, character: 0 } });
      assert.deepEqual(
        study.declarations.map((d) => `${d.kind} ${d.name.text}`),
        ['actor patient', 'actor nurse', 'service booking', 'question reach_q', 'method talks'],
      );
      const talks = named(file, 'method', 'talks');
      assert.equal(talks.methodKind?.text, 'interview');
      assert.deepEqual(plainRange(talks.range), { start: { line: 18, character: 2 }, end: { line: 23, character: 3 } });
      assert.deepEqual(plainRange(property(talks, 'participants').range), { start: { line: 19, character: 4 }, end: { line: 19, character: 32 } });
      const visit = named(file, 'touchpoint', 'visit');
      assert.equal(visit.service?.name.text, 'booking');
      assert.equal(named(file, 'actor', 'nurse').role?.text, 'staff');
    });

    it('a fragment holds declarations and imports', () => {
      const file = parse('import "./a.study"\nimport "../b.study"\nactor a: staff\ntool t "T" { codesigned: yes }\n');
      assert.deepEqual(problemsOf(file), []);
      assert.equal(file.study, undefined);
      assert.deepEqual(
        file.imports.map((i) => i.path?.text),
        ['./a.study', '../b.study'],
      );
      assert.equal(file.declarations.length, 2);
    });

    it('exclude with and without a rationale; actors and tools without a block', () => {
      const file = parse('study s {\n  frameworks: npt\n  exclude npt.coherence "Not in scope."\n  exclude npt\n  actor a: staff\n  tool t\n}\n');
      assert.deepEqual(problemsOf(file), []);
      assert.deepEqual(
        file.study?.excludes.map((e) => [e.ref?.path, e.rationale?.text]),
        [
          ['npt.coherence', 'Not in scope.'],
          ['npt', undefined],
        ],
      );
    });

    it('a question needs its wording', () => {
      assert.deepEqual(problemsOf(parse('question q { about: x }')), ['1:10 A question needs its wording as a string after its name, e.g. question q1 "How…?"']);
    });

    it('the line count counts the last line even when empty', () => {
      assert.equal(parse('').lineCount, 1);
      assert.equal(parse('a\nb\n').lineCount, 3);
    });
  });

  describe('never throws', () => {
    const inputs: [string, string][] = [
      ['empty', ''],
      ['a lone quote', '"'],
      ['three quotes', '"""'],
      ['four quotes', '""""'],
      ['a quote and a backslash', '"\\'],
      ['lone braces', '{ } } { {'],
      ['lone keywords', 'study actor tool service touchpoint question method exclude ethics import yes no'],
      ['a keyword and nothing else', 'study'],
      ['binary junk', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1')],
      ['NUL bytes', '\u0000\u0000study\u0000'],
      ['lone surrogates', 'tool t "\ud800" \udc00'],
      ['unicode identifiers', 'actor Ärztin: staff "Ärztinnen"'],
      ['deep nesting', 'service s { '.repeat(5000)],
      ['deep braces', '{'.repeat(50000) + '}'.repeat(50000)],
      ['very long line', `tool t "${'x'.repeat(200000)}"`],
      ['many properties', `tool t { ${'platform: "x" '.repeat(20000)} }`],
      ['property soup', 'a: b: c, , d .. 4 .. "e" """f""" : } {'],
    ];
    for (const [name, text] of inputs) {
      it(name, () => {
        const file = parse(text);
        assert.equal(file.text, text);
        for (const problem of file.problems) {
          assert.ok(problem.range.start.line >= 0 && problem.range.start.line < file.lineCount, `${name}: ${JSON.stringify(problem)}`);
          assert.ok(typeof problem.message === 'string' && problem.message.length > 0);
        }
        // and the whole pipeline copes with it too
        lint(text);
      });
    }

    it('very deep nesting is one clear problem', () => {
      const problems = problemsOf(parse('service s { '.repeat(20000)));
      assert.ok(problems.some((p) => p.includes('nested too deeply')) || problems.length > 0);
    });
  });
});

describe('a keyword written as a value', () => {
  function lint(code: string): string[] {
    const host = new MemoryHost();
    const main = host.set('main.study', code);
    return lintFiles(new Program(host), [main]).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule}: ${f.message}`);
  }

  it('is one syntax error at the keyword, and the rest of the study is read as written', () => {
    assert.deepEqual(lint(variant('perspective: both', 'perspective: study')), [
      "13:18 invalid-value: 'perspective' expects one of service_user, staff, both, not 'study'",
      "13:18 syntax-error: 'study' is a keyword and cannot be used as a value",
    ]);
  });

  it('after a comma too, while a keyword on the next line still starts a declaration', () => {
    assert.deepEqual(lint(variant('participants: patient, nurse', 'participants: patient, actor')), [
      "13:18 perspective-mismatch: Question 'reach_q' asks for the staff's view, but none of its methods reaches staff",
      "20:28 syntax-error: 'actor' is a keyword and cannot be used as a value",
      "20:28 unknown-reference: No actor named 'actor'",
    ]);
    const missing = parseStudyFile('x.study', 'study s {\n  frameworks: npt\n  question q "Q" {\n    about:\n  question r "R" { about: t }\n}\n');
    assert.ok(
      missing.problems.some((p) => p.message === "Expected a value after 'about:'"),
      missing.problems.map((p) => p.message).join('; '),
    );
    assert.ok(!missing.problems.some((p) => p.message.includes('keyword')));
  });
});

// The lexer and parser skip chevrotain's own checks at start-up (CLI speed); they run here.
describe('grammar checks skipped at start-up', () => {
  it("the token definitions pass chevrotain's lexer checks", () => {
    const lexer = new Lexer(ALL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true });
    assert.deepEqual(lexer.lexerDefinitionErrors, []);
  });
  it("the grammar passes chevrotain's parser checks (no ambiguity, no left recursion)", () => {
    assert.doesNotThrow(() => new StudyParser({ validate: true }));
  });
});
