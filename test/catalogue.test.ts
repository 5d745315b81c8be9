// The framework catalogue as a study sees it: grouping nodes, moved constructs (former paths as
// aliases), coding guidance and the sides that can answer (server/frameworks, server/model).

import { strict as assert } from 'assert';
import { lintFiles } from '../server/checks/lint';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { diskHost } from '../server/common/diskHost';
import { FrameworkCatalog } from '../server/frameworks/catalog';
import { parseFramework } from '../server/frameworks/load';
import { walkConstructs } from '../server/frameworks/types';
import { buildGuide, guidedMethods, renderMarkdown } from '../server/generate';
import { fillTool, toolName } from '../server/generate/guides';
import { planGuide } from '../server/model/guidePlan';
import { computeCoverage } from '../server/model/analysis';
import { complete } from '../server/features/completion';
import { hover } from '../server/features/hover';
import { fixtureOf } from './support/featureFixture';
import { guideVariant, sample, sampleStudies, studyFromText } from './generate/fixtures';
import { extractCursor } from './support/markers';

/** A user framework with a grouping node, and a construct that moved into it from the top level. */
const GROUPED = JSON.stringify({
  id: 'mine',
  name: 'Mine',
  kind: 'implementation',
  citation: 'Me (2026).',
  constructs: [
    {
      id: 'people',
      name: 'People',
      definition: 'Who is involved.',
      constructs: [
        {
          id: 'roles',
          name: 'Roles',
          definition: 'The roles.',
          group: true,
          constructs: [
            { id: 'leaders', name: 'Leaders', definition: 'Those who lead.' },
            { id: 'deliverers', name: 'Deliverers', definition: 'Those who deliver.' },
          ],
        },
        {
          id: 'traits',
          name: 'Traits',
          definition: 'What is assessed for each role.',
          group: true,
          constructs: [{ id: 'need', name: 'Need', definition: 'What they need.', aliases: ['mine.people.need'], coding: { use_when: 'Says what they lack.', not_when: 'Says what they can do.' } }],
        },
      ],
    },
    { id: 'place', name: 'Place', definition: 'Where it happens.' },
  ],
});

function studyWith(frameworks: string, constructs: string, extra = ''): string {
  return variant('frameworks: reaim.reach', `frameworks: reaim.reach, "./mine.json", ${frameworks}${extra}`).replace('constructs: reaim.reach', `constructs: reaim.reach, ${constructs}`);
}

function modelOf(text: string) {
  const fixture = fixtureOf(text, { 'mine.json': GROUPED });
  assert.ok(fixture.model);
  return fixture;
}

describe('catalogue: grouping nodes', () => {
  it('loads group, coding and former paths from a user framework', () => {
    const load = parseFramework('/x/mine.json', GROUPED, false);
    assert.equal(load.status, 'ok');
    if (load.status !== 'ok') return;
    const need = load.framework.byPath.get('people.traits.need');
    assert.ok(need);
    assert.equal(load.framework.byPath.get('people.traits')?.group, true);
    assert.equal(need.group, false);
    assert.deepEqual(need.formerPaths, ['mine.people.need']);
    assert.deepEqual(need.aliases, []);
    assert.equal(need.coding?.not_when, 'Says what they can do.');
    assert.equal(load.framework.byFormerPath.get('people.need'), need);
  });

  it('coverage of a selected domain looks through its groups to the constructs in them', () => {
    const { model } = modelOf(studyWith('mine.people', 'mine.people.roles.leaders', '\n  exclude mine "Later."'));
    const targets = computeCoverage(model!).filter((t) => t.construct.path.startsWith('mine.people.'));
    assert.deepEqual(
      targets.map((t) => [t.construct.path, t.status]),
      [
        ['mine.people.roles.leaders', 'covered'],
        ['mine.people.roles.deliverers', 'excluded'],
        ['mine.people.traits.need', 'excluded'],
      ],
    );
  });

  it('a group with nothing below it is an invalid framework', () => {
    const broken = JSON.parse(GROUPED) as { constructs: { constructs?: unknown[] }[] };
    broken.constructs[1] = { id: 'place', name: 'Place', definition: 'Where.', group: true } as never;
    const load = parseFramework('/x/mine.json', JSON.stringify(broken), false);
    assert.equal(load.status, 'invalid');
  });

  it('a dotted alias that does not start with the framework id is an invalid framework, placed at the alias', () => {
    const text = GROUPED.replace('"mine.people.need"', '"other.people.need"');
    const load = parseFramework('/x/mine.json', text, false);
    assert.equal(load.status, 'invalid');
    if (load.status !== 'invalid') return;
    assert.match(load.problems[0].message, /must start with the framework id "mine\."/);
    assert.equal(load.problems[0].range.start.character, text.indexOf('"other.people.need"'));
  });
});

describe('catalogue: moved constructs', () => {
  it('a former path still names the construct, counts for its coverage and gets a construct-moved hint with the new path', () => {
    const text = studyWith('mine.people', 'mine.people.need, mine.people.roles.leaders, mine.people.roles.deliverers', '\n  exclude mine.place "Later."');
    const { program, host } = modelOf(text);
    const findings = lintFiles(program, [host.path('main.study')]);
    assert.deepEqual(
      findings.map((f) => `${f.rule} ${f.severity}`),
      ['construct-moved hint'],
    );
    assert.match(findings[0].message, /'mine\.people\.need' has moved: Need is now 'mine\.people\.traits\.need'/);
    assert.deepEqual(findings[0].suggestions, ['mine.people.traits.need']);
    const line = text.split('\n')[findings[0].range.start.line];
    assert.equal(line.slice(findings[0].range.start.character, findings[0].range.end.character), 'mine.people.need');
  });

  it('an unknown id beside a moved one still gets the nearest name', () => {
    const { program, host } = modelOf(studyWith('mine.people', 'mine.people.roles.leadrs', '\n  exclude mine "Later."'));
    const findings = lintFiles(program, [host.path('main.study')]).filter((f) => f.rule === 'unknown-construct');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /did you mean 'mine\.people\.roles\.leaders'/);
  });

  it('the clean fixture stays clean', () => {
    const { program, host } = fixtureOf(CLEAN_STUDY);
    assert.deepEqual(lintFiles(program, [host.path('main.study')]), []);
  });
});

describe('catalogue: the built-in corrections as a study sees them', () => {
  /** CLEAN_STUDY selecting cfir.individuals and coproduction.co_design, with `constructs` on its question. */
  const study = (constructs: string): string =>
    variant('frameworks: reaim.reach', 'frameworks: reaim.reach, cfir.individuals, coproduction.co_design').replace('constructs: reaim.reach', `constructs: reaim.reach, ${constructs}`);

  it('selecting cfir.individuals asks for its 13 constructs, not for the two groups', () => {
    const { model } = fixtureOf(study('cfir.individuals.roles.innovation_deliverers'));
    const paths = computeCoverage(model!)
      .filter((t) => t.construct.path.startsWith('cfir.'))
      .map((t) => t.construct.path);
    assert.equal(paths.length, 13);
    assert.ok(paths.includes('cfir.individuals.characteristics.need'));
    assert.ok(!paths.includes('cfir.individuals.roles'));
  });

  it('a study written against the first catalogue still works: old paths count, with one construct-moved hint each', () => {
    const { program, host, model } = fixtureOf(study('cfir.individuals.need, coproduction.coproduction.participative_coproduction'));
    const findings = lintFiles(program, [host.path('main.study')]);
    const moved = findings.filter((f) => f.rule === 'construct-moved');
    assert.deepEqual(
      moved.map((f) => f.suggestions?.[0]),
      ['cfir.individuals.characteristics.need', 'coproduction.co_design.participative_coproduction'],
    );
    assert.ok(moved.every((f) => f.severity === 'hint'));
    const coverage = computeCoverage(model!);
    assert.equal(coverage.find((t) => t.construct.path === 'cfir.individuals.characteristics.need')?.status, 'covered');
    assert.equal(coverage.find((t) => t.construct.path === 'coproduction.co_design.participative_coproduction')?.status, 'covered');
  });

  it('hover on an old path shows the new place', () => {
    const text = study('cfir.individuals.need');
    const fixture = fixtureOf(text);
    const line = text.split('\n').findIndex((l) => l.includes('cfir.individuals.need'));
    const character = text.split('\n')[line].indexOf('.need') + 2;
    const shown = hover(fixture.program, fixture.file, fixture.model, { line, character });
    assert.ok(shown);
    assert.match(shown.contents, /`cfir\.individuals\.need` has moved: it is now `cfir\.individuals\.characteristics\.need`/);
    assert.match(shown.contents, /Assessed for each role/);
  });

  it('completion below cfir.individuals offers the two groups, and the old ids with their new place', () => {
    const { text, position } = extractCursor(study('cfir.individuals.$0'));
    const fixture = fixtureOf(text, {}, position);
    const items = complete(fixture.program, fixture.file, fixture.model, position);
    assert.deepEqual(
      items.filter((i) => !i.detail?.includes('moved to')).map((i) => i.label),
      ['roles', 'characteristics'],
    );
    const need = items.find((i) => i.label === 'need');
    assert.ok(need);
    assert.match(need.detail ?? '', /moved to cfir\.individuals\.characteristics\.need/);
    assert.equal(need.insertText?.trim(), 'cfir.individuals.characteristics.need');
    assert.equal(need.replace?.start.character, text.split('\n')[position.line].indexOf('cfir.individuals.'));
  });

  it('an unknown id, or a misspelt old one, gets the nearest name as before', () => {
    const { program, host } = fixtureOf(study('cfir.individuals.rolse.innovation_deliverers, cfir.individuals.characteristics.motivaton, nasss.technology.suply_model'));
    const messages = lintFiles(program, [host.path('main.study')])
      .filter((f) => f.rule === 'unknown-construct')
      .map((f) => f.message);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages[0], /did you mean 'cfir\.individuals\.roles'/);
    assert.match(messages[1], /did you mean 'cfir\.individuals\.characteristics\.motivation'/);
    assert.match(messages[2], /did you mean 'nasss\.technology\.supply_model'/);
  });
});

describe('catalogue: the sides that can answer, and {tool}', () => {
  const catalog = new FrameworkCatalog(diskHost);
  const builtins = [...catalog.builtins().values()];
  const all = builtins.flatMap((f) => [...walkConstructs(f.constructs)]);

  it('organisational constructs have staff prompts only', () => {
    for (const path of [
      'cfir.inner_setting.relative_priority',
      'cfir.inner_setting.incentive_systems',
      'cfir.inner_setting.mission_alignment',
      'cfir.outer_setting.financing',
      'nasss.organisation.adoption_funding_decision',
      'proctor.penetration',
    ]) {
      const construct = all.find((c) => c.path === path);
      assert.ok(construct, path);
      assert.deepEqual(construct.prompts.service_user, [], path);
      assert.ok(construct.prompts.staff.length > 0, path);
    }
  });

  it('prompts that mean the tool write {tool}, never "the tool"', () => {
    for (const construct of all) {
      for (const prompt of [...construct.prompts.staff, ...construct.prompts.service_user]) assert.doesNotMatch(prompt, /\b(the|this) tool\b/i, `${construct.path}: ${prompt}`);
    }
    assert.ok(all.filter((c) => [...c.prompts.staff, ...c.prompts.service_user].some((p) => p.includes('{tool}'))).length > 100);
  });

  it("a service-user guide of a sample never asks a construct's staff-only prompts", () => {
    const staffOnly = new Set(all.flatMap((c) => c.prompts.staff.filter((p) => !c.prompts.service_user.includes(p))));
    const userPrompts = new Set(all.flatMap((c) => c.prompts.service_user));
    let guides = 0;
    for (const { name } of sampleStudies()) {
      const { model } = sample(name);
      const names = ['the service', ...model.tools.map(toolName)];
      for (const method of guidedMethods(model)) {
        const plan = planGuide(model, method);
        if (!(plan.sides.length === 1 && plan.sides[0] === 'service_user')) continue;
        guides++;
        const guide = renderMarkdown(buildGuide(model, method));
        for (const prompt of staffOnly) {
          if (userPrompts.has(prompt)) continue;
          for (const toolWords of names) assert.ok(!guide.includes(fillTool(prompt, toolWords).replace(/^./, (c) => c.toUpperCase())), `${name} ${method.name.text} asks service users: ${prompt}`);
        }
      }
    }
    assert.ok(guides >= 2, 'the samples have service-user guides');
  });

  it("a user framework's prompts with literal wording, or with {tool}, are printed as the guide should", () => {
    const framework = JSON.stringify({
      id: 'kiosk',
      name: 'Kiosk use',
      kind: 'implementation',
      citation: 'Team (2026). Our own framework for the kiosk.',
      constructs: [
        { id: 'layout', name: 'Layout', definition: 'How the kiosk is laid out.', prompts: { service_user: ['What did you think of the screen by the front door?', 'Did {tool} make sense to you?'] } },
        { id: 'upkeep', name: 'Upkeep', definition: 'Who keeps the kiosk running.', prompts: { staff: ['Who cleans and restarts the kiosk each morning?'] } },
      ],
    });
    const text = guideVariant('frameworks: npt.coherence, digital_inclusion.access', 'frameworks: npt.coherence, digital_inclusion.access, "./kiosk.json"').replace(
      'constructs: npt.coherence.individual_specification, npt.coherence.internalisation',
      'constructs: npt.coherence.individual_specification, npt.coherence.internalisation, kiosk.layout, kiosk.upkeep',
    );
    const { model } = studyFromText(text, { 'kiosk.json': framework });
    const method = model.methods.find((m) => m.name.text === 'patient_talks')!;
    const guide = renderMarkdown(buildGuide(model, method));
    assert.match(guide, /What did you think of the screen by the front door\?/);
    assert.match(guide, /Did the booking app make sense to you\?/);
    assert.doesNotMatch(guide, /Who cleans and restarts the kiosk/, 'a staff-only prompt is not put to service users');
  });
});
