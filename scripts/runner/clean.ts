// Strips outputs, execution counts and volatile metadata from a notebook's text, keeping every other byte.
import { applyEdits, member, parseWithSpans, removeMembers, type Edit } from '../shared/json-spans';

/** Cell metadata written by front ends while executing or viewing (nbstripout's list). */
export const VOLATILE_CELL_METADATA = new Set(['execution', 'ExecuteTime', 'collapsed', 'scrolled']);
/** Notebook metadata that changes with the kernel version or widget state, not with the lesson. */
export const VOLATILE_NOTEBOOK_METADATA = new Set(['language_info', 'widgets', 'signature']);

export interface CleanResult { text: string; changes: string[] }

/** Returns the cleaned text and what was changed (empty when the notebook was already clean). */
export function cleanNotebookText(text: string): CleanResult {
  const root = parseWithSpans(text);
  const edits: Edit[] = [];
  const changes: string[] = [];
  const meta = member(root, 'metadata')?.value;
  if (meta) {
    const e = removeMembers(text, meta, VOLATILE_NOTEBOOK_METADATA);
    if (e.length) { edits.push(...e); changes.push('notebook metadata'); }
  }
  const cells = member(root, 'cells')?.value;
  if (cells?.kind === 'array') {
    cells.items.forEach((cell, k) => {
      const type = member(cell, 'cell_type')?.value;
      const isCode = type?.kind === 'string' && type.value === 'code';
      const outputs = member(cell, 'outputs')?.value;
      if (isCode && outputs?.kind === 'array' && outputs.items.length > 0) {
        edits.push({ start: outputs.start, end: outputs.end, text: '[]' });
        changes.push(`cell ${k + 1} outputs`);
      }
      const count = member(cell, 'execution_count')?.value;
      if (isCode && count && !(count.kind === 'literal' && count.value === null)) {
        edits.push({ start: count.start, end: count.end, text: 'null' });
        changes.push(`cell ${k + 1} execution_count`);
      }
      const cellMeta = member(cell, 'metadata')?.value;
      if (cellMeta) {
        const e = removeMembers(text, cellMeta, VOLATILE_CELL_METADATA);
        if (e.length) { edits.push(...e); changes.push(`cell ${k + 1} metadata`); }
      }
    });
  }
  return { text: applyEdits(text, edits), changes };
}
