import { describe, expect, it } from 'vitest';
import type { ImportPreview } from './preview.ts';
import { buildImportPreview } from './preview.ts';
import { codes, fixture, gb18030, ok, utf16le } from './test-support.ts';

const summary = (p: ImportPreview) =>
  ok(p).rows.map((r) => ({ row: r.row, status: r.status, problems: codes(r), ...r.draft }));

describe('buildImportPreview on the real exports', () => {
  it('HubSpot: 3 rows OK, extensions kept, company from "Company Name", note from "Message"', () => {
    const p = ok(buildImportPreview(fixture('hubspot'), { region: 'US' }));
    expect([p.encoding, p.delimiter, p.crm]).toEqual(['utf-8', ',', 'hubspot']);
    expect(p.counts).toEqual({ ok: 3, warning: 0, error: 0, alreadyImported: 0 });
    expect(summary(p)).toEqual([
      {
        row: 2,
        status: 'ok',
        problems: [],
        contact: {
          name: 'Maria Hoyt',
          company: 'Northwind Energy, Inc.',
          title: 'Senior Legal Specialist',
          emails: ['maria.hoyt@northwind.example'],
          phones: ['+17135550137'],
        },
      },
      {
        row: 3,
        status: 'ok',
        problems: [],
        contact: {
          name: 'Lily ZHANG',
          company: 'SZ&W Group',
          title: 'Senior Project Manager',
          emails: ['lilyzhang@szw.example'],
          phones: ['+862155550710;ext=8109', '+8618600002565'],
        },
      },
      {
        row: 4,
        status: 'ok',
        problems: [],
        contact: {
          company: 'IIR, Inc.',
          emails: ['outages@industrialinfo.example'],
          phones: ['+17135550147;ext=3481'],
        },
        note: 'He said "call me after 5", thanks',
      },
    ]);
  });

  it("HubSpot: a row's Country/Region beats the team's region; without one, the team's region decides", () => {
    const p = ok(buildImportPreview(fixture('hubspot'), { region: 'DE' }));
    // Row 2 says United States, row 3 China: read as such by a German team.
    expect(p.rows.map((r) => r.draft.contact.phones)).toEqual([
      ['+17135550137'],
      ['+862155550710;ext=8109', '+8618600002565'],
      // Row 4 has no country: "713-555-0147" is a valid number in Brackenheim (07135) for a German team.
      ['+497135550147;ext=3481'],
    ]);
    // …but it is written the North American way: the row says what was assumed, and the file says it once.
    expect(p.rows[3 - 1]!.problems.map((x) => x.code)).toEqual(['PHONE_COUNTRY_ASSUMED']);
    expect(p.rows[3 - 1]!.problems[0]!.message).toContain('read as a DE number (+497135550147 ext. 3481)');
    expect(p.rows[3 - 1]!.status).toBe('warning');
    expect(p.fileProblems.map((f) => f.code)).toEqual(['PHONES_REGION_ASSUMED']);
    expect(p.fileProblems[0]!.message).toMatch(/^1 phone number\(s\) have no country code.*DE \(Germany\)/);
  });

  it('Salesforce: the "0123 5432114" fragment is refused, not shortened to +495432114', () => {
    const p = ok(buildImportPreview(fixture('salesforce'), { region: 'DE' }));
    expect([p.encoding, p.delimiter, p.crm]).toEqual(['utf-8', ',', 'salesforce']);
    expect(p.counts).toMatchObject({ ok: 2, warning: 1, error: 0 });
    const [jeff, gunter, lily] = p.rows;
    // COUNTRY "USA" makes 713-555-0195 a US number even though the team's region is DE.
    expect(jeff!.draft.contact).toEqual({
      name: 'Jeff Holm',
      company: 'Enron Energy Operations',
      emails: ['jeff.holm@enron.example'],
      phones: ['+17135550195'],
    });
    expect(gunter).toMatchObject({ row: 3, status: 'warning' });
    expect(gunter!.draft).toEqual({
      contact: {
        name: 'Lässig',
        company: 'Music GmbH',
        title: 'Lokale Daten',
        emails: ['Günter.Lässig@example.com'],
        phones: [],
      },
      note: 'Met at CeBIT; prefers German, "Sie"',
    });
    expect(gunter!.problems).toEqual([
      expect.objectContaining({
        code: 'PHONE_INVALID',
        column: 'PHONE',
        value: '0123 5432114',
        severity: 'warning',
      }),
    ]);
    expect(lily!.draft.contact.phones).toEqual(['+862155550710;ext=8109', '+8618600002565']);
  });

  it('Zoho (EU Excel): ";" delimiter, BOM, the too-short mobile "+49 173 911" dropped with a warning', () => {
    const p = ok(buildImportPreview(fixture('zoho'), { region: 'DE' }));
    expect([p.encoding, p.delimiter, p.crm]).toEqual(['utf-8', ';', 'zoho']);
    expect(p.headers[0]).toBe('Record Id');
    expect(summary(p)).toEqual([
      {
        row: 2,
        status: 'warning',
        problems: ['PHONE_INVALID'],
        contact: {
          name: 'Bob Smith',
          company: 'Musik AG',
          title: 'Berechtigungen und dez. Department',
          emails: ['Bob.Smith@music.example'],
          phones: ['+499116760'],
        },
        note: 'Vorstand: Marc Smith; Aufsichtsrat: Max Mix',
      },
      {
        row: 3,
        status: 'ok',
        problems: [],
        contact: {
          name: 'Orion',
          company: 'Cabinet Orion',
          emails: ['contact@cabinet-orion.example.fr'],
          phones: ['+33123456789', '+33612345678'],
        },
        note: 'Tél. : +33 (0)1 23 45 67 89',
      },
    ]);
  });
});

describe('buildImportPreview: encodings and layouts Excel produces', () => {
  it('Excel "Unicode text": UTF-16LE, tab-separated', () => {
    const bytes = utf16le(
      'First Name\tLast Name\tE-Mail\tTelefon\r\nJürgen\tGroß\tj.gross@example.de\t030 1234567\r\n',
    );
    const p = ok(buildImportPreview(bytes, { region: 'DE' }));
    expect([p.encoding, p.delimiter]).toEqual(['utf-16le', '\t']);
    expect(p.rows[0]!.draft.contact).toEqual({
      name: 'Jürgen Groß',
      emails: ['j.gross@example.de'],
      phones: ['+49301234567'],
    });
  });

  it('Chinese Excel: GB18030 without BOM, repeated 电话 columns both read', () => {
    const bytes = gb18030(
      '{姓名},{公司},{电话},{电话},{邮箱}\r\n{张伟},{北京}{公司},010 1234 5678,13800138000,zw@example.cn\r\n',
    );
    const p = ok(buildImportPreview(bytes, { region: 'CN' }));
    expect([p.encoding, p.delimiter]).toEqual(['gb18030', ',']);
    expect(p.headers).toEqual(['姓名', '公司', '电话', '电话', '邮箱']);
    expect(p.rows[0]).toMatchObject({
      status: 'ok',
      draft: {
        contact: {
          name: '张伟',
          company: '北京公司',
          emails: ['zw@example.cn'],
          phones: ['+861012345678', '+8613800138000'],
        },
      },
    });
  });

  it('a header below blank lines', () => {
    const p = ok(buildImportPreview('\r\n\r\nEmail\r\nann@x.example\r\n'));
    expect(p.rows.map((r) => [r.row, r.draft.contact.emails])).toEqual([[4, ['ann@x.example']]]);
  });
});
