// #/events: event search with facets (actor, root, modality, month); filters live in the URL hash.

import { getJSON } from "../api.js";
import { MODALITIES, rootLabel } from "../cameo.js";
import { exportForm } from "../download.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { actorLabel, count, eventDate, monthBounds, signed, truncate } from "../format.js";
import { pageOf, pager } from "../pager.js";
import { href } from "../route.js";

const FILTERS = ["actor", "country", "dyad", "cameo", "root", "quad_class", "modality", "precision", "since", "until", "location", "q", "sort"];
const IN_FORM = new Set(["actor", "q", "since", "until", "modality", "precision", "sort"]);
const PRECISIONS = [["", "any precision"], ["day", "to the day"], ["week", "to the week"], ["month", "to the month"], ["year", "to the year"], ["publication", "publication date"]];
const NEWEST_FIRST = "-date";
const PAGE_SIZE = 50;

/** The event filters in the route's params, as a plain object without empty values. */
function filtersOf(params) {
  const filters = {};
  for (const key of FILTERS) if (params.get(key)) filters[key] = params.get(key);
  return filters;
}

function link(filters, changes) {
  return href(["events"], { ...filters, ...changes });
}

function input(id, name, value, attrs) {
  return h("input", { id, name, value: value || "", ...attrs });
}

function select(id, name, value, options) {
  return h(
    "select",
    { id, name },
    options.map(([optionValue, text]) => h("option", { value: optionValue, selected: optionValue === (value || "") }, text)),
  );
}

function searchForm(filters) {
  const modalities = [["", "asserted (default)"], ["all", "all modalities"], ...MODALITIES.slice(1).map((m) => [m, m])];
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Search events" },
    field("Actor", input("search-actor", "actor", filters.actor, { list: "actor-options", placeholder: "RUS, Taliban, AFGGOV", autocomplete: "off" })),
    h("datalist", { id: "actor-options" }),
    field("Text in evidence", input("search-text", "q", filters.q, { type: "search", placeholder: "recognize" })),
    field("Since", input("search-since", "since", filters.since, { type: "date" })),
    field("Until", input("search-until", "until", filters.until, { type: "date" })),
    field("Modality", select("search-modality", "modality", filters.modality, modalities)),
    field("Dated", select("search-precision", "precision", filters.precision, PRECISIONS)),
    field("Order", select("search-sort", "sort", filters.sort, [["", "newest first"], ["date", "oldest first"]])),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Search"), h("a", { href: "#/events", class: "button-link" }, "Clear all")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const kept = Object.fromEntries(Object.entries(filters).filter(([key]) => !IN_FORM.has(key)));
    const data = Object.fromEntries(new FormData(form).entries());
    window.location.hash = link(kept, Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.trim()])));
  });
  return form;
}

function activeFilters(filters) {
  const others = Object.entries(filters).filter(([key]) => !IN_FORM.has(key));
  if (!others.length) return null;
  return h(
    "ul",
    { class: "chips", "aria-label": "Other active filters" },
    others.map(([key, value]) =>
      h("li", {}, h("a", { href: link(filters, { [key]: "" }), "aria-label": `Remove filter ${key} ${value}` }, `${key}: ${key === "root" ? rootLabel(value) : value} ✕`)),
    ),
  );
}

async function fillActorOptions(signal) {
  try {
    const actors = await getJSON("/actors", { limit: 100 }, signal);
    const list = document.getElementById("actor-options");
    if (list) replace(list, ...actors.items.map((a) => h("option", { value: a.code }, `${a.name} (${a.events})`)));
  } catch {
    // the suggestions are a convenience; the search works without them
  }
}

/** Facet entries in reading order: codes and months by key, actors and modalities by count (most first). */
function facetEntries(counts, byKey) {
  const entries = Object.entries(counts || {}).map(([key, n]) => [key, Number(n)]);
  return entries.sort(byKey ? (a, b) => a[0].localeCompare(b[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function facetGroup(title, counts, filters, toChanges, isCurrent, label) {
  const entries = facetEntries(counts, title === "CAMEO root" || title === "Month");
  return h(
    "section",
    { class: "facet", "aria-label": title },
    h("h3", {}, title),
    entries.length
      ? h(
          "ul",
          {},
          entries.map(([value, n]) =>
            h(
              "li",
              {},
              h("a", { href: link(filters, toChanges(value)), "aria-current": isCurrent(value) ? "true" : null }, h("span", {}, label(value)), h("span", { class: "facet-count" }, count(n))),
            ),
          ),
        )
      : h("p", { class: "muted" }, "none"),
  );
}

function facetPanel(facets, filters) {
  const month = (value) => monthBounds(value);
  return h(
    "div",
    { class: "facet-list" },
    facetGroup("Actor", facets.actor, filters, (v) => ({ actor: v }), (v) => (filters.actor || "").toUpperCase() === v, (v) => v),
    facetGroup("CAMEO root", facets.root, filters, (v) => ({ root: v }), (v) => filters.root === v, rootLabel),
    facetGroup("Modality", facets.modality, filters, (v) => ({ modality: v }), (v) => filters.modality === v, (v) => v),
    facetGroup("Month", facets.month, filters, (v) => ({ since: month(v)[0], until: month(v)[1] }), (v) => filters.since === month(v)[0] && filters.until === month(v)[1], (v) => v),
  );
}

/** The total number of matching events: every event has exactly one root. */
function totalOf(facets) {
  return Object.values(facets.root || {}).reduce((sum, n) => sum + Number(n), 0);
}

function eventRow(event) {
  const article = href(["articles", event.article_id], { event: event.event_id });
  return [
    eventDate(event),
    actorLabel(event.source),
    h("span", {}, h("strong", {}, event.cameo), ` ${event.cameo_name || ""} `, h("span", { class: "muted" }, `(Goldstein ${signed(event.goldstein)})`)),
    actorLabel(event.target),
    h("span", { class: `badge modality-${event.modality}` }, event.modality),
    h("a", { href: article, class: "evidence-link", "data-event-id": event.event_id }, truncate(event.sentence, 180)),
  ];
}

function summary(params, items, total) {
  const first = (pageOf(params).number - 1) * PAGE_SIZE + 1;
  const text = items.length ? `Showing events ${count(first)}–${count(first + items.length - 1)} of ${count(total)}` : `${count(total)} events`;
  return h("p", { id: "results-summary", class: "summary", "data-total": total, "data-shown": items.length }, text);
}

async function showResults(box, filters, params, signal) {
  const query = { ...filters, sort: filters.sort || NEWEST_FIRST, limit: PAGE_SIZE, cursor: params.get("cursor") || "" };
  const [page, facets] = await Promise.all([getJSON("/events", query, signal), getJSON("/events/facets", filters, signal)]);
  const facetBox = document.getElementById("facets");
  const wide = window.matchMedia("(min-width: 761px)").matches;
  replace(facetBox, h("details", { open: wide }, h("summary", {}, "Refine by actor, root, modality, month"), facetPanel(facets, filters)));
  const total = totalOf(facets);
  if (!page.items.length) {
    replace(box, summary(params, [], total), message("empty", "No events match these filters.", "Remove a filter, widen the dates, or choose “all modalities”."));
    return;
  }
  replace(box,
    summary(params, page.items, total),
    table("Coded events, with the sentence each was read from", ["Date", "Source", "Event", "Target", "Modality", "Evidence"], page.items.map(eventRow), "events-table cards"),
    pager(pageOf(params), page.next, (changes) => link(filters, changes)),
  );
}

export async function render(main, _args, params, signal) {
  const filters = filtersOf(params);
  document.title = "Events · overtures";
  const results = h("section", { id: "results", class: "results", "aria-label": "Results" }, loading("events"));
  put(main,
    h("h1", { tabindex: "-1" }, "Events"),
    searchForm(filters),
    activeFilters(filters),
    exportForm(filters),
    h("div", { class: "with-sidebar" }, h("aside", { id: "facets", class: "facets", "aria-label": "Facets" }, loading("facets")), results),
  );
  fillActorOptions(signal);
  try {
    await showResults(results, filters, params, signal);
  } catch (error) {
    if (signal.aborted) return;
    // the message takes the place of the facets and results, leaving no empty panel behind
    main.querySelector(".with-sidebar").replaceWith(errorMessage("events", error));
  }
}
