import { strict as assert } from 'assert';
import { buildMatrix, buildProtocol, coverageMatrix, generateDocuments, matrixCsv, renderMarkdown } from '../../server/generate';
import { renderHtmlBody } from '../../server/generate/html';
import { draftNote } from '../../server/generate/describe';
import { GUIDE_STUDY, guideVariant, sample, studyFromText } from './fixtures';

function protocolOf(text: string, files: Record<string, string> = {}): string {
  const { model, findings } = studyFromText(text, files);
  return renderMarkdown(buildProtocol(model, draftNote(findings, true)));
}

const BARE_STUDY = `study bare "A study with nothing settled" {
  frameworks: reaim.reach
  actor patient: service_user "Patients" {
    vulnerable: yes
  }
  service s "Service" {
    touchpoint tp "Visit" {
      channel: digital
    }
  }
  question q "What happens?" {
    about: tp
    perspective: service_user
  }
  method talks: interview "Talks" {
    participants: patient
    data: identifiable
  }
}
`;

describe('generate: protocol', () => {
  it('has the sections in the order SPIRIT and StaRI readers expect', () => {
    const text = protocolOf(GUIDE_STUDY);
    const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [
      '1. Summary',
      '2. Background and theoretical framework',
      '3. The digital tool under evaluation',
      '4. The service and its touchpoints',
      '5. Evaluation questions',
      '6. Methods, participants and sampling',
      '7. Data sources',
      '8. Coverage of the frameworks',
      '9. Equity and inclusion',
      '10. Ethics and governance',
      '11. References',
    ]);
  });

  it('a study without ethics shows each missing answer as a gap, where it belongs', () => {
    const text = protocolOf(BARE_STUDY);
    assert.match(text, /⚠ The study has no ethics block/);
    assert.match(text, /- \*\*Consent:\*\* \*\*⚠ No consent procedure specified\*\*/);
    assert.match(text, /- \*\*Capacity to consent:\*\* \*\*⚠ No capacity procedure specified\*\*/);
    assert.match(text, /- \*\*Distress protocol:\*\* \*\*⚠ No distress protocol specified\*\*/);
    assert.match(text, /- \*\*Data protection \(lawful basis\):\*\* \*\*⚠ No lawful basis/);
    assert.match(text, /- \*\*Withdrawal:\*\* \*\*⚠ No withdrawal procedure specified\*\*/);
    assert.match(text, /- \*\*Access to records:\*\* Not applicable/, 'no record review, so no gap');
  });

  it('marks other gaps: no method, no tool at a digital touchpoint, no question, not covered, no lay summary', () => {
    const text = protocolOf(BARE_STUDY);
    assert.match(text, /- \*\*Methods:\*\* \*\*⚠ No method named\*\*/);
    assert.match(text, /\*\*Digital\*\* via \*\*⚠ No tool named\*\*/);
    assert.match(text, /⚠ Not covered by any question:\*\* \*\*Reach\*\*/);
    assert.match(text, /✗ Not covered/);
    assert.match(text, /⚠ No lay summary given/);
    assert.match(text, /- \*\*Answers:\*\* \*\*⚠ Not used by any question\*\*/);
    assert.match(text, /no question addresses digital inclusion/);
  });

  it('a study with errors opens with a draft banner listing them', () => {
    const text = protocolOf(BARE_STUDY);
    assert.match(text, /^> \*\*⚠ Draft: studyspec found \d+ errors in this study\.\*\*/m);
    assert.match(text, /`main\.study:\d+` .*\((consent|ethics)-missing\)/);
    assert.ok(!protocolOf(GUIDE_STUDY).includes('Draft:'), 'a clean study has no banner');
  });

  it('references are numbered and built only from the frameworks used, with full citations', () => {
    const { model } = sample('care-pathway-tool.study');
    const text = renderMarkdown(buildProtocol(model));
    const references = text.slice(text.indexOf('## 11. References'));
    const items = references.match(/^\d+\. .*/gm) ?? [];
    assert.equal(items.length, 3);
    assert.match(items[1], /^2\. May C, Finch T\. Implementing, embedding, and integrating practices/);
    assert.ok(!references.includes('Damschroder'), 'CFIR is not used');
    assert.match(text, /### Normalization Process Theory \(NPT\) \[2\]/);
  });

  it('numbers touchpoints in journey order: services in file order, touchpoints in service order', () => {
    const text = protocolOf(
      guideVariant(
        '  question visit_q',
        `  service follow_up "Follow-up" {
    touchpoint call "Phone call" {
      channel: telephone
    }
  }
  question visit_q`,
      ),
    );
    const order = [...text.matchAll(/^\| \*\*(T\d)\*\* \| ([^|]+) \|/gm)].map((m) => `${m[1]} ${m[2].trim()}`);
    assert.deepEqual(order, ['T1 Patient books online', 'T2 Clinic visit', 'T3 Phone call']);
  });

  it('declarations from an imported fragment take part (actors in a fragment)', () => {
    const { model } = sample('care-pathway-tool.study');
    const text = renderMarkdown(buildProtocol(model));
    assert.match(text, /\| People using community mental-health services — \*\*may be vulnerable\*\* \| Service-user side \| T1, T2, T3 \|/);
    assert.match(text, /- \*\*Participants who may be vulnerable:\*\* People using community mental-health services/);
  });

  it('unknown references are shown and marked rather than dropped', () => {
    const text = protocolOf(guideVariant('    about: visit\n', '    about: vist\n'));
    assert.match(text, /\*\*⚠ Not found:\*\* `vist`/);
  });

  it('a fragment still gives a protocol, saying it is one', () => {
    const { model, findings } = studyFromText('actor a: staff "Staff"\n');
    const docs = generateDocuments(model, findings);
    assert.match(docs[0].markdown ?? '', /fragment/);
  });
});

describe('generate: coverage matrix', () => {
  const { model } = studyFromText(GUIDE_STUDY);

  it('rows are the selected constructs grouped by framework; cells the sides asking at each touchpoint, with the questions', () => {
    const matrix = coverageMatrix(model);
    assert.deepEqual(matrix.touchpoints.map((t) => t.name.text), ['book', 'visit']);
    assert.deepEqual(matrix.groups.map((g) => g.framework.id), ['npt', 'digital_inclusion']);
    const row = (path: string) => matrix.groups.flatMap((g) => g.rows).find((r) => r.target.construct.path === path);
    const cell = (path: string, tp: string) => row(path)?.cells.get(model.touchpoints.find((t) => t.name.text === tp) ?? model.touchpoints[0]);
    // visit_q (both) and whole (both, about the service) name differentiation
    assert.deepEqual(cell('npt.coherence.differentiation', 'visit')?.marks, ['staff', 'service_user']);
    assert.deepEqual(cell('npt.coherence.differentiation', 'visit')?.questions.map((q) => q.name.text), ['visit_q', 'whole']);
    assert.deepEqual(cell('npt.coherence.communal_specification', 'book')?.marks, ['staff']);
    assert.equal(cell('npt.coherence.communal_specification', 'visit'), undefined);
    assert.deepEqual(cell('npt.coherence.internalisation', 'book')?.marks, ['service_user']);
  });

  it('a side is marked only where it takes part, even for a question about the whole service', () => {
    const linted = studyFromText(guideVariant('      channel: face_to_face\n      actors: patient, nurse\n', '      channel: face_to_face\n      actors: patient\n'));
    const matrix = coverageMatrix(linted.model);
    const differentiation = matrix.groups.flatMap((g) => g.rows).find((r) => r.target.construct.path === 'npt.coherence.differentiation');
    const visit = linted.model.touchpoints.find((t) => t.name.text === 'visit');
    assert.ok(differentiation && visit);
    assert.deepEqual(differentiation.cells.get(visit)?.marks, ['service_user'], 'no staff at the visit');
    const backstage = studyFromText(guideVariant('      via: app\n      actors: patient, nurse\n', '      via: app\n      backstage: yes\n'));
    const book = backstage.model.touchpoints.find((t) => t.name.text === 'book');
    const access = coverageMatrix(backstage.model).groups.flatMap((g) => g.rows).find((r) => r.target.construct.path === 'digital_inclusion.access');
    assert.ok(book && access);
    assert.deepEqual(access.cells.get(book)?.marks, ['staff'], 'a backstage step with no actors is out of service users\' sight');
  });

  it('carers have their own mark', () => {
    const linted = studyFromText(
      guideVariant('  actor nurse: staff "Nurses"\n', '  actor nurse: staff "Nurses"\n  actor family: carer "Family carers"\n')
        .replace('      channel: face_to_face\n      actors: patient, nurse\n', '      channel: face_to_face\n      actors: patient, family, nurse\n')
        .replace('    participants: patient\n', '    participants: patient, family\n'),
    );
    const text = renderMarkdown(buildMatrix(linted.model));
    assert.match(text, /\| Differentiation `npt\.coherence\.differentiation` \| S\+U Q5 \| S\+U\+C Q1, Q5 \| Covered \|/);
    assert.match(text, /S staff, U service users, C carers/);
  });

  it('every marked cell names its questions; HTML gives their titles and methods in a tooltip', () => {
    const { model: cpt } = sample('care-pathway-tool.study');
    for (const row of coverageMatrix(cpt).groups.flatMap((g) => g.rows)) for (const cell of row.cells.values()) assert.ok(cell.questions.length > 0 && cell.marks.length > 0);
    for (const line of matrixCsv(cpt).split('\r\n').slice(1, -1)) {
      const fields = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '')).slice(4, -2);
      for (const field of fields) if (field) assert.match(field, /^S?(\+?U)?(\+?C)? Q\d+(, Q\d+)*$/, line);
    }
    const html = renderHtmlBody(buildMatrix(model));
    assert.match(html, /<span title="Q1 What happens at the visit\? \(methods: Interviews with nurses \(Interviews\); Interviews with patients \(Interviews\)\)\nQ5 Is the service better than before\?[^"]*">S\+U Q1, Q5<\/span>/);
    assert.match(renderMarkdown(buildMatrix(model)), /^- \*\*Q1\*\* What happens at the visit\? \*\(Interviews with nurses; Interviews with patients\)\*$/m);
  });

  it('Markdown shows S, U and S+U, and marks uncovered and excluded rows', () => {
    // internalisation loses its question; communal specification loses its question and is excluded
    const linted = studyFromText(
      guideVariant('    constructs: npt.coherence.individual_specification, npt.coherence.internalisation\n', '    constructs: npt.coherence.individual_specification\n')
        .replace('constructs: npt.coherence.communal_specification', 'constructs: npt.coherence.individual_specification')
        .replace('  method staff_talks', '  exclude npt.coherence.communal_specification "Not relevant | here"\n  method staff_talks'),
    );
    const text = renderMarkdown(buildMatrix(linted.model));
    assert.match(text, /\| Differentiation `npt\.coherence\.differentiation` \| S\+U Q5 \| S\+U Q1, Q5 \| Covered \|/);
    assert.match(text, /\| Internalization `npt\.coherence\.internalisation` \| {3}\| {3}\| \*\*✗ Not covered\*\* \|/);
    assert.match(text, /\*\*Excluded:\*\* \*Not relevant \\\| here\*/);
    assert.match(text, /\| Construct \| T1 \| T2 \| Status \|\n\| --- \| :---: \| :---: \| --- \|/);
  });

  it('CSV follows RFC 4180: a header row, CRLF, quotes doubled', () => {
    const linted = studyFromText(guideVariant('touchpoint visit "Clinic visit"', 'touchpoint visit "Clinic \\"visit\\", room 2"'));
    const csv = matrixCsv(linted.model);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'Framework,Construct,Path,Status,Patient books online,"Clinic ""visit"", room 2",Exclusion rationale');
    assert.equal(lines[lines.length - 1], '', 'ends with CRLF');
    assert.ok(!csv.replace(/\r\n/g, '').includes('\n'));
    assert.match(csv, /\r\nNormalization Process Theory \(NPT\),Differentiation,npt\.coherence\.differentiation,covered,S\+U Q5,"S\+U Q1, Q5",\r\n/);
  });
});
