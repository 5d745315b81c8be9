import { Range } from '../../common/range';
import { booleanValue, enumValue, targets } from '../../model/analysis';
import { ActorDecl, MethodDecl, propertyOf } from '../../model/ast';
import { StudyModel } from '../../model/model';
import { Rule } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';
import { studyInsertPoint } from './coverage';

function recruitingMethods(model: StudyModel): MethodDecl[] {
  return model.methods.filter((m) => (propertyOf(m, 'participants')?.values.length ?? 0) > 0);
}

function participantActors(model: StudyModel): ActorDecl[] {
  const actors = new Set<ActorDecl>();
  for (const method of model.methods) for (const actor of targets(model, method, 'participants', 'actor')) actors.add(actor);
  return [...actors];
}

function ethicsHas(model: StudyModel, key: string): boolean {
  return model.study?.ethics.some((e) => propertyOf(e, key)) ?? false;
}

/** The ethics keys a study's methods call for, in the order an IRAS form asks. */
export function neededEthicsKeys(model: StudyModel): string[] {
  const keys = ['classification'];
  if (recruitingMethods(model).length > 0) keys.push('consent', 'withdrawal');
  if (model.methods.some((m) => enumValue(m, 'data') === 'identifiable')) keys.push('lawful_basis');
  if (model.methods.length > 0) keys.push('retention');
  if (participantActors(model).some((a) => booleanValue(a, 'vulnerable') === true)) keys.push('capacity', 'distress_protocol');
  if (model.methods.some((m) => m.methodKind?.text === 'record_review')) keys.push('record_access');
  keys.push('public_involvement');
  return keys;
}

function ethicsRange(model: StudyModel): Range | undefined {
  return model.study?.ethics[0]?.keywordRange;
}

export const ethicsMissing: Rule = {
  id: 'ethics-missing',
  severity: 'error',
  summary: 'A method has participants and the study has no `ethics` block.',
  docs: 'Recruiting people needs an ethics answer: classification, consent, withdrawal, retention, and more depending on the methods.',
  scope: 'study',
  fixes: ['Insert an ethics block with the keys the methods need'],
  check({ model, report }) {
    if (!model.study || model.study.ethics.length > 0) return;
    const first = recruitingMethods(model)[0];
    if (!first) return;
    report({ file: first.file, range: first.name.range, message: `Method '${first.name.text}' recruits participants, but the study has no ethics block`, data: { ethicsKeys: neededEthicsKeys(model), insertAt: studyInsertPoint(model) } });
  },
  cases: {
    valid: [{ name: 'no participants, no ethics needed', code: variant('  ethics {\n    consent: written\n    retention: "Five years"\n  }\n', '').replace('method talks: interview "Interviews" {\n    participants: patient, nurse\n    recording: audio\n  }', 'method talks: record_review "Case notes" {\n    data: anonymous\n  }').replace('  actor patient: service_user "Patients"\n  actor nurse: staff "Nurses"\n', '').replace('      actors: patient, nurse\n', '') }],
    invalid: [{ name: 'interviews with no ethics', code: variant('  ethics {\n    consent: written\n    retention: "Five years"\n  }\n', '').replace('method talks', 'method [[talks]]'), messages: ['no ethics block'] }],
  },
};

export const consentMissing: Rule = {
  id: 'consent-missing',
  severity: 'error',
  summary: 'Participants are recruited and `ethics` has no `consent`.',
  docs: 'Say how consent is taken: `consent: written`, `verbal`, `online`, or `waived` (with the approval that allows it).',
  scope: 'study',
  check({ model, report }) {
    const range = ethicsRange(model);
    if (!range || recruitingMethods(model).length === 0 || ethicsHas(model, 'consent')) return;
    report({ file: model.study!.ethics[0].file, range, message: 'Participants are recruited, but the ethics block does not say how consent is taken: add consent:' });
  },
  cases: {
    valid: [{ name: 'consent given', code: CLEAN_STUDY }],
    invalid: [{ name: 'no consent', code: variant('    consent: written\n', '').replace('  ethics {', '  [[ethics]] {'), messages: ['add consent:'] }],
  },
};

export const vulnerableWithoutSafeguards: Rule = {
  id: 'vulnerable-without-safeguards',
  severity: 'error',
  summary: 'A participant actor is `vulnerable: yes` and `ethics` lacks `distress_protocol` or `capacity`.',
  docs: 'An ethics committee asks what happens if a participant becomes distressed, and how capacity to consent is assessed. Both answers go in the ethics block; the distress protocol is printed at the top of the interview guides.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study || model.study.ethics.length === 0) return;
    const missing = ['distress_protocol', 'capacity'].filter((key) => !ethicsHas(model, key));
    if (missing.length === 0) return;
    for (const actor of participantActors(model)) {
      if (booleanValue(actor, 'vulnerable') !== true) continue;
      const range = propertyOf(actor, 'vulnerable')?.values[0]?.range ?? actor.name.range;
      report({ file: actor.file, range, message: `Participants '${actor.name.text}' are marked vulnerable, but the ethics block has no ${missing.join(' or ')}` });
    }
  },
  cases: {
    valid: [
      { name: 'safeguards given', code: variant('actor patient: service_user "Patients"', 'actor patient: service_user "Patients" { vulnerable: yes }').replace('    consent: written\n', '    consent: written\n    capacity: "Assessed by the care team."\n    distress_protocol: "Pause and signpost."\n') },
      { name: 'vulnerable but not a participant', code: variant('actor patient: service_user "Patients"', 'actor patient: service_user "Patients"\n  actor child: service_user "Children" { vulnerable: yes }').replace('actors: patient, nurse', 'actors: patient, nurse, child') },
    ],
    invalid: [{ name: 'no capacity', code: variant('actor patient: service_user "Patients"', 'actor patient: service_user "Patients" { vulnerable: [[yes]] }').replace('    consent: written\n', '    consent: written\n    distress_protocol: "Pause and signpost."\n'), messages: ['no capacity'] }],
  },
};

export const identifiableDataWithoutBasis: Rule = {
  id: 'identifiable-data-without-basis',
  severity: 'error',
  summary: 'A method has `data: identifiable` and `ethics` has no `lawful_basis`.',
  docs: 'Processing identifiable personal data needs a lawful basis under data-protection law (for UK research usually UK GDPR Article 6(1)(e) with Article 9(2)(j)).',
  scope: 'study',
  check({ model, report }) {
    if (ethicsHas(model, 'lawful_basis')) return;
    for (const method of model.methods) {
      if (enumValue(method, 'data') !== 'identifiable') continue;
      const range = propertyOf(method, 'data')?.values[0]?.range ?? method.name.range;
      report({ file: method.file, range, message: `Method '${method.name.text}' collects identifiable data, but the ethics block gives no lawful_basis` });
    }
  },
  cases: {
    valid: [{ name: 'lawful basis given', code: variant('recording: audio', 'recording: audio\n    data: identifiable').replace('    consent: written\n', '    consent: written\n    lawful_basis: "UK GDPR Article 6(1)(e)"\n') }],
    invalid: [{ name: 'no lawful basis', code: variant('recording: audio', 'recording: audio\n    data: [[identifiable]]'), messages: ['no lawful_basis'] }],
  },
};

export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'warning',
  summary: 'Data are collected and `ethics` has no `retention`.',
  docs: 'Say how long the data are kept and how they are destroyed.',
  scope: 'study',
  check({ model, report }) {
    const range = ethicsRange(model);
    if (!range || model.methods.length === 0 || ethicsHas(model, 'retention')) return;
    report({ file: model.study!.ethics[0].file, range, message: 'Data are collected, but the ethics block does not say how long they are kept: add retention:' });
  },
  cases: {
    valid: [{ name: 'retention given', code: CLEAN_STUDY }],
    invalid: [{ name: 'no retention', code: variant('    retention: "Five years"\n', '').replace('  ethics {', '  [[ethics]] {'), messages: ['add retention:'] }],
  },
};

export const unusedDeclaration: Rule = {
  id: 'unused-declaration',
  severity: 'hint',
  summary: 'An actor or tool nothing refers to.',
  docs: 'Refer to it (actors in `actors:` or `participants:`, tools in `via:`) or remove it.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const used = new Set(model.references.map((site) => site.declaration));
    for (const declaration of [...model.actors, ...model.tools]) {
      if (used.has(declaration) || !declaration.name.text) continue;
      report({ file: declaration.file, range: declaration.name.range, message: `Nothing refers to ${declaration.kind} '${declaration.name.text}'` });
    }
  },
  cases: {
    valid: [{ name: 'all used', code: CLEAN_STUDY }],
    invalid: [{ name: 'an unused tool', code: variant('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool [[app]] "App"'), messages: ["tool 'app'"] }],
  },
};
