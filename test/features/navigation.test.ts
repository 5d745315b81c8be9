import { strict as assert } from 'assert';
import * as path from 'path';
import { CLEAN_STUDY } from '../../server/checks/fixture';
import { plainRange, Range } from '../../server/common/range';
import { builtinFrameworksDir } from '../../server/frameworks/load';
import { definition, documentHighlights, documentLinks, references } from '../../server/features/navigation';
import { indexAt } from '../support/indexFixture';

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  return lines[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);
}

const ACTORS = 'actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\nactor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n';
const WITH_FRAGMENT =
  'import "./actors.study"\n' +
  CLEAN_STUDY.replace('  actor patient: service_user "Patients" { inclusion: "Booked a clinic visit" }\n  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n', '');

describe('navigation', () => {
  describe('definition', () => {
    it('goes from a reference to its declaration in the same file', () => {
      const f = indexAt(CLEAN_STUDY.replace('about: visit', 'about: vi$0sit'));
      const [found] = definition(f.index, f.main, f.position);
      assert.equal(found.file, f.main);
      assert.equal(textAt(f.text, found.range), 'visit');
      assert.equal(found.range.start.line, 5);
      assert.equal(textAt(f.text, found.origin), 'visit');
    });

    it('goes into an imported fragment', () => {
      const f = indexAt(WITH_FRAGMENT.replace('participants: patient, nurse', 'participants: patient, nu$0rse'), { 'actors.study': ACTORS });
      const [found] = definition(f.index, f.main, f.position);
      assert.equal(found.file, f.host.path('actors.study'));
      assert.deepEqual(plainRange(found.range), { start: { line: 1, character: 6 }, end: { line: 1, character: 11 } });
    });

    it('goes from a fragment to a declaration in a sibling fragment through the importing study', () => {
      const f = indexAt('tool app "App"\n$0', {
        'study.study': 'import "./main.study"\nimport "./tps.study"\nstudy s { frameworks: npt }\n',
        'tps.study': 'service s "S" {\n  touchpoint t "T" { channel: digital via: app }\n}\n',
      });
      const tps = f.host.path('tps.study');
      const [found] = definition(f.index, tps, { line: 1, character: 44 });
      assert.equal(found.file, f.main);
      assert.equal(found.range.start.character, 5);
    });

    it('goes to the construct in the framework JSON, segment by segment', () => {
      const f = indexAt(CLEAN_STUDY.replace('constructs: reaim.reach', 'constructs: reaim.re$0ach'));
      const [construct] = definition(f.index, f.main, f.position);
      assert.equal(construct.file, path.join(builtinFrameworksDir(), 'reaim.json'));
      const reaim = f.program.catalog.builtins().get('reaim')!;
      assert.deepEqual(construct.range, reaim.byPath.get('reach')!.location);
      const onFramework = definition(f.index, f.main, { line: f.position.line, character: f.position.character - 4 });
      assert.deepEqual(onFramework[0].range, reaim.location);
    });

    it('goes to the imported file and to a user framework file', () => {
      const f = indexAt(
        WITH_FRAGMENT.replace('import "./act$0ors.study"', 'import "./actors.study"')
          .replace('import "./actors.study"', 'import "./act$0ors.study"')
          .replace('frameworks: reaim.reach', 'frameworks: reaim.reach, "./mine.json"'),
        {
          'actors.study': ACTORS,
          'mine.json': '{"id":"mine","name":"Mine","kind":"outcomes","citation":"Me.","constructs":[]}',
        },
      );
      assert.equal(definition(f.index, f.main, f.position)[0].file, f.host.path('actors.study'));
      const onJson = { line: 2, character: f.text.split('\n')[2].indexOf('mine.json') + 1 };
      assert.equal(definition(f.index, f.main, onJson)[0].file, f.host.path('mine.json'));
    });

    it('finds nothing on an unknown name, a key or a missing import', () => {
      assert.deepEqual(definition(indexAt(CLEAN_STUDY.replace('about: visit', 'about: vi$0st')).index, '/virtual/main.study', { line: 11, character: 14 }), []);
      const key = indexAt(CLEAN_STUDY.replace('about: visit', 'ab$0out: visit'));
      assert.deepEqual(definition(key.index, key.main, key.position), []);
      const missing = indexAt('import "./no$0where.study"\n' + CLEAN_STUDY);
      assert.deepEqual(definition(missing.index, missing.main, missing.position), []);
    });
  });

  describe('references', () => {
    it('finds references in the study and its fragment, declaration first when asked', () => {
      const f = indexAt(WITH_FRAGMENT.replace('actors: patient, nurse', 'actors: patient, nur$0se'), { 'actors.study': ACTORS });
      const found = references(f.index, f.main, f.position, true);
      assert.equal(found[0].file, f.host.path('actors.study'));
      assert.deepEqual(
        found.slice(1).map((l) => `${path.basename(l.file)}:${l.range.start.line}`),
        ['main.study:6', 'main.study:18'],
      );
      assert.equal(references(f.index, f.main, f.position, false).length, 2);
    });

    it('finds the references of a fragment declaration in every study importing it', () => {
      const f = indexAt(ACTORS.replace('actor nurse', 'actor nu$0rse'), {
        'a.study': 'import "./main.study"\nstudy a { frameworks: npt method m: interview { participants: nurse } }\n',
        'b.study': 'import "./main.study"\nstudy b { frameworks: npt method m: interview { participants: patient, nurse } }\n',
      });
      const found = references(f.index, f.main, f.position, false);
      assert.deepEqual(found.map((l) => path.basename(l.file)).sort(), ['a.study', 'b.study']);
    });

    it('finds every reference to a construct and to a framework', () => {
      const f = indexAt(CLEAN_STUDY.replace('constructs: reaim.reach', 'constructs: reaim.re$0ach').replace('  ethics {', '  exclude reaim.reach.x "x"\n  ethics {'));
      const found = references(f.index, f.main, f.position, false);
      assert.deepEqual(
        found.map((l) => `${l.range.start.line}:${textAt(f.text, l.range)}`),
        ['1:reach', '13:reach', '24:reach'],
      );
      const frameworks = references(f.index, f.main, { line: f.position.line, character: f.position.character - 4 }, false);
      assert.deepEqual(
        frameworks.map((l) => textAt(f.text, l.range)),
        ['reaim', 'reaim', 'reaim'],
      );
    });
  });

  it('highlights a declaration (write) and its references (read) in the file', () => {
    const f = indexAt(CLEAN_STUDY.replace('actor nurse:', 'actor nu$0rse:'));
    const highlights = documentHighlights(f.index, f.main, f.position);
    assert.deepEqual(
      highlights.map((h) => `${h.kind}:${h.range.start.line}`),
      ['write:3', 'read:7', 'read:19'],
    );
  });

  it('links import paths and framework files (inside the quotes)', () => {
    const f = indexAt(WITH_FRAGMENT.replace('frameworks: reaim.reach', 'frameworks: reaim.reach, "./mine.json"') + '$0', { 'actors.study': ACTORS });
    const links = documentLinks(f.index, f.main);
    assert.deepEqual(
      links.map((l) => [path.basename(l.target), textAt(f.text, l.range)]),
      [
        ['actors.study', './actors.study'],
        ['mine.json', './mine.json'],
      ],
    );
  });
});
