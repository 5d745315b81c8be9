/** The information sheets and consent forms as a researcher and an ethics committee read them, and their Word files. */
import { strict as assert } from 'assert';
import JSZip from 'jszip';
import { renderDocx, renderMarkdown } from '../../server/generate';
import { buildConsentDocuments } from '../../server/generate/consent';
import { columnWidths } from '../../server/generate/docx';
import { Block, Doc, heading } from '../../server/generate/doc';
import { buildPisDocuments } from '../../server/generate/pis';
import { buildProtocol } from '../../server/generate/protocol';
import { buildChecklist } from '../../server/generate/checklist';
import { guideVariant, sample, studyFromText } from './fixtures';

function consentOf(text: string, group: string): string {
  const found = buildConsentDocuments(studyFromText(text).model).find((d) => d.group.id === group);
  assert.ok(found, `no consent document for ${group}`);
  return renderMarkdown(found.doc);
}

function pisOf(text: string, group: string): string {
  const found = buildPisDocuments(studyFromText(text).model).find((d) => d.group.id === group);
  assert.ok(found, `no information sheet for ${group}`);
  return renderMarkdown(found.doc);
}

const WRITTEN = guideVariant('    consent: verbal\n', '    consent: written\n');
const SURVEY = guideVariant(
  '  ethics {',
  '  method survey: survey "Patient survey" {\n    participants: patient\n    sample: 400\n    data: anonymous\n    consent: implied\n    recruitment: "Posted"\n    analysis: "Descriptive"\n  }\n  ethics {',
);

describe('generate: information sheets and consent forms', () => {
  it('a consent form ends the required statements with agreeing to take part, then the optional ones under their own heading', () => {
    const form = consentOf(WRITTEN, 'nurse');
    const rows = form.split('\n').filter((l) => /^\| (\d+|\*\*Optional)/.test(l));
    assert.match(rows[rows.length - 3], /I agree to take part in the interviews with nurses\./);
    assert.match(rows[rows.length - 2], /^\| \*\*Optional: you can say no to this and still take part\*\* \|/);
    assert.match(rows[rows.length - 1], /I agree to be contacted about future studies\./);
    assert.match(form, /I agree to the interview being audio-recorded and typed up\./, 'the nurses are recorded');
    assert.match(form, /I understand how long my information will be kept: five years\./);
    assert.match(form, /this will not affect my job or my legal rights\. If I stop: Until the end of the month\./);
    assert.match(form, /\| Participant identification number \| Site \|/);
  });

  it('asks for recording only where the method records, and names care, not the job, for service users', () => {
    const form = consentOf(WRITTEN, 'patient');
    assert.doesNotMatch(form, /recorded and typed up/, 'the patients are interviewed with notes only');
    assert.match(form, /will not affect my care or my legal rights/);
  });

  it('an anonymous questionnaire gets the wording for its first page and no identification number beside it', () => {
    const { model } = sample('online-consultations.study');
    const patients = buildConsentDocuments(model).find((d) => d.group.id === 'patient');
    assert.ok(patients);
    const text = renderMarkdown(patients.doc);
    assert.match(text, /No consent form is needed for the patient experience survey: sending back the questionnaire shows consent\./);
    assert.doesNotMatch(text, /identification number/i);
    assert.doesNotMatch(text, /Signature/);
  });

  it('an online method gets the text of its consent page: tick boxes, the optional one apart, a button, no signatures', () => {
    const online = SURVEY.replace('    data: anonymous\n    consent: implied\n', '    mode: online\n    data: anonymous\n    consent: online\n');
    const form = consentOf(online, 'patient');
    const page = form.slice(form.indexOf('## Online consent page: Patient survey'));
    assert.ok(page.length > 0 && form.includes('## Online consent page: Patient survey'), form);
    const onlinePart = page.split('\n## ')[0];
    const boxes = onlinePart.split('\n').filter((l) => l.startsWith('> ☐ '));
    assert.ok(boxes.length >= 3, onlinePart);
    assert.match(boxes[0], /I have read the information sheet/);
    assert.match(boxes[boxes.length - 2], /I agree to take part in the patient survey\./);
    assert.match(boxes[boxes.length - 1], /I agree to be contacted about future studies\./);
    assert.ok(onlinePart.indexOf('**Optional: you can say no to this and still take part**') < onlinePart.lastIndexOf('> ☐ '), 'the optional statement is apart, after the required ones');
    assert.match(onlinePart, /cannot go on until every box except the optional one is ticked/);
    assert.match(onlinePart, /\*\*\[ I agree to take part \]\*\*/);
    assert.doesNotMatch(onlinePart, /Signature|initials|identification number/i);
    assert.doesNotMatch(onlinePart, /recorded/, 'a questionnaire records nothing');
  });

  it('asks permission to look at records only where the team sees them identifiably', () => {
    const records = (data: string) =>
      guideVariant('  ethics {', `  method notes: record_review "Clinic notes" {\n    source: "Clinic records"\n${data}    analysis: "Counts"\n  }\n  ethics {`, WRITTEN);
    assert.match(consentOf(records(''), 'patient'), /the study team may look at relevant parts of my records, and I give permission for this\. \*\*⚠ Not stated\*\* \(add `record_access:`/);
    assert.doesNotMatch(consentOf(records('    data: pseudonymised\n'), 'patient'), /my records/, 'a pseudonymised extract made by others needs no permission');
    assert.doesNotMatch(consentOf(records(''), 'nurse'), /my records/, "staff's records are not reviewed");
  });

  it("the information sheet says how many take part, who controls the data, and where the sponsor's data protection officer is still to be added", () => {
    const sheet = pisOf(guideVariant('  aims:', '  sponsor: "Northfield Trust"\n  aims:', SURVEY), 'patient');
    assert.match(sheet, /You will be asked to fill in a questionnaire\. About 400 people will take part\./);
    assert.match(sheet, /Northfield Trust is responsible for looking after your information and using it properly \(it is the "data controller"\)\./);
    assert.match(sheet, /www\.hra\.nhs\.uk\/information-about-patients/);
    assert.match(sheet, /\*\*Questions about your data:\*\* The organiser's data protection officer: \*\*⚠ add their contact details\*\*/);
    assert.match(sheet, /The study is organised by \*\*⚠ Not stated\*\* \(add `sponsor:`|The study is organised by Northfield Trust\./);
  });

  it('the information sheet gives the support on offer before what happens if you change your mind, and marks what is missing', () => {
    const sheet = pisOf(guideVariant('    distress_protocol: "Stop and call the nurse"\n', ''), 'patient');
    assert.ok(sheet.indexOf('## If you need support') < sheet.indexOf('## What if I change my mind?'));
    assert.match(sheet, /## If you need support[\s\S]*?\*\*⚠ Not stated\*\* \(add `distress_protocol:` to the ethics block\)/);
    assert.match(sheet, /The study is organised by \*\*⚠ Not stated\*\* \(add `sponsor:` to the study\)\. It is paid for by \*\*⚠ Not stated\*\* \(add `funder:` to the study\)\./);
  });

  it('the Word consent form is a real table with a box to initial per statement, and its footer carries the version and date', async () => {
    const { model } = sample('care-pathway-tool.study');
    const form = buildConsentDocuments(model).find((d) => d.group.id === 'service_user');
    assert.ok(form);
    const zip = await JSZip.loadAsync(await renderDocx(form.doc));
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const statements = document.slice(document.indexOf('Please write your initials'));
    const table = statements.slice(0, statements.indexOf('</w:tbl>'));
    const rows = table.split('<w:tr>').slice(1);
    assert.ok(rows.length >= 7, `${rows.length} rows`);
    // every statement row has an empty last cell, at least 1 cm high, to initial
    const statementRows = rows.filter((r) => /<w:t[^>]*>I (have|understand|agree)/.test(r));
    assert.ok(statementRows.length >= 6);
    for (const row of statementRows) {
      assert.match(row, /<w:trHeight w:val="567" w:hRule="atLeast"\/>/);
      const cells = row.split('<w:tc>');
      assert.doesNotMatch(cells[cells.length - 1], /<w:t[ >]/, 'the initials box is empty');
    }
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/footer\d*\.xml/.test(f))
        .map((f) => zip.file(f)?.async('string')),
    );
    assert.ok(
      footers.some((f) => /Consent form: People using community mental-health services · version \[not stated\], dated \[add the date\] · page/.test(f ?? '')),
      'footer',
    );
  });

  it('empty columns to write in get room for a name or date, not just their header', () => {
    const widths = columnWidths(
      [[], [{ text: 'Name' }], [{ text: 'Date' }], [{ text: 'Signature' }]],
      [
        { cells: [[{ text: 'Participant' }], [], [], []], writeIn: true },
        { cells: [[{ text: 'Person taking consent' }], [], [], []], writeIn: true },
      ],
    );
    assert.ok(widths[1] >= 1700 && widths[2] >= 1700 && widths[3] >= 1700, widths.join(', '));
    assert.ok(widths[0] < 4000, 'the label column does not take the page');
  });
});

describe('generate: protocol gaps are gaps', () => {
  it('a record review without a sample says "Not stated", never "all records"', () => {
    const text = renderMarkdown(
      buildProtocol(
        studyFromText(guideVariant('  ethics {', '  method notes: record_review "Clinic notes" {\n    source: "Clinic records"\n    data: pseudonymised\n    analysis: "Counts"\n  }\n  ethics {'))
          .model,
      ),
    );
    assert.match(text, /\| Clinic notes \| \*\*⚠ Not stated\*\* \(add `sample:` to method notes\) \| \*\*⚠ Not stated\*\* \(add `sampling:` to method notes\) \|/);
    assert.doesNotMatch(text, /All records/);
  });

  it('identifiability is given once, in data management, not again in the data sources', () => {
    const text = renderMarkdown(buildProtocol(sample('online-consultations.study').model));
    const sources = text.slice(text.indexOf('## 14. Data sources'), text.indexOf('## 15. Analysis'));
    assert.doesNotMatch(sources, /Identifiab(le|ility)/);
    assert.match(text.slice(text.indexOf('## 18. Data management')), /\| In-depth staff interviews \| Identifiable: audio recordings identify the people recorded \|/);
  });
});

describe('generate: reporting checklist', () => {
  const checklistOf = (text: string) => renderMarkdown(buildChecklist(studyFromText(text).model));

  it('counts what the specification answers, what has keys to add, what is written by hand and what waits for fieldwork', () => {
    const text = checklistOf(guideVariant('  aims:', '  design: qualitative\n  aims:'));
    assert.match(
      text,
      /## StaRI: Standards for Reporting Implementation Studies \(27 items\)\n\n\d+ of 27 items addressed from the specification, \d+ with keys still to add, 2 to write by hand and 10 reported after fieldwork\./,
    );
    assert.match(text, /## SRQR: Standards for Reporting Qualitative Research \(21 items\)/);
    assert.match(text, /## SPIRIT 2025: Standard Protocol Items: Recommendations for Interventional Trials \(34 items\)/);
    assert.equal((text.match(/^\| \d+ \|/gm) ?? []).length, 27 + 21 + 34, 'every item of the three standards');
  });

  it('an item the keys only partly cover says what to write by hand', () => {
    const text = checklistOf(guideVariant('  aims:', '  funder: "A charity"\n  aims:'));
    assert.match(text, /\| 7 \| \*\*Funding and conflicts of interest\*\*: .*\| Addressed; also write conflicts of interest \|/);
  });

  it('consent given on each method answers the consent items, without an ethics-wide consent', () => {
    const perMethod = guideVariant('    consent: verbal\n', '')
      .replace('    recording: audio\n', '    recording: audio\n    consent: written\n')
      .replace('    recording: notes\n', '    recording: notes\n    consent: verbal\n');
    const text = checklistOf(perMethod);
    assert.match(text, /\| 32 \| \*\*Consent\*\*: .*\| Addressed; also write who takes consent \|/);
    const none = checklistOf(guideVariant('    consent: verbal\n', ''));
    assert.match(none, /\| 32 \| \*\*Consent\*\*: .*\*\*⚠ Not addressed\*\*: add `consent: in the ethics block or on each method`/);
  });
});

describe('generate: consent forms in Word keep their signatures with what they sign', function () {
  this.timeout(30000);
  const documentOf = async (group: string) => {
    const form = buildConsentDocuments(sample('video-outpatients.study').model).find((d) => d.group.id === group);
    assert.ok(form);
    const zip = await JSZip.loadAsync(await renderDocx(form.doc));
    return (await zip.file('word/document.xml')?.async('string')) ?? '';
  };

  it('each form of a group starts its own page with the identification number; the questionnaire wording has none', async () => {
    const document = await documentOf('patient');
    assert.equal((document.match(/<w:br w:type="page"\/>/g) ?? []).length, 1, 'a break before the verbal record only');
    const verbal = document.slice(document.indexOf('Verbal consent: script and record'));
    assert.ok(document.indexOf('<w:br w:type="page"/>') < document.indexOf('Verbal consent: script and record'));
    assert.equal((document.match(/Participant identification number/g) ?? []).length, 2, 'one per form');
    assert.doesNotMatch(verbal.slice(verbal.indexOf('Questionnaire: consent by returning it')), /identification number/);
  });

  it('the last statements, the signatures and the note on copies keep together, the note after the signatures', async () => {
    const document = await documentOf('clinician');
    const signatures = document.lastIndexOf('Person taking consent');
    const beforeSignatures = document.slice(document.lastIndexOf('I agree to take part in', signatures), signatures);
    assert.match(beforeSignatures, /<w:keepNext\/>/, 'the last required statement keeps with the signatures');
    const written = document.slice(0, document.indexOf('Verbal consent: script and record'));
    const last = written.slice(written.lastIndexOf('<w:tbl>'));
    assert.match(last, /Person taking consent[\s\S]*When signed: one copy for the participant/);
  });
});

describe('generate: Word pages do not chain one section to the next', () => {
  it('a short line keeps with the heading of its own subsection, not with the next section', async () => {
    const line = (t: string): Block => ({ type: 'paragraph', content: [{ text: t }] });
    const doc: Doc = {
      title: 'T',
      blocks: [heading(1, 'One'), line('Intro to one.'), heading(2, 'Part'), line('To thank you: a voucher.'), heading(1, 'Two'), line('Body of two.')],
    };
    const zip = await JSZip.loadAsync(await renderDocx(doc));
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const paragraphOf = (t: string) => {
      const at = document.indexOf(t);
      return document.slice(document.lastIndexOf('<w:p>', at), at);
    };
    assert.match(paragraphOf('Intro to one.'), /<w:keepNext\/>/, 'stays with its subsection');
    assert.doesNotMatch(paragraphOf('To thank you: a voucher.'), /<w:keepNext\/>/, 'does not pull the next section along');
  });
});
