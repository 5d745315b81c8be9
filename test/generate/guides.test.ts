import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildGuide, guidedMethods, guideQuestions, promptsFor, renderMarkdown } from '../../server/generate';
import { fillTool, inSentence, toolName } from '../../server/generate/guides';
import { planGuide, promptSimilarity, NEAR_DUPLICATE } from '../../server/model/guidePlan';
import { GUIDE_STUDY, guideVariant, Linted, ROOT, sample, sampleStudies, studyFromText } from './fixtures';

function guideOf(linted: Linted, methodName: string): string {
  const method = linted.model.methods.find((m) => m.name.text === methodName);
  assert.ok(method, `no method ${methodName}`);
  return renderMarkdown(buildGuide(linted.model, method));
}

/** The research questions of a guide's sections, in order, from the interviewer's notes. */
function researchQuestions(markdown: string): string[] {
  return [...markdown.matchAll(/research question Q\d+, "(.*?)"\./g)].map((m) => m[1]);
}

/** A guide's section headings (the questions asked), in order. */
function sectionHeadings(markdown: string): string[] {
  return [...markdown.matchAll(/^### \d+\. (.*)$/gm)].map((m) => m[1]);
}

/** The part of a guide from the section whose research question is `title` to the next section. */
function sectionOf(markdown: string, title: string): string {
  const at = markdown.indexOf(`"${title}"`);
  assert.ok(at > 0, `no section for "${title}"`);
  const start = markdown.lastIndexOf('\n### ', at);
  const next = markdown.slice(at).search(/\n##+ /);
  return markdown.slice(start, next < 0 ? undefined : at + next);
}

describe('generate: interview guides', () => {
  const study = studyFromText(GUIDE_STUDY);
  const staff = guideOf(study, 'staff_talks');
  const patients = guideOf(study, 'patient_talks');

  it('the fixture study is clean, so the guides carry no gap markers', () => {
    assert.deepEqual(
      study.findings.filter((f) => f.severity !== 'hint').map((f) => f.message),
      [],
    );
    assert.ok(!staff.includes('⚠') && !patients.includes('⚠'));
  });

  it('one guide per interview or focus-group method', () => {
    assert.deepEqual(
      guidedMethods(study.model).map((m) => m.name.text),
      ['staff_talks', 'patient_talks'],
    );
    const survey = studyFromText(guideVariant('method patient_talks: interview', 'method patient_talks: survey'));
    assert.deepEqual(
      guidedMethods(survey.model).map((m) => m.name.text),
      ['staff_talks'],
    );
  });

  it('titles name the method and the participants', () => {
    assert.match(staff, /^# Interview guide: Interviews with nurses \(Staff\)$/m);
    assert.match(patients, /^# Interview guide: Interviews with patients \(Service users\)$/m);
    const group = guideOf(studyFromText(guideVariant('method staff_talks: interview', 'method staff_talks: focus_group')), 'staff_talks');
    assert.match(group, /^# Focus group guide: Interviews with nurses \(Staff\)$/m);
  });

  it('a staff guide gets staff and both questions, a service-user guide service-user and both, in journey order', () => {
    assert.deepEqual(researchQuestions(staff), ['How does booking online go?', 'How does the app change the rota?', 'What happens at the visit?', 'Is the service better than before?']);
    assert.deepEqual(researchQuestions(patients), ['How does booking online go?', 'Would you book online again?', 'What happens at the visit?', 'Is the service better than before?']);
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

  it("a section opens with the question in the participant's words; the research question is a note for the interviewer", () => {
    const worded = studyFromText(
      guideVariant(
        '    probes: "Who was in the room?"\n',
        '    probes: "Who was in the room?"\n    ask_service_user: "Tell me about your last visit to the clinic."\n    ask_staff: "Talk me through a clinic session."\n',
      ),
    );
    const mine = guideOf(worded, 'patient_talks');
    assert.ok(sectionHeadings(mine).includes('Tell me about your last visit to the clinic.'));
    assert.ok(sectionHeadings(guideOf(worded, 'staff_talks')).includes('Talk me through a clinic session.'));
    const section = sectionOf(mine, 'What happens at the visit?');
    assert.match(section, /^\*For the interviewer: research question Q1, "What happens at the visit\?"\.\*$/m);
    assert.ok(!section.includes('Drafted'), 'given wording is not a draft');
    assert.ok(!sectionHeadings(mine).some((h) => h.includes('What happens at the visit?')), 'the research question is not read out');
  });

  it('without wording, a section opens with a question drafted from its step, marked as a draft', () => {
    assert.ok(sectionHeadings(patients).includes('Can you talk me through what happens when you book online?'), sectionHeadings(patients).join(' | '));
    assert.ok(sectionHeadings(staff).includes('Can you talk me through what happens when the patient books online?'), sectionHeadings(staff).join(' | '));
    assert.ok(sectionHeadings(patients).includes('Can you tell me what booking an appointment is like for you?'), 'a whole-service question is drafted from the service');
    assert.match(sectionOf(patients, 'How does booking online go?'), /Drafted from the study: put it in your own words/);
  });

  it('a step appears only in the guides of groups that take part in it', () => {
    const linted = studyFromText(guideVariant('      channel: face_to_face\n      actors: patient, nurse\n', '      channel: face_to_face\n      actors: patient\n'));
    const nurses = guideOf(linted, 'staff_talks');
    // the nurse takes no part in the visit: booking_q is asked at the booking only, the whole-service question at the booking only
    assert.ok(!sectionOf(nurses, 'How does booking online go?').includes('Clinic visit'));
    assert.ok(!sectionOf(nurses, 'Is the service better than before?').includes('Clinic visit'));
    assert.match(sectionOf(nurses, 'What happens at the visit?'), /take no part in this step: ask what they know of it/);
    assert.match(sectionOf(guideOf(linted, 'patient_talks'), 'Is the service better than before?'), /- \[ \] Clinic visit/);
  });

  it('a backstage step never appears in a service-user guide unless service users take part in it', () => {
    const linted = studyFromText(guideVariant('      via: app\n      actors: patient, nurse\n', '      via: app\n      actors: nurse\n      backstage: yes\n'));
    const mine = guideOf(linted, 'patient_talks');
    assert.ok(!mine.includes('Patient books online'), 'the backstage step is out of sight');
    assert.ok(!researchQuestions(mine).includes('Would you book online again?'), 'a question only about it is not asked');
    assert.match(mine, /Not asked here: Q4 "Would you book online again\?", because it asks service users about steps out of their sight/);
    assert.ok(guideOf(linted, 'staff_talks').includes('Patient books online'), 'staff still see it');
  });

  it('probes: `probes` go to every side asked, `probes_staff` and `probes_service_user` to their side only', () => {
    const linted = studyFromText(
      guideVariant(
        '    probes: "Who was in the room?"\n',
        '    probes: "Who was in the room?"\n    probes_staff: "How long did the visit run over?"\n    probes_service_user: "Before you came, what did you expect?"\n',
      ),
    );
    const mine = guideOf(linted, 'patient_talks');
    const theirs = guideOf(linted, 'staff_talks');
    assert.ok(mine.includes('- [ ] Who was in the room?') && theirs.includes('- [ ] Who was in the room?'));
    assert.ok(mine.includes('Before you came, what did you expect?') && !theirs.includes('Before you came'));
    assert.ok(theirs.includes('How long did the visit run over?') && !mine.includes('How long did the visit run over?'));
  });

  it("a construct's prompts go only to the sides it has them for; one with none borrows its ancestor's", () => {
    const framework = JSON.stringify({
      id: 'org',
      name: 'Organisation',
      kind: 'implementation',
      citation: 'Test framework.',
      constructs: [
        {
          id: 'setting',
          name: 'Setting',
          definition: 'The organisation.',
          prompts: { staff: ['How does the organisation back the app?'], service_user: ['What have you noticed about the practice?'] },
          constructs: [
            { id: 'priority', name: 'Priority', definition: 'How much it matters.', prompts: { staff: ['How high a priority is the app for your team?'] } },
            { id: 'bare', name: 'Bare', definition: 'No prompts of its own.' },
          ],
        },
      ],
    });
    const text = guideVariant('frameworks: npt.coherence, digital_inclusion.access', 'frameworks: npt.coherence, digital_inclusion.access, "./org.json"').replace(
      'constructs: npt.coherence.differentiation\n    methods: staff_talks, patient_talks\n    probes',
      'constructs: npt.coherence.differentiation, org.setting.priority\n    methods: staff_talks, patient_talks\n    probes',
    );
    const linted = studyFromText(text, { 'org.json': framework });
    assert.ok(guideOf(linted, 'staff_talks').includes('How high a priority is the app for your team?'));
    const mine = guideOf(linted, 'patient_talks');
    assert.ok(!mine.includes('What have you noticed about the practice?'), 'no service-user prompt borrowed from the parent');
    assert.ok(!mine.includes('How high a priority'));
    const bare = studyFromText(text.replace('org.setting.priority', 'org.setting.bare'), { 'org.json': framework });
    assert.ok(guideOf(bare, 'patient_talks').includes('What have you noticed about the practice?'), "a construct without prompts borrows its parent's");
    const [visitQ] = linted.model.questions;
    assert.deepEqual(
      promptsFor(linted.model, visitQ, 'service_user').map((p) => p.construct.id),
      ['differentiation', 'differentiation'],
    );
  });

  it('prompts about devices and connections are left out where staff hold the tool, kept where the user holds it', () => {
    const tablet = guideVariant('  tool app "Booking app"\n', '  tool app "Booking app" {\n    platform: "Android tablet"\n  }\n');
    const held = studyFromText(
      tablet
        .replace('    touchpoint visit "Clinic visit" {\n      channel: face_to_face\n      actors: patient, nurse\n    }\n', '')
        .replace('about: visit\n', 'about: book\n')
        .replace('about: book, visit\n', 'about: book\n'),
    );
    assert.ok(!guideOf(held, 'patient_talks').includes('What device and internet connection'), 'the nurse brings the tablet');
    assert.ok(!guideOf(held, 'staff_talks').includes('suitable device, internet connection'));
    const own = studyFromText(guideVariant('      via: app\n      actors: patient, nurse\n', '      via: app\n      actors: patient\n'));
    assert.ok(guideOf(own, 'patient_talks').includes('What device and internet connection'), 'the patient books on their own device');
  });

  it('prompts are core (the first per construct) or if time; each has a tick box', () => {
    const section = sectionOf(patients, 'How does booking online go?');
    assert.ok(section.indexOf('**Core prompts**') < section.indexOf('**If time**'));
    assert.match(
      section,
      /\*\*Core prompts\*\*\n\n- \[ \] What device and internet connection do you use for the booking app, and how reliable are they\? \*\(Access\)\*\n\n\*\*If time\*\*\n\n- \[ \] What, if anything, gets in the way/,
    );
  });

  it('with a duration, each section gets a time budget that adds up, and the guide states its pace', () => {
    const timed = studyFromText(guideVariant('    participants: patient\n', '    participants: patient\n    duration: 40\n'));
    const guide = guideOf(timed, 'patient_talks');
    assert.match(guide, /about 4 minutes for each opening question and 1 minute for each prompt, answers included/);
    assert.match(guide, /^- \*\*Length:\*\* 40 minutes$/m);
    const budgets = [...guide.matchAll(/^\*\*Time: about (\d+) minutes?\.\*\*$/gm)].map((m) => Number(m[1]));
    assert.equal(budgets.length, 4);
    const plan = planGuide(timed.model, timed.model.methods[1]);
    assert.equal(budgets.reduce((a, b) => a + b, 0) + plan.introductionMinutes + plan.warmUpMinutes + plan.closingMinutes, 40);
    for (const section of plan.sections) assert.ok((section.minutes ?? 0) >= section.coreMinutes, 'the core fits in each section');
    assert.ok(!patients.includes('**Time:'), 'no budget without a duration');
    assert.match(patients, /The method gives no duration/);
  });

  it('a guide whose core cannot fit its duration says so', () => {
    const rushed = studyFromText(guideVariant('    participants: patient\n', '    participants: patient\n    duration: 15\n'));
    assert.match(guideOf(rushed, 'patient_talks'), /⚠ The core items need about \d+ minutes, more than the 15 planned/);
  });

  it('near-duplicate prompts are merged (similarity stated in the code)', () => {
    assert.ok(promptSimilarity('How did you come to be involved in using the tool?', 'How did you come to start using the tool?') >= NEAR_DUPLICATE);
    assert.ok(promptSimilarity('How confident do you feel using the tool?', 'How confident do your colleagues feel using the tool?') < NEAR_DUPLICATE);
    assert.ok(promptSimilarity('What device do you use?', 'Who helped you on the day?') < NEAR_DUPLICATE);
    const framework = JSON.stringify({
      id: 'dup',
      name: 'Duplicates',
      kind: 'implementation',
      citation: 'Test framework.',
      constructs: [
        {
          id: 'one',
          name: 'One',
          definition: 'First.',
          prompts: { staff: ['How did you come to be involved in using the app?', 'What else?'], service_user: ['How did you come to be involved in using the app?'] },
        },
        { id: 'two', name: 'Two', definition: 'Second.', prompts: { staff: ['How did you come to start using the app?'], service_user: ['How did you come to start using the app?'] } },
      ],
    });
    const text = guideVariant('frameworks: npt.coherence, digital_inclusion.access', 'frameworks: npt.coherence, digital_inclusion.access, "./dup.json"').replace(
      'constructs: npt.coherence.differentiation\n    methods: staff_talks, patient_talks\n    probes',
      'constructs: dup.one, dup.two\n    methods: staff_talks, patient_talks\n    probes',
    );
    const guide = guideOf(studyFromText(text, { 'dup.json': framework }), 'staff_talks');
    assert.ok(guide.includes('How did you come to be involved in using the app? *(One; Two)*'), 'one prompt serving both constructs');
    assert.ok(!guide.includes('How did you come to start using the app?'));
  });

  it('consent, recording and withdrawal are sentences to read aloud', () => {
    assert.match(staff, /\*\*Say:\*\* "I would like to audio-record our conversation, so that I have an accurate record of what you say\. Is that all right with you\?"/);
    assert.match(patients, /\*\*Say:\*\* "I will not record our conversation, but I will take some notes as we talk\."/);
    assert.match(staff, /I am going to read a short statement about taking part/);
    assert.match(staff, /"You can stop at any time, or skip any question, without giving a reason\. You can withdraw what you have said until the end of the month\."/);
    assert.ok(!staff.includes('**Withdrawal:**'), 'no form field read out');
    const written = guideOf(studyFromText(guideVariant('    participants: nurse\n', '    participants: nurse\n    consent: written\n')), 'staff_talks');
    assert.match(written, /signed the consent form/, "the method's consent overrides the study's");
    const video = guideOf(studyFromText(guideVariant('recording: audio', 'recording: video')), 'staff_talks');
    assert.match(video, /I would like to video-record/);
  });

  it("the incentive comes from the method, else the study's for service users only", () => {
    const withIncentives = guideVariant('    public_involvement: "Patient panel"\n', '    public_involvement: "Patient panel"\n    incentives: "A 10 pound voucher for each patient"\n');
    const linted = studyFromText(withIncentives);
    assert.match(guideOf(linted, 'patient_talks'), /\*\*Incentive:\*\* A 10 pound voucher for each patient\./);
    assert.ok(!guideOf(linted, 'staff_talks').includes('voucher'), "the study's incentive is not offered to staff");
    const own = studyFromText(withIncentives.replace('    participants: nurse\n', '    participants: nurse\n    incentive: "Nurses take part in work time"\n'));
    assert.match(guideOf(own, 'staff_talks'), /\*\*Incentive:\*\* Nurses take part in work time\./);
  });

  it('focus-group ground rules only in focus-group guides', () => {
    assert.ok(!staff.includes('ground rules'));
    const group = guideOf(studyFromText(guideVariant('method staff_talks: interview', 'method staff_talks: focus_group')), 'staff_talks');
    assert.match(group, /A few ground rules: one person speaks at a time/);
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
    assert.match(guideOf(linted, 'patient_talks'), /> \*\*⚠ No distress protocol specified/);
  });

  it('gaps in consent, recording and withdrawal are marked, not dropped', () => {
    const linted = studyFromText(guideVariant('    consent: verbal\n    withdrawal: "Until the end of the month"\n', '').replace('    recording: audio\n', ''));
    const guide = guideOf(linted, 'staff_talks');
    assert.match(guide, /⚠ No consent procedure specified\./);
    assert.match(guide, /⚠ No recording method specified\./);
    assert.match(guide, /⚠ No withdrawal procedure specified\./);
  });

  it("a method with staff and service users asks each side in its own words and labels each side's prompts", () => {
    const linted = studyFromText(guideVariant('    participants: nurse\n', '    participants: nurse, patient\n'));
    const guide = guideOf(linted, 'staff_talks');
    assert.match(guide, /\(Staff and service users\)$/m);
    assert.match(guide, /\*\*Ask service users and carers:\*\* "Can you talk me through what happens when you book online\?"/);
    assert.match(guide, /\*\*Ask staff:\*\* "Can you talk me through what happens when the patient books online\?"/);
    assert.match(guide, /\*\*Core prompts for staff\*\*/);
    assert.match(guide, /\*\*Core prompts for service users and carers\*\*/);
    assert.ok(!guide.includes('Would you book online again?'), 'the service-user question names another method');
  });

  it("the tool's name: known_as, else its label in a sentence; {tool} in prompts is filled", () => {
    assert.equal(inSentence('Care pathway tool'), 'care pathway tool');
    assert.equal(inSentence('NHS App'), 'NHS App');
    assert.equal(inSentence('Attend Anywhere'), 'Attend Anywhere');
    const named = studyFromText(guideVariant('  tool app "Booking app"\n', '  tool app "Booking app" {\n    known_as: "the booking page"\n  }\n'));
    assert.equal(toolName(named.model.tools[0]), 'the booking page');
    assert.equal(toolName(study.model.tools[0]), 'the booking app');
    assert.equal(fillTool('{tool} helped. Did {tool} work?', 'the app'), 'The app helped. Did the app work?');
    assert.match(guideOf(named, 'staff_talks'), /"If you could change one thing about the booking page, what would it be\?"/);
    assert.match(guideOf(named, 'staff_talks'), /We are evaluating the booking page and the service/);
  });
});

const CATALOGUE_NAMES_TOOL = fs.readdirSync(path.join(ROOT, 'frameworks')).some((f) => fs.readFileSync(path.join(ROOT, 'frameworks', f), 'utf8').includes('{tool}'));

describe('generate: interview guides of the samples', () => {
  for (const { name } of sampleStudies()) {
    const linted = sample(name);
    const { model } = linted;
    for (const method of guidedMethods(model)) {
      const plan = planGuide(model, method);
      const guide = guideOf(linted, method.name.text);
      const usersOnly = plan.sides.length === 1 && plan.sides[0] === 'service_user';

      it(`${name} ${method.name.text}: no backstage step out of service users' sight in a service-user guide`, () => {
        if (!usersOnly) return;
        for (const tp of model.touchpoints) {
          const backstage = tp.properties.some((p) => p.key.text === 'backstage' && p.values[0]?.kind === 'boolean' && p.values[0].value);
          const users = plan.sections.some((s) => s.steps.includes(tp));
          if (backstage && !users) assert.ok(!guide.includes(tp.label?.text ?? `\u0000`), `${tp.name.text} appears in ${method.name.text}`);
        }
      });

      it(`${name} ${method.name.text}: every prompt is its construct's own for the side asked`, () => {
        for (const section of plan.sections) {
          for (const [side, prompts] of section.prompts) {
            for (const prompt of prompts) {
              const own = prompt.constructs.some((c) => {
                let source: typeof c | undefined = c;
                while (source && source.prompts.staff.length === 0 && source.prompts.service_user.length === 0) source = source.parent;
                return source?.prompts[side].includes(prompt.text);
              });
              assert.ok(own, `"${prompt.text}" is not a ${side} prompt of ${prompt.constructs.map((c) => c.path).join(', ')}`);
            }
          }
        }
      });

      it(`${name} ${method.name.text}: every section opens with a question and lists only steps its participants take part in`, () => {
        for (const section of plan.sections) {
          assert.ok(section.openings.length > 0 && section.openings.every((o) => o.text.endsWith('?') || o.text.endsWith('.')));
          if (section.kind === 'absent') continue;
          for (const tp of section.steps) {
            const actors = tp.properties.find((p) => p.key.text === 'actors');
            if (!actors) continue;
            const names = actors.values.flatMap((v) => (v.kind === 'ref' ? [v.path] : []));
            assert.ok(
              plan.participants.some((a) => names.includes(a.name.text)),
              `${tp.name.text} in ${method.name.text}`,
            );
          }
        }
      });

      it(`${name} ${method.name.text}: no "the tool" where the tool has known_as`, function () {
        const knownAs = model.tools.some((t) => t.properties.some((p) => p.key.text === 'known_as'));
        // the built-in catalogue writes {tool} once issue 11's catalogue lands; until then its prompts say "the tool"
        if (!knownAs || !CATALOGUE_NAMES_TOOL) this.skip();
        // the researcher's own wording is theirs to choose
        const own = model.questions.flatMap((q) => q.properties.filter((p) => /^(ask|probes)/.test(p.key.text)).flatMap((p) => p.values.flatMap((v) => (v.kind === 'string' ? [v.text] : []))));
        let text = guide.replace(/research question Q\d+, "[^"]*"/g, '');
        for (const words of own) text = text.split(words).join('');
        assert.ok(!/\bthe tool\b/i.test(text), 'a participant would hear "the tool"');
      });
    }
  }
});
