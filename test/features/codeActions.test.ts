import { strict as assert } from 'assert';
import { lintFile } from '../../server/checks/lint';
import { CLEAN_STUDY, variant } from '../../server/checks/fixture';
import { Finding } from '../../server/common/finding';
import { codeActions } from '../../server/features/codeActions';
import { CodeAction } from '../../server/features/types';
import { applyEdits } from '../lsp/client';
import { indexAt } from '../support/indexFixture';

/** The quick fixes for the findings of `rule` in `text` (main.study), and a way to apply one and re-check. */
function fixesFor(text: string, rule: string, files: Record<string, string> = {}) {
  const f = indexAt(text + '$0', files);
  const all = lintFile(f.program, f.main, f.host.files.keys());
  const findings = all.filter((x) => x.rule === rule);
  assert.ok(findings.length > 0, `no ${rule} in ${all.map((x) => x.rule).join(', ')}`);
  const actions = codeActions(f.index, f.main, findings);
  const apply = (action: CodeAction): { text: string; findings: Finding[] } => {
    let result = f.text;
    for (const fileEdit of action.edit) {
      if (fileEdit.file === f.main) result = applyEdits(result, fileEdit.edits);
      else f.host.files.set(fileEdit.file, applyEdits(f.host.files.get(fileEdit.file)!, fileEdit.edits));
    }
    f.host.set('main.study', result);
    return { text: result, findings: lintFile(f.program, f.main, f.host.files.keys()) };
  };
  const titled = (prefix: string): CodeAction => {
    const action = actions.find((a) => a.title.startsWith(prefix));
    assert.ok(action, `no action '${prefix}…' in ${actions.map((a) => a.title).join(' | ')}`);
    return action;
  };
  return { actions, apply, titled, findings };
}

function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

/** npt.coherence selected, every construct below it excluded but internalisation. */
const ONE_UNCOVERED = variant(
  'frameworks: reaim.reach',
  'frameworks: reaim.reach, npt.coherence\n  exclude npt.coherence.differentiation "x"\n  exclude npt.coherence.communal_specification "x"\n  exclude npt.coherence.individual_specification "x"',
);

describe('code actions', () => {
  it('replaces an unknown name with each suggestion, the nearest preferred', () => {
    const { actions, apply } = fixesFor(variant('about: visit', 'about: vist'), 'unknown-reference');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ["Change to 'visit'", true],
        ['Silence unknown-reference on this line', false],
      ],
    );
    assert.deepEqual(actions[0].fixes?.rule, 'unknown-reference');
    assert.deepEqual(rules(apply(actions[0]).findings), []);
  });

  it('replaces an unknown construct segment, key and value', () => {
    const construct = fixesFor(variant('constructs: reaim.reach', 'constructs: reaim.reech'), 'unknown-construct');
    assert.ok(construct.apply(construct.titled("Change to 'reach'")).text.includes('constructs: reaim.reach\n'));
    const key = fixesFor(variant('perspective: both', 'perspectiv: both'), 'unknown-property');
    assert.deepEqual(rules(key.apply(key.titled("Change to 'perspective'")).findings), []);
    const value = fixesFor(variant('channel: face_to_face', 'channel: face_to_fac'), 'invalid-value');
    assert.deepEqual(rules(value.apply(value.titled("Change to 'face_to_face'")).findings), []);
  });

  it('adds a question skeleton for an uncovered construct, with the framework prompts', () => {
    const { apply, titled } = fixesFor(ONE_UNCOVERED, 'construct-not-covered');
    const result = apply(titled('Add a question about npt.coherence.internalisation (Internali'));
    const question =
      /\n\n  question internalisation "TODO: what do we want to learn about Internali[sz]ation\?" \{\n    about: visit\n    perspective: both\n    constructs: npt\.coherence\.internalisation\n    methods: talks\n    probes: ("[^"\n]+",\n      )+"[^"\n]+"\n  \}\n\}\n$/;
    assert.match(result.text, question);
    // the skeleton has no wording for either side yet: the hint asks for it
    assert.deepEqual(rules(result.findings), ['participant-question-missing', 'participant-question-missing']);
  });

  it('or excludes the construct with a reason to fill in', () => {
    const { apply, titled } = fixesFor(ONE_UNCOVERED, 'construct-not-covered');
    const result = apply(titled('Exclude npt.coherence.internalisation'));
    assert.ok(result.text.endsWith('  aims: "Find out who the clinic reaches"\n\n  exclude npt.coherence.internalisation "TODO: why this construct is out of scope"\n}\n'), result.text);
    assert.deepEqual(rules(result.findings), []);
  });

  it("keeps the file's indentation and picks a fresh name", () => {
    const fourSpaces = CLEAN_STUDY.replace(/^( +)/gm, (spaces) => spaces + spaces).replace('question reach_q', 'question reach');
    const study = fourSpaces.replace('frameworks: reaim.reach', 'frameworks: reaim');
    const { apply, titled } = fixesFor(study, 'construct-not-covered');
    const result = apply(titled('Add a question about reaim.adoption'));
    assert.match(result.text, /\n    question adoption "[^"]*" \{\n        about: visit\n        perspective: both\n        constructs: reaim\.adoption\n/);
  });

  it('asks the missing side about a touchpoint, through a method that reaches it', () => {
    const study = variant('perspective: both', 'perspective: staff').replace('  ethics {', '  method user_survey: survey "Patient survey" {\n    participants: patient\n  }\n  ethics {');
    const { apply, titled } = fixesFor(study, 'missing-perspective');
    const result = apply(titled("Add a question about 'visit' from the service users' side"));
    assert.match(result.text, /\n  question visit_service_user "TODO: how do service users experience Clinic visit\?" \{\n    about: visit\n    perspective: service_user\n    methods: talks\n  \}\n/);
    assert.deepEqual(
      rules(result.findings).filter((r) => r === 'missing-perspective'),
      [],
    );
  });

  it('inserts an ethics block with the keys the methods need', () => {
    const study = variant(
      '  ethics {\n    consent: written\n    retention: "Five years"\n    withdrawal: "Until two weeks after the interview"\n    public_involvement: "A patient panel reviewed the topic guide"\n  }\n',
      '',
    );
    const { apply, titled } = fixesFor(study, 'ethics-missing');
    const result = apply(titled('Add an ethics block'));
    assert.ok(
      result.text.endsWith('\n  ethics {\n    classification: research\n    consent: written\n    withdrawal: "TODO"\n    retention: "TODO"\n    public_involvement: "TODO"\n  }\n}\n'),
      result.text,
    );
    // the placeholders are still reported, so the fix cannot silence what it asks for
    assert.deepEqual(rules(result.findings), ['retention-missing', 'withdrawal-missing', 'public-involvement-missing']);
  });

  it('adds a rationale placeholder to an exclusion', () => {
    const empty = fixesFor(variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption ""'), 'exclusion-without-rationale');
    assert.ok(empty.apply(empty.titled('Add a rationale placeholder')).text.includes('exclude reaim.adoption "TODO: why this is out of scope"'));
    const none = fixesFor(variant('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude reaim.adoption'), 'exclusion-without-rationale');
    const result = none.apply(none.titled('Add a rationale placeholder'));
    assert.ok(result.text.includes('exclude reaim.adoption "TODO: why this is out of scope"\n'));
    assert.deepEqual(
      rules(result.findings).filter((r) => r === 'exclusion-without-rationale'),
      [],
    );
  });

  it('adds a missing key, one action per allowed value', () => {
    const { actions, apply, titled } = fixesFor(variant('      channel: face_to_face\n', ''), 'missing-property');
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Add')).map((a) => a.title),
      ['digital', 'face_to_face', 'telephone', 'video', 'paper', 'hybrid'].map((v) => `Add 'channel: ${v}'`),
    );
    const result = apply(titled("Add 'channel: face_to_face'"));
    assert.equal(result.text, CLEAN_STUDY);
    assert.deepEqual(rules(result.findings), []);
    const oneLine = fixesFor('study s { frameworks: reaim.reach\n  service s "S" { touchpoint t "T" { } }\n}\n', 'missing-property');
    assert.ok(oneLine.apply(oneLine.titled("Add 'channel: video'")).text.includes('touchpoint t "T" { channel: video }'));
  });

  it('adds several missing keys at once', () => {
    const { apply, titled } = fixesFor(variant('    about: visit\n    perspective: both\n', ''), 'missing-property');
    const result = apply(titled("Add 'about' and 'perspective'"));
    assert.ok(result.text.includes('  question reach_q "Who does the clinic reach?" {\n    about: visit\n    perspective: both\n    constructs: reaim.reach\n'), result.text);
  });

  it('adds the framework of a construct to frameworks:', () => {
    const { apply, titled } = fixesFor(variant('constructs: reaim.reach', 'constructs: reaim.reach, npt.coherence'), 'framework-not-selected');
    assert.ok(apply(titled('Add npt to frameworks:')).text.includes('frameworks: reaim.reach, npt\n'));
  });

  it('silences a rule on the line, or adds it to the directive already there', () => {
    const { apply, titled } = fixesFor(variant('about: visit', 'about: vist'), 'unknown-reference');
    const result = apply(titled('Silence unknown-reference'));
    assert.ok(result.text.includes('    // studyspec-disable-next-line unknown-reference -- reason\n    about: vist\n'));
    assert.ok(!rules(result.findings).includes('unknown-reference'));
    const again = fixesFor(variant('about: visit', '// studyspec-disable-next-line wrong-kind -- legacy\n    about: vist'), 'unknown-reference');
    assert.ok(again.apply(again.titled('Silence unknown-reference')).text.includes('// studyspec-disable-next-line wrong-kind, unknown-reference -- legacy\n'));
  });
});
