/**
 * Generates a large, valid and clean study for the benchmark (and for tests that need a big
 * input). The study grows by "units": one service with its own staff and service-user actors,
 * a digital tool, several touchpoints, a question about each touchpoint and two methods. Every
 * selected construct is covered, every touchpoint asked about from both sides, every actor,
 * tool and method used, and the ethics block answers what the methods call for, so a correct
 * linter reports nothing at all.
 */

/** A small seeded PRNG (mulberry32), so generated studies are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  ['repeat_prescriptions', 'Ordering repeat prescriptions', 'Patients order repeat medication and the practice pharmacist authorises it.'],
  ['online_triage', 'Online consultation and triage', 'Patients describe their problem in an online form; a clinician triages it the same day.'],
  ['care_planning', 'Planning care together', 'Service users and recovery workers write and review the care plan.'],
  ['outpatient_follow_up', 'Outpatient follow-up by video', 'Routine follow-up appointments held by video instead of in clinic.'],
  ['hospital_discharge', 'Leaving hospital', 'Discharge planning with the ward team, social care and the family.'],
  ['home_care_review', 'Reviewing home care', 'A social worker and the family review the home-care package.'],
  ['test_results', 'Receiving test results', 'Results are sent through the portal and followed up by the practice.'],
  ['crisis_support', 'Getting help in a crisis', 'Out-of-hours crisis line and the home-treatment team.'],
] as const;

const TOUCHPOINTS = [
  ['request', 'Service user makes a request through the portal', 'access', 'digital'],
  ['triage', 'Clinician reviews and triages the request', 'assessment', 'digital'],
  ['call_back', 'Staff telephone the service user back', 'assessment', 'telephone'],
  ['appointment', 'Appointment with the clinician', 'treatment', 'video'],
  ['review', 'Plan reviewed together in clinic', 'review', 'face_to_face'],
  ['letter', 'Summary letter sent to the service user', 'follow-up', 'paper'],
] as const;

const QUESTION_OPENINGS = [
  'How do people experience',
  'What helps or hinders',
  'How do staff make sense of',
  'Who is left out of',
  'How does the team organise',
  'What changes in the relationship during',
];

const PROBES = [
  'Can you tell me about the last time this happened?',
  'What would have made it easier?',
  'Who else was involved?',
  'Did anything surprise you?',
  'How did it compare with how things were done before?',
];

/** Every construct the generated study must cover: the constructs directly below each selection. */
const CONSTRUCTS = [
  'npt.coherence.differentiation',
  'npt.cognitive_participation.enrolment',
  'npt.collective_action.interactional_workability',
  'npt.reflexive_monitoring.communal_appraisal',
  'four_cos.co_design',
  'four_cos.co_delivery',
  'four_cos.co_assessment',
  'digital_inclusion.access',
  'digital_inclusion.accessibility',
  'digital_inclusion.skills',
  'digital_inclusion.trust',
  'digital_inclusion.leadership',
  'cfir.inner_setting.structural_characteristics.it_infrastructure',
  'cfir.inner_setting.relational_connections',
  'cfir.inner_setting.communications',
  'cfir.inner_setting.culture.recipient_centeredness',
  'cfir.inner_setting.tension_for_change',
  'cfir.inner_setting.compatibility',
  'cfir.inner_setting.relative_priority',
  'cfir.inner_setting.incentive_systems',
  'cfir.inner_setting.mission_alignment',
  'cfir.inner_setting.available_resources.funding',
  'cfir.inner_setting.access_to_knowledge_information',
];

const CHANNELS_NEEDING_TOOL = new Set(['digital', 'video', 'hybrid']);

export interface GeneratedStudy {
  text: string;
  units: number;
  touchpoints: number;
  questions: number;
  methods: number;
}

function unit(index: number, random: () => number, counters: { construct: number }): { text: string; touchpoints: number; questions: number } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const [serviceId, serviceLabel, serviceDescription] = SERVICES[index % SERVICES.length];
  const service = `${serviceId}_${index}`;
  const users = `service_users_${index}`;
  const staff = `practice_staff_${index}`;
  const tool = `portal_${index}`;
  const site = `site ${index + 1}`;
  const touchpointCount = 4 + (index % 3);
  const lines: string[] = [];
  lines.push(`  // --- ${serviceLabel} at ${site} ---`);
  lines.push(`  actor ${users}: service_user "People using the service at ${site}" {`);
  lines.push(`    vulnerable: ${index % 4 === 0 ? 'yes' : 'no'}`);
  lines.push(`    description: "Adults registered with ${site}, including people who rarely go online"`);
  lines.push('  }');
  lines.push(`  actor ${staff}: staff "Clinical and administrative staff at ${site}"`);
  lines.push(`  tool ${tool} "Online portal used at ${site}" {`);
  lines.push(`    description: "Web and app portal for requests, messages and results"`);
  lines.push(`    platform: "Web browser and smartphone app"`);
  lines.push(`    codesigned: ${index % 2 === 0 ? 'yes' : 'no'}`);
  lines.push('  }');
  lines.push(`  service ${service} "${serviceLabel} (${site})" {`);
  lines.push(`    description: "${serviceDescription}"`);
  lines.push(`    provider: "Provider trust ${1 + (index % 17)}"`);
  const touchpoints: { name: string; label: string }[] = [];
  for (let t = 0; t < touchpointCount; t++) {
    const [tpId, tpLabel, stage, channel] = TOUCHPOINTS[(index + t) % TOUCHPOINTS.length];
    const name = `${tpId}_${index}_${t}`;
    touchpoints.push({ name, label: tpLabel });
    lines.push(`    touchpoint ${name} "${tpLabel}" {`);
    lines.push(`      stage: "${stage}"`);
    lines.push(`      channel: ${channel}`);
    if (CHANNELS_NEEDING_TOOL.has(channel)) lines.push(`      via: ${tool}`);
    lines.push(`      actors: ${users}, ${staff}`);
    if (t % 2 === 0) lines.push(`      coproduction: four_cos.co_delivery`);
    if (tpId === 'letter') lines.push('      backstage: yes');
    lines.push('    }');
  }
  lines.push('  }');
  const interviews = `interviews_${index}`;
  const logs = `portal_logs_${index}`;
  touchpoints.forEach((touchpoint, t) => {
    const constructs = [CONSTRUCTS[counters.construct++ % CONSTRUCTS.length], CONSTRUCTS[counters.construct++ % CONSTRUCTS.length]];
    lines.push(`  question q_${index}_${t} "${pick(QUESTION_OPENINGS)} ${touchpoint.label.toLowerCase()}?" {`);
    lines.push(`    about: ${touchpoint.name}`);
    lines.push('    perspective: both');
    lines.push(`    constructs: ${constructs.join(', ')}`);
    lines.push(`    methods: ${t % 3 === 2 ? `${interviews}, ${logs}` : interviews}`);
    lines.push(`    probes: "${pick(PROBES)}", "${pick(PROBES)}"`);
    lines.push('  }');
  });
  lines.push(`  method ${interviews}: interview "Semi-structured interviews at ${site}" {`);
  lines.push(`    participants: ${users}, ${staff}`);
  lines.push(`    sample: ${8 + (index % 5)}..${14 + (index % 5)}`);
  lines.push('    mode: face_to_face');
  lines.push('    recording: audio');
  lines.push('    data: pseudonymised');
  lines.push('  }');
  lines.push(`  method ${logs}: usage_log "Portal usage logs from ${site}" {`);
  lines.push('    source: "Portal audit log, exported monthly"');
  lines.push('    data: anonymous');
  lines.push('  }');
  return { text: lines.join('\n') + '\n', touchpoints: touchpointCount, questions: touchpointCount };
}

/** A clean study of roughly `targetBytes` characters (it stops at the first unit past the target). */
export function generateStudy(targetBytes: number, seed = 1): GeneratedStudy {
  const random = seededRandom(seed);
  const head = `// Generated benchmark study (${targetBytes} bytes requested, seed ${seed}).
/* Many services, touchpoints, questions and methods with realistic labels; every rule finds it clean. */
study generated_evaluation "Evaluating an online access programme across many practices" {
  summary: """
    A mixed-methods evaluation of online access to primary, community and mental-health
    services: how staff and service users co-produce care through the portal, how the
    teams implement it, and who is left out.
    """
  design: mixed_methods
  setting: "Practices and community teams across the region"
  duration: "24 months"
  version: "1.0"
  frameworks: npt, four_cos, digital_inclusion, cfir.inner_setting
  exclude four_cos.co_commissioning "The programme was commissioned before the evaluation began."

`;
  const tail = `
  ethics {
    classification: research
    consent: written
    lawful_basis: "UK GDPR Article 6(1)(e) and Article 9(2)(j)"
    retention: "Five years after the end of the study, then securely destroyed"
    withdrawal: "Until analysis begins, four weeks after the interview"
    capacity: """
      Capacity to consent is assessed by the care coordinator before approach; people who
      lack capacity are not approached.
      """
    distress_protocol: "The interview pauses on any sign of distress; the participant is offered support and signposted."
    public_involvement: "A service-user reference group reviewed the topic guides"
  }
}
`;
  const parts = [head];
  let size = head.length + tail.length;
  const counters = { construct: 0 };
  let units = 0;
  let touchpoints = 0;
  let questions = 0;
  while (size < targetBytes || units === 0) {
    const next = unit(units, random, counters);
    parts.push(next.text);
    size += next.text.length;
    touchpoints += next.touchpoints;
    questions += next.questions;
    units++;
  }
  parts.push(tail);
  return { text: parts.join(''), units, touchpoints, questions, methods: units * 2 };
}
