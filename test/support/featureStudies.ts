import * as fs from 'fs';
import * as path from 'path';
import { SHARED_EXAMPLES_V2 } from './shared';

export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLE_DIRS = [path.join(ROOT, 'samples'), SHARED_EXAMPLES_V2];

/** Every sample and example study: path and text. */
export function sampleStudies(): { file: string; text: string }[] {
  const result: { file: string; text: string }[] = [];
  for (const dir of SAMPLE_DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.study'))
      .sort()) {
      const file = path.join(dir, name);
      result.push({ file, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return result;
}

/** One repeatable slice of a study: a service with touchpoints, the questions about them and a method. */
function slice(i: number): string {
  return `
  // --- part ${i}
  actor patient_${i}: service_user "Patients of part ${i}"
  actor nurse_${i}: staff "Nurses of part ${i}"
  tool app_${i} "App ${i}" {
    description: "The booking app of part ${i}"
    platform: "Web"
  }
  service booking_${i} "Booking, part ${i}" {
    provider: "Practice ${i}"
    touchpoint request_${i} "Patient asks online" {
      stage: "access"
      channel: digital
      via: app_${i}
      actors: patient_${i}
      coproduction: coproduction.coproduction
    }
    touchpoint visit_${i} "Clinic visit" {
      stage: "care"
      channel: face_to_face
      actors: patient_${i}, nurse_${i}
    }
  }
  question access_${i} "How do patients find asking online?" {
    about: request_${i}
    perspective: service_user
    constructs: npt.coherence, coproduction.coproduction
    methods: talks_${i}
    probes: "What made it easy?", "What made it hard?"
  }
  question visit_work_${i} "How does the visit change nurses' work?" {
    about: visit_${i}
    perspective: both
    constructs: npt.collective_action.interactional_workability
    methods: talks_${i}
  }
  method talks_${i}: interview "Interviews, part ${i}" {
    participants: patient_${i}, nurse_${i}
    sample: 12..16
    recording: audio
  }
`;
}

/** A realistic study of about `lines` lines. */
export function bigStudy(lines: number): string {
  let text = `study big "A large study" {
  summary: """
    A study long enough to measure editor features on.
    """
  frameworks: npt, coproduction
`;
  for (let i = 0; text.split('\n').length < lines - 12; i++) text += slice(i);
  text += `  exclude npt.reflexive_monitoring "Out of scope"
  ethics {
    classification: research
    consent: written
    retention: "Five years"
  }
}
`;
  return text;
}
