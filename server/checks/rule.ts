import { FileEdit } from '../common/edit';
import { Finding, FindingData, Severity } from '../common/finding';
import { Range } from '../common/range';
import { CoverageTarget } from '../model/analysis';
import { StudyFile } from '../model/ast';
import { StudyModel } from '../model/model';
import { BlockCheck } from './blocks';

export interface Report {
  file: string;
  range: Range;
  message: string;
  suggestions?: string[];
  data?: FindingData;
  /** this finding's severity when it differs from the rule's default (a user's setting still wins) */
  severity?: Severity;
}

export interface RuleContext {
  model: StudyModel;
  report(report: Report): void;
  /** memoised: computed once per check run */
  coverage(): CoverageTarget[];
}

/**
 * A test case in a rule's own module. `code` is the main file; `[[` and `]]` mark each range the
 * rule must report (invalid cases) and are removed before checking. `files` adds fragments or
 * framework files beside it, by relative path.
 */
export interface RuleCase {
  name: string;
  code: string;
  files?: Record<string, string>;
  /** a part each expected message must contain, in order of the markers */
  messages?: string[];
  /**
   * ESLint's `output`: the main file after each quick fix, by the fix's title. An invalid case
   * whose findings get fixes must list at least one; each listed fix must be offered.
   */
  output?: Record<string, string>;
}

/** One quick fix: its title and the edits it applies. */
export interface QuickFix {
  title: string;
  edits: FileEdit[];
  isPreferred?: boolean;
}

/** What a rule's `fix` sees of one of its findings. */
export interface FixContext {
  finding: Finding;
  /** the model the finding came from (for a fragment, the importing study's) */
  model: StudyModel;
  /** the finding's file */
  file: StudyFile;
  /** any file of the program, as the editor has it */
  fileOf(path: string): StudyFile | undefined;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** one line, shown on hover over the rule id and in SARIF */
  summary: string;
  /** what a reviewer would say, and how to fix it */
  docs: string;
  /** 'study' rules need the whole study and are skipped for a fragment that no study imports */
  scope: 'file' | 'study';
  /** the quick fixes offered for one finding (suppression comments are offered for every rule) */
  fix?(context: FixContext): QuickFix[];
  check?(context: RuleContext): void;
  /**
   * For a rule that reads one block at a time: its reports for one block, from that block alone.
   * Every such rule runs in one walk over the blocks, and a block's reports are kept with it for
   * the next check of a model that holds it (its text does not change after parsing, but the
   * editor's re-parse moves its ranges in place: take a report's range from the node, never a
   * copy of its positions). They come before what `check`, if given too, reports.
   */
  checkBlock?: BlockCheck;
  cases: { valid: RuleCase[]; invalid: RuleCase[] };
}
