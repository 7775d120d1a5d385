import { describe, expect, it } from 'vitest';
import type { Lead } from '../lead.ts';
import { cmd, leadAt, MEMBERS, must, REP_A, T0, TELE, team } from '../testing.ts';
import { csvCell, EXPORT_COLUMNS, exportLeadsCsv, neutralise } from './export.ts';
import { buildImportPreview } from './preview.ts';

describe('neutralise', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`, 'formula'],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`, 'DDE payload'],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)", 'at-function'],
    ['-2+3', "'-2+3", 'arithmetic that Excel would compute'],
    ['\t=1+1', "'\t=1+1", 'tab first'],
    ['\r=1+1', "'\r=1+1", 'carriage return first'],
    ['  =1+1', "'  =1+1", 'spaces do not hide a formula'],
    ['+4930123456', "'+4930123456", 'an E.164 phone: kept as text so the + and digits survive'],
    ['+49301234567; +491712345678', "'+49301234567; +491712345678", 'several phones'],
    ['-5', '-5', 'a plain negative number is not a formula'],
    ['-12.5', '-12.5', 'a plain negative decimal'],
    ['Acme = best', 'Acme = best', '= later in the text'],
    ["O'Brien", "O'Brien", 'an apostrophe inside'],
    ['', '', 'empty'],
  ])('%j → %j (%s)', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });
});

describe('csvCell', () => {
  it.each<[string | number | null | undefined, string, string]>([
    ['plain', ',', 'plain'],
    ['Northwind Energy, Inc.', ',', '"Northwind Energy, Inc."'],
    ['Northwind Energy, Inc.', ';', 'Northwind Energy, Inc.'],
    ['a;b', ';', '"a;b"'],
    ['He said "hi"', ',', '"He said ""hi"""'],
    ['line 1\nline 2', ',', '"line 1\nline 2"'],
    [' padded ', ',', '" padded "'],
    ['=1+1', ',', "'=1+1"],
    ['=SUM(1,2)', ',', `"'=SUM(1,2)"`],
    [-5, ',', '-5'],
    [1250.5, ',', '1250.5'],
    [null, ',', ''],
    [undefined, ',', ''],
  ])('%j with %j → %j', (value, d, out) => {
    expect(csvCell(value, d)).toBe(out);
  });
});

function leads(): { leads: Lead[]; name: (id: string) => string | undefined } {
  const state = team();
  const a = must(
    state,
    TELE,
    cmd('capture', 'lead-exp-0001', {
      contact: {
        name: 'Maria Hoyt',
        company: 'Northwind Energy, Inc.',
        title: 'Senior Legal Specialist',
        emails: ['maria.hoyt@northwind.example', 'mh@northwind.example'],
        phones: ['+17135550137', '+862155550710;ext=8109'],
        website: 'https://northwind.example',
      },
      source: 'manual',
      note: 'He said "call me after 5"\nthanks',
    }),
    T0,
  );
  const b = must(
    state,
    TELE,
    cmd('capture', 'lead-exp-0002', {
      contact: {
        name: '=HYPERLINK("http://evil.example")',
        company: '@Acme',
        emails: [],
        phones: ['+4930123456'],
      },
      source: 'csv',
    }),
    T0 + 1000,
  );
  const sql = state.leads.get(leadAt(state, 'sql', T0 + 2000, { rep: REP_A }))!;
  const byId = new Map(MEMBERS.map((m) => [m.id, m.name]));
  return { leads: [a, b, sql], name: (id) => byId.get(id) };
}

describe('exportLeadsCsv', () => {
  const { leads: all, name } = leads();
  const csv = exportLeadsCsv(all, { memberName: name });

  it('starts with a BOM, ends lines with CRLF, has one header and one line per lead', () => {
    expect(csv.startsWith('\uFEFFLead ID,Name,Company,Title,Email,Phone,Website,Stage,Owner,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(all.length + 2); // + header, + the empty string after the last CRLF
  });

  it('writes owner names, stages, ISO times and the SQL deadline', () => {
    const sqlLine = csv.split('\r\n')[3]!;
    const sql = all[2]!;
    expect(sqlLine).toContain(',sql,Ana Rep,');
    expect(sqlLine).toContain(new Date(sql.sqlDeadline!).toISOString());
    expect(sqlLine).toContain(new Date(sql.capturedAt).toISOString());
    expect(csv.split('\r\n')[1]).toContain(`,new,Tina Tele,`);
  });

  it('neutralises formula-looking cells', () => {
    const line = csv.split('\r\n')[2]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(line).toContain(",'@Acme,");
    expect(line).toContain(",'+4930123456,");
  });

  it('uses ";" for EU Excel when asked', () => {
    const eu = exportLeadsCsv(all.slice(0, 1), { delimiter: ';', memberName: name });
    expect(eu.split('\r\n')[1]).toContain(';Northwind Energy, Inc.;');
  });

  it('round-trips: export → import gives back every contact, note and phone extension', () => {
    const p = buildImportPreview(new TextEncoder().encode(csv), { region: 'US' });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.encoding).toBe('utf-8');
    expect(p.mapping.columns.filter((c) => c.field).map((c) => c.header)).toEqual([
      'Name',
      'Company',
      'Title',
      'Email',
      'Phone',
      'Website',
      'Note',
    ]);
    expect(p.rows.map((r) => r.problems)).toEqual([[], [], []]);
    expect(p.rows.map((r) => r.draft.contact)).toEqual(all.map((l) => l.contact));
    expect(p.rows[0]!.draft.note).toBe(all[0]!.note);
  });

  it('has a header for every column', () => {
    expect(new Set(EXPORT_COLUMNS.map((c) => c.header)).size).toBe(EXPORT_COLUMNS.length);
  });
});
