/**
 * Adding a rule:
 * 1. Create `rules/<rule-id>.ts` exporting one `Rule` (see `../rule.ts`): id, default severity,
 *    summary, docs, scope, `check` (or `checkBlock` for a rule that reads one block at a time),
 *    and its own cases: at least one valid and one invalid. Build
 *    cases from `CLEAN_STUDY` with `variant`, and mark each expected range with `[[` `]]`.
 * 2. If it has a quick fix, give it `fix` (helpers in `../fixes.ts`) and an `output` on each
 *    invalid case: the file after each fix, by title. `test/rules.test.ts` applies and compares.
 * 3. Add it to `RULES` below, and a row to the rules table in `docs/language.md`.
 * Facts that features or generators need too belong in `server/model/analysis.ts`, not here.
 */
import { Rule } from '../rule';
import { aimsMissing } from './aims-missing';
import { eligibilityMissing } from './eligibility-missing';
import { recruitmentMissing } from './recruitment-missing';
import { analysisMissing } from './analysis-missing';
import { withdrawalMissing } from './withdrawal-missing';
import { publicInvolvementMissing } from './public-involvement-missing';
import { consentWaivedIdentifiable } from './consent-waived-identifiable';
import { consentMissing } from './consent-missing';
import { constructMoved } from './construct-moved';
import { constructNotCovered } from './construct-not-covered';
import { digitalOnlyReach } from './digital-only-reach';
import { digitalWithoutEquity } from './digital-without-equity';
import { digitalWithoutTool } from './digital-without-tool';
import { duplicateName } from './duplicate-name';
import { duplicateProperty } from './duplicate-property';
import { ethicsMissing } from './ethics-missing';
import { exclusionNotSelected } from './exclusion-not-selected';
import { exclusionWithoutRationale } from './exclusion-without-rationale';
import { frameworkNotSelected } from './framework-not-selected';
import { guideTooLong } from './guide-too-long';
import { identifiableDataWithoutBasis } from './identifiable-data-without-basis';
import { importError } from './import-error';
import { invalidFramework } from './invalid-framework';
import { invalidSuppression, KNOWN_RULE_IDS } from './invalid-suppression';
import { invalidValue } from './invalid-value';
import { missingPerspective } from './missing-perspective';
import { missingProperty } from './missing-property';
import { participantQuestionMissing } from './participant-question-missing';
import { perspectiveMismatch } from './perspective-mismatch';
import { perspectiveNotPresent } from './perspective-not-present';
import { questionWithoutMethod } from './question-without-method';
import { retentionMissing } from './retention-missing';
import { syntaxError } from './syntax-error';
import { touchpointNotEvaluated } from './touchpoint-not-evaluated';
import { unknownConstruct } from './unknown-construct';
import { unknownFramework } from './unknown-framework';
import { unknownProperty } from './unknown-property';
import { unknownReference } from './unknown-reference';
import { unusedDeclaration } from './unused-declaration';
import { unusedMethod } from './unused-method';
import { vulnerableWithoutSafeguards } from './vulnerable-without-safeguards';
import { wrongKind } from './wrong-kind';

/** Every rule, in LANGUAGE.md's order; extensions last. */
export const RULES: readonly Rule[] = [
  syntaxError,
  unknownReference,
  wrongKind,
  duplicateName,
  unknownFramework,
  invalidFramework,
  unknownConstruct,
  frameworkNotSelected,
  importError,
  unknownProperty,
  invalidValue,
  missingProperty,
  constructNotCovered,
  touchpointNotEvaluated,
  missingPerspective,
  exclusionWithoutRationale,
  questionWithoutMethod,
  unusedMethod,
  perspectiveMismatch,
  digitalWithoutEquity,
  digitalWithoutTool,
  ethicsMissing,
  consentMissing,
  vulnerableWithoutSafeguards,
  identifiableDataWithoutBasis,
  retentionMissing,
  perspectiveNotPresent,
  exclusionNotSelected,
  digitalOnlyReach,
  unusedDeclaration,
  participantQuestionMissing,
  guideTooLong,
  aimsMissing,
  eligibilityMissing,
  recruitmentMissing,
  analysisMissing,
  withdrawalMissing,
  publicInvolvementMissing,
  consentWaivedIdentifiable,
  duplicateProperty,
  invalidSuppression,
  constructMoved,
];

/** Reported by the lint pipeline itself rather than by a check over a model. */
export const INVALID_CONFIG = {
  id: 'invalid-config',
  severity: 'error' as const,
  summary: 'A .studyspec.json file is not valid JSON or does not match its schema (an extension to LANGUAGE.md).',
  docs: 'The file is validated against schemas/studyspec.schema.json. While it is invalid, the default severities apply.',
};

KNOWN_RULE_IDS.push(...RULES.map((rule) => rule.id), INVALID_CONFIG.id);

export const RULES_BY_ID: ReadonlyMap<string, { id: string; severity: Rule['severity']; summary: string; docs: string }> = new Map([...RULES, INVALID_CONFIG].map((rule) => [rule.id, rule]));
