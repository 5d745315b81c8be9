import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { generateDocuments, renderAll } from '../../server/generate';
import { sample, SAMPLES, studyFromText } from './fixtures';

describe('generate: documents for the preview', () => {
  it('gives the protocol, one guide per interview or focus-group method, the matrix, the blueprint, the codebook, the chart and the JSON', () => {
    const { model, findings } = sample('video-outpatients.study');
    const documents = generateDocuments(model, findings);
    assert.deepEqual(
      documents.map((d) => `${d.kind}:${d.id}`),
      [
        'protocol:protocol',
        'guide:guide-patient_interviews',
        'guide:guide-clinician_interviews',
        'guide:guide-booking_focus_groups',
        'guide:guide-manager_interviews',
        ...['patient', 'family_carer', 'clinician', 'booking_staff', 'service_manager'].map((group) => `pis:pis-${group}`),
        ...['patient', 'family_carer', 'clinician', 'booking_staff', 'service_manager'].map((group) => `consent:consent-${group}`),
        'checklist:checklist',
        'matrix:matrix',
        'blueprint:blueprint',
        'codebook:codebook',
        'chart:chart',
        'json:study',
      ],
    );
    for (const d of documents.filter((d) => d.kind !== 'blueprint' && d.kind !== 'json')) {
      assert.ok(d.markdown?.startsWith(`# ${d.title}`), d.id);
      assert.ok(d.html?.startsWith('<article class="studyspec-doc">'), d.id);
    }
    assert.match(documents.find((d) => d.kind === 'blueprint')?.svg ?? '', /^<svg|<\?xml/);
    assert.ok(documents.find((d) => d.kind === 'json')?.json);
  });

  it('is quick enough to run on every keystroke', () => {
    const { model, findings } = sample('social-care-portal.study');
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10; i++) generateDocuments(model, findings);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / 10;
    assert.ok(ms < 200, `${ms.toFixed(1)} ms per run`);
  });

  it('never throws on a broken study: every prefix of every sample still generates, Word files included', async function () {
    this.timeout(120000);
    for (const name of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.study'))) {
      const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
      const step = Math.max(1, Math.floor(text.length / 40));
      for (let end = 0; end <= text.length; end += step) {
        const { model, findings } = studyFromText(text.slice(0, end));
        const documents = generateDocuments(model, findings);
        assert.ok(documents.length >= 4, `${name} cut at ${end}`);
        assert.ok(!documents.some((d) => d.markdown?.includes('could not be generated')), `${name} cut at ${end}: ${documents.find((d) => d.markdown?.includes('could not be generated'))?.markdown}`);
        if (end === step * 20) await renderAll(model, findings);
      }
    }
  });
});
