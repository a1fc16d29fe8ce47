// Checks vendored dataset files against datasets/manifest.json (sha256, schema) and parses CSV, JSON records and IDX.
import { createHash } from 'node:crypto';
import type { ColumnSchema, FileSpec, IdxSpec, Manifest, ManifestEntry, TableSpec, TextSpec } from './catalog';

export const REGENERATE_HINT = 'regenerate with npx tsx scripts/datasets/vendor.ts';

/** A dataset file that is missing, altered or malformed. `file` is the path as shown in the message. */
export class DatasetError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}; ${REGENERATE_HINT}`);
    this.name = 'DatasetError';
    this.file = file;
  }
}

/** Hex sha256 of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One table cell: a number, a string, or null when missing. */
export type Cell = number | string | null;

/** A parsed table: `rows[i][j]` is column `columns[j].name` of row i. */
export interface Table {
  columns: ColumnSchema[];
  rows: Cell[][];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameSpec(a: FileSpec, b: FileSpec): boolean {
  const pick = (s: FileSpec) =>
    s.format === 'idx' ? { format: s.format, dtype: s.dtype, shape: s.shape }
      : s.format === 'text' ? { format: s.format, unit: s.unit }
        : { format: s.format, columns: s.columns };
  return JSON.stringify(pick(a)) === JSON.stringify(pick(b));
}

/**
 * Parses manifest.json and checks that the entry for every file in `catalog` has the format and schema the
 * catalog (and so the loaders) expect.
 * @param label - how to name the manifest in errors, e.g. `datasets/manifest.json`
 */
export function parseManifest(text: string, label: string, catalog: Record<string, FileSpec>): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DatasetError(label, `not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.files)) {
    throw new DatasetError(label, 'expected an object {"version": 1, "files": {...}}');
  }
  const files = raw.files;
  for (const [name, spec] of Object.entries(catalog)) {
    const entry = files[name];
    if (!isRecord(entry)) throw new DatasetError(label, `no entry for ${name}`);
    if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
      throw new DatasetError(label, `entry for ${name} has no valid "sha256"`);
    }
    for (const key of ['bytes', 'rows'] as const) {
      const v = entry[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DatasetError(label, `entry for ${name} has no valid "${key}"`);
    }
    if (!sameSpec(entry as unknown as FileSpec, spec)) {
      throw new DatasetError(label, `the schema recorded for ${name} is not the one lib/data/catalog.ts expects`);
    }
  }
  return raw as unknown as Manifest;
}

/** Throws unless `bytes` has the checksum and size the manifest records. */
export function verifyBytes(bytes: Uint8Array, entry: ManifestEntry, label: string): void {
  const got = sha256(bytes);
  if (got !== entry.sha256) {
    throw new DatasetError(label, `checksum mismatch (expected sha256 ${entry.sha256}, got ${got}; ${bytes.length} bytes, expected ${entry.bytes})`);
  }
}

function checkCell(value: unknown, col: ColumnSchema, where: string, label: string): Cell {
  if (value === null) {
    if (!col.nullable) throw new DatasetError(label, `${where}: missing value in column "${col.name}", which may not be missing`);
    return null;
  }
  if (col.type === 'string') {
    if (typeof value !== 'string') throw new DatasetError(label, `${where}: column "${col.name}" should be a string, got ${JSON.stringify(value)}`);
    if (col.values && !col.values.includes(value)) {
      throw new DatasetError(label, `${where}: column "${col.name}" has ${JSON.stringify(value)}, expected one of ${col.values.join(', ')}`);
    }
    return value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DatasetError(label, `${where}: column "${col.name}" should be a finite number, got ${JSON.stringify(value)}`);
  }
  if (col.type === 'integer' && !Number.isInteger(value)) {
    throw new DatasetError(label, `${where}: column "${col.name}" should be an integer, got ${value}`);
  }
  return value;
}

function parseCsv(text: string, spec: TableSpec, label: string): Cell[][] {
  if (!text.endsWith('\n')) throw new DatasetError(label, 'malformed CSV: the last line has no newline');
  const lines = text.slice(0, -1).split('\n');
  const header = lines[0];
  const expected = spec.columns.map((c) => c.name).join(',');
  if (header !== expected) throw new DatasetError(label, `malformed CSV: header is "${header}", expected "${expected}"`);
  const rows: Cell[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i].split(',');
    const where = `line ${i + 1}`;
    if (fields.length !== spec.columns.length) {
      throw new DatasetError(label, `malformed CSV: ${where} has ${fields.length} fields, expected ${spec.columns.length}`);
    }
    rows.push(
      fields.map((f, j) => {
        const col = spec.columns[j];
        if (f === '') return checkCell(null, col, where, label);
        if (col.type === 'string') return checkCell(f, col, where, label);
        const v = Number(f);
        return checkCell(Number.isNaN(v) ? f : v, col, where, label);
      }),
    );
  }
  return rows;
}

function parseJsonRecords(text: string, spec: TableSpec, label: string): Cell[][] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DatasetError(label, `malformed JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(raw)) throw new DatasetError(label, 'malformed: expected a JSON array of records');
  const names = spec.columns.map((c) => c.name);
  return raw.map((record: unknown, i) => {
    const where = `record ${i}`;
    if (!isRecord(record)) throw new DatasetError(label, `malformed: ${where} is not an object`);
    const keys = Object.keys(record);
    const extra = keys.filter((k) => !names.includes(k));
    const missing = names.filter((k) => !(k in record));
    if (extra.length || missing.length) {
      throw new DatasetError(label, `malformed: ${where} has keys ${JSON.stringify(keys)}, expected ${JSON.stringify(names)}`);
    }
    return spec.columns.map((col) => checkCell(record[col.name], col, where, label));
  });
}

/**
 * Parses a CSV or JSON-records file and checks every row against the schema and the row count of `entry`.
 * @param label - how to name the file in errors, e.g. `datasets/iris.csv`
 */
export function parseTable(bytes: Uint8Array, entry: TableSpec & { rows?: number }, label: string): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(label, 'malformed: not valid UTF-8 text');
  }
  const rows = entry.format === 'csv' ? parseCsv(text, entry, label) : parseJsonRecords(text, entry, label);
  if (entry.rows !== undefined && rows.length !== entry.rows) {
    throw new DatasetError(label, `malformed: ${rows.length} rows, the manifest records ${entry.rows}`);
  }
  return { columns: entry.columns, rows };
}

const IDX_UINT8 = 0x08;

/**
 * Parses an IDX file of unsigned bytes (magic 0x00 0x00 0x08 ndim, then ndim big-endian uint32 sizes, then
 * the values) and checks its shape against `spec`. Returns a view on the values (no copy).
 */
export function parseIdx(bytes: Uint8Array, spec: IdxSpec, label: string): Uint8Array {
  const ndim = spec.shape.length;
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) throw new DatasetError(label, `malformed IDX: ${bytes.length} bytes is shorter than its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0 || bytes[2] !== IDX_UINT8 || bytes[3] !== ndim) {
    throw new DatasetError(label, `malformed IDX: magic ${Array.from(bytes.subarray(0, 4)).join(' ')}, expected 0 0 8 ${ndim}`);
  }
  const shape = spec.shape.map((_, i) => view.getUint32(4 + 4 * i));
  if (shape.join('x') !== spec.shape.join('x')) {
    throw new DatasetError(label, `malformed IDX: shape ${shape.join('x')}, expected ${spec.shape.join('x')}`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + count) {
    throw new DatasetError(label, `malformed IDX: ${bytes.length} bytes, expected ${headerBytes + count} for shape ${shape.join('x')}`);
  }
  return bytes.subarray(headerBytes);
}

/** Serialises unsigned bytes as an IDX file with the given shape (the inverse of `parseIdx`). */
export function formatIdx(values: Uint8Array, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new RangeError(`expected ${count} values for shape ${shape.join('x')}, got ${values.length}`);
  const out = new Uint8Array(4 + 4 * shape.length + count);
  const view = new DataView(out.buffer);
  out[2] = IDX_UINT8;
  out[3] = shape.length;
  shape.forEach((s, i) => view.setUint32(4 + 4 * i, s));
  out.set(values, 4 + 4 * shape.length);
  return out;
}

/** One chapter of a book-like text file: its number, its title and its full text (heading line included). */
export interface Chapter {
  number: number;
  title: string;
  text: string;
}

const CHAPTER_HEADING = /^CHAPTER (\d+)\. /gm;

/**
 * Decodes a plain-text file (strict UTF-8, `\n` line ends, a final newline) and cuts it into chapters at its
 * "CHAPTER n. Title" headings (a long heading wraps; it ends at the first blank line). Checks that the chapters
 * are numbered 1, 2, 3, ... and that the text starts with the first, so the chapters joined give back the file.
 * @param label - how to name the file in errors, e.g. `datasets/moby-dick.txt`
 */
export function parseChapters(bytes: Uint8Array, entry: TextSpec & { rows?: number }, label: string): Chapter[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DatasetError(label, 'malformed: not valid UTF-8 text');
  }
  if (text.includes('\r')) throw new DatasetError(label, 'malformed: has a carriage return (expected \\n line ends only)');
  if (!text.endsWith('\n')) throw new DatasetError(label, 'malformed: the last line has no newline');
  const heads = [...text.matchAll(CHAPTER_HEADING)];
  if (heads.length === 0 || heads[0].index !== 0) throw new DatasetError(label, 'malformed: the text does not start with a "CHAPTER 1. Title" line');
  const chapters = heads.map((m, i): Chapter => {
    const number = Number(m[1]);
    if (number !== i + 1) {
      const line = text.slice(0, m.index).split('\n').length;
      throw new DatasetError(label, `malformed: line ${line} opens chapter ${number}, expected chapter ${i + 1}`);
    }
    const start = m.index as number;
    const end = i + 1 < heads.length ? (heads[i + 1].index as number) : text.length;
    // A long title wraps onto the next line(s); the heading ends at the first blank line.
    const headEnd = text.indexOf('\n\n', start);
    if (headEnd < 0 || headEnd > end) throw new DatasetError(label, `malformed: chapter ${number} has no blank line after its heading`);
    return { number, title: text.slice(start + m[0].length, headEnd).replace(/\n/g, ' '), text: text.slice(start, end) };
  });
  if (entry.rows !== undefined && chapters.length !== entry.rows) {
    throw new DatasetError(label, `malformed: ${chapters.length} ${entry.unit}s, the manifest records ${entry.rows}`);
  }
  return chapters;
}
