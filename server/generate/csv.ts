/**
 * CSV for every document the project writes as CSV (RFC 4180: CRLF line ends, fields quoted
 * when they hold a quote, comma or line break).
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or
 * carriage return) as a formula, so such a cell gets a leading apostrophe, as OWASP advises
 * ("CSV Injection"): `=HYPERLINK(…)` is shown as text. A plain negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell: neutralised, then quoted when RFC 4180 needs it. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as one CSV text, each row ending in CRLF. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
