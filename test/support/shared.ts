import * as fs from 'fs';
import * as path from 'path';

// Compiled to out/test/support/, so the repository root is three levels up.
const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * The team's shared folder (the contract in spec/, its examples): $STUDYSPEC_SHARED if set, else
 * `shared/` beside the repository (a clone next to it, as CI's), else beside the folder that holds
 * the repository (a git worktree such as wt/NAME). When none exists, the first of these.
 */
export function sharedFolder(): string {
  const candidates = [process.env.STUDYSPEC_SHARED, path.resolve(REPO_ROOT, '..', 'shared'), path.resolve(REPO_ROOT, '..', '..', 'shared')].filter((dir): dir is string => !!dir);
  return candidates.find((dir) => fs.existsSync(dir)) ?? candidates[0];
}

export const SHARED = sharedFolder();
/** The contract's example studies in version 1, and in version 2. */
export const SHARED_EXAMPLES_V1 = path.join(SHARED, 'spec', 'examples');
export const SHARED_EXAMPLES_V2 = path.join(SHARED, 'spec', 'examples-v2');
