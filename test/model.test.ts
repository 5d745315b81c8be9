// Imports, fragments, cycles and linking (server/model/program.ts, link.ts, server/checks/lint.ts).

import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintFile, lintFiles } from '../server/checks/lint';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { Finding } from '../server/common/finding';
import { Program } from '../server/model/program';
import { MemoryHost } from './support/memoryHost';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin', 'studyspec.js');

/** CLEAN_STUDY without its two actors, which a fragment then declares. */
const STUDY_WITHOUT_ACTORS = variant('  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', '');
const ACTORS = 'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n';

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${path.basename(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`).join('\n') || '(none)';
}

function setup(files: Record<string, string>): { host: MemoryHost; program: Program; p: (name: string) => string } {
  const host = new MemoryHost(files);
  return { host, program: new Program(host), p: (name) => host.path(name) };
}

describe('model: imports, fragments and cycles', () => {
  describe('import resolution', () => {
    it('resolves a path relative to the importing file, not the working folder', () => {
      const { program, p } = setup({
        'studies/main.study': 'import "../shared/actors.study"\n' + STUDY_WITHOUT_ACTORS,
        'shared/actors.study': ACTORS,
        'studies/shared/actors.study': 'actor decoy: staff',
      });
      const model = program.model(p('studies/main.study'));
      assert.ok(model);
      assert.deepEqual(
        model.files.map((f) => f.path),
        [p('studies/main.study'), p('shared/actors.study')],
      );
      assert.deepEqual(model.importProblems, []);
      assert.deepEqual(lintFiles(program, [p('studies/main.study')]), []);
    });

    it('follows chained imports, each relative to its own file', () => {
      const { program, p } = setup({
        'main.study': 'import "./people/staff.study"\n' + STUDY_WITHOUT_ACTORS,
        'people/staff.study': 'import "./patients/patients.study"\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n',
        'people/patients/patients.study': 'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n',
      });
      const model = program.model(p('main.study'));
      assert.deepEqual(
        model?.files.map((f) => path.relative(p('.'), f.path)),
        ['main.study', path.join('people', 'staff.study'), path.join('people', 'patients', 'patients.study')],
      );
      assert.deepEqual(
        model?.actors.map((a) => a.name.text),
        ['nurse', 'patient'],
      );
      const findings = lintFiles(program, [p('main.study')]);
      assert.deepEqual(findings, [], describeFindings(findings));
    });

    it('loads a diamond (two fragments importing the same third) once', () => {
      const { program, p } = setup({
        'main.study': 'import "./a.study"\nimport "./b.study"\n' + STUDY_WITHOUT_ACTORS,
        'a.study': 'import "./shared.study"\nactor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n',
        'b.study': 'import "./shared.study"\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n',
        'shared.study': 'tool app "Booking app"\n',
      });
      const model = program.model(p('main.study'));
      assert.deepEqual(
        model?.files.map((f) => path.basename(f.path)),
        ['main.study', 'a.study', 'shared.study', 'b.study'],
      );
      assert.equal(model?.tools.length, 1);
      const findings = lintFiles(program, [p('main.study')]);
      // the tool is declared once (no duplicate-name); nothing uses it (a hint)
      assert.deepEqual(
        findings.map((f) => `${path.basename(f.file)} ${f.rule}`),
        ['shared.study unused-declaration'],
      );
    });

    it('reports a missing file at the import, in the file that imports it', () => {
      const { program, p } = setup({
        'main.study': 'import "./actors.study"\n' + STUDY_WITHOUT_ACTORS,
        'actors.study': 'import "./gone.study"\n' + ACTORS,
      });
      const findings = lintFiles(program, [p('main.study')]);
      assert.deepEqual(describeFindings(findings), `actors.study:1:8 import-error Cannot read './gone.study' (looked for ${p('gone.study')})`);
    });

    it('reports importing a study, and ignores its declarations', () => {
      const { program, p } = setup({ 'main.study': 'import "./other.study"\n' + CLEAN_STUDY, 'other.study': variant('study clinic', 'study other') });
      const findings = lintFiles(program, [p('main.study')]);
      assert.deepEqual(describeFindings(findings), "main.study:1:8 import-error './other.study' is a study; only fragments (files without a study) can be imported");
      assert.equal(program.model(p('main.study'))?.files.length, 1);
    });

    it('an import with no path is a syntax error, not a crash', () => {
      const { program, p } = setup({ 'main.study': 'import\n' + CLEAN_STUDY });
      const findings = lintFiles(program, [p('main.study')]);
      assert.deepEqual(
        findings.map((f) => f.rule),
        ['syntax-error'],
      );
    });
  });

  describe('cycles', () => {
    it('a cycle between two fragments is an import-error, and the linker stops', function () {
      this.timeout(5000);
      const { program, p } = setup({
        'main.study': 'import "./a.study"\n' + STUDY_WITHOUT_ACTORS,
        'a.study': 'import "./b.study"\nactor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n',
        'b.study': 'import "./a.study"\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n',
      });
      const findings = lintFiles(program, [p('main.study')]);
      assert.deepEqual(describeFindings(findings), 'b.study:1:8 import-error Import cycle: a.study → b.study → a.study');
      assert.deepEqual(
        program.model(p('main.study'))?.files.map((f) => path.basename(f.path)),
        ['main.study', 'a.study', 'b.study'],
      );
    });

    it('a fragment that imports the study that imports it', () => {
      const { program, p } = setup({ 'main.study': 'import "./a.study"\n' + STUDY_WITHOUT_ACTORS, 'a.study': 'import "./main.study"\n' + ACTORS });
      assert.deepEqual(describeFindings(lintFiles(program, [p('main.study')])), 'a.study:1:8 import-error Import cycle: main.study → a.study → main.study');
    });

    it('a file that imports itself', () => {
      const { program, p } = setup({ 'main.study': 'import "./main.study"\n' + CLEAN_STUDY, 'frag.study': 'import "frag.study"\nactor x: staff\n' });
      assert.deepEqual(describeFindings(lintFiles(program, [p('main.study')])), 'main.study:1:8 import-error Import cycle: main.study → main.study');
      assert.deepEqual(describeFindings(lintFiles(program, [p('frag.study')])), 'frag.study:1:8 import-error Import cycle: frag.study → frag.study');
    });

    it('a long cycle of fragments, linted from any of them', function () {
      this.timeout(5000);
      const files: Record<string, string> = {};
      for (let i = 0; i < 50; i++) files[`f${i}.study`] = `import "./f${(i + 1) % 50}.study"\nactor a${i}: staff\n`;
      const { program, p } = setup(files);
      for (const name of ['f0.study', 'f17.study']) {
        const findings = lintFiles(program, [p(name)]);
        assert.equal(findings.filter((f) => f.rule === 'import-error').length, 1, describeFindings(findings));
      }
      const all = lintFiles(program, Object.keys(files).map(p));
      assert.ok(
        all.every((f) => f.rule === 'import-error'),
        describeFindings(all),
      );
    });
  });

  describe('fragments are checked in the context of the studies that import them', () => {
    /** A fragment whose service refers to actors, a tool and a framework the study declares. */
    const FRAGMENT = `// The booking service, shared by the clinic studies.
service booking "Booking an appointment" {
  touchpoint visit "Clinic visit" {
    channel: face_to_face
    actors: patient, nurse
  }
  touchpoint online "Booking online" {
    channel: digital
    via: app
    actors: patient
  }
}
`;
    const STUDY = `import "./booking.study"
study clinic "Evaluating a booking app" {
  frameworks: reaim.reach, digital_inclusion.access
  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }
  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }
  tool app "Booking app"
  question reach_q "Who does the clinic reach?" {
    about: booking
    perspective: both
    constructs: reaim.reach, digital_inclusion.access
    methods: talks
    ask_staff: "Who comes to the clinic, and who does not?"
    ask_service_user: "How did you come to use the clinic?"
  }
  method talks: interview "Interviews" {
    participants: patient, nurse
    recording: audio
    recruitment: "Clinic staff hand out invitations"
    analysis: "Thematic analysis"
  }
  ethics {
    consent: written
    retention: "Five years"
    withdrawal: "Until two weeks after the interview"
    public_involvement: "A patient panel reviewed the topic guide"
  }
  aims: "Find out who the clinic reaches"
}
`;

    it('the study and its fragment are clean together', () => {
      const { program, p } = setup({ 'booking.study': FRAGMENT, 'clinic.study': STUDY });
      const findings = lintFiles(program, [p('clinic.study')]);
      assert.deepEqual(findings, [], describeFindings(findings));
    });

    it('lintFile on the fragment: no unknown-reference for names the study declares', () => {
      const { program, p } = setup({ 'booking.study': FRAGMENT, 'clinic.study': STUDY });
      const findings = lintFile(program, p('booking.study'), [p('clinic.study'), p('booking.study')]);
      assert.deepEqual(findings, [], describeFindings(findings));
    });

    it('lintFiles on the fragment alone, with the study as context', () => {
      const { program, p } = setup({ 'booking.study': FRAGMENT, 'clinic.study': STUDY });
      assert.deepEqual(lintFiles(program, [p('booking.study')], [p('clinic.study')]), []);
      assert.deepEqual(lintFiles(program, [p('booking.study'), p('clinic.study')]), []);
      assert.deepEqual(lintFiles(program, [p('clinic.study'), p('booking.study')]), []);
    });

    it('findings in a fragment are reported under the fragment, once', () => {
      const { program, p } = setup({ 'booking.study': FRAGMENT.replace('actors: patient, nurse', 'actors: patient, nurze'), 'clinic.study': STUDY });
      for (const findings of [lintFiles(program, [p('clinic.study'), p('booking.study')]), lintFile(program, p('booking.study'), [p('clinic.study')])]) {
        assert.deepEqual(describeFindings(findings), "booking.study:5:22 unknown-reference No actor named 'nurze'; did you mean 'nurse'?");
      }
    });

    it('a fragment imported by two studies gets the findings each study gives it', () => {
      const other = variant('  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', '', STUDY.replace('study clinic', 'study clinic_two')).replace(
        'participants: patient, nurse',
        'participants: patient',
      );
      const { program, p } = setup({ 'booking.study': FRAGMENT, 'clinic.study': STUDY, 'clinic_two.study': other });
      const findings = lintFile(program, p('booking.study'), [p('clinic.study'), p('clinic_two.study')]);
      // clinic declares nurse, clinic_two does not
      assert.deepEqual(describeFindings(findings), "booking.study:5:22 unknown-reference No actor named 'nurse'");
    });

    it('a fragment reached through another fragment still gets its study as context', () => {
      const { program, p } = setup({
        'booking.study': FRAGMENT,
        'services.study': 'import "./booking.study"\n',
        'clinic.study': STUDY.replace('import "./booking.study"', 'import "./services.study"'),
      });
      assert.deepEqual(program.importersOf(p('booking.study'), [p('clinic.study'), p('services.study')]), [p('clinic.study')]);
      assert.deepEqual(lintFile(program, p('booking.study'), [p('clinic.study')]), []);
    });

    it('a fragment no study imports is checked alone: its own names resolve, study-wide rules are skipped', () => {
      const { program, p } = setup({ 'alone.study': 'actor patient: service_user\n' + FRAGMENT.replace('via: app', 'via: ap') });
      const findings = lintFiles(program, [p('alone.study')]);
      // patient is its own; nurse and ap are declared nowhere; no touchpoint-not-evaluated, no unused-declaration
      assert.deepEqual(describeFindings(findings), ["alone.study:6:22 unknown-reference No actor named 'nurse'", "alone.study:10:10 unknown-reference No tool named 'ap'"].join('\n'));
    });

    it('a name declared in both the study and its fragment is a duplicate-name, pointing at the other file', () => {
      const { program, p } = setup({ 'booking.study': FRAGMENT + 'actor nurse: staff "Agency nurses"\n', 'clinic.study': STUDY });
      const findings = lintFiles(program, [p('clinic.study')]);
      // the study's nurse comes first, so the references go to it and the fragment's is also unused
      assert.deepEqual(
        describeFindings(findings),
        ["booking.study:13:7 duplicate-name There is already an actor named 'nurse' (clinic.study:5)", "booking.study:13:7 unused-declaration Nothing refers to actor 'nurse'"].join('\n'),
      );
    });

    it('the CLI lints a sample fragment named alone, in the context of the study beside it', () => {
      const result = spawnSync(process.execPath, [CLI, 'lint', 'samples/care-pathway-actors.study'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(result.stdout, 'No problems found.\n', result.stderr);
      assert.equal(result.status, 0);
    });

    it("the CLI lints a fragment named alone in a temporary folder, in its study's context", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-model-'));
      try {
        fs.writeFileSync(path.join(dir, 'booking.study'), FRAGMENT);
        fs.writeFileSync(path.join(dir, 'clinic.study'), STUDY);
        const result = spawnSync(process.execPath, [CLI, 'lint', 'booking.study'], { cwd: dir, encoding: 'utf8' });
        assert.equal(result.stdout, 'No problems found.\n', result.stderr);
        assert.equal(result.status, 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the program', () => {
    it('parses a file once per text and again when it changes', () => {
      const { host, program, p } = setup({ 'main.study': CLEAN_STUDY });
      const first = program.file(p('main.study'));
      assert.equal(program.file(p('main.study')), first);
      host.set('main.study', CLEAN_STUDY.replace('Nurses', 'Practice nurses'));
      const second = program.file(p('main.study'));
      assert.notEqual(second, first);
      assert.equal(second?.study?.declarations[1]?.label?.text, 'Practice nurses');
      host.files.delete(p('main.study'));
      assert.equal(program.file(p('main.study')), undefined);
      assert.equal(program.model(p('main.study')), undefined);
    });

    it('links every reference once, to a site that rules and features share', () => {
      const { program, p } = setup({ 'main.study': CLEAN_STUDY });
      const model = program.model(p('main.study'))!;
      const sites = model.references.map((site) => `${site.key}:${site.value.path}->${site.declaration?.name.text ?? site.construct?.path ?? site.framework?.id}`);
      assert.deepEqual(sites, [
        'frameworks:reaim.reach->reaim.reach',
        'actors:patient->patient',
        'actors:nurse->nurse',
        'about:visit->visit',
        'constructs:reaim.reach->reaim.reach',
        'methods:talks->talks',
        'participants:patient->patient',
        'participants:nurse->nurse',
      ]);
      for (const site of model.references) assert.equal(model.referenceByValue.get(site.value), site);
    });
  });
});

describe('a fragment shared by several studies', () => {
  it('reports a declaration as unused only when no importing study refers to it', () => {
    const fragment = 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\nactor porter: staff "Porters"\nactor cleaner: staff "Cleaners"\n';
    const study = (name: string, actor: string) =>
      `import "./people.study"\nstudy ${name} { frameworks: reaim.reach\n service s "S" { touchpoint t "T" { channel: face_to_face actors: ${actor} } }\n question q "Q?" { about: t perspective: staff constructs: reaim.reach methods: m }\n method m: interview "I" { participants: ${actor} }\n ethics { consent: written retention: "1 year" }\n}\n`;
    const host = new MemoryHost({ 'people.study': fragment, 'a.study': study('a', 'nurse'), 'b.study': study('b', 'porter') });
    const files = ['a.study', 'b.study', 'people.study'].map((f) => host.path(f));
    const unused = lintFiles(new Program(host), files)
      .filter((f) => f.rule === 'unused-declaration')
      .map((f) => f.message);
    assert.deepEqual(unused, ["Nothing refers to actor 'cleaner'"]);
    const alone = lintFile(new Program(host), host.path('people.study'), files)
      .filter((f) => f.rule === 'unused-declaration')
      .map((f) => f.message);
    assert.deepEqual(alone, ["Nothing refers to actor 'cleaner'"]);
  });
});
