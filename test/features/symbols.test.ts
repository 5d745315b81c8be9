import { strict as assert } from 'assert';
import { documentSymbols, fuzzyScore, workspaceSymbols } from '../../server/features/symbols';
import { DocumentSymbol } from '../../server/features/types';
import { comparePositions, rangeContains } from '../../server/common/range';
import { parseStudyFile } from '../../server/model/build';
import { Program } from '../../server/model/program';
import { MemoryHost } from '../support/memoryHost';
import { sampleStudies } from '../support/featureStudies';

const STUDY = `study s "Booking study" {
  actor patient: service_user "Patients"
  tool app "App"
  service booking "Booking" {
    touchpoint request "Patient asks" { channel: digital }
    touchpoint visit "Clinic visit" { channel: face_to_face }
  }
  question q1 "How is asking?" { about: request }
  method talks: interview "Talks" { participants: patient }
  exclude npt.coherence "Not now"
  ethics { classification: research }
}
`;

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...outline(s.children, depth + 1)]);
}

function assertWellFormed(symbols: DocumentSymbol[]): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0);
    assert.ok(rangeContains(symbol.range, symbol.selectionRange.start) && rangeContains(symbol.range, symbol.selectionRange.end), symbol.name);
    for (const child of symbol.children) assert.ok(comparePositions(symbol.range.start, child.range.start) <= 0, `${child.name} starts before ${symbol.name}`);
    assertWellFormed(symbol.children);
  }
}

describe('symbols', () => {
  it('the outline: study, then services with their touchpoints, and the other members in order', () => {
    assert.deepEqual(outline(documentSymbols(parseStudyFile('/x.study', STUDY))), [
      'study s — Booking study',
      '  actor patient — Patients',
      '  tool app — App',
      '  service booking — Booking',
      '    touchpoint request — Patient asks',
      '    touchpoint visit — Clinic visit',
      '  question q1 — How is asking?',
      '  method talks — Talks',
      '  exclude npt.coherence — Not now',
      '  ethics ethics — research',
    ]);
  });
  it('a fragment lists its declarations', () => {
    assert.deepEqual(outline(documentSymbols(parseStudyFile('/x.study', 'actor a: staff "A"\nservice s { touchpoint t { channel: digital } }\n'))), ['actor a — A', 'service s', '  touchpoint t']);
  });
  it('selection ranges lie inside ranges, on every sample and on broken text', () => {
    for (const { text } of sampleStudies()) assertWellFormed(documentSymbols(parseStudyFile('/x.study', text)));
    const broken = documentSymbols(parseStudyFile('/x.study', 'study s {\n  question "no name" {\n  service x {\n'));
    assertWellFormed(broken);
  });
  it('workspace symbols: fuzzy subsequence, best first, with their container', () => {
    const host = new MemoryHost();
    const main = host.set('main.study', STUDY);
    const fragment = host.set('people.study', 'actor receptionist: staff "Reception"\n');
    const program = new Program(host);
    const found = workspaceSymbols(program, [main, fragment], 'rq');
    assert.deepEqual(
      found.map((s) => `${s.kind} ${s.name} in ${s.containerName}`),
      ['touchpoint request in booking'],
    );
    const all = workspaceSymbols(program, [main, fragment], 're');
    assert.deepEqual(
      all.map((s) => s.name),
      ['request', 'receptionist'],
    );
    assert.equal(all[1].containerName, 'people.study');
    assert.equal(workspaceSymbols(program, [main, fragment], '').length, 9);
  });
  it('scores prefixes and word starts above scattered matches', () => {
    assert.ok((fuzzyScore('vis', 'visit') ?? 99) < (fuzzyScore('vis', 'video_visit') ?? 99));
    assert.ok((fuzzyScore('sv', 'staff_visit') ?? 99) < (fuzzyScore('sv', 'sliver') ?? 99));
    assert.equal(fuzzyScore('xz', 'visit'), undefined);
  });
});
