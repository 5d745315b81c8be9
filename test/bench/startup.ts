/**
 * CLI start-up: `studyspec lint` of a one-screen study, whole process, against a bare
 * `node -e ""`, alternating the two so that both see the same machine. Target: at most 3×.
 *   node out/test/bench/startup.js [--runs N]
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TARGET = 3;
const ONE_SCREEN = `study clinic "Video clinic follow-up" {
  aims: "To learn how video follow-up works for patients and clinicians."
  frameworks: npt.coherence
  actor patient: service_user "Patients" {
    inclusion: "Adults with a follow-up appointment"
  }
  actor clinician: staff "Clinicians" {
    inclusion: "Clinicians who run video clinics"
  }
  tool attend "Video consultation platform" {
    known_as: "the video link"
  }
  service followup "Outpatient follow-up" {
    touchpoint call "Video appointment" {
      channel: face_to_face
      actors: patient, clinician
    }
  }
  question sense "How do patients and clinicians make sense of video follow-up?" {
    about: call
    perspective: both
    constructs: npt.coherence.differentiation
    methods: interviews
  }
  method interviews: interview "Interviews" {
    participants: patient, clinician
    recruitment: "Invited by the clinic"
    analysis: "Framework analysis"
    mode: telephone
    recording: notes
  }
  ethics {
    classification: service_evaluation
    consent: verbal
    retention: "Two years"
    withdrawal: "Until analysis begins"
  }
}
`;

function timeMs(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    // lint exits 1 when it finds problems; only the time matters here
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 15;
const study = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'studyspec-startup-')), 'clinic.study');
fs.writeFileSync(study, ONE_SCREEN);
const bin = path.join(ROOT, 'bin', 'studyspec.js');
const bare: number[] = [];
const lint: number[] = [];
const ratios: number[] = [];
timeMs(process.execPath, [bin, 'lint', study]); // warm the file cache
for (let i = 0; i < runs; i++) {
  const b = timeMs(process.execPath, ['-e', '']);
  const l = timeMs(process.execPath, [bin, 'lint', study]);
  bare.push(b);
  lint.push(l);
  ratios.push(l / b);
}
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ratio = median(ratios);
console.log(`\nCLI start-up (${runs} alternating pairs, ${process.version}): studyspec lint of a one-screen study ${median(lint).toFixed(0)} ms, node -e "" ${median(bare).toFixed(0)} ms`);
console.log(`ratio, median of pairs: ${ratio.toFixed(2)}× (target ≤ ${TARGET}×: ${ratio <= TARGET ? 'met' : 'NOT met'})`);
fs.rmSync(path.dirname(study), { recursive: true, force: true });
