import { FIELDS, type Field } from '../../../shared/import/headers.ts';
import type { Mapping } from '../../../shared/import/mapping.ts';

export const FIELD_LABEL: Record<Field, string> = {
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  title: 'Title',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  website: 'Website',
  notes: 'Note',
  sourceUrl: 'Source URL',
  country: 'Country (reads phones)',
};

/** Which column feeds which field: the automatic choice, changeable per column. Mapped columns come first. */
export function MappingTable({
  mapping,
  onChange,
}: {
  mapping: Mapping;
  onChange: (index: number, field: Field | null) => void;
}) {
  const cols = [...mapping.columns].sort((a, b) => Number(!a.field) - Number(!b.field) || a.index - b.index);
  const used = cols.filter((c) => c.field).length;
  return (
    <details class="mapping" open={used === 0 || mapping.columns.length <= 10}>
      <summary>
        Column mapping: {used} of {mapping.columns.length} columns used
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Imported as</th>
          </tr>
        </thead>
        <tbody>
          {cols.map((c) => (
            <tr key={c.index} class={c.field ? 'used' : 'unused'}>
              <th scope="row">
                <label for={`map-${c.index}`}>{c.header || `(column ${c.index + 1})`}</label>
              </th>
              <td>
                <select
                  id={`map-${c.index}`}
                  value={c.field ?? ''}
                  onChange={(e) => onChange(c.index, (e.currentTarget.value || null) as Field | null)}
                >
                  <option value="">— ignore —</option>
                  {FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABEL[f]}
                      {f === c.auto ? ' (auto)' : ''}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
