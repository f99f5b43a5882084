/**
 * CSV for spreadsheets: RFC 4180 quoting and CRLF line ends, and cells that a spreadsheet would run
 * as a formula (starting with = + - @, tab or CR) defused with a leading apostrophe (OWASP CSV
 * injection). Values that are not strings are written as JSON.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvTable<K extends string>(
  columns: ReadonlyArray<K>,
  rows: ReadonlyArray<Readonly<Record<K, unknown>>>,
): string {
  return (
    [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') +
    '\r\n'
  );
}
