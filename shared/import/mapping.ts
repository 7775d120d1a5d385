// Which column feeds which contact field. Automatic from the header names (headers.ts), then the user's
// overrides from the preview screen, keyed by column index because headers can repeat (`电话,电话`).

import { type Field, LOOKUP, normaliseHeader } from './headers.ts';

export type Crm = 'hubspot' | 'salesforce' | 'zoho' | 'pipedrive' | 'unknown';

export type ColumnMapping = {
  index: number;
  header: string;
  /** What the column feeds now (after overrides); null = ignored. */
  field: Field | null;
  /** What the automatic mapping chose, so the UI can show "changed" and reset. */
  auto: Field | null;
  /** Among columns of the same field, lower ranks are read first (user overrides: -1). */
  rank: number;
};

export type Mapping = { crm: Crm; columns: ColumnMapping[] };

/** Column index → field, or null to ignore the column. */
export type MappingOverrides = Readonly<Record<number, Field | null>>;

/** Pipedrive names columns "Entity - Field[ - Kind]": "Person - Email - Work", "Organization - Name". */
const PIPEDRIVE = /^(person|organi[sz]ation|lead|deal)\s+-\s+(.+)$/i;

export function mapColumns(headers: readonly string[], overrides: MappingOverrides = {}): Mapping {
  const crm = detectCrm(headers);
  const columns = headers.map((header, index): ColumnMapping => {
    const [auto, rank] = autoField(header, crm) ?? [null, 0];
    const o = overrides[index];
    if (o !== undefined) return { index, header, field: o, auto, rank: -1 };
    return { index, header, field: auto, auto, rank };
  });
  return { crm, columns };
}

/** The columns that feed `field`, in reading order. */
export function columnsOf(mapping: Mapping, field: Field): number[] {
  return mapping.columns
    .filter((c) => c.field === field)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((c) => c.index);
}

function autoField(header: string, crm: Crm): readonly [Field, number] | undefined {
  const pd = PIPEDRIVE.exec(header.trim());
  if (pd) return pipedriveField(pd[1]!.toLowerCase(), pd[2]!);
  const key = normaliseHeader(header);
  // A Pipedrive lead's "Title" names the deal ("Acme – 20 seats"), not the person's job.
  if (crm === 'pipedrive' && key === 'title') return undefined;
  return LOOKUP.get(key);
}

function pipedriveField(entity: string, rest: string): readonly [Field, number] | undefined {
  const [name = '', kind = ''] = rest.split(/\s+-\s+/).map(normaliseHeader);
  if (entity === 'lead' || entity === 'deal') return undefined;
  if (entity !== 'person') {
    if (name === 'name') return ['company', 0];
    return name === 'website' ? ['website', 5] : undefined;
  }
  if (name === 'organization' || name === 'organisation') return ['company', 1];
  if (name === 'phone') return kind === 'mobile' ? ['mobile', 0] : ['phone', 0];
  const found = LOOKUP.get(name);
  return found && found[0] !== 'country' ? found : undefined;
}

/** Which CRM wrote the file, from header names only (for the preview's "Looks like a … export"). */
export function detectCrm(headers: readonly string[]): Crm {
  const set = new Set(headers.map((h) => h.trim()));
  if (headers.some((h) => /^(person|organi[sz]ation)\s+-\s+/i.test(h.trim()))) return 'pipedrive';
  if (set.has('Record ID') && (set.has('Lifecycle Stage') || set.has('Contact owner'))) return 'hubspot';
  if (set.has('Record Id') && (set.has('Lead Owner') || set.has('Contact Owner'))) return 'zoho';
  const caps = headers.filter((h) => /^[A-Z][A-Z0-9_]*$/.test(h.trim())).length;
  if (set.has('LASTNAME') || (set.has('ID') && caps >= headers.length * 0.8)) return 'salesforce';
  if (set.has('Lead ID') || set.has('Lead Owner')) return 'salesforce';
  return 'unknown';
}
