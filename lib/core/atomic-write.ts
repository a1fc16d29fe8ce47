// Writes a file atomically: a hidden temp file in the same folder, fsync, then rename over the target.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

let tempCounter = 0;

/**
 * Readers see the old file or the new one, never a half-written one, even if the process is killed mid-write.
 * Temp files are named `.<name>.<pid>.<n>.tmp` beside the target, so a later run can find and remove leftovers.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  if (typeof file !== 'string' || file === '') throw new TypeError('writeFileAtomic: expected a file path');
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${tempCounter++}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = openSync(temp, 'w');
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Writes a value as pretty-printed JSON (2 spaces, trailing newline), atomically. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
