// The framework catalogue as a study sees it: grouping nodes, moved constructs (former paths as
// aliases), coding guidance and the sides that can answer (server/frameworks, server/model).

import { strict as assert } from 'assert';
import { lintFiles } from '../server/checks/lint';
import { CLEAN_STUDY, variant } from '../server/checks/fixture';
import { parseFramework } from '../server/frameworks/load';
import { computeCoverage } from '../server/model/analysis';
import { fixtureOf } from './support/featureFixture';

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
