import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { diskHost } from '../../server/common/diskHost';
import { StudyModel } from '../../server/model/model';
import { Program } from '../../server/model/program';
import { fixtureOf } from '../support/featureFixture';

// Compiled to out/test/generate/, so the repository root is three levels up.
export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'samples');

/** The samples that hold a study (the others are fragments they import), by file name. */
export const STUDY_SAMPLES: string[] = fs
  .readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.study'))
  .filter((f) => /^\s*study\s/m.test(fs.readFileSync(path.join(SAMPLES, f), 'utf8')))
  .sort();

/** A sample's linked model, read from disk with a fresh program. */
export function sampleModel(name: string): StudyModel {
  const model = new Program(diskHost).model(path.join(SAMPLES, name));
  assert.ok(model, `cannot read ${name}`);
  return model;
}

/** The model of `main.study` held in memory, with side files beside it. */
export function memoryModel(text: string, files: Record<string, string> = {}): StudyModel {
  const { model } = fixtureOf(text, files);
  assert.ok(model);
  return model;
}
