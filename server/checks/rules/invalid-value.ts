import { nearestNames } from '../../common/nearest';
import { Value } from '../../model/ast';
import { METHOD_KINDS, ROLES, ValueSpec } from '../../model/schema';
import { NO_REPORTS } from '../blocks';
import { replaceWithSuggestions } from '../fixes';
import { CLEAN_STUDY, variant } from '../fixture';
import { Report, Rule } from '../rule';

function describeSpec(spec: ValueSpec): string {
  switch (spec.type) {
    case 'string':
      return 'a "string"';
    case 'text':
      return 'a "string" or a """text block"""';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'boolean':
      return 'yes or no';
    case 'count':
      return spec.single ? 'a number' : 'a number or a range such as 12..16';
    case 'ref':
      return `names of ${spec.kinds.map((k) => `${k}s`).join(' or ')}`;
    case 'construct':
      return 'construct references such as npt.coherence';
    case 'framework':
      return 'framework ids or "paths/to/framework.json"';
  }
}

function describeValue(value: Value): string {
  switch (value.kind) {
    case 'string':
      return value.form === 'text' ? 'a text block' : `the string "${value.text}"`;
    case 'number':
      return `the number ${value.value}`;
    case 'range':
      return `the range ${value.min}..${value.max}`;
    case 'boolean':
      return value.value ? 'yes' : 'no';
    case 'ref':
      return `'${value.path}'`;
  }
}

/** Why a value does not fit its spec, with the values to suggest instead; undefined when it fits. */
export function valueMismatch(spec: ValueSpec, value: Value): { message: string; suggestions?: string[] } | undefined {
  switch (spec.type) {
    case 'string':
    case 'text':
      return value.kind === 'string' ? undefined : { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}` };
    case 'boolean':
      return value.kind === 'boolean' ? undefined : { message: `expects yes or no, not ${describeValue(value)}`, suggestions: ['yes', 'no'] };
    case 'count':
      if (value.kind === 'number') return undefined;
      if (value.kind === 'range' && spec.single) return { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}`, suggestions: [String(value.max)] };
      if (value.kind === 'range')
        return value.min <= value.max ? undefined : { message: `the range ${value.min}..${value.max} runs backwards; write ${value.max}..${value.min}`, suggestions: [`${value.max}..${value.min}`] };
      return { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}` };
    case 'enum': {
      if (value.kind === 'ref' && value.segments.length === 1 && spec.values.includes(value.path)) return undefined;
      if (value.kind === 'string' && spec.values.includes(value.text)) return { message: `takes a name: write ${value.text} without quotes`, suggestions: [value.text] };
      const written = value.kind === 'ref' ? value.path : value.kind === 'string' ? value.text : '';
      const suggestions = written ? nearestNames(written, spec.values) : [];
      return { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}`, suggestions };
    }
    case 'ref':
    case 'construct':
      return value.kind === 'ref' ? undefined : { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}` };
    case 'framework':
      return value.kind === 'ref' || (value.kind === 'string' && value.form === 'string') ? undefined : { message: `expects ${describeSpec(spec)}, not ${describeValue(value)}` };
  }
}

export const invalidValue: Rule = {
  id: 'invalid-value',
  severity: 'error',
  summary: "A value outside the key's allowed set or of the wrong kind.",
  docs: 'Enumerated values (channels, perspectives, roles, method kinds, consent types…) are written without quotes; labels and descriptions are quoted strings; samples are numbers or ranges such as `12..16`. A key that takes one value gets one.',
  scope: 'file',
  fix: replaceWithSuggestions,
  checkBlock(block) {
    let reports: Report[] | undefined;
    const specs = block.specs;
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i];
      if (!spec) continue;
      const values = block.properties[i].values;
      for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (!spec.list && index > 0) {
          (reports ??= []).push({ file: block.file, range: value.range, message: `'${spec.key}' takes a single value` });
          continue;
        }
        const mismatch = valueMismatch(spec.value, value);
        if (mismatch)
          (reports ??= []).push({ file: block.file, range: value.range, message: `'${spec.key}' ${mismatch.message}`, suggestions: mismatch.suggestions, data: { replaceRange: value.range } });
      }
    }
    return reports ?? NO_REPORTS;
  },
  // after every block's values: the roles and method kinds of declarations
  check({ model, report }) {
    for (const declaration of model.declarations) {
      const qualifier = declaration.kind === 'actor' ? declaration.role : declaration.kind === 'method' ? declaration.methodKind : undefined;
      if (!qualifier?.text) continue;
      const allowed: readonly string[] = declaration.kind === 'actor' ? ROLES : METHOD_KINDS;
      if (allowed.includes(qualifier.text)) continue;
      const suggestions = nearestNames(qualifier.text, allowed);
      const what = declaration.kind === 'actor' ? 'role' : 'method kind';
      report({
        file: declaration.file,
        range: qualifier.range,
        message: `'${qualifier.text}' is not a ${what}; use one of ${allowed.join(', ')}`,
        suggestions,
        data: { replaceRange: qualifier.range },
      });
    }
  },
  cases: {
    valid: [
      { name: 'allowed values', code: variant('recording: audio', 'recording: audio\n    sample: 12..16\n    mode: video') },
      { name: 'version 2 method keys', code: variant('recording: audio', 'recording: audio\n    duration: 45\n    consent: implied\n    incentive: "A 20 pound voucher"') },
    ],
    invalid: [
      { name: 'unknown channel', code: variant('channel: face_to_face', 'channel: [[face2face]]'), messages: ['one of digital'] },
      { name: 'quoted enum', code: variant('perspective: both', 'perspective: [["both"]]'), messages: ['without quotes'], output: { "Change to 'both'": CLEAN_STUDY } },
      {
        name: 'backwards range',
        code: variant('recording: audio', 'recording: audio\n    sample: [[16..12]]'),
        messages: ['runs backwards'],
        output: { "Change to '12..16'": variant('recording: audio', 'recording: audio\n    sample: 12..16') },
      },
      {
        name: 'duration as a range',
        code: variant('recording: audio', 'recording: audio\n    duration: [[40..50]]'),
        messages: ['expects a number'],
        output: { "Change to '50'": variant('recording: audio', 'recording: audio\n    duration: 50') },
      },
      { name: 'two values for a single key', code: variant('perspective: both', 'perspective: both, [[staff]]'), messages: ['single value'] },
      { name: 'unknown role', code: variant('actor nurse: staff', 'actor nurse: [[staf]]'), messages: ['not a role'], output: { "Change to 'staff'": CLEAN_STUDY } },
      { name: 'unknown method kind', code: variant('method talks: interview', 'method talks: [[interveiw]]'), messages: ['not a method kind'], output: { "Change to 'interview'": CLEAN_STUDY } },
      { name: 'a string where a name is expected', code: variant('about: visit', 'about: [["visit"]]'), messages: ['expects names of touchpoints or services'] },
    ],
  },
};
