import { Position } from '../../server/common/range';
import { StudyFile } from '../../server/model/ast';
import { StudyModel } from '../../server/model/model';
import { Program } from '../../server/model/program';
import { extractCursor } from './markers';
import { MemoryHost } from './memoryHost';

export interface FeatureFixture {
  host: MemoryHost;
  program: Program;
  file: StudyFile;
  /** linked in the right context: for a fragment, the first other file that is a study importing it */
  model: StudyModel | undefined;
  position: Position;
  text: string;
}

/**
 * A rust-analyzer-style fixture: `marked` is `main.study` with a `$0` cursor; `files` adds
 * fragments and studies beside it, by relative path.
 */
export function fixtureAt(marked: string, files: Record<string, string> = {}): FeatureFixture {
  const { text, position } = extractCursor(marked);
  return fixtureOf(text, files, position);
}

/** The same, for a text without a cursor. */
export function fixtureOf(text: string, files: Record<string, string> = {}, position: Position = { line: 0, character: 0 }): FeatureFixture {
  const host = new MemoryHost();
  for (const [name, other] of Object.entries(files)) host.set(name, other);
  const main = host.set('main.study', text);
  const program = new Program(host);
  const file = program.fileFromText(main, text);
  let model = program.modelOf(file);
  if (!file.study) {
    const importer = program.importersOf(main, [...host.files.keys()])[0];
    if (importer) model = program.model(importer) ?? model;
  }
  return { host, program, file, model, position, text };
}
