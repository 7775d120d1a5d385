// CRM files in and out: see CONTEXT.md.
export { type CaptureCommand, importableRows, toCaptureCommands } from './commands.ts';
export { type Delimiter, detectDelimiter, parseCsv } from './csv.ts';
export { decodeBytes, ENCODINGS, type Encoding } from './decode.ts';
export { existingFromTeamState } from './existing.ts';
export { EXPORT_COLUMNS, type ExportOptions, exportLeadsCsv, neutralise } from './export.ts';
export { FIELDS, type Field } from './headers.ts';
export { commandIdOf, fingerprint, leadIdOf } from './ids.ts';
export { type ColumnMapping, type Crm, type Mapping, type MappingOverrides, mapColumns } from './mapping.ts';
export {
  buildImportPreview,
  type ImportOptions,
  type ImportPreview,
  type PreviewRow,
  type RowStatus,
} from './preview.ts';
export { PROBLEM_SEVERITY, type ProblemCode, type RowProblem } from './problems.ts';
