// For kernel tests: a process's children and descendants, from /proc (Linux), since the project's launcher may run the kernel in a child.
import { readdirSync, readFileSync } from 'node:fs';

/** pid -> parent pid of every process now. */
function parentsNow(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try { parents.set(Number(e), Number(readFileSync(`/proc/${e}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1])); } catch { /* gone */ }
  }
  return parents;
}

/** The direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  return [...parentsNow()].filter(([, parent]) => parent === pid).map(([child]) => child);
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const parents = parentsNow();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}
