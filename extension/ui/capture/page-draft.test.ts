import { describe, expect, it } from 'vitest';
import type { PageContext } from '../../page-context.ts';
import { fieldsOf, lookupKeys, pageView, viewKey } from './page-draft.ts';

const gmail: PageContext = {
  host: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/abc',
  status: 'ok',
  sender: { name: 'Jane Doe', email: 'Jane.Doe@Acme-Industrial.example' },
  subject: 'Seats for Q3',
  signatureText:
    'Best regards,\nJane Doe\nHead of Procurement | Acme Industrial GmbH\nTel. +49 30 1234567 · Mobil +49 171 2345678',
};

describe('pageView', () => {
  it('nothing on the page: none', () => {
    expect(pageView(undefined, 'US').kind).toBe('none');
    expect(pageView({ host: 'gmail', url: 'https://mail.google.com/', status: 'idle' }, 'US').kind).toBe(
      'none',
    );
  });

  it('a webmail sender: the draft from the header and the signature', () => {
    const v = pageView(gmail, 'US');
    expect(v).toMatchObject({
      kind: 'sender',
      source: 'gmail',
      subject: 'Seats for Q3',
      sender: { name: 'Jane Doe' },
      draft: { name: 'Jane Doe', company: 'Acme Industrial GmbH', title: 'Head of Procurement' },
    });
    if (v.kind !== 'sender') throw new Error('sender');
    expect(v.draft.phones.map((p) => p.e164)).toEqual(['+49301234567', '+491712345678']);
    expect(lookupKeys(v.draft)).toEqual({
      emails: ['jane.doe@acme-industrial.example'],
      phones: ['+49301234567', '+491712345678'],
    });
  });

  it('a dialer number: E.164 in the team region; a non-number says why', () => {
    const ringing: PageContext = {
      host: 'aircall',
      url: 'https://phone.aircall.io/phone',
      status: 'ok',
      phone: '(415) 555-0134',
      callState: 'ringing',
    };
    expect(pageView(ringing, 'US')).toMatchObject({
      kind: 'call',
      source: 'dialer',
      callState: 'ringing',
      draft: { phones: [{ e164: '+14155550134' }] },
    });
    const bad = pageView({ ...ringing, phone: '12' }, 'US');
    expect(bad).toMatchObject({ kind: 'call', draft: { phones: [] } });
    expect(bad.kind === 'call' && bad.phoneProblem).toBeTruthy();
  });

  it('a selection wins over the sender it was made on', () => {
    const v = pageView({ ...gmail, selection: 'Max Mustermann\nCTO, Beispiel AG\n+49 89 1234 5678' }, 'DE');
    expect(v).toMatchObject({ kind: 'selection', draft: { name: 'Max Mustermann' } });
  });

  it('unreadable: the adapter problem, for manual capture', () => {
    expect(
      pageView(
        { host: 'outlook', url: 'https://outlook.office.com/mail/', status: 'unreadable', problem: 'X' },
        'US',
      ),
    ).toEqual({
      kind: 'unreadable',
      problem: 'X',
      source: 'outlook',
      sourceUrl: 'https://outlook.office.com/mail/',
    });
  });

  it('page text is data: markup in a name stays text', () => {
    const v = pageView(
      { ...gmail, sender: { name: '<img src=x onerror=alert(1)>', email: 'a@b.example' } },
      'US',
    );
    expect(v.kind).toBe('sender');
    expect(fieldsOf(v.kind === 'sender' ? v.draft : { emails: [], phones: [] }).email).toBe('a@b.example');
  });
});

describe('viewKey', () => {
  it('changes with the message, not with re-renders of the same one', () => {
    expect(viewKey(pageView(gmail, 'US'))).toBe(viewKey(pageView({ ...gmail }, 'US')));
    expect(viewKey(pageView(gmail, 'US'))).not.toBe(
      viewKey(pageView({ ...gmail, url: `${gmail.url}2`, sender: { email: 'x@y.example' } }, 'US')),
    );
  });
});

describe('fieldsOf', () => {
  it('emails and phones as editable text', () => {
    expect(
      fieldsOf({ name: 'A', emails: ['a@b.example'], phones: [{ e164: '+14155550134', extension: '12' }] }),
    ).toMatchObject({ name: 'A', email: 'a@b.example', phone: '+1 415 555 0134 ext. 12' });
  });
});
