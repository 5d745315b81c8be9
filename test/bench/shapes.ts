/**
 * Study shapes for the benchmarks, besides generateStudy's own (units of 4–6 touchpoints):
 * - `many-small`: many services of five touchpoints each, questions with probes for each
 *   side and three methods per unit (interviews, a survey, usage logs);
 * - `few-huge`: four services with hundreds of touchpoints each, questions about runs of
 *   touchpoints and about whole services.
 * All use only syntax that the Langium peer (../shared/peer-langium) also parses.
 */
import { generateStudy, seededRandom } from './generateStudy';

export const SHAPES = ['bench', 'many-small', 'few-huge'] as const;
export type Shape = (typeof SHAPES)[number];

const HEAD = `study shaped "A benchmark study of another shape" {
  summary: "A generated study for timing lint on shapes unlike the bench's own."
  aims: "To time the checker."
  design: mixed_methods
  frameworks: npt, four_cos, digital_inclusion, cfir.inner_setting
`;

const TAIL = `
  ethics {
    classification: service_evaluation
    consent: written
    lawful_basis: "UK GDPR Article 6(1)(e) and Article 9(2)(j)"
    retention: "Five years, then destroyed"
    withdrawal: "Until analysis begins"
    capacity: "Assessed before approach"
    distress_protocol: "Pause and signpost"
  }
}
`;

const CONSTRUCTS = [
  'npt.coherence',
  'npt.cognitive_participation',
  'npt.collective_action',
  'npt.reflexive_monitoring',
  'four_cos.co_design',
  'four_cos.co_delivery',
  'digital_inclusion.access',
  'digital_inclusion.skills',
  'cfir.inner_setting.culture',
];
const CHANNELS = ['digital', 'face_to_face', 'telephone', 'video'];

function methodBlock(name: string, kind: string, participants: string, extra: string[]): string {
  return (
    [`  method ${name}: ${kind} "${kind.replace('_', ' ')} ${name}" {`, participants ? `    participants: ${participants}` : '', ...extra.map((line) => `    ${line}`), '  }']
      .filter(Boolean)
      .join('\n') + '\n'
  );
}

function manySmall(index: number, random: () => number): string {
  const users = `users_${index}`;
  const staff = `staff_${index}`;
  const tool = `app_${index}`;
  const lines = [
    `  actor ${users}: service_user "Service users ${index}" {`,
    `    inclusion: "Adults using service ${index}"`,
    '  }',
    `  actor ${staff}: staff "Staff ${index}" {`,
    `    inclusion: "Staff of team ${index}"`,
    '  }',
    `  tool ${tool} "App ${index}"`,
    `  service svc_${index} "Service ${index}" {`,
  ];
  for (let t = 0; t < 5; t++) {
    const channel = CHANNELS[(index + t) % CHANNELS.length];
    lines.push(`    touchpoint tp_${index}_${t} "Step ${t} of service ${index}" {`, `      stage: "stage ${t}"`, `      channel: ${channel}`);
    if (channel === 'digital' || channel === 'video') lines.push(`      via: ${tool}`);
    lines.push(`      actors: ${users}, ${staff}`, '    }');
  }
  lines.push('  }');
  for (let t = 0; t < 5; t++) {
    const construct = CONSTRUCTS[Math.floor(random() * CONSTRUCTS.length)];
    lines.push(
      `  question q_${index}_${t} "How does step ${t} of service ${index} work for people?" {`,
      `    about: tp_${index}_${t}`,
      '    perspective: both',
      `    constructs: ${construct}, digital_inclusion.access`,
      `    methods: int_${index}, srv_${index}, log_${index}`,
      `    probes: "What happened next?", "Who helped?"`,
      `    probes_staff: "How did it fit your caseload?"`,
      `    probes_service_user: "How did you feel about it?"`,
      '  }',
    );
  }
  const recruit = ['recruitment: "Invited by the team"', 'sampling: "Purposive"', 'analysis: "Framework analysis"'];
  return (
    lines.join('\n') +
    '\n' +
    methodBlock(`int_${index}`, 'interview', `${users}, ${staff}`, ['sample: 8..12', 'mode: face_to_face', 'recording: audio', 'data: pseudonymised', ...recruit]) +
    methodBlock(`srv_${index}`, 'survey', `${users}, ${staff}`, ['sample: 200', 'mode: paper', 'data: anonymous', ...recruit]) +
    methodBlock(`log_${index}`, 'usage_log', '', ['source: "Audit log"', 'data: anonymous', 'analysis: "Descriptive statistics"'])
  );
}

/** About `targetBytes` of few-huge: sized once from an estimate, then again from what that gave. */
function fewHuge(targetBytes: number): string {
  const estimate = Math.max(5, Math.round(targetBytes / (4 * 200)));
  const first = fewHugeOf(estimate);
  return fewHugeOf(Math.max(5, Math.round((estimate * (targetBytes - HEAD.length - TAIL.length)) / first.length)));
}

function fewHugeOf(perService: number): string {
  const services = 4;
  const lines = [
    '  actor people: service_user "People using the services" {',
    '    inclusion: "Adults"',
    '  }',
    '  actor team: staff "Staff" {',
    '    inclusion: "Staff"',
    '  }',
    '  tool app "The app"',
  ];
  for (let s = 0; s < services; s++) {
    lines.push(`  service big_${s} "Big service ${s}" {`);
    for (let t = 0; t < perService; t++) {
      const channel = CHANNELS[(s + t) % CHANNELS.length];
      lines.push(`    touchpoint s${s}_t${t} "Step ${t} of big service ${s}" {`, `      stage: "stage ${t % 12}"`, `      channel: ${channel}`);
      if (channel === 'digital' || channel === 'video') lines.push('      via: app');
      lines.push('      actors: people, team', '    }');
    }
    lines.push('  }');
    lines.push(
      `  question whole_${s} "What is big service ${s} like as a whole?" {`,
      `    about: big_${s}`,
      '    perspective: both',
      '    constructs: npt.coherence, digital_inclusion.access',
      '    methods: interviews',
      '  }',
    );
    for (let t = 0; t < perService; t += 4) {
      const about = [0, 1, 2, 3].map((k) => `s${s}_t${Math.min(t + k, perService - 1)}`);
      lines.push(
        `  question q_${s}_${t} "How do steps ${t} to ${t + 3} of service ${s} go?" {`,
        `    about: ${[...new Set(about)].join(', ')}`,
        '    perspective: both',
        `    constructs: ${CONSTRUCTS[t % CONSTRUCTS.length]}, ${CONSTRUCTS[(t + 3) % CONSTRUCTS.length]}`,
        '    methods: interviews',
        '  }',
      );
    }
  }
  lines.push(
    methodBlock('interviews', 'interview', 'people, team', [
      'sample: 20..30',
      'mode: face_to_face',
      'recording: audio',
      'recruitment: "Invited"',
      'sampling: "Purposive"',
      'analysis: "Framework analysis"',
    ]),
  );
  return lines.join('\n') + '\n';
}

/** A study of about `targetBytes` in the given shape. */
export function studyOfShape(shape: Shape, targetBytes: number, seed = 1): string {
  if (shape === 'bench') return generateStudy(targetBytes, seed).text;
  if (shape === 'few-huge') return HEAD + fewHuge(targetBytes) + TAIL;
  const random = seededRandom(seed);
  const parts = [HEAD];
  let size = HEAD.length + TAIL.length;
  for (let index = 0; size < targetBytes || index === 0; index++) {
    const next = manySmall(index, random);
    parts.push(next);
    size += next.length;
  }
  parts.push(TAIL);
  return parts.join('');
}
