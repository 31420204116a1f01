// Draws the Teams app icons (a speech bubble with a tick) as PNGs: `node --import tsx src/bot/teams/draw-icons.ts`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];
/** A shape as a signed distance: negative inside, positive outside, in pixels. */
type Shape = (x: number, y: number) => number;

export const ACCENT: Rgb = [0x1f, 0x6f, 0xb2];
const WHITE: Rgb = [255, 255, 255];

const roundedRect =
  (left: number, top: number, right: number, bottom: number, radius: number): Shape =>
  (x, y) => {
    const cx = (left + right) / 2;
    const cy = (top + bottom) / 2;
    const qx = Math.abs(x - cx) - ((right - left) / 2 - radius);
    const qy = Math.abs(y - cy) - ((bottom - top) / 2 - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };

const triangle =
  (a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): Shape =>
  (x, y) => {
    const side = (p: readonly [number, number], q: readonly [number, number]) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const d1 = side(a, b);
    const d2 = side(b, c);
    const d3 = side(c, a);
    const inside = (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
    const edge = Math.min(segment(a, b, 0)(x, y), segment(b, c, 0)(x, y), segment(c, a, 0)(x, y));
    return inside ? -edge : edge;
  };

/** A stroke of the given width with round caps. */
const segment =
  (a: readonly [number, number], b: readonly [number, number], width: number): Shape =>
  (x, y) => {
    const [ax, ay] = a;
    const [bx, by] = b;
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - width / 2;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));
const outline =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y)) - width / 2;

/** Paints layers back to front, each with 4×4 supersampling for smooth edges. */
function render(size: number, layers: Array<{ shape: Shape; color: Rgb }>): PNG {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, color } of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy += 1) {
          for (let sx = 0; sx < samples; sx += 1) {
            if (shape(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples) <= 0) covered += 1;
          }
        }
        const alpha = covered / samples ** 2;
        const outA = alpha + a * (1 - alpha);
        if (outA > 0) {
          r = (color[0] * alpha + r * a * (1 - alpha)) / outA;
          g = (color[1] * alpha + g * a * (1 - alpha)) / outA;
          b = (color[2] * alpha + b * a * (1 - alpha)) / outA;
        }
        a = outA;
      }
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return png;
}

/** Scales a drawing made on a 192-pixel grid. */
const scaled =
  (factor: number, shape: Shape): Shape =>
  (x, y) =>
    shape(x / factor, y / factor) * factor;

const bubble = union(roundedRect(36, 40, 156, 130, 24), triangle([58, 118], [96, 118], [48, 158]));
const tick = union(segment([70, 86], [88, 104], 14), segment([88, 104], [124, 66], 14));

/** 192×192: a white bubble with an accent tick on an accent rounded square (transparent corners). */
export function colorIcon(): Buffer {
  return PNG.sync.write(
    render(192, [
      { shape: roundedRect(0, 0, 192, 192, 36), color: ACCENT },
      { shape: bubble, color: WHITE },
      { shape: tick, color: ACCENT },
    ]),
  );
}

/** 32×32: the same bubble and tick as white lines on transparency, as Teams wants its outline icon. */
export function outlineIcon(): Buffer {
  const factor = 32 / 192;
  return PNG.sync.write(
    render(32, [
      { shape: scaled(factor, outline(bubble, 14)), color: WHITE },
      { shape: scaled(factor, tick), color: WHITE },
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL("../../../manifest/teams/", import.meta.url);
  writeFileSync(new URL("color.png", dir), colorIcon());
  writeFileSync(new URL("outline.png", dir), outlineIcon());
  console.log(`Wrote color.png and outline.png in ${fileURLToPath(dir)}`);
}
