/**
 * Draws Rampart's Teams app icons (a battlemented shield with a check mark) and writes them
 * as PNGs into appPackage/: color.png 192x192 (white shield on navy) and outline.png 32x32
 * (white shield on transparency, as Teams requires). Run: npx tsx scripts/make-icons.ts
 * No image library: pixels are computed with 4x4 supersampling and encoded with zlib.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgba = [number, number, number, number];

/** How much of a shape covers the point (u, v) in the unit square: 1 inside, 0 outside. */
type Shape = (u: number, v: number) => boolean;

const NAVY: Rgba = [0x1f, 0x3a, 0x5f, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** The shield: flat battlemented top, straight sides, curving to a point at the bottom. */
function shield(scale: number): Shape {
  const top = 0.5 - 0.38 * scale;
  const shoulder = 0.5;
  const tip = 0.5 + 0.42 * scale;
  const half = 0.34 * scale;
  const merlonDepth = 0.1 * scale;
  return (u, v) => {
    if (v < top || v > tip) return false;
    const dx = Math.abs(u - 0.5);
    let width = half;
    if (v > shoulder) {
      const t = (v - shoulder) / (tip - shoulder);
      width = half * Math.sqrt(Math.max(0, 1 - t * t));
    }
    if (dx > width) return false;
    // Two crenels cut into the top edge make the battlements.
    if (v < top + merlonDepth) {
      const x = (u - (0.5 - half)) / (2 * half);
      if ((x > 0.2 && x < 0.4) || (x > 0.6 && x < 0.8)) return false;
    }
    return true;
  };
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The check mark inside the shield: approved, reviewed. */
function check(scale: number, thickness: number): Shape {
  const p = (x: number): number => 0.5 + (x - 0.5) * scale;
  return (u, v) =>
    segmentDistance(u, v, p(0.36), p(0.52), p(0.46), p(0.63)) < thickness * scale ||
    segmentDistance(u, v, p(0.46), p(0.63), p(0.66), p(0.38)) < thickness * scale;
}

/** Renders an icon: background, then the shield, then the check punched out of (or painted on) it. */
function render(size: number, background: Rgba | null, shieldScale: number, checkInk: Rgba | null, checkThickness: number): Buffer {
  const outer = shield(shieldScale);
  const mark = check(shieldScale, checkThickness);
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          let c: Rgba | null = background;
          if (outer(u, v)) c = mark(u, v) ? checkInk : WHITE;
          if (!c) continue;
          // Premultiplied accumulation keeps edges correct over transparency.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const i = (y * size + x) * 4;
      const alpha = acc[3] / (samples * samples);
      pixels[i] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      pixels[i + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      pixels[i + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      pixels[i + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Encodes RGBA pixels as an 8-bit truecolour-with-alpha PNG (filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main(): void {
  const out = path.resolve(__dirname, '..', 'appPackage');
  // Colour icon: full-bleed navy, white shield, navy check.
  fs.writeFileSync(path.join(out, 'color.png'), render(192, NAVY, 0.78, NAVY, 0.05));
  // Outline icon: white only; the check is cut out so it reads at 32 px.
  fs.writeFileSync(path.join(out, 'outline.png'), render(32, null, 1, null, 0.07));
  process.stdout.write(`wrote ${path.join(out, 'color.png')} and outline.png\n`);
}

if (require.main === module) main();
