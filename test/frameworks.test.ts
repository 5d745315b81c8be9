import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';

// Compiled to out/test/, so the repository root is two levels up.
const ROOT = path.resolve(__dirname, '../..');
const FRAMEWORK_DIR = path.join(ROOT, 'frameworks');
const SCHEMA_PATH = path.join(ROOT, 'schemas', 'framework.schema.json');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** CFIR 2.0's roles, now grouped under individuals.roles (and their former paths moved). */
const CFIR_ROLES = [
  'high_level_leaders',
  'mid_level_leaders',
  'opinion_leaders',
  'implementation_facilitators',
  'implementation_leads',
  'implementation_team_members',
  'other_implementation_support',
  'innovation_deliverers',
  'innovation_recipients',
];

interface Prompts {
  staff?: string[];
  service_user?: string[];
}

interface Construct {
  id: string;
  name: string;
  definition: string;
  group?: boolean;
  coding?: { use_when: string; not_when: string };
  aliases?: string[];
  prompts?: Prompts;
  constructs?: Construct[];
}

interface Framework {
  $schema?: string;
  id: string;
  name: string;
  kind: string;
  version?: string;
  url?: string;
  citation: string;
  constructs: Construct[];
}

/**
 * Expected ids per level, in the catalogue's order (FRAMEWORKS.md). A plain
 * string is a construct with nothing below it; a pair is a construct and its
 * sub-constructs.
 */
type Spec = ReadonlyArray<string | readonly [string, Spec] | readonly [string, Spec, 'group']>;

const EXPECTED: Record<string, { kind: string; constructs: Spec }> = {
  coproduction: {
    kind: 'coproduction',
    constructs: [
      // Osborne & Strokosch (2013): consumer co-production is involuntary, at the point of delivery;
      // participative (shaping existing services) and enhanced (creating new ones) are voluntary
      ['coproduction', ['consumer_coproduction']],
      'co_construction',
      ['co_design', ['participative_coproduction']],
      ['co_innovation', ['enhanced_coproduction']],
      'value_creation',
    ],
  },
  four_cos: {
    kind: 'coproduction',
    constructs: ['co_commissioning', 'co_design', 'co_delivery', 'co_assessment'],
  },
  npt: {
    kind: 'implementation',
    constructs: [
      ['coherence', ['differentiation', 'communal_specification', 'individual_specification', 'internalisation']],
      ['cognitive_participation', ['initiation', 'enrolment', 'legitimation', 'activation']],
      ['collective_action', ['interactional_workability', 'relational_integration', 'skill_set_workability', 'contextual_integration']],
      ['reflexive_monitoring', ['systematisation', 'communal_appraisal', 'individual_appraisal', 'reconfiguration']],
    ],
  },
  cfir: {
    kind: 'implementation',
    constructs: [
      ['innovation', ['source', 'evidence_base', 'relative_advantage', 'adaptability', 'trialability', 'complexity', 'design', 'cost']],
      [
        'outer_setting',
        [
          'critical_incidents',
          'local_attitudes',
          'local_conditions',
          'partnerships_connections',
          'policies_laws',
          'financing',
          ['external_pressure', ['societal_pressure', 'market_pressure', 'performance_measurement_pressure']],
        ],
      ],
      [
        'inner_setting',
        [
          ['structural_characteristics', ['physical_infrastructure', 'it_infrastructure', 'work_infrastructure']],
          'relational_connections',
          'communications',
          ['culture', ['human_equality_centeredness', 'recipient_centeredness', 'deliverer_centeredness', 'learning_centeredness']],
          'tension_for_change',
          'compatibility',
          'relative_priority',
          'incentive_systems',
          'mission_alignment',
          ['available_resources', ['funding', 'space', 'materials_equipment']],
          'access_to_knowledge_information',
        ],
      ],
      [
        'individuals',
        [
          // CFIR 2.0's two sub-domains are grouping nodes: the 13 constructs still count as 13
          ['roles', CFIR_ROLES, 'group'],
          ['characteristics', ['need', 'capability', 'opportunity', 'motivation'], 'group'],
        ],
      ],
      [
        'implementation_process',
        [
          'teaming',
          ['assessing_needs', ['deliverers', 'recipients']],
          'assessing_context',
          'planning',
          'tailoring_strategies',
          ['engaging', ['deliverers', 'recipients']],
          'doing',
          ['reflecting_evaluating', ['implementation', 'innovation']],
          'adapting',
        ],
      ],
    ],
  },
  reaim: {
    kind: 'outcomes',
    constructs: ['reach', 'effectiveness', 'adoption', 'implementation', 'maintenance'],
  },
  proctor: {
    kind: 'outcomes',
    constructs: ['acceptability', 'adoption', 'appropriateness', 'feasibility', 'fidelity', 'implementation_cost', 'penetration', 'sustainability'],
  },
  nasss: {
    kind: 'implementation',
    // sub-domains as in Greenhalgh et al. (2017), Figure 1, in the order of its Table 3 questions
    constructs: [
      ['condition', ['nature_of_condition', 'comorbidities', 'sociocultural_influences']],
      ['technology', ['material_features', 'type_of_data', 'knowledge_to_use', 'supply_model']],
      ['value_proposition', ['supply_side_value', 'demand_side_value']],
      ['adopters', ['staff', 'patients', 'carers']],
      ['organisation', ['capacity_to_innovate', 'readiness_for_change', 'adoption_funding_decision', 'change_to_routines', 'implementation_work']],
      ['wider_system', ['political_policy', 'regulatory_legal', 'professional', 'sociocultural']],
      ['embedding_adaptation', ['scope_for_adaptation', 'organisational_resilience']],
    ],
  },
  digital_inclusion: {
    kind: 'equity',
    constructs: ['access', 'accessibility', 'skills', 'trust', 'leadership'],
  },
  progress_plus: {
    kind: 'equity',
    constructs: [
      'place_of_residence',
      'race_ethnicity_culture_language',
      'occupation',
      'gender_sex',
      'religion',
      'education',
      'socioeconomic_status',
      'social_capital',
      'age',
      'disability',
      'sexual_orientation',
      // the other two parts of the "Plus" (O'Neill et al. 2014)
      'features_of_relationships',
      'time_dependent_circumstances',
    ],
  },
};

/** Number of constructs at each level (index 0 = top level); grouping nodes are not counted, and their constructs count at the group's level. */
const EXPECTED_DEPTH_COUNTS: Record<string, number[]> = {
  coproduction: [5, 3],
  four_cos: [4],
  npt: [4, 16],
  cfir: [5, 48, 19],
  reaim: [5],
  proctor: [8],
  nasss: [7, 23],
  digital_inclusion: [5],
  progress_plus: [13],
};

/** Moved constructs: their former path (an alias) and where they are now. */
const MOVED: Record<string, string> = {
  'coproduction.coproduction.participative_coproduction': 'coproduction.co_design.participative_coproduction',
  'coproduction.coproduction.enhanced_coproduction': 'coproduction.co_innovation.enhanced_coproduction',
  ...Object.fromEntries(CFIR_ROLES.map((id) => [`cfir.individuals.${id}`, `cfir.individuals.roles.${id}`])),
  ...Object.fromEntries(['need', 'capability', 'opportunity', 'motivation'].map((id) => [`cfir.individuals.${id}`, `cfir.individuals.characteristics.${id}`])),
};

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function loadFramework(id: string): Framework {
  return readJson(path.join(FRAMEWORK_DIR, `${id}.json`)) as Framework;
}

function frameworkFiles(): string[] {
  return fs
    .readdirSync(FRAMEWORK_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

interface Visit {
  construct: Construct;
  path: string;
  depth: number;
  siblings: Construct[];
}

function walk(constructs: Construct[], prefix: string, depth = 0, out: Visit[] = []): Visit[] {
  for (const c of constructs) {
    const p = `${prefix}.${c.id}`;
    out.push({ construct: c, path: p, depth, siblings: constructs });
    walk(c.constructs ?? [], p, depth + 1, out);
  }
  return out;
}

function specIds(spec: Spec): string[] {
  return spec.map((s) => (typeof s === 'string' ? s : s[0]));
}

function checkAgainstSpec(actual: Construct[], spec: Spec, where: string): void {
  assert.deepEqual(
    actual.map((c) => c.id),
    specIds(spec),
    `construct ids below ${where} do not match the catalogue`,
  );
  spec.forEach((s, i) => {
    const c = actual[i];
    if (typeof s === 'string') {
      assert.ok(c.constructs === undefined || c.constructs.length === 0, `${where}.${c.id} should have no sub-constructs`);
      assert.ok(!c.group, `${where}.${c.id} should not be a grouping node`);
    } else {
      assert.equal(c.group === true, s[2] === 'group', `${where}.${c.id} ${s[2] === 'group' ? 'should' : 'should not'} be a grouping node`);
      checkAgainstSpec(c.constructs ?? [], s[1], `${where}.${c.id}`);
    }
  });
}

function depthCounts(fw: Framework): number[] {
  const counts: number[] = [];
  const count = (list: Construct[], level: number): void => {
    for (const c of list) {
      if (c.group) {
        count(c.constructs ?? [], level);
        continue;
      }
      counts[level] = (counts[level] ?? 0) + 1;
      count(c.constructs ?? [], level + 1);
    }
  };
  count(fw.constructs, 0);
  return counts;
}

function errorsText(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

describe('framework schema', () => {
  const schema = readJson(SCHEMA_PATH) as Record<string, unknown>;
  let validate: ValidateFunction;

  before(() => {
    const ajv = new Ajv({ allErrors: true });
    validate = ajv.compile(schema);
  });

  it('is a draft-07 schema with the published $id', () => {
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema['$id'], 'https://studyspec.dev/schemas/framework.schema.json');
  });

  it('gives every property a title and a description (editor help)', () => {
    const missing: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      const props = obj['properties'];
      if (props && typeof props === 'object') {
        for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
          const v = value as Record<string, unknown>;
          if (typeof v['title'] !== 'string' || typeof v['description'] !== 'string') {
            missing.push(`${where}.${key}`);
          }
          visit(v, `${where}.${key}`);
        }
      }
      const defs = obj['definitions'];
      if (defs && typeof defs === 'object') {
        for (const [key, value] of Object.entries(defs as Record<string, unknown>)) {
          visit(value, `#/definitions/${key}`);
        }
      }
    };
    visit(schema, '#');
    assert.deepEqual(missing, []);
  });

  it('accepts a minimal user framework without prompts, aliases or nesting', () => {
    const minimal = {
      id: 'trust_ai',
      name: 'Trust in clinical decision support',
      kind: 'implementation',
      citation: 'Example A. A made-up reference. J Example. 2024;1:1.',
      constructs: [{ id: 'transparency', name: 'Transparency', definition: 'Whether users can see why.' }],
    };
    assert.ok(validate(minimal), errorsText(validate));
  });

  it('accepts the example from LANGUAGE.md', () => {
    const example = {
      id: 'trust_ai',
      name: 'Trust in clinical decision support',
      kind: 'implementation',
      citation: "Full reference, as the protocol's reference list prints it.",
      constructs: [
        {
          id: 'transparency',
          name: 'Transparency',
          definition: 'Whether users can see why the tool suggests what it does.',
          aliases: ['explainability'],
          prompts: {
            staff: ['When the tool made a suggestion, could you tell why?'],
            service_user: ['Did anyone explain how the tool reached its advice?'],
          },
          constructs: [],
        },
      ],
    };
    assert.ok(validate(example), errorsText(validate));
  });

  it('accepts grouping nodes, coding guidance and former paths as aliases', () => {
    const grouped = {
      id: 'mine',
      name: 'Mine',
      kind: 'implementation',
      citation: 'Me (2026).',
      constructs: [
        {
          id: 'roles',
          name: 'Roles',
          definition: 'A grouping.',
          group: true,
          constructs: [{ id: 'lead', name: 'Lead', definition: 'Leads.', aliases: ['mine.lead', 'leader'], coding: { use_when: 'Talks about leading.', not_when: 'Talks about doing.' } }],
        },
      ],
    };
    assert.ok(validate(grouped), errorsText(validate));
  });

  describe('rejects broken frameworks', () => {
    it('a group with no constructs below it', () => {
      const fw = { id: 'mine', name: 'Mine', kind: 'equity', citation: 'Me (2026).', constructs: [{ id: 'g', name: 'G', definition: 'A group.', group: true }] };
      assert.equal(validate(fw), false);
      assert.equal(validate({ ...fw, constructs: [{ ...fw.constructs[0], constructs: [] }] }), false);
    });

    it('coding guidance without not_when, or with a field of its own', () => {
      const fw = (coding: object): object => ({ id: 'mine', name: 'Mine', kind: 'equity', citation: 'Me (2026).', constructs: [{ id: 'a', name: 'A', definition: 'An A.', coding }] });
      assert.equal(validate(fw({ use_when: 'When.' })), false);
      assert.equal(validate(fw({ use_when: 'When.', not_when: 'Not.', example: 'x' })), false);
      assert.equal(validate(fw({ use_when: 'When.', not_when: '' })), false);
    });

    it('a dotted alias with an empty segment', () => {
      const fw = base() as unknown as Framework;
      fw.constructs[0].aliases = ['npt..coherence'];
      assert.equal(validate(fw), false);
    });

    const base = (): Record<string, unknown> => JSON.parse(JSON.stringify(loadFramework('npt')));

    it('a framework without a citation', () => {
      const fw = base();
      delete fw['citation'];
      assert.equal(validate(fw), false);
      assert.ok(
        (validate.errors ?? []).some((e) => e.keyword === 'required' && e.params['missingProperty'] === 'citation'),
        errorsText(validate),
      );
    });

    it('a framework with an unknown kind', () => {
      const fw = base();
      fw['kind'] = 'theory';
      assert.equal(validate(fw), false);
      assert.ok(
        (validate.errors ?? []).some((e) => e.keyword === 'enum' && e.instancePath === '/kind'),
        errorsText(validate),
      );
    });

    it('a nested construct without a definition', () => {
      const fw = base() as unknown as Framework;
      delete (fw.constructs[0].constructs![1] as Partial<Construct>).definition;
      assert.equal(validate(fw), false);
      assert.ok(
        (validate.errors ?? []).some((e) => e.keyword === 'required' && e.params['missingProperty'] === 'definition' && e.instancePath === '/constructs/0/constructs/1'),
        errorsText(validate),
      );
    });

    it('an id that is not an identifier', () => {
      const fw = base() as unknown as Framework;
      fw.constructs[2].id = 'collective-action';
      assert.equal(validate(fw), false);
    });

    it('an alias that is not an identifier', () => {
      const fw = base() as unknown as Framework;
      fw.constructs[0].aliases = ['sense-making'];
      assert.equal(validate(fw), false);
    });

    it('an unknown property at either level', () => {
      const top = base();
      top['theory'] = 'x';
      assert.equal(validate(top), false);
      const nested = base() as unknown as Framework;
      (nested.constructs[0] as unknown as Record<string, unknown>)['descripton'] = 'typo';
      assert.equal(validate(nested), false);
      const prompts = base() as unknown as Framework;
      (prompts.constructs[0].prompts as unknown as Record<string, unknown>)['carer'] = ['x?'];
      assert.equal(validate(prompts), false);
    });
  });
});

describe('built-in frameworks', () => {
  let validate: ValidateFunction;

  before(() => {
    const ajv = new Ajv({ allErrors: true });
    validate = ajv.compile(readJson(SCHEMA_PATH) as object);
  });

  it('has a file for each of the nine catalogue frameworks', () => {
    const files = frameworkFiles();
    for (const id of Object.keys(EXPECTED)) {
      assert.ok(files.includes(`${id}.json`), `frameworks/${id}.json is missing`);
    }
  });

  for (const file of fs.existsSync(FRAMEWORK_DIR) ? frameworkFiles() : []) {
    it(`${file} matches the framework schema and is named after its id`, () => {
      const fw = readJson(path.join(FRAMEWORK_DIR, file)) as Framework;
      assert.ok(validate(fw), `${file}: ${errorsText(validate)}`);
      assert.equal(`${fw.id}.json`, file);
      assert.equal(fw.$schema, '../schemas/framework.schema.json');
    });
  }

  for (const [id, expected] of Object.entries(EXPECTED)) {
    describe(id, () => {
      const fw = (): Framework => loadFramework(id);

      it(`has kind "${expected.kind}"`, () => {
        assert.equal(fw().kind, expected.kind);
      });

      it('has exactly the catalogue construct ids at every level', () => {
        checkAgainstSpec(fw().constructs, expected.constructs, id);
        assert.deepEqual(depthCounts(fw()), EXPECTED_DEPTH_COUNTS[id]);
      });

      it('has a full citation with a year, and a DOI url that the citation contains', () => {
        const f = fw();
        assert.match(f.citation, /\b(19|20)\d{2}\b/, 'citation has no year');
        assert.ok(f.citation.length > 40, 'citation looks too short to be a full reference');
        assert.ok(f.name.trim().length > 0);
        if (f.url !== undefined) {
          assert.match(f.url, /^https:\/\/doi\.org\/10\.\d{4,9}\/\S+$/);
          const doi = f.url.replace('https://doi.org/', '');
          assert.ok(f.citation.includes(doi), `citation does not mention ${doi}`);
        }
      });

      it('gives every construct at every depth a name, a definition and prompts for at least one side (groups need none)', () => {
        for (const { construct: c, path: p } of walk(fw().constructs, id)) {
          assert.ok(c.name.trim().length > 0, `${p}: empty name`);
          assert.ok(c.definition.trim().length >= 20, `${p}: definition missing or too short`);
          if (!c.group) assert.ok((c.prompts?.staff ?? []).length + (c.prompts?.service_user ?? []).length > 0, `${p}: no prompts for either side`);
          for (const side of ['staff', 'service_user'] as const) {
            const list = c.prompts?.[side] ?? [];
            for (const prompt of list) {
              assert.equal(prompt, prompt.trim(), `${p}: ${side} prompt has stray whitespace`);
              assert.match(prompt, /^[A-Z]/, `${p}: ${side} prompt should start with a capital: ${prompt}`);
              assert.match(prompt, /[?.]$/, `${p}: ${side} prompt should end with ? or .: ${prompt}`);
              assert.doesNotMatch(prompt, /\[|\]|TODO|TBD|intervention\b/i, `${p}: placeholder in prompt: ${prompt}`);
            }
            assert.equal(new Set(list).size, list.length, `${p}: duplicate ${side} prompts`);
          }
        }
      });

      it('gives every construct coding guidance: when a passage belongs to it, and when it does not', () => {
        const seen = new Map<string, string>();
        for (const { construct: c, path: p } of walk(fw().constructs, id)) {
          if (c.group) continue;
          assert.ok(c.coding, `${p}: no coding guidance`);
          assert.ok(c.coding.use_when.length >= 30 && c.coding.not_when.length >= 30, `${p}: coding guidance too short`);
          assert.match(c.coding.use_when, /[.]$/, `${p}: use_when should be a sentence`);
          assert.equal(seen.get(c.coding.use_when), undefined, `${p} repeats the use_when of ${seen.get(c.coding.use_when)}`);
          seen.set(c.coding.use_when, p);
        }
      });

      it('does not repeat a prompt for the same side under two constructs', () => {
        for (const side of ['staff', 'service_user'] as const) {
          const seen = new Map<string, string>();
          for (const { construct: c, path: p } of walk(fw().constructs, id)) {
            for (const prompt of c.prompts?.[side] ?? []) {
              const other = seen.get(prompt);
              assert.equal(other, undefined, `${side} prompt used by both ${other} and ${p}: ${prompt}`);
              seen.set(prompt, p);
            }
          }
        }
      });

      it('has no duplicate ids among siblings', () => {
        const check = (list: Construct[], where: string): void => {
          const ids = list.map((c) => c.id);
          assert.equal(new Set(ids).size, ids.length, `duplicate sibling ids below ${where}: ${ids.join(', ')}`);
          for (const c of list) check(c.constructs ?? [], `${where}.${c.id}`);
        };
        check(fw().constructs, id);
      });

      it('has aliases that collide with no id and no other alias; former paths name no current construct', () => {
        const f = fw();
        const visits = walk(f.constructs, id);
        const allIds = new Set(visits.map((v) => v.construct.id));
        const allPaths = new Set(visits.map((v) => v.path));
        const aliasOwner = new Map<string, string>();
        for (const { construct: c, path: p, siblings } of visits) {
          const siblingIds = new Set(siblings.map((s) => s.id));
          for (const alias of c.aliases ?? []) {
            if (alias.includes('.')) {
              assert.ok(alias.startsWith(`${id}.`), `${p}: former path ${alias} does not start with ${id}.`);
              assert.ok(!allPaths.has(alias), `${p}: former path ${alias} is still a construct's path`);
              assert.equal(aliasOwner.get(alias), undefined, `former path ${alias} is used twice`);
              aliasOwner.set(alias, p);
              continue;
            }
            assert.match(alias, IDENTIFIER, `${p}: alias ${alias} is not an identifier`);
            assert.ok(!siblingIds.has(alias), `${p}: alias ${alias} collides with a sibling id`);
            assert.ok(!allIds.has(alias), `${p}: alias ${alias} is also a construct id in ${id}`);
            const owner = aliasOwner.get(alias);
            assert.equal(owner, undefined, `alias ${alias} is used by both ${owner} and ${p}`);
            aliasOwner.set(alias, p);
          }
        }
      });
    });
  }

  it('keeps the former path of every moved construct as an alias of the construct in its new place', () => {
    const formerPaths = new Map<string, string>();
    for (const id of Object.keys(EXPECTED)) {
      for (const { construct, path: p } of walk(loadFramework(id).constructs, id)) {
        for (const alias of construct.aliases ?? []) if (alias.includes('.')) formerPaths.set(alias, p);
      }
    }
    assert.deepEqual(Object.fromEntries([...formerPaths].sort()), Object.fromEntries(Object.entries(MOVED).sort()));
  });

  it('defines CFIR 2.0 doing as small tests of change, not delivery as planned', () => {
    const doing = walk(loadFramework('cfir').constructs, 'cfir').find((v) => v.path === 'cfir.implementation_process.doing')!.construct;
    assert.match(doing.definition, /small, repeated tests of change/);
    assert.doesNotMatch(doing.definition, /^[^.]*as planned/);
  });

  it('says for each characteristic of CFIR 2.0 individuals that it is assessed for each role', () => {
    const characteristics = walk(loadFramework('cfir').constructs, 'cfir').find((v) => v.path === 'cfir.individuals.characteristics')!.construct;
    for (const c of characteristics.constructs ?? []) assert.match(c.definition, /^Assessed for each role/, c.id);
  });

  it('names the simple, complicated and complex judgement in each NASSS domain, and letters its sub-domains in order', () => {
    loadFramework('nasss').constructs.forEach((domain, index) => {
      assert.match(domain.definition, /simple when .* complicated when .* complex when/, domain.id);
      (domain.constructs ?? []).forEach((sub, subIndex) => assert.ok(sub.name.startsWith(`${index + 1}${'ABCDE'[subIndex]} `), `${domain.id}.${sub.id}: ${sub.name}`));
    });
  });

  it('spells the CFIR 2.0 construct names as published', () => {
    const cfir = loadFramework('cfir');
    const innovation = cfir.constructs.find((c) => c.id === 'innovation')!;
    assert.deepEqual(
      innovation.constructs!.map((c) => c.name),
      [
        'Innovation Source',
        'Innovation Evidence-Base',
        'Innovation Relative Advantage',
        'Innovation Adaptability',
        'Innovation Trialability',
        'Innovation Complexity',
        'Innovation Design',
        'Innovation Cost',
      ],
    );
    const byPath = new Map(walk(cfir.constructs, 'cfir').map((v) => [v.path, v.construct]));
    assert.equal(byPath.get('cfir.inner_setting.structural_characteristics.it_infrastructure')?.name, 'Information Technology Infrastructure');
    assert.ok(byPath.has('cfir.implementation_process.assessing_needs.deliverers'));
    assert.ok(byPath.has('cfir.implementation_process.reflecting_evaluating.innovation'));
  });

  it('names the NPT constructs with their glosses and keeps the spelling variants as aliases', () => {
    const npt = loadFramework('npt');
    assert.deepEqual(
      npt.constructs.map((c) => c.name),
      ['Coherence (sense-making)', 'Cognitive participation (relational work)', 'Collective action (operational work)', 'Reflexive monitoring (appraisal)'],
    );
    assert.ok(npt.constructs[0].aliases?.includes('sense_making'));
  });

  it('keeps the digital inclusion domains flat', () => {
    const di = loadFramework('digital_inclusion');
    for (const c of di.constructs) {
      assert.equal(c.constructs, undefined, `${c.id} should have no children`);
    }
    assert.match(di.constructs.find((c) => c.id === 'access')!.definition, /device/);
  });

  it('cites both papers where the catalogue names two', () => {
    const twoPapers = ['coproduction', 'four_cos', 'npt'];
    for (const id of Object.keys(EXPECTED)) {
      const parts = loadFramework(id).citation.split('; ');
      assert.equal(parts.length, twoPapers.includes(id) ? 2 : 1, `${id}: references must be separated by "; " and only there`);
      for (const part of parts) assert.match(part, /\b(19|20)\d{2}\b/, `${id}: reference without a year: ${part}`);
    }
  });
});
