// Decodes base64 image outputs strictly and reads their format and pixel size from the file header.

export type RasterFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface DecodedImage {
  format: RasterFormat;
  bytes: Buffer;
  width: number;
  height: number;
}

export const RASTER_MIME: Record<string, RasterFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export const EXTENSION: Record<RasterFormat, string> = { png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp' };

/** Decodes base64 (whitespace allowed), refusing anything Buffer.from would silently skip. */
export function decodeBase64(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (clean === '') throw new Error('the image data is empty');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new Error('the image data is not valid base64');
  return Buffer.from(clean, 'base64');
}

function pngSize(b: Buffer): [number, number] {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 33 || !b.subarray(0, 8).equals(sig) || b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file (bad signature or no IHDR chunk)');
  if (b.toString('latin1', b.length - 8, b.length - 4) !== 'IEND') throw new Error('truncated PNG file (no IEND chunk at the end)');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

function jpegSize(b: Buffer): [number, number] {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new Error('not a JPEG file (no SOI marker)');
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw new Error('corrupt JPEG file (expected a marker)');
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; }
    const len = b.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    }
    i += 2 + len;
  }
  throw new Error('truncated JPEG file (no frame header)');
}

function gifSize(b: Buffer): [number, number] {
  const head = b.toString('latin1', 0, 6);
  if (b.length < 14 || (head !== 'GIF87a' && head !== 'GIF89a')) throw new Error('not a GIF file');
  return [b.readUInt16LE(6), b.readUInt16LE(8)];
}

function webpSize(b: Buffer): [number, number] {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') throw new Error('not a WebP file');
  const kind = b.toString('latin1', 12, 16);
  if (kind === 'VP8X') return [1 + b.readUIntLE(24, 3), 1 + b.readUIntLE(27, 3)];
  if (kind === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return [1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)];
  }
  if (kind === 'VP8 ') return [b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff];
  throw new Error(`unknown WebP chunk ${JSON.stringify(kind)}`);
}

/** Decodes an image output; throws with a reason when it is not valid base64 of the format its MIME type names. */
export function decodeImage(mime: string, base64: string): DecodedImage {
  const format = RASTER_MIME[mime];
  if (!format) throw new Error(`unsupported image type ${mime}`);
  const bytes = decodeBase64(base64);
  const [width, height] = format === 'png' ? pngSize(bytes) : format === 'jpeg' ? jpegSize(bytes) : format === 'gif' ? gifSize(bytes) : webpSize(bytes);
  if (!(width > 0 && height > 0)) throw new Error(`the ${format.toUpperCase()} header gives an empty size ${width}x${height}`);
  return { format, bytes, width, height };
}
