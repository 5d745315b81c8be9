import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { exportStudyJson, STUDY_SCHEMA_ID, StudyJson } from '../../server/generate/json';
import { PROPERTY_SPECS } from '../../server/model/schema';
import { memoryModel, ROOT, sampleModel, STUDY_SAMPLES } from './studySamples';

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
      assert.deepEqual(
        { ...data.study, summary: undefined },
        {
          name: 'care_pathway_tool',
          label: 'Co-producing care records on a tablet in mental-health services',
          summary: undefined,
          design: 'qualitative',
          setting: 'Two community mental-health teams',
          duration: null,
          version: null,
          location: { file: 'care-pathway-tool.study', line: 9 },
        },
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
        sides: ['staff'],
        sample: { min: 12, max: 16 },
        mode: 'face_to_face',
        recording: 'audio',
        source: null,
        instrument: null,
        data: null,
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
});
