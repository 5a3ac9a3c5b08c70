// One pair's relation states over time, drawn as SVG: a lane per relation, a bar per state from its start
// to its end (or to the right edge while still in force), the value written in the bar where it fits.

import { s } from "./dom.js";
import { dayAt } from "./format.js";

const SIZE = { width: 900, left: 170, right: 12, top: 6, lane: 28, axis: 22 };
const TONES = 5;
const DAY_MS = 86_400_000;

function time(day) {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The span of time the timelines of a page share: every start and end (and the as-of day), a little wider. */
export function timeDomain(rows, asOf) {
  const times = [...rows.flatMap((r) => [r.valid_from, r.valid_to]), asOf].filter(Boolean).map(time).filter(Number.isFinite);
  if (!times.length) return null;
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const pad = Math.max((last - first) * 0.03, 20 * DAY_MS);
  return [first - pad, last + pad];
}

/** "2024-03 to still in force": a state's span, each end at its precision. */
export function stateSpan(row) {
  const from = row.valid_from ? dayAt(row.valid_from, row.valid_from_precision) : "undated";
  return `${from} to ${row.valid_to ? dayAt(row.valid_to, row.valid_to_precision) : "still in force"}`;
}

function yearTicks([start, end]) {
  const [first, last] = [new Date(start).getUTCFullYear() + 1, new Date(end).getUTCFullYear()];
  const step = Math.max(1, Math.ceil((last - first + 1) / 8));
  const years = [];
  for (let year = first; year <= last; year += step) years.push(year);
  return years;
}

function toneOf(row, values) {
  return row.value === "none" ? "state-none" : `state-tone${values.indexOf(row.value) % TONES}`;
}

function stateBar(row, lane, values) {
  const { x, y, domain } = lane;
  const from = row.valid_from ? x(time(row.valid_from)) : x(domain[0]);
  const to = row.valid_to ? x(time(row.valid_to)) : x(domain[1]);
  const width = Math.max(3, to - from);
  const value = String(row.value);
  return s(
    "g",
    { class: `state ${toneOf(row, values)}`, "data-relation": row.relation, "data-value": value },
    s("rect", { x: from.toFixed(1), y: y + 4, width: width.toFixed(1), height: SIZE.lane - 8, rx: 3 }),
    width > 7.5 * value.length + 8 ? s("text", { x: (from + 5).toFixed(1), y: y + SIZE.lane / 2, class: "state-label", "dominant-baseline": "middle" }, value) : null,
    s("title", {}, `${row.relation.replace(/_/g, " ")}: ${value}, ${stateSpan(row)}`),
  );
}

function axis(domain, x, bottom) {
  return s(
    "g",
    { class: "timeline-axis" },
    s("line", { x1: SIZE.left, x2: SIZE.width - SIZE.right, y1: bottom, y2: bottom, class: "axis-line" }),
    yearTicks(domain).map((year) => {
      const at = x(Date.UTC(year, 0, 1)).toFixed(1);
      return [
        s("line", { x1: at, x2: at, y1: SIZE.top, y2: bottom + 4, class: "grid" }),
        s("text", { x: at, y: bottom + 16, class: "tick", "text-anchor": "middle" }, String(year).padStart(4, "0")),
      ];
    }),
  );
}

/** The timeline of one pair's states (rows of /relations?history=true), on the page's shared time domain. */
export function pairTimeline(rows, domain, { label, asOf }) {
  const relations = [...new Set(rows.map((r) => r.relation))];
  const bottom = SIZE.top + relations.length * SIZE.lane;
  const plot = SIZE.width - SIZE.left - SIZE.right;
  const x = (t) => SIZE.left + ((t - domain[0]) / (domain[1] - domain[0])) * plot;
  const lanes = relations.map((relation, i) => {
    const y = SIZE.top + i * SIZE.lane;
    const states = rows.filter((r) => r.relation === relation);
    const values = [...new Set(states.map((r) => String(r.value)))];
    return s(
      "g",
      { class: "lane" },
      s("text", { x: SIZE.left - 8, y: y + SIZE.lane / 2, class: "lane-label", "text-anchor": "end", "dominant-baseline": "middle" }, relation.replace(/_/g, " ")),
      states.map((row) => stateBar(row, { x, y, domain }, values)),
    );
  });
  const marker = asOf && Number.isFinite(time(asOf)) ? x(time(asOf)).toFixed(1) : null;
  return s(
    "svg",
    { viewBox: `0 0 ${SIZE.width} ${bottom + SIZE.axis}`, class: "timeline", role: "img", "aria-label": `${label}: relation states over time` },
    axis(domain, x, bottom),
    lanes,
    marker ? s("line", { x1: marker, x2: marker, y1: SIZE.top, y2: bottom, class: "as-of-line" }, s("title", {}, `as of ${asOf}`)) : null,
  );
}
