// Publishes one display_data message with several MIME types from a notebook cell (wraps tslab's internal API in one place).

export type MimeBundle = Record<string, string | object>;

interface TslabJupyterModule {
  lastWriteDisplayData: ((data: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void) | null;
}

/** True when running inside a tslab kernel cell (where display is possible). */
export function inKernel(): boolean {
  try {
    return loadTslabJupyter().lastWriteDisplayData !== null;
  } catch {
    return false;
  }
}

function loadTslabJupyter(): TslabJupyterModule {
  // tslab's public display API sends one MIME type per message; its jupyter module publishes a whole bundle
  // (FACTS item 11). Internal API, so it is touched only here.
  return require('tslab/dist/jupyter') as TslabJupyterModule;
}

/** Sends `bundle` as one display_data output of the running cell. */
export function publishDisplay(bundle: MimeBundle, metadata: Record<string, unknown> = {}): void {
  const write = loadTslabJupyter().lastWriteDisplayData;
  if (!write) throw new Error('display needs the tslab kernel: run this inside a notebook with the ml-interview-notebooks kernel');
  write({ data: bundle, metadata, transient: {} }, false);
}
