import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { APP_PACKAGE_DIR, ICON_SIZES, crc32 } from './teamsPackage';

/**
 * `npx tsx scripts/makeTeamsIcons.ts`: writes the Teams app icons into appPackage/ —
 * color.png (192x192, a white "D" on DIBS blue, no transparency) and
 * outline.png (32x32, the same "D" in white on a transparent background).
 * Plain PNG encoding with node:zlib; no image library.
 */

export const DIBS_BLUE = { r: 0x00, g: 0x48, b: 0x7a } as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGB (channels 3, colour type 2) or RGBA (channels 4, colour type 6) pixels, row by row. */
export function encodePng(width: number, height: number, pixels: Buffer, channels: 3 | 4): Buffer {
  if (pixels.length !== width * height * channels) throw new Error(`expected ${width * height * channels} bytes of pixels, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: None
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A "D": a stem plus a half disc, minus the same shape inset by the stroke width. Box in pixels. */
interface Glyph {
  left: number;
  top: number;
  height: number;
  width: number;
  stroke: number;
}

function insideD(x: number, y: number, g: Glyph): boolean {
  const r = g.height / 2;
  const cx = g.left + g.width - r;
  const cy = g.top + r;
  const inShape = (inset: number): boolean => {
    if (y < g.top + inset || y > g.top + g.height - inset || x < g.left + inset) return false;
    if (x <= cx) return true;
    return (x - cx) ** 2 + (y - cy) ** 2 <= (r - inset) ** 2;
  };
  return inShape(0) && !inShape(g.stroke);
}

/** Fraction of the pixel covered by the glyph, by n x n supersampling. */
function coverage(px: number, py: number, g: Glyph, n = 8): number {
  let hits = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (insideD(px + (i + 0.5) / n, py + (j + 0.5) / n, g)) hits++;
  return hits / (n * n);
}

/** 192x192 RGB: DIBS blue, white "D" in the central ~96px safe area. */
export function colorIconPixels(): Buffer {
  const { width, height } = ICON_SIZES.color;
  const glyph: Glyph = { left: 54, top: 48, height: 96, width: 84, stroke: 20 };
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = coverage(x, y, glyph);
      const i = (y * width + x) * 3;
      pixels[i] = Math.round(DIBS_BLUE.r + (255 - DIBS_BLUE.r) * a);
      pixels[i + 1] = Math.round(DIBS_BLUE.g + (255 - DIBS_BLUE.g) * a);
      pixels[i + 2] = Math.round(DIBS_BLUE.b + (255 - DIBS_BLUE.b) * a);
    }
  }
  return pixels;
}

/** 32x32 RGBA: white "D", transparent elsewhere (Teams allows only white and transparent). */
export function outlineIconPixels(): Buffer {
  const { width, height } = ICON_SIZES.outline;
  const glyph: Glyph = { left: 5, top: 3, height: 26, width: 22, stroke: 4.5 };
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = Math.round(coverage(x, y, glyph) * 255);
      pixels.fill(255, i, i + 3); // every pixel is white; only the alpha channel draws the glyph
      pixels[i + 3] = alpha;
    }
  }
  return pixels;
}

export function makeTeamsIcons(dir: string = APP_PACKAGE_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  fs.writeFileSync(color, encodePng(ICON_SIZES.color.width, ICON_SIZES.color.height, colorIconPixels(), 3));
  fs.writeFileSync(outline, encodePng(ICON_SIZES.outline.width, ICON_SIZES.outline.height, outlineIconPixels(), 4));
  return [color, outline];
}

if (require.main === module) {
  for (const file of makeTeamsIcons()) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
