import { programIndex, StudyIndex } from '../../server/features/navigation';
import { FeatureFixture, fixtureAt } from './featureFixture';

/** A feature fixture (main.study with a `$0` cursor, `files` beside it) and a StudyIndex over all its files. */
export function indexAt(marked: string, files: Record<string, string> = {}): FeatureFixture & { index: StudyIndex; main: string } {
  const fixture = fixtureAt(marked, files);
  const index = programIndex(fixture.program, () => [...fixture.host.files.keys()]);
  return { ...fixture, index, main: fixture.file.path };
}
