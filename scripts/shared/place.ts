// Errors that carry a place: notebook path, cell number and id, line (like unified's file.fail).
export interface Place {
  file: string;
  /** 1-based cell number as a reader counts cells in the notebook. */
  cell?: number;
  cellId?: string;
  /** 1-based line within the cell's source. */
  line?: number;
  column?: number;
}

export function formatPlace(place: Place): string {
  let out = place.file;
  if (place.cell !== undefined) out += ` cell ${place.cell}${place.cellId ? ` (id ${place.cellId})` : ''}`;
  if (place.line !== undefined) out += ` line ${place.line}${place.column !== undefined ? `:${place.column}` : ''}`;
  return out;
}

export class PlacedError extends Error {
  constructor(readonly place: Place, readonly reason: string, readonly detail?: string) {
    super(`${formatPlace(place)}: ${reason}`);
    this.name = 'PlacedError';
  }
}

/** An error's message with its place: a PlacedError's own, any other error's prefixed with `fallback`. */
export function messageWithPlace(err: unknown, fallback: Place): string {
  if (err instanceof PlacedError) return err.message;
  return `${formatPlace(fallback)}: ${(err as Error).message ?? String(err)}`;
}
