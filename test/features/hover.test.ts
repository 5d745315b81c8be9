import { strict as assert } from 'assert';
import { hover } from '../../server/features/hover';
import { Hover } from '../../server/features/types';
import { fixtureAt } from '../support/featureFixture';

function hoverAt(marked: string, files: Record<string, string> = {}): Hover | undefined {
  const fixture = fixtureAt(marked, files);
  return hover(fixture.program, fixture.file, fixture.model, fixture.position);
}

/** The study under test; `⟨1⟩`… mark where a `$0` may go. */
const STUDY = `study s "Booking study" {
  frameworks: n⟨1⟩pt, coproduction
  design: mi⟨2⟩xed_methods
  actor pat⟨3⟩ient: service_user "Patients" { vulnerable: yes }
  actor gp: sta⟨4⟩ff "GPs"
  tool app "Booking app"
  service booking "Booking" {
    touchpoint req⟨5⟩uest "Patient asks online" {
      stage: "access"
      chan⟨6⟩nel: digital
      via: app
      actors: patient, gp
    }
  }
  question asking "How is asking online?" {
    about: request
    perspective: bo⟨7⟩th
    constructs: npt.cohe⟨8⟩rence.different⟨9⟩iation
    methods: tal⟨10⟩ks
  }
  question whole "Is booking better?" {
    about: booking
    perspective: staff
    methods: talks
  }
  method talks: inter⟨11⟩view "Interviews" {
    participants: patient, gp
    sample: 12..16
  }
  // studyspec-disable-next-line unused-met⟨12⟩hod -- kept for the next phase
  method spare: survey "Survey" { participants: gp }
}
`;

function at(marker: number): Hover | undefined {
  const marked = STUDY.replace(`⟨${marker}⟩`, '$0').replace(/⟨\d+⟩/g, '');
  return hoverAt(marked);
}

function contents(marker: number): string {
  const result = at(marker);
  assert.ok(result, `no hover at ⟨${marker}⟩`);
  return result.contents;
}

describe('hover', () => {
  it('on a construct: name, path, definition, framework and full citation, coverage', () => {
    const text = contents(9);
    assert.match(text, /\*\*Differentiation\*\* · `npt\.coherence\.differentiation`/);
    assert.match(text, /Normalization Process Theory/);
    assert.match(text, /May C, Finch T/, 'full citation');
  });
  it('on a construct path, each segment describes its own prefix', () => {
    const result = at(8);
    assert.match(result?.contents ?? '', /\*\*Coherence/);
    assert.match(result?.contents ?? '', /Covered by: `asking`/);
    assert.equal(result?.range.end.character, STUDY.split('\n')[17].replace(/⟨\d+⟩/g, '').indexOf('coherence') + 'coherence'.length);
  });
  it('on a framework in frameworks: name, kind, citation, construct count and coverage', () => {
    const text = contents(1);
    assert.match(text, /Normalization Process Theory \(NPT\)/);
    assert.match(text, /implementation framework/);
    assert.match(text, /4 constructs/);
    assert.match(text, /Coverage in this study: 1 of 4 covered/);
  });
  it('on a touchpoint: channel, stage, service and the questions about it', () => {
    const text = contents(5);
    assert.match(text, /\*\*touchpoint\*\* `request` — Patient asks online/);
    assert.match(text, /Channel: `digital` via `app`/);
    assert.match(text, /Stage: access · Service: `booking`/);
    assert.match(text, /`asking` How is asking online\? _\(both\)_/);
    assert.match(text, /`whole` .*through service booking/);
  });
  it('on a reference to a method: its kind, participants, sample and the questions using it', () => {
    const text = contents(10);
    assert.match(text, /\*\*method\*\* `talks`/);
    assert.match(text, /Kind: `interview`/);
    assert.match(text, /Participants: `patient` \(Patients\), `gp` \(GPs\) · Sample: 12–16/);
    assert.match(text, /`asking`/);
    assert.match(text, /`whole`/);
  });
  it('on an actor: role side and vulnerability', () => {
    const text = contents(3);
    assert.match(text, /service-user side/);
    assert.match(text, /vulnerable/);
    assert.match(text, /Takes part in: `talks`/);
  });
  it('on a key: its doc and allowed values', () => {
    const text = contents(6);
    assert.match(text, /\*\*channel\*\* \(touchpoint, required\)/);
    assert.match(text, /`face_to_face`/);
  });
  it('on enum values, roles and method kinds: what they mean', () => {
    assert.match(contents(7), /both sides/);
    assert.match(contents(2), /qualitative and quantitative/);
    assert.match(contents(4), /staff side/);
    assert.match(contents(11), /interview guide/);
  });
  it('on a rule id in a suppression comment: summary, docs and default severity', () => {
    const text = contents(12);
    assert.match(text, /\*\*unused-method\*\* \(default: warning\)/);
    assert.match(text, /No question uses this method/i);
  });
  it('on a question: perspective, constructs and methods', () => {
    const text = hoverAt(STUDY.replace('question asking', 'question ask$0ing').replace(/⟨\d+⟩/g, ''))?.contents ?? '';
    assert.match(text, /Perspective: `both`/);
    assert.match(text, /Differentiation \(`npt\.coherence\.differentiation`\)/);
    assert.match(text, /Methods: `talks`/);
  });
  it('nothing on an unknown reference, on whitespace, and never a throw', () => {
    assert.equal(hoverAt(STUDY.replace('about: request', 'about: nowh$0ere').replace(/⟨\d+⟩/g, '')), undefined);
    assert.equal(hoverAt('$0\nstudy s {}'), undefined);
    const text = STUDY.replace(/⟨\d+⟩/g, '').slice(0, 400);
    for (let cut = 0; cut <= text.length; cut += 7) hoverAt(`${text.slice(0, cut)}$0${text.slice(cut)}`);
  });
  it('in a fragment, through the study that imports it', () => {
    const study = 'import "./main.study"\nstudy s {\n  frameworks: npt\n  question q "Q?" { about: tp perspective: both }\n}\n';
    const result = hoverAt('service svc {\n  touchpoint t$0p "T" { channel: digital }\n}\n', { 'study.study': study });
    assert.match(result?.contents ?? '', /`q` Q\?/);
  });
});
