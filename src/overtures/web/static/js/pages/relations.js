// #/relations: "Who engages with the Taliban, and how far": the relations ledger towards AFG, as of a date.
// Changing the date reloads the ledger in place (the form stays as typed) and records the date in the URL.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { truncate } from "../format.js";
import { href } from "../route.js";

const TARGET = "AFG";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SETTLE_MS = 350;

function value(item) {
  if (item.value === null || item.value === undefined) return "—";
  return typeof item.value === "number" ? item.value.toLocaleString("en") : String(item.value);
}

function evidenceLinks(item) {
  const evidence = item.evidence || [];
  if (!evidence.length) return "—";
  return h(
    "ul",
    { class: "evidence-links" },
    evidence.map((e) => h("li", {}, h("a", { href: href(["articles", e.article_id], { start: e.start, end: e.end }), title: e.sentence }, truncate(e.sentence, 110)))),
  );
}

function rowCells(item) {
  return [
    h("a", { href: href(["dyad", item.actor, item.target || TARGET]) }, item.actor),
    String(item.relation).replace(/_/g, " "),
    value(item),
    item.valid_from || "—",
    item.valid_to || "still in force",
    evidenceLinks(item),
  ];
}

function showLedger(box, ledger, asOf) {
  const items = ledger.items || [];
  const when = ledger.as_of || asOf;
  if (!items.length) {
    const text = when ? `No relations with ${TARGET} were in force on ${when}.` : `No relations with ${TARGET} are recorded.`;
    replace(box, message("empty", text, "Pick a later date, or ingest more articles."));
    return;
  }
  replace(
    box,
    h("p", { class: "summary", id: "relations-summary", "data-rows": items.length }, `${items.length} relation${items.length > 1 ? "s" : ""} ${when ? `in force on ${when}` : "on record"}`),
    table(`Relations towards ${TARGET}${when ? ` as of ${when}` : ""}`, ["Actor", "Relation", "Value", "Since", "Until", "Evidence"], items.map(rowCells), "relations-table cards"),
  );
}

/** Load the ledger as of a date into the box; box.dataset.asOf says which date it shows once loaded. */
async function loadLedger(box, asOf, signal) {
  box.setAttribute("aria-busy", "true");
  try {
    showLedger(box, await getJSON("/relations", { target: TARGET, as_of: asOf }, signal), asOf);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, errorMessage("the relations ledger", error));
  }
  box.dataset.asOf = asOf;
  box.setAttribute("aria-busy", "false");
}

function asOfForm(asOf, reload) {
  const input = h("input", { id: "as-of", name: "as_of", type: "date", value: asOf, "aria-describedby": "as-of-help" });
  let timer = 0;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => reload(input.value), SETTLE_MS);
  };
  input.addEventListener("change", settle);
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose the date" },
    field("As of", input, h("span", { class: "field-help", id: "as-of-help" }, "Relations in force on this day; empty for the latest.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show"), h("a", { href: "#/relations", class: "button-link" }, "Latest")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    reload(input.value);
  });
  return form;
}

export async function render(main, _args, params, signal) {
  const asOf = ISO_DATE.test(params.get("as_of") || "") ? params.get("as_of") : "";
  document.title = "Relations · overtures";
  const box = h("section", { class: "ledger", id: "ledger", "aria-label": "Relations ledger", "aria-live": "polite" }, loading("the relations ledger"));
  let current = null;
  const reload = (day) => {
    if ((day && !ISO_DATE.test(day)) || day === box.dataset.asOf) return;
    if (current) current.abort();
    current = new AbortController();
    signal.addEventListener("abort", () => current.abort());
    history.pushState(null, "", href(["relations"], { as_of: day }));
    main.dataset.rendered = window.location.hash;
    loadLedger(box, day, current.signal);
  };
  put(
    main,
    h("h1", { tabindex: "-1" }, "Who engages with the Taliban, and how far"),
    h("p", { class: "muted" }, "Each row is a relation state read from coded events, with the sentences that support it."),
    asOfForm(asOf, reload),
    box,
  );
  await loadLedger(box, asOf, signal);
}
