import { nearestNames } from '../../common/nearest';
import { Value } from '../../model/ast';
import { METHOD_KINDS, METHODS_WITH_PARTICIPANTS, PROPERTY_SPECS, propertySpec, ROLES, ValueSpec } from '../../model/schema';
import { Rule } from '../rule';
import { CLEAN_STUDY, variant } from './fixture';
import { BLOCK_NAMES, blocksOf } from './blocks';

export const unknownProperty: Rule = {
  id: 'unknown-property',
  severity: 'warning',
  summary: 'A key the block does not know.',
  docs: 'Each block has its own keys (LANGUAGE.md lists them). An unknown key is ignored by the generated documents, so a typo silently loses information. The nearest key is suggested.',
  scope: 'file',
  fixes: ['Replace with the nearest key'],
  check({ model, report }) {
    for (const block of blocksOf(model)) {
      for (const property of block.properties) {
        if (!property.key.text || propertySpec(block.kind, property.key.text)) continue;
        const known = PROPERTY_SPECS[block.kind].map((spec) => spec.key);
        const suggestions = nearestNames(property.key.text, known);
        const hint = suggestions.length ? `did you mean '${suggestions[0]}'?` : `known keys: ${known.join(', ')}`;
        report({ file: block.file, range: property.key.range, message: `${BLOCK_NAMES[block.kind][0].toUpperCase()}${BLOCK_NAMES[block.kind].slice(1)} has no key '${property.key.text}'; ${hint}`, suggestions, data: { replaceRange: property.key.range } });
      }
    }
  },
  cases: {
    valid: [{ name: 'known keys', code: CLEAN_STUDY }],
    invalid: [
      { name: 'misspelt key', code: variant('perspective: both', '[[perspectiv]]: both\n    perspective: both'), messages: ["did you mean 'perspective'"] },
      { name: 'key of another block', code: variant('recording: audio', 'recording: audio\n    [[channel]]: video'), messages: ['A method has no key'] },
    ],
  },
};

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
      if (value.kind === 'range') return value.min <= value.max ? undefined : { message: `the range ${value.min}..${value.max} runs backwards; write ${value.max}..${value.min}`, suggestions: [`${value.max}..${value.min}`] };
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
  fixes: ['Replace with the nearest allowed value'],
  check({ model, report }) {
    for (const block of blocksOf(model)) {
      for (const property of block.properties) {
        const spec = propertySpec(block.kind, property.key.text);
        if (!spec) continue;
        const values = property.values;
        for (let index = 0; index < values.length; index++) {
          const value = values[index];
          if (!spec.list && index > 0) {
            report({ file: block.file, range: value.range, message: `'${spec.key}' takes a single value` });
            continue;
          }
          const mismatch = valueMismatch(spec.value, value);
          if (mismatch) report({ file: block.file, range: value.range, message: `'${spec.key}' ${mismatch.message}`, suggestions: mismatch.suggestions, data: { replaceRange: value.range } });
        }
      }
    }
    for (const declaration of model.declarations) {
      const qualifier = declaration.kind === 'actor' ? declaration.role : declaration.kind === 'method' ? declaration.methodKind : undefined;
      if (!qualifier?.text) continue;
      const allowed: readonly string[] = declaration.kind === 'actor' ? ROLES : METHOD_KINDS;
      if (allowed.includes(qualifier.text)) continue;
      const suggestions = nearestNames(qualifier.text, allowed);
      const what = declaration.kind === 'actor' ? 'role' : 'method kind';
      report({ file: declaration.file, range: qualifier.range, message: `'${qualifier.text}' is not a ${what}; use one of ${allowed.join(', ')}`, suggestions, data: { replaceRange: qualifier.range } });
    }
  },
  cases: {
    valid: [
      { name: 'allowed values', code: variant('recording: audio', 'recording: audio\n    sample: 12..16\n    mode: video') },
      { name: 'version 2 method keys', code: variant('recording: audio', 'recording: audio\n    duration: 45\n    consent: implied\n    incentive: "A 20 pound voucher"') },
    ],
    invalid: [
      { name: 'unknown channel', code: variant('channel: face_to_face', 'channel: [[face2face]]'), messages: ['one of digital'] },
      { name: 'quoted enum', code: variant('perspective: both', 'perspective: [["both"]]'), messages: ['without quotes'] },
      { name: 'backwards range', code: variant('recording: audio', 'recording: audio\n    sample: [[16..12]]'), messages: ['runs backwards'] },
      { name: 'duration as a range', code: variant('recording: audio', 'recording: audio\n    duration: [[40..50]]'), messages: ['expects a number'] },
      { name: 'two values for a single key', code: variant('perspective: both', 'perspective: both, [[staff]]'), messages: ['single value'] },
      { name: 'unknown role', code: variant('actor nurse: staff', 'actor nurse: [[staf]]'), messages: ['not a role'] },
      { name: 'unknown method kind', code: variant('method talks: interview', 'method talks: [[interveiw]]'), messages: ['not a method kind'] },
      { name: 'a string where a name is expected', code: variant('about: visit', 'about: [["visit"]]'), messages: ['expects names of touchpoints or services'] },
    ],
  },
};

export const missingProperty: Rule = {
  id: 'missing-property',
  severity: 'error',
  summary: 'A required key is absent.',
  docs: 'A study needs `frameworks`; a touchpoint needs `channel`; a question needs `about` and `perspective`; interviews, focus groups, surveys and observation need `participants`.',
  scope: 'file',
  fixes: ['Add the key'],
  check({ model, report }) {
    for (const block of blocksOf(model)) {
      const missing: string[] = [];
      for (const spec of PROPERTY_SPECS[block.kind]) if (spec.required && !block.properties.some((p) => p.key.text === spec.key)) missing.push(spec.key);
      if (block.node.kind === 'method' && block.node.methodKind && METHODS_WITH_PARTICIPANTS.includes(block.node.methodKind.text) && !block.properties.some((p) => p.key.text === 'participants')) {
        missing.push('participants');
      }
      if (missing.length === 0) continue;
      const range = 'name' in block.node && block.node.name.text ? block.node.name.range : block.node.keywordRange;
      const label = block.node.kind === 'method' ? block.node.methodKind?.text ?? 'method' : block.kind;
      report({ file: block.file, range, message: `This ${label} is missing ${missing.map((k) => `'${k}'`).join(' and ')}`, data: { keys: missing } });
    }
  },
  cases: {
    valid: [{ name: 'all required keys', code: CLEAN_STUDY }],
    invalid: [
      { name: 'touchpoint without channel', code: variant('touchpoint visit "Clinic visit" {\n      channel: face_to_face\n', 'touchpoint [[visit]] "Clinic visit" {\n'), messages: ["missing 'channel'"] },
      { name: 'interview without participants', code: variant('    participants: patient, nurse\n', '', variant('method talks', 'method [[talks]]')), messages: ["interview is missing 'participants'"] },
      { name: 'study without frameworks', code: variant('  frameworks: reaim.reach\n', '', variant('study clinic', 'study [[clinic]]')), messages: ["missing 'frameworks'"] },
    ],
  },
};

export const duplicateProperty: Rule = {
  id: 'duplicate-property',
  severity: 'warning',
  summary: 'A key is given twice in one block (an extension to LANGUAGE.md); only the first is used.',
  docs: 'List several values after one key, separated by commas, instead of repeating the key.',
  scope: 'file',
  check({ model, report }) {
    for (const block of blocksOf(model)) {
      const properties = block.properties;
      // blocks hold a handful of keys: a pairwise look is cheaper than a Set per block (but not for a huge one)
      const seen = properties.length > 16 ? new Set<string>() : undefined;
      for (let i = 0; i < properties.length; i++) {
        const key = properties[i].key.text;
        let repeated = false;
        if (seen) {
          repeated = seen.has(key);
          seen.add(key);
        } else for (let j = 0; j < i && !repeated; j++) repeated = properties[j].key.text === key;
        if (repeated) report({ file: block.file, range: properties[i].key.range, message: `'${key}' is given twice in this block; only the first is used. List several values after one key, separated by commas` });
      }
    }
  },
  cases: {
    valid: [{ name: 'each key once', code: CLEAN_STUDY }],
    invalid: [{ name: 'repeated key', code: variant('recording: audio', 'recording: audio\n    [[recording]]: notes'), messages: ['given twice'] }],
  },
};

export const duplicateName: Rule = {
  id: 'duplicate-name',
  severity: 'error',
  summary: 'Two declarations of the same kind share a name in one study.',
  docs: 'References could not tell them apart. Fragments count: a name declared in an imported file and again in the study is a duplicate.',
  scope: 'file',
  check({ model, report }) {
    for (const [name, declarations] of model.symbols) {
      const firstOfKind = new Map<string, (typeof declarations)[number]>();
      for (const declaration of declarations) {
        const first = firstOfKind.get(declaration.kind);
        if (!first) {
          firstOfKind.set(declaration.kind, declaration);
          continue;
        }
        const where = first.file === declaration.file ? `line ${first.name.range.start.line + 1}` : `${first.file.split(/[\\/]/).pop()}:${first.name.range.start.line + 1}`;
        report({ file: declaration.file, range: declaration.name.range, message: `There is already ${BLOCK_NAMES[declaration.kind]} named '${name}' (${where})` });
      }
    }
  },
  cases: {
    valid: [{ name: 'a question named like a touchpoint', code: variant('question reach_q', 'question visit') }],
    invalid: [{ name: 'two actors named nurse', code: variant('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  actor [[nurse]]: manager "Ward managers"'), messages: ["already an actor named 'nurse'"] }],
  },
};
