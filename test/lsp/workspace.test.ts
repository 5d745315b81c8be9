import { strict as assert } from 'assert';
import { mergeStudyFindings, sortedStudyFindings } from '../../server/checks/lint';
import { compareFindings, Finding } from '../../server/common/finding';
import { Workspace } from '../../server/lsp/workspace';
import { StudyModel } from '../../server/model/model';
import { seededRandom } from '../bench/generateStudy';

describe('language server workspace: findings of a file', () => {
  it('gives one study’s findings in order without repeats, as merging them does', () => {
    const random = seededRandom(5);
    const file = '/virtual/a.study';
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const at = (line: number, character: number) => ({ line, character });
    const findings: Finding[] = Array.from({ length: 400 }, () => {
      const line = Math.floor(random() * 3);
      return {
        file,
        rule: pick(['unused-declaration', 'unknown-reference', 'aims-missing']),
        severity: pick(['warning', 'hint'] as const),
        message: pick(['One', 'Two', 'Éléphant', 'two']),
        range: { start: at(line, pick([0, 2])), end: at(line + pick([0, 1]), pick([4, 8])) },
      };
    });
    const workspace = new Workspace(() => undefined);
    workspace.results.set(file, { isStudy: true, model: {} as StudyModel, closure: new Set([file]), byFile: new Map([[file, findings]]) });
    const got = workspace.findingsFor(file);
    const want = mergeStudyFindings([{ files: [file], findings }]).sort(compareFindings);
    assert.ok(want.length < findings.length * 0.8, 'the findings have repeats');
    assert.deepEqual(got, want);
    // each the first of its repeats, as merging keeps it
    got.forEach((f, i) => assert.equal(f, want[i]));
  });
});

describe('lint: one study’s findings across its files', () => {
  it('keeps findings alike but for their file, as merging them does', () => {
    const at = (line: number, character: number) => ({ line, character });
    const finding = (file: string, message: string): Finding => ({ file, rule: 'unknown-reference', severity: 'error', message, range: { start: at(2, 4), end: at(2, 9) } });
    const findings = [finding('/virtual/b.study', 'One'), finding('/virtual/a.study', 'One'), finding('/virtual/b.study', 'One')];
    const got = sortedStudyFindings([{ files: ['/virtual/a.study', '/virtual/b.study'], findings }]);
    assert.deepEqual(got, mergeStudyFindings([{ files: ['/virtual/a.study', '/virtual/b.study'], findings }]).sort(compareFindings));
    assert.deepEqual(
      got.map((f) => `${f.file} ${f.message}`),
      ['/virtual/a.study One', '/virtual/b.study One'],
    );
  });
});
