import { Finding, Severity } from '../common/finding';
import { computeCoverage, CoverageTarget } from '../model/analysis';
import { StudyModel } from '../model/model';
import { Cancellation, CancelledError, throwIfCancelled } from '../common/cancellation';
import { Rule, RuleContext } from './rule';
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
  for (const rule of options.rules ?? RULES) {
    const setting = options.severities?.[rule.id];
    if (setting === 'off') continue;
    if (rule.scope === 'study' && !model.study) continue;
    throwIfCancelled(options.token);
    const severity = setting ?? rule.severity;
    const context: RuleContext = {
      model,
      coverage: () => (coverage ??= computeCoverage(model)),
      report: (report) =>
        findings.push({
          file: report.file,
          rule: rule.id,
          severity: setting ?? report.severity ?? severity,
          message: report.message,
          range: report.range,
          suggestions: report.suggestions,
          data: report.data,
        }),
    };
    try {
      rule.check(context);
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
