/**
 * Minimal PNG reader for screenshot checks (8-bit RGB/RGBA, not interlaced,
 * which is what Chromium writes): decodes pixels and reports how varied they
 * are, so a test can tell a rendered UI from a blank page.
 */
import { inflateSync } from 'node:zlib';

export interface PngStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Standard deviation of luminance, 0-255. */
  stdDev: number;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decode(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colour = data[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || data[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${data[12]})`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[dst + x - channels]! : 0;
      const b = y > 0 ? pixels[dst - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[dst - stride + x - channels]! : 0;
      const v = raw[src + x]!;
      const out =
        filter === 0
          ? v
          : filter === 1
            ? v + a
            : filter === 2
              ? v + b
              : filter === 3
                ? v + ((a + b) >> 1)
                : v + paeth(a, b, c);
      pixels[dst + x] = out & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

export const PNG = {
  stats(png: Buffer): PngStats {
    const { width, height, channels, pixels } = decode(png);
    const colours = new Set<number>();
    let sum = 0;
    let sumSq = 0;
    const n = width * height;
    for (let i = 0; i < n; i++) {
      const r = pixels[i * channels]!;
      const g = pixels[i * channels + 1]!;
      const b = pixels[i * channels + 2]!;
      colours.add((r << 16) | (g << 8) | b);
      const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += lum;
      sumSq += lum * lum;
    }
    const mean = sum / n;
    return { width, height, distinctColours: colours.size, stdDev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
  },
};
