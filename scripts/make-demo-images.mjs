#!/usr/bin/env node
/**
 * Generates the original demo illustrations used by the Masthead demo site.
 *
 * Every picture is drawn as an SVG string (flat-vector editorial style, no
 * text) and rasterised with sharp into `src/demo/images/`:
 *   - 32 lead images, 1600×900 JPEG (`<key>.jpg`)
 *   - 7 author avatars, 400×400 JPEG (`avatar-<slug>.jpg`)
 *   - the site logo, 512×512 PNG (`logo.png`)
 *
 * All randomness comes from a seeded generator keyed on the image name, so
 * re-running the script produces byte-identical files.
 *
 * Usage:
 *   node scripts/make-demo-images.mjs                 # render everything
 *   node scripts/make-demo-images.mjs --only harbor,forest
 *   node scripts/make-demo-images.mjs --preview /tmp/previews   # also write PNGs
 */
import { mkdir, writeFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = nodePath.join(ROOT, 'src/demo/images');
const W = 1600;
const H = 900;
const JPEG_OPTIONS = { quality: 78, progressive: true, mozjpeg: true };

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32 seeded from a string, with a few convenience helpers. */
function createRng(seedText) {
  let a = hashString(seedText);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.range = (min, max) => min + (max - min) * next();
  next.int = (min, max) => Math.floor(min + (max - min + 1) * next());
  next.pick = (items) => items[Math.floor(next() * items.length)];
  next.chance = (p) => next() < p;
  return next;
}

// ---------------------------------------------------------------------------
// SVG building blocks
// ---------------------------------------------------------------------------

const n = (v) => Math.round(v * 100) / 100;
const lerp = (a, b, t) => a + (b - a) * t;
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const pt = ([x, y]) => `${n(x)},${n(y)}`;

// SVG attributes that really are camelCase; everything else is kebab-cased.
const CAMEL_ATTRS = new Set([
  'gradientUnits',
  'gradientTransform',
  'viewBox',
  'stdDeviation',
  'baseFrequency',
  'numOctaves',
]);

function attrs(obj) {
  let out = '';
  for (const [key, value] of Object.entries(obj)) {
    if (value === null || value === undefined || value === false) continue;
    const name = CAMEL_ATTRS.has(key) ? key : key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
    out += ` ${name}="${typeof value === 'number' ? n(value) : value}"`;
  }
  return out;
}

const el = (tag, a, children) =>
  children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`;
const rect = (x, y, w, h, fill, a = {}) => el('rect', { x, y, width: w, height: h, fill, ...a });
const circle = (cx, cy, r, fill, a = {}) => el('circle', { cx, cy, r, fill, ...a });
const ellipse = (cx, cy, rx, ry, fill, a = {}) => el('ellipse', { cx, cy, rx, ry, fill, ...a });
const poly = (points, fill, a = {}) => el('polygon', { points: points.map(pt).join(' '), fill, ...a });
const polyline = (points, stroke, width, a = {}) =>
  el('polyline', {
    points: points.map(pt).join(' '),
    fill: 'none',
    stroke,
    strokeWidth: width,
    strokeLinejoin: 'round',
    ...a,
  });
const path = (d, fill, a = {}) => el('path', { d, fill, ...a });
const line = (x1, y1, x2, y2, stroke, width = 1, a = {}) =>
  el('line', { x1, y1, x2, y2, stroke, strokeWidth: width, ...a });
const seg = (a, b, stroke, width, extra = {}) => line(a[0], a[1], b[0], b[1], stroke, width, extra);
const group = (children, a = {}) => el('g', a, [children].flat(Infinity).join(''));
const linePath = (points) => `M${points.map(pt).join('L')}`;

/** Smooth Catmull-Rom curve through points, as an SVG path (open). */
function curveThrough(points) {
  let d = `M${pt(points[0])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] || points[i];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[i + 2] || p2;
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += `C${pt(c1)} ${pt(c2)} ${pt(p2)}`;
  }
  return d;
}

/** Closed area under a smooth curve down to `bottom`. */
function areaBelow(points, bottom = H, smooth = true) {
  const first = points[0];
  const last = points[points.length - 1];
  return `${smooth ? curveThrough(points) : linePath(points)}L${n(last[0])},${bottom}L${n(first[0])},${bottom}Z`;
}

/** y = f(x): a base height plus a sum of sines with seeded phases. */
function waveFn(rng, baseY, components) {
  const parts = components.map(([amp, wavelength]) => [amp, wavelength, rng.range(0, Math.PI * 2)]);
  return (x) =>
    baseY + parts.reduce((acc, [amp, len, ph]) => acc + amp * Math.sin((x / len) * Math.PI * 2 + ph), 0);
}

function sample(fn, { x0 = -40, x1 = W + 40, step = 40 } = {}) {
  const pts = [];
  for (let x = x0; x <= x1 + step - 1; x += step) pts.push([x, fn(x)]);
  return pts;
}

function jagged(rng, baseY, amp, step, { x0 = -40, x1 = W + 40 } = {}) {
  const pts = [];
  for (let x = x0; x <= x1 + step - 1; x += step * rng.range(0.6, 1.3))
    pts.push([x, baseY + rng.range(-amp, amp)]);
  pts.push([x1 + step, baseY + rng.range(-amp, amp)]);
  return pts;
}

// Colour helpers -------------------------------------------------------------

function hexToRgb(hex) {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
function mix(a, b, t) {
  const pa = hexToRgb(a);
  const pb = hexToRgb(b);
  return `#${pa
    .map((v, i) =>
      Math.round(v + (pb[i] - v) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
const lighten = (c, t) => mix(c, '#ffffff', t);
const darken = (c, t) => mix(c, '#000000', t);

// Scene: collects <defs> (gradients, clip paths) and body markup ----------------

class Scene {
  constructor(width = W, height = H) {
    this.width = width;
    this.height = height;
    this.defs = [];
    this.body = [];
    this.count = 0;
  }
  uid(prefix) {
    this.count += 1;
    return `${prefix}${this.count}`;
  }
  add(...parts) {
    this.body.push(...parts.flat(Infinity));
    return this;
  }
  stops(list) {
    return list
      .map(([offset, color, opacity]) =>
        el('stop', { offset, stopColor: color, stopOpacity: opacity ?? null }),
      )
      .join('');
  }
  /** Vertical by default; set x1..y2 for other directions, `user` for absolute coords. */
  linear(stops, { x1 = 0, y1 = 0, x2 = 0, y2 = 1, user = false } = {}) {
    const id = this.uid('lg');
    this.defs.push(
      el(
        'linearGradient',
        { id, x1, y1, x2, y2, gradientUnits: user ? 'userSpaceOnUse' : null },
        this.stops(stops),
      ),
    );
    return `url(#${id})`;
  }
  radial(stops, { cx = 0.5, cy = 0.5, r = 0.5, fx = null, fy = null, user = false } = {}) {
    const id = this.uid('rg');
    this.defs.push(
      el(
        'radialGradient',
        { id, cx, cy, r, fx, fy, gradientUnits: user ? 'userSpaceOnUse' : null },
        this.stops(stops),
      ),
    );
    return `url(#${id})`;
  }
  clip(markup) {
    const id = this.uid('cp');
    this.defs.push(el('clipPath', { id }, markup));
    return `url(#${id})`;
  }
  toSvg() {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}"><defs>${this.defs.join('')}</defs>${this.body.join('')}</svg>`;
  }
}

// ---------------------------------------------------------------------------
// Shared scenery helpers
// ---------------------------------------------------------------------------

function sky(s, stops) {
  s.add(rect(0, 0, s.width, s.height, s.linear(stops)));
}

function glow(s, cx, cy, r, color, opacity = 0.6) {
  s.add(
    circle(
      cx,
      cy,
      r,
      s.radial([
        [0, color, opacity],
        [0.35, color, opacity * 0.45],
        [1, color, 0],
      ]),
    ),
  );
}

function stars(rng, count, maxY, { color = '#ffffff', minR = 0.6, maxR = 1.8 } = {}) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const y = rng.range(0, maxY);
    out.push(
      circle(rng.range(0, W), y, rng.range(minR, maxR), color, {
        opacity: rng.range(0.3, 0.95) * (1 - (y / maxY) * 0.6),
      }),
    );
  }
  return out.join('');
}

function cloud(cx, cy, scale, fill, opacity = 0.9) {
  const puffs = [
    [-70, 0, 38],
    [-30, -28, 48],
    [22, -38, 56],
    [70, -12, 42],
    [105, 6, 30],
  ];
  const body =
    puffs.map(([x, y, r]) => circle(x, y, r, fill)).join('') + rect(-100, -4, 232, 40, fill, { rx: 20 });
  return group(body, { transform: `translate(${n(cx)} ${n(cy)}) scale(${n(scale)})`, opacity });
}

function pine(x, base, h, fill) {
  const hw = h * 0.24;
  const right = [
    [0, -1],
    [0.55, -0.68],
    [0.3, -0.68],
    [0.8, -0.4],
    [0.5, -0.4],
    [1, -0.1],
    [0.12, -0.1],
    [0.12, 0],
  ];
  const pts = [
    ...right.map(([a, b]) => [x + a * hw, base + b * h]),
    ...right
      .slice(1)
      .reverse()
      .map(([a, b]) => [x - a * hw, base + b * h]),
  ];
  return poly(pts, fill);
}

function roundTree(x, base, h, fill, trunk = fill) {
  const r = h * 0.3;
  return (
    rect(x - h * 0.03, base - h * 0.45, h * 0.06, h * 0.45, trunk) +
    circle(x, base - h * 0.62, r, fill) +
    circle(x - r * 0.6, base - h * 0.48, r * 0.75, fill) +
    circle(x + r * 0.6, base - h * 0.46, r * 0.7, fill)
  );
}

/**
 * A row of buildings along `base`. Returns markup plus the tips of antennas /
 * spires (useful for aviation lights).
 */
function skyline(rng, opts) {
  const {
    x0 = -20,
    x1 = W + 20,
    base,
    minH,
    maxH,
    minW = 50,
    maxW = 130,
    gap = [0, 6],
    fill,
    windows = null,
    roofs = true,
  } = opts;
  const out = [];
  const tips = [];
  let x = x0;
  while (x < x1) {
    const w = rng.range(minW, maxW);
    const h = rng.range(minH, maxH);
    const top = base - h;
    out.push(rect(x, top, w, h + 2, fill));
    if (roofs) {
      const kind = rng();
      if (kind < 0.16) {
        const w2 = w * rng.range(0.45, 0.7);
        const h2 = h * rng.range(0.08, 0.16);
        out.push(rect(x + (w - w2) / 2, top - h2, w2, h2 + 1, fill));
        if (rng.chance(0.6)) {
          const ah = rng.range(25, 70);
          out.push(line(x + w / 2, top - h2, x + w / 2, top - h2 - ah, fill, 3));
          tips.push([x + w / 2, top - h2 - ah]);
        }
      } else if (kind < 0.26) {
        const sh = rng.range(40, 110);
        out.push(
          poly(
            [
              [x + w * 0.25, top + 1],
              [x + w / 2, top - sh],
              [x + w * 0.75, top + 1],
            ],
            fill,
          ),
        );
        tips.push([x + w / 2, top - sh]);
      } else if (kind < 0.34) {
        out.push(
          poly(
            [
              [x, top + 1],
              [x + w, top - rng.range(25, 60)],
              [x + w, top + 1],
            ],
            fill,
          ),
        );
      } else if (kind < 0.46) {
        const ax = x + w * rng.range(0.25, 0.75);
        const ah = rng.range(20, 60);
        out.push(line(ax, top, ax, top - ah, fill, 3));
        tips.push([ax, top - ah]);
      }
    }
    if (windows) {
      const {
        w: ww = 8,
        h: wh = 11,
        gx = 7,
        gy = 9,
        pad = 10,
        lit = 0.3,
        colors = ['#ffd98a'],
        off = null,
        offOpacity = 1,
      } = windows;
      const cols = Math.floor((w - pad * 2 + gx) / (ww + gx));
      const startX = x + (w - (cols * (ww + gx) - gx)) / 2;
      for (let wy = top + pad + 4; wy < base - pad - wh; wy += wh + gy) {
        for (let c = 0; c < cols; c++) {
          const wx = startX + c * (ww + gx);
          if (rng.chance(lit)) out.push(rect(wx, wy, ww, wh, rng.pick(colors)));
          else if (off) out.push(rect(wx, wy, ww, wh, off, { opacity: offOpacity }));
        }
      }
    }
    x += w + rng.range(gap[0], gap[1]);
  }
  return { markup: out.join(''), tips };
}

/** Perspective projection: lateral offset u, height h, scale s (= 1/depth). */
function projector(vx, vy, cameraHeight) {
  return (u, h, s) => [vx + u * s, vy + (cameraHeight - h) * s];
}

function vignette(s, strength = 0.32) {
  s.add(
    rect(
      0,
      0,
      s.width,
      s.height,
      s.radial(
        [
          [0.55, '#000000', 0],
          [1, '#000000', strength],
        ],
        { r: 0.75 },
      ),
    ),
  );
}

/**
 * A flag waving in the wind. Regions are drawn in (u, v) flag coordinates
 * (0..1 along the fly / the hoist) and bent by the same wave.
 */
function wavingFlag({ x, y, w, h, amp = 18, waves = 1.25, phase = 0, regions }) {
  const wave = (u) => u * waves * Math.PI * 2 + phase;
  const P = (u, v) => [x + u * w, y + v * h + amp * u * Math.sin(wave(u)) + u * u * h * 0.05];
  const densify = (pts) => {
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i];
      const b = pts[(i + 1) % pts.length];
      for (let k = 0; k < 12; k++) out.push([lerp(a[0], b[0], k / 12), lerp(a[1], b[1], k / 12)]);
    }
    return out;
  };
  const out = [];
  for (const region of regions) {
    let uv;
    if (region.circle) {
      const [cu, cv, r] = region.circle;
      uv = Array.from({ length: 40 }, (_, i) => {
        const t = (i / 40) * Math.PI * 2;
        return [cu + (r * Math.cos(t) * h) / w, cv + r * Math.sin(t)];
      });
    } else if (region.points) {
      uv = densify(region.points);
    } else {
      const [u0, u1, v0, v1] = region.rect;
      uv = densify([
        [u0, v0],
        [u1, v0],
        [u1, v1],
        [u0, v1],
      ]);
    }
    out.push(
      poly(
        uv.map(([u, v]) => P(u, v)),
        region.fill,
      ),
    );
  }
  // Light and shadow folds following the wave.
  const N = 28;
  for (let i = 0; i < N; i++) {
    const u0 = i / N;
    const u1 = (i + 1) / N;
    const slope = Math.cos(wave((u0 + u1) / 2));
    const fill = slope < 0 ? '#000000' : '#ffffff';
    const opacity = slope < 0 ? -slope * 0.2 : slope * 0.12;
    out.push(poly([P(u0, 0), P(u1, 0), P(u1, 1), P(u0, 1)], fill, { opacity }));
  }
  return out.join('');
}

// ---------------------------------------------------------------------------
// Lead images — politics & government
// ---------------------------------------------------------------------------

/** A small gull / bird silhouette. */
function bird(x, y, size, color) {
  const d = `M${n(x - size)},${n(y - size * 0.4)} Q${n(x - size * 0.4)},${n(y - size * 0.75)} ${n(x)},${n(y)} Q${n(x + size * 0.4)},${n(y - size * 0.75)} ${n(x + size)},${n(y - size * 0.4)}`;
  return path(d, 'none', { stroke: color, strokeWidth: n(Math.max(2, size * 0.2)), strokeLinecap: 'round' });
}

function drawParliament(s, rng) {
  sky(s, [
    [0, '#4f5680'],
    [0.5, '#b893a6'],
    [0.8, '#eec3a3'],
    [1, '#f6dcc0'],
  ]);
  glow(s, 800, 420, 620, '#ffe7c2', 0.7);
  s.add(cloud(300, 170, 1.3, '#d7b3bd', 0.5), cloud(1280, 120, 1.0, '#d7b3bd', 0.45));
  s.add(group(skyline(rng, { base: 730, minH: 60, maxH: 200, fill: '#a88fab' }).markup, { opacity: 0.55 }));

  const stone = '#f0e3cf';
  const shade = '#d5c0a5';
  const deep = '#a58f86';
  const win = '#6e5f78';
  const lit = '#ffd98a';

  // Lawn and path
  s.add(
    rect(
      0,
      765,
      W,
      135,
      s.linear([
        [0, '#7d8a68'],
        [1, '#56604b'],
      ]),
    ),
  );
  s.add(
    poly(
      [
        [690, 770],
        [910, 770],
        [1060, 900],
        [540, 900],
      ],
      '#e2cfb2',
    ),
  );

  // Wings
  const wing = (x0, x1) => {
    const out = [
      rect(x0, 560, x1 - x0, 150, stone),
      rect(x0 - 10, 546, x1 - x0 + 20, 16, shade),
      rect(x0, 690, x1 - x0, 20, shade),
    ];
    for (let x = x0 + 16; x < x1 - 8; x += 34) out.push(rect(x, 532, 14, 14, shade)); // balustrade
    out.push(rect(x0 - 6, 528, x1 - x0 + 12, 6, shade));
    for (let cx = x0 + 36; cx < x1 - 20; cx += 52) {
      for (const wy of [588, 636]) {
        const c = rng.chance(0.35) ? lit : win;
        out.push(rect(cx - 11, wy, 22, 34, c), circle(cx, wy, 11, c));
      }
    }
    return out;
  };
  s.add(wing(170, 570), wing(1030, 1430));

  // Drum and dome
  s.add(rect(660, 488, 280, 18, shade));
  s.add(rect(680, 385, 240, 110, stone));
  for (let i = 0; i < 9; i++) s.add(rect(686 + i * 28, 392, 8, 100, shade));
  for (let i = 0; i < 8; i++) s.add(rect(700 + i * 28, 410, 10, 50, rng.chance(0.4) ? lit : win, { rx: 5 }));
  s.add(rect(668, 372, 264, 16, shade));
  s.add(
    path(
      'M682,374 A118,150 0 0 1 918,374 Z',
      s.linear(
        [
          [0, '#f5ead8'],
          [0.55, stone],
          [1, '#c7ae93'],
        ],
        { x2: 1, y2: 0 },
      ),
    ),
  );
  for (const k of [-0.72, -0.4, -0.12, 0.16, 0.46, 0.76]) {
    const pts = [];
    for (let i = 0; i <= 16; i++) {
      const lat = (i / 16) * (Math.PI / 2);
      pts.push([800 + k * 118 * Math.cos(lat), 374 - 150 * Math.sin(lat)]);
    }
    s.add(polyline(pts, shade, 3));
  }
  s.add(rect(770, 232, 60, 10, shade), rect(782, 200, 36, 34, stone));
  for (let i = 0; i < 3; i++) s.add(rect(787 + i * 11, 206, 5, 22, deep));
  s.add(path('M778,202 A22,24 0 0 1 822,202 Z', stone), line(800, 180, 800, 104, win, 3));
  s.add(
    poly(
      [
        [801, 106],
        [852, 112],
        [848, 136],
        [801, 132],
      ],
      '#a8433f',
    ),
  );

  // Central block with portico
  s.add(rect(560, 500, 480, 210, stone));
  s.add(rect(628, 545, 344, 155, deep));
  for (let i = 0; i < 4; i++)
    s.add(rect(668 + i * 86, 600, 34, 100, i % 2 ? lit : darken(deep, 0.25), { rx: 3 }));
  for (let i = 0; i < 8; i++) {
    const cx = 642 + i * (316 / 7);
    s.add(
      rect(cx - 10, 548, 20, 152, stone),
      rect(cx - 14, 540, 28, 9, shade),
      rect(cx - 13, 694, 26, 8, shade),
    );
    s.add(rect(cx + 3, 550, 5, 144, shade, { opacity: 0.6 }));
  }
  s.add(rect(612, 518, 376, 24, stone), rect(612, 536, 376, 6, shade));
  s.add(
    poly(
      [
        [600, 520],
        [1000, 520],
        [800, 456],
      ],
      stone,
    ),
    poly(
      [
        [650, 512],
        [950, 512],
        [800, 468],
      ],
      shade,
    ),
  );

  // Steps
  s.add(
    rect(500, 710, 600, 16, shade),
    rect(480, 726, 640, 16, stone),
    rect(460, 742, 680, 16, shade),
    rect(440, 758, 720, 12, stone),
  );

  // Trees and lamp posts
  const treeColor = '#4a4862';
  for (const [x, h] of [
    [40, 230],
    [120, 190],
    [1490, 220],
    [1570, 250],
    [1400, 170],
  ])
    s.add(roundTree(x, 790, h, treeColor));
  for (const x of [520, 1080])
    s.add(
      rect(x - 3, 690, 6, 90, treeColor),
      circle(x, 686, 10, lit),
      circle(x, 686, 26, lit, { opacity: 0.25 }),
    );
}

function drawGovernmentBuilding(s, rng) {
  sky(s, [
    [0, '#6f9ac0'],
    [0.65, '#c9dce8'],
    [1, '#e9eef0'],
  ]);
  s.add(
    cloud(260, 150, 1.2, '#ffffff', 0.7),
    cloud(1320, 110, 1.5, '#ffffff', 0.75),
    cloud(980, 200, 0.7, '#ffffff', 0.5),
  );

  const stone = '#dcd6cb';
  const shade = '#bfb7aa';
  const glass = '#566b80';

  // Plaza
  s.add(
    rect(
      0,
      770,
      W,
      130,
      s.linear([
        [0, '#cfc8bb'],
        [1, '#a9a295'],
      ]),
    ),
  );
  for (let i = -12; i <= 12; i++) s.add(line(800 + i * 40, 772, 800 + i * 150, 900, '#b8b0a2', 2));
  for (const y of [800, 836, 880]) s.add(line(0, y, W, y, '#b8b0a2', 2));

  // Main block with a rhythmic window grid
  s.add(rect(220, 300, 1160, 470, stone));
  s.add(rect(204, 284, 1192, 22, shade), rect(220, 306, 1160, 34, lighten(stone, 0.25)));
  for (const y of [430, 530, 630]) s.add(rect(220, y, 1160, 8, shade));
  for (let x = 250; x < 1360; x += 64) {
    if (x > 560 && x < 1020) continue;
    for (const wy of [356, 456, 556, 656]) {
      s.add(rect(x, wy, 34, 60, glass), rect(x, wy, 34, 22, '#8aa2b8'), rect(x - 4, wy + 60, 42, 5, shade));
    }
  }
  // Portico
  s.add(rect(580, 330, 440, 440, lighten(stone, 0.2)));
  s.add(rect(610, 470, 380, 285, '#a29c92'));
  for (let i = 0; i < 5; i++) s.add(rect(640 + i * 72, 560, 34, 195, darken(glass, 0.2), { rx: 2 }));
  for (let i = 0; i < 6; i++) {
    const cx = 622 + i * 71;
    s.add(
      rect(cx - 13, 470, 26, 285, lighten(stone, 0.35)),
      rect(cx + 4, 472, 7, 280, shade, { opacity: 0.55 }),
    );
    s.add(rect(cx - 18, 462, 36, 10, shade), rect(cx - 17, 748, 34, 10, shade));
  }
  s.add(rect(570, 436, 460, 28, lighten(stone, 0.3)), rect(570, 458, 460, 6, shade));
  s.add(
    poly(
      [
        [560, 438],
        [1040, 438],
        [800, 352],
      ],
      lighten(stone, 0.3),
    ),
    poly(
      [
        [616, 430],
        [984, 430],
        [800, 368],
      ],
      shade,
    ),
  );
  s.add(rect(540, 758, 520, 12, shade), rect(520, 768, 560, 10, lighten(stone, 0.2)));

  // Flag on the roof
  s.add(line(800, 352, 800, 150, '#5b5f66', 4), circle(800, 148, 5, '#c9a449'));
  s.add(
    wavingFlag({
      x: 802,
      y: 156,
      w: 170,
      h: 100,
      amp: 9,
      phase: 0.6,
      regions: [
        { rect: [0, 1, 0, 1 / 3], fill: '#2f4e7a' },
        { rect: [0, 1, 1 / 3, 2 / 3], fill: '#f2ede2' },
        { rect: [0, 1, 2 / 3, 1], fill: '#a8413c' },
      ],
    }),
  );

  // Hedges, trees, lamps
  const green = '#5e7d5a';
  s.add(rect(0, 742, 500, 34, green, { rx: 16 }), rect(1100, 742, 500, 34, green, { rx: 16 }));
  for (const [x, h] of [
    [80, 260],
    [1520, 280],
    [170, 200],
    [1420, 210],
  ])
    s.add(roundTree(x, 770, h, darken(green, 0.1), '#5b4a3e'));
  for (const x of [470, 1130])
    s.add(rect(x - 3, 650, 6, 120, '#3d4148'), rect(x - 9, 636, 18, 18, '#3d4148'));
  rng();
}

function drawBallotBox(s, rng) {
  sky(s, [
    [0, '#22334b'],
    [1, '#3b5475'],
  ]);
  glow(s, 820, 430, 600, '#9fc1e0', 0.35);
  // Voting booths in the background
  const booth = (x) => {
    const out = [rect(x, 180, 300, 30, '#d4bd92'), rect(x + 6, 210, 288, 400, '#5a79a2')];
    for (let f = x + 30; f < x + 290; f += 36) out.push(rect(f, 210, 10, 400, '#4f6d95'));
    out.push(rect(x, 180, 8, 520, '#bfa77c'), rect(x + 292, 180, 8, 520, '#bfa77c'));
    return out;
  };
  s.add(booth(60), booth(1240));
  s.add(
    rect(
      0,
      690,
      W,
      210,
      s.linear([
        [0, '#1b2a3e'],
        [1, '#111c2b'],
      ]),
    ),
  );
  // Table
  s.add(
    rect(280, 642, 1040, 26, '#c9a27a'),
    rect(300, 668, 1000, 232, '#a47d59'),
    rect(300, 668, 1000, 14, '#8a6748'),
  );
  s.add(ellipse(835, 650, 300, 20, '#000000', { opacity: 0.18 }));

  // Ballot box: papers inside, then translucent faces
  s.add(
    poly(
      [
        [1000, 400],
        [1070, 352],
        [1070, 600],
        [1000, 650],
      ],
      '#c5d6e4',
      { opacity: 0.55 },
    ),
  );
  for (let i = 0; i < 9; i++) {
    const x = rng.range(620, 940);
    const y = rng.range(570, 625);
    s.add(
      rect(x, y, 70, 46, '#f6f1e4', {
        transform: `rotate(${n(rng.range(-35, 35))} ${n(x + 35)} ${n(y + 23)})`,
        opacity: 0.95,
      }),
    );
  }
  s.add(rect(600, 400, 400, 250, '#e6f0f7', { opacity: 0.35, stroke: '#f4f8fb', strokeWidth: 4 }));
  s.add(
    poly(
      [
        [600, 400],
        [1000, 400],
        [1070, 352],
        [670, 352],
      ],
      '#eef4f9',
    ),
  );
  s.add(
    poly(
      [
        [760, 384],
        [900, 384],
        [914, 372],
        [774, 372],
      ],
      '#243349',
    ),
  );

  // Ballot paper going in
  const paper = [rect(776, 150, 126, 230, '#fbf8f0'), rect(796, 172, 86, 10, '#c9c2b3')];
  for (let i = 0; i < 4; i++) {
    const y = 204 + i * 40;
    paper.push(
      rect(794, y, 20, 20, 'none', { stroke: '#6b6455', strokeWidth: 3 }),
      rect(824, y + 6, 58, 8, '#d8d1c2'),
    );
  }
  paper.push(
    path('M797,255 L804,264 L818,244', 'none', {
      stroke: '#b3132b',
      strokeWidth: 5,
      strokeLinecap: 'round',
      strokeLinejoin: 'round',
    }),
  );
  s.add(ellipse(850, 384, 60, 6, '#000000', { opacity: 0.2 }));
  s.add(group(paper, { transform: 'rotate(-5 839 378)' }));

  // Front band and emblem
  s.add(rect(600, 400, 400, 16, '#2f5d8a'), circle(800, 525, 56, '#2f5d8a'));
  s.add(
    path('M774,526 L793,546 L828,505', 'none', {
      stroke: '#ffffff',
      strokeWidth: 12,
      strokeLinecap: 'round',
      strokeLinejoin: 'round',
    }),
  );
  s.add(rect(600, 400, 400, 250, 'none', { stroke: '#f4f8fb', strokeWidth: 4 }));
  s.add(
    line(1000, 400, 1070, 352, '#f4f8fb', 3),
    line(1070, 352, 1070, 600, '#f4f8fb', 3),
    line(1000, 650, 1070, 600, '#f4f8fb', 3),
  );
  s.add(rect(612, 420, 16, 210, '#ffffff', { opacity: 0.35 }));
}

function drawFlags(s, rng) {
  sky(s, [
    [0, '#4f86b9'],
    [0.6, '#a3c5e0'],
    [1, '#e2edf4'],
  ]);
  s.add(
    cloud(300, 700, 1.8, '#ffffff', 0.7),
    cloud(1200, 760, 2.2, '#ffffff', 0.75),
    cloud(800, 120, 1.1, '#ffffff', 0.5),
  );
  // Invented designs, so no real country is implied.
  const flags = [
    {
      x: 170,
      y: 150,
      w: 430,
      h: 270,
      phase: 0.3,
      regions: [
        { rect: [0, 1, 0, 0.5], fill: '#f1ece0' },
        { rect: [0, 1, 0.5, 1], fill: '#d39b4a' },
        { rect: [0, 0.3, 0, 1], fill: '#6b3a5a' },
      ],
    },
    {
      x: 620,
      y: 70,
      w: 440,
      h: 280,
      phase: 1.6,
      regions: [
        { rect: [0, 1, 0, 0.5], fill: '#e2b93b' },
        { rect: [0, 1, 0.5, 1], fill: '#2f7a5a' },
        { circle: [0.42, 0.5, 0.2], fill: '#f4efe3' },
      ],
    },
    {
      x: 1080,
      y: 190,
      w: 420,
      h: 265,
      phase: 2.7,
      regions: [
        { rect: [0, 1, 0, 1], fill: '#2f6f73' },
        { rect: [0.3, 0.42, 0, 1], fill: '#efe6d2' },
        { rect: [0, 1, 0.42, 0.58], fill: '#efe6d2' },
        { circle: [0.36, 0.5, 0.05], fill: '#c9553f' },
      ],
    },
    {
      x: 1430,
      y: 430,
      w: 360,
      h: 230,
      phase: 4.1,
      regions: [
        {
          points: [
            [0, 0],
            [1, 0],
            [0, 1],
          ],
          fill: '#d9a441',
        },
        {
          points: [
            [1, 0],
            [1, 1],
            [0, 1],
          ],
          fill: '#9e3b3b',
        },
        {
          points: [
            [0, 0.82],
            [0.82, 0],
            [1, 0],
            [1, 0.18],
            [0.18, 1],
            [0, 1],
          ],
          fill: '#f3efe6',
        },
      ],
    },
  ];
  for (const f of flags) {
    s.add(
      rect(
        f.x - 12,
        f.y - 20,
        12,
        H,
        s.linear(
          [
            [0, '#9aa3ad'],
            [0.5, '#e6ebef'],
            [1, '#7c8691'],
          ],
          { x2: 1, y2: 0 },
        ),
      ),
    );
    s.add(circle(f.x - 6, f.y - 26, 12, '#d2ac4e'));
    s.add(wavingFlag({ ...f, amp: 22 }));
  }
  for (let i = 0; i < 5; i++) s.add(bird(rng.range(700, 1500), rng.range(520, 700), 14, '#3b4a5a'));
}

// ---------------------------------------------------------------------------
// Lead images — cities & transport
// ---------------------------------------------------------------------------

function drawCitySkyline(s, rng) {
  sky(s, [
    [0, '#55739b'],
    [0.45, '#d9a08d'],
    [0.75, '#f3c596'],
    [1, '#f8dfb4'],
  ]);
  glow(s, 1130, 560, 420, '#fff0c8', 0.8);
  s.add(circle(1130, 560, 95, '#fff1cf'));
  s.add(cloud(350, 180, 1.4, '#f1c1a6', 0.5), cloud(820, 120, 1.0, '#f1c1a6', 0.4));
  s.add(skyline(rng, { base: 790, minH: 160, maxH: 400, minW: 60, maxW: 140, fill: '#d4a18f' }).markup);
  s.add(
    skyline(rng, {
      base: 810,
      minH: 110,
      maxH: 320,
      fill: '#a06c75',
      windows: { lit: 0.08, colors: ['#f6cf86'], off: '#8e5f69' },
    }).markup,
  );
  s.add(
    skyline(rng, {
      base: 835,
      minH: 70,
      maxH: 230,
      minW: 70,
      maxW: 160,
      fill: '#4e3d55',
      gap: [2, 14],
      windows: { w: 10, h: 13, lit: 0.22, colors: ['#ffd27d', '#f7b46a'], off: '#5d4a63' },
    }).markup,
  );
  s.add(
    rect(
      0,
      832,
      W,
      68,
      s.linear([
        [0, '#5f4a5f'],
        [1, '#3c2f42'],
      ]),
    ),
  );
  for (let i = 0; i < 40; i++) {
    const x = rng.range(0, W);
    const nearSun = Math.abs(x - 1130) < 160;
    s.add(
      rect(x, rng.range(840, 895), rng.range(20, 90), 3, nearSun ? '#ffe2a8' : '#c9a0a4', {
        opacity: nearSun ? 0.8 : 0.35,
      }),
    );
  }
}

function drawNightCity(s, rng) {
  sky(s, [
    [0, '#070c22'],
    [0.6, '#1b2550'],
    [1, '#3c3f6e'],
  ]);
  s.add(stars(rng, 180, 520));
  glow(s, 1260, 170, 160, '#f3ecd2', 0.45);
  s.add(circle(1260, 170, 46, '#f5efd9'), circle(1246, 160, 9, '#e4dcc1'), circle(1274, 186, 6, '#e4dcc1'));
  s.add(
    skyline(rng, {
      base: 760,
      minH: 180,
      maxH: 420,
      fill: '#1e2650',
      windows: { lit: 0.12, colors: ['#8fa0d8'], w: 6, h: 8 },
    }).markup,
  );
  const near = skyline(rng, {
    base: 775,
    minH: 110,
    maxH: 360,
    minW: 70,
    maxW: 150,
    gap: [2, 10],
    fill: '#0c1130',
    windows: { w: 9, h: 12, lit: 0.42, colors: ['#ffd27a', '#ffe7a8', '#9fd3ff', '#ffc26a'], off: '#151b40' },
  });
  s.add(near.markup);
  for (const [x, y] of near.tips)
    s.add(circle(x, y, 4, '#ff4d4d'), circle(x, y, 12, '#ff4d4d', { opacity: 0.25 }));
  // River with streaks of reflected light
  s.add(
    rect(
      0,
      772,
      W,
      128,
      s.linear([
        [0, '#0d1433'],
        [1, '#05081a'],
      ]),
    ),
  );
  for (let i = 0; i < 110; i++) {
    const y = rng.range(780, 895);
    const w = rng.range(14, 70) * (1 + (y - 780) / 120);
    s.add(
      rect(rng.range(-20, W), y, w, 3, rng.pick(['#ffd27a', '#9fd3ff', '#ffe7a8']), {
        opacity: rng.range(0.12, 0.4),
        rx: 1.5,
      }),
    );
  }
  glow(s, 1260, 840, 140, '#f3ecd2', 0.18);
}

function drawHarbor(s, rng) {
  sky(s, [
    [0, '#63789f'],
    [0.55, '#dcaca0'],
    [1, '#f5d6b4'],
  ]);
  glow(s, 300, 560, 420, '#ffe3bf', 0.7);
  s.add(cloud(1180, 160, 1.5, '#e7beb3', 0.45), cloud(560, 90, 1.0, '#e7beb3', 0.35));
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 600, [
            [14, 500],
            [6, 180],
          ]),
        ),
      ),
      '#a596ad',
    ),
  );
  s.add(
    group(
      skyline(rng, { x0: 1100, base: 610, minH: 20, maxH: 80, minW: 30, maxW: 60, fill: '#9385a2' }).markup,
      { opacity: 0.8 },
    ),
  );
  // Water
  s.add(
    rect(
      0,
      615,
      W,
      285,
      s.linear([
        [0, '#8593b2'],
        [1, '#374d70'],
      ]),
    ),
  );
  for (let i = 0; i < 70; i++)
    s.add(
      rect(rng.range(0, W), rng.range(625, 900), rng.range(20, 120), 3, '#d8c3c4', {
        opacity: rng.range(0.1, 0.35),
      }),
    );

  // Quay with containers
  s.add(rect(-10, 596, 980, 40, '#4a4659'), rect(-10, 636, 980, 26, '#35324a'));
  const colours = ['#b5523b', '#3f7f86', '#d39b4a', '#4d6a99', '#8e4d6b', '#6b8f5a'];
  for (let col = 0; col < 6; col++) {
    const stack = rng.int(2, 4);
    for (let row = 0; row < stack; row++) {
      const x = 20 + col * 98;
      const y = 562 - row * 34;
      const c = rng.pick(colours);
      s.add(rect(x, y, 94, 32, c));
      for (let k = 8; k < 94; k += 8) s.add(rect(x + k, y + 3, 2, 26, darken(c, 0.2)));
    }
  }
  // Gantry cranes
  const crane = (x, c, trolley) => {
    const out = [
      rect(x, 320, 18, 278, c),
      rect(x + 140, 320, 18, 278, c),
      rect(x, 320, 158, 16, c),
      rect(x, 470, 158, 12, c),
      line(x + 9, 336, x + 149, 470, c, 7),
      line(x + 149, 336, x + 9, 470, c, 7),
      rect(x - 150, 296, 600, 18, c),
      poly(
        [
          [x + 40, 296],
          [x + 66, 160],
          [x + 92, 160],
          [x + 118, 296],
        ],
        c,
      ),
      line(x + 79, 166, x + 450, 298, c, 4),
      line(x + 79, 166, x - 150, 298, c, 4),
      rect(x + trolley - 20, 314, 40, 18, darken(c, 0.25)),
      line(x + trolley - 10, 332, x + trolley - 10, 430, '#2b2838', 2),
      line(x + trolley + 10, 332, x + trolley + 10, 430, '#2b2838', 2),
      rect(x + trolley - 47, 430, 94, 30, '#d39b4a'),
      rect(x - 150, 296, 60, 40, darken(c, 0.25)),
    ];
    return out;
  };
  s.add(crane(520, '#b9563f', 218), crane(800, '#3f4a66', 350));
  // Ship
  s.add(path('M960,612 L1620,612 L1620,712 L1040,712 Q990,690 960,612 Z', '#2c3850'));
  s.add(path('M976,660 L1620,660 L1620,684 L1012,684 Q990,676 976,660 Z', '#9c3b3b'));
  for (let col = 0; col < 9; col++) {
    const stack = rng.int(1, 3);
    for (let row = 0; row < stack; row++) {
      const c = rng.pick(colours);
      s.add(rect(1040 + col * 46, 580 - row * 30, 44, 28, c));
    }
  }
  s.add(rect(1480, 470, 110, 142, '#ebe6df'), rect(1470, 458, 130, 16, '#d4cec6'));
  for (const y of [490, 522, 554]) s.add(rect(1490, y, 90, 12, '#3a4760'));
  s.add(rect(1520, 400, 36, 60, '#b5523b'), rect(1520, 400, 36, 12, '#2c3850'));
  s.add(path('M960,720 L1620,720 L1620,780 L1060,780 Z', '#2c3850', { opacity: 0.25 }));
  for (let i = 0; i < 6; i++) {
    const x = rng.range(700, 1400);
    const y = rng.range(150, 320);
    s.add(bird(x, y, 12, '#4a4659'));
  }
}

function drawBridge(s, rng) {
  sky(s, [
    [0, '#36497a'],
    [0.5, '#c98a85'],
    [0.78, '#f0bf96'],
    [1, '#f8dbb4'],
  ]);
  glow(s, 820, 600, 480, '#ffe6b8', 0.75);
  s.add(circle(820, 610, 80, '#fde6b8'));
  s.add(cloud(1250, 170, 1.6, '#d9a3a0', 0.45), cloud(380, 120, 1.1, '#d9a3a0', 0.35));
  s.add(path('M-20,640 L-20,470 C80,430 200,420 300,470 C360,500 420,560 520,640 Z', '#6b5a7a'));
  s.add(path('M1100,640 C1200,540 1320,470 1460,450 C1540,440 1600,460 1620,470 L1620,640 Z', '#6b5a7a'));
  // Water and reflections
  s.add(
    rect(
      0,
      630,
      W,
      270,
      s.linear([
        [0, '#d9a98f'],
        [0.3, '#8d7391'],
        [1, '#3b3a5e'],
      ]),
    ),
  );
  for (let i = 0; i < 40; i++) {
    const w = rng.range(30, 180);
    s.add(
      rect(820 - w / 2 + rng.range(-70, 70), rng.range(640, 880), w, 4, '#ffe6b8', {
        opacity: rng.range(0.2, 0.6),
      }),
    );
  }
  const dark = '#2d2a44';
  const cableY = (x) => {
    if (x >= 420 && x <= 1180) return 590 - 385 * ((x - 800) / 380) ** 2;
    const t = x < 420 ? (420 - x) / 460 : (x - 1180) / 460;
    return lerp(205, 560, t) + Math.sin(t * Math.PI) * 40;
  };
  // Reflected towers
  for (const tx of [420, 1180]) s.add(rect(tx - 40, 640, 80, 220, dark, { opacity: 0.25 }));
  // Towers
  const tower = (x) => [
    rect(x - 40, 190, 22, 450, dark),
    rect(x + 18, 190, 22, 450, dark),
    rect(x - 44, 184, 88, 16, dark),
    rect(x - 40, 300, 80, 12, dark),
    rect(x - 40, 420, 80, 12, dark),
    rect(x - 40, 540, 80, 12, dark),
  ];
  s.add(tower(420), tower(1180));
  // Hangers and main cable
  for (let x = -20; x <= 1620; x += 22) {
    const y = cableY(x);
    if (y < 594) s.add(line(x, y, x, 598, dark, 1.6));
  }
  const cable = [];
  for (let x = -40; x <= 1640; x += 10) cable.push([x, cableY(x)]);
  s.add(polyline(cable, dark, 5));
  // Deck
  s.add(rect(-20, 596, 1640, 16, dark), rect(-20, 612, 1640, 10, '#3a3656'));
  const truss = [];
  for (let x = -20; x <= 1620; x += 20) truss.push([x, x % 40 === 0 ? 612 : 622]);
  s.add(polyline(truss, dark, 2));
  for (let i = 0; i < 26; i++) {
    const x = rng.range(0, W);
    s.add(circle(x, 592, 2.5, rng.chance(0.5) ? '#ffe7a8' : '#ff6a5c'));
  }
}

function drawTrainStation(s, rng) {
  const P = projector(800, 500, 400);
  const depth = (z) => 1 / (1 + z * 0.55);
  const NEAR = 1.7;
  const FAR = depth(11);
  const ink = '#34404f';
  sky(s, [
    [0, '#c9d5da'],
    [0.6, '#e6e3d8'],
    [1, '#efe4cd'],
  ]);
  const archPath = (sc, closed) => {
    const a = P(-900, 0, sc);
    const b = P(-900, 560, sc);
    const c = P(900, 560, sc);
    const d = P(900, 0, sc);
    return `M${pt(a)}L${pt(b)}A${n(900 * sc)},${n(440 * sc)} 0 0 1 ${pt(c)}L${pt(d)}${closed ? 'Z' : ''}`;
  };
  // Far opening with sunlit city
  s.add(
    path(
      archPath(FAR, true),
      s.linear([
        [0, '#f7d9a6'],
        [1, '#fbeccd'],
      ]),
    ),
  );
  s.add(
    group(
      skyline(rng, {
        x0: 680,
        x1: 920,
        base: P(0, 0, FAR)[1],
        minH: 15,
        maxH: 45,
        minW: 8,
        maxW: 20,
        fill: '#d9b28a',
        roofs: false,
      }).markup,
      {
        'clip-path': s.clip(path(archPath(FAR, true), '#000')),
      },
    ),
  );
  for (let u = -800; u <= 800; u += 100) {
    const top = 560 + 440 * Math.sqrt(1 - (u / 900) ** 2);
    s.add(seg(P(u, 250, FAR), P(u, top, FAR), ink, 1.5, { opacity: 0.6 }));
  }
  // Walls and floor
  s.add(poly([P(-900, 0, NEAR), P(-900, 560, NEAR), P(-900, 560, FAR), P(-900, 0, FAR)], '#857a70'));
  s.add(poly([P(900, 0, NEAR), P(900, 560, NEAR), P(900, 560, FAR), P(900, 0, FAR)], '#7a7067'));
  s.add(poly([P(-900, 0, NEAR), P(900, 0, NEAR), P(900, 0, FAR), P(-900, 0, FAR)], '#5f5852'));
  // Roof purlins converge on the far end
  for (let i = 1; i < 12; i++) {
    const th = (i / 12) * Math.PI;
    const u = 900 * Math.cos(th);
    const h = 560 + 440 * Math.sin(th);
    s.add(seg(P(u, h, NEAR), P(u, h, FAR), ink, 2, { opacity: 0.55 }));
  }
  // Tracks
  for (const [u0, u1] of [
    [-480, -160],
    [160, 480],
  ]) {
    for (let z = -0.3; z < 11; z += 0.35) {
      const sc = depth(z);
      s.add(seg(P(u0 + 20, 0, sc), P(u1 - 20, 0, sc), '#4a433d', Math.max(1, 10 * sc)));
    }
    for (const u of [u0 + 80, u1 - 80]) s.add(seg(P(u, 0, NEAR), P(u, 0, FAR), '#c9c3b8', 3));
  }
  // Platforms
  for (const [u0, u1] of [
    [-900, -480],
    [-160, 160],
    [480, 900],
  ]) {
    s.add(poly([P(u0, 60, NEAR), P(u1, 60, NEAR), P(u1, 60, FAR), P(u0, 60, FAR)], '#b9ad9c'));
    for (const ue of [u0, u1]) {
      if (Math.abs(ue) === 900) continue;
      s.add(poly([P(ue, 0, NEAR), P(ue, 60, NEAR), P(ue, 60, FAR), P(ue, 0, FAR)], '#6f655b'));
      const inner = ue === u0 ? ue + 30 : ue - 30;
      s.add(
        poly([P(ue, 60.5, NEAR), P(inner, 60.5, NEAR), P(inner, 60.5, FAR), P(ue, 60.5, FAR)], '#e4b54a'),
      );
    }
  }
  // Ribs, columns and pendant lamps, far to near
  for (let z = 10; z >= -0.4; z -= 1.4) {
    const sc = depth(z);
    s.add(path(archPath(sc, false), 'none', { stroke: ink, strokeWidth: n(22 * sc) }));
    for (const u of [-690, 690]) {
      s.add(seg(P(u, 1000, sc), P(u, 700, sc), ink, Math.max(1, 2 * sc)));
      s.add(
        circle(...P(u, 690, sc), 16 * sc, '#fff1c9'),
        circle(...P(u, 690, sc), 50 * sc, '#fff1c9', { opacity: 0.25 }),
      );
    }
  }
  // People on the platforms
  for (const [u, z, c] of [
    [-60, 3.2, '#3f4d63'],
    [40, 2.4, '#8a3f3f'],
    [-700, 1.8, '#4d5b45'],
    [-620, 4.5, '#3f4d63'],
    [70, 6, '#5a4a63'],
  ]) {
    const sc = depth(z);
    const [x, y] = P(u, 60, sc);
    s.add(
      rect(x - 22 * sc, y - 150 * sc, 44 * sc, 150 * sc, c, { rx: 14 * sc }),
      circle(x, y - 172 * sc, 20 * sc, '#2f2a28'),
    );
  }
  // Hanging clock
  const clockSc = depth(2.2);
  const [cx, cy] = P(0, 720, clockSc);
  s.add(seg(P(0, 1000, clockSc), [cx, cy], ink, 3));
  s.add(circle(cx, cy, 48 * clockSc + 6, ink), circle(cx, cy, 48 * clockSc, '#fbf7ee'));
  s.add(
    line(cx, cy, cx, cy - 30 * clockSc, ink, 4),
    line(cx, cy, cx + 22 * clockSc, cy + 8 * clockSc, ink, 4),
  );

  // Train on the right track
  const sf = depth(1.1);
  const sb = FAR * 1.15;
  const body = '#d4d8dc';
  s.add(poly([P(180, 380, sf), P(460, 380, sf), P(460, 380, sb), P(180, 380, sb)], '#aeb4ba'));
  s.add(poly([P(180, 30, sf), P(180, 380, sf), P(180, 380, sb), P(180, 30, sb)], body));
  s.add(poly([P(180, 110, sf), P(180, 150, sf), P(180, 150, sb), P(180, 110, sb)], '#2f7f86'));
  for (let z = 1.25; z < 10; z += 0.55) {
    const a = depth(z);
    const b = depth(z + 0.4);
    s.add(poly([P(180, 200, a), P(180, 310, a), P(180, 310, b), P(180, 200, b)], '#2b3644'));
  }
  const [fx0, fy0] = P(180, 380, sf);
  const [fx1, fy1] = P(460, 30, sf);
  s.add(rect(fx0, fy0, fx1 - fx0, fy1 - fy0, '#e6e9ec', { rx: 26 }));
  s.add(rect(fx0 + 12, fy0 + 14, fx1 - fx0 - 24, (fy1 - fy0) * 0.36, '#263240', { rx: 18 }));
  s.add(
    poly(
      [
        [fx0 + 30, fy0 + 18],
        [fx0 + 70, fy0 + 18],
        [fx0 + 40, fy0 + (fy1 - fy0) * 0.34],
      ],
      '#ffffff',
      { opacity: 0.18 },
    ),
  );
  s.add(rect(fx0, fy0 + (fy1 - fy0) * 0.65, fx1 - fx0, (fy1 - fy0) * 0.1, '#2f7f86'));
  for (const hx of [fx0 + 26, fx1 - 26])
    s.add(
      circle(hx, fy0 + (fy1 - fy0) * 0.84, 10, '#fff6d6'),
      circle(hx, fy0 + (fy1 - fy0) * 0.84, 30, '#fff6d6', { opacity: 0.3 }),
    );
}

function drawHighway(s, rng) {
  const P = projector(800, 470, 420);
  const depth = (z) => 1 / (1 + z);
  sky(s, [
    [0, '#2a2848'],
    [0.3, '#5e4575'],
    [0.5, '#c9727a'],
    [0.52, '#e49a7a'],
    [1, '#f3c08e'],
  ]);
  glow(s, 800, 470, 520, '#ffd9a0', 0.7);
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 440, [
            [22, 700],
            [10, 230],
          ]),
        ),
      ),
      '#6a4a72',
    ),
  );
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 468, [
            [12, 500],
            [6, 160],
          ]),
        ),
      ),
      '#3f3152',
    ),
  );
  s.add(rect(0, 470, W, 430, '#241c33'));
  // Road surface and markings
  s.add(poly([P(-820, 0, 2), P(820, 0, 2), P(820, 0, 0.002), P(-820, 0, 0.002)], '#3a3346'));
  s.add(poly([P(-40, 0, 2), P(40, 0, 2), P(40, 0, 0.002), P(-40, 0, 0.002)], '#2a2436'));
  for (const u of [-800, -60, 60, 800]) s.add(seg(P(u, 0, 2), P(u, 0, 0.002), '#d9d2c5', 3));
  for (const u of [-555, -310, 310, 555]) {
    for (let z = -0.45; z < 40; z += 1.3) {
      s.add(
        poly(
          [
            P(u - 7, 0, depth(z)),
            P(u + 7, 0, depth(z)),
            P(u + 7, 0, depth(z + 0.55)),
            P(u - 7, 0, depth(z + 0.55)),
          ],
          '#e9e2d3',
        ),
      );
    }
  }
  // Light trails: white headlights on the left, red tail lights on the right
  const trail = (u, color, width) => {
    const pts = [];
    for (let sc = 2; sc > 0.012; sc *= 0.93) pts.push(P(u, 30, sc));
    return polyline(pts, color, width, { strokeLinecap: 'round' });
  };
  for (const [u, c] of [
    [-680, '#fff2cf'],
    [-430, '#ffe3a0'],
    [-190, '#fff2cf'],
    [190, '#ff4d4d'],
    [430, '#ff6b4a'],
    [680, '#ff4d4d'],
  ]) {
    const jitter = rng.range(-20, 20);
    s.add(group(trail(u + jitter, c, 22), { opacity: 0.18 }), trail(u + jitter, c, 5));
  }
  // Street lights along both road edges
  for (let z = 0.15; z < 30; z = z * 1.45 + 0.7) {
    const sc = depth(z);
    for (const side of [-1, 1]) {
      const top = P(side * 900, 380, sc);
      s.add(seg(P(side * 900, 0, sc), top, '#140f1f', Math.max(1, 12 * sc)));
      s.add(
        path(`M${pt(top)}Q${pt(P(side * 880, 400, sc))} ${pt(P(side * 700, 372, sc))}`, 'none', {
          stroke: '#140f1f',
          strokeWidth: n(Math.max(1, 8 * sc)),
        }),
      );
      s.add(
        circle(...P(side * 700, 364, sc), 30 * sc, '#ffe6a8', { opacity: 0.3 }),
        ellipse(...P(side * 700, 366, sc), 26 * sc, 8 * sc, '#fff4d0'),
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Lead images — economy & industry
// ---------------------------------------------------------------------------

function drawMarketChart(s, rng) {
  s.add(
    rect(
      0,
      0,
      W,
      H,
      s.radial(
        [
          [0, '#1a3148'],
          [1, '#0b1623'],
        ],
        { cx: 0.6, cy: 0.35, r: 0.8 },
      ),
    ),
  );
  const x0 = 120;
  const x1 = 1480;
  const y0 = 120;
  const y1 = 740;
  for (let i = 0; i <= 6; i++) s.add(line(x0, lerp(y0, y1, i / 6), x1, lerp(y0, y1, i / 6), '#2a405a', 2));
  for (let i = 0; i <= 10; i++) s.add(line(lerp(x0, x1, i / 10), y0, lerp(x0, x1, i / 10), y1, '#22364d', 2));
  for (let i = 0; i <= 10; i++)
    s.add(line(lerp(x0, x1, i / 10), y1, lerp(x0, x1, i / 10), y1 + 12, '#4b6685', 3));
  // Seeded random walk with an upward drift
  const N = 72;
  const values = [];
  let v = 0;
  for (let i = 0; i < N; i++) {
    v += rng.range(-1, 1.45) + (i > 50 ? 0.5 : 0);
    values.push(v);
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pts = values.map((val, i) => [
    lerp(x0, x1 - 60, i / (N - 1)),
    lerp(y1 - 70, y0 + 60, (val - lo) / (hi - lo)),
  ]);
  const bench = values.map((_, i) => [
    lerp(x0, x1 - 60, i / (N - 1)),
    lerp(y1 - 110, y0 + 240, i / (N - 1)) + Math.sin(i / 4) * 30,
  ]);
  s.add(polyline(bench, '#6c83a0', 3, { strokeDasharray: '10 10', opacity: 0.7 }));
  s.add(
    path(
      `${linePath(pts)}L${pt([pts[N - 1][0], y1])}L${pt([x0, y1])}Z`,
      s.linear([
        [0, '#36d3a1', 0.45],
        [1, '#36d3a1', 0],
      ]),
    ),
  );
  s.add(polyline(pts, '#5fe3b3', 6, { strokeLinecap: 'round' }));
  const last = pts[N - 1];
  s.add(line(x0, last[1], x1, last[1], '#5fe3b3', 2, { strokeDasharray: '6 8', opacity: 0.6 }));
  s.add(
    circle(last[0], last[1], 40, '#5fe3b3', { opacity: 0.15 }),
    circle(last[0], last[1], 12, '#5fe3b3'),
    circle(last[0], last[1], 5, '#0b1623'),
  );
  // Volume bars
  for (let i = 0; i < N; i++) {
    const h = rng.range(10, 60);
    s.add(
      rect(
        lerp(x0, x1 - 60, i / (N - 1)) - 6,
        860 - h,
        12,
        h,
        i > 0 && values[i] >= values[i - 1] ? '#2f8f74' : '#8f3f4a',
        { opacity: 0.8 },
      ),
    );
  }
}

function drawStockScreen(s, rng) {
  s.add(
    rect(
      0,
      0,
      W,
      H,
      s.linear([
        [0, '#18141f'],
        [1, '#0d0b12'],
      ]),
    ),
  );
  for (let i = 0; i < 24; i++)
    s.add(
      circle(
        rng.range(0, W),
        rng.range(0, 120),
        rng.range(10, 40),
        rng.pick(['#3a5a8a', '#7a4a6a', '#3a7a6a']),
        { opacity: 0.25 },
      ),
    );
  const up = '#3fd18f';
  const down = '#ef5b5b';
  const screens = [];
  for (let row = 0; row < 2; row++)
    for (let col = 0; col < 3; col++) screens.push([65 + col * 500, 80 + row * 300]);
  const kinds = ['candles', 'area', 'heatmap', 'bars', 'book', 'lines'];
  screens.forEach(([x, y], idx) => {
    const w = 470;
    const h = 270;
    s.add(rect(x - 6, y - 6, w + 12, h + 12, '#050507', { rx: 10 }));
    s.add(rect(x, y, w, h, '#0f1a2a'));
    s.add(
      rect(
        x,
        y,
        w,
        h,
        s.radial([
          [0, '#1d3554', 0.7],
          [1, '#0f1a2a', 0],
        ]),
      ),
    );
    const ix = x + 24;
    const iy = y + 24;
    const iw = w - 48;
    const ih = h - 48;
    for (let i = 1; i < 4; i++)
      s.add(line(ix, iy + (ih * i) / 4, ix + iw, iy + (ih * i) / 4, '#1f3550', 1.5));
    const kind = kinds[idx];
    if (kind === 'candles') {
      let p = ih / 2;
      for (let i = 0; i < 26; i++) {
        const o = p;
        p = clamp(p + rng.range(-30, 28), 30, ih - 30);
        const c = p < o ? up : down;
        const cx = ix + 8 + i * (iw / 26);
        s.add(
          line(
            cx + 5,
            iy + Math.min(o, p) - rng.range(5, 20),
            cx + 5,
            iy + Math.max(o, p) + rng.range(5, 20),
            c,
            2,
          ),
        );
        s.add(rect(cx, iy + Math.min(o, p), 10, Math.max(3, Math.abs(o - p)), c));
      }
    } else if (kind === 'area' || kind === 'lines') {
      const series =
        kind === 'area'
          ? [[down, 1]]
          : [
              [up, 0],
              ['#f2c14e', 0],
              ['#6fb5ff', 0],
            ];
      for (const [c, trendDown] of series) {
        const pts = [];
        let p = trendDown ? ih * 0.2 : rng.range(ih * 0.3, ih * 0.8);
        for (let i = 0; i <= 40; i++) {
          p = clamp(p + rng.range(-14, 14) + (trendDown ? 4 : -1), 10, ih - 10);
          pts.push([ix + (iw * i) / 40, iy + p]);
        }
        if (trendDown)
          s.add(
            path(`${linePath(pts)}L${pt([ix + iw, iy + ih])}L${pt([ix, iy + ih])}Z`, c, { opacity: 0.2 }),
          );
        s.add(polyline(pts, c, 3));
      }
    } else if (kind === 'heatmap') {
      let cx = ix;
      while (cx < ix + iw - 10) {
        const cw = Math.min(rng.range(50, 130), ix + iw - cx);
        let cy = iy;
        while (cy < iy + ih - 10) {
          const ch = Math.min(rng.range(40, 110), iy + ih - cy);
          const g = rng.range(-1, 1);
          s.add(
            rect(cx + 2, cy + 2, cw - 4, ch - 4, g > 0 ? mix('#1d4d3a', up, g) : mix('#4d1d24', down, -g)),
          );
          cy += ch;
        }
        cx += cw;
      }
    } else if (kind === 'bars') {
      for (let i = 0; i < 18; i++) {
        const bh = rng.range(-ih * 0.4, ih * 0.45);
        const bx = ix + i * (iw / 18) + 3;
        s.add(
          rect(bx, bh > 0 ? iy + ih / 2 - bh : iy + ih / 2, iw / 18 - 6, Math.abs(bh), bh > 0 ? up : down),
        );
      }
    } else if (kind === 'book') {
      for (let i = 0; i < 10; i++) {
        const ry = iy + i * (ih / 10) + 3;
        const half = iw / 2;
        const lw = rng.range(30, half - 10);
        const rw = rng.range(30, half - 10);
        s.add(
          rect(ix + half - lw, ry, lw, ih / 10 - 6, up, { opacity: 0.75 }),
          rect(ix + half + 4, ry, rw, ih / 10 - 6, down, { opacity: 0.75 }),
        );
      }
    }
  });
  // Desk, keyboard and glow on the desk
  s.add(
    rect(
      0,
      700,
      W,
      200,
      s.linear([
        [0, '#2d2733'],
        [1, '#17131b'],
      ]),
    ),
  );
  s.add(ellipse(800, 720, 760, 60, '#3f6c8f', { opacity: 0.18 }));
  for (const x of [280, 780, 1280])
    s.add(rect(x, 650, 40, 60, '#0a0a0d'), rect(x - 60, 700, 160, 10, '#0a0a0d'));
  s.add(path('M560,760 L1040,760 L1080,850 L520,850 Z', '#3a3442'));
  for (let r = 0; r < 4; r++)
    for (let k = 0; k < 14; k++)
      s.add(rect(560 + r * 10 + k * 34, 772 + r * 19, 28, 14, '#4a4354', { rx: 3 }));
  s.add(ellipse(1200, 810, 30, 44, '#3a3442'));
  s.add(
    rect(300, 760, 80, 96, '#8e3b3b', { rx: 10 }),
    path('M380,780 Q420,790 380,830', 'none', { stroke: '#8e3b3b', strokeWidth: 10 }),
  );
}

function drawFactory(s, rng) {
  sky(s, [
    [0, '#8798ad'],
    [0.65, '#d8c5a6'],
    [1, '#eadbbd'],
  ]);
  glow(s, 1300, 420, 400, '#fbe6c0', 0.5);
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 640, [
            [25, 600],
            [10, 200],
          ]),
        ),
      ),
      '#b5ab9e',
    ),
  );
  // Smoke plumes
  const smoke = (x, y) => {
    const out = [];
    for (let i = 0; i < 12; i++) {
      const t = i / 11;
      out.push(
        circle(x + t * 380 + rng.range(-10, 10), y - t * 200 - Math.sin(t * 3) * 30, 20 + t * 70, '#efe8dc', {
          opacity: 0.75 - t * 0.6,
        }),
      );
    }
    return out;
  };
  // Chimneys (behind the hall)
  const chimney = (x, top) => {
    const out = [
      poly(
        [
          [x - 30, 800],
          [x - 20, top],
          [x + 20, top],
          [x + 30, 800],
        ],
        '#8c5446',
      ),
    ];
    for (let y = top + 20; y < top + 120; y += 40)
      out.push(
        poly(
          [
            [x - 20.5, y],
            [x + 20.5, y],
            [x + 21.3, y + 18],
            [x - 21.3, y + 18],
          ],
          '#d9cbb8',
        ),
      );
    out.push(rect(x - 24, top - 10, 48, 14, '#5d3a33'));
    return out;
  };
  s.add(smoke(1010, 150), smoke(1120, 230), smoke(1230, 120));
  s.add(chimney(1010, 160), chimney(1120, 240), chimney(1230, 130));
  // Sawtooth-roofed hall
  const wall = '#7c6a60';
  s.add(rect(120, 540, 1000, 260, wall));
  for (let i = 0; i < 8; i++) {
    const x = 120 + i * 125;
    s.add(
      poly(
        [
          [x, 541],
          [x, 450],
          [x + 125, 541],
        ],
        '#5e4f49',
      ),
      poly(
        [
          [x, 450],
          [x + 12, 454],
          [x + 12, 541],
          [x, 541],
        ],
        '#a9bfcb',
      ),
    );
  }
  for (let i = 0; i < 7; i++) {
    const x = 160 + i * 140;
    s.add(rect(x, 590, 96, 120, '#9db3c0'));
    for (let k = 1; k < 4; k++)
      s.add(rect(x + k * 24 - 1, 590, 3, 120, wall), rect(x, 590 + k * 30 - 1, 96, 3, wall));
    if (rng.chance(0.4)) s.add(rect(x, 590, 96, 120, '#ffd98a', { opacity: 0.45 }));
  }
  s.add(rect(520, 720, 160, 80, '#4d403b'), rect(120, 540, 1000, 14, darken(wall, 0.2)));
  // Storage tanks and pipes
  const tank = (x, w, top) => [
    rect(
      x,
      top,
      w,
      800 - top,
      s.linear(
        [
          [0, '#c9c2b6'],
          [0.4, '#ece6da'],
          [1, '#a39b8f'],
        ],
        { x2: 1, y2: 0 },
      ),
    ),
    ellipse(x + w / 2, top, w / 2, 14, '#f4efe6'),
    rect(x, top + 60, w, 6, '#a39b8f'),
  ];
  s.add(tank(1290, 130, 520), tank(1440, 120, 580));
  s.add(
    rect(1120, 620, 170, 14, '#6b5f5a'),
    rect(1120, 660, 320, 10, '#6b5f5a'),
    rect(1420, 520, 10, 140, '#6b5f5a'),
  );
  s.add(
    poly(
      [
        [1180, 800],
        [1340, 520],
        [1356, 528],
        [1200, 800],
      ],
      '#5d504a',
    ),
  );
  // Ground and fence
  s.add(
    rect(
      0,
      798,
      W,
      102,
      s.linear([
        [0, '#7b7460'],
        [1, '#5b5546'],
      ]),
    ),
  );
  for (let x = 0; x < W; x += 40) s.add(rect(x, 760, 5, 80, '#3f3a36'));
  s.add(rect(0, 772, W, 3, '#3f3a36'), rect(0, 806, W, 3, '#3f3a36'));
  s.add(path('M0,900 Q400,850 800,860 T1600,840 L1600,900 Z', '#4f4a3c'));
}

function pylon(x, base, h, color) {
  const sw = Math.max(1.2, h * 0.008);
  const P = (dx, dy) => [x + dx * h, base - dy * h];
  const levels = [
    [0, 0.17],
    [0.18, 0.13],
    [0.36, 0.1],
    [0.52, 0.075],
    [0.62, 0.06],
    [0.78, 0.05],
    [0.92, 0.045],
  ];
  const out = [];
  out.push(
    polyline(
      levels.map(([y, w]) => P(-w, y)),
      color,
      sw * 1.6,
    ),
    polyline(
      levels.map(([y, w]) => P(w, y)),
      color,
      sw * 1.6,
    ),
  );
  for (let i = 0; i < levels.length - 1; i++) {
    const [ya, wa] = levels[i];
    const [yb, wb] = levels[i + 1];
    out.push(
      seg(P(-wa, ya), P(wb, yb), color, sw),
      seg(P(wa, ya), P(-wb, yb), color, sw),
      seg(P(-wb, yb), P(wb, yb), color, sw),
    );
  }
  out.push(
    seg(P(-0.045, 0.92), P(0, 1.02), color, sw * 1.4),
    seg(P(0.045, 0.92), P(0, 1.02), color, sw * 1.4),
  );
  const tips = [];
  for (const [y, span] of [
    [0.62, 0.32],
    [0.78, 0.26],
    [0.92, 0.2],
  ]) {
    for (const side of [-1, 1]) {
      out.push(
        seg(P(side * 0.05, y), P(side * span, y), color, sw * 1.4),
        seg(P(side * 0.05, y + 0.06), P(side * span, y), color, sw),
      );
      out.push(seg(P(side * (span - 0.01), y), P(side * (span - 0.01), y - 0.05), color, sw * 1.8));
      tips.push(P(side * (span - 0.01), y - 0.05));
    }
  }
  return { markup: out.join(''), tips };
}

function drawPowerLines(s, rng) {
  sky(s, [
    [0, '#37386a'],
    [0.45, '#a8688c'],
    [0.75, '#efa474'],
    [1, '#f7cf94'],
  ]);
  glow(s, 1120, 660, 460, '#ffe2a8', 0.8);
  s.add(circle(1120, 660, 70, '#ffe7b5'));
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 650, [
            [20, 600],
            [8, 210],
          ]),
        ),
      ),
      '#6d4f72',
    ),
  );
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 700, [
            [18, 500],
            [10, 150],
          ]),
        ),
      ),
      '#4a3655',
    ),
  );
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 790, [
            [16, 700],
            [6, 120],
          ]),
        ),
      ),
      '#2e2238',
    ),
  );
  const ink = '#1f1829';
  const towers = [
    [230, 880, 700],
    [780, 720, 330],
    [1110, 672, 190],
    [1320, 648, 118],
    [1450, 636, 74],
    [1540, 630, 48],
  ];
  const built = towers.map(([x, b, h]) => pylon(x, b, h, ink));
  const wires = [];
  for (let t = 0; t < built.length; t++) {
    const a = t === 0 ? built[0].tips.map(([x, y]) => [x - 900, y - 40]) : built[t - 1].tips;
    const b = built[t].tips;
    for (let i = 0; i < b.length; i++) {
      const [xa, ya] = a[i];
      const [xb, yb] = b[i];
      const sag = Math.abs(xb - xa) * 0.09;
      wires.push(
        path(`M${pt(a[i])}Q${n((xa + xb) / 2)},${n((ya + yb) / 2 + sag * 2)} ${pt(b[i])}`, 'none', {
          stroke: ink,
          strokeWidth: t < 2 ? 2.2 : 1.4,
        }),
      );
    }
  }
  s.add(
    wires,
    built.map((b) => b.markup),
  );
  for (let i = 0; i < 7; i++) {
    const x = rng.range(300, 1000);
    const y = rng.range(120, 360);
    s.add(bird(x, y, 10, ink));
  }
}

function windTurbine(x, base, h, angle, shadeAngle = 0) {
  const out = [];
  const hub = [x, base - h];
  out.push(
    poly(
      [
        [x - h * 0.024, base],
        [x - h * 0.011, base - h],
        [x + h * 0.011, base - h],
        [x + h * 0.024, base],
      ],
      '#f4f6f7',
    ),
  );
  out.push(
    poly(
      [
        [x + h * 0.004, base],
        [x + h * 0.004, base - h],
        [x + h * 0.011, base - h],
        [x + h * 0.024, base],
      ],
      '#d3dbe0',
    ),
  );
  out.push(rect(hub[0] - h * 0.02, hub[1] - h * 0.022, h * 0.085, h * 0.04, '#e8ecee', { rx: h * 0.012 }));
  const L = h * 0.46;
  const w = h * 0.035;
  const blade = poly(
    [
      [-w * 0.4, 0],
      [-w * 0.55, -L * 0.22],
      [-w * 0.12, -L],
      [w * 0.15, -L * 0.97],
      [w * 0.5, -L * 0.25],
      [w * 0.45, 0],
    ],
    '#fafbfc',
  );
  const bladeShade = poly(
    [
      [0, 0],
      [w * 0.05, -L * 0.98],
      [w * 0.15, -L * 0.97],
      [w * 0.5, -L * 0.25],
      [w * 0.45, 0],
    ],
    '#d6dee3',
  );
  for (let k = 0; k < 3; k++)
    out.push(
      group([blade, bladeShade], {
        transform: `translate(${n(hub[0])} ${n(hub[1])}) rotate(${n(angle + k * 120 + shadeAngle)})`,
      }),
    );
  out.push(circle(hub[0], hub[1], h * 0.022, '#e2e7ea'));
  return out;
}

function drawWindFarm(s, rng) {
  sky(s, [
    [0, '#4f8fcc'],
    [0.65, '#b5d6ec'],
    [1, '#e4f0f6'],
  ]);
  s.add(
    cloud(300, 180, 1.6, '#ffffff', 0.8),
    cloud(1100, 120, 1.2, '#ffffff', 0.7),
    cloud(1450, 260, 0.9, '#ffffff', 0.6),
  );
  const far = waveFn(rng, 560, [
    [24, 520],
    [10, 210],
  ]);
  const mid = waveFn(rng, 660, [
    [34, 640],
    [12, 230],
  ]);
  const near = waveFn(rng, 800, [
    [40, 800],
    [14, 260],
  ]);
  s.add(path(areaBelow(sample(far)), '#a4c6b2'));
  for (const x of [1000, 1120, 1240, 1360, 1480]) s.add(windTurbine(x, far(x) + 4, 150, rng.range(0, 120)));
  s.add(path(areaBelow(sample(mid)), '#82b08c'));
  for (const x of [180, 430, 680]) s.add(windTurbine(x, mid(x) + 6, 290, rng.range(0, 120)));
  s.add(path(areaBelow(sample(near)), '#5f9268'));
  s.add(windTurbine(1180, near(1180) + 10, 640, 18));
  for (let i = 0; i < 30; i++) {
    const x = rng.range(0, W);
    s.add(
      ellipse(x, near(x) + rng.range(30, 100), rng.range(20, 60), rng.range(4, 8), '#4e7f57', {
        opacity: 0.6,
      }),
    );
  }
  for (let i = 0; i < 14; i++) {
    const x = rng.range(0, 900);
    s.add(roundTree(x, mid(x) + 20, rng.range(30, 55), '#5f8f66', '#4e6b4f'));
  }
}

function pumpjack(x, base, scale, tilt, color) {
  const rot = (px, py) => {
    const a = (tilt * Math.PI) / 180;
    const dx = px;
    const dy = py + 190;
    return [dx * Math.cos(a) - dy * Math.sin(a), -190 + dx * Math.sin(a) + dy * Math.cos(a)];
  };
  const head = rot(-247, -140);
  const tail = rot(180, -190);
  const out = [
    rect(-260, -14, 480, 14, color),
    poly(
      [
        [-60, 0],
        [-8, -196],
        [8, -196],
        [60, 0],
        [44, 0],
        [0, -170],
        [-44, 0],
      ],
      color,
    ),
    line(-36, -80, 36, -80, color, 8),
    group(
      [
        rect(-205, -202, 390, 22, color),
        path('M-196,-212 C-240,-212 -266,-182 -266,-132 L-228,-132 C-228,-168 -214,-184 -194,-184 Z', color),
      ],
      {
        transform: `rotate(${tilt} 0 -190)`,
      },
    ),
    line(head[0], head[1], head[0], -18, color, 4),
    rect(head[0] - 20, -40, 40, 26, color),
    line(tail[0], tail[1], 170, -70, color, 10),
    rect(120, -92, 80, 80, color),
    path(
      `M170,-70 L${n(170 + 70 * Math.cos(((tilt - 60) * Math.PI) / 180))},${n(-70 + 70 * Math.sin(((tilt - 60) * Math.PI) / 180))} A70,70 0 0 1 ${n(170 + 70 * Math.cos(((tilt + 30) * Math.PI) / 180))},${n(-70 + 70 * Math.sin(((tilt + 30) * Math.PI) / 180))} Z`,
      color,
    ),
  ];
  return group(out, { transform: `translate(${n(x)} ${n(base)}) scale(${n(scale)})` });
}

function drawOilField(s, rng) {
  sky(s, [
    [0, '#45283f'],
    [0.4, '#a9503f'],
    [0.72, '#e8954f'],
    [1, '#f6c77c'],
  ]);
  glow(s, 980, 640, 560, '#ffd890', 0.75);
  s.add(circle(980, 650, 150, '#ffe2a4'));
  for (let i = 0; i < 5; i++) s.add(rect(780, 560 + i * 28, 400, 6 + i * 2, '#e8954f', { opacity: 0.7 }));
  s.add(path('M-20,690 L-20,600 L80,600 L110,580 L260,580 L290,610 L420,615 L430,690 Z', '#8c4a3d'));
  s.add(path('M1240,690 L1270,620 L1380,612 L1400,590 L1520,590 L1540,612 L1620,612 L1620,690 Z', '#8c4a3d'));
  const ink = '#22141a';
  s.add(
    rect(
      0,
      680,
      W,
      220,
      s.linear([
        [0, '#4a2a2c'],
        [1, '#1e1115'],
      ]),
    ),
  );
  for (let i = 0; i < 18; i++)
    s.add(line(rng.range(0, W), rng.range(700, 890), rng.range(0, W), rng.range(700, 890), '#5a3433', 0));
  // Distant derrick and tanks
  const dx = 1420;
  s.add(
    poly(
      [
        [dx - 50, 690],
        [dx - 8, 450],
        [dx + 8, 450],
        [dx + 50, 690],
      ],
      'none',
      { stroke: ink, strokeWidth: 4 },
    ),
  );
  for (let y = 480; y < 690; y += 40) {
    const w1 = 8 + ((y - 450) / 240) * 42;
    const w2 = 8 + ((y + 40 - 450) / 240) * 42;
    s.add(
      line(dx - w1, y, dx + w2, Math.min(690, y + 40), ink, 2.5),
      line(dx + w1, y, dx - w2, Math.min(690, y + 40), ink, 2.5),
    );
  }
  s.add(rect(dx - 14, 436, 28, 16, ink));
  s.add(
    rect(1200, 640, 80, 50, ink),
    ellipse(1240, 640, 40, 8, ink),
    rect(1290, 650, 60, 40, ink),
    ellipse(1320, 650, 30, 6, ink),
  );
  s.add(rect(0, 684, W, 4, ink));
  s.add(
    pumpjack(620, 700, 0.55, 6, ink),
    pumpjack(240, 730, 0.8, -8, ink),
    pumpjack(1000, 820, 1.45, 10, ink),
  );
  s.add(rect(0, 818, W, 82, ink));
}

// ---------------------------------------------------------------------------
// Lead images — landscapes & weather
// ---------------------------------------------------------------------------

function drawWheatField(s, rng) {
  sky(s, [
    [0, '#5d95c4'],
    [0.6, '#c5dfe9'],
    [1, '#f4ead0'],
  ]);
  glow(s, 1260, 220, 260, '#fffbe6', 0.9);
  s.add(circle(1260, 220, 55, '#fffaf0'));
  s.add(cloud(380, 200, 1.3, '#ffffff', 0.8), cloud(800, 120, 0.9, '#ffffff', 0.6));
  // Tree line, barn and silo
  const trees = waveFn(rng, 520, [
    [8, 200],
    [5, 70],
  ]);
  s.add(path(areaBelow(sample(trees, { step: 20 }), 560), '#6f8a5c'));
  s.add(
    rect(260, 450, 150, 90, '#a0483a'),
    poly(
      [
        [250, 452],
        [335, 400],
        [420, 452],
      ],
      '#6b3129',
    ),
    rect(310, 490, 40, 50, '#6b3129'),
  );
  s.add(rect(430, 380, 50, 160, '#c9c3b6'), path('M430,382 A25,25 0 0 1 480,382 Z', '#9aa0a6'));
  // Field
  s.add(
    rect(
      0,
      536,
      W,
      364,
      s.linear([
        [0, '#d7b45e'],
        [0.4, '#e6c26d'],
        [1, '#c48f2c'],
      ]),
    ),
  );
  for (let i = -30; i <= 30; i++)
    s.add(line(800 + i * 40, 536, 800 + i * 170, 900, '#b98a2e', 2, { opacity: 0.25 }));
  for (let i = 0; i < 260; i++) {
    const y = rng.range(545, 900);
    const w = 10 + (y - 536) * 0.12;
    s.add(
      rect(rng.range(-20, W), y, w, 2 + (y - 536) * 0.008, rng.pick(['#f0d489', '#b98a2e']), {
        opacity: 0.35,
      }),
    );
  }
  // Foreground stalks
  const stalk = (x, base, h, lean, col) => {
    const top = [x + lean, base - h];
    const out = [
      path(`M${n(x)},${n(base)} Q${n(x + lean * 0.2)},${n(base - h * 0.5)} ${pt(top)}`, 'none', {
        stroke: darken(col, 0.15),
        strokeWidth: 3,
      }),
    ];
    const angle = (Math.atan2(lean, h) * 180) / Math.PI;
    const grains = [];
    for (let k = 0; k < 9; k++) {
      grains.push(ellipse(-7, -k * 11, 6, 10, col, { transform: `rotate(-25 -7 ${-k * 11})` }));
      grains.push(ellipse(7, -k * 11 - 5, 6, 10, col, { transform: `rotate(25 7 ${-k * 11 - 5})` }));
    }
    grains.push(line(0, -100, 0, -150, col, 1.5));
    out.push(group(grains, { transform: `translate(${pt(top)}) rotate(${n(angle)})` }));
    return out;
  };
  for (let i = 0; i < 70; i++) {
    const x = rng.range(-20, W + 20);
    s.add(
      stalk(
        x,
        905,
        rng.range(150, 330),
        rng.range(-20, 50),
        rng.pick(['#d9a441', '#e8bf5f', '#c99236', '#f0cc73']),
      ),
    );
  }
}

function drawForest(s, rng) {
  sky(s, [
    [0, '#aec4c0'],
    [1, '#eceee4'],
  ]);
  glow(s, 1120, 240, 420, '#fffbe8', 0.85);
  for (let k = 0; k < 5; k++) {
    const color = mix('#b0c4ba', '#1c3530', k / 4);
    const baseY = 380 + k * 105;
    const fn = waveFn(rng, baseY, [
      [30 - k * 3, 700],
      [12, 230],
    ]);
    const treeH = 60 + k * 55;
    s.add(path(areaBelow(sample(fn)), color));
    const trees = [];
    for (let x = -30; x < W + 30; x += treeH * rng.range(0.18, 0.3))
      trees.push(pine(x, fn(x) + treeH * 0.15, treeH * rng.range(0.7, 1.25), color));
    s.add(trees);
    if (k < 4)
      s.add(
        rect(
          0,
          baseY - 40,
          W,
          200,
          s.linear([
            [0, '#f4f3ea', 0],
            [0.6, '#f4f3ea', 0.45],
            [1, '#f4f3ea', 0],
          ]),
        ),
      );
    if (k === 2) {
      // Soft sun rays through the mist, behind the nearest trees
      const ray = s.linear([
        [0, '#fffbe8', 0.35],
        [1, '#fffbe8', 0],
      ]);
      for (let i = 0; i < 5; i++) {
        const x = 1120 + i * 90 - 180;
        s.add(
          poly(
            [
              [1120, 240],
              [x - 60, 900],
              [x + 20, 900],
            ],
            ray,
            { opacity: 0.5 },
          ),
        );
      }
    }
  }
  for (let i = 0; i < 5; i++) s.add(bird(rng.range(400, 900), rng.range(140, 260), 10, '#4c5f58'));
}

function mountain(rng, { x, y, left, right, base, rock, shade, snow, snowShade, snowLine = 0.38 }) {
  const leftPts = [];
  const rightPts = [];
  for (let i = 1; i < 6; i++) {
    const t = i / 6;
    leftPts.push([lerp(left, x, t) + rng.range(-18, 18), lerp(base, y, t) + rng.range(-16, 16)]);
    rightPts.push([lerp(x, right, t) + rng.range(-18, 18), lerp(y, base, t) + rng.range(-16, 16)]);
  }
  const outline = [[left, base], ...leftPts, [x, y], ...rightPts, [right, base]];
  const snowY = y + (base - y) * snowLine;
  const cross = (a, b) => [lerp(a[0], b[0], (snowY - a[1]) / (b[1] - a[1])), snowY];
  const peakIndex = leftPts.length + 1;
  let li = peakIndex;
  while (li > 0 && outline[li - 1][1] < snowY) li--;
  let ri = peakIndex;
  while (ri < outline.length - 1 && outline[ri + 1][1] < snowY) ri++;
  const lc = cross(outline[li - 1], outline[li]);
  const rc = cross(outline[ri], outline[ri + 1]);
  const zig = [];
  for (let i = 1; i < 8; i++)
    zig.push([lerp(rc[0], lc[0], i / 8), snowY + (i % 2 ? rng.range(20, 55) : rng.range(-10, 10))]);
  const snowPoly = [lc, ...outline.slice(li, ri + 1), rc, ...zig];
  const shadeFace = [
    [x, y],
    ...rightPts,
    [right, base],
    [x + (right - x) * 0.1, base],
    [x + 14, y + (base - y) * 0.55],
    [x - 6, y + (base - y) * 0.25],
  ];
  const snowShadePoly = [
    [x, y],
    ...outline.slice(peakIndex + 1, ri + 1),
    rc,
    [lerp(rc[0], x, 0.5), snowY + 30],
    [x - 4, y + (snowY - y) * 0.5],
  ];
  return [poly(outline, rock), poly(shadeFace, shade), poly(snowPoly, snow), poly(snowShadePoly, snowShade)];
}

function drawMountains(s, rng) {
  sky(s, [
    [0, '#4a76a6'],
    [0.65, '#a8c5dd'],
    [1, '#dce8ef'],
  ]);
  s.add(cloud(1300, 140, 1.3, '#ffffff', 0.7), cloud(300, 110, 0.9, '#ffffff', 0.55));
  const scenery = [];
  scenery.push(path(areaBelow(jagged(rng, 470, 40, 70), 780, false), '#9fb4cc'));
  scenery.push(
    mountain(rng, {
      x: 520,
      y: 180,
      left: 60,
      right: 980,
      base: 780,
      rock: '#66728c',
      shade: '#4d5872',
      snow: '#f4f7fa',
      snowShade: '#cdd8e6',
    }),
  );
  scenery.push(
    mountain(rng, {
      x: 1120,
      y: 250,
      left: 700,
      right: 1660,
      base: 780,
      rock: '#5b6883',
      shade: '#454f69',
      snow: '#f1f5f9',
      snowShade: '#c9d5e4',
      snowLine: 0.32,
    }),
  );
  scenery.push(
    mountain(rng, {
      x: 150,
      y: 360,
      left: -300,
      right: 500,
      base: 780,
      rock: '#56627c',
      shade: '#414b63',
      snow: '#eef3f8',
      snowShade: '#c6d2e2',
      snowLine: 0.25,
    }),
  );
  const hills = waveFn(rng, 700, [
    [20, 500],
    [10, 160],
  ]);
  scenery.push(path(areaBelow(sample(hills), 780), '#3e5b55'));
  for (let x = -20; x < W + 20; x += rng.range(14, 30))
    scenery.push(pine(x, Math.min(775, hills(x) + 40), rng.range(50, 100), '#2b4541'));
  s.add(scenery);
  // Lake with a soft reflection
  s.add(
    rect(
      0,
      770,
      W,
      130,
      s.linear([
        [0, '#7d9bb8'],
        [1, '#4b6a89'],
      ]),
    ),
  );
  s.add(
    group(group(scenery, { transform: 'translate(0 1548) scale(1 -1)', opacity: 0.3 }), {
      'clip-path': s.clip(rect(0, 774, W, 126, '#000')),
    }),
  );
  for (let i = 0; i < 50; i++)
    s.add(
      rect(rng.range(0, W), rng.range(780, 900), rng.range(30, 140), 2, '#e7f0f6', {
        opacity: rng.range(0.2, 0.5),
      }),
    );
  s.add(rect(0, 770, W, 6, '#2b4541'));
}

function drawCoastline(s, rng) {
  sky(s, [
    [0, '#86b2d3'],
    [0.6, '#d6e7ee'],
    [1, '#f4efe2'],
  ]);
  s.add(cloud(1000, 150, 1.4, '#ffffff', 0.75), cloud(1400, 90, 0.9, '#ffffff', 0.6));
  s.add(
    rect(
      0,
      470,
      W,
      430,
      s.linear([
        [0, '#7fb3c1'],
        [0.5, '#3f8aa0'],
        [1, '#2b6c84'],
      ]),
    ),
  );
  s.add(
    path(
      'M1180,472 C1260,440 1360,430 1460,446 C1520,456 1580,450 1620,446 L1620,476 L1180,476 Z',
      '#8fa9ae',
    ),
  );
  for (let i = 0; i < 60; i++)
    s.add(
      rect(rng.range(500, W), rng.range(480, 720), rng.range(20, 80), 2, '#e8f3f5', {
        opacity: rng.range(0.2, 0.5),
      }),
    );
  // Beach and surf
  s.add(path('M560,900 C700,760 980,700 1620,690 L1620,900 Z', '#e8d6ad'));
  for (let k = 0; k < 4; k++) {
    const off = k * 26;
    s.add(
      path(
        `M${540 + off * 2},${900 - off} C${680 + off},${752 - off} ${970 + off},${690 - off} ${1620},${680 - off}`,
        'none',
        { stroke: '#f6fbfb', strokeWidth: 6 - k, opacity: 0.85 - k * 0.18 },
      ),
    );
  }
  // Cliffs
  s.add(
    path(
      'M-20,900 L-20,330 L120,318 L300,330 L430,352 C500,380 530,420 560,470 C600,540 620,640 660,720 C690,780 700,840 720,900 Z',
      '#c7ad85',
    ),
  );
  for (let i = 0; i < 8; i++)
    s.add(
      path(
        `M-20,${400 + i * 60} C200,${390 + i * 62} 400,${410 + i * 58} ${560 + i * 18},${470 + i * 56}`,
        'none',
        { stroke: '#a88e68', strokeWidth: 3, opacity: 0.6 },
      ),
    );
  s.add(
    path('M-20,900 L-20,520 C150,560 320,640 480,760 C540,810 600,860 640,900 Z', '#a88e68', {
      opacity: 0.45,
    }),
  );
  s.add(
    path(
      'M-20,342 L-20,318 L120,306 L300,318 L440,344 C500,372 520,392 540,420 C470,380 380,356 300,346 L120,336 Z',
      '#7e9c5c',
    ),
  );
  // Lighthouse
  const lx = 250;
  const baseY = 330;
  s.add(
    poly(
      [
        [lx - 34, baseY],
        [lx - 22, baseY - 210],
        [lx + 22, baseY - 210],
        [lx + 34, baseY],
      ],
      '#f6f3ec',
    ),
  );
  for (const t of [0.2, 0.6]) {
    const y0 = baseY - 210 * t;
    const y1 = baseY - 210 * (t + 0.18);
    const w0 = 34 - 12 * t;
    const w1 = 34 - 12 * (t + 0.18);
    s.add(
      poly(
        [
          [lx - w0, y0],
          [lx - w1, y1],
          [lx + w1, y1],
          [lx + w0, y0],
        ],
        '#b24a3f',
      ),
    );
  }
  s.add(
    poly(
      [
        [lx + 6, baseY],
        [lx + 4, baseY - 210],
        [lx + 22, baseY - 210],
        [lx + 34, baseY],
      ],
      '#000000',
      { opacity: 0.1 },
    ),
  );
  s.add(
    rect(lx - 32, baseY - 218, 64, 10, '#3d3b3f'),
    rect(lx - 18, baseY - 258, 36, 40, '#fff2c4'),
    path(`M${lx - 24},${baseY - 256} L${lx},${baseY - 290} L${lx + 24},${baseY - 256} Z`, '#b24a3f'),
  );
  s.add(
    poly(
      [
        [lx, baseY - 238],
        [lx + 700, baseY - 300],
        [lx + 700, baseY - 170],
      ],
      '#fff6d0',
      { opacity: 0.18 },
    ),
  );
  s.add(
    rect(lx + 50, baseY - 50, 90, 50, '#f0ebe0'),
    poly(
      [
        [lx + 44, baseY - 50],
        [lx + 95, baseY - 82],
        [lx + 146, baseY - 50],
      ],
      '#b24a3f',
    ),
  );
  // Sailing boats and gulls
  for (const [bx, by, sc] of [
    [900, 560, 1],
    [1250, 520, 0.6],
  ]) {
    s.add(
      group(
        [
          path('M-40,0 L40,0 L30,14 L-30,14 Z', '#3d4a5a'),
          poly(
            [
              [0, -4],
              [0, -90],
              [32, -6],
            ],
            '#fbf8f0',
          ),
          poly(
            [
              [-4, -4],
              [-4, -70],
              [-30, -6],
            ],
            '#e9dfc8',
          ),
        ],
        { transform: `translate(${bx} ${by}) scale(${sc})` },
      ),
    );
  }
  for (let i = 0; i < 6; i++) {
    const x = rng.range(600, 1300);
    const y = rng.range(200, 380);
    s.add(bird(x, y, 12, '#4a5563'));
  }
}

function drawStorm(s, rng) {
  sky(s, [
    [0, '#1b1d29'],
    [0.5, '#3b3f52'],
    [1, '#676877'],
  ]);
  glow(s, 930, 420, 520, '#c9c3ff', 0.35);
  // Cloud banks with scalloped undersides
  const bank = (y, minR, maxR, fill) => {
    let d = `M-60,-10L-60,${n(y)}`;
    let x = -60;
    while (x < W + 60) {
      const r = rng.range(minR, maxR);
      d += `A${n(r)},${n(r * 0.8)} 0 0 0 ${n(x + 2 * r)},${n(y + rng.range(-maxR * 0.5, maxR * 0.5))}`;
      x += 2 * r;
    }
    return path(`${d}L${n(x)},-10Z`, fill);
  };
  s.add(
    bank(
      380,
      50,
      110,
      s.linear([
        [0, '#555a70'],
        [1, '#454a60'],
      ]),
    ),
  );
  s.add(
    bank(
      260,
      60,
      130,
      s.linear([
        [0, '#2f3244'],
        [1, '#3b3f54'],
      ]),
    ),
  );
  s.add(
    bank(
      130,
      70,
      140,
      s.linear([
        [0, '#1c1e2a'],
        [1, '#2a2d3d'],
      ]),
    ),
  );
  // Lightning
  const bolt = [
    [960, 330],
    [920, 440],
    [965, 450],
    [900, 570],
    [945, 580],
    [880, 740],
  ];
  const branch = [
    [920, 440],
    [860, 500],
    [850, 560],
  ];
  s.add(
    polyline(bolt, '#b9b3ff', 26, { opacity: 0.3 }),
    polyline(bolt, '#d9d4ff', 12, { opacity: 0.5 }),
    polyline(bolt, '#ffffff', 5),
  );
  s.add(polyline(branch, '#d9d4ff', 8, { opacity: 0.4 }), polyline(branch, '#ffffff', 3));
  glow(s, 880, 740, 160, '#e0dcff', 0.4);
  // Land, farmhouse and wind-bent tree
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 740, [
            [26, 700],
            [10, 200],
          ]),
        ),
      ),
      '#2c2f36',
    ),
  );
  s.add(
    path(
      areaBelow(
        sample(
          waveFn(rng, 820, [
            [18, 600],
            [8, 180],
          ]),
        ),
      ),
      '#1f2127',
    ),
  );
  s.add(
    rect(1180, 640, 150, 100, '#1a1b20'),
    poly(
      [
        [1168, 642],
        [1255, 585],
        [1342, 642],
      ],
      '#15161a',
    ),
    rect(1210, 670, 26, 26, '#f3c76a'),
  );
  s.add(path('M420,800 C425,720 440,660 470,610 L482,616 C458,664 446,730 444,800 Z', '#15161a'));
  for (const [dx, dy, r] of [
    [490, 590, 60],
    [540, 600, 48],
    [450, 570, 44],
    [580, 620, 36],
    [520, 555, 40],
  ])
    s.add(circle(dx, dy, r, '#17181d'));
  // Rain
  const rain = [];
  for (let i = 0; i < 420; i++) {
    const x = rng.range(-100, W);
    const y = rng.range(100, H);
    const len = rng.range(25, 60);
    rain.push(line(x, y, x + len * 0.3, y + len, '#b4bacd', 1.6, { opacity: rng.range(0.12, 0.4) }));
  }
  s.add(rain);
}

function drawSnowStreet(s, rng) {
  sky(s, [
    [0, '#26355f'],
    [0.7, '#62769f'],
    [1, '#a2afca'],
  ]);
  s.add(stars(rng, 40, 220, { maxR: 1.3 }));
  const houseColors = ['#8e5a4f', '#6d7f8c', '#a38a6a', '#5d6b5a', '#7a5f7a', '#9a6b4f'];
  let x = -30;
  while (x < W) {
    const w = rng.range(190, 250);
    const h = rng.range(250, 330);
    const top = 720 - h;
    const col = rng.pick(houseColors);
    const roof = rng.range(70, 110);
    s.add(rect(x, top, w, h, col));
    s.add(
      rect(x + w * 0.7, top - roof * 0.9, 26, roof * 0.9, darken(col, 0.3)),
      rect(x + w * 0.7 - 4, top - roof * 0.9 - 10, 34, 12, '#eef3fa'),
    );
    s.add(
      poly(
        [
          [x - 10, top + 2],
          [x + w / 2, top - roof],
          [x + w + 10, top + 2],
        ],
        '#3a3a4d',
      ),
    );
    s.add(
      path(
        `M${n(x - 12)},${n(top + 4)} L${n(x + w / 2)},${n(top - roof - 4)} L${n(x + w + 12)},${n(top + 4)} L${n(x + w + 2)},${n(top + 10)} L${n(x + w / 2)},${n(top - roof + 18)} L${n(x - 2)},${n(top + 10)} Z`,
        '#eef3fa',
      ),
    );
    const cols = 2;
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < cols; c++) {
        const wx = x + 30 + c * (w - 100);
        const wy = top + 40 + r * 100;
        const litWin = rng.chance(0.7);
        if (litWin) s.add(rect(wx - 10, wy - 10, 60, 80, '#ffd68a', { opacity: 0.2 }));
        s.add(
          rect(wx, wy, 40, 60, litWin ? '#ffd68a' : '#2b3150'),
          rect(wx + 19, wy, 2, 60, darken(col, 0.3)),
          rect(wx, wy + 29, 40, 2, darken(col, 0.3)),
        );
        s.add(rect(wx - 4, wy + 60, 48, 7, '#eef3fa'));
      }
    }
    s.add(rect(x + w / 2 - 22, 640, 44, 80, darken(col, 0.4)), rect(x + w / 2 - 28, 634, 56, 8, '#eef3fa'));
    x += w + 4;
  }
  // Snowy ground and street
  s.add(
    rect(0, 716, W, 64, '#e3eaf4'),
    rect(
      0,
      776,
      W,
      124,
      s.linear([
        [0, '#c4cedd'],
        [1, '#aab6ca'],
      ]),
    ),
  );
  for (const y of [810, 828, 858, 876])
    s.add(path(`M0,${y} Q800,${y - 6} 1600,${y}`, 'none', { stroke: '#98a5bb', strokeWidth: 5 }));
  // Street lamps
  for (const lx of [300, 900, 1450]) {
    glow(s, lx, 520, 170, '#ffdf9a', 0.5);
    s.add(
      rect(lx - 4, 530, 8, 220, '#22263a'),
      rect(lx - 16, 500, 32, 36, '#ffe7b0'),
      path(`M${lx - 22},${502} L${lx},${484} L${lx + 22},${502} Z`, '#22263a'),
    );
    s.add(ellipse(lx, 490, 18, 6, '#eef3fa'));
  }
  s.add(path('M-10,790 C200,760 400,770 600,785 C700,790 760,770 820,782 L820,800 L-10,800 Z', '#eef3fa'));
  // Falling snow
  for (let i = 0; i < 320; i++)
    s.add(
      circle(rng.range(0, W), rng.range(0, H), rng.range(1, 4.2), '#ffffff', {
        opacity: rng.range(0.35, 0.9),
      }),
    );
}

// ---------------------------------------------------------------------------
// Lead images — science & technology
// ---------------------------------------------------------------------------

function drawLaboratory(s, rng) {
  sky(s, [
    [0, '#cfe4e2'],
    [1, '#acccca'],
  ]);
  // Shelves with bottles
  for (const y of [230, 400]) {
    s.add(rect(80, y, 1440, 16, '#eef4f3'), rect(80, y + 16, 1440, 8, '#000000', { opacity: 0.08 }));
    let x = 100;
    while (x < 1480) {
      const kind = rng();
      const h = rng.range(60, 110);
      const c = rng.pick(['#8a5a3b', '#3f6d6a', '#d6e6e4', '#c98f4a', '#5a6f8f']);
      if (kind < 0.5)
        s.add(
          rect(x, y - h, 40, h, c, { rx: 8 }),
          rect(x + 10, y - h - 16, 20, 18, darken(c, 0.3)),
          rect(x + 6, y - h * 0.6, 28, h * 0.3, '#f4f1e8', { opacity: 0.8 }),
        );
      else if (kind < 0.8) s.add(rect(x, y - h * 0.7, 70, h * 0.7, lighten(c, 0.3)));
      else
        s.add(
          circle(x + 25, y - 26, 26, '#e6f1f0', { opacity: 0.8, stroke: '#9fbfc0', strokeWidth: 3 }),
          rect(x + 17, y - 80, 16, 32, '#e6f1f0', { stroke: '#9fbfc0', strokeWidth: 3 }),
        );
      x += rng.range(60, 120);
    }
  }
  // Bench
  s.add(rect(0, 612, W, 26, '#37454f'), rect(0, 638, W, 262, '#e3e9ec'));
  for (let x = 0; x < W; x += 320)
    s.add(
      rect(x + 12, 658, 296, 230, 'none', { stroke: '#c7d1d6', strokeWidth: 4 }),
      rect(x + 140, 680, 40, 8, '#9aa6ad', { rx: 4 }),
    );
  const glass = { fill: '#f4fbfb', opacity: 0.55 };
  const outline = { fill: 'none', stroke: '#8fb2b4', strokeWidth: 4 };
  const flask = (cx, bottom, h, liquid, level) => {
    const neckW = h * 0.1;
    const bodyW = h * 0.42;
    const neckTop = bottom - h;
    const shoulder = bottom - h * 0.62;
    const body = [
      [cx - neckW, neckTop],
      [cx + neckW, neckTop],
      [cx + neckW, shoulder],
      [cx + bodyW, bottom],
      [cx - bodyW, bottom],
      [cx - neckW, shoulder],
    ];
    const ly = bottom - h * 0.62 * level;
    const t = (bottom - ly) / (bottom - shoulder);
    const lw = lerp(bodyW, neckW, t);
    return [
      poly(body, glass.fill, { opacity: glass.opacity }),
      poly(
        [
          [cx - lw, ly],
          [cx + lw, ly],
          [cx + bodyW, bottom],
          [cx - bodyW, bottom],
        ],
        liquid,
      ),
      ellipse(cx, ly, lw, 5, lighten(liquid, 0.3)),
      poly(body, outline.fill, {
        stroke: outline.stroke,
        strokeWidth: outline.strokeWidth,
        strokeLinejoin: 'round',
      }),
      rect(cx - neckW - 6, neckTop - 6, neckW * 2 + 12, 10, '#8fb2b4', { rx: 4 }),
      circle(cx - bodyW * 0.2, bottom - 30, 6, '#ffffff', { opacity: 0.6 }),
      circle(cx + bodyW * 0.1, bottom - 55, 4, '#ffffff', { opacity: 0.6 }),
    ];
  };
  // Beaker
  s.add(
    rect(140, 460, 130, 152, glass.fill, { opacity: 0.55 }),
    rect(140, 530, 130, 82, '#7bb6d8'),
    rect(140, 460, 130, 152, 'none', { stroke: '#8fb2b4', strokeWidth: 4 }),
  );
  for (let i = 0; i < 5; i++) s.add(rect(150, 480 + i * 22, i % 2 ? 14 : 24, 3, '#8fb2b4'));
  s.add(flask(400, 612, 280, '#4fb3a9', 0.5), flask(580, 612, 170, '#e07a5f', 0.45));
  // Round-bottom flask on a stand
  s.add(
    rect(760, 300, 10, 312, '#5b6770'),
    rect(720, 600, 120, 12, '#5b6770'),
    rect(770, 440, 80, 8, '#5b6770'),
  );
  s.add(
    circle(850, 520, 76, glass.fill, { opacity: 0.55 }),
    path('M774,530 A76,76 0 0 0 926,530 Z', '#7b6fb5'),
    circle(850, 520, 76, 'none', { stroke: '#8fb2b4', strokeWidth: 4 }),
  );
  s.add(rect(835, 390, 30, 60, glass.fill, { opacity: 0.55, stroke: '#8fb2b4', strokeWidth: 4 }));
  for (let i = 0; i < 5; i++)
    s.add(
      circle(850 + rng.range(-30, 30), rng.range(540, 580), rng.range(3, 7), '#ffffff', { opacity: 0.6 }),
    );
  // Test tube rack
  s.add(
    rect(960, 520, 240, 16, '#c98f4a'),
    rect(960, 596, 240, 16, '#c98f4a'),
    rect(966, 520, 10, 92, '#a8743a'),
    rect(1184, 520, 10, 92, '#a8743a'),
  );
  ['#e07a5f', '#4fb3a9', '#f2c14e', '#7b6fb5', '#6fa86a', '#e07a5f'].forEach((c, i) => {
    const tx = 990 + i * 36;
    const top = 420 + (i % 2) * 20;
    s.add(
      rect(tx, top, 22, 180, glass.fill, { opacity: 0.6, rx: 11 }),
      rect(tx, top + rng.range(70, 110), 22, 180 - 90, c, { rx: 11 }),
    );
    s.add(rect(tx, top, 22, 180, 'none', { rx: 11, stroke: '#8fb2b4', strokeWidth: 3 }));
  });
  // Microscope
  const m = '#2f3b46';
  s.add(
    rect(1300, 590, 200, 22, m, { rx: 8 }),
    path('M1450,590 L1450,420 Q1450,360 1400,330', 'none', {
      stroke: m,
      strokeWidth: 30,
      strokeLinecap: 'round',
    }),
  );
  s.add(rect(1320, 480, 120, 14, m), rect(1372, 494, 16, 30, '#5b6770'));
  s.add(
    group(
      [
        rect(-22, -140, 44, 170, m, { rx: 6 }),
        rect(-16, -190, 32, 56, '#5b6770', { rx: 4 }),
        rect(-14, 30, 28, 36, '#5b6770'),
      ],
      { transform: 'translate(1380 400) rotate(-20)' },
    ),
  );
  s.add(circle(1450, 470, 22, '#5b6770'), circle(1450, 470, 10, m));
  s.add(rect(1320, 480, 120, 4, '#ffffff', { opacity: 0.3 }));
}

function drawSatellite(s, rng) {
  sky(s, [
    [0, '#02040d'],
    [1, '#0c1a38'],
  ]);
  s.add(stars(rng, 260, 700));
  glow(s, 150, 110, 420, '#fff4d6', 0.35);
  // Planet
  const pc = [800, 2000];
  const pr = 1350;
  s.add(
    circle(pc[0], pc[1], pr + 60, '#3f8fe0', { opacity: 0.08 }),
    circle(pc[0], pc[1], pr + 26, '#5fa8f0', { opacity: 0.18 }),
  );
  s.add(
    circle(
      pc[0],
      pc[1],
      pr,
      s.linear([
        [0, '#3b7bbf'],
        [0.15, '#1d4f86'],
        [0.4, '#0e2747'],
      ]),
    ),
  );
  const clipPlanet = s.clip(circle(pc[0], pc[1], pr, '#000'));
  const land = [];
  for (let i = 0; i < 10; i++)
    land.push(
      ellipse(rng.range(0, W), rng.range(660, 900), rng.range(80, 240), rng.range(20, 60), '#3f7d5a', {
        opacity: 0.55,
      }),
    );
  for (let i = 0; i < 16; i++)
    land.push(
      ellipse(rng.range(0, W), rng.range(640, 900), rng.range(60, 260), rng.range(6, 18), '#ffffff', {
        opacity: 0.3,
      }),
    );
  s.add(group(land, { 'clip-path': clipPlanet }));
  s.add(circle(pc[0], pc[1], pr, 'none', { stroke: '#9fd0ff', strokeWidth: 4, opacity: 0.7 }));
  // Satellite
  const panel = (x) => {
    const out = [
      rect(x, -58, 380, 116, '#1f3f7a'),
      rect(
        x,
        -58,
        380,
        116,
        s.linear(
          [
            [0, '#ffffff', 0.2],
            [1, '#ffffff', 0],
          ],
          { x2: 1, y2: 1 },
        ),
      ),
    ];
    for (let i = 1; i < 8; i++)
      out.push(rect(x + (380 * i) / 8 - 1.5, -58, 3, 116, '#7ea2d8', { opacity: 0.6 }));
    for (let j = 1; j < 3; j++)
      out.push(rect(x, -58 + (116 * j) / 3 - 1.5, 380, 3, '#7ea2d8', { opacity: 0.6 }));
    out.push(rect(x, -58, 380, 116, 'none', { stroke: '#aab6c6', strokeWidth: 4 }));
    return out;
  };
  const sat = [
    ...panel(-500),
    ...panel(120),
    rect(-120, -8, 240, 16, '#8c96a3'),
    rect(-66, -80, 132, 160, '#c9a24a'),
    poly(
      [
        [-66, -80],
        [10, -80],
        [-20, 80],
        [-66, 80],
      ],
      '#e0bf66',
    ),
    rect(-66, -80, 132, 160, 'none', { stroke: '#8c6f2a', strokeWidth: 3 }),
    line(-40, -40, 30, 20, '#a8842f', 2),
    line(-20, 40, 50, -30, '#a8842f', 2),
    rect(-30, 80, 60, 30, '#5c6470'),
    line(0, -80, 0, -120, '#c4ccd6', 5),
    ellipse(0, -130, 60, 20, '#e8ecf0'),
    ellipse(0, -126, 48, 13, '#c3cad3'),
    line(0, -130, 0, -170, '#e8ecf0', 4),
    circle(0, -172, 6, '#e8ecf0'),
    line(50, 80, 80, 150, '#c4ccd6', 3),
    line(-50, 80, -90, 140, '#c4ccd6', 3),
  ];
  s.add(group(sat, { transform: 'translate(800 330) rotate(-14) scale(0.95)' }));
}

function drawServerRoom(s, rng) {
  const P = projector(800, 430, 470);
  const depth = (z) => 1 / (1 + z);
  const NEAR = 6;
  const FAR = depth(9);
  s.add(rect(0, 0, W, H, '#071322'));
  // Ceiling, floor and far wall
  s.add(poly([P(-1000, 940, NEAR), P(1000, 940, NEAR), P(1000, 940, FAR), P(-1000, 940, FAR)], '#0b1a2c'));
  s.add(poly([P(-1000, 0, NEAR), P(1000, 0, NEAR), P(1000, 0, FAR), P(-1000, 0, FAR)], '#0d2235'));
  const [fx0, fy0] = P(-260, 940, FAR);
  const [fx1, fy1] = P(260, 0, FAR);
  s.add(rect(fx0, fy0, fx1 - fx0, fy1 - fy0, '#1b4d72'));
  glow(s, 800, 430, 340, '#5fd0ff', 0.35);
  // Floor tiles in the aisle
  for (let u = -240; u <= 240; u += 120) s.add(seg(P(u, 0, NEAR), P(u, 0, FAR), '#173a52', 2));
  for (let z = -0.8; z < 9; z += 0.5) s.add(seg(P(-260, 0, depth(z)), P(260, 0, depth(z)), '#173a52', 2));
  // Ceiling light strip
  s.add(poly([P(-50, 940, NEAR), P(50, 940, NEAR), P(50, 940, FAR), P(-50, 940, FAR)], '#bff0ff'));
  s.add(
    poly([P(-150, 940, NEAR), P(150, 940, NEAR), P(150, 940, FAR), P(-150, 940, FAR)], '#7fdcff', {
      opacity: 0.18,
    }),
  );
  // Rack rows on both sides: cabinets with doors, server units and status LEDs
  const ledColors = ['#38e1ff', '#38e1ff', '#5cff9d', '#ffb347'];
  for (const side of [-1, 1]) {
    const u = side * 260;
    s.add(poly([P(u, 640, NEAR), P(u, 940, NEAR), P(u, 940, FAR), P(u, 640, FAR)], '#0a1522'));
    s.add(
      poly(
        [P(u, 720, NEAR), P(u - side * 120, 720, NEAR), P(u - side * 120, 720, FAR), P(u, 720, FAR)],
        '#1c3b55',
        { opacity: 0.7 },
      ),
    );
    for (let z = -0.8; z < 9; z += 0.5) {
      const at = (f) => depth(z + 0.5 * f);
      const quad = (h0, h1, f0, f1) => [
        P(u, h0, at(f0)),
        P(u, h1, at(f0)),
        P(u, h1, at(f1)),
        P(u, h0, at(f1)),
      ];
      s.add(poly(quad(0, 640, 0, 1), '#1b3149'), poly(quad(24, 616, 0.05, 0.95), '#0c1826'));
      for (let h = 44; h < 600; h += 26) {
        s.add(poly(quad(h, h + 18, 0.1, 0.9), '#132538'));
        for (const f of [0.15, 0.21, 0.27]) {
          if (!rng.chance(0.5)) continue;
          const [lx, ly] = P(u, h + 9, at(f));
          s.add(circle(lx, ly, clamp(2.4 * at(f), 0.7, 5), rng.pick(ledColors)));
        }
        if (rng.chance(0.3))
          s.add(poly(quad(h + 6, h + 12, 0.5, 0.5 + rng.range(0.1, 0.3)), '#38e1ff', { opacity: 0.3 }));
      }
    }
  }
  s.add(
    rect(
      0,
      0,
      W,
      H,
      s.radial(
        [
          [0.5, '#000000', 0],
          [1, '#000000', 0.5],
        ],
        { r: 0.8 },
      ),
    ),
  );
}

// ---------------------------------------------------------------------------
// Lead images — sport & culture
// ---------------------------------------------------------------------------

function drawStadium(s, rng) {
  sky(s, [
    [0, '#0a0f25'],
    [0.7, '#27305a'],
    [1, '#3d3f66'],
  ]);
  s.add(stars(rng, 80, 300, { maxR: 1.2 }));
  glow(s, 800, 520, 700, '#f7e3a8', 0.35);
  // City lights on the horizon
  s.add(
    group(
      skyline(rng, {
        base: 620,
        minH: 20,
        maxH: 90,
        fill: '#1b1f3a',
        windows: { w: 4, h: 5, gx: 6, gy: 6, pad: 4, lit: 0.3, colors: ['#ffd27a'] },
      }).markup,
    ),
  );
  s.add(rect(0, 618, W, 282, '#12142a'));
  const cx = 800;
  const cy = 610;
  // Outer facade
  s.add(
    path(
      `M${cx - 640},${cy} A640,220 0 0 0 ${cx + 640},${cy} L${cx + 640},${cy + 70} A640,220 0 0 1 ${cx - 640},${cy + 70} Z`,
      '#2a2c45',
    ),
  );
  s.add(
    path(`M${cx - 640},${cy + 24} A640,220 0 0 0 ${cx + 640},${cy + 24}`, 'none', {
      stroke: '#f2d38a',
      strokeWidth: 4,
      opacity: 0.8,
      transform: 'translate(0 14)',
    }),
  );
  s.add(ellipse(cx, cy, 640, 220, '#35304f'));
  s.add(
    ellipse(cx, cy, 600, 200, '#5a3b5c'),
    ellipse(cx, cy + 6, 530, 172, '#46324f'),
    ellipse(cx, cy + 10, 470, 150, '#3a2a45'),
  );
  // Crowd speckle
  for (let i = 0; i < 1600; i++) {
    const t = rng.range(0, Math.PI * 2);
    const rr = rng.range(0.78, 0.98);
    s.add(
      circle(
        cx + Math.cos(t) * 600 * rr,
        cy + Math.sin(t) * 200 * rr,
        rng.range(1.2, 2.4),
        rng.pick(['#e8d2c0', '#c94f5a', '#f2d38a', '#8fa3c9', '#ffffff']),
        { opacity: 0.55 },
      ),
    );
  }
  s.add(ellipse(cx, cy + 12, 450, 142, '#2f6b3d'));
  // Pitch
  const pitch = [
    [cx - 290, cy - 80],
    [cx + 290, cy - 80],
    [cx + 350, cy + 96],
    [cx - 350, cy + 96],
  ];
  s.add(poly(pitch, '#3f8a4a'));
  for (let i = 0; i < 10; i += 2) {
    const a = i / 10;
    const b = (i + 1) / 10;
    const top = (t) => [lerp(pitch[0][0], pitch[1][0], t), pitch[0][1]];
    const bottom = (t) => [lerp(pitch[3][0], pitch[2][0], t), pitch[3][1]];
    s.add(poly([top(a), top(b), bottom(b), bottom(a)], '#4a9a53'));
  }
  s.add(
    poly(pitch, 'none', { stroke: '#eef3ea', strokeWidth: 3, opacity: 0.85 }),
    line(cx, cy - 80, cx, cy + 96, '#eef3ea', 3, { opacity: 0.85 }),
    ellipse(cx, cy + 8, 60, 24, 'none', { stroke: '#eef3ea', strokeWidth: 3, opacity: 0.85 }),
  );
  // Far-side roof
  s.add(
    path(
      `M${cx - 600},${cy - 10} A600,200 0 0 1 ${cx + 600},${cy - 10} L${cx + 620},${cy - 60} A620,230 0 0 0 ${cx - 620},${cy - 60} Z`,
      '#20223a',
    ),
  );
  // Floodlights with beams
  for (const [fx, fy, base] of [
    [180, 200, 640],
    [1420, 200, 640],
    [420, 150, 420],
    [1180, 150, 420],
  ]) {
    s.add(
      poly(
        [
          [fx - 40, fy + 20],
          [fx + 40, fy + 20],
          [cx + (fx < cx ? 120 : -120), cy + 40],
          [cx + (fx < cx ? -260 : 260), cy + 40],
        ],
        s.linear([
          [0, '#fff6d8', 0.35],
          [1, '#fff6d8', 0],
        ]),
        { opacity: 0.6 },
      ),
    );
    s.add(line(fx, fy + 30, fx, base, '#1a1d30', 8));
    glow(s, fx, fy, 120, '#fff6d8', 0.55);
    s.add(rect(fx - 42, fy - 22, 84, 44, '#1a1d30'));
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 4; c++) s.add(rect(fx - 38 + c * 20, fy - 18 + r * 20, 16, 16, '#fffbe8'));
  }
}

function drawFootballPitch(s, rng) {
  const a = '#4c8c4a';
  const b = '#57984f';
  for (let i = 0; i < 16; i++) s.add(rect(i * 100, 0, 100, H, i % 2 ? a : b));
  const ink = { fill: 'none', stroke: '#f3f6ef', strokeWidth: 6 };
  const L = 90;
  const R = 1510;
  const T = 70;
  const B = 830;
  const mid = (T + B) / 2;
  s.add(
    rect(L, T, R - L, B - T, ink.fill, ink),
    line(800, T, 800, B, ink.stroke, 6),
    circle(800, mid, 110, ink.fill, ink),
    circle(800, mid, 8, ink.stroke),
  );
  for (const side of [-1, 1]) {
    const gx = side < 0 ? L : R;
    const dir = -side;
    s.add(rect(Math.min(gx, gx + dir * 220), mid - 270, 220, 540, ink.fill, ink));
    s.add(rect(Math.min(gx, gx + dir * 80), mid - 120, 80, 240, ink.fill, ink));
    s.add(circle(gx + dir * 150, mid, 7, ink.stroke));
    const arcX = gx + dir * 220;
    s.add(path(`M${arcX},${mid - 82} A110,110 0 0 ${dir > 0 ? 1 : 0} ${arcX},${mid + 82}`, ink.fill, ink));
    // Goal with net
    const nx = side < 0 ? gx - 44 : gx;
    s.add(rect(nx, mid - 60, 44, 120, '#ffffff', { opacity: 0.18 }));
    for (let k = 0; k <= 120; k += 12)
      s.add(line(nx, mid - 60 + k, nx + 44, mid - 60 + k, '#ffffff', 1.5, { opacity: 0.5 }));
    for (let k = 0; k <= 44; k += 11)
      s.add(line(nx + k, mid - 60, nx + k, mid + 60, '#ffffff', 1.5, { opacity: 0.5 }));
    s.add(rect(nx, mid - 60, 44, 120, 'none', { stroke: '#ffffff', strokeWidth: 5 }));
    for (const cy of [T, B])
      s.add(
        path(
          `M${gx + dir * 26},${cy} A26,26 0 0 ${(cy === T) === dir > 0 ? 0 : 1} ${gx},${cy + (cy === T ? 26 : -26)}`,
          ink.fill,
          ink,
        ),
      );
  }
  // Players, seen from above
  const player = (x, y, shirt, angle) =>
    group(
      [
        ellipse(14, 16, 30, 14, '#000000', { opacity: 0.25 }),
        ellipse(0, 0, 30, 14, shirt),
        circle(0, 0, 11, '#3b2a20'),
      ],
      { transform: `translate(${n(x)} ${n(y)}) rotate(${n(angle)})` },
    );
  const spots = [
    [520, 300],
    [660, 540],
    [980, 380],
    [1120, 610],
    [400, 620],
    [1230, 250],
    [860, 220],
    [700, 700],
    [1300, 470],
    [300, 420],
  ];
  spots.forEach(([x, y], i) => {
    const shirt = i % 2 ? '#b83a3a' : '#2b4a78';
    s.add(player(x + rng.range(-20, 20), y + rng.range(-20, 20), shirt, rng.range(-40, 40)));
  });
  s.add(
    ellipse(906, 486, 16, 8, '#000000', { opacity: 0.3 }),
    circle(900, 478, 14, '#ffffff'),
    poly(
      [
        [900, 472],
        [906, 476],
        [904, 483],
        [896, 483],
        [894, 476],
      ],
      '#222222',
    ),
  );
  // Stand shadow across one corner
  s.add(
    poly(
      [
        [0, 0],
        [720, 0],
        [0, 380],
      ],
      '#0b2a12',
      { opacity: 0.22 },
    ),
  );
}

function drawRunningTrack(s, rng) {
  s.add(rect(0, 0, W, H, '#3d6e48'));
  const C = [470, 450];
  const R0 = 150;
  const lane = 42;
  const lanes = 8;
  const Rout = R0 + lane * lanes;
  const band = (r) =>
    `M${C[0] + 1800},${C[1] - r} L${C[0]},${C[1] - r} A${r},${r} 0 0 0 ${C[0]},${C[1] + r} L${C[0] + 1800},${C[1] + r}`;
  s.add(path(`${band(Rout + 30)}Z`, '#9c9a92'));
  s.add(path(`${band(Rout)}Z`, '#bd5a41'));
  s.add(path(`${band(R0)}Z`, '#4f8b55'));
  for (let i = 0; i < 10; i++) s.add(rect(C[0] + i * 140, C[1] - R0 + 4, 70, R0 * 2 - 8, '#579560'));
  s.add(
    path(`M${C[0]},${C[1] - R0 + 4} A${R0 - 4},${R0 - 4} 0 0 0 ${C[0]},${C[1] + R0 - 4}`, '#579560', {
      opacity: 0.6,
    }),
  );
  for (let k = 0; k <= lanes; k++)
    s.add(path(band(R0 + k * lane), 'none', { stroke: '#f6efe6', strokeWidth: 4 }));
  // Staggered starting marks on the lower straight and finish line
  for (let k = 0; k < lanes; k++) {
    const y0 = C[1] + R0 + k * lane;
    const x = C[0] + 80 + k * 46;
    s.add(rect(x, y0 + 2, 6, lane - 4, '#f6efe6'));
    s.add(rect(1380, y0 + 2, 10, lane - 4, '#f6efe6'));
  }
  for (let k = 0; k < lanes; k++) {
    const y0 = C[1] - R0 - (k + 1) * lane;
    for (const hx of [720, 1010, 1300]) {
      s.add(
        rect(hx + k * 4, y0 + 6, 8, lane - 12, '#ffffff'),
        rect(hx + k * 4 + 8, y0 + 6, 14, 3, '#2b2b2b'),
        rect(hx + k * 4 + 8, y0 + lane - 9, 14, 3, '#2b2b2b'),
      );
      s.add(rect(hx + k * 4 + 3, y0 + 6, 3, lane - 12, '#222222', { opacity: 0.8 }));
    }
  }
  // Infield throwing circle and texture
  s.add(circle(700, 450, 40, '#c9c3b8'), circle(700, 450, 40, 'none', { stroke: '#f6efe6', strokeWidth: 4 }));
  s.add(
    poly(
      [
        [700, 450],
        [1080, 300],
        [1080, 600],
      ],
      'none',
      { stroke: '#f6efe6', strokeWidth: 3, opacity: 0.6 },
    ),
  );
  for (let i = 0; i < 600; i++)
    s.add(circle(rng.range(0, W), rng.range(0, H), 1.2, '#000000', { opacity: 0.06 }));
}

function drawConcertStage(s, rng) {
  sky(s, [
    [0, '#0c0616'],
    [1, '#2a1238'],
  ]);
  // LED wall
  s.add(
    rect(
      360,
      170,
      880,
      380,
      s.linear(
        [
          [0, '#6a1f7a'],
          [0.5, '#c0367a'],
          [1, '#2b4fa8'],
        ],
        { x2: 1, y2: 0.4 },
      ),
    ),
  );
  for (let i = 0; i < 40; i++) {
    const h = 60 + Math.abs(Math.sin(i * 0.7) * 180) + rng.range(0, 60);
    s.add(rect(380 + i * 21.5, 530 - h, 12, h, '#ffd0f0', { opacity: 0.35 }));
  }
  s.add(rect(360, 170, 880, 380, 'none', { stroke: '#15091f', strokeWidth: 8 }));
  // Truss
  const truss = (x0, y0, x1, y1) => {
    const out = [line(x0, y0, x1, y1, '#3a3346', 4)];
    const horizontal = y0 === y1;
    const len = horizontal ? x1 - x0 : y1 - y0;
    const pts = [];
    for (let t = 0; t <= len; t += 24)
      pts.push(horizontal ? [x0 + t, y0 + ((t / 24) % 2 ? 24 : 0)] : [x0 + ((t / 24) % 2 ? 24 : 0), y0 + t]);
    out.push(
      polyline(pts, '#3a3346', 2),
      horizontal
        ? line(x0, y0 + 24, x1, y1 + 24, '#3a3346', 4)
        : line(x0 + 24, y0, x1 + 24, y1, '#3a3346', 4),
    );
    return out;
  };
  s.add(truss(200, 100, 1400, 100), truss(196, 100, 196, 660), truss(1380, 100, 1380, 660));
  // Beams from fixtures
  const colors = ['#ff5fa2', '#5fd3ff', '#ffc85f', '#b58cff'];
  for (let i = 0; i < 9; i++) {
    const x = 260 + i * 135;
    const c = colors[i % colors.length];
    const target = 800 + (x - 800) * rng.range(1.2, 2.2);
    s.add(
      poly(
        [
          [x - 8, 130],
          [x + 8, 130],
          [target + 160, 900],
          [target - 160, 900],
        ],
        s.linear([
          [0, c, 0.55],
          [1, c, 0],
        ]),
        { opacity: 0.7 },
      ),
    );
    s.add(rect(x - 16, 118, 32, 24, '#1d1826', { rx: 4 }), circle(x, 140, 8, lighten(c, 0.5)));
  }
  // Stage, speakers and performer
  s.add(rect(120, 640, 1360, 40, '#1c1424'), rect(120, 680, 1360, 60, '#120c18'));
  for (const sx of [230, 1270]) {
    s.add(rect(sx, 450, 100, 190, '#17111e'));
    for (const y of [490, 560, 610]) s.add(circle(sx + 50, y, y === 490 ? 28 : 20, '#2b2333'));
  }
  s.add(line(840, 640, 820, 500, '#0a0610', 4), circle(818, 494, 8, '#0a0610'));
  s.add(
    path(
      'M770,640 L780,540 L760,470 Q800,440 840,470 L826,540 L836,640 L812,640 L804,560 L796,640 Z',
      '#0a0610',
    ),
    circle(800, 440, 26, '#0a0610'),
  );
  s.add(path('M830,480 L870,430 L880,436 L840,490 Z', '#0a0610'));
  s.add(ellipse(800, 300, 700, 180, '#ffffff', { opacity: 0.05 }));
  // Crowd
  for (let row = 0; row < 3; row++) {
    const y = 790 + row * 45;
    const shade = ['#1f1230', '#150b22', '#0b0512'][row];
    for (let x = -30; x < W + 40; x += rng.range(44, 70)) {
      const r = rng.range(20, 28) + row * 3;
      s.add(ellipse(x, y + r * 2.2, r * 1.9, r * 1.4, shade), circle(x, y, r, shade));
      const pose = rng();
      if (pose < 0.22) {
        // One or both arms raised, some holding up a phone
        const arms = pose < 0.08 ? [-1, 1] : [rng.chance(0.5) ? 1 : -1];
        for (const dir of arms) {
          const shoulder = [x + dir * r * 1.1, y + r * 1.5];
          const elbow = [x + dir * (r * 1.6 + 10), y - r * 0.2];
          const hand = [x + dir * (r * 1.9 + rng.range(10, 30)), y - r * 2 - rng.range(10, 40)];
          s.add(polyline([shoulder, elbow, hand], shade, r * 0.55, { strokeLinecap: 'round' }));
          if (arms.length === 1 && rng.chance(0.45)) {
            s.add(
              rect(hand[0] - 9, hand[1] - 30, 18, 28, '#cfe8ff', { rx: 3 }),
              rect(hand[0] - 18, hand[1] - 40, 36, 46, '#cfe8ff', { opacity: 0.15, rx: 8 }),
            );
          } else {
            s.add(ellipse(hand[0], hand[1] - 4, r * 0.42, r * 0.55, shade));
          }
        }
      }
    }
  }
}

function drawMuseum(s, rng) {
  const wall = '#e8e0d2';
  s.add(rect(0, 0, W, H, wall));
  // Room: ceiling, side walls, floor
  s.add(
    poly(
      [
        [0, 0],
        [W, 0],
        [1380, 110],
        [220, 110],
      ],
      '#f3eee5',
    ),
  );
  s.add(
    poly(
      [
        [0, 0],
        [220, 110],
        [220, 680],
        [0, 900],
      ],
      '#d8cebe',
    ),
    poly(
      [
        [W, 0],
        [1380, 110],
        [1380, 680],
        [W, 900],
      ],
      '#d2c8b8',
    ),
  );
  s.add(
    poly(
      [
        [0, 900],
        [220, 680],
        [1380, 680],
        [W, 900],
      ],
      '#a57b54',
    ),
  );
  const boards = [];
  for (let i = 0; i <= 16; i++) {
    const x = 220 + (i * 1160) / 16;
    boards.push(line(x, 680, 800 + (x - 800) * (520 / 300), 900, '#8d6644', 2));
  }
  for (const y of [700, 730, 772, 830]) boards.push(line(0, y, W, y, '#8d6644', 1.5, { opacity: 0.5 }));
  const floorClip = s.clip(
    poly(
      [
        [0, 900],
        [220, 680],
        [1380, 680],
        [W, 900],
      ],
      '#000',
    ),
  );
  s.add(group(boards, { 'clip-path': floorClip }));
  s.add(rect(220, 664, 1160, 16, '#cfc4b2'));
  // Track lights and wall washes
  s.add(rect(300, 40, 1000, 8, '#3a3633'));
  for (const x of [390, 800, 1210]) {
    s.add(rect(x - 10, 48, 20, 30, '#3a3633'));
    s.add(
      ellipse(
        x,
        350,
        x === 800 ? 300 : 190,
        230,
        s.radial([
          [0, '#fff7e0', 0.8],
          [1, '#fff7e0', 0],
        ]),
      ),
    );
  }
  const frame = (x, y, w, h, inner) => [
    rect(x - 18, y - 18, w + 36, h + 36, '#b08d57'),
    rect(x - 8, y - 8, w + 16, h + 16, '#8a6a3c'),
    rect(x, y, w, h, '#f4efe3'),
    inner,
    rect(x + 10, y + h + 30, w - 20, 14, '#000000', { opacity: 0.05 }),
  ];
  // Centre: abstract landscape
  s.add(
    frame(620, 220, 360, 270, [
      rect(
        620,
        220,
        360,
        270,
        s.linear([
          [0, '#f3c78e'],
          [1, '#e98b6a'],
        ]),
      ),
      circle(870, 300, 46, '#fff1cf'),
      path('M620,420 C700,360 760,380 820,410 C880,380 940,360 980,390 L980,490 L620,490 Z', '#7b6fb5'),
      path('M620,450 C720,420 800,450 980,430 L980,490 L620,490 Z', '#3f5e7a'),
    ]),
  );
  // Left: geometric composition
  const gx = 280;
  const gy = 250;
  s.add(
    frame(gx, gy, 220, 200, [
      rect(gx, gy, 220, 200, '#f4efe3'),
      rect(gx, gy, 130, 110, '#b3413c'),
      rect(gx + 140, gy, 80, 60, '#2f4e7a'),
      rect(gx + 140, gy + 130, 80, 70, '#e2b93b'),
      rect(gx + 130, gy, 10, 200, '#222222'),
      rect(gx, gy + 110, 220, 10, '#222222'),
      rect(gx + 140, gy + 60, 80, 8, '#222222'),
      rect(gx + 140, gy + 122, 80, 8, '#222222'),
    ]),
  );
  // Right: portrait-like abstraction
  const px = 1100;
  const py = 240;
  s.add(
    frame(px, py, 200, 240, [
      rect(px, py, 200, 240, '#3f5e5a'),
      ellipse(px + 100, py + 100, 48, 62, '#e6c6a5'),
      path(
        `M${px + 30},${py + 240} C${px + 40},${py + 170} ${px + 160},${py + 170} ${px + 170},${py + 240} Z`,
        '#8e3b4a',
      ),
      path(
        `M${px + 52},${py + 96} C${px + 50},${py + 30} ${px + 150},${py + 30} ${px + 148},${py + 96} C${px + 130},${py + 60} ${px + 70},${py + 60} ${px + 52},${py + 96} Z`,
        '#3a2a22',
      ),
    ]),
  );
  // Side-wall paintings in perspective
  s.add(
    poly(
      [
        [60, 260],
        [160, 290],
        [160, 460],
        [60, 480],
      ],
      '#b08d57',
    ),
    poly(
      [
        [72, 276],
        [148, 299],
        [148, 450],
        [72, 466],
      ],
      '#6f8fae',
    ),
  );
  s.add(
    poly(
      [
        [W - 60, 260],
        [W - 160, 290],
        [W - 160, 460],
        [W - 60, 480],
      ],
      '#b08d57',
    ),
    poly(
      [
        [W - 72, 276],
        [W - 148, 299],
        [W - 148, 450],
        [W - 72, 466],
      ],
      '#c98f4a',
    ),
  );
  // Bench and sculpture
  s.add(
    ellipse(800, 860, 300, 20, '#000000', { opacity: 0.18 }),
    rect(520, 780, 560, 36, '#4b3a2e', { rx: 6 }),
    rect(560, 816, 24, 50, '#3a2c22'),
    rect(1016, 816, 24, 50, '#3a2c22'),
  );
  s.add(
    ellipse(1270, 830, 110, 16, '#000000', { opacity: 0.15 }),
    rect(1190, 560, 160, 270, '#f6f2ea'),
    poly(
      [
        [1350, 560],
        [1380, 545],
        [1380, 815],
        [1350, 830],
      ],
      '#ddd6ca',
    ),
    poly(
      [
        [1190, 560],
        [1220, 545],
        [1380, 545],
        [1350, 560],
      ],
      '#fbf8f2',
    ),
  );
  s.add(
    path('M1215,555 C1215,500 1325,500 1325,555 Z', '#9a948a'),
    rect(1254, 470, 32, 40, '#8c867c'),
    ellipse(1270, 430, 40, 52, '#a39d93'),
    path('M1232,420 C1236,372 1306,372 1308,420 C1296,396 1246,396 1232,420 Z', '#8c867c'),
  );
  rng();
}

function drawNewsroomStudio(s, rng) {
  s.add(
    rect(
      0,
      0,
      W,
      H,
      s.linear([
        [0, '#0a1430'],
        [1, '#050a1a'],
      ]),
    ),
  );
  // Ceiling lighting grid
  for (let i = 0; i < 14; i++) {
    const x = 90 + i * 110;
    s.add(
      rect(x, 20, 60, 18, '#1e2a48'),
      circle(x + 30, 44, 6, '#cfe3ff'),
      circle(x + 30, 44, 26, '#cfe3ff', { opacity: 0.12 }),
    );
  }
  // Side light columns
  for (const x of [80, 1480])
    s.add(
      rect(
        x,
        90,
        40,
        560,
        s.linear([
          [0, '#3d7bd9', 0.1],
          [0.5, '#6fb5ff', 0.8],
          [1, '#3d7bd9', 0.1],
        ]),
      ),
    );
  // Video wall with a stylised globe
  s.add(
    rect(
      180,
      90,
      1240,
      470,
      s.linear(
        [
          [0, '#16448c'],
          [1, '#0b2457'],
        ],
        { x2: 1, y2: 1 },
      ),
    ),
  );
  for (let i = 1; i < 4; i++) s.add(rect(180 + (1240 * i) / 4 - 2, 90, 4, 470, '#08183a'));
  for (let i = 1; i < 3; i++) s.add(rect(180, 90 + (470 * i) / 3 - 2, 1240, 4, '#08183a'));
  const gc = [800, 320];
  const gr = 180;
  s.add(circle(gc[0], gc[1], gr + 40, '#6fb5ff', { opacity: 0.12 }), circle(gc[0], gc[1], gr, '#1f5cb0'));
  const globeClip = s.clip(circle(gc[0], gc[1], gr, '#000'));
  const land = [];
  for (let i = 0; i < 9; i++)
    land.push(
      ellipse(
        gc[0] + rng.range(-150, 150),
        gc[1] + rng.range(-140, 140),
        rng.range(30, 80),
        rng.range(20, 50),
        '#58a0e8',
        { opacity: 0.7, transform: `rotate(${n(rng.range(-40, 40))} ${gc[0]} ${gc[1]})` },
      ),
    );
  s.add(group(land, { 'clip-path': globeClip }));
  for (const k of [0.25, 0.55, 0.85])
    s.add(ellipse(gc[0], gc[1], gr * k, gr, 'none', { stroke: '#9fd0ff', strokeWidth: 2, opacity: 0.6 }));
  for (const k of [-0.6, -0.3, 0, 0.3, 0.6]) {
    const y = gc[1] + k * gr;
    const hw = gr * Math.sqrt(1 - k * k);
    s.add(line(gc[0] - hw, y, gc[0] + hw, y, '#9fd0ff', 2, { opacity: 0.6 }));
  }
  s.add(circle(gc[0], gc[1], gr, 'none', { stroke: '#bfe0ff', strokeWidth: 3 }));
  s.add(
    rect(180, 500, 1240, 36, '#c8102e', { opacity: 0.92 }),
    rect(180, 536, 1240, 24, '#f1f4f8', { opacity: 0.85 }),
  );
  s.add(
    rect(240, 510, 160, 16, '#ffffff', { opacity: 0.85 }),
    rect(420, 512, 380, 12, '#ffffff', { opacity: 0.5 }),
  );
  // Anchors behind the desk
  const anchor = (x, suit, hair) => [
    path(
      `M${x - 90},700 C${x - 88},620 ${x - 50},600 ${x},600 C${x + 50},600 ${x + 88},620 ${x + 90},700 Z`,
      suit,
    ),
    rect(x - 14, 560, 28, 50, '#c99a7a'),
    ellipse(x, 540, 36, 44, '#d8a889'),
    path(
      `M${x - 38},540 C${x - 42},480 ${x + 42},480 ${x + 38},540 C${x + 30},512 ${x - 30},512 ${x - 38},540 Z`,
      hair,
    ),
    poly(
      [
        [x - 14, 602],
        [x + 14, 602],
        [x, 640],
      ],
      '#f1f4f8',
    ),
  ];
  s.add(anchor(660, '#1f2a44', '#2b1d16'), anchor(950, '#6b2236', '#5a3a22'));
  // Curved desk
  s.add(path('M300,640 Q800,600 1300,640 L1300,660 Q800,620 300,660 Z', '#0d1a36'));
  s.add(
    path(
      'M300,650 Q800,612 1300,650 L1300,820 Q800,880 300,820 Z',
      s.linear([
        [0, '#e9eef5'],
        [1, '#aab6c8'],
      ]),
    ),
  );
  s.add(
    path('M300,660 Q800,622 1300,660', 'none', { stroke: '#4aa3ff', strokeWidth: 6 }),
    path('M300,800 Q800,858 1300,800', 'none', { stroke: '#c8102e', strokeWidth: 8 }),
  );
  s.add(
    ellipse(800, 740, 70, 70, '#0b2457', { opacity: 0.9 }),
    ellipse(800, 740, 46, 46, 'none', { stroke: '#6fb5ff', strokeWidth: 6 }),
  );
  s.add(rect(0, 840, W, 60, '#050a1a'), ellipse(800, 870, 560, 26, '#4aa3ff', { opacity: 0.12 }));
}

function drawTvCamera(s, rng) {
  s.add(
    rect(
      0,
      0,
      W,
      H,
      s.radial(
        [
          [0, '#30343f'],
          [1, '#0c0e13'],
        ],
        { cx: 0.55, cy: 0.45, r: 0.75 },
      ),
    ),
  );
  for (let i = 0; i < 26; i++)
    s.add(
      circle(
        rng.range(0, W),
        rng.range(40, 520),
        rng.range(18, 70),
        rng.pick(['#ffb347', '#5fb8ff', '#ff6b6b', '#fff1c9']),
        { opacity: rng.range(0.08, 0.25) },
      ),
    );
  s.add(
    rect(
      0,
      760,
      W,
      140,
      s.linear([
        [0, '#1b1d24'],
        [1, '#0d0e12'],
      ]),
    ),
  );
  // Studio light on a stand
  s.add(
    line(1420, 250, 1420, 800, '#1a1c22', 8),
    line(1420, 800, 1360, 860, '#1a1c22', 6),
    line(1420, 800, 1480, 860, '#1a1c22', 6),
  );
  s.add(
    rect(1360, 200, 120, 100, '#22252d', { rx: 10 }),
    circle(1380, 250, 40, '#fff1c9'),
    circle(1380, 250, 120, '#fff1c9', { opacity: 0.12 }),
  );
  // Pedestal
  const dark = '#2b2f38';
  const mid = '#3c414d';
  const light = '#565c6a';
  s.add(ellipse(860, 840, 300, 26, '#000000', { opacity: 0.4 }));
  s.add(
    poly(
      [
        [640, 820],
        [1080, 820],
        [1000, 780],
        [720, 780],
      ],
      dark,
    ),
  );
  for (const x of [660, 860, 1060]) s.add(circle(x, 830, 18, '#15171c'), circle(x, 830, 7, light));
  s.add(
    rect(828, 540, 64, 250, mid),
    rect(836, 600, 48, 190, dark),
    ellipse(860, 660, 110, 16, 'none', { stroke: light, strokeWidth: 8 }),
  );
  s.add(rect(770, 500, 180, 44, dark, { rx: 8 }));
  // Pan bars
  s.add(
    line(930, 500, 1180, 600, mid, 14, { strokeLinecap: 'round' }),
    rect(1160, 590, 50, 24, '#15171c', { rx: 8 }),
  );
  // Camera body
  s.add(
    rect(
      700,
      330,
      320,
      170,
      s.linear([
        [0, '#4a4f5c'],
        [1, '#2b2f38'],
      ]),
      { rx: 16 },
    ),
  );
  s.add(
    rect(720, 350, 120, 60, dark, { rx: 6 }),
    circle(880, 380, 12, light),
    circle(920, 380, 12, light),
    circle(960, 380, 12, '#e0a23a'),
  );
  for (let i = 0; i < 4; i++) s.add(rect(730 + i * 40, 440, 28, 28, '#1f2228', { rx: 4 }));
  // Lens
  s.add(
    rect(
      400,
      340,
      320,
      140,
      s.linear([
        [0, '#2d3038'],
        [0.5, '#1c1e24'],
        [1, '#111216'],
      ]),
      { rx: 12 },
    ),
  );
  for (const x of [460, 540, 620]) s.add(rect(x, 336, 20, 148, '#3a3e48'));
  s.add(
    ellipse(400, 410, 26, 70, '#15171c'),
    ellipse(
      400,
      410,
      18,
      60,
      s.radial([
        [0, '#6fa9d8'],
        [0.6, '#2a4d72'],
        [1, '#0d1a2a'],
      ]),
    ),
  );
  s.add(ellipse(394, 384, 5, 16, '#ffffff', { opacity: 0.6 }));
  // Viewfinder and tally light
  s.add(
    rect(780, 240, 190, 92, dark, { rx: 10 }),
    rect(960, 250, 40, 72, '#15171c', { rx: 6 }),
    rect(800, 258, 140, 56, '#1a1d23', { rx: 6 }),
  );
  s.add(circle(800, 228, 10, '#ff3b3b'), circle(800, 228, 30, '#ff3b3b', { opacity: 0.3 }));
  s.add(path('M1020,460 C1100,500 1050,640 1120,780', 'none', { stroke: '#15171c', strokeWidth: 10 }));
  s.add(rect(700, 330, 320, 8, '#ffffff', { opacity: 0.12, rx: 4 }));
}

const LEADS = {
  parliament: drawParliament,
  'government-building': drawGovernmentBuilding,
  'ballot-box': drawBallotBox,
  flags: drawFlags,
  'city-skyline': drawCitySkyline,
  'night-city': drawNightCity,
  harbor: drawHarbor,
  bridge: drawBridge,
  'train-station': drawTrainStation,
  highway: drawHighway,
  'market-chart': drawMarketChart,
  'stock-screen': drawStockScreen,
  factory: drawFactory,
  'power-lines': drawPowerLines,
  'wind-farm': drawWindFarm,
  'oil-field': drawOilField,
  'wheat-field': drawWheatField,
  forest: drawForest,
  mountains: drawMountains,
  coastline: drawCoastline,
  storm: drawStorm,
  'snow-street': drawSnowStreet,
  laboratory: drawLaboratory,
  satellite: drawSatellite,
  'server-room': drawServerRoom,
  stadium: drawStadium,
  'football-pitch': drawFootballPitch,
  'running-track': drawRunningTrack,
  'concert-stage': drawConcertStage,
  museum: drawMuseum,
  'newsroom-studio': drawNewsroomStudio,
  'tv-camera': drawTvCamera,
};

function leadSvg(key) {
  const s = new Scene();
  LEADS[key](s, createRng(key));
  vignette(s);
  return s.toSvg();
}

// ---------------------------------------------------------------------------
// Author avatars
// ---------------------------------------------------------------------------

const AVATARS = {
  'anna-kovalenko': { bg: '#c7d6e6', shirt: '#34495e', skin: '#f1c9ab', hair: '#d1a863', style: 'long' },
  'daniel-reyes': {
    bg: '#f0c987',
    shirt: '#2f5d62',
    skin: '#c48a60',
    hair: '#2b1d16',
    style: 'short',
    beard: true,
  },
  'mira-lindqvist': { bg: '#b8d8c8', shirt: '#7b3f61', skin: '#f6d8c2', hair: '#d2b46c', style: 'bun' },
  'tomas-hrabal': {
    bg: '#d7c4e2',
    shirt: '#44475a',
    skin: '#e8b896',
    hair: '#6b4a33',
    style: 'side',
    glasses: true,
  },
  'priya-natarajan': { bg: '#f3b6a6', shirt: '#1f4e79', skin: '#a86b4a', hair: '#1b1212', style: 'ponytail' },
  'samuel-okafor': {
    bg: '#a9cce3',
    shirt: '#8e3b2f',
    skin: '#6b4330',
    hair: '#15100d',
    style: 'crop',
    beard: true,
  },
  'leah-brennan': { bg: '#e8d5a9', shirt: '#2e6f57', skin: '#f3cfb3', hair: '#a5432c', style: 'curly' },
};

function avatarSvg(slug) {
  const a = AVATARS[slug];
  const rng = createRng(slug);
  const s = new Scene(400, 400);
  s.add(
    rect(
      0,
      0,
      400,
      400,
      s.radial(
        [
          [0, lighten(a.bg, 0.35)],
          [1, a.bg],
        ],
        { cx: 0.5, cy: 0.35, r: 0.75 },
      ),
    ),
  );
  const skinShade = darken(a.skin, 0.14);
  // Hair that falls behind the head
  if (a.style === 'long')
    s.add(
      path(
        'M124,190 C112,96 170,78 200,78 C236,78 292,96 278,196 L292,330 C250,350 150,350 108,330 Z',
        a.hair,
      ),
    );
  if (a.style === 'bun') s.add(circle(200, 86, 36, a.hair));
  if (a.style === 'ponytail')
    s.add(path('M250,118 C316,130 318,236 286,296 C294,226 278,172 244,148 Z', a.hair));
  if (a.style === 'curly') {
    for (let i = 0; i < 16; i++) {
      const t = Math.PI * (0.95 + (i / 15) * 1.1);
      s.add(circle(200 + Math.cos(t) * 86, 190 + Math.sin(t) * 100, rng.range(26, 34), a.hair));
    }
    for (const [x, y] of [
      [122, 240],
      [278, 240],
      [130, 270],
      [270, 270],
    ])
      s.add(circle(x, y, 26, a.hair));
  }
  // Shoulders, neck, ears, head
  s.add(path('M40,400 C44,320 110,292 200,292 C290,292 356,320 360,400 Z', a.shirt));
  s.add(path('M200,292 L168,300 L200,350 L232,300 Z', lighten(a.shirt, 0.15)));
  s.add(
    rect(172, 220, 56, 84, skinShade, { rx: 20 }),
    poly(
      [
        [172, 294],
        [228, 294],
        [200, 336],
      ],
      skinShade,
    ),
  );
  s.add(ellipse(133, 194, 13, 21, skinShade), ellipse(267, 194, 13, 21, skinShade));
  s.add(ellipse(200, 182, 67, 82, a.skin));
  // Hair on top
  const fronts = {
    short:
      'M134,176 C128,110 168,92 204,94 C246,96 276,122 266,176 C258,144 236,128 200,128 C166,128 144,144 134,176 Z',
    side: 'M132,184 C122,112 166,88 206,90 C252,92 278,128 268,182 C262,152 250,138 232,130 C204,152 162,148 132,184 Z',
    long: 'M133,182 C130,116 170,96 204,96 C240,96 272,122 267,182 C252,138 214,124 190,120 C168,132 146,152 133,182 Z',
    bun: 'M134,170 C132,116 170,98 200,98 C230,98 268,116 266,170 C254,138 230,126 200,126 C170,126 146,138 134,170 Z',
    ponytail:
      'M134,176 C130,112 170,94 202,94 C236,94 272,114 266,176 C254,140 228,124 198,124 C170,124 146,140 134,176 Z',
    crop: 'M136,158 C138,112 172,100 200,100 C228,100 262,112 264,158 C250,132 226,122 200,122 C174,122 150,132 136,158 Z',
    curly: null,
  };
  if (fronts[a.style]) s.add(path(fronts[a.style], a.hair));
  if (a.style === 'curly') {
    for (let i = 0; i < 9; i++) {
      const t = Math.PI * (1.08 + (i / 8) * 0.84);
      s.add(circle(200 + Math.cos(t) * 62, 170 + Math.sin(t) * 70, rng.range(18, 24), a.hair));
    }
  }
  if (a.beard)
    s.add(
      path(
        'M136,196 C140,256 172,266 200,266 C228,266 260,256 264,196 C254,224 234,236 200,236 C166,236 146,224 136,196 Z',
        a.hair,
        { opacity: 0.85 },
      ),
    );
  if (a.glasses) {
    s.add(
      rect(148, 174, 44, 30, 'none', { rx: 9, stroke: '#2a2a30', strokeWidth: 5 }),
      rect(208, 174, 44, 30, 'none', { rx: 9, stroke: '#2a2a30', strokeWidth: 5 }),
    );
    s.add(line(192, 186, 208, 186, '#2a2a30', 5));
  }
  return s.toSvg();
}

// ---------------------------------------------------------------------------
// Logo: a geometric "M" on a deep red rounded square
// ---------------------------------------------------------------------------

function logoSvg() {
  const s = new Scene(512, 512);
  s.add(
    rect(
      0,
      0,
      512,
      512,
      s.linear(
        [
          [0, '#c4182f'],
          [1, '#9e1026'],
        ],
        { x2: 1, y2: 1 },
      ),
      { rx: 104 },
    ),
  );
  s.add(
    poly(
      [
        [112, 380],
        [112, 132],
        [184, 132],
        [256, 246],
        [328, 132],
        [400, 132],
        [400, 380],
        [330, 380],
        [330, 250],
        [256, 362],
        [182, 250],
        [182, 380],
      ],
      '#ffffff',
    ),
  );
  s.add(rect(112, 404, 288, 14, '#ffffff', { opacity: 0.85 }));
  return s.toSvg();
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { only: null, preview: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') opts.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--preview') opts.preview = argv[++i];
  }
  return opts;
}

async function render(name, svg, format, opts) {
  const image = sharp(Buffer.from(svg));
  const buffer =
    format === 'png'
      ? await image.png({ compressionLevel: 9 }).toBuffer()
      : await image.jpeg(JPEG_OPTIONS).toBuffer();
  // The logo is the site's own (publisher logo, favicon), not demo content.
  const dir = name === 'logo.png' ? nodePath.join(ROOT, 'src', 'site', 'assets') : OUT_DIR;
  await writeFile(nodePath.join(dir, name), buffer);
  if (opts.preview)
    await sharp(buffer)
      .png()
      .toFile(nodePath.join(opts.preview, name.replace(/\.\w+$/, '.png')));
  return buffer.length;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  await mkdir(OUT_DIR, { recursive: true });
  if (opts.preview) await mkdir(opts.preview, { recursive: true });
  const jobs = [
    ...Object.keys(LEADS).map((key) => [`${key}.jpg`, () => leadSvg(key), 'jpeg', key]),
    ...Object.keys(AVATARS).map((slug) => [
      `avatar-${slug}.jpg`,
      () => avatarSvg(slug),
      'jpeg',
      `avatar-${slug}`,
    ]),
    ['logo.png', logoSvg, 'png', 'logo'],
  ].filter(([, , , key]) => !opts.only || opts.only.has(key));
  let total = 0;
  for (const [name, build, format] of jobs) {
    const bytes = await render(name, build(), format, opts);
    total += bytes;
    console.log(`${name.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  }
  console.log(
    `${jobs.length} files, ${(total / 1024).toFixed(1)} KB total -> ${nodePath.relative(ROOT, OUT_DIR)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
