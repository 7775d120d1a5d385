import { describe, expect, it } from 'vitest';
import { parseCommand } from '../decide.ts';
import { act, T0, TELE, team } from '../testing.ts';
import { importableRows, toCaptureCommands } from './commands.ts';
import { existingFromTeamState } from './existing.ts';
import { buildImportPreview } from './preview.ts';
import { ok } from './test-support.ts';

describe('toCaptureCommands', () => {
  const file =
    'Name,Company,Email,Phone,Notes\nAnn,Acme,ann@acme.example,+49 30 1234567,met at fair\nBob,Acme,bob@acme.example,\n,,,\nCid,,cid@acme.example,1.38001E+10,\n';

  it('builds commands that pass parseCommand, for the selected importable rows only', () => {
    const p = ok(buildImportPreview(file, { region: 'DE' }));
    const cmds = toCaptureCommands(p, [2, 5, 4], 1_700_000_000_000);
    expect(cmds.map((c) => c.contact.name)).toEqual(['Ann', 'Cid']);
    expect(cmds[0]).toEqual({
      id: `imp-${p.fileKey}-2`,
      type: 'capture',
      leadId: `lead-${p.fileKey}-2`,
      contact: { name: 'Ann', company: 'Acme', emails: ['ann@acme.example'], phones: ['+49301234567'] },
      source: 'csv',
      note: 'met at fair',
      issuedAt: 1_700_000_000_000,
    });
    for (const c of cmds) expect(parseCommand(c)).toEqual({ ok: true, command: c });
  });

  it('gives the same ids on a re-run of the same file, other ids for another file or user', () => {
    const ids = (input: string | Uint8Array, salt?: string) => {
      const p = ok(buildImportPreview(input, { region: 'DE', ...(salt ? { salt } : {}) }));
      return toCaptureCommands(p, importableRows(p)).map((c) => c.id);
    };
    expect(ids(file)).toEqual(ids(new TextEncoder().encode(file)));
    expect(ids(file)).toHaveLength(3);
    expect(ids(file)).not.toEqual(ids(file.replace('Ann', 'Anne')));
    expect(ids(file, 'rep-a-001')).not.toEqual(ids(file, 'rep-b-001'));
  });

  it('resumes an import that failed half-way: done rows are recognised, the rest import, nothing doubles', () => {
    const rows = ['Name,Email,Phone'];
    for (let i = 1; i <= 20; i++) rows.push(`Person ${i},p${i}@example.com,+1 212 555 ${String(1000 + i)}`);
    const csv = rows.join('\n');
    const state = team();
    const first = ok(
      buildImportPreview(csv, { region: 'US', existing: existingFromTeamState(state), salt: TELE }),
    );
    const all = toCaptureCommands(first, importableRows(first));
    for (const c of all.slice(0, 8)) expect(act(state, TELE, c, T0).ok).toBe(true); // then the tab closed

    const again = ok(
      buildImportPreview(csv, { region: 'US', existing: existingFromTeamState(state), salt: TELE }),
    );
    expect(again.counts).toMatchObject({ ok: 20, error: 0, alreadyImported: 8 });
    const rest = toCaptureCommands(again, importableRows(again));
    expect(rest.map((c) => c.id)).toEqual(all.slice(8).map((c) => c.id));
    for (const c of rest) expect(act(state, TELE, c, T0).ok).toBe(true);
    expect(state.leads.size).toBe(20);
  });

  it('returns nothing for an unreadable file', () => {
    expect(toCaptureCommands(buildImportPreview(new Uint8Array()), [2])).toEqual([]);
  });
});
