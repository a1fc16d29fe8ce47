// Reads, validates and serializes nbformat 4 notebooks the way Jupyter writes them (indent 1, sorted keys, split lines).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PlacedError } from '../shared/place';

export type MultilineString = string | string[];

export interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  [key: string]: unknown;
}

export interface Cell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: MultilineString;
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown> & {
    kernelspec?: { name?: string; display_name?: string; language?: string };
  };
  cells: Cell[];
}

export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join('') : source;
}

/** Splits text into lines keeping their newlines, as nbformat stores multi-line strings. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and checks a notebook file; every problem names the file and, where there is one, the cell. */
export function readNotebook(file: string): Notebook {
  if (!existsSync(file)) throw new PlacedError({ file }, 'no such notebook file');
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PlacedError({ file }, `not valid JSON: ${(err as Error).message}`);
  }
  return validateNotebook(raw, file);
}

export function validateNotebook(raw: unknown, file: string): Notebook {
  if (!isObject(raw)) throw new PlacedError({ file }, 'not a notebook: the top level is not a JSON object');
  if (raw.nbformat !== 4) {
    throw new PlacedError({ file }, `unsupported nbformat ${JSON.stringify(raw.nbformat)}: expected nbformat 4 (convert it with "jupyter nbconvert --to notebook")`);
  }
  if (!Array.isArray(raw.cells)) throw new PlacedError({ file }, 'not an nbformat 4 notebook: "cells" is missing or not a list');
  if (!isObject(raw.metadata)) throw new PlacedError({ file }, 'not an nbformat 4 notebook: "metadata" is missing or not an object');
  raw.cells.forEach((cell: unknown, i: number) => {
    const place = { file, cell: i + 1 };
    if (!isObject(cell)) throw new PlacedError(place, 'cell is not a JSON object');
    if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown' && cell.cell_type !== 'raw') {
      throw new PlacedError(place, `unknown cell_type ${JSON.stringify(cell.cell_type)}`);
    }
    const src = cell.source;
    if (!(typeof src === 'string' || (Array.isArray(src) && src.every((s) => typeof s === 'string')))) {
      throw new PlacedError(place, '"source" must be a string or a list of strings');
    }
    if (cell.metadata !== undefined && !isObject(cell.metadata)) throw new PlacedError(place, '"metadata" must be an object');
    if (cell.id !== undefined && (typeof cell.id !== 'string' || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id))) {
      throw new PlacedError(place, `invalid cell id ${JSON.stringify(cell.id)} (1-64 letters, digits, - or _)`);
    }
  });
  return raw as unknown as Notebook;
}

/** A stable id for a cell that has none (nbformat < 4.5): derived from its position, never random. */
export function stableCellId(index: number, source: string): string {
  return createHash('sha256').update(`${index}\n${source}`).digest('hex').slice(0, 8);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

/** Multi-line strings split into lists of lines where nbformat's own writer splits them. */
function splitForStorage(nb: Notebook): Notebook {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    cell.source = splitLines(joinSource(cell.source));
    for (const out of cell.outputs ?? []) {
      if (out.output_type === 'stream' && typeof out.text === 'string') out.text = splitLines(out.text);
      if (isObject(out.data)) {
        for (const [mime, value] of Object.entries(out.data)) {
          const isText = mime.startsWith('text/') || mime === 'image/svg+xml';
          if (isText && typeof value === 'string') out.data[mime] = splitLines(value);
        }
      }
    }
  }
  return copy;
}

/** Serializes as Jupyter does: indent 1, sorted keys, non-ASCII kept, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(splitForStorage(nb)), null, 1) + '\n';
}
