// The dyad chart as a plotly figure: events per QuadClass as stacked bars (counts, or per 100 articles of the
// period), mean Goldstein as a line on its own axis. Drag to zoom into periods, double-click to go back.

import { QUAD_CLASSES } from "./cameo.js";
import { h } from "./dom.js";
import { count, signed } from "./format.js";
import { plain } from "./plot.js";

/** What the bars count: events, or events per 100 articles published in the period (coverage rises and falls). */
export const MEASURES = { events: "events", rate: "events per 100 articles" };

/** A period's bar for one QuadClass: its events, or its events per 100 of the period's articles (null
 * where no article was published in the period, so no rate exists). */
export function measured(row, key, measure) {
  const events = Number(row[key] || 0);
  if (measure !== "rate") return events;
  const articles = Number(row.articles || 0);
  return articles ? (100 * events) / articles : null;
}

function barText(row, q, measure) {
  const events = Number(row[q.key] || 0);
  const rate = measured(row, q.key, "rate");
  const per = rate === null ? "no articles in the period" : `${rate.toFixed(1)} per 100 articles`;
  return plain(`${row.period}: ${count(events)} ${q.name.toLowerCase()} (${measure === "rate" ? per : `${count(row.articles)} articles`})`);
}

function bars(rows, measure) {
  return QUAD_CLASSES.map((q) => ({
    type: "bar",
    name: q.name,
    x: rows.map((r) => plain(r.period)),
    y: rows.map((r) => measured(r, q.key, measure)),
    marker: { color: q.colour },
    hovertext: rows.map((r) => barText(r, q, measure)),
    hoverinfo: "text",
  }));
}

function goldsteinLine(rows) {
  return {
    type: "scatter",
    mode: "lines+markers",
    name: "Mean Goldstein",
    x: rows.map((r) => plain(r.period)),
    y: rows.map((r) => (r.goldstein_mean === null || r.goldstein_mean === undefined ? null : Number(r.goldstein_mean))),
    yaxis: "y2",
    line: { color: "#1f2933", width: 2 },
    marker: { size: 7, color: "#1f2933" },
    hovertext: rows.map((r) => plain(`${r.period}: mean Goldstein ${signed(r.goldstein_mean)}`)),
    hoverinfo: "text",
  };
}

/** The figure ({data, layout}) for series rows ({period, q1..q4, articles, goldstein_mean}). */
export function seriesFigure(rows, measure) {
  return {
    data: [...bars(rows, measure), goldsteinLine(rows)],
    layout: {
      barmode: "stack",
      height: 400,
      margin: { l: 64, r: 64, t: 16, b: 72 },
      showlegend: false,
      dragmode: "zoom",
      hovermode: "closest",
      xaxis: { type: "category", tickangle: -40, automargin: true },
      yaxis: { title: { text: MEASURES[measure] }, rangemode: "tozero", fixedrange: true, gridcolor: "#e4e7eb" },
      yaxis2: { title: { text: "mean Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5], fixedrange: true, zeroline: true, zerolinecolor: "#9aa5b1", showgrid: false, tickvals: [-10, -5, 0, 5, 10] },
    },
  };
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
