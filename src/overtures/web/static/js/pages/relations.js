// #/relations: "Who engages with the Taliban, and how far": the relations ledger towards AFG, as of a date.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { truncate } from "../format.js";
import { href } from "../route.js";

const TARGET = "AFG";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asOfForm(asOf) {
  const input = h("input", { id: "as-of", name: "as_of", type: "date", value: asOf || "" });
  const go = () => {
    window.location.hash = href(["relations"], { as_of: input.value });
  };
  input.addEventListener("change", go);
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose the date" },
    field("As of", input, h("span", { class: "field-help", id: "as-of-help" }, "Relations in force on this day; empty for the latest.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show"), asOf ? h("a", { href: "#/relations", class: "button-link" }, "Latest") : null),
  );
  input.setAttribute("aria-describedby", "as-of-help");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  return form;
}

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
    item.relation,
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
    replace(box, message("empty", when ? `No relations with ${TARGET} were in force on ${when}.` : `No relations with ${TARGET} are recorded.`, "Pick a later date, or ingest more articles."));
    return;
  }
  replace(box,
    h("p", { class: "summary", id: "relations-summary", "data-rows": items.length }, `${items.length} relation${items.length > 1 ? "s" : ""} ${when ? `in force on ${when}` : "on record"}`),
    table(`Relations towards ${TARGET}${when ? ` as of ${when}` : ""}`, ["Actor", "Relation", "Value", "Since", "Until", "Evidence"], items.map(rowCells), "relations-table cards"),
  );
}

export async function render(main, _args, params, signal) {
  const asOf = ISO_DATE.test(params.get("as_of") || "") ? params.get("as_of") : "";
  document.title = "Relations · overtures";
  const box = h("section", { class: "ledger", "aria-label": "Relations ledger" }, loading("the relations ledger"));
  put(main,
    h("h1", { tabindex: "-1" }, "Who engages with the Taliban, and how far"),
    h("p", { class: "muted" }, "Each row is a relation state read from coded events, with the sentences that support it."),
    asOfForm(asOf),
    box,
  );
  try {
    showLedger(box, await getJSON("/relations", { target: TARGET, as_of: asOf }, signal), asOf);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage("the relations ledger", error));
  }
}
