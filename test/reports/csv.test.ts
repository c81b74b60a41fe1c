/** findings.csv: RFC 4180 quoting and spreadsheet formula injection neutralised. */
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvReport, neutralise } from '../../reports/csv.js';
import { finding } from '../helpers/findings.js';

/** An RFC 4180 reader: quoted fields with doubled quotes, CRLF records, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
    }
    row.push(value);
    if (text.startsWith(',', i)) i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else if (i < text.length) throw new Error(`junk after a field at ${i}`);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

describe('neutralise', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd|\' /C calc\'!A0', `'+1+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('prefixes %j with an apostrophe', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });

  it.each(['sg-123', 'a=b', 'default (sg-1)', '', 'arn:aws:iam::1:user/x'])('leaves %j alone', (value) => {
    expect(neutralise(value)).toBe(value);
  });
});

describe('csvField', () => {
  it('quotes every field and doubles inner quotes; commas and line breaks stay inside', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2\r\nline3')).toBe('"line1\nline2\r\nline3"');
    expect(csvField('=1,"2"')).toBe(`"'=1,""2"""`);
  });
});

describe('csvReport', () => {
  const hostile = [
    finding({ resource: 'sg-1', name: '=cmd|\' /C calc\'!A0', tags: { Owner: '@admin', Team: '+ops' }, reason: 'has "quotes", commas\nand a line break' }),
    finding({ resource: 'sg-2', name: '-1', status: 'PASSED' }),
    finding({ resource: 'sg-3', name: '\tTabbed', reason: '\rcarriage' }),
  ];
  const rows = parseCsv(csvReport(hostile));

  it('writes a header and one row per finding that a strict RFC 4180 reader reads back', () => {
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const col = (name: string) => CSV_COLUMNS.indexOf(name);
    expect(rows[1]![col('Reason')]).toBe('has "quotes", commas\nand a line break');
    expect(rows[1]![col('Status')]).toBe('FAILED');
    expect(rows[2]![col('Status')]).toBe('PASSED');
    expect(rows[1]![col('FindingId')]).toBe(hostile[0]!.Id);
  });

  it('neutralises every value a spreadsheet would run as a formula', () => {
    const col = (name: string) => CSV_COLUMNS.indexOf(name);
    expect(rows[1]![col('ResourceName')]).toBe(`'=cmd|' /C calc'!A0`);
    expect(rows[1]![col('Tags')]).toBe('Owner=@admin; Team=+ops');
    expect(rows[2]![col('ResourceName')]).toBe(`'-1`);
    expect(rows[3]![col('ResourceName')]).toBe(`'\tTabbed`);
    expect(rows[3]![col('Reason')]).toBe(`'\rcarriage`);
    for (const row of rows.slice(1)) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('starts with a UTF-8 byte order mark and ends records with CRLF', () => {
    const text = csvReport(hostile);
    expect(text.startsWith('\uFEFF"Status"')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
