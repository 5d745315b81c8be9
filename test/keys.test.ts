// The typed views of blocks (server/model/keys.ts) and the one declaration of keys behind them.

import { strict as assert } from 'assert';
import { lintModel } from '../server/checks/lint';
import { complete } from '../server/features/completion';
import { BlockKind, MethodDecl, QuestionDecl, TouchpointDecl } from '../server/model/ast';
import { keysOf, wordOf } from '../server/model/keys';
import { PROPERTY_SPECS } from '../server/model/schema';
import { fixtureAt, fixtureOf } from './support/featureFixture';

const STUDY = `study s "S" {
  frameworks: npt
  summary: """A lay summary"""
  actor patient: service_user "Patients" { vulnerable: yes }
  tool app "App" { platform: "Android" }
  service svc "Service" {
    touchpoint online "Online" {
      channel: digitl
      via: app
      actors: patient
      backstage: no
    }
  }
  question q "Q" {
    about: online, svc
    perspective: both
    perspective: staff
    probes: "First", "Second"
    constructs: npt.coherence
  }
  method talks: interview "Talks" {
    participants: patient
    sample: 12..16
    mode: telephone
    duration: 45
  }
  method survey1: survey "Survey" { sample: 400 }
  ethics { consent: written }
}
`;

function studyModel() {
  const { model } = fixtureOf(STUDY);
  assert.ok(model);
  return model;
}

describe('typed views of blocks', () => {
  it('read each kind of value into its convenient form', () => {
    const model = studyModel();
    const talks = keysOf(model.methods[0]);
    assert.equal(talks.mode, 'telephone');
    assert.equal(talks.duration, 45);
    assert.deepEqual(talks.sample, { min: 12, max: 16, isRange: true });
    assert.deepEqual(keysOf(model.methods[1]).sample, { min: 400, max: 400, isRange: false });
    assert.deepEqual(
      talks.participants.map((r) => r.path),
      ['patient'],
    );
    assert.equal(keysOf(model.actors[0]).vulnerable, true);
    assert.equal(keysOf(model.tools[0]).platform, 'Android');
    assert.equal(model.study && keysOf(model.study).summary, 'A lay summary');
    assert.deepEqual(model.study && keysOf(model.study).frameworks.map((v) => v.kind), ['ref']);
    assert.equal(model.ethics && keysOf(model.ethics).consent, 'written');
    const question = keysOf(model.questions[0]);
    assert.deepEqual(question.probes, ['First', 'Second']);
    assert.deepEqual(
      question.about.map((r) => r.path),
      ['online', 'svc'],
    );
    assert.deepEqual(
      question.constructs.map((r) => r.path),
      ['npt.coherence'],
    );
  });

  it('give undefined or an empty list for a key not given, and keep absence apart from false', () => {
    const model = studyModel();
    const survey = keysOf(model.methods[1]);
    assert.equal(survey.mode, undefined);
    assert.deepEqual(survey.participants, []);
    assert.equal(survey.$property.participants, undefined);
    assert.equal(keysOf(model.touchpoints[0]).backstage, false);
    assert.equal(keysOf(model.tools[0]).codesigned, undefined);
  });

  it('read an enum value outside the allowed set as undefined, with the written word still at hand', () => {
    const touchpoint: TouchpointDecl = studyModel().touchpoints[0];
    assert.equal(keysOf(touchpoint).channel, undefined);
    assert.equal(wordOf(keysOf(touchpoint).$property.channel), 'digitl');
  });

  it('read the first of a repeated key, as the checks do', () => {
    const question: QuestionDecl = studyModel().questions[0];
    assert.equal(keysOf(question).perspective, 'both');
    assert.equal(keysOf(question).$property.perspective?.range.start.line, 15);
  });

  it('are built once per block', () => {
    const method: MethodDecl = studyModel().methods[0];
    assert.equal(keysOf(method), keysOf(method));
  });
});

/** A study with an empty block of the kind at `$0`. */
const EMPTY_BLOCKS: Record<BlockKind, string> = {
  study: 'study s {\n  $0\n}',
  actor: 'study s {\n  actor a: staff {\n    $0\n  }\n}',
  tool: 'study s {\n  tool t {\n    $0\n  }\n}',
  service: 'study s {\n  service v {\n    $0\n  }\n}',
  touchpoint: 'study s {\n  service v {\n    touchpoint t {\n      $0\n    }\n  }\n}',
  question: 'study s {\n  question q {\n    $0\n  }\n}',
  method: 'study s {\n  method m: survey {\n    $0\n  }\n}',
  ethics: 'study s {\n  ethics {\n    $0\n  }\n}',
};

describe('the declaration of keys is the one source', () => {
  for (const [block, specs] of Object.entries(PROPERTY_SPECS) as [BlockKind, (typeof PROPERTY_SPECS)[BlockKind]][]) {
    it(`completion offers exactly the declared keys of ${block}`, () => {
      const fixture = fixtureAt(EMPTY_BLOCKS[block]);
      const keys = complete(fixture.program, fixture.file, fixture.model, fixture.position).filter((item) => item.kind === 'property');
      assert.deepEqual(
        keys.map((item) => item.label),
        specs.map((spec) => spec.key),
      );
    });

    it(`unknown-property suggests the declared keys of ${block}`, () => {
      for (const spec of specs) {
        const misspelt = `${spec.key}x`;
        const fixture = fixtureOf(EMPTY_BLOCKS[block].replace('$0', `${misspelt}: yes`));
        assert.ok(fixture.model);
        const finding = lintModel(fixture.program, fixture.model).findings.find((f) => f.rule === 'unknown-property');
        assert.ok(finding, `${block}.${misspelt} is reported`);
        assert.equal(finding.suggestions?.[0], spec.key, `${block}.${misspelt} suggests ${spec.key}`);
      }
    });
  }
});
