import { strict as assert } from 'assert';
import { buildGuides, buildMatrix, buildProtocol, generateDocuments, HTML_STYLES, renderHtmlBody, renderHtmlPage, renderMarkdown } from '../../server/generate';
import { GUIDE_STUDY, guideVariant, studyFromText } from './fixtures';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '\\"><img src=x onerror=alert(1)>';

/** GUIDE_STUDY with hostile text in its title, labels, probes, descriptions and ethics. */
const HOSTILE = guideVariant('study clinic "Evaluating a booking app"', `study clinic "${SCRIPT}"`)
  .replace('touchpoint book "Patient books online"', `touchpoint book "${IMG}"`)
  .replace('question visit_q "What happens at the visit?"', `question visit_q "${SCRIPT} ${IMG}"`)
  .replace('probes: "Who was in the room?"', `probes: "${SCRIPT}"`)
  .replace('method staff_talks: interview "Interviews with nurses"', `method staff_talks: interview "${IMG}"`)
  .replace('distress_protocol: "Stop and call the nurse"', `distress_protocol: "${SCRIPT}"`)
  .replace('actor nurse: staff "Nurses"', `actor nurse: staff "${IMG}"`)
  .replace('tool app "Booking app"', `tool app "${SCRIPT}"`);

describe('generate: HTML', () => {
  const { model, findings } = studyFromText(HOSTILE);
  const docs = [buildProtocol(model), ...buildGuides(model).map((g) => g.doc), buildMatrix(model)];

  it('the hostile study parses, so its text reaches the documents', () => {
    assert.equal(model.study?.label?.text, SCRIPT);
    assert.ok(renderMarkdown(docs[0]).includes('alert(1)'));
  });

  for (const [i, name] of ['protocol', 'staff guide', 'patient guide', 'matrix'].entries()) {
    it(`${name}: user text is escaped, never markup`, () => {
      for (const html of [renderHtmlBody(docs[i]), renderHtmlPage(docs[i])]) {
        assert.ok(!/<script/i.test(html), 'a <script> tag');
        assert.ok(!/<img/i.test(html), 'an <img> tag');
        // attribute values are escaped (a tooltip may quote hostile text), so only the tags themselves are searched
        assert.ok(!/<[a-z][^>]*onerror/i.test(html.replace(/="[^"]*"/g, '=""')), 'a tag with an onerror attribute');
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;') || html.includes('&quot;&gt;&lt;img'), 'the text is there, escaped');
      }
    });
  }

  it("the preview's fragments are escaped too", () => {
    for (const document of generateDocuments(model, findings)) {
      if (document.html) assert.ok(!/<script|<img/i.test(document.html), document.id);
    }
  });

  it('Markdown escapes what would be HTML', () => {
    const markdown = renderMarkdown(docs[0]);
    assert.ok(!/(^|[^\\])<(script|img)/m.test(markdown), 'a raw tag in Markdown');
    assert.ok(markdown.includes('\\<script>'));
  });

  it('declarations carry data-kind, data-name, data-file and data-line for the preview', () => {
    const { model: clean } = studyFromText(GUIDE_STUDY);
    const html = renderHtmlBody(buildProtocol(clean));
    const file = clean.root.path;
    assert.ok(html.includes(`data-kind="touchpoint" data-name="book" data-file="${file}" data-line="9"`), 'touchpoint row');
    assert.match(html, /<h4 data-kind="question" data-name="visit_q" data-file="[^"]+" data-line="\d+">/);
    assert.match(html, /data-kind="method" data-name="staff_talks"/);
    assert.match(html, /data-kind="construct" data-name="npt\.coherence\.differentiation" data-file="[^"]+npt\.json"/);
    const relative = renderHtmlPage(buildProtocol(clean), { sourceFile: () => 'main.study' });
    assert.ok(relative.includes('data-file="main.study"') && !relative.includes(`data-file="${file}"`));
  });

  it('the fragment is a body part; the page is a standalone document with print and dark styles', () => {
    const { model: clean } = studyFromText(GUIDE_STUDY);
    const body = renderHtmlBody(buildProtocol(clean));
    assert.ok(body.startsWith('<article class="studyspec-doc">'));
    assert.ok(!body.includes('<html') && !body.includes('<style'));
    const page = renderHtmlPage(buildProtocol(clean));
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.match(page, /<title>Evaluating a booking app<\/title>/);
    assert.ok(page.includes(HTML_STYLES));
    assert.match(HTML_STYLES, /@media \(prefers-color-scheme: dark\)/);
    assert.match(HTML_STYLES, /@media print/);
    assert.match(page, /<table>/);
    assert.match(page, /<ol>/);
  });
});
