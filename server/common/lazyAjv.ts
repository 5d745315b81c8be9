import type Ajv from 'ajv';
import type { Options } from 'ajv';

/**
 * ajv, loaded on first use: only a user's framework file or `.studyspec.json` needs it, so a
 * plain `studyspec lint` never pays for loading and compiling it.
 */
export function newAjv(options: Options): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  return new AjvClass(options);
}
