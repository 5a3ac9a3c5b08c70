// #/shifts?month=2025-10: the country pairs whose month departed from their own history (the mean
// Goldstein score or the number of events, at |z| >= 2), each with the events behind it, and the relation
// states that changed in the month.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { evidenceLink, evidenceList } from "../evidence.js";
import { count, countryLabel, dayAt, monthBounds, signed } from "../format.js";
import { href } from "../route.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MEASURES = { goldstein_mean: "mean Goldstein score", event_count: "number of events" };

function monthForm(month) {
  const input = h("input", { id: "shifts-month", name: "month", type: "month", value: month, placeholder: "YYYY-MM", "aria-describedby": "month-help" });
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose the month" },
    field("Month", input, h("span", { class: "field-help", id: "month-help" }, "Empty for the latest month with events.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show"), h("a", { href: "#/shifts", class: "button-link" }, "Latest")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = href(["shifts"], { month: MONTH.test(input.value) ? input.value : "" });
  });
  return form;
}

function number(value) {
  return Number(value).toLocaleString("en", { maximumFractionDigits: 2 });
}

function eventItem(item) {
  const when = item.date ? dayAt(item.date, item.date_precision) : "undated";
  return h("li", {}, h("span", { class: "muted" }, `${when} · CAMEO ${item.cameo} · Goldstein ${signed(item.goldstein)} · `), evidenceLink(item, 160));
}

function shiftSection(shift, report) {
  const [a, b] = shift.dyad;
  const names = shift.dyad_names || [];
  const label = `${countryLabel(a, names[0])} – ${countryLabel(b, names[1])}`;
  const all = href(["events"], { dyad: `${a},${b}`, since: report.start, until: report.end });
  return h(
    "section",
    { class: "shift", "data-dyad": `${a},${b}`, "data-measure": shift.measure },
    h("h3", {}, `${label}: ${MEASURES[shift.measure] || shift.measure}`),
    h("p", {}, `${number(shift.value)} in ${shift.period}, against ${number(shift.history_mean)} ± ${number(shift.history_stdev)} over ${count(shift.history_periods)} earlier periods (z ${signed(shift.z, 1)}), from ${count(shift.events)} events.`),
    h("p", { class: "muted" }, "The strongest of them:"),
    h("ol", { class: "shift-events" }, (shift.evidence || []).map(eventItem)),
    h("p", {}, h("a", { href: all, class: "shift-all-events" }, `All ${count(shift.events)} events of ${a} and ${b} in ${shift.period}`), " · ", h("a", { href: href(["dyad", a, b]) }, "the pair over time")),
  );
}

function changeRow(item) {
  return [
    `${countryLabel(item.actor, item.actor_name)} → ${countryLabel(item.target, item.target_name)}`,
    String(item.relation).replace(/_/g, " "),
    String(item.value),
    item.valid_from ? dayAt(item.valid_from, item.valid_from_precision) : "—",
    evidenceList(item.evidence, `Evidence: ${item.actor} ${item.relation} ${item.value}`),
  ];
}

function showReport(box, report) {
  const shifts = report.dyad_shifts || [];
  const changes = report.state_changes || [];
  const rule = report.rule || {};
  replace(
    box,
    h("p", { class: "summary", id: "shifts-summary", "data-shifts": shifts.length, "data-changes": changes.length }, `${report.period}: ${shifts.length === 1 ? "1 pair departed from its" : `${shifts.length} pairs departed from their`} history, ${changes.length} relation state${changes.length === 1 ? "" : "s"} changed`),
    h("p", { class: "muted" }, `A departure is |z| ≥ ${rule.z} against the pair's own earlier periods, in a period with at least ${rule.min_events} events (counted up to ${report.as_of}).`),
    h("h2", {}, "Pairs that departed from their history"),
    shifts.length ? shifts.map((shift) => shiftSection(shift, report)) : message("empty", `No pair departed from its history in ${report.period}.`),
    h("h2", {}, "Relation states that changed"),
    changes.length ? table(`Relation states that began in ${report.period}`, ["Pair", "Relation", "Value", "Since", "Evidence"], changes.map(changeRow), "changes-table cards") : message("empty", `No relation state changed in ${report.period}.`),
  );
}

export async function render(main, _args, params, signal) {
  const month = MONTH.test(params.get("month") || "") ? params.get("month") : "";
  document.title = "Shifts · overtures";
  const heading = h("h1", { tabindex: "-1" }, "Shifts");
  const box = h("section", { id: "shifts", class: "results", "aria-label": "Shifts" }, loading("the shifts"));
  put(main, heading, monthForm(month), box);
  try {
    const report = await getJSON("/shifts", { period: "month", as_of: month ? monthBounds(month)[1] : "" }, signal);
    heading.textContent = `Shifts in ${report.period}`;
    document.title = `${heading.textContent} · overtures`;
    if (!month) document.getElementById("shifts-month").value = report.start.slice(0, 7);
    showReport(box, report);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, errorMessage("the shifts", error));
  }
}
