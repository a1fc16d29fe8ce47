// The Jupyter wire protocol: frames a message, signs it with HMAC-SHA256, and verifies and parses incoming frames.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KernelMessage, OutgoingMessage } from './messages';

const DELIMITER = Buffer.from('<IDS|MSG>');

export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

function sign(key: string, parts: readonly Buffer[]): string {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** Frames for a DEALER socket: delimiter, signature, header, parent, metadata, content. */
export function encodeMessage(key: string, msg: OutgoingMessage): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
  return [DELIMITER, Buffer.from(sign(key, parts)), ...parts];
}

/**
 * Parses frames received on any socket (routing identities or a PUB topic may precede the delimiter).
 * Throws SignatureError when the HMAC does not match: a message from anyone without the key is dropped.
 */
export function decodeMessage(key: string, frames: readonly Buffer[]): KernelMessage {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) throw new SignatureError('malformed message: no <IDS|MSG> delimiter or too few frames');
  const signature = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  const expected = Buffer.from(sign(key, parts));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw new SignatureError('message rejected: HMAC signature does not match the connection key');
  }
  const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')) as unknown);
  return {
    header, parent_header, metadata, content,
    buffers: frames.slice(at + 6),
  } as KernelMessage; // shape guaranteed by the signed kernel; fields are read defensively by the collector
}
