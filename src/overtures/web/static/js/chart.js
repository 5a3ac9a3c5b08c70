// The dyad chart, drawn as SVG: events per QuadClass as stacked bars, mean Goldstein as a line on its own axis.

import { QUAD_CLASSES } from "./cameo.js";
import { h, s } from "./dom.js";
import { signed } from "./format.js";

const SIZE = { width: 800, height: 360, left: 52, right: 56, top: 20, bottom: 64 };
const GOLDSTEIN = [-10, 10];

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
function niceTicks(max, wanted = 5) {
  if (!(max > 0)) return [0, 1];
  const raw = max / wanted;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  const ticks = [];
  for (let value = 0; value < max + step; value += step) ticks.push(Math.round(value * 1e6) / 1e6);
  return ticks;
}

function scales(rows) {
  const plotWidth = SIZE.width - SIZE.left - SIZE.right;
  const plotHeight = SIZE.height - SIZE.top - SIZE.bottom;
  const ticks = niceTicks(Math.max(...rows.map((r) => QUAD_CLASSES.reduce((sum, q) => sum + Number(r[q.key] || 0), 0))));
  const top = ticks[ticks.length - 1];
  const band = plotWidth / rows.length;
  return {
    ticks,
    band,
    x: (i) => SIZE.left + i * band,
    y: (value) => SIZE.top + plotHeight * (1 - value / top),
    g: (value) => SIZE.top + (plotHeight * (GOLDSTEIN[1] - value)) / (GOLDSTEIN[1] - GOLDSTEIN[0]),
  };
}

function axes(sc) {
  const right = SIZE.width - SIZE.right;
  const left = sc.ticks.map((t) => [
    s("line", { x1: SIZE.left, x2: right, y1: sc.y(t), y2: sc.y(t), class: "grid" }),
    s("text", { x: SIZE.left - 8, y: sc.y(t), class: "tick", "text-anchor": "end", "dominant-baseline": "middle" }, String(t)),
  ]);
  const goldstein = [-10, -5, 0, 5, 10].map((t) =>
    s("text", { x: right + 8, y: sc.g(t), class: "tick tick-goldstein", "dominant-baseline": "middle" }, signed(t, 0)),
  );
  return s(
    "g",
    { class: "axes" },
    left,
    goldstein,
    s("line", { x1: SIZE.left, x2: right, y1: sc.g(0), y2: sc.g(0), class: "zero-line" }),
    s("text", { x: 14, y: SIZE.top + 4, class: "axis-title", transform: `rotate(-90 14 ${SIZE.top + 4})`, "text-anchor": "end" }, "events"),
    s("text", { x: SIZE.width - 4, y: SIZE.top + 4, class: "axis-title", transform: `rotate(-90 ${SIZE.width - 4} ${SIZE.top + 4})`, "text-anchor": "end" }, "mean Goldstein"),
  );
}

function bars(rows, sc) {
  const width = Math.max(2, sc.band * 0.7);
  return s(
    "g",
    { class: "bars" },
    rows.map((row, i) => {
      let base = 0;
      return QUAD_CLASSES.map((q) => {
        const value = Number(row[q.key] || 0);
        if (!value) return null;
        const rect = s(
          "rect",
          { x: sc.x(i) + (sc.band - width) / 2, y: sc.y(base + value), width, height: sc.y(base) - sc.y(base + value), fill: q.colour, class: `bar bar-${q.key}` },
          s("title", {}, `${row.period}: ${value} ${q.name.toLowerCase()}`),
        );
        base += value;
        return rect;
      });
    }),
  );
}

function goldsteinLine(rows, sc) {
  const points = rows.map((row, i) => (row.goldstein_mean === null || row.goldstein_mean === undefined ? null : [sc.x(i) + sc.band / 2, sc.g(Number(row.goldstein_mean)), row]));
  let d = "";
  let pen = "M";
  for (const point of points) {
    if (!point) pen = "M";
    else {
      d += `${pen}${point[0].toFixed(1)},${point[1].toFixed(1)} `;
      pen = "L";
    }
  }
  const dots = points.filter(Boolean).map(([x, y, row]) => s("circle", { cx: x, cy: y, r: 4, class: "goldstein-dot" }, s("title", {}, `${row.period}: mean Goldstein ${signed(row.goldstein_mean)}`)));
  return s("g", { class: "goldstein" }, s("path", { d: d.trim(), class: "goldstein-line" }), dots);
}

function periodLabels(rows, sc) {
  const every = Math.ceil(rows.length / 12);
  const y = SIZE.height - SIZE.bottom + 14;
  return s(
    "g",
    { class: "periods" },
    rows.map((row, i) => {
      if (i % every) return null;
      const x = sc.x(i) + sc.band / 2;
      return s("text", { x, y, class: "tick", "text-anchor": "end", transform: `rotate(-40 ${x} ${y})` }, row.period);
    }),
  );
}

/** The chart for series rows ({period, q1..q4, goldstein_mean}); `label` names it for assistive technology. */
export function seriesChart(rows, label) {
  const sc = scales(rows);
  return s(
    "svg",
    { viewBox: `0 0 ${SIZE.width} ${SIZE.height}`, class: "chart", role: "img", "aria-labelledby": "chart-title chart-desc" },
    s("title", { id: "chart-title" }, label),
    s("desc", { id: "chart-desc" }, `Stacked bars: events per QuadClass in each period (left axis). Line: mean Goldstein score from −10 to +10 (right axis). ${rows.length} periods.`),
    axes(sc),
    bars(rows, sc),
    goldsteinLine(rows, sc),
    periodLabels(rows, sc),
  );
}

/** The legend, as HTML so that it wraps on a phone. */
export function legend() {
  return h(
    "ul",
    { class: "legend" },
    QUAD_CLASSES.map((q) => h("li", {}, h("span", { class: `swatch swatch-${q.key}` }), q.name)),
    h("li", {}, h("span", { class: "swatch swatch-line" }), "Mean Goldstein (right axis)"),
  );
}
