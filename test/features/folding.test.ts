import { strict as assert } from 'assert';
import { foldingRanges } from '../../server/features/folding';
import { FoldingRange } from '../../server/features/types';
import { parseStudyFile } from '../../server/model/build';
import { sampleStudies } from '../support/featureStudies';

function folds(text: string): string[] {
  return foldingRanges(parseStudyFile('/x.study', text)).map((r: FoldingRange) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
}

const TEXT = `// A study
// about booking
import "./a.study"
import "./b.study"
study s {
  summary: """
    Two
    lines
    """
  // #region People
  actor a: staff "A" {
    vulnerable: yes
  }
  // #endregion
  /* a block
     comment */
  service svc {
    touchpoint t { channel: digital }
  }
}
`;

describe('folding ranges', () => {
  it('blocks, text blocks, comment runs, imports and regions', () => {
    assert.deepEqual(folds(TEXT), ['0-1 comment', '2-3 imports', '4-18', '5-7', '9-13 region', '10-11', '14-15 comment', '16-17']);
  });
  it('regions as language-configuration.json marks them, nested', () => {
    assert.deepEqual(folds('// region outer\n// #region inner\n// #endregion\n// endregion\n'), ['0-3 region', '1-2 region']);
  });
  it('a one-line block or a lone comment does not fold', () => {
    assert.deepEqual(folds('// one\nstudy s { design: qualitative }\n'), []);
  });
  it('sorted, at most one per start line, and never inverted, on every sample', () => {
    for (const { text } of sampleStudies()) {
      const ranges = foldingRanges(parseStudyFile('/x.study', text));
      assert.ok(ranges.length > 0);
      ranges.forEach((range, i) => {
        assert.ok(range.endLine > range.startLine);
        if (i > 0) assert.ok(ranges[i - 1].startLine < range.startLine);
      });
    }
  });
  it('copes with unclosed blocks', () => {
    assert.ok(Array.isArray(folds('study s {\n  service x {\n    touchpoint t {\n')));
  });
});
