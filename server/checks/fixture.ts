/**
 * A small study that every rule finds clean. Rule cases change one thing in it, so each case
 * reads as the near miss or the mistake it is.
 */
export const CLEAN_STUDY = `study clinic "Evaluating a booking app" {
  frameworks: reaim.reach
  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }
  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }
  service booking "Booking an appointment" {
    touchpoint visit "Clinic visit" {
      channel: face_to_face
      actors: patient, nurse
    }
  }
  question reach_q "Who does the clinic reach?" {
    about: visit
    perspective: both
    constructs: reaim.reach
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

/** CLEAN_STUDY with `from` replaced by `to`; fails loudly if `from` is not there, so cases cannot silently rot. */
export function variant(from: string, to: string, base: string = CLEAN_STUDY): string {
  if (!base.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

/**
 * A rule case's `code` without its `[[` `]]` markers and with `member` added after a blank line
 * before the study's closing brace, where the quick fixes insert questions, exclusions and ethics.
 */
export function withMember(code: string, member: string): string {
  const text = unmarked(code);
  if (!text.endsWith('\n}\n')) throw new Error("the case does not end with the study's closing brace");
  return `${text.slice(0, -2)}\n  ${member}\n}\n`;
}

/** A case's code without its `[[` `]]` markers: what a quick fix's `output` starts from. */
export function unmarked(code: string): string {
  return code.replace(/\[\[|\]\]/g, '');
}
