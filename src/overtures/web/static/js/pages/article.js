// #/articles/<id>: the article text with every evidence sentence in a <mark>, and its coded events beside it.

import { getJSON, segment } from "../api.js";
import { errorMessage, h, loading, message, put, replace } from "../dom.js";
import { actorLabel, eventDate, isWebUrl, signed } from "../format.js";
import { href } from "../route.js";

/** The evidence spans of the events (plus an extra cited span), each with the ids of the events it proves. */
export function spansOf(events, cited) {
  const spans = new Map();
  const add = (start, end, eventId) => {
    const key = `${start}-${end}`;
    if (!spans.has(key)) spans.set(key, { start, end, events: [] });
    if (eventId && !spans.get(key).events.includes(eventId)) spans.get(key).events.push(eventId);
  };
  for (const event of events) for (const e of event.evidence || []) add(e.start, e.end, event.event_id);
  if (cited) add(cited.start, cited.end, null);
  return [...spans.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Cut the text at every span edge: pieces with the spans that cover them (overlaps stay correct). */
export function pieces(text, spans) {
  const edges = new Set([0, text.length]);
  for (const span of spans) {
    edges.add(Math.max(0, Math.min(text.length, span.start)));
    edges.add(Math.max(0, Math.min(text.length, span.end)));
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    out.push({ start, end, covering: spans.filter((span) => span.start <= start && span.end >= end) });
  }
  return out;
}

function markFor(piece, first) {
  const ids = [...new Set(piece.covering.flatMap((span) => span.events))];
  const attrs = { class: ids.length ? "evidence" : "evidence cited", "data-events": ids.join(" "), "data-start": piece.start, "data-end": piece.end, tabindex: "-1" };
  const opening = piece.covering.find((span) => span.start === piece.start && !first.has(span));
  if (opening) {
    first.add(opening);
    attrs.id = `span-${opening.start}-${opening.end}`;
  }
  attrs.title = ids.length ? `Evidence for ${ids.length} event${ids.length > 1 ? "s" : ""}: ${ids.join(", ")}` : "Cited evidence";
  return h("mark", attrs);
}

function articleText(text, spans) {
  const body = h("div", { class: "article-text", id: "article-text" });
  const opened = new Set();
  for (const piece of pieces(text, spans)) {
    const chunk = text.slice(piece.start, piece.end);
    if (!piece.covering.length) body.append(chunk);
    else body.append(Object.assign(markFor(piece, opened), { textContent: chunk }));
  }
  return body;
}

/** Scroll to the sentence with these offsets, focus it, and mark it (and its event's other sentences) as current. */
function focusSpan(start, end, eventId) {
  const mark = document.getElementById(`span-${start}-${end}`);
  if (!mark) return false;
  for (const old of document.querySelectorAll(".is-current")) old.classList.remove("is-current");
  for (const part of document.querySelectorAll("mark.evidence")) {
    const inside = Number(part.dataset.start) >= start && Number(part.dataset.end) <= end;
    if (inside || (eventId && part.dataset.events.split(" ").includes(eventId))) part.classList.add("is-current");
  }
  if (eventId) document.getElementById(`event-${eventId}`)?.classList.add("is-current");
  mark.scrollIntoView({ block: "center", behavior: "instant" });
  mark.focus({ preventScroll: true });
  return true;
}

function focusEvent(event, articleId) {
  const first = (event.evidence || [])[0] || { start: event.start, end: event.end };
  focusSpan(first.start, first.end, event.event_id);
  history.replaceState(null, "", href(["articles", articleId], { event: event.event_id }));
  document.getElementById("main").dataset.rendered = window.location.hash;
}

function eventItem(event, articleId) {
  const src = event.source || {};
  const tgt = event.target || {};
  const dyad = src.country && tgt.country && src.country !== tgt.country ? h("a", { href: href(["dyad", src.country, tgt.country]) }, `${src.country}–${tgt.country} over time`) : null;
  return h(
    "li",
    { id: `event-${event.event_id}`, class: "event-item" },
    h(
      "button",
      { type: "button", class: "event-button", "data-event-id": event.event_id, onclick: () => focusEvent(event, articleId) },
      h("span", { class: "event-code" }, `${event.cameo} ${event.cameo_name || ""}`),
      h("span", { class: "event-actors" }, `${actorLabel(event.source)} → ${actorLabel(event.target)}`),
    ),
    h(
      "p",
      { class: "event-meta" },
      h("span", { class: `badge modality-${event.modality}` }, event.modality),
      ` ${eventDate(event)} · Goldstein ${signed(event.goldstein)}${event.location ? ` · ${event.location.name}` : ""}`,
    ),
    dyad ? h("p", { class: "event-meta" }, dyad) : null,
  );
}

function quoteList(quotes) {
  if (!quotes || !quotes.length) return null;
  return h(
    "section",
    { class: "quotes", "aria-labelledby": "quotes-heading" },
    h("h2", { id: "quotes-heading" }, `Quotes (${quotes.length})`),
    h("ul", {}, quotes.map((q) => h("li", {}, h("blockquote", {}, q.text), h("p", { class: "muted" }, q.speaker ? [q.speaker.name || "unnamed", q.speaker.role ? `, ${q.speaker.role}` : ""].join("") : "speaker not found")))),
  );
}

function header(article) {
  const meta = [article.source, article.published].filter(Boolean).join(" · ");
  return [
    h("p", { class: "breadcrumb" }, h("a", { href: "#/events" }, "← Events")),
    h("h1", { tabindex: "-1" }, article.title || article.id),
    h("p", { class: "muted" }, meta, isWebUrl(article.url) ? [" · ", h("a", { href: article.url, rel: "noopener noreferrer" }, "original")] : null, ` · id ${article.id} · `, h("a", { href: "#events-heading" }, "coded events")),
  ];
}

function citedSpan(params) {
  const start = Number(params.get("start"));
  const end = Number(params.get("end"));
  return params.has("start") && params.has("end") && Number.isInteger(start) && end > start ? { start, end } : null;
}

function layout(article, cited) {
  const events = article.events || [];
  const list = events.length ? h("ol", { class: "event-list" }, events.map((e) => eventItem(e, article.id))) : message("empty", "No events were coded in this article.");
  return h(
    "div",
    { class: "article-layout" },
    h("article", { class: "article-body", "aria-label": "Article text" }, articleText(article.text, spansOf(events, cited)), quoteList(article.quotes)),
    h("aside", { class: "article-events", "aria-labelledby": "events-heading" }, h("h2", { id: "events-heading" }, `Coded events (${events.length})`), h("p", { class: "muted" }, "Choose an event to jump to its sentence."), list),
  );
}

export async function render(main, args, params, signal) {
  const id = args[0] || "";
  document.title = "Article · overtures";
  const box = h("div", {}, loading("the article"));
  put(main, box);
  let article;
  try {
    article = await getJSON(`/articles/${segment(id)}`, {}, signal);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, h("h1", { tabindex: "-1" }, "Article"), errorMessage(`article “${id}”`, error));
    return;
  }
  document.title = `${article.title || article.id} · overtures`;
  const cited = citedSpan(params);
  replace(box, ...header(article), layout(article, cited));
  const wanted = (article.events || []).find((e) => e.event_id === params.get("event"));
  if (wanted) focusEvent(wanted, article.id);
  else if (cited) focusSpan(cited.start, cited.end, null);
}
