import { describe, expect, it } from 'vitest';
import { buildImportPreview } from './preview.ts';
import { codes, ok } from './test-support.ts';

describe('buildImportPreview: row problems', () => {
  const csv = [
    'Name,Company,Email,Phone',
    'Ann Ok,Acme,ann@acme.example,+49 30 1234567', //   2 ok
    ',,,', //                                            3 blank: skipped
    ',,not-an-email,', //                                4 nothing usable left
    'Bob Bad,Acme,bob(at)acme,+49 171 2345678', //       5 invalid email dropped
    'Cem Sci,Acme,cem@acme.example,1.38001E+10', //      6 phone mangled by Excel
    'Dee Short,Acme,dee@acme.example,+49 173 911', //    7 not a real number
    'Eve Dup,Acme,ANN@acme.example,', //                 8 same email as row 2 (case-insensitive)
    'Fay Known,Acme,fay@known.example,', //              9 already a lead
    'Gus Name,,,', //                                   10 a name only
    ',,,1.38001E+10', //                                11 only a mangled phone
    'Hal Ext,Acme,,+49 30 1234567 ext. 12', //          12 same phone as row 2 (extension ignored)
  ].join('\r\n');
  const existing = (emails: string[]) =>
    emails.includes('fay@known.example') ? 'lead-fay-000001' : undefined;
  const p = ok(buildImportPreview(csv, { region: 'DE', existing }));

  it.each<[number, string, string[]]>([
    [2, 'ok', []],
    [4, 'error', ['INVALID_EMAIL', 'NO_CONTACT']],
    [5, 'warning', ['INVALID_EMAIL']],
    [6, 'warning', ['PHONE_MANGLED']],
    [7, 'warning', ['PHONE_INVALID']],
    [8, 'error', ['DUPLICATE_IN_FILE']],
    [9, 'error', ['DUPLICATE_LEAD']],
    [10, 'warning', ['NO_EMAIL_OR_PHONE']],
    [11, 'error', ['PHONE_MANGLED', 'NO_CONTACT']],
    [12, 'error', ['DUPLICATE_IN_FILE']],
  ])('row %i: %s %j', (row, status, expected) => {
    const r = p.rows.find((x) => x.row === row)!;
    expect(r.status).toBe(status);
    expect(codes(r)).toEqual(expected);
    expect(r.key !== undefined).toBe(status !== 'error');
  });

  it('skips blank rows but keeps spreadsheet row numbers', () => {
    expect(p.rows.map((r) => r.row)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(p.counts).toEqual({ ok: 1, warning: 4, error: 5, alreadyImported: 0 });
  });

  it('names the lead or the row a duplicate repeats', () => {
    expect(p.rows.find((r) => r.row === 9)!.problems[0]).toMatchObject({
      existingLeadId: 'lead-fay-000001',
      message: 'Already a lead of the team, with the same email (fay@known.example).',
    });
    expect(p.rows.find((r) => r.row === 8)!.problems[0]).toMatchObject({ firstRow: 2 });
  });

  it('never guesses a mangled phone: the row keeps only what is intact', () => {
    const r = p.rows.find((x) => x.row === 6)!;
    expect(r.draft.contact.phones).toEqual([]);
    expect(r.problems[0]!.message).toContain('1.38001E+10');
  });

  it('flags rows with too few or too many cells', () => {
    const q = ok(buildImportPreview('Name,Email\nAnn,ann@x.example,extra\nBob\n'));
    expect(q.rows.map(codes)).toEqual([['CELL_COUNT'], ['CELL_COUNT', 'NO_EMAIL_OR_PHONE']]);
  });

  it('truncates values longer than a lead field holds', () => {
    const q = ok(buildImportPreview(`Name,Email\n${'x'.repeat(250)},a@x.example\n`));
    expect(q.rows[0]!.draft.contact.name).toHaveLength(200);
    expect(codes(q.rows[0]!)).toEqual(['TRUNCATED']);
  });
});

describe('buildImportPreview: numbers without a country code', () => {
  const preview = (rows: string[], header = 'Name,Phone,Country') =>
    ok(buildImportPreview([header, ...rows].join('\n'), { region: 'DE' }));

  it('a national number in a row without a country is read in the team region, and the file says so once', () => {
    const p = preview(['Ann,030 1234567,', 'Bob,0171 2345678,']);
    expect(p.rows.map((r) => [r.status, r.draft.contact.phones])).toEqual([
      ['ok', ['+49301234567']],
      ['ok', ['+491712345678']],
    ]);
    expect(p.fileProblems).toEqual([
      expect.objectContaining({ code: 'PHONES_REGION_ASSUMED', message: expect.stringMatching(/^2 phone/) }),
    ]);
  });

  it('no notice when every number carries its country, or its row does', () => {
    const p = preview(['Ann,+49 30 1234567,', 'Bob,(713) 555-0147,USA', 'Cem,0049 171 2345678,']);
    expect(p.rows.map((r) => r.draft.contact.phones)).toEqual([
      ['+49301234567'],
      ['+17135550147'],
      ['+491712345678'],
    ]);
    expect(p.fileProblems).toEqual([]);
    expect(p.rows.every((r) => r.status === 'ok')).toBe(true);
  });

  it.each(['713-555-0147', '(713) 555-0147', '713.555.0147 x 12'])(
    '"%s" without a country is flagged: written the North American way, read as German',
    (phone) => {
      const [row] = preview([`Ann,${phone},`]).rows;
      expect(row!.status).toBe('warning');
      expect(codes(row!)).toEqual(['PHONE_COUNTRY_ASSUMED']);
    },
  );
});

describe('buildImportPreview: garbled input gives clear errors, not a crash', () => {
  it.each<[string, Uint8Array | string, string]>([
    ['random bytes', Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256), 'NOT_TEXT'],
    ['an XLSX file', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'SPREADSHEET_NOT_CSV'],
    ['an empty file', new Uint8Array(), 'EMPTY_FILE'],
    ['a header and nothing else', 'Name,Email\r\n', 'NO_ROWS'],
    ['only blank lines', '\r\n\r\n;;;\r\n', 'NO_ROWS'],
  ])('%s', (_, input, code) => {
    const p = buildImportPreview(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.code).toBe(code);
  });

  it('a truncated quote: earlier rows intact, the broken row is an error, the file says why', () => {
    const p = ok(buildImportPreview('Name,Email\nAnn,ann@x.example\n"Bob,bob@x.example\nEve,eve@x.example'));
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'ok'],
      [3, 'error'],
    ]);
    expect(codes(p.rows[1]!)).toContain('UNTERMINATED_QUOTE');
    expect(p.fileProblems).toEqual([expect.objectContaining({ code: 'UNTERMINATED_QUOTE', row: 3 })]);
  });

  it('no recognised column: every row says so, and the file asks for a mapping', () => {
    const p = ok(buildImportPreview('foo,bar\n1,2\n'));
    expect(p.fileProblems.map((f) => f.code)).toEqual(['NO_COLUMNS_RECOGNISED']);
    expect(codes(p.rows[0]!)).toEqual(['NO_CONTACT']);
    const fixed = ok(
      buildImportPreview('foo,bar\nAnn,ann@x.example\n', { overrides: { 0: 'fullName', 1: 'email' } }),
    );
    expect(fixed.rows[0]!.draft.contact).toEqual({ name: 'Ann', emails: ['ann@x.example'], phones: [] });
  });
});
