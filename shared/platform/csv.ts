/**
 * CSV for spreadsheets: RFC 4180 quoting and CRLF line ends, and text that a spreadsheet would run
 * as a formula (starting with = + - @, tab or CR) defused with a leading apostrophe (OWASP CSV
 * injection). Numbers stay numbers (`-32`, not `'-32`): a number, or text that is exactly a decimal
 * number, cannot be a formula. Other values that are not strings are written as JSON.
 */
export function csvCell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function csvTable<K extends string>(
  columns: ReadonlyArray<K>,
  rows: ReadonlyArray<Readonly<Record<K, unknown>>>,
): string {
  return (
    [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') +
    '\r\n'
  );
}
