/** Helpers for the generator tests: a study from text or from the samples, linted as the CLI lints it. */
import * as fs from 'fs';
import * as path from 'path';
import { lintModel } from '../../server/checks/lint';
import { Finding } from '../../server/common/finding';
import { diskHost } from '../../server/common/diskHost';
import { StudyModel } from '../../server/model/model';
import { Program } from '../../server/model/program';
import { MemoryHost } from '../support/memoryHost';

// Compiled to out/test/generate/, so the repository root is three levels up.
export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'samples');
export const GOLDEN = path.join(ROOT, 'test', 'generate', 'golden');

export interface Linted {
  model: StudyModel;
  findings: Finding[];
}

/** A study held in memory (with optional side files, e.g. a fragment it imports). */
export function studyFromText(text: string, files: Record<string, string> = {}): Linted {
  const host = new MemoryHost(files);
  const file = host.set('main.study', text);
  const program = new Program(host);
  const model = program.model(file);
  if (!model) throw new Error('no model');
  return { model, findings: lintModel(program, model).findings };
}

/** The sample studies (fragments left out), by file name. */
export function sampleStudies(): { name: string; file: string }[] {
  return fs
    .readdirSync(SAMPLES)
    .filter((name) => name.endsWith('.study'))
    .sort()
    .map((name) => ({ name, file: path.join(SAMPLES, name) }))
    .filter(({ file }) => /^\s*study\s/m.test(fs.readFileSync(file, 'utf8')));
}

export function sample(name: string): Linted {
  const program = new Program(diskHost);
  const model = program.model(path.join(SAMPLES, name));
  if (!model) throw new Error(`cannot read ${name}`);
  return { model, findings: lintModel(program, model).findings };
}

/**
 * A small study that lint finds clean, with a staff and a service-user interview, a staff-only
 * and a service-user-only question, and vulnerable service users. Tests change one thing in it.
 */
export const GUIDE_STUDY = `study clinic "Evaluating a booking app" {
  frameworks: npt.coherence, digital_inclusion.access
  actor patient: service_user "Patients" {
    vulnerable: yes
    inclusion: "Booked a clinic visit online"
  }
  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }
  tool app "Booking app"
  service booking "Booking an appointment" {
    touchpoint book "Patient books online" {
      channel: digital
      via: app
      actors: patient, nurse
    }
    touchpoint visit "Clinic visit" {
      channel: face_to_face
      actors: patient, nurse
    }
  }
  question visit_q "What happens at the visit?" {
    about: visit
    perspective: both
    constructs: npt.coherence.differentiation
    methods: staff_talks, patient_talks
    probes: "Who was in the room?"
  }
  question booking_q "How does booking online go?" {
    about: book, visit
    perspective: both
    constructs: digital_inclusion.access
    methods: staff_talks, patient_talks
  }
  question staff_only "How does the app change the rota?" {
    about: book
    perspective: staff
    constructs: npt.coherence.communal_specification
    methods: staff_talks
  }
  question patient_only "Would you book online again?" {
    about: book
    perspective: service_user
    constructs: npt.coherence.individual_specification, npt.coherence.internalisation
    methods: patient_talks
  }
  question whole "Is the service better than before?" {
    about: booking
    perspective: both
    constructs: npt.coherence.differentiation
    methods: staff_talks, patient_talks
  }
  method staff_talks: interview "Interviews with nurses" {
    participants: nurse
    recording: audio
    recruitment: "The clinic manager passes on an invitation"
    analysis: "Framework analysis with NPT as the frame"
  }
  method patient_talks: interview "Interviews with patients" {
    participants: patient
    recording: notes
    recruitment: "Nurses hand out an invitation at the visit"
    analysis: "Framework analysis with NPT as the frame"
  }
  ethics {
    classification: research
    consent: verbal
    withdrawal: "Until the end of the month"
    retention: "Five years"
    capacity: "Assessed by the nurse"
    distress_protocol: "Stop and call the nurse"
    public_involvement: "Patient panel"
  }
  aims: "Find out how booking online changes the clinic"
}
`;

/** GUIDE_STUDY with `from` replaced by `to`; fails loudly when `from` is not there. */
export function guideVariant(from: string, to: string, base = GUIDE_STUDY): string {
  if (!base.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return base.replace(from, to);
}
