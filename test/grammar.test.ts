// Tests for the editor assets: the TextMate grammar (tokenized with the same engine VS Code
// uses), language-configuration.json, the snippets and the sample studies' tokenization.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { STUDY_SKELETON } from '../client/skeleton';
import { lintFiles } from '../server/checks/lint';
import { Program } from '../server/model/program';
import { MemoryHost } from './support/memoryHost';

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'studyspec.tmLanguage.json');
const LANGUAGE_CONFIGURATION_PATH = path.join(ROOT, 'language-configuration.json');
const SNIPPETS_PATH = path.join(ROOT, 'snippets', 'studyspec.json');
const SAMPLES_DIR = path.join(ROOT, 'samples');

interface Token {
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  // loadWASM returns the same promise when called again, so other suites may load it too.
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === 'source.studyspec' ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null),
  });
  const loaded = await registry.loadGrammar('source.studyspec');
  if (!loaded) throw new Error('grammar source.studyspec did not load');
  return loaded;
}

/** Tokenizes `text` line by line, carrying the rule stack across lines as the editor does. */
function tokenize(text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is exactly `text`. */
function scopesOf(line: Token[], text: string): string[] {
  const token = line.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

function assertScope(line: Token[], text: string, prefix: string): void {
  const scopes = scopesOf(line, text);
  assert.ok(hasScope(scopes, prefix), `${JSON.stringify(text)} should have ${prefix}, got ${scopes.join(' ')}`);
}

function assertNoScope(line: Token[], text: string, prefix: string): void {
  const scopes = scopesOf(line, text);
  assert.ok(!hasScope(scopes, prefix), `${JSON.stringify(text)} should not have ${prefix}, got ${scopes.join(' ')}`);
}

describe('TextMate grammar (syntaxes/studyspec.tmLanguage.json)', () => {
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is valid JSON with scopeName source.studyspec', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
    assert.strictEqual(raw.scopeName, 'source.studyspec');
  });

  it('scopes the study keyword, its name and its title', () => {
    const [line] = tokenize('study care_portal "Asking for care online" {');
    assertScope(line, 'study', 'storage.type.study');
    assertScope(line, 'care_portal', 'entity.name.type.study');
    assertScope(line, 'Asking for care online', 'string.quoted.double');
    assertScope(line, '{', 'punctuation.section.block.begin');
  });

  it('scopes every declaration keyword and the import keyword', () => {
    const lines = tokenize(
      [
        'import "./portal-actors.study"',
        'actor carer_1: carer "Unpaid carers"',
        'tool portal "Portal" {',
        'service s "S" {',
        'touchpoint t "T" {',
        'question q "Q?" {',
        'method m: focus_group "M" {',
        'exclude npt "Not in scope"',
        'ethics {',
      ].join('\n'),
    );
    assertScope(lines[0], 'import', 'keyword.control.import');
    assertScope(lines[1], 'actor', 'storage.type.actor');
    assertScope(lines[2], 'tool', 'storage.type.tool');
    assertScope(lines[3], 'service', 'storage.type.service');
    assertScope(lines[4], 'touchpoint', 'storage.type.touchpoint');
    assertScope(lines[5], 'question', 'storage.type.question');
    assertScope(lines[6], 'method', 'storage.type.method');
    assertScope(lines[7], 'exclude', 'keyword.other.exclude');
    assertScope(lines[8], 'ethics', 'storage.type.ethics');
  });

  it('scopes declaration names and the role or kind after the colon', () => {
    const lines = tokenize('actor carer_1: carer "Unpaid carers"\nmethod carer_groups: focus_group "Focus groups" {');
    assertScope(lines[0], 'carer_1', 'entity.name.type.actor');
    assertScope(lines[0], 'carer', 'support.type.role');
    assertScope(lines[1], 'carer_groups', 'entity.name.type.method');
    assertScope(lines[1], 'focus_group', 'support.type.method-kind');
  });

  it('scopes a property key, its separator and an enum value (channel: digital)', () => {
    const [line] = tokenize('    channel: digital');
    assertScope(line, 'channel', 'support.type.property-name');
    assertScope(line, ':', 'punctuation.separator.key-value');
    assertScope(line, 'digital', 'support.constant.channel');
  });

  it('scopes an unknown property key differently from the known ones', () => {
    const [line] = tokenize('  chanel: digital');
    assertScope(line, 'chanel', 'variable.other.property');
    assertNoScope(line, 'chanel', 'support.type.property-name');
  });

  it('scopes references by the key that holds them', () => {
    const lines = tokenize('  via: portal\n  actors: resident, unpaid_carer\n  methods: staff_interviews\n  about: booking');
    assertScope(lines[0], 'portal', 'variable.other.reference.tool');
    assertScope(lines[1], 'unpaid_carer', 'variable.other.reference.actor');
    assertScope(lines[1], ',', 'punctuation.separator.comma');
    assertScope(lines[2], 'staff_interviews', 'variable.other.reference.method');
    assertScope(lines[3], 'booking', 'variable.other.reference.touchpoint-or-service');
  });

  it('keeps a text block spanning three lines in string scope, and leaves it afterwards', () => {
    const lines = tokenize(['  summary: """', '    design: this line is inside the text block', '    """', '  design: qualitative'].join('\n'));
    assertScope(lines[0], '"""', 'string.quoted.triple');
    assertScope(lines[1], '    design: this line is inside the text block', 'string.quoted.triple');
    assertScope(lines[2], '"""', 'punctuation.definition.string.end');
    assertScope(lines[3], 'design', 'support.type.property-name');
    assertNoScope(lines[3], 'design', 'string');
    assertScope(lines[3], 'qualitative', 'support.constant.design');
  });

  it('scopes line and block comments', () => {
    const lines = tokenize('// a line comment\n/* a block\n   comment */ study x {');
    assertScope(lines[0], ' a line comment', 'comment.line.double-slash');
    assertScope(lines[1], ' a block', 'comment.block');
    assertScope(lines[2], '   comment ', 'comment.block');
    assertScope(lines[2], 'study', 'storage.type.study');
  });

  it('gives a suppression comment its directive, rule ids and reason', () => {
    const [line] = tokenize('  // studyspec-disable-next-line construct-not-covered, unused-method -- piloted in phase two');
    assertScope(line, 'studyspec-disable-next-line', 'keyword.control.directive');
    assertScope(line, 'construct-not-covered', 'constant.other.rule');
    assertScope(line, 'unused-method', 'constant.other.rule');
    assertScope(line, '--', 'punctuation.separator.reason');
    assertScope(line, 'piloted in phase two', 'meta.suppression.reason');
    assertScope(line, 'construct-not-covered', 'comment.line.double-slash');
  });

  it('scopes a range 12..16 and a plain number', () => {
    const lines = tokenize('    sample: 12..16\n    sample: 400');
    const range = lines[0];
    assert.deepStrictEqual(
      range.filter((t) => t.text.trim()).map((t) => t.text),
      ['sample', ':', '12', '..', '16'],
    );
    assertScope(range, '12', 'constant.numeric');
    assertScope(range, '..', 'keyword.operator.range');
    assertScope(range, '16', 'constant.numeric');
    assertScope(lines[1], '400', 'constant.numeric');
  });

  it('scopes yes and no as booleans', () => {
    const lines = tokenize('  vulnerable: yes\n  codesigned: no');
    assertScope(lines[0], 'yes', 'constant.language.boolean');
    assertScope(lines[1], 'no', 'constant.language.boolean');
  });

  it('distinguishes the framework from the rest of a qualified construct reference', () => {
    const [line] = tokenize('    constructs: npt.coherence.differentiation, four_cos.co_design');
    assertScope(line, 'npt', 'entity.name.namespace');
    assertNoScope(line, 'npt', 'variable.other.constant');
    assertScope(line, '.', 'punctuation.accessor');
    assertScope(line, 'coherence', 'variable.other.constant');
    assertScope(line, 'differentiation', 'variable.other.constant');
    assertScope(line, 'four_cos', 'entity.name.namespace');
  });

  it('scopes framework ids, framework files and excluded references', () => {
    const lines = tokenize('  frameworks: nasss, "./local.json", cfir.inner_setting\n  exclude reaim "Outcomes study"');
    assertScope(lines[0], 'nasss', 'entity.name.namespace');
    assertScope(lines[0], './local.json', 'markup.underline.link');
    assertScope(lines[0], 'inner_setting', 'variable.other.constant');
    assertScope(lines[1], 'reaim', 'entity.name.namespace');
  });

  it('scopes string escapes and marks unknown escapes invalid', () => {
    const [line] = tokenize('  description: "say \\"hello\\" \\\\ \\n \\t and \\q"');
    assertScope(line, '\\"', 'constant.character.escape');
    assertScope(line, '\\\\', 'constant.character.escape');
    assertScope(line, '\\n', 'constant.character.escape');
    assertScope(line, '\\t', 'constant.character.escape');
    assertScope(line, '\\q', 'invalid.illegal');
    assertScope(line, ' and ', 'string.quoted.double');
  });

  it('ends an unterminated string at the end of its line', () => {
    const lines = tokenize('  stage: "access\n  channel: digital');
    assertScope(lines[1], 'channel', 'support.type.property-name');
    assertNoScope(lines[1], 'channel', 'string');
  });

  it('scopes an import path as a link inside a string', () => {
    const [line] = tokenize('import "./services/practice.study"');
    assertScope(line, './services/practice.study', 'markup.underline.link');
    assertScope(line, './services/practice.study', 'string.quoted.double');
    const split = tokenize('import\n  "./fragment.study"');
    assertScope(split[1], './fragment.study', 'markup.underline.link');
  });

  it('handles one-line blocks with several properties', () => {
    const [line] = tokenize('  method m: survey "S" { participants: patient sample: 400 mode: online }');
    assertScope(line, 'participants', 'support.type.property-name');
    assertScope(line, 'patient', 'variable.other.reference.actor');
    assertScope(line, 'sample', 'support.type.property-name');
    assertScope(line, 'mode', 'support.type.property-name');
    assertScope(line, 'online', 'support.constant.mode');
    assertScope(line, '}', 'punctuation.section.block.end');
  });

  it('tokenizes every sample study with no invalid token and nothing left open', () => {
    const files = fs.existsSync(SAMPLES_DIR) ? fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.study')) : [];
    assert.ok(files.length > 0, 'no samples/*.study found');
    for (const file of files) {
      // A keyword on a line of its own after the file must tokenize as a keyword: nothing
      // (string, text block, block comment, import) is left open at the end of the file.
      const lines = tokenize(fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8') + '\nstudy');
      lines.forEach((line, i) => {
        for (const token of line) {
          assert.ok(!hasScope(token.scopes, 'invalid'), `${file}:${i + 1}: invalid token ${JSON.stringify(token.text)}`);
        }
      });
      assert.deepStrictEqual(scopesOf(lines[lines.length - 1], 'study'), ['source.studyspec', 'storage.type.study.studyspec'], `${file}: something is left open at the end of the file`);
    }
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIGURATION_PATH, 'utf8'));

  it('declares comments, brackets, auto-closing and surrounding pairs', () => {
    assert.strictEqual(config.comments.lineComment, '//');
    assert.deepStrictEqual(config.comments.blockComment, ['/*', '*/']);
    assert.deepStrictEqual(config.brackets, [['{', '}']]);
    const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
    for (const open of ['{', '"', '"""']) assert.ok(opens.includes(open), `autoClosingPairs lacks ${open}`);
    const quote = config.autoClosingPairs.find((p: { open: string }) => p.open === '"');
    assert.deepStrictEqual(quote.notIn, ['string', 'comment']);
    assert.ok(config.surroundingPairs.length >= 2);
  });

  it('indents after an opening brace and outdents on a closing one', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('  touchpoint t "A title" {'));
    assert.ok(increase.test('study x {  // comment'));
    assert.ok(!increase.test('  actor a: staff { vulnerable: no }'));
    assert.ok(!increase.test('  // see the {'));
    assert.ok(!increase.test('  description: "a { in a string"'));
    assert.ok(decrease.test('  }'));
    assert.ok(!decrease.test('  channel: digital'));
  });

  it('has onEnter rules that indent into and out of a text block', () => {
    const rules = config.onEnterRules as { beforeText: string; afterText?: string; action: { indent: string } }[];
    const first = (before: string, after: string) => rules.find((r) => new RegExp(r.beforeText).test(before) && (!r.afterText || new RegExp(r.afterText).test(after)));
    assert.strictEqual(first('  summary: """', '"""')?.action.indent, 'indentOutdent');
    assert.strictEqual(first('  summary: """', '')?.action.indent, 'indent');
    assert.strictEqual(first('    last line of the text"""', '')?.action.indent, 'outdent');
    assert.strictEqual(first('    """', '')?.action.indent, 'outdent');
    assert.strictEqual(first('  summary: """One line."""', ''), undefined);
    assert.strictEqual(first('  channel: digital', ''), undefined);
  });

  it('has folding markers and a word pattern that selects one segment of a reference', () => {
    assert.ok(new RegExp(config.folding.markers.start).test('// #region Questions'));
    assert.ok(new RegExp(config.folding.markers.end).test('  // #endregion'));
    const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g'));
    assert.deepStrictEqual(words('npt.coherence.differentiation'), ['npt', 'coherence', 'differentiation']);
    assert.deepStrictEqual(words('sample: 12..16'), ['sample', '12', '16']);
    assert.deepStrictEqual(words('// studyspec-disable-next-line unused-method -- x'), ['studyspec-disable-next-line', 'unused-method', 'x']);
  });
});

// ---------------------------------------------------------------------------------------
// Snippets

/** Enum values from LANGUAGE.md, to check that choice placeholders offer only allowed values. */
const ENUMS: Record<string, string[]> = {
  design: ['qualitative', 'quantitative', 'mixed_methods'],
  channel: ['digital', 'face_to_face', 'telephone', 'video', 'paper', 'hybrid'],
  perspective: ['service_user', 'staff', 'both'],
  mode: ['face_to_face', 'telephone', 'video', 'online', 'paper'],
  recording: ['audio', 'video', 'notes', 'none'],
  data: ['identifiable', 'pseudonymised', 'anonymous'],
  classification: ['research', 'service_evaluation', 'audit'],
  consent: ['written', 'verbal', 'online', 'implied', 'waived'],
  vulnerable: ['yes', 'no'],
  codesigned: ['yes', 'no'],
  backstage: ['yes', 'no'],
};
const ROLES = ['service_user', 'carer', 'staff', 'manager'];

interface Choice {
  index: number;
  options: string[];
}

/**
 * Parses a VS Code snippet body (TextMate snippet syntax) and returns its expansion with
 * each placeholder's default (a choice's first option). Throws on an unbalanced `${`, an
 * unknown `$` construct, a bad escape or an empty choice.
 */
function expandSnippet(body: string, choices: Choice[] = []): string {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i} in ${JSON.stringify(body)}`);
  };
  const readInt = (): number | undefined => {
    const m = /^\d+/.exec(body.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const readName = (): string | undefined => {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(body.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  // Reads text up to an unescaped `}` (when nested) or the end.
  const readAny = (nested: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\') {
        const next = body[i + 1];
        if (next === '$' || next === '}' || next === '\\') {
          out += next;
          i += 2;
        } else {
          out += c;
          i += 1;
        }
      } else if (c === '}' && nested) {
        return out;
      } else if (c === '$') {
        out += readDollar();
      } else {
        out += c;
        i += 1;
      }
    }
    if (nested) fail('unbalanced ${');
    return out;
  };
  const readDollar = (): string => {
    i += 1; // $
    if (body[i] === '{') {
      i += 1;
      const index = readInt();
      const name = index === undefined ? readName() : undefined;
      if (index === undefined && name === undefined) fail('expected a tab stop number or variable after ${');
      if (body[i] === '}') {
        i += 1;
        return '';
      }
      if (body[i] === ':') {
        i += 1;
        const inner = readAny(true);
        i += 1; // }
        return inner;
      }
      if (body[i] === '|' && index !== undefined) {
        i += 1;
        const options: string[] = [];
        let current = '';
        while (i < body.length && !(body[i] === '|' && body[i + 1] === '}')) {
          if (body[i] === '\\' && [',', '|', '\\', '$', '}'].includes(body[i + 1])) {
            current += body[i + 1];
            i += 2;
          } else if (body[i] === ',') {
            options.push(current);
            current = '';
            i += 1;
          } else {
            current += body[i];
            i += 1;
          }
        }
        if (i >= body.length) fail('unterminated choice');
        options.push(current);
        if (options.some((o) => o === '')) fail('empty choice option');
        i += 2; // |}
        choices.push({ index, options });
        return options[0];
      }
      return fail('unbalanced ${');
    }
    if (readInt() !== undefined) return '';
    if (readName() !== undefined) return '';
    return fail('a lone $ (escape it as \\$)');
  };
  return readAny(false);
}

describe('snippets/studyspec.json', () => {
  const snippets = JSON.parse(fs.readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[]; description?: string }>;

  before(async () => {
    if (!grammar) grammar = await loadGrammar();
  });

  it('has the expected snippets, each with prefix, body and description', () => {
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const p of ['study', 'actor', 'tool', 'service', 'touchpoint', 'question', 'method-interview', 'method-survey', 'method-record-review', 'exclude', 'ethics', 'import']) {
      assert.ok(prefixes.includes(p), `no snippet with prefix ${p}`);
    }
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix && s.body && s.description, `${name} lacks prefix, body or description`);
    }
  });

  it('parses every snippet body (balanced ${...}, valid choices)', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      assert.doesNotThrow(() => expandSnippet(body), `snippet ${name}`);
    }
  });

  it('detects an unbalanced placeholder (self-check of the snippet parser)', () => {
    assert.throws(() => expandSnippet('study ${1:name "x" {'));
    assert.throws(() => expandSnippet('cost: $ 5'));
    assert.throws(() => expandSnippet('${1|a,|}'));
    assert.strictEqual(expandSnippet('${1:a ${2:b}} \\$x ${3|c,d|}$0'), 'a b $x c');
  });

  it('offers only the values LANGUAGE.md allows in choice placeholders', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const lines = Array.isArray(s.body) ? s.body : s.body.split('\n');
      for (const line of lines) {
        const choices: Choice[] = [];
        expandSnippet(line, choices);
        if (choices.length === 0) continue;
        const key = /^\s*([a-z_]+)\s*:/.exec(line)?.[1];
        const header = /^\s*(actor|method)\b/.exec(line)?.[1];
        const allowed = key ? ENUMS[key] : header === 'actor' ? ROLES : undefined;
        if (!allowed) continue; // e.g. the rule ids of a suppression comment
        for (const option of choices.flatMap((c) => c.options)) {
          assert.ok(allowed.includes(option), `${name}: ${option} is not allowed for ${key ?? header}`);
        }
      }
    }
  });

  it('expands every snippet to text the grammar tokenizes without invalid tokens', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const text = expandSnippet(Array.isArray(s.body) ? s.body.join('\n') : s.body);
      tokenize(text).forEach((line) => {
        for (const token of line) {
          assert.ok(!hasScope(token.scopes, 'invalid'), `${name}: invalid token ${JSON.stringify(token.text)}`);
        }
      });
    }
  });

  it('the study skeleton, filled with its defaults, lints with nothing but the coverage still to write', () => {
    const host = new MemoryHost();
    const file = host.set('skeleton.study', expandSnippet(STUDY_SKELETON));
    const findings = lintFiles(new Program(host), [file]).filter((f) => f.rule !== 'construct-not-covered');
    assert.deepStrictEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});
