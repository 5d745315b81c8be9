// .studyspec.json (server/checks/config.ts) and suppression comments (server/checks/suppress.ts).

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findConfig, parseConfig } from '../server/checks/config';
import { lintFiles } from '../server/checks/lint';
import { RULES } from '../server/checks/rules';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { CancelledError } from '../server/common/cancellation';
import { Finding } from '../server/common/finding';
import { runChecks } from '../server/checks/run';
import { Program } from '../server/model/program';
import { suppressionsOf } from '../server/checks/suppress';
import { parseStudyFile } from '../server/model/build';
import { MemoryHost } from './support/memoryHost';

const ROOT = path.resolve(__dirname, '../..');

/** CLEAN_STUDY with an unused tool (a hint) and a touchpoint nobody asks about (a warning). */
const NOISY_STUDY = variant('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "Booking app"').replace(
  '    touchpoint visit',
  '    touchpoint call "Reminder call" {\n      channel: telephone\n      actors: nurse\n    }\n    touchpoint visit',
);

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${path.basename(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}`);
}

function lintWith(files: Record<string, string>, study = 'main.study'): Finding[] {
  const host = new MemoryHost(files);
  return lintFiles(new Program(host), [host.path(study)]);
}

describe('configuration (.studyspec.json)', () => {
  it('without one, the default severities apply', () => {
    assert.deepEqual(summary(lintWith({ 'main.study': NOISY_STUDY })), ['main.study:5:8 hint unused-declaration', 'main.study:7:16 warning touchpoint-not-evaluated']);
  });

  it('is found by walking up from the study', () => {
    const findings = lintWith({ '.studyspec.json': '{ "rules": { "unused-declaration": "error" } }', 'projects/clinic/protocol/main.study': NOISY_STUDY }, 'projects/clinic/protocol/main.study');
    assert.deepEqual(summary(findings), ['main.study:5:8 error unused-declaration', 'main.study:7:16 warning touchpoint-not-evaluated']);
  });

  it('the nearest one wins, and configurations do not merge', () => {
    const host = new MemoryHost({
      '.studyspec.json': '{ "rules": { "unused-declaration": "error", "touchpoint-not-evaluated": "error" } }',
      'clinic/.studyspec.json': '{ "rules": { "touchpoint-not-evaluated": "information" } }',
      'clinic/main.study': NOISY_STUDY,
    });
    assert.equal(findConfig(host, host.path('clinic')).file, host.path('clinic/.studyspec.json'));
    assert.deepEqual(summary(lintFiles(new Program(host), [host.path('clinic/main.study')])), ['main.study:5:8 hint unused-declaration', 'main.study:7:16 information touchpoint-not-evaluated']);
  });

  it('changes severities, and "off" silences a rule', () => {
    const config = '{ "rules": { "unused-declaration": "off", "touchpoint-not-evaluated": "error", "consent-missing": "warning" } }';
    const findings = lintWith({ '.studyspec.json': config, 'main.study': NOISY_STUDY.replace('    consent: written\n', '') });
    assert.deepEqual(summary(findings), ['main.study:7:16 error touchpoint-not-evaluated', 'main.study:30:3 warning consent-missing']);
  });

  it('accepts every severity for every rule', () => {
    for (const severity of ['error', 'warning', 'information', 'hint', 'off']) {
      const config = parseConfig('/x/.studyspec.json', JSON.stringify({ rules: Object.fromEntries(RULES.map((rule) => [rule.id, severity])) }));
      assert.deepEqual(config.problems, [], severity);
      assert.equal(Object.keys(config.rules).length, RULES.length);
    }
  });

  it('its schema names exactly the rule ids', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'studyspec.schema.json'), 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.deepEqual([...schema.properties.rules.propertyNames.enum].sort(), RULES.map((r) => r.id).sort());
  });

  it('frameworkFolders are relative to the file, and their frameworks are selectable by id from the first study linted', () => {
    const framework =
      '{"id":"trust_ai","name":"Trust in decision support","kind":"implementation","citation":"A. Author (2025). Trust.","constructs":[{"id":"transparency","name":"Transparency","definition":"Whether users see why."}]}';
    const study = CLEAN_STUDY.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, trust_ai').replace('constructs: reaim.reach', 'constructs: reaim.reach, trust_ai.transparency');
    const findings = lintWith({ 'study/.studyspec.json': '{ "frameworkFolders": ["../theories"] }', 'theories/trust.json': framework, 'study/main.study': study }, 'study/main.study');
    assert.deepEqual(summary(findings), []);
  });

  it("each study is linked with its own configuration's framework folders, in whatever order one program links them", () => {
    const framework =
      '{"id":"trust_ai","name":"Trust in decision support","kind":"implementation","citation":"A. Author (2025). Trust.","constructs":[{"id":"transparency","name":"Transparency","definition":"Whether users see why."}]}';
    const study = CLEAN_STUDY.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, trust_ai').replace('constructs: reaim.reach', 'constructs: reaim.reach, trust_ai.transparency');
    const host = new MemoryHost({ 'with/.studyspec.json': '{ "frameworkFolders": ["../theories"] }', 'theories/trust.json': framework, 'with/main.study': study, 'without/main.study': study });
    const [withFolders, withoutFolders] = [host.path('with/main.study'), host.path('without/main.study')];
    for (const order of [
      [withFolders, withoutFolders],
      [withoutFolders, withFolders],
    ]) {
      const findings = lintFiles(new Program(host), order);
      assert.deepEqual([...new Set(findings.map((f) => `${path.basename(path.dirname(f.file))} ${f.rule}`))], ['without unknown-framework', 'without unknown-construct'], order.join(' then '));
    }
    const program = new Program(host);
    const file = program.file(withFolders)!;
    const selected = (frameworkFolders?: string[]): string[] => program.modelOf(file, { frameworkFolders }).selections.flatMap((s) => (s.framework ? [s.framework.id] : []));
    assert.deepEqual(selected([host.path('theories')]), ['reaim', 'trust_ai']);
    assert.deepEqual(selected(), ['reaim'], 'folders given for one model are not kept for the next');
  });

  it('cancellation is its own error class: a rule failing with the message "cancelled" is an internal error, not a cancelled run', () => {
    const host = new MemoryHost({ 'main.study': CLEAN_STUDY });
    const model = new Program(host).model(host.path('main.study'))!;
    const failing = {
      ...RULES[0],
      id: 'failing',
      check: () => {
        throw new Error('cancelled');
      },
    };
    const findings = runChecks(model, { rules: [failing] });
    assert.deepEqual(
      findings.map((f) => `${f.rule} ${f.message}`),
      ['failing Internal error in rule failing: cancelled'],
    );
    const cancelling = {
      ...RULES[0],
      id: 'cancelling',
      check: () => {
        throw new CancelledError();
      },
    };
    assert.throws(() => runChecks(model, { rules: [cancelling] }), CancelledError);
    assert.throws(() => runChecks(model, { token: { isCancellationRequested: true } }), CancelledError);
  });

  describe('an invalid configuration gives invalid-config findings, and the defaults apply', () => {
    const cases: { name: string; text: string; messages: string[]; at: string[] }[] = [
      {
        name: 'a misspelt rule id',
        text: '{\n  "rules": {\n    "unused-declaraton": "off"\n  }\n}\n',
        messages: [".studyspec.json: 'unused-declaraton' is not a rule id (did you mean 'unused-declaration'?). The default severities apply until this is fixed."],
        at: ['3:5'],
      },
      {
        name: 'a severity that does not exist',
        text: '{ "rules": { "unused-declaration": "loud" } }',
        messages: ['.studyspec.json: the rule unused-declaration cannot be set to "loud"; use "error", "warning", "information", "hint", "off". The default severities apply until this is fixed.'],
        at: ['1:14'],
      },
      {
        name: 'an unknown setting',
        text: '{ "rule": { "unused-declaration": "off" } }',
        messages: ['.studyspec.json: "rule" is not a setting (did you mean "rules"?). The default severities apply until this is fixed.'],
        at: ['1:3'],
      },
      { name: 'rules as a list', text: '{ "rules": ["unused-declaration"] }', messages: ['.studyspec.json: rules: must be an object. The default severities apply until this is fixed.'], at: ['1:3'] },
      {
        name: 'frameworkFolders as a string',
        text: '{ "frameworkFolders": "./theories" }',
        messages: ['.studyspec.json: frameworkFolders: must be a list. The default severities apply until this is fixed.'],
        at: ['1:3'],
      },
      {
        name: 'a frameworkFolders item that is not a string, at the item',
        text: '{ "frameworkFolders": ["./theories", 3] }',
        messages: ['.studyspec.json: frameworkFolders › 1: must be a string. The default severities apply until this is fixed.'],
        at: ['1:38'],
      },
      {
        name: 'not JSON',
        text: '{ "rules": { "unused-declaration": "off" }',
        messages: ['.studyspec.json is not valid JSON: close brace expected. The default severities apply until this is fixed.'],
        at: ['1:43'],
      },
      { name: 'an empty file', text: '   \n', messages: ['.studyspec.json is empty: write {} or delete it. The default severities apply until this is fixed.'], at: ['1:1'] },
      { name: 'a list instead of an object', text: '[]', messages: ['.studyspec.json: must be an object. The default severities apply until this is fixed.'], at: ['1:1'] },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const findings = lintWith({ '.studyspec.json': testCase.text, 'main.study': NOISY_STUDY });
        const config = findings.filter((f) => f.rule === 'invalid-config');
        assert.deepEqual(
          config.map((f) => f.message),
          testCase.messages,
        );
        assert.deepEqual(
          config.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`),
          testCase.at,
        );
        for (const finding of config) {
          assert.equal(finding.file, '/virtual/.studyspec.json');
          assert.equal(finding.severity, 'error');
        }
        // the study is checked with the default severities
        assert.deepEqual(summary(findings.filter((f) => f.rule !== 'invalid-config')), ['main.study:5:8 hint unused-declaration', 'main.study:7:16 warning touchpoint-not-evaluated']);
      });
    }

    it('a key given twice is reported at the second, and the last one counts', () => {
      const findings = lintWith({ '.studyspec.json': '{ "rules": { "unused-declaration": "off" },\n  "rules": { "unused-declaration": "error" } }', 'main.study': NOISY_STUDY });
      assert.deepEqual(summary(findings), ['.studyspec.json:2:3 error invalid-config', 'main.study:5:8 error unused-declaration', 'main.study:7:16 warning touchpoint-not-evaluated']);
      assert.match(findings[0].message, /^\.studyspec\.json: "rules" is given twice in one object; only the last one counts$/);
    });

    it('is reported once when several studies share it', () => {
      const host = new MemoryHost({ '.studyspec.json': '{ "rulez": {} }', 'a.study': CLEAN_STUDY, 'b.study': CLEAN_STUDY.replace('study clinic', 'study other') });
      const findings = lintFiles(new Program(host), [host.path('a.study'), host.path('b.study')]);
      assert.equal(findings.filter((f) => f.rule === 'invalid-config').length, 1);
    });
  });
});

describe('suppression comments', () => {
  /** CLEAN_STUDY with an unused tool (line 5) and an unused method (line 26). */
  const STUDY = variant('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "Booking app"').replace(
    '  ethics {',
    '  method logs: usage_log "App logs" { data: anonymous analysis: "Monthly counts" }\n  ethics {',
  );
  const lintStudy = (text: string): string[] => lintWith({ 'main.study': text }).map((f) => `${f.range.start.line + 1} ${f.rule}`);

  it('the unsuppressed study has one hint and one warning', () => {
    assert.deepEqual(lintStudy(STUDY), ['5 unused-declaration', '26 unused-method']);
  });

  it('silences the rule on the next line, with a reason', () => {
    const text = STUDY.replace('  tool app', '  // studyspec-disable-next-line unused-declaration -- the app is described for the protocol only\n  tool app');
    assert.deepEqual(lintStudy(text), ['27 unused-method']);
  });

  it('silences one line only', () => {
    const text = STUDY.replace('  tool app "Booking app"', '  // studyspec-disable-next-line unused-declaration -- first tool only\n  tool app "Booking app"\n  tool kiosk "Check-in kiosk"');
    assert.deepEqual(lintStudy(text), ['7 unused-declaration', '28 unused-method']);
  });

  it('does not reach past a blank line', () => {
    const text = STUDY.replace('  tool app', '  // studyspec-disable-next-line unused-declaration -- too far away\n\n  tool app');
    assert.deepEqual(lintStudy(text), ['7 unused-declaration', '28 unused-method']);
  });

  it('several rules, comma-separated', () => {
    const text = STUDY.replace(
      '  tool app "Booking app"',
      '  // studyspec-disable-next-line unused-declaration, unused-method -- both on one line\n  tool app "Booking app" method logs2: usage_log "More logs" { data: anonymous analysis: "Monthly counts" }',
    );
    assert.deepEqual(lintStudy(text), ['27 unused-method']);
  });

  it('a wrong rule id does not silence', () => {
    for (const wrong of ['unused-declarations', 'unused', 'unused-method', 'UNUSED-DECLARATION']) {
      const text = STUDY.replace('  tool app', `  // studyspec-disable-next-line ${wrong} -- wrong id\n  tool app`);
      // an id that is not a rule is itself reported (invalid-suppression); a real but different rule is not
      const expected = wrong === 'unused-method' ? ['6 unused-declaration', '27 unused-method'] : ['5 invalid-suppression', '6 unused-declaration', '27 unused-method'];
      assert.deepEqual(lintStudy(text), expected, wrong);
    }
  });

  it('a block comment is not a directive', () => {
    const text = STUDY.replace('  tool app', '  /* studyspec-disable-next-line unused-declaration -- block */\n  tool app');
    assert.deepEqual(lintStudy(text), ['6 unused-declaration', '27 unused-method']);
  });

  it('silences errors too, and works in a fragment', () => {
    const files = {
      'main.study': 'import "./people.study"\n' + variant('  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', ''),
      'people.study':
        '// studyspec-disable-next-line duplicate-name, unused-declaration -- kept for the carers\' study\nactor patient: carer "Carers" { inclusion: "Cares for a patient" }\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n',
    };
    assert.deepEqual(summary(lintWith(files)), []);
    const unsuppressed = { ...files, 'people.study': files['people.study'].split('\n').slice(1).join('\n') };
    assert.deepEqual(summary(lintWith(unsuppressed)), ['people.study:1:7 error duplicate-name', 'people.study:1:7 hint unused-declaration']);
  });

  it('parses rule ids, their ranges and the reason', () => {
    const file = parseStudyFile('/x/a.study', 'tool t\n   // studyspec-disable-next-line unused-method,unused-declaration -- reason here\ntool u\n');
    const [suppression] = suppressionsOf(file);
    assert.equal(suppression.line, 2);
    assert.equal(suppression.reason, 'reason here');
    assert.deepEqual(
      suppression.rules.map((r) => [r.id, r.range.start.character, r.range.end.character]),
      [
        ['unused-method', 34, 47],
        ['unused-declaration', 48, 66],
      ],
    );
  });
});
