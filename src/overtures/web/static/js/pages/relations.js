// #/relations?target=AFG&actor=RUS&as_of=2025-05-01: the relations explorer. Pick a target and, if wanted,
// one actor, each a country or an international organisation (its actor code: IGOUNO); the states in force
// on a date (changing the date reloads them in place and records it in the URL), and each pair's states
// over time as a timeline, every state with the sentences that support it.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { evidenceList } from "../evidence.js";
import { countryLabel, dayAt } from "../format.js";
import { href } from "../route.js";
import { pairTimeline, stateSpan, timeDomain } from "../timeline.js";

const DEFAULT_TARGET = "AFG";
const CODE = /^([A-Za-z]{3}|IGO[A-Za-z0-9]{1,29})$/i; // a country, or an organisation's actor code
const COUNTRY = /^[A-Z]{3}$/;
const ORGANISATION = /^IGO/; // an organisation's code, for codes whose "kind" /relations/countries does not give
const GROUPS = [
  ["country", "Countries"],
  ["organisation", "International organisations"],
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SETTLE_MS = 350;

/** The target, actor and as-of day the route asks for (the target defaults to Afghanistan). */
function choiceOf(params) {
  const code = (name) => (CODE.test(params.get(name) || "") ? params.get(name).toUpperCase() : "");
  return { target: code("target") || DEFAULT_TARGET, actor: code("actor"), asOf: ISO_DATE.test(params.get("as_of") || "") ? params.get("as_of") : "" };
}

function routeOf(choice) {
  return href(["relations"], { target: choice.target === DEFAULT_TARGET ? "" : choice.target, actor: choice.actor, as_of: choice.asOf });
}

function value(item) {
  return item.value === null || item.value === undefined ? "—" : String(item.value);
}

function relationName(item) {
  return String(item.relation).replace(/_/g, " ");
}

/** The dyad page of a pair of countries; none for an organisation or "*" (its events are not a dyad). */
function dyadHref(item) {
  const country = (code) => COUNTRY.test(code) && !ORGANISATION.test(code);
  return country(item.actor) && country(item.target) ? href(["dyad", item.actor, item.target]) : null;
}

function actorCell(item) {
  const label = countryLabel(item.actor, item.actor_name);
  const link = dyadHref(item);
  return link ? h("a", { href: link }, label) : label;
}

function rowCells(item) {
  return [
    actorCell(item),
    relationName(item),
    value(item),
    item.valid_from ? dayAt(item.valid_from, item.valid_from_precision) : "—",
    item.valid_to ? dayAt(item.valid_to, item.valid_to_precision) : "still in force",
    evidenceList(item.evidence, `Evidence: ${item.actor} ${relationName(item)} ${value(item)}`),
  ];
}

function showLedger(box, ledger, choice) {
  const items = ledger.items || [];
  const when = ledger.as_of || choice.asOf;
  const towards = items.length ? countryLabel(choice.target, items[0].target_name) : choice.target;
  if (!items.length) {
    const text = when ? `No relations with ${choice.target} were in force on ${when}.` : `No relations with ${choice.target} are recorded.`;
    replace(box, message("empty", text, "Pick a later date or another target, or ingest more articles."));
    return;
  }
  replace(
    box,
    h("p", { class: "summary", id: "relations-summary", "data-rows": items.length }, `${items.length} relation${items.length > 1 ? "s" : ""} ${when ? `in force on ${when}` : "on record"}`),
    table(`Relations towards ${towards}${when ? ` as of ${when}` : ""}`, ["Actor", "Relation", "Value", "Since", "Until", "Evidence"], items.map(rowCells), "relations-table cards"),
  );
}

/** Load the states in force on a day into the box; box.dataset.asOf says which day it shows once loaded. */
async function loadLedger(box, choice, signal) {
  box.setAttribute("aria-busy", "true");
  try {
    showLedger(box, await getJSON("/relations", { target: choice.target, actor: choice.actor, as_of: choice.asOf }, signal), choice);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, errorMessage("the relations ledger", error));
  }
  box.dataset.asOf = choice.asOf;
  box.setAttribute("aria-busy", "false");
}

function stateItem(row) {
  return h(
    "li",
    { class: "state-change" },
    h("p", {}, h("strong", {}, `${relationName(row)}: ${value(row)}`), h("span", { class: "muted" }, ` ${stateSpan(row)}`)),
    evidenceList(row.evidence, `Evidence: ${relationName(row)} ${value(row)}`),
  );
}

function pairSection(rows, domain, choice, open) {
  const first = rows[0];
  const label = `${countryLabel(first.actor, first.actor_name)} → ${countryLabel(first.target, first.target_name)}`;
  const link = dyadHref(first);
  const byStart = [...rows].sort((a, b) => String(a.valid_from || "").localeCompare(String(b.valid_from || "")));
  return h(
    "section",
    { class: "pair", "data-actor": first.actor, "aria-label": label },
    h("h3", { class: "pair-title" }, label, link ? [" · ", h("a", { href: link }, "events over time")] : null),
    h("figure", { class: "timeline-figure" }, pairTimeline(rows, domain, { label, asOf: choice.asOf })),
    h("details", { class: "state-changes", open }, h("summary", {}, `Every state, with its evidence (${rows.length})`), h("ol", {}, byStart.map(stateItem))),
  );
}

function showTimelines(box, states, choice) {
  const rows = states.filter((row) => !choice.actor || row.actor === choice.actor);
  const domain = timeDomain(rows, choice.asOf);
  if (!rows.length || !domain) {
    replace(box, message("empty", `No relation states towards ${choice.target}${choice.actor ? ` held by ${choice.actor}` : ""} are recorded.`));
    return;
  }
  const pairs = new Map();
  for (const row of rows) pairs.set(row.actor, [...(pairs.get(row.actor) || []), row]);
  const ordered = [...pairs.values()].sort((a, b) => countryLabel(a[0].actor, a[0].actor_name).localeCompare(countryLabel(b[0].actor, b[0].actor_name)));
  replace(
    box,
    h("h2", { id: "timelines-heading" }, "How each pair's states changed"),
    h("p", { class: "muted" }, "One lane per relation, one bar per state; dates known only to a week, month or year are shown so."),
    ordered.map((pairRows) => pairSection(pairRows, domain, choice, ordered.length === 1)),
  );
}

function option(code, name, selected) {
  return h("option", { value: code, selected }, countryLabel(code, name));
}

/** Options for parties ({code, name, kind}), by name: countries and organisations each in a group of
 * their own, any other ("*", every actor) first. */
function partyOptions(parties, selected) {
  const named = [...parties].sort((a, b) => countryLabel(a.code, a.name).localeCompare(countryLabel(b.code, b.name)));
  const options = (list) => list.map((c) => option(c.code, c.name, c.code === selected));
  const grouped = GROUPS.map(([kind, label]) => {
    const members = named.filter((c) => c.kind === kind);
    return members.length ? h("optgroup", { label, "data-kind": kind }, options(members)) : null;
  });
  return [options(named.filter((c) => !GROUPS.some(([kind]) => kind === c.kind))), grouped];
}

function fillChoices(form, countries, states, choice) {
  const kinds = new Map(countries.map((c) => [c.code, c.kind]));
  const kindOf = (code) => kinds.get(code) || (ORGANISATION.test(code) ? "organisation" : "country");
  const targets = countries.filter((c) => c.states_towards > 0 || c.code === choice.target);
  replace(form.querySelector("#relations-target"), partyOptions(targets, choice.target));
  const actors = new Map(states.map((row) => [row.actor, row.actor_name]));
  if (choice.actor && !actors.has(choice.actor)) actors.set(choice.actor, null);
  const parties = [...actors].map(([code, name]) => ({ code, name, kind: kindOf(code) }));
  replace(form.querySelector("#relations-actor"), h("option", { value: "" }, "every actor"), partyOptions(parties, choice.actor));
}

function choiceForm(choice, reload) {
  const asOf = h("input", { id: "as-of", name: "as_of", type: "date", value: choice.asOf, "aria-describedby": "as-of-help" });
  let timer = 0;
  asOf.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(() => reload(asOf.value), SETTLE_MS);
  });
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose the relations" },
    field("Target", h("select", { id: "relations-target", name: "target" }, option(choice.target, null, true))),
    field("Actor", h("select", { id: "relations-actor", name: "actor" }, h("option", { value: "" }, "every actor"))),
    field("As of", asOf, h("span", { class: "field-help", id: "as-of-help" }, "States in force on this day; empty for the latest.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Show"), h("a", { href: "#/relations", class: "button-link" }, "Reset")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const data = new FormData(form);
    window.location.hash = routeOf({ target: String(data.get("target")), actor: String(data.get("actor") || ""), asOf: asOf.value });
  });
  return form;
}

export async function render(main, _args, params, signal) {
  const choice = choiceOf(params);
  document.title = `Relations towards ${choice.target} · overtures`;
  const heading = h("h1", { tabindex: "-1" }, `Relations towards ${choice.target}`);
  const ledger = h("section", { class: "ledger", id: "ledger", "aria-label": "States in force", "aria-live": "polite" }, loading("the relations ledger"));
  const timelines = h("section", { class: "timelines", id: "timelines", "aria-labelledby": "timelines-heading" }, loading("the timelines"));
  let current = null;
  let states = null; // every state towards the target, once loaded: the timelines mark the as-of day
  const reload = (day) => {
    if ((day && !ISO_DATE.test(day)) || day === ledger.dataset.asOf) return;
    if (current) current.abort();
    current = new AbortController();
    signal.addEventListener("abort", () => current.abort());
    choice.asOf = day;
    history.pushState(null, "", routeOf(choice));
    main.dataset.rendered = window.location.hash;
    loadLedger(ledger, choice, current.signal);
    if (states) showTimelines(timelines, states, choice);
  };
  const form = choiceForm(choice, reload);
  put(main, heading, h("p", { class: "muted" }, "Each state is read from coded events, with the sentences that support it."), form, ledger, timelines);
  const [countries, past] = await Promise.all([
    getJSON("/relations/countries", {}, signal).catch(() => ({ items: [] })),
    getJSON("/relations", { target: choice.target, history: true }, signal).catch((error) => error),
    loadLedger(ledger, choice, signal),
  ]);
  if (signal.aborted) return;
  if (past instanceof Error) {
    replace(timelines, errorMessage("the timelines", past));
    return;
  }
  const name = (countries.items.find((c) => c.code === choice.target) || {}).name;
  heading.textContent = `Relations towards ${countryLabel(choice.target, name)}`;
  document.title = `${heading.textContent} · overtures`;
  states = past.items;
  fillChoices(form, countries.items, states, choice);
  showTimelines(timelines, states, choice);
}
