import { strict as assert } from 'assert';
import { plainRange } from '../../server/common/range';
import * as path from 'path';
import { CLEAN_STUDY } from '../../server/checks/fixture';
import { clashingKinds, prepareRename, rename } from '../../server/features/rename';
import { FileEdit } from '../../server/features/types';
import { applyEdits } from '../lsp/client';
import { indexAt } from '../support/indexFixture';

const ACTORS = 'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n';
const WITH_FRAGMENT =
  'import "./actors.study"\n' +
  CLEAN_STUDY.replace('  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', '');

function edited(edits: FileEdit[], file: string, text: string): string {
  return applyEdits(text, edits.find((e) => e.file === file)?.edits ?? []);
}

function reason(result: { ok: boolean; reason?: string }): string {
  assert.equal(result.ok, false, 'expected a refusal');
  return result.reason ?? '';
}

describe('rename', () => {
  it('prepares the name under the cursor, from a declaration or a reference', () => {
    const f = indexAt(CLEAN_STUDY.replace('about: visit', 'about: vis$0it'));
    const check = prepareRename(f.index, f.main, f.position);
    assert.ok(check.ok);
    assert.equal(check.placeholder, 'visit');
    assert.deepEqual(plainRange(check.range), { start: { line: 11, character: 11 }, end: { line: 11, character: 16 } });
  });

  it('renames a declaration and every reference, across a fragment and its study', () => {
    const f = indexAt(WITH_FRAGMENT.replace('participants: patient, nurse', 'participants: patient, nu$0rse'), { 'actors.study': ACTORS });
    const result = rename(f.index, f.main, f.position, 'ward_nurse');
    assert.ok(result.ok);
    const actors = f.host.path('actors.study');
    assert.equal(edited(result.edits, actors, ACTORS), ACTORS.replace('actor nurse', 'actor ward_nurse'));
    const main = edited(result.edits, f.main, f.text);
    assert.ok(main.includes('actors: patient, ward_nurse') && main.includes('participants: patient, ward_nurse') && !/\bnurse\b/.test(main.replace('"Nurses"', '')));
  });

  it('renames in every study that imports the fragment', () => {
    const f = indexAt(ACTORS.replace('actor nurse', 'actor nu$0rse'), {
      'a.study': 'import "./main.study"\nstudy a { frameworks: npt method m: interview { participants: nurse } }\n',
      'b.study': 'import "./main.study"\nstudy b { frameworks: npt method m: interview { participants: patient, nurse } }\n',
    });
    const result = rename(f.index, f.main, f.position, 'charge_nurse');
    assert.ok(result.ok);
    assert.deepEqual(result.edits.map((e) => path.basename(e.file)).sort(), ['a.study', 'b.study', 'main.study']);
  });

  it('renames the study itself', () => {
    const f = indexAt(CLEAN_STUDY.replace('study clinic', 'study cli$0nic'));
    const result = rename(f.index, f.main, f.position, 'clinic_study');
    assert.ok(result.ok);
    assert.ok(edited(result.edits, f.main, f.text).startsWith('study clinic_study "'));
  });

  it('refuses keywords, invalid names and clashes', () => {
    const f = indexAt(CLEAN_STUDY.replace('touchpoint visit', 'touchpoint vi$0sit'));
    assert.match(reason(rename(f.index, f.main, f.position, 'question')), /keyword/);
    assert.match(reason(rename(f.index, f.main, f.position, '9lives')), /not a valid name/);
    assert.match(reason(rename(f.index, f.main, f.position, 'a-b')), /not a valid name/);
    assert.match(reason(rename(f.index, f.main, f.position, 'booking')), /already a service named 'booking'.*about:/);
    // a question may share a touchpoint's name: no reference position takes both
    assert.ok(rename(f.index, f.main, f.position, 'reach_q').ok);
    const actor = indexAt(CLEAN_STUDY.replace('actor nurse', 'actor nu$0rse'));
    assert.match(reason(rename(actor.index, actor.main, actor.position, 'patient')), /already an actor named 'patient'/);
  });

  it('refuses constructs, frameworks, keys, values and unknown names, saying why', () => {
    const construct = indexAt(CLEAN_STUDY.replace('constructs: reaim.reach', 'constructs: reaim.re$0ach'));
    assert.match(reason(prepareRename(construct.index, construct.main, construct.position)), /construct of RE-AIM.*reaim\.json/);
    const framework = indexAt(CLEAN_STUDY.replace('constructs: reaim.reach', 'constructs: rea$0im.reach'));
    assert.match(reason(prepareRename(framework.index, framework.main, framework.position)), /id of RE-AIM/);
    const key = indexAt(CLEAN_STUDY.replace('about: visit', 'abo$0ut: visit'));
    assert.match(reason(prepareRename(key.index, key.main, key.position)), /'about' is a key/);
    const value = indexAt(CLEAN_STUDY.replace('perspective: both', 'perspective: bo$0th'));
    assert.match(reason(prepareRename(value.index, value.main, value.position)), /value of the language/);
    const unknown = indexAt(CLEAN_STUDY.replace('about: visit', 'about: vi$0st'));
    assert.match(reason(prepareRename(unknown.index, unknown.main, unknown.position)), /names nothing declared/);
    const keyword = indexAt(CLEAN_STUDY.replace('question reach_q', 'ques$0tion reach_q'));
    assert.match(reason(prepareRename(keyword.index, keyword.main, keyword.position)), /Only names of declarations/);
  });

  it('knows which kinds share a reference position', () => {
    assert.deepEqual([...clashingKinds('touchpoint')].sort(), ['service', 'touchpoint']);
    assert.deepEqual([...clashingKinds('actor')], ['actor']);
    assert.deepEqual([...clashingKinds('question')], ['question']);
  });
});
