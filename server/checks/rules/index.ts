import { Rule } from '../rule';
import { constructNotCovered, exclusionWithoutRationale, frameworkNotSelected } from './coverage';
import { consentMissing, ethicsMissing, identifiableDataWithoutBasis, retentionMissing, unusedDeclaration, vulnerableWithoutSafeguards } from './ethics';
import { importError } from './importError';
import { perspectiveMismatch, questionWithoutMethod, unusedMethod } from './methods';
import { duplicateName, duplicateProperty, invalidValue, missingProperty, unknownProperty } from './properties';
import { invalidFramework, unknownConstruct, unknownFramework, unknownReference, wrongKind } from './references';
import { invalidSuppression, KNOWN_RULE_IDS } from './suppressions';
import { syntaxError } from './syntaxError';
import { digitalWithoutEquity, digitalWithoutTool, missingPerspective, touchpointNotEvaluated } from './touchpoints';

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
  unusedDeclaration,
  duplicateProperty,
  invalidSuppression,
];

/** Reported by the lint pipeline itself rather than by a check over a model. */
export const INVALID_CONFIG = {
  id: 'invalid-config',
  severity: 'error' as const,
  summary: 'A .studyspec.json file is not valid JSON or does not match its schema (an extension to LANGUAGE.md).',
  docs: 'The file is validated against schemas/studyspec.schema.json. While it is invalid, the default severities apply.',
};

KNOWN_RULE_IDS.push(...RULES.map((rule) => rule.id), INVALID_CONFIG.id);

export const RULES_BY_ID: ReadonlyMap<string, { id: string; severity: Rule['severity']; summary: string; docs: string }> = new Map(
  [...RULES, INVALID_CONFIG].map((rule) => [rule.id, rule]),
);
