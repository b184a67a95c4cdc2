/**
 * Rapportboten's two Teams icons, drawn by code so that they can be
 * regenerated and reviewed: a speech bubble with three rising bars. The
 * colour icon (192×192) is the bubble in white on the accent colour; the
 * outline icon (32×32) is the same motif in white on transparent, as Teams
 * requires.
 */
import { PNG } from 'pngjs';

/** The manifest's accentColor: the background of the colour icon. */
export const ACCENT = '#1E5A8A';

type Shape = (x: number, y: number) => boolean;
type Rgb = [number, number, number];

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Fraction of a pixel the shape covers, from an 8×8 grid of samples (anti-aliasing). */
function coverage(shape: Shape, px: number, py: number): number {
  const n = 8;
  let hits = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (shape(px + (i + 0.5) / n, py + (j + 0.5) / n)) hits++;
  return hits / (n * n);
}

/** The motif in a unit box (0–1): bubble outline, its tail, and three bars inside. */
function motif(size: number) {
  const s = (v: number) => v * size;
  const bubble = roundedRect(s(0.2), s(0.22), s(0.8), s(0.68), s(0.1));
  const tail = triangle([s(0.3), s(0.66)], [s(0.46), s(0.66)], [s(0.27), s(0.82)]);
  const bar = (x: number, top: number) => roundedRect(s(x), s(top), s(x + 0.1), s(0.58), s(0.015));
  const bars = union(bar(0.31, 0.47), bar(0.45, 0.4), bar(0.59, 0.33));
  return { bubble, tail, bars };
}

function encode(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

const mix = (under: Rgb, over: Rgb, t: number): Rgb => under.map((u, i) => Math.round(u + (over[i]! - u) * t)) as Rgb;

/** 192×192, full colour: white bubble with accent-coloured bars on the accent background. */
export function colorIcon(): Buffer {
  const size = 192;
  const { bubble, tail, bars } = motif(size);
  const accent = rgb(ACCENT);
  const white: Rgb = [255, 255, 255];
  const body = union(bubble, tail);
  return encode(size, (x, y) => {
    let c = mix(accent, white, coverage(body, x, y));
    c = mix(c, accent, coverage(bars, x, y));
    return [...c, 255];
  });
}

/** 32×32, white on transparent: the bubble as a 2 px outline, the tail and the bars filled. */
export function outlineIcon(): Buffer {
  const size = 32;
  const { bubble, tail, bars } = motif(size);
  const inner = roundedRect(0.2 * size + 2, 0.22 * size + 2, 0.8 * size - 2, 0.68 * size - 2, 0.1 * size - 1);
  const drawn = union(minus(bubble, inner), minus(tail, inner), bars);
  return encode(size, (x, y) => [255, 255, 255, Math.round(255 * coverage(drawn, x, y))]);
}
