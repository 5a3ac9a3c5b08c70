// #/dyad/<A>/<B>: how relations between two actors moved, from /dyads/A/B/series, as a chart and a table.

import { getJSON, segment } from "../api.js";
import { seriesChart, legend } from "../chart.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { count, signed } from "../format.js";
import { href } from "../route.js";

const PERIODS = ["month", "week", "year"];

function dyadForm(a, b, by) {
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose a dyad" },
    field("Actor A", h("input", { id: "dyad-a", name: "a", value: a, required: true, placeholder: "PAK", autocomplete: "off" })),
    field("Actor B", h("input", { id: "dyad-b", name: "b", value: b, required: true, placeholder: "AFG", autocomplete: "off" })),
    field("Period", h("select", { id: "dyad-by", name: "by" }, PERIODS.map((p) => h("option", { value: p, selected: p === by }, p)))),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const parts = ["dyad", String(data.get("a")).trim().toUpperCase(), String(data.get("b")).trim().toUpperCase()];
    window.location.hash = href(parts, { by: data.get("by") === "month" ? "" : data.get("by") });
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
    signed(row.goldstein_mean),
    topCodes(row.top_codes),
  ];
}

function showSeries(box, series, a, b) {
  const rows = series.rows || [];
  if (!rows.some((r) => Number(r.events || 0) > 0)) {
    replace(box, message("empty", `No dated events between ${a} and ${b}.`, "Try another pair of actors, such as PAK and AFG, or RUS and AFG."));
    return;
  }
  const total = rows.reduce((sum, r) => sum + Number(r.events || 0), 0);
  replace(box,
    h("p", { class: "summary", id: "series-summary" }, `${count(total)} events in ${rows.length} ${series.by || "period"}s, ${rows[0].period} to ${rows[rows.length - 1].period}`),
    h("figure", { class: "chart-figure" }, seriesChart(rows, `Events between ${a} and ${b} by ${series.by || "month"}`), h("figcaption", {}, legend())),
    table(`${a}–${b} by ${series.by || "month"}`, ["Period", "Events", "Verbal coop.", "Material coop.", "Verbal conflict", "Material conflict", "Mean Goldstein", "Top codes"], rows.map((r) => rowCells(r, a, b)), "series-table"),
  );
}

export async function render(main, args, params, signal) {
  const [a, b] = [(args[0] || "PAK").toUpperCase(), (args[1] || "AFG").toUpperCase()];
  const by = PERIODS.includes(params.get("by")) ? params.get("by") : "month";
  document.title = `${a}–${b} · overtures`;
  const box = h("section", { class: "series", "aria-label": "Series" }, loading(`the ${a}–${b} series`));
  put(main,
    h("h1", { tabindex: "-1" }, `${a} and ${b} over time`),
    h("p", { class: "muted" }, "Events in both directions, by QuadClass, with the mean Goldstein score (−10 conflict to +10 cooperation)."),
    dyadForm(a, b, by),
    box,
  );
  try {
    showSeries(box, await getJSON(`/dyads/${segment(a)}/${segment(b)}/series`, { by }, signal), a, b);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage(`the ${a}–${b} series`, error));
  }
}
