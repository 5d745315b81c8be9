import { strict as assert } from 'assert';
import { buildGuide, guidedMethods, guideQuestions, promptsFor, renderMarkdown } from '../../server/generate';
import { inSentence } from '../../server/generate/guides';
import { GUIDE_STUDY, guideVariant, Linted, sample, studyFromText } from './fixtures';

function guideOf(linted: Linted, methodName: string): string {
  const method = linted.model.methods.find((m) => m.name.text === methodName);
  assert.ok(method, `no method ${methodName}`);
  return renderMarkdown(buildGuide(linted.model, method));
}

/** The question headings of a guide, in order. */
function questionHeadings(markdown: string): string[] {
  return [...markdown.matchAll(/^#### \d+\. (.*)$/gm)].map((m) => m[1]);
}

describe('generate: interview guides', () => {
  const study = studyFromText(GUIDE_STUDY);
  const staff = guideOf(study, 'staff_talks');
  const patients = guideOf(study, 'patient_talks');

  it('the fixture study is clean, so the guides carry no gap markers', () => {
    assert.deepEqual(study.findings.filter((f) => f.severity !== 'hint').map((f) => f.message), []);
    assert.ok(!staff.includes('⚠') && !patients.includes('⚠'));
  });

  it('one guide per interview or focus-group method', () => {
    assert.deepEqual(guidedMethods(study.model).map((m) => m.name.text), ['staff_talks', 'patient_talks']);
    const survey = studyFromText(guideVariant('method patient_talks: interview', 'method patient_talks: survey'));
    assert.deepEqual(guidedMethods(survey.model).map((m) => m.name.text), ['staff_talks']);
  });

  it('titles name the method and the participants', () => {
    assert.match(staff, /^# Interview guide: Interviews with nurses \(Staff\)$/m);
    assert.match(patients, /^# Interview guide: Interviews with patients \(Service users\)$/m);
    const group = guideOf(studyFromText(guideVariant('method staff_talks: interview', 'method staff_talks: focus_group')), 'staff_talks');
    assert.match(group, /^# Focus group guide: Interviews with nurses \(Staff\)$/m);
  });

  it('a staff guide gets staff and both questions; a service-user guide service-user and both', () => {
    assert.deepEqual(questionHeadings(staff), ['How does booking online go?', 'How does the app change the rota?', 'What happens at the visit?', 'Is the service better than before?']);
    assert.deepEqual(questionHeadings(patients), ['How does booking online go?', 'Would you book online again?', 'What happens at the visit?', 'Is the service better than before?']);
  });

  it('a staff-only question never appears in a service-user guide, nor the reverse', () => {
    assert.ok(!patients.includes('How does the app change the rota?'));
    assert.ok(!staff.includes('Would you book online again?'));
    const sides = guideQuestions(study.model, study.model.methods[1]);
    assert.ok(![...sides.keys()].some((q) => q.name.text === 'staff_only'));
  });

  it('even when the staff-only question names the service-user method', () => {
    const linted = studyFromText(guideVariant('    methods: staff_talks\n', '    methods: staff_talks, patient_talks\n'));
    assert.ok(!guideOf(linted, 'patient_talks').includes('How does the app change the rota?'));
  });

  it('a question that names other methods stays out of the guide', () => {
    const linted = studyFromText(guideVariant('methods: staff_talks, patient_talks\n    probes', 'methods: patient_talks\n    probes'));
    assert.ok(!guideOf(linted, 'staff_talks').includes('What happens at the visit?'));
  });

  it('staff and service-user guides read differently: prompts, introduction, opening and closing follow the side', () => {
    assert.notEqual(staff, patients);
    // the same "both" question carries each side's framework prompts
    assert.ok(staff.includes('What, if anything, is different about working with the tool compared with how things were done before?'));
    assert.ok(patients.includes('How does using the service now compare with how it was before the tool?'));
    assert.ok(!patients.includes('What, if anything, is different about working with the tool compared with how things were done before?'));
    assert.match(staff, /not of their own performance/);
    assert.match(patients, /will not affect the care or support they receive/);
    assert.match(staff, /tell me about your role/);
    assert.match(patients, /how you came to use this service/);
  });

  it('walks the journey: touchpoints in service order, a question in full once, then "see above"', () => {
    const book = staff.indexOf('### Patient books online');
    const visit = staff.indexOf('### Clinic visit');
    const whole = staff.indexOf('### The service as a whole');
    assert.ok(book > 0 && book < visit && visit < whole, 'touchpoints in journey order, the service as a whole after them');
    assert.equal(staff.split('#### ').filter((part) => part.startsWith('1. How does booking online go?')).length, 1, 'written out once');
    const atVisit = staff.slice(visit, whole);
    assert.match(atVisit, /See question 1 above\* \("How does booking online go\?"\)/);
    assert.ok(staff.indexOf('Is the service better than before?') > whole, 'a question about the whole service comes after its steps');
  });

  it('numbers questions through the whole guide', () => {
    assert.match(staff, /^#### 1\. How does booking online go\?$/m);
    assert.match(staff, /^#### 4\. Is the service better than before\?$/m);
  });

  it('prompts come from each construct for the side, or from its nearest ancestor; then the question\'s probes', () => {
    const [visitQ] = study.model.questions;
    const prompts = promptsFor(study.model, visitQ, 'staff').map((p) => p.prompt);
    assert.ok(prompts.length > 0);
    assert.deepEqual(prompts, visitQ && study.model.frameworks.get('npt')?.byPath.get('coherence.differentiation')?.prompts.staff);
    const visitPart = staff.slice(staff.indexOf('What happens at the visit?'));
    assert.ok(visitPart.indexOf('**Prompts**') < visitPart.indexOf('**Follow-up probes**'));
    assert.match(visitPart, /- Who was in the room\?/);

    const differentiation = study.model.frameworks.get('npt')?.byPath.get('coherence.differentiation');
    assert.ok(differentiation);
    const saved = differentiation.prompts.staff;
    differentiation.prompts.staff = [];
    try {
      const fallback = promptsFor(study.model, visitQ, 'staff').map((p) => p.prompt);
      assert.deepEqual(fallback, differentiation.parent?.prompts.staff, 'the parent construct\'s prompts stand in');
    } finally {
      differentiation.prompts.staff = saved;
    }
  });

  it('the introduction follows the method\'s recording and the study\'s consent and withdrawal', () => {
    assert.match(staff, /Ask permission to audio-record/);
    assert.match(patients, /take written notes and will not record the conversation/);
    assert.match(staff, /record verbal consent/);
    assert.match(staff, /\*\*Withdrawal:\*\* Until the end of the month\./);
    const written = guideOf(studyFromText(guideVariant('consent: verbal', 'consent: written')), 'staff_talks');
    assert.match(written, /take written consent/);
    const video = guideOf(studyFromText(guideVariant('recording: audio', 'recording: video')), 'staff_talks');
    assert.match(video, /Ask permission to video-record/);
  });

  it('vulnerable participants: the distress protocol is at the top, in an interviewer box', () => {
    const box = patients.indexOf('> **If the participant becomes distressed**');
    assert.ok(box > 0 && box < patients.indexOf('## Introduction'));
    assert.match(patients, /> Stop and call the nurse\./);
    assert.match(patients, /> \*\*Capacity to consent:\*\* Assessed by the nurse\./);
    assert.ok(!staff.includes('If the participant becomes distressed'), 'staff are not vulnerable here');
    assert.match(patients, /check how the participant is feeling/);
  });

  it('a vulnerable group without a distress protocol gets a gap marker in the box', () => {
    const linted = studyFromText(guideVariant('    distress_protocol: "Stop and call the nurse"\n', ''));
    const guide = guideOf(linted, 'patient_talks');
    assert.match(guide, /> \*\*⚠ No distress protocol specified/);
  });

  it('gaps in consent, recording and withdrawal are marked, not dropped', () => {
    const linted = studyFromText(guideVariant('    consent: verbal\n    withdrawal: "Until the end of the month"\n', '').replace('    recording: audio\n', ''));
    const guide = guideOf(linted, 'staff_talks');
    assert.match(guide, /⚠ No consent procedure specified\./);
    assert.match(guide, /⚠ No recording method specified\./);
    assert.match(guide, /⚠ No withdrawal procedure specified\./);
  });

  it('a method with staff and service users labels each question and each side\'s prompts', () => {
    const linted = studyFromText(guideVariant('    participants: nurse\n', '    participants: nurse, patient\n'));
    const guide = guideOf(linted, 'staff_talks');
    assert.match(guide, /\(Staff and service users\)$/m);
    assert.match(guide, /#### \d+\. How does the app change the rota\?\n\n\*Ask staff only\.\*/);
    assert.match(guide, /#### \d+\. How does booking online go\?\n\n\*Ask everyone\.\*/);
    assert.match(guide, /\*\*Prompts for staff\*\*/);
    assert.match(guide, /\*\*Prompts for service users and carers\*\*/);
    assert.ok(!guide.includes('Would you book online again?'), 'the service-user question names another method');
  });

  it('the samples: staff and service-user guides of the same study differ, and vulnerable service users get the box', () => {
    const cpt = sample('care-pathway-tool.study');
    const staffGuide = guideOf(cpt, 'staff_interviews');
    const userGuide = guideOf(cpt, 'service_user_interviews');
    assert.ok(!userGuide.includes('How does the tool fit the team\'s daily work'), 'staff-only question');
    assert.ok(staffGuide.includes('How does the tool fit the team\'s daily work'));
    assert.ok(userGuide.startsWith('# Interview guide: Semi-structured interviews with service users (Service users)'));
    assert.match(userGuide, /If the participant becomes distressed/);
    assert.ok(!staffGuide.includes('If the participant becomes distressed'));
  });

  it('puts tool names into sentences as people write them', () => {
    assert.equal(inSentence('Care pathway tool'), 'care pathway tool');
    assert.equal(inSentence('NHS App'), 'NHS App');
    assert.equal(inSentence('Attend Anywhere'), 'Attend Anywhere');
  });
});
