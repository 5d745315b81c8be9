import { Range } from '../common/range';
import { Declaration } from '../model/ast';
import { answerOf } from '../model/fieldwork';
import { Report } from './rule';

/**
 * Reports a key a block must answer: at `anchor` when it is missing (with the key in the
 * finding's data, for the fix that inserts a placeholder), or at the placeholder left in it.
 */
export function reportUnanswered(
  report: (report: Report) => void,
  owner: { properties: Declaration['properties']; file: string },
  anchor: Range,
  key: string,
  missing: string,
  severity?: Report['severity'],
): void {
  const answer = answerOf(owner, key);
  if (answer.state === 'given') return;
  if (answer.state === 'placeholder') report({ file: owner.file, range: answer.range ?? anchor, message: `'${key}' still holds a placeholder: replace it with the answer`, severity });
  else report({ file: owner.file, range: anchor, message: missing, data: { keys: [key] }, severity });
}
