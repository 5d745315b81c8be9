import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { diskHost } from '../../server/common/diskHost';
import { exportStudyJson, STUDY_SCHEMA_ID, StudyJson } from '../../server/generate/json';
import { SPECIAL_KEYS, withDeclaredKeys } from '../../server/generate/jsonKeys';
import { DOCUMENT_KINDS } from '../../server/generate/kinds';
import { BlockKind } from '../../server/model/ast';
import { Program } from '../../server/model/program';
import { PROPERTY_SPECS } from '../../server/model/schema';
import { SHARED_EXAMPLES_V2 } from '../support/shared';
import { memoryModel, ROOT, SAMPLES, sampleModel, STUDY_SAMPLES } from './studySamples';

const SCHEMA_PATH = path.join(ROOT, 'schemas', 'study.schema.json');

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  definitions?: Record<string, SchemaNode>;
  description?: string;
}

const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode & { $id: string; $schema: string };
let validator: ValidateFunction | undefined;
function validate(data: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator(data) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** A deep copy through JSON, as a consumer would read the export. */
const roundTrip = (data: StudyJson): Record<string, unknown> => JSON.parse(JSON.stringify(data)) as Record<string, unknown>;

/** The schema node an object conforms to, following $ref and the non-null branch of anyOf. */
function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref) return resolve(schema.definitions?.[node.$ref.replace('#/definitions/', '')] ?? {});
  const objectBranch = node.anyOf?.find((n) => n.$ref || n.properties);
  return objectBranch ? resolve(objectBranch) : node;
}

/** Checks that every object's keys come in the schema's property order (deterministic output). */
function assertKeyOrder(value: unknown, node: SchemaNode, where: string): void {
  const resolved = resolve(node);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertKeyOrder(item, resolved.items ?? {}, `${where}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object' || !resolved.properties) return;
  assert.deepEqual(Object.keys(value), Object.keys(resolved.properties), `key order at ${where}`);
  for (const [key, child] of Object.entries(value)) assertKeyOrder(child, resolved.properties[key], `${where}.${key}`);
}

describe('JSON export and its schema', () => {
  it('is a draft-07 schema with an $id, descriptions, closed objects and required fields', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, STUDY_SCHEMA_ID);
    const objects: [string, SchemaNode][] = [['(root)', schema], ...Object.entries(schema.definitions ?? {}).filter(([, d]) => d.type === 'object')];
    for (const [name, node] of objects) {
      assert.equal(node.additionalProperties, false, `${name}: additionalProperties`);
      assert.deepEqual(node.required, Object.keys(node.properties ?? {}), `${name}: every field is required`);
      assert.ok(node.description, `${name}: description`);
    }
  });

  for (const sample of STUDY_SAMPLES) {
    it(`${sample}: the export validates and is deterministic`, () => {
      const data = exportStudyJson(sampleModel(sample));
      assert.deepEqual(validate(roundTrip(data)), []);
      assert.equal(JSON.stringify(exportStudyJson(sampleModel(sample))), JSON.stringify(data));
      assertKeyOrder(roundTrip(data), schema, '$');
      assert.deepEqual(data.unresolved, [], 'samples resolve every reference');
    });
  }

  describe('care pathway sample', () => {
    const data = exportStudyJson(sampleModel('care-pathway-tool.study'));

    it('exports the study and its frameworks as selected', () => {
      assert.equal(data.$schema, STUDY_SCHEMA_ID);
      const study = data.study;
      assert.ok(study);
      assert.deepEqual(
        [study.name, study.label, study.design, study.setting, study.duration, study.version, study.location],
        [
          'care_pathway_tool',
          'Co-producing care records on a tablet in mental-health services',
          'qualitative',
          'Two community mental-health teams',
          null,
          null,
          { file: 'care-pathway-tool.study', line: 9 },
        ],
      );
      assert.match(data.study?.summary ?? '', /^Whether a co-designed care pathway tool/);
      assert.deepEqual(data.files, ['care-pathway-tool.study', 'care-pathway-actors.study']);
      assert.deepEqual(
        data.frameworks.map((f) => [f.id, f.selected, f.part, f.builtin, f.file]),
        [
          ['four_cos', 'four_cos', null, true, null],
          ['npt', 'npt.coherence', 'Coherence (sense-making)', true, null],
          ['npt', 'npt.collective_action', 'Collective action (operational work)', true, null],
          ['digital_inclusion', 'digital_inclusion.access', data.frameworks[3].part, true, null],
          ['digital_inclusion', 'digital_inclusion.skills', data.frameworks[4].part, true, null],
        ],
      );
      assert.ok(data.frameworks.every((f) => f.citation.length > 20 && f.name.length > 0));
    });

    it('exports actors from the imported fragment with their source location', () => {
      const user = data.actors.find((a) => a.name === 'service_user');
      assert.deepEqual(user, {
        name: 'service_user',
        label: 'People using community mental-health services',
        role: 'service_user',
        side: 'service_user',
        vulnerable: true,
        description: null,
        inclusion: ['Aged 18 or over', 'Has written a plan or note on the tablet with a worker during the pilot'],
        exclusion: ['Currently in crisis, as judged by their care coordinator'],
        location: { file: 'care-pathway-actors.study', line: 3 },
      });
      assert.equal(data.actors.find((a) => a.name === 'team_manager')?.side, 'staff');
      assert.deepEqual(data.tools, [
        {
          name: 'cpt',
          label: 'Care pathway tool',
          description: 'Tablet application for care plans, crisis plans and progress notes',
          platform: 'Android tablet',
          codesigned: true,
          known_as: 'the care plan app on the tablet',
          location: { file: 'care-pathway-tool.study', line: 34 },
        },
      ]);
    });

    it('exports services with touchpoints in journey order', () => {
      assert.equal(data.services.length, 1);
      const [service] = data.services;
      assert.deepEqual(
        service.touchpoints.map((t) => [t.step, t.name, t.stage, t.channel, t.backstage]),
        [
          [1, 'plan_together', 'planning', 'digital', false],
          [2, 'crisis_plan', 'planning', 'digital', false],
          [3, 'progress_note', 'review', 'digital', false],
          [4, 'record_sharing', 'review', 'digital', true],
        ],
      );
      const plan = service.touchpoints[0];
      assert.deepEqual(plan.via, ['cpt']);
      assert.deepEqual(plan.actors, ['service_user', 'recovery_worker']);
      assert.deepEqual(plan.sides, ['service_user', 'staff']);
      assert.deepEqual(plan.coproduction, ['four_cos.co_design', 'four_cos.co_delivery']);
      assert.deepEqual(plan.questions, ['writing_together', 'making_sense', 'digital_barriers']);
      assert.deepEqual(service.touchpoints[3].sides, ['staff']);
    });

    it('exports questions with services expanded to touchpoints, and methods with sides and samples', () => {
      const sense = data.questions.find((q) => q.name === 'making_sense');
      assert.deepEqual(sense?.about, ['care_planning']);
      assert.deepEqual(sense?.touchpoints, ['plan_together', 'crisis_plan', 'progress_note', 'record_sharing']);
      const writing = data.questions.find((q) => q.name === 'writing_together');
      assert.deepEqual(writing?.constructs[2], { path: 'npt.coherence.individual_specification', name: writing?.constructs[2].name, framework: 'npt' });
      assert.deepEqual(writing?.probes, ['Who held the tablet?', 'Whose words ended up in the plan?']);
      assert.equal(writing?.perspective, 'both');
      const staff = data.methods.find((m) => m.name === 'staff_interviews');
      assert.deepEqual(staff && { ...staff, location: undefined }, {
        name: 'staff_interviews',
        label: 'Semi-structured interviews with practitioners',
        kind: 'interview',
        participants: ['recovery_worker', 'nurse'],
        sample: { min: 12, max: 16 },
        mode: 'face_to_face',
        recording: 'audio',
        source: null,
        instrument: null,
        data: null,
        recruitment: 'Team managers circulate an invitation from the study team; staff reply to the researcher directly',
        sampling: 'Purposive across both teams and both roles, including staff who use the tool little',
        analysis: "Framework analysis (Gale et al. 2013) with NPT and the four Co's as the initial frame, open to new codes",
        consent: null,
        duration: 45,
        incentive: 'Staff take part in work time',
        sides: ['staff'],
        effective: {
          consent: { type: 'written', from: 'ethics' },
          identifiability: { level: 'identifiable', from: 'recording' },
          incentive: { text: 'Staff take part in work time', from: 'method' },
        },
        guide: 'guide-staff_interviews',
        location: undefined,
      });
    });

    it('exports exclusions, every ethics key and coverage per selected construct', () => {
      assert.deepEqual(
        data.exclusions.map((e) => [e.path, e.target, e.reason]),
        [['four_cos.co_commissioning', 'construct', 'The service was commissioned before the pilot began.']],
      );
      assert.ok(data.ethics);
      const ethicsKeys = PROPERTY_SPECS.ethics.map((s) => s.key);
      assert.deepEqual(Object.keys(data.ethics), [...ethicsKeys, 'location']);
      assert.equal(data.ethics.consent, 'written');
      assert.match(data.ethics.capacity ?? '', /^Capacity to consent/);
      const commissioning = data.coverage.find((c) => c.path === 'four_cos.co_commissioning');
      assert.deepEqual(commissioning, {
        path: 'four_cos.co_commissioning',
        name: commissioning?.name,
        framework: 'four_cos',
        selected: 'four_cos',
        status: 'excluded',
        questions: [],
        exclusion: { path: 'four_cos.co_commissioning', reason: 'The service was commissioned before the pilot began.' },
      });
      const design = data.coverage.find((c) => c.path === 'four_cos.co_design');
      assert.equal(design?.status, 'covered');
      assert.deepEqual(design?.questions, ['writing_together']);
      assert.ok(data.coverage.some((c) => c.selected === 'npt.coherence' && c.path === 'npt.coherence.differentiation'));
    });
  });

  it("records a user's framework file relative to the study's folder", () => {
    const framework = JSON.stringify({
      id: 'trust_ai',
      name: 'Trust in clinical decision support',
      kind: 'implementation',
      citation: 'A. Author (2024). Trust in decision support. Journal 1:1.',
      constructs: [{ id: 'transparency', name: 'Transparency', definition: 'Whether users can see why.' }],
    });
    const model = memoryModel(
      `study s "Own framework" {
        frameworks: "./frameworks/trust.json"
        service a { touchpoint t "T" { channel: paper } }
        question q "Q?" { about: t perspective: both constructs: trust_ai.transparency methods: m }
        method m: record_review "Records" { source: "x" }
      }`,
      { 'frameworks/trust.json': framework },
    );
    const data = exportStudyJson(model);
    assert.deepEqual(validate(roundTrip(data)), []);
    assert.deepEqual(
      data.frameworks.map((f) => [f.id, f.builtin, f.file, f.selected]),
      [['trust_ai', false, 'frameworks/trust.json', 'trust_ai']],
    );
    assert.deepEqual(
      data.coverage.map((c) => [c.path, c.status]),
      [['trust_ai.transparency', 'covered']],
    );
  });

  it('exports a broken study without throwing: unresolved references are left out and listed', () => {
    const model = memoryModel(`study s {
      frameworks: npt, nonsense, npt.no_such_part, "./missing.json"
      design: sideways
      actor ghost_role: wizard
      service a {
        touchpoint t { channel: carrier_pigeon via: nope actors: ghost, ghost_role coproduction: npt.nothing backstage: maybe }
        touchpoint u "No channel" { }
      }
      question q "Q?" { about: t, a, missing perspective: sideways constructs: npt.coherence, npt.bogus methods: m, t }
      question bare "Nothing else" { }
      method m: seance "Odd" { participants: t sample: 5 mode: telepathy }
      method m2: survey { sample: 3..9 }
      exclude npt.unknown "Because"
      exclude
      ethics { consent: shrug capacity: "Assessed" }
      ethics { consent: written }
    }`);
    const data = exportStudyJson(model);
    assert.deepEqual(validate(roundTrip(data)), []);
    assert.equal(data.study?.design, null);
    assert.deepEqual(
      data.frameworks.map((f) => f.selected),
      ['npt'],
    );
    const t = data.services[0].touchpoints[0];
    assert.equal(t.channel, null);
    assert.deepEqual(t.via, []);
    assert.deepEqual(t.actors, ['ghost_role']);
    assert.deepEqual(t.coproduction, []);
    assert.equal(t.backstage, false);
    assert.equal(data.actors[0].role, null);
    assert.equal(data.actors[0].side, null);
    const q = data.questions.find((x) => x.name === 'q');
    assert.deepEqual(q?.about, ['t', 'a']);
    assert.deepEqual(q?.touchpoints, ['t', 'u']);
    assert.equal(q?.perspective, null);
    assert.deepEqual(
      q?.constructs.map((c) => c.path),
      ['npt.coherence'],
    );
    assert.deepEqual(q?.methods, ['m']);
    const m = data.methods.find((x) => x.name === 'm');
    assert.equal(m?.kind, null);
    assert.equal(m?.mode, null);
    assert.deepEqual(m?.sample, { min: 5, max: 5 });
    assert.deepEqual(data.methods.find((x) => x.name === 'm2')?.sample, { min: 3, max: 9 });
    assert.equal(data.ethics?.consent, null);
    assert.equal(data.ethics?.capacity, 'Assessed');
    assert.deepEqual(data.exclusions[0], { path: 'npt.unknown', target: 'unresolved', reason: 'Because', location: { file: 'main.study', line: 13 } });
    assert.ok(data.exclusions.every((e) => e.target === 'unresolved'));
    const unresolved = data.unresolved.map((u) => `${u.property}:${u.reference}:${u.rule}`);
    for (const expected of [
      'frameworks:nonsense:unknown-framework',
      'frameworks:./missing.json:unknown-framework',
      'via:nope:unknown-reference',
      'actors:ghost:unknown-reference',
      'about:missing:unknown-reference',
      'methods:t:wrong-kind',
      'constructs:npt.bogus:unknown-construct',
      'exclude:npt.unknown:unknown-construct',
    ]) {
      assert.ok(unresolved.includes(expected), `${expected} in ${unresolved.join(', ')}`);
    }
    assert.ok(data.unresolved.every((u) => u.location.file === 'main.study' && u.location.line >= 1));
  });

  it('exports a fragment, an empty file and a study cut short', () => {
    for (const text of ['actor a: staff\nservice s { touchpoint t "T" { channel: video } }', '', 'study', 'study s "Cut" { service a { touchpoint t "T" { channel: digital']) {
      const data = exportStudyJson(memoryModel(text));
      assert.deepEqual(validate(roundTrip(data)), [], JSON.stringify(text));
    }
    const fragment = exportStudyJson(memoryModel('actor a: staff'));
    assert.equal(fragment.study, null);
    assert.deepEqual(
      fragment.actors.map((a) => a.name),
      ['a'],
    );
  });

  describe('the schema rejects what the export never produces', () => {
    const valid = (): Record<string, unknown> => roundTrip(exportStudyJson(sampleModel('care-pathway-tool.study')));
    const services = (data: Record<string, unknown>): { touchpoints: Record<string, unknown>[] }[] => data.services as { touchpoints: Record<string, unknown>[] }[];

    it('a channel outside the language', () => {
      const data = valid();
      services(data)[0].touchpoints[0].channel = 'carrier_pigeon';
      assert.ok(validate(data).some((e) => e.startsWith('/services/0/touchpoints/0/channel')));
    });

    it('a missing required field', () => {
      const data = valid();
      delete (data.study as Record<string, unknown>).name;
      assert.ok(validate(data).some((e) => e.includes("must have required property 'name'")));
      const again = valid();
      delete again.coverage;
      assert.notDeepEqual(validate(again), []);
    });

    it('an unknown field, a wrong type and a bad status', () => {
      const data = valid();
      services(data)[0].touchpoints[0].colour = 'teal';
      (data.actors as Record<string, unknown>[])[0].vulnerable = 'yes';
      (data.coverage as Record<string, unknown>[])[0].status = 'done';
      const errors = validate(data);
      assert.ok(errors.some((e) => e.includes('additionalProperty') && e.includes('colour')));
      assert.ok(errors.some((e) => e.startsWith('/actors/0/vulnerable')));
      assert.ok(errors.some((e) => e.startsWith('/coverage/0/status')));
    });
  });

  describe('version 2: every declared key, fieldwork and the ethics pack', () => {
    /** A study that gives every key of every block: a key added to PROPERTY_SPECS must be added here too. */
    const EVERY_KEY = `study every "Every key" {
      frameworks: npt.coherence, four_cos
      summary: "A summary"
      design: mixed_methods
      setting: "Two clinics"
      duration: "12 months"
      version: "1.2"
      aims: "Find out who the app reaches"
      objectives: "Describe booking", "Explore who is left out"
      implementation_strategy: "Training and a champion in each clinic"
      sponsor: "The trust"
      funder: "A research charity"
      iras_id: "123456"
      contact: "Study team, team@example.org"
      complaints: "PALS, 0100 000 0000"
      data_management: "Kept on the trust's research drive"
      dissemination: "A summary for participants"
      milestones: "Months 1-3: recruitment", "Months 4-9: interviews"
      actor patient: service_user "Patients" { vulnerable: yes description: "Adults booking a visit" inclusion: "Aged 18 or over" exclusion: "In crisis" }
      tool app "Booking app" { description: "An app" platform: "Phone" codesigned: yes known_as: "the app" }
      service booking "Booking" {
        description: "Booking a visit"
        provider: "The trust"
        touchpoint book "Patient books" { channel: digital via: app actors: patient coproduction: four_cos.co_delivery stage: "access" backstage: no evidence: "A text message" }
      }
      question q "How does booking go?" {
        about: book
        perspective: both
        constructs: npt.coherence.differentiation
        methods: talks, survey
        probes: "Anything else?"
        ask_staff: "How do patients book?"
        ask_service_user: "How did you book?"
        probes_staff: "Who helps?"
        probes_service_user: "Did anyone help you?"
      }
      method talks: interview "Interviews" {
        participants: patient
        sample: 10..12
        mode: video
        recording: audio
        source: "Interview transcripts"
        instrument: "Topic guide"
        data: pseudonymised
        recruitment: "Clinic staff hand out invitations"
        sampling: "Purposive by age"
        analysis: "Framework analysis"
        consent: verbal
        duration: 45
        incentive: "A 20 pound voucher"
      }
      method survey: survey "Questionnaire" { participants: patient sample: 200 mode: paper data: anonymous consent: implied }
      ethics {
        classification: research
        consent: written
        lawful_basis: "Public task"
        retention: "Five years"
        withdrawal: "Until two weeks after"
        distress_protocol: "Stop and signpost"
        capacity: "Assessed before consent"
        record_access: "Not needed"
        incentives: "Vouchers"
        public_involvement: "A patient panel"
      }
    }`;
    const every = exportStudyJson(memoryModel(EVERY_KEY));
    const objectOf: Record<BlockKind, unknown> = {
      study: every.study,
      actor: every.actors[0],
      tool: every.tools[0],
      service: every.services[0],
      touchpoint: every.services[0]?.touchpoints[0],
      question: every.questions[0],
      method: every.methods[0],
      ethics: every.ethics,
    };
    const elsewhere = (block: BlockKind, key: string): boolean => (SPECIAL_KEYS as Partial<Record<BlockKind, Record<string, unknown>>>)[block]?.[key] === 'elsewhere';

    it("the schema holds each block's declared keys as PROPERTY_SPECS gives them (npm run schema:keys rewrites them)", () => {
      assert.deepEqual(withDeclaredKeys(schema as unknown as Record<string, unknown>), schema, 'schemas/study.schema.json disagrees with server/model/schema.ts: run npm run schema:keys');
    });

    it('exports every declared key of every block with its value, and the schema requires each', () => {
      assert.deepEqual(validate(roundTrip(every)), []);
      for (const [block, specs] of Object.entries(PROPERTY_SPECS) as [BlockKind, (typeof PROPERTY_SPECS)[BlockKind]][]) {
        const exported = objectOf[block] as Record<string, unknown>;
        const definition = schema.definitions?.[block];
        assert.ok(exported && definition, block);
        for (const { key } of specs) {
          if (elsewhere(block, key)) continue;
          assert.ok(key in exported, `${block}.${key} is not in the export`);
          const value = exported[key];
          assert.ok(value !== null && !(Array.isArray(value) && value.length === 0), `${block}.${key} is given in EVERY_KEY but exported as ${JSON.stringify(value)}`);
          assert.ok(definition.properties?.[key], `${block}.${key} is not in the schema`);
          assert.ok(definition.required?.includes(key), `${block}.${key} is not required by the schema`);
        }
      }
      assert.deepEqual(
        every.frameworks.map((f) => f.selected),
        ['npt.coherence', 'four_cos'],
        'study.frameworks is the top-level list',
      );
    });

    it('exports each key in the shape of its declaration', () => {
      const [talks, survey] = every.methods;
      assert.deepEqual([talks.sample, talks.duration, talks.consent, talks.incentive], [{ min: 10, max: 12 }, 45, 'verbal', 'A 20 pound voucher']);
      assert.deepEqual(every.study?.objectives, ['Describe booking', 'Explore who is left out']);
      assert.deepEqual(every.study?.milestones, ['Months 1-3: recruitment', 'Months 4-9: interviews']);
      assert.deepEqual([every.actors[0].inclusion, every.actors[0].exclusion], [['Aged 18 or over'], ['In crisis']]);
      assert.equal(every.tools[0].known_as, 'the app');
      const touchpoint = every.services[0].touchpoints[0];
      assert.deepEqual([touchpoint.evidence, touchpoint.coproduction, touchpoint.backstage], [['A text message'], ['four_cos.co_delivery'], false]);
      const q = every.questions[0];
      assert.deepEqual([q.ask_staff, q.ask_service_user, q.probes_staff, q.probes_service_user], ['How do patients book?', 'How did you book?', ['Who helps?'], ['Did anyone help you?']]);
      assert.deepEqual(q.methods, ['talks', 'survey']);
      assert.equal(survey.consent, 'implied');
      assert.equal(every.ethics?.consent, 'written');
    });

    it('gives each method the consent, identifiability and incentive that apply to it', () => {
      const [talks, survey] = every.methods;
      assert.deepEqual(talks.effective, {
        consent: { type: 'verbal', from: 'method' },
        identifiability: { level: 'pseudonymised', from: 'data' },
        incentive: { text: 'A 20 pound voucher', from: 'method' },
      });
      assert.deepEqual(survey.effective, { consent: { type: 'implied', from: 'method' }, identifiability: { level: 'anonymous', from: 'data' }, incentive: { text: 'Vouchers', from: 'ethics' } });
      const online = exportStudyJson(sampleModel('online-consultations.study'));
      const byName = new Map(online.methods.map((m) => [m.name, m.effective]));
      assert.deepEqual(byName.get('patient_survey')?.consent, { type: 'implied', from: 'method' });
      assert.deepEqual(byName.get('staff_interviews')?.consent, { type: 'written', from: 'ethics' });
      assert.deepEqual(byName.get('staff_interviews')?.identifiability, { level: 'identifiable', from: 'recording' }, 'an audio recording identifies the speaker');
      assert.equal(byName.get('staff_interviews')?.incentive, null, 'no incentive is invented');
      assert.deepEqual(
        byName.get('records'),
        { consent: null, identifiability: { level: 'pseudonymised', from: 'data' }, incentive: null },
        'a record review recruits no one: no consent is taken, as the protocol says',
      );
      const ownConsent = exportStudyJson(memoryModel('study s { method r: record_review { source: "Notes" consent: waived } ethics { consent: written incentives: "Vouchers" } }'));
      assert.deepEqual(ownConsent.methods[0].effective.consent, { type: 'waived', from: 'method' });
      assert.equal(ownConsent.methods[0].effective.incentive, null);
      const bare = exportStudyJson(memoryModel('study s { method m: interview { participants: a } actor a: staff }'));
      assert.deepEqual(bare.methods[0].effective, { consent: null, identifiability: null, incentive: null });
    });

    for (const sample of STUDY_SAMPLES) {
      it(`${sample}: names the documents generate writes for its groups and guides`, () => {
        const model = sampleModel(sample);
        const data = exportStudyJson(model);
        const ids = (kind: string): string[] => (DOCUMENT_KINDS.find((k) => k.id === kind)?.build(model, []) ?? []).map((d) => d.id);
        assert.ok(data.participant_groups.length > 0);
        assert.deepEqual(
          data.participant_groups.map((g) => g.information_sheet),
          ids('pis'),
        );
        assert.deepEqual(
          data.participant_groups.map((g) => g.consent_form),
          ids('consent'),
        );
        assert.deepEqual(
          data.methods.flatMap((m) => (m.guide ? [m.guide] : [])),
          ids('guides'),
        );
        for (const group of data.participant_groups) {
          for (const method of group.methods)
            assert.ok(
              data.methods.find((m) => m.name === method)?.participants.some((a) => group.actors.includes(a)),
              `${group.id} takes part in ${method}`,
            );
        }
      });
    }

    it('groups participants as the information sheets do: one side, the same methods', () => {
      const data = exportStudyJson(sampleModel('online-consultations.study'));
      assert.deepEqual(data.participant_groups, [
        { id: 'patient', side: 'service_user', actors: ['patient'], methods: ['patient_survey'], information_sheet: 'pis-patient', consent_form: 'consent-patient' },
        {
          id: 'receptionist-gp-practice_manager',
          side: 'staff',
          actors: ['receptionist', 'gp', 'practice_manager'],
          methods: ['staff_interviews'],
          information_sheet: 'pis-receptionist-gp-practice_manager',
          consent_form: 'consent-receptionist-gp-practice_manager',
        },
      ]);
    });

    it('carries the reporting checklist: the standards that apply, each item with its status and the keys still to give', () => {
      const data = exportStudyJson(sampleModel('care-pathway-tool.study'));
      assert.deepEqual(
        data.checklist.map((s) => [s.standard, s.items.length]),
        [
          ['stari', 27],
          ['srqr', 21],
          ['spirit', 34],
        ],
      );
      const noAims = exportStudyJson(memoryModel(EVERY_KEY.replace('aims: "Find out who the app reaches"', '')));
      const items = noAims.checklist.flatMap((s) => s.items.map((item) => ({ ...item, standard: s.standard })));
      const aimsItems = items.filter((item) => item.missing.includes('study.aims'));
      assert.ok(aimsItems.length > 0, 'an item asks for the aims');
      assert.ok(aimsItems.every((item) => item.status === 'not_addressed' || item.status === 'partly'));
      assert.ok(every.checklist.flatMap((s) => s.items).every((item) => !item.missing.includes('study.aims')));
      assert.ok(items.some((item) => item.status === 'after_fieldwork') && items.some((item) => item.status === 'by_hand'));
      const qualitativeless = exportStudyJson(memoryModel('study s { design: quantitative method m: survey { participants: a } actor a: staff }'));
      assert.deepEqual(
        qualitativeless.checklist.map((s) => s.standard),
        ['stari'],
      );
    });

    it('lists the sheets of the charting matrix with a row per planned participant', () => {
      const data = exportStudyJson(sampleModel('care-pathway-tool.study'));
      assert.deepEqual(data.chart.sheets, [
        { method: 'staff_interviews', sheet: 'staff_interviews', rows: 16 },
        { method: 'manager_interviews', sheet: 'manager_interviews', rows: 6 },
        { method: 'service_user_interviews', sheet: 'service_user_interviews', rows: 15 },
      ]);
    });

    const otherStudies = [
      ...fs
        .readdirSync(path.join(SAMPLES, 'mistakes'))
        .filter((f) => f.endsWith('.study'))
        .map((f) => path.join(SAMPLES, 'mistakes', f)),
      ...(fs.existsSync(SHARED_EXAMPLES_V2) ? fs.readdirSync(SHARED_EXAMPLES_V2).filter((f) => f.endsWith('.study')) : []).map((f) => path.join(SHARED_EXAMPLES_V2, f)),
    ];
    it('finds the mistakes samples and the version 2 examples of the contract', () => {
      assert.ok(otherStudies.filter((f) => f.includes('mistakes')).length >= 2);
      assert.ok(otherStudies.filter((f) => f.startsWith(SHARED_EXAMPLES_V2)).length >= 3, `the contract's examples-v2 in ${SHARED_EXAMPLES_V2}`);
    });
    for (const file of otherStudies) {
      it(`${path.relative(path.dirname(SAMPLES), file)}: the export validates`, () => {
        const model = new Program(diskHost).model(file);
        assert.ok(model);
        assert.deepEqual(validate(roundTrip(exportStudyJson(model))), []);
      });
    }

    describe('the schema rejects an export without a version 2 part, or with a wrong type', () => {
      const valid = (): Record<string, unknown> => roundTrip(exportStudyJson(sampleModel('online-consultations.study')));
      const methods = (data: Record<string, unknown>): Record<string, unknown>[] => data.methods as Record<string, unknown>[];
      const rejects = (change: (data: Record<string, unknown>) => void, where: string): void => {
        const data = valid();
        assert.deepEqual(validate(data), [], 'the unchanged export is valid');
        change(data);
        const errors = validate(data);
        assert.ok(
          errors.some((e) => e.includes(where)),
          `${where} in ${errors.join('; ')}`,
        );
      };

      it('a missing part', () => {
        rejects((d) => delete d.participant_groups, "required property 'participant_groups'");
        rejects((d) => delete d.checklist, "required property 'checklist'");
        rejects((d) => delete (d.study as Record<string, unknown>).aims, "required property 'aims'");
        rejects((d) => delete methods(d)[1].effective, "required property 'effective'");
        rejects((d) => delete methods(d)[1].consent, "required property 'consent'");
        rejects((d) => delete (d.actors as Record<string, unknown>[])[0].inclusion, "required property 'inclusion'");
      });

      it('a wrong type or a value outside the language', () => {
        rejects((d) => ((d.study as Record<string, unknown>).objectives = 'One objective'), '/study/objectives');
        rejects((d) => (methods(d)[1].consent = 'presumed'), '/methods/1/consent');
        rejects((d) => (methods(d)[1].duration = '45'), '/methods/1/duration');
        rejects((d) => ((methods(d)[1].effective as { consent: { type: string } }).consent.type = 'presumed'), '/methods/1/effective/consent/type');
        rejects((d) => ((d.participant_groups as Record<string, unknown>[])[0].information_sheet = 'sheet-patient'), '/participant_groups/0/information_sheet');
        rejects((d) => ((d.checklist as { items: Record<string, unknown>[] }[])[0].items[0].status = 'done'), '/checklist/0/items/0/status');
      });
    });
  });
});
