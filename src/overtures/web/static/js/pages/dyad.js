// #/dyad/<A>/<B>: how relations between two actors moved, from /dyads/A/B/series, as a chart and a table;
// ?measure=rate draws events per 100 articles of each period instead of counts.

import { getJSON, segment } from "../api.js";
import { legend, MEASURES, measured, seriesFigure } from "../chart.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { count, signed } from "../format.js";
import { draw } from "../plot.js";
import { href } from "../route.js";

const PERIODS = ["month", "week", "year"];

function dyadForm(a, b, by, measure) {
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose a dyad" },
    field("Actor A", h("input", { id: "dyad-a", name: "a", value: a, required: true, placeholder: "PAK", autocomplete: "off" })),
    field("Actor B", h("input", { id: "dyad-b", name: "b", value: b, required: true, placeholder: "AFG", autocomplete: "off" })),
    field("Period", h("select", { id: "dyad-by", name: "by" }, PERIODS.map((p) => h("option", { value: p, selected: p === by }, p)))),
    field("Bars", h("select", { id: "dyad-measure", name: "measure" }, Object.entries(MEASURES).map(([key, text]) => h("option", { value: key, selected: key === measure }, text)))),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const parts = ["dyad", String(data.get("a")).trim().toUpperCase(), String(data.get("b")).trim().toUpperCase()];
    window.location.hash = href(parts, { by: data.get("by") === "month" ? "" : data.get("by"), measure: data.get("measure") === "rate" ? "rate" : "" });
  });
  return form;
}

/** "042 ×3, 043 ×1" from top codes given as {cameo, events} objects, [code, n] pairs or plain codes. */
function topCodes(codes) {
  const text = (codes || []).map((c) => {
    if (Array.isArray(c)) return `${c[0]} ×${c[1]}`;
    return typeof c === "object" && c ? `${c.cameo} ×${c.events}` : String(c);
  });
  return text.join(", ") || "—";
}

function rowCells(row, a, b) {
  const events = href(["events"], { dyad: `${a},${b}`, since: row.start, until: row.end });
  return [
    h("a", { href: events }, row.period),
    count(row.events),
    count(row.q1),
    count(row.q2),
    count(row.q3),
    count(row.q4),
    count(row.articles),
    row.articles ? (measured(row, "events", "rate") || 0).toFixed(1) : "—",
    signed(row.goldstein_mean),
    topCodes(row.top_codes),
  ];
}

/** What the rate leaves out: periods with events but no article published in them have no rate. */
function rateNote(rows) {
  const without = rows.filter((r) => Number(r.events || 0) > 0 && !Number(r.articles || 0)).length;
  const text = `Bars: events per 100 articles published in the period, so that a month with more coverage does not look busier.${without ? ` ${without} period${without > 1 ? "s have" : " has"} events but no articles, so no rate: see the table.` : ""}`;
  return h("p", { class: "muted", id: "rate-note" }, text);
}

async function showSeries(box, series, a, b, measure) {
  const rows = series.rows || [];
  if (!rows.some((r) => Number(r.events || 0) > 0)) {
    replace(box, message("empty", `No dated events between ${a} and ${b}.`, "Try another pair of actors, such as PAK and AFG, or RUS and AFG."));
    return;
  }
  const total = rows.reduce((sum, r) => sum + Number(r.events || 0), 0);
  const plot = h("div", { class: "plot plot-series" });
  replace(box,
    h("p", { class: "summary", id: "series-summary" }, `${count(total)} events in ${rows.length} ${series.by || "period"}s, ${rows[0].period} to ${rows[rows.length - 1].period}`),
    measure === "rate" ? rateNote(rows) : null,
    h("figure", { class: "chart-figure" }, plot, h("figcaption", {}, legend(), h("p", { class: "muted" }, "Drag across periods to zoom in; double-click to see them all again."))),
    table(`${a}–${b} by ${series.by || "month"}`, ["Period", "Events", "Verbal coop.", "Material coop.", "Verbal conflict", "Material conflict", "Articles", "Events per 100 articles", "Mean Goldstein", "Top codes"], rows.map((r) => rowCells(r, a, b)), "series-table"),
  );
  await draw(plot, seriesFigure(rows, measure));
}

export async function render(main, args, params, signal) {
  const [a, b] = [(args[0] || "PAK").toUpperCase(), (args[1] || "AFG").toUpperCase()];
  const by = PERIODS.includes(params.get("by")) ? params.get("by") : "month";
  const measure = params.get("measure") === "rate" ? "rate" : "events";
  document.title = `${a}–${b} · overtures`;
  const box = h("section", { class: "series", "aria-label": "Series" }, loading(`the ${a}–${b} series`));
  put(main,
    h("h1", { tabindex: "-1" }, `${a} and ${b} over time`),
    h("p", { class: "muted" }, "Events in both directions, by QuadClass, with the mean Goldstein score (−10 conflict to +10 cooperation)."),
    dyadForm(a, b, by, measure),
    box,
  );
  try {
    await showSeries(box, await getJSON(`/dyads/${segment(a)}/${segment(b)}/series`, { by }, signal), a, b, measure);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage(`the ${a}–${b} series`, error));
  }
}
