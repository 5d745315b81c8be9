import { Finding, Severity } from '../common/finding';
import { computeCoverage, CoverageTarget } from '../model/analysis';
import { StudyModel } from '../model/model';
import { Cancellation, CancelledError, throwIfCancelled } from '../common/cancellation';
import { blockReports } from './blocks';
import { Report, Rule, RuleContext } from './rule';
import { RULES } from './rules';

export interface CheckOptions {
  rules?: readonly Rule[];
  /** per-rule severity overrides; "off" drops the rule */
  severities?: Record<string, Severity | 'off'>;
  token?: Cancellation;
}

/** Runs every rule over a model. Study-scope rules are skipped for a fragment no study imports. */
export function runChecks(model: StudyModel, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  let coverage: CoverageTarget[] | undefined;
  const rules = (options.rules ?? RULES).filter((rule) => options.severities?.[rule.id] !== 'off' && !(rule.scope === 'study' && !model.study));
  // the block checks' reports, found in one walk when the first of them runs
  let byBlock: Map<Rule, Report[]> | undefined;
  const blockRules = rules.filter((rule) => rule.checkBlock);
  const reportsOf = (rule: Rule): Report[] => {
    if (!byBlock) {
      byBlock = new Map();
      try {
        const lists = blockReports(
          model,
          blockRules.map((r) => r.checkBlock!),
        );
        blockRules.forEach((r, i) => byBlock!.set(r, lists[i]));
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        // one of them is faulty: each is then run on its own, and the faulty one reports its error
      }
    }
    return byBlock.get(rule) ?? blockReports(model, [rule.checkBlock!])[0];
  };
  for (const rule of rules) {
    throwIfCancelled(options.token);
    const setting = options.severities?.[rule.id] as Severity | undefined;
    const severity = setting ?? rule.severity;
    const report = (report: Report): void => {
      findings.push({
        file: report.file,
        rule: rule.id,
        severity: setting ?? report.severity ?? severity,
        message: report.message,
        range: report.range,
        suggestions: report.suggestions,
        data: report.data,
      });
    };
    const context: RuleContext = { model, coverage: () => (coverage ??= computeCoverage(model)), report };
    try {
      if (rule.checkBlock) for (const found of reportsOf(rule)) report(found);
      rule.check?.(context);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      // a faulty rule must not hide the others' findings
      findings.push({
        file: model.root.path,
        rule: rule.id,
        severity: 'error',
        message: `Internal error in rule ${rule.id}: ${error instanceof Error ? error.message : String(error)}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return findings;
}
