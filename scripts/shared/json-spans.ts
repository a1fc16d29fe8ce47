// A JSON parser that records where each value and object member sits in the text, for byte-preserving edits.

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; value: number }
  | { kind: 'literal'; start: number; end: number; value: boolean | null };

export interface JsonMember { key: string; start: number; end: number; value: JsonNode }

/** Parses `text` (which JSON.parse must already accept) into nodes with [start, end) offsets. */
export function parseWithSpans(text: string): JsonNode {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (what: string): never => { throw new SyntaxError(`${what} at offset ${i}`); };
  const str = (): { kind: 'string'; start: number; end: number; value: string } => {
    const start = i;
    if (text[i] !== '"') fail('expected a string');
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { kind: 'string', start, end: i, value: JSON.parse(text.slice(start, i)) as string };
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === '}') { i++; return { kind: 'object', start, end: i, members }; }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        const v = value();
        members.push({ key: key.value, start: key.start, end: v.end, value: v });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { kind: 'object', start, end: i, members }; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { kind: 'array', start, end: i, items }; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false' || m[0] === 'null') return { kind: 'literal', start, end: i, value: m[0] === 'null' ? null : m[0] === 'true' };
    return { kind: 'number', start, end: i, value: Number(m[0]) };
  };
  const root = value();
  ws();
  if (i !== text.length) fail('unexpected text after the JSON value');
  return root;
}

export interface Edit { start: number; end: number; text: string }

export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  return node?.kind === 'object' ? node.members.find((m) => m.key === key) : undefined;
}

/** The edit that removes members `keys` from an object, taking their commas with them; everything else is kept. */
export function removeMembers(text: string, obj: JsonNode, keys: Set<string>): Edit[] {
  if (obj.kind !== 'object') return [];
  const remove = obj.members.map((m) => keys.has(m.key));
  if (!remove.some(Boolean)) return [];
  if (remove.every(Boolean)) return [{ start: obj.start, end: obj.end, text: '{}' }];
  const edits: Edit[] = [];
  // A leading run of removed members goes up to the start of the first kept one (taking their commas).
  const firstKept = remove.indexOf(false);
  if (firstKept > 0) edits.push({ start: obj.members[0].start, end: obj.members[firstKept].start, text: '' });
  // Any later removed member goes from the end of the member before it (the comma follows that one).
  for (let k = firstKept + 1; k < obj.members.length; k++) {
    if (remove[k]) edits.push({ start: obj.members[k - 1].end, end: obj.members[k].end, text: '' });
  }
  return mergeEdits(edits);
}

function mergeEdits(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last.end) { last.end = Math.max(last.end, e.end); last.text += e.text; }
    else out.push({ ...e });
  }
  return out;
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
