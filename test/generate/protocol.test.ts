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
  it("has the sections in the order of SPIRIT 2025, with StaRI's implementation strategy apart from the tool", () => {
    const text = protocolOf(GUIDE_STUDY);
    const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [
      '1. Administrative information',
      '2. Lay summary',
      '3. Background and rationale',
      '4. Aims and objectives',
      '5. Design',
      '6. Setting',
      '7. The digital tool',
      '8. Implementation strategy',
      '9. The service and its touchpoints',
      '10. Participants',
      '11. Recruitment',
      '12. Sampling and sample size',
      '13. Data collection',
      '14. Data sources',
      '15. Analysis',
      '16. Theory coverage',
      '17. Equity and inclusion',
      '18. Data management',
      '19. Ethics',
      '20. Dissemination',
      '21. Timeline',
      '22. References',
    ]);
  });

  it('a study without ethics shows each missing answer as "Not stated", where it belongs, never an invented one', () => {
    const text = protocolOf(BARE_STUDY);
    assert.match(text, /⚠ The study has no ethics block/);
    assert.match(text, /- \*\*Capacity to consent:\*\* \*\*⚠ Not stated\*\* \(add `capacity:` to the ethics block\)/);
    assert.match(text, /- \*\*Distress protocol:\*\* \*\*⚠ Not stated\*\* \(add `distress_protocol:` to the ethics block\)/);
    assert.match(text, /- \*\*Lawful basis:\*\* \*\*⚠ Not stated\*\* \(add `lawful_basis:` to the ethics block\)/);
    assert.match(text, /- \*\*Withdrawal:\*\* \*\*⚠ Not stated\*\*/);
    assert.match(text, /\| Talks \| \*\*⚠ Not stated\*\* \(add `consent:` to method talks or the ethics block\) \| \*\*⚠ Not stated\*\* \(add `incentive:` to method talks\) \|/);
    assert.doesNotMatch(text, /Not applicable|None offered/);
    assert.doesNotMatch(text, /Access to records/, 'no record review, so no line for it');
  });

  it('prints consent, incentive and identifiability per method: audio recordings are identifiable unless data: says otherwise', () => {
    const text = protocolOf(
      guideVariant('  ethics {', '  method survey: survey "Survey" {\n    participants: patient\n    data: anonymous\n    consent: implied\n    incentive: "A prize draw"\n  }\n  ethics {'),
    );
    const consent = text.slice(text.indexOf('### Consent and incentives by method'));
    assert.match(consent, /\| Survey \| Implied consent: returning the anonymous questionnaire shows consent \| A prize draw \|/);
    assert.match(consent, /\| Interviews with nurses \| Verbal consent, recorded by the researcher \*\(the study's consent\)\* \|/);
    const identifiability = text.slice(text.indexOf('### Identifiability by method'));
    assert.match(identifiability, /\| Interviews with nurses \| Identifiable: audio recordings identify the people recorded \|/);
    assert.match(identifiability, /\| Interviews with patients \| \*\*⚠ Not stated\*\* \(add `data:` to method patient_talks\) \|/, 'notes alone do not settle it');
    assert.match(identifiability, /\| Survey \| Anonymous \|/);
  });

  it('a waiver prints its justification, or the gap where an approval is needed', () => {
    const text = protocolOf(guideVariant('    consent: verbal\n', '    consent: waived\n'));
    assert.match(text, /Consent waived \*\(the study's consent\)\*\. Justification: \*\*⚠ Identifiable data without consent\*\* need an approval/);
  });

  it('prints the fieldwork keys: aims, objectives, eligibility, recruitment, sampling and analysis per method', () => {
    const { model } = sample('online-consultations.study');
    const text = renderMarkdown(buildProtocol(model));
    assert.match(text, /### Aims\n\nTo understand how an online consultation system changes/);
    assert.match(text, /1\. Describe how requests are made, triaged and resolved/);
    assert.match(text, /### Registered patients[\s\S]*?- Aged 18 or over/);
    assert.match(text, /\| In-depth staff interviews \| Reception and administrative staff; General practitioners; Practice managers \| Practice managers pass on an invitation/);
    assert.match(text, /\| Patient experience survey \| 400 \| Stratified random sample/);
    assert.match(text, /### Integration\n\nThe strands are brought together question by question/);
    assert.match(text, /## 8\. Implementation strategy[\s\S]*?a supplier-led training session/);
  });

  it('marks other gaps: no method, no tool at a digital touchpoint, no question, not covered, no lay summary', () => {
    const text = protocolOf(BARE_STUDY);
    assert.match(text, /- \*\*Methods:\*\* \*\*⚠ No method named\*\*/);
    assert.match(text, /\*\*Digital\*\* via \*\*⚠ No tool named\*\*/);
    assert.match(text, /⚠ Not covered by any question:\*\* \*\*Reach\*\*/);
    assert.match(text, /✗ Not covered/);
    assert.match(text, /## 2\. Lay summary\n\n\*\*⚠ Not stated\*\* \(add `summary:` to the study\)/);
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
    const references = text.slice(text.indexOf('## 22. References'));
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
    assert.deepEqual(
      matrix.touchpoints.map((t) => t.name.text),
      ['book', 'visit'],
    );
    assert.deepEqual(
      matrix.groups.map((g) => g.framework.id),
      ['npt', 'digital_inclusion'],
    );
    const row = (path: string) => matrix.groups.flatMap((g) => g.rows).find((r) => r.target.construct.path === path);
    const cell = (path: string, tp: string) => row(path)?.cells.get(model.touchpoints.find((t) => t.name.text === tp) ?? model.touchpoints[0]);
    // visit_q (both) and whole (both, about the service) name differentiation
    assert.deepEqual(cell('npt.coherence.differentiation', 'visit')?.marks, ['staff', 'service_user']);
    assert.deepEqual(
      cell('npt.coherence.differentiation', 'visit')?.questions.map((q) => q.name.text),
      ['visit_q', 'whole'],
    );
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
    const access = coverageMatrix(backstage.model)
      .groups.flatMap((g) => g.rows)
      .find((r) => r.target.construct.path === 'digital_inclusion.access');
    assert.ok(book && access);
    assert.deepEqual(access.cells.get(book)?.marks, ['staff'], "a backstage step with no actors is out of service users' sight");
  });

  it('carers have their own mark', () => {
    const linted = studyFromText(
      guideVariant(
        '  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n',
        '  actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  actor family: carer "Family carers"\n',
      )
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
    assert.match(
      html,
      /<span title="Q1 What happens at the visit\? \(methods: Interviews with nurses \(Interviews\); Interviews with patients \(Interviews\)\)\nQ5 Is the service better than before\?[^"]*">S\+U Q1, Q5<\/span>/,
    );
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
