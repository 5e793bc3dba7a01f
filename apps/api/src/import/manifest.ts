import { type CsvError, parse } from 'csv-parse/sync';
import { type CropBox, parseCrop } from './crop';

/** The header name of each field; each defaults to the field's own name (`file`, `study`, …), matched without case. */
export type ManifestColumns = {
  file?: string | undefined;
  study?: string | undefined;
  label?: string | undefined;
  annotation?: string | undefined;
  crop?: string | undefined;
};

/** One manifest row. `line` is the manifest line where the row ends (the header is line 1). */
export type ManifestRow = {
  line: number;
  file: string;
  study?: string;
  label?: string;
  annotation?: string;
  crop?: CropBox;
};

export type ManifestError = { line: number; message: string };
export type Manifest = { rows: ManifestRow[]; errors: ManifestError[] };

type Field = 'file' | 'study' | 'label' | 'annotation' | 'crop';
const FIELDS: Field[] = ['file', 'study', 'label', 'annotation', 'crop'];
type ColumnIndexes = Partial<Record<Field, number>>;

/** Finds each field's column in the header; a missing file column, or a named column that is absent, is an error. */
function locateColumns(header: string[], columns: ManifestColumns): ColumnIndexes | ManifestError {
  const names = header.map((name) => name.trim().toLowerCase());
  const indexes: ColumnIndexes = {};
  for (const field of FIELDS) {
    const requested = columns[field];
    const name = (requested ?? field).trim().toLowerCase();
    const found = names.filter((candidate) => candidate === name).length;
    if (found > 1) return { line: 1, message: `The manifest has ${found} columns named "${name}".` };
    if (found === 1) indexes[field] = names.indexOf(name);
    else if (field === 'file' || requested !== undefined) {
      const listed = header.map((column) => `"${column.trim()}"`).join(', ');
      return {
        line: 1,
        message: `The manifest has no "${requested ?? field}" column; its columns are ${listed}.`,
      };
    }
  }
  return indexes;
}

function toRow(record: string[], line: number, indexes: ColumnIndexes): ManifestRow | ManifestError {
  if (record.some((field) => field.includes('\u0000')))
    return { line, message: 'The row holds the NUL character (U+0000), which cannot be stored.' };
  const value = (field: Field) => {
    const index = indexes[field];
    const text = index === undefined ? '' : (record[index] ?? '').trim();
    return text === '' ? undefined : text;
  };
  const file = value('file');
  if (file === undefined) return { line, message: 'The row names no file.' };
  const cropText = value('crop');
  const crop = cropText === undefined ? undefined : parseCrop(cropText);
  if (crop === null) {
    return {
      line,
      message: `The crop "${cropText}" is not x,y,width,height in whole pixels with a positive size.`,
    };
  }
  return { line, file, study: value('study'), label: value('label'), annotation: value('annotation'), crop };
}

const isError = (value: object): value is ManifestError => 'message' in value;

/** Parses a CSV manifest (header row, optional BOM, quoted fields). Bad rows become errors; the rest is kept. */
export function parseManifest(text: string, columns: ManifestColumns = {}): Manifest {
  const errors: ManifestError[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error)
        errors.push({ line: (error as CsvError & { lines?: number }).lines ?? 0, message: error.message });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, message: 'The manifest is empty.' }] };
  const indexes = locateColumns(header.record, columns);
  if (isError(indexes)) return { rows: [], errors: [indexes, ...errors] };
  const rows: ManifestRow[] = [];
  for (const { record, info } of body) {
    const row = toRow(record, info.lines, indexes);
    if (isError(row)) errors.push(row);
    else rows.push(row);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
