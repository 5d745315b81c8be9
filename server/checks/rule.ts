import { FindingData, Severity } from '../common/finding';
import { Range } from '../common/range';
import { CoverageTarget } from '../model/analysis';
import { StudyModel } from '../model/model';

export interface Report {
  file: string;
  range: Range;
  message: string;
  suggestions?: string[];
  data?: FindingData;
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
  /** quick fixes the language server offers for it */
  fixes?: string[];
  check(context: RuleContext): void;
  cases: { valid: RuleCase[]; invalid: RuleCase[] };
}
