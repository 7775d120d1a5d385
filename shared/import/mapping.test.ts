import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { decodeBytes } from './decode.ts';
import type { Field } from './headers.ts';
import { columnsOf, detectCrm, mapColumns } from './mapping.ts';
import { fixture } from './test-support.ts';

const headersOf = (name: Parameters<typeof fixture>[0]) => {
  const r = decodeBytes(fixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return parseCsv(r.text).records[0]!;
};
const mapped = (headers: string[]) =>
  Object.fromEntries(
    mapColumns(headers)
      .columns.filter((c) => c.field)
      .map((c) => [c.header, c.field]),
  );

describe('mapColumns on the real exports', () => {
  it('HubSpot: 14 of 182 columns, none of the look-alikes (Email Domain, Fax Number, Company size…)', () => {
    const m = mapColumns(headersOf('hubspot'));
    expect(m.crm).toBe('hubspot');
    expect(mapped(headersOf('hubspot'))).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Company Name': 'company',
      'Associated Company': 'company',
      'Job Title': 'title',
      Email: 'email',
      'Work email': 'email',
      'Private e-mail address': 'email',
      'Phone Number': 'phone',
      'WhatsApp Phone Number': 'phone',
      'Mobile Phone Number': 'mobile',
      'Website URL': 'website',
      Message: 'notes',
      'Country/Region': 'country',
    });
    // "Company Name" (Northwind Energy, Inc.) is read before "Associated Company" (Northwind Energy).
    const h = headersOf('hubspot');
    expect(columnsOf(m, 'company')).toEqual([h.indexOf('Company Name'), h.indexOf('Associated Company')]);
  });

  it('Salesforce Data Loader: ALL-CAPS API names', () => {
    expect(detectCrm(headersOf('salesforce'))).toBe('salesforce');
    expect(mapped(headersOf('salesforce'))).toEqual({
      FIRSTNAME: 'firstName',
      LASTNAME: 'lastName',
      TITLE: 'title',
      COMPANY: 'company',
      EMAIL: 'email',
      PHONE: 'phone',
      MOBILEPHONE: 'mobile',
      COUNTRY: 'country',
      DESCRIPTION: 'notes',
    });
  });

  it('Zoho (BOM stripped from the first header)', () => {
    expect(detectCrm(headersOf('zoho'))).toBe('zoho');
    expect(mapped(headersOf('zoho'))).toEqual({
      Company: 'company',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Title: 'title',
      Email: 'email',
      Phone: 'phone',
      Mobile: 'mobile',
      Country: 'country',
      Description: 'notes',
    });
  });
});

describe('mapColumns on other layouts', () => {
  it.each<[string, string[], Record<string, Field>]>([
    [
      'Pipedrive people export: entity prefixes, kinds after the field',
      [
        'Person - Name',
        'Person - Organization',
        'Person - Email - Work',
        'Person - Email - Home',
        'Person - Phone - Work',
        'Person - Phone - Mobile',
        'Person - Job title',
        'Person - Label',
      ],
      {
        'Person - Name': 'fullName',
        'Person - Organization': 'company',
        'Person - Email - Work': 'email',
        'Person - Email - Home': 'email',
        'Person - Phone - Work': 'phone',
        'Person - Phone - Mobile': 'mobile',
        'Person - Job title': 'title',
      },
    ],
    [
      'Pipedrive leads export: the lead "Title" is a deal name, not a job title',
      ['Title', 'Person - Name', 'Organization - Name', 'Person - Phone', 'Lead - Title'],
      { 'Person - Name': 'fullName', 'Organization - Name': 'company', 'Person - Phone': 'phone' },
    ],
    [
      'Salesforce report labels',
      [
        'Lead Owner',
        'First Name',
        'Last Name',
        'Title',
        'Company / Account',
        'Mobile Phone',
        'Email',
        'Lead Source',
      ],
      {
        'First Name': 'firstName',
        'Last Name': 'lastName',
        Title: 'title',
        'Mobile Phone': 'mobile',
        Email: 'email',
      },
    ],
    [
      'German generic',
      [
        'Vorname',
        'Nachname',
        'Firma',
        'Position',
        'E-Mail',
        'Telefon',
        'Handy',
        'Webseite',
        'Bemerkung',
        'Land',
      ],
      {
        Vorname: 'firstName',
        Nachname: 'lastName',
        Firma: 'company',
        Position: 'title',
        'E-Mail': 'email',
        Telefon: 'phone',
        Handy: 'mobile',
        Webseite: 'website',
        Bemerkung: 'notes',
        Land: 'country',
      },
    ],
    [
      'French generic',
      ['Prénom', 'Nom', 'Société', 'Fonction', 'Courriel', 'Téléphone', 'Portable', 'Commentaires', 'Pays'],
      {
        Prénom: 'firstName',
        Nom: 'lastName',
        Société: 'company',
        Fonction: 'title',
        Courriel: 'email',
        Téléphone: 'phone',
        Portable: 'mobile',
        Commentaires: 'notes',
        Pays: 'country',
      },
    ],
    [
      'Spanish generic',
      ['Nombre', 'Apellidos', 'Empresa', 'Cargo', 'Correo electrónico', 'Teléfono', 'Móvil'],
      {
        Nombre: 'firstName',
        Apellidos: 'lastName',
        Empresa: 'company',
        Cargo: 'title',
        'Correo electrónico': 'email',
        Teléfono: 'phone',
        Móvil: 'mobile',
      },
    ],
    [
      'Chinese, with a repeated header (电话,电话) and full-width punctuation',
      ['姓名', '公司', '职位', '电话', '电话', '手机', '邮箱', '备注', '国家／地区'],
      {
        姓名: 'fullName',
        公司: 'company',
        职位: 'title',
        电话: 'phone',
        手机: 'mobile',
        邮箱: 'email',
        备注: 'notes',
        '国家／地区': 'country',
      },
    ],
    [
      'odd spacing, case and underscores',
      ['  FIRST_NAME ', 'e_mail', 'PHONE NUMBER', 'LinkedIn URL'],
      { FIRST_NAME: 'firstName', e_mail: 'email', 'PHONE NUMBER': 'phone', 'LinkedIn URL': 'sourceUrl' },
    ],
  ])('%s', (_, headers, expected) => {
    expect(mapped(headers.map((h) => h.trim()))).toEqual(expected);
  });

  it('maps both columns of a repeated header', () => {
    const m = mapColumns(['姓名', '电话', '电话']);
    expect(columnsOf(m, 'phone')).toEqual([1, 2]);
  });

  it('applies overrides by column index, and user-chosen columns are read first', () => {
    const m = mapColumns(['Name', 'Company', 'Account', 'Notes'], { 2: 'company', 3: null, 0: 'title' });
    expect(m.columns.map((c) => [c.header, c.field, c.auto])).toEqual([
      ['Name', 'title', 'fullName'],
      ['Company', 'company', 'company'],
      ['Account', 'company', 'company'],
      ['Notes', null, 'notes'],
    ]);
    expect(columnsOf(m, 'company')).toEqual([2, 1]);
  });

  it.each([
    [['Record ID', 'First Name', 'Lifecycle Stage'], 'hubspot'],
    [['ID', 'FIRSTNAME', 'LASTNAME', 'EMAIL'], 'salesforce'],
    [['Record Id', 'Lead Owner', 'Company'], 'zoho'],
    [['Person - Name', 'Organization - Name'], 'pipedrive'],
    [['Name', 'Email'], 'unknown'],
  ] as const)('detects the CRM of %j', (headers, crm) => {
    expect(detectCrm(headers)).toBe(crm);
  });
});
