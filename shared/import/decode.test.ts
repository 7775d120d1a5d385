import { describe, expect, it } from 'vitest';
import { decodeBytes, type Encoding } from './decode.ts';
import { fixture, gb18030, latin1, utf16le } from './test-support.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (b: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b]);
const utf16be = (s: string) => {
  const le = utf16le(s, false);
  const out = new Uint8Array(le.length + 2);
  [out[0], out[1]] = [0xfe, 0xff];
  for (let i = 0; i < le.length; i += 2) [out[i + 2], out[i + 3]] = [le[i + 1]!, le[i]!];
  return out;
};

describe('decodeBytes', () => {
  it.each([
    ['HubSpot export: UTF-8 without BOM', fixture('hubspot'), 'utf-8', false, 'höbbela'],
    ['Salesforce Data Loader: UTF-8 without BOM', fixture('salesforce'), 'utf-8', false, 'Baustraße 123'],
    ['Zoho re-saved by EU Excel: UTF-8 with BOM', fixture('zoho'), 'utf-8', true, 'Tél. : +33'],
  ] as const)('%s', (_, bytes, encoding, bom, sample) => {
    const r = decodeBytes(bytes);
    expect(r.ok && r.encoding).toBe(encoding);
    expect(r.ok && r.bom).toBe(bom);
    expect(r.ok && r.text).toContain(sample);
    expect(r.ok && r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  const text = 'Name\tPhone\r\nJürgen Groß\t+49 30 1234567\r\n张伟\t13800138000\r\n';
  it.each<[string, Uint8Array, Encoding, string]>([
    ['UTF-8 without BOM', utf8(text), 'utf-8', text],
    ['UTF-8 with BOM (BOM dropped from the text)', withBom(utf8(text)), 'utf-8', text],
    ['UTF-16LE with BOM (Excel "Unicode text")', utf16le(text), 'utf-16le', text],
    ['UTF-16LE without BOM, by its NUL pattern', utf16le(text, false), 'utf-16le', text],
    [
      'UTF-16LE without BOM, mostly Chinese',
      utf16le('姓名\t电话\r\n张伟\t李娜\r\n北京\t公司\r\n', false),
      'utf-16le',
      '姓名\t电话\r\n张伟\t李娜\r\n北京\t公司\r\n',
    ],
    ['UTF-16BE with BOM', utf16be(text), 'utf-16be', text],
    [
      'GB18030 without BOM (Chinese Excel "CSV")',
      gb18030('{姓名},{电话}\r\n{张伟},13800138000\r\n{李娜},{北京}\r\n'),
      'gb18030',
      '姓名,电话\r\n张伟,13800138000\r\n李娜,北京\r\n',
    ],
    [
      'GB18030 with a four-byte sequence',
      gb18030('{姓名},{公司}\r\n{张伟}{ß},{公司}\r\n'),
      'gb18030',
      '姓名,公司\r\n张伟ß,公司\r\n',
    ],
    [
      'Windows-1252 (Western Excel "CSV"), not GB18030 though FC 6C is a GB pair',
      latin1('Name;Ort\r\nMüller;Göttingen\r\nCafé;Zürich\r\n'),
      'windows-1252',
      'Name;Ort\r\nMüller;Göttingen\r\nCafé;Zürich\r\n',
    ],
    [
      'Windows-1252 where GB18030 decoding fails',
      latin1('Name,City\r\nRené,Orléans\r\n'),
      'windows-1252',
      'Name,City\r\nRené,Orléans\r\n',
    ],
    [
      'Windows-1252 curly quotes and euro sign (bytes 80–9F)',
      Uint8Array.from([0x93, 0x41, 0x94, 0x2c, 0x80, 0x35]),
      'windows-1252',
      '“A”,€5',
    ],
  ])('%s', (_, bytes, encoding, expected) => {
    const r = decodeBytes(bytes);
    expect(r).toEqual({ ok: true, encoding, text: expected, bom: expect.any(Boolean), replaced: 0 });
  });

  it.each([
    [
      'cut in the middle of the last character',
      Uint8Array.from([...utf8('Name\nJürgen Groß\n张伟')].slice(0, -1)),
      'Name\nJürgen Groß\n张\uFFFD',
    ],
    [
      'a row typed in a Windows-1252 editor after UTF-8 rows',
      Uint8Array.from([...utf8('Name\nJürgen Groß\nMüller\nZoë\nBjörn\n'), 0x52, 0xe9, 0x6e, 0xe9]),
      'Name\nJürgen Groß\nMüller\nZoë\nBjörn\nR\uFFFDn\uFFFD',
    ],
  ])('a nearly-UTF-8 file stays UTF-8 (%s), and says how many characters were lost', (_, bytes, text) => {
    const r = decodeBytes(bytes);
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', text });
    expect(r.ok && r.replaced).toBe((text.match(/\uFFFD/g) ?? []).length);
  });

  it('decodes with the encoding the user forces', () => {
    const r = decodeBytes(latin1('Name\r\nMüller\r\n'), 'utf-8');
    expect(r.ok && r.text).toBe('Name\r\nM\uFFFDller\r\n');
  });

  const random = (n: number, seed: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      out[i] = seed >>> 24;
    }
    return out;
  };
  it.each([
    ['an empty file', new Uint8Array(), 'EMPTY_FILE'],
    [
      'an XLSX workbook (zip)',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]),
      'SPREADSHEET_NOT_CSV',
    ],
    [
      'an old XLS workbook (OLE)',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'SPREADSHEET_NOT_CSV',
    ],
    ['random bytes', random(4096, 7), 'NOT_TEXT'],
    ['random bytes, another seed', random(300, 99), 'NOT_TEXT'],
    [
      'a PNG image',
      Uint8Array.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]),
      'NOT_TEXT',
    ],
  ])('refuses %s with a clear error', (_, bytes, code) => {
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });
});
