// Builds an output folder beside the live one and swaps it in, so an interrupted export leaves the previous folder whole.
import { existsSync, linkSync, copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, constants } from 'node:fs';
import path from 'node:path';

const tempName = (target: string, kind: 'new' | 'old', pid: number) => path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${pid}`);

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Repairs what an interrupted export left: if the live folder is missing but a previous one was moved aside, it is
 * moved back; temp folders of exports that are no longer running are removed.
 */
export function recover(target: string): void {
  const dir = path.dirname(target);
  if (!existsSync(dir)) return;
  const prefix = `.${path.basename(target)}.`;
  const leftovers = readdirSync(dir)
    .map((name) => ({ name, m: new RegExp(`^${prefix.replace(/\./g, '\\.')}(new|old)-(\\d+)$`).exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null && !alive(Number(e.m[2])));
  for (const { name, m } of leftovers) {
    const full = path.join(dir, name);
    if (m[1] === 'old' && !existsSync(target)) renameSync(full, target);
    else rmSync(full, { recursive: true, force: true });
  }
}

/** A fresh, empty folder beside `target` to build the next version in. */
export function startTemp(target: string): string {
  const temp = tempName(target, 'new', process.pid);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  return temp;
}

/**
 * Replaces `target` with `temp`: two renames in the same folder (the old version is moved aside first, and is put
 * back by `recover` if the process dies between them), then the old version is deleted.
 */
export function swapIn(temp: string, target: string): void {
  const old = tempName(target, 'old', process.pid);
  rmSync(old, { recursive: true, force: true });
  const had = existsSync(target);
  if (had) renameSync(target, old);
  try {
    renameSync(temp, target);
  } catch (err) {
    if (had) renameSync(old, target);
    throw err;
  }
  if (had) rmSync(old, { recursive: true, force: true });
}

/** Removes a temp folder after a failed build. */
export function discardTemp(temp: string): void {
  rmSync(temp, { recursive: true, force: true });
}

/** Hard-links `from` to `to` (the previous build's unchanged files; nothing ever writes them in place), else copies. */
export function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
  }
}

/** Links or copies a whole folder tree. */
export function linkTree(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  if (!existsSync(from)) return;
  for (const name of readdirSync(from).sort()) {
    if (skip(name)) continue;
    const src = path.join(from, name);
    const dst = path.join(to, name);
    if (statSync(src).isDirectory()) linkTree(src, dst, skip);
    else linkOrCopy(src, dst);
  }
}
