// Fieldwork facts shared by the version 2 rules and the ethics pack, and the one rule case
// whose severity is not the rule's default.
import { strict as assert } from 'assert';
import { lintFiles } from '../server/checks/lint';
import { EVALUATION_WITHOUT_INVOLVEMENT } from '../server/checks/rules/public-involvement-missing';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { consentOf, identifiabilityOf, isPlaceholder, participantGroups } from '../server/model/fieldwork';
import { Program } from '../server/model/program';
import { sample, studyFromText } from './generate/fixtures';
import { MemoryHost } from './support/memoryHost';

function lint(text: string) {
  const host = new MemoryHost();
  return lintFiles(new Program(host), [host.set('main.study', text)]);
}

describe('fieldwork facts', () => {
  it('public-involvement-missing is information for a service evaluation, a warning for research', () => {
    const [evaluation] = lint(EVALUATION_WITHOUT_INVOLVEMENT).filter((f) => f.rule === 'public-involvement-missing');
    assert.equal(evaluation?.severity, 'information');
    const research = lint(EVALUATION_WITHOUT_INVOLVEMENT.replace('classification: service_evaluation', 'classification: research')).filter((f) => f.rule === 'public-involvement-missing');
    assert.deepEqual(
      research.map((f) => f.severity),
      ['warning'],
    );
  });

  it('a placeholder starts with TODO; text that merely mentions it is an answer', () => {
    assert.ok(isPlaceholder('TODO: how participants are approached'));
    assert.ok(isPlaceholder('  todo'));
    assert.ok(!isPlaceholder('Approached by the TODO team'));
    assert.ok(!isPlaceholder('TODOS are kept on paper'));
  });

  it("a method's own consent overrides the ethics block; recordings are identifiable unless data: says otherwise", () => {
    const { model } = studyFromText(variant('recording: audio', 'recording: audio\n    consent: verbal'));
    const talks = model.methods[0];
    assert.deepEqual(consentOf(model, talks), { type: 'verbal', fromMethod: true });
    assert.deepEqual(identifiabilityOf(talks), { level: 'identifiable', stated: false });
    const plain = studyFromText(CLEAN_STUDY).model;
    assert.deepEqual(consentOf(plain, plain.methods[0]), { type: 'written', fromMethod: false });
    const notes = studyFromText(variant('recording: audio', 'recording: notes')).model;
    assert.equal(identifiabilityOf(notes.methods[0]), undefined, 'notes settle nothing: the protocol says Not stated');
  });

  it('participant groups: actors of one side in the same methods share a sheet; both sides never share', () => {
    const { model } = sample('online-consultations.study');
    assert.deepEqual(
      participantGroups(model).map((g) => g.id),
      ['patient', 'receptionist-gp-practice_manager'],
    );
    const clinic = studyFromText(CLEAN_STUDY).model;
    assert.deepEqual(
      participantGroups(clinic).map((g) => `${g.id} ${g.side}`),
      ['patient service_user', 'nurse staff'],
    );
  });
});
