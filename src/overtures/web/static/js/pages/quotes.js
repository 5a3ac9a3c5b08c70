// #/quotes?speaker=Muttaqi&mentions=PAK: who said what, by speaker or by a country the quote mentions;
// each quote links to where it stands in its article.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace } from "../dom.js";
import { count, dayAt } from "../format.js";
import { pageOf, pager } from "../pager.js";
import { href } from "../route.js";

const PAGE_SIZE = 25;
const KEYS = ["speaker", "mentions"];

function filtersOf(params) {
  return Object.fromEntries(KEYS.filter((key) => (params.get(key) || "").trim()).map((key) => [key, params.get(key).trim()]));
}

function link(filters, changes) {
  return href(["quotes"], { ...filters, ...changes });
}

function quoteForm(filters) {
  const input = (name, attrs) => h("input", { id: `quotes-${name}`, name, value: filters[name] || "", autocomplete: "off", ...attrs });
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Find quotes" },
    field("Speaker", input("speaker", { type: "search", placeholder: "part of the name, e.g. Muttaqi" })),
    field("Mentions country", input("mentions", { placeholder: "AFG", maxlength: 3, "aria-describedby": "mentions-help" }), h("span", { class: "field-help", id: "mentions-help" }, "An ISO alpha-3 code.")),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Find"), h("a", { href: "#/quotes", class: "button-link" }, "Clear")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(form).entries()].map(([key, value]) => [key, String(value).trim()]));
    window.location.hash = link({}, { speaker: data.speaker, mentions: data.mentions.toUpperCase() });
  });
  return form;
}

function speakerLine(quote) {
  const speaker = quote.speaker;
  const who = speaker && speaker.name ? h("a", { href: link({}, { speaker: speaker.name }), class: "speaker-link" }, speaker.name) : h("span", { class: "muted" }, "speaker not found");
  const role = speaker && speaker.role ? `, ${speaker.role}` : "";
  const when = quote.date ? ` · ${dayAt(quote.date, quote.date_precision)}` : "";
  return h("p", { class: "quote-meta" }, "— ", who, role, quote.outlet ? ` (${quote.outlet})` : "", when);
}

function quoteItem(quote) {
  const evidence = href(["articles", quote.article_id], { start: quote.start, end: quote.end });
  const mentions = quote.mentions || [];
  return h(
    "li",
    { class: "quote" },
    h("blockquote", {}, quote.text),
    speakerLine(quote),
    h(
      "p",
      { class: "quote-meta" },
      h("a", { href: evidence, class: "quote-evidence", "data-article-id": quote.article_id }, "Read it in the article"),
      mentions.length ? [" · mentions ", mentions.map((code, i) => [i ? ", " : "", h("a", { href: link({}, { mentions: code }) }, code)])] : null,
    ),
  );
}

async function showQuotes(box, filters, params, signal) {
  const page = pageOf(params);
  const found = await getJSON("/quotes", { ...filters, limit: PAGE_SIZE, cursor: page.cursor }, signal);
  if (!found.items.length) {
    replace(box, message("empty", "No quotes match.", "Try part of the speaker's name, or another country."));
    return;
  }
  const first = (page.number - 1) * PAGE_SIZE + 1;
  replace(
    box,
    h("p", { class: "summary", id: "quotes-summary", "data-shown": found.items.length }, `Quotes ${count(first)}–${count(first + found.items.length - 1)}`),
    h("ul", { class: "quote-list" }, found.items.map(quoteItem)),
    pager(page, found.next, (changes) => link(filters, changes)),
  );
}

export async function render(main, _args, params, signal) {
  const filters = filtersOf(params);
  document.title = "Quotes · overtures";
  const box = h("section", { id: "quote-results", class: "results", "aria-label": "Quotes found" }, loading("quotes"));
  put(main, h("h1", { tabindex: "-1" }, "Quotes"), h("p", { class: "muted" }, "Direct quotes, by speaker or by a country they mention."), quoteForm(filters), box);
  try {
    await showQuotes(box, filters, params, signal);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, errorMessage("quotes", error));
  }
}
