import { describe, expect, it } from 'vitest';
import { csvCell, csvTable } from '../../../shared/platform/csv';

describe('CSV cells', () => {
  it('keeps numbers as numbers, negative ones too, so a spreadsheet can sum them', () => {
    expect(csvCell(-32)).toBe('-32');
    expect(csvCell(7)).toBe('7');
    expect(csvCell('-32')).toBe('-32');
    expect(csvCell('+4.5')).toBe('+4.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it.each([
    ['=HYPERLINK("https://evil.example")', `"'=HYPERLINK(""https://evil.example"")"`],
    ['-2+3+cmd|/C calc', "'-2+3+cmd|/C calc"],
    ['+1-1', "'+1-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-32 days', "'-32 days"],
    ['\tTab', "'\tTab"],
  ])('defuses formula-like text %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(csvTable(['a', 'b'], [{ a: 'x, y', b: 'say "hi"\nthere' }])).toBe(
      'a,b\r\n"x, y","say ""hi""\nthere"\r\n',
    );
  });
});
