import { describe, expect, it } from 'vitest';
import { type Delimiter, detectDelimiter, parseCsv } from './csv.ts';
import { decodeBytes } from './decode.ts';
import { fixture } from './test-support.ts';

const text = (name: Parameters<typeof fixture>[0]) => {
  const r = decodeBytes(fixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r.text;
};

describe('detectDelimiter', () => {
  it.each<[string, string, Delimiter]>([
    ['HubSpot: 182 columns, ";" inside "Associated Company IDs"', text('hubspot'), ','],
    ['Salesforce Data Loader: every cell quoted', text('salesforce'), ','],
    [
      'Zoho re-saved by EU Excel: ";" with "," in values (1.250.000,50, "1, rue de Stockholm")',
      text('zoho'),
      ';',
    ],
    [
      'semicolons with commas inside quotes',
      'Name;Company;Phone\r\n"Smith, Bob";"A, B & C";+49 30 1\r\n',
      ';',
    ],
    ['commas with a quoted header cell holding ";"', '"Name;Alias",Email\nBob,bob@x.example\n', ','],
    ['tabs (Excel "Unicode text")', 'Name\tEmail\tPhone\nBob\tbob@x.example\t+1 202 555 0100\n', '\t'],
    ['pipes', 'Name|Email\nBob|bob@x.example\nAnn|ann@x.example\n', '|'],
    ['header only', 'First Name;Last Name;Email\r\n', ';'],
    ['one column: the default', 'Email\nbob@x.example\n', ','],
    ['quoted newline in the first data row', 'Name,Street,City\n"Bob","1 Main St\nSuite 2",Paris\n', ','],
    ['commas in free text outnumbered by consistent semicolons', 'a;b;c\n1;x, y, z, w;3\n4;5;6\n', ';'],
  ])('%s → %j', (_, input, expected) => {
    expect(detectDelimiter(input)).toBe(expected);
  });
});

describe('parseCsv', () => {
  it('reads the HubSpot export: 4 records of 182 cells, a quoted newline and doubled quotes', () => {
    const { records, issues } = parseCsv(text('hubspot'));
    expect(records.filter((r) => r.length > 1).map((r) => r.length)).toEqual([182, 182, 182, 182]);
    const street = records[0]!.indexOf('Street Address');
    expect(records[2]![street]).toBe('Room 1203\nNo. 88 Example Road');
    expect(records[3]![records[0]!.indexOf('Message')]).toBe('He said "call me after 5", thanks');
    expect(issues).toEqual([]);
  });

  it('reads the Salesforce multi-line street and keeps 18-character ids', () => {
    const { records } = parseCsv(text('salesforce'));
    expect(records[0]!.slice(0, 3)).toEqual(['ID', 'FIRSTNAME', 'LASTNAME']);
    expect(records[1]![0]).toBe('00Q5g00000AbCdEEAV');
    expect(records[1]![records[0]!.indexOf('STREET')]).toBe('1400 Smith Street\nEB 3885');
  });

  it('reads the Zoho CRLF file with empty cells and a quoted ";"', () => {
    const { delimiter, records } = parseCsv(text('zoho'));
    expect(delimiter).toBe(';');
    expect(records[0]![0]).toBe('Record Id');
    expect(records[1]![records[0]!.indexOf('Annual Revenue')]).toBe('1.250.000,50');
    expect(records[1]![records[0]!.indexOf('Description')]).toBe(
      'Vorstand: Marc Smith; Aufsichtsrat: Max Mix',
    );
    expect(records[2]![records[0]!.indexOf('First Name')]).toBe('');
  });

  it('keeps LF inside quotes when rows end in CRLF (Excel Alt+Enter)', () => {
    const { records } = parseCsv('a,b\r\n"x\ny",2\r\n3,4\r\n');
    expect(records.slice(0, 3)).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
      ['3', '4'],
    ]);
  });

  it('reports a quote that never closes with its row, instead of throwing', () => {
    const { records, issues } = parseCsv(
      'Name,Email\nBob,bob@x.example\n"Ann,ann@x.example\nEve,eve@x.example\n',
      ',',
    );
    expect(records[1]).toEqual(['Bob', 'bob@x.example']);
    expect(issues).toEqual([expect.objectContaining({ code: 'UNTERMINATED_QUOTE', row: 3 })]);
  });

  it('reports text after a closing quote', () => {
    const { issues } = parseCsv('Name,Email\n"Bob"x,bob@x.example\n', ',');
    expect(issues.map((i) => [i.code, i.row])).toContainEqual(['MALFORMED_QUOTE', 2]);
  });
});
