// #/articles?q=talks: article search over titles and texts, newest first, a page at a time; each result
// opens the article with its evidence marked.

import { getJSON } from "../api.js";
import { errorMessage, field, h, loading, message, put, replace, table } from "../dom.js";
import { count } from "../format.js";
import { pageOf, pager } from "../pager.js";
import { href } from "../route.js";

const PAGE_SIZE = 25;

function link(q, changes) {
  return href(["articles"], { q, ...changes });
}

function searchForm(q) {
  const input = h("input", { id: "articles-q", name: "q", type: "search", value: q, placeholder: "Torkham, recognition, Kazan", autocomplete: "off" });
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Search articles" },
    field("Words in the title or text", input),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Search"), h("a", { href: "#/articles", class: "button-link" }, "Clear")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = link(input.value.trim(), {});
  });
  return form;
}

function articleRow(article) {
  return [
    article.published ? `${article.published} (published)` : "undated",
    h("a", { href: href(["articles", article.id]), class: "article-link", "data-article-id": article.id }, article.title || article.id),
    article.source || "—",
    count(article.events),
  ];
}

async function showResults(box, q, params, signal) {
  const page = pageOf(params);
  const found = await getJSON("/articles", { q, limit: PAGE_SIZE, cursor: page.cursor }, signal);
  if (!found.items.length) {
    replace(box, message("empty", q ? `No article holds “${q}”.` : "No articles are stored.", q ? "Try fewer or other words." : "Ingest some with 'overtures ingest'."));
    return;
  }
  const first = (page.number - 1) * PAGE_SIZE + 1;
  const what = q ? ` holding “${q}”` : "";
  replace(
    box,
    h("p", { class: "summary", id: "articles-summary", "data-shown": found.items.length }, `Articles ${count(first)}–${count(first + found.items.length - 1)}${what}, newest first`),
    table(`Articles${what}`, ["Published", "Title", "Source", "Events"], found.items.map(articleRow), "articles-table cards"),
    pager(page, found.next, (changes) => link(q, changes)),
  );
}

export async function render(main, _args, params, signal) {
  const q = (params.get("q") || "").trim();
  document.title = q ? `Articles holding “${q}” · overtures` : "Articles · overtures";
  const box = h("section", { id: "article-results", class: "results", "aria-label": "Articles found" }, loading("articles"));
  put(main, h("h1", { tabindex: "-1" }, "Articles"), searchForm(q), box);
  try {
    await showResults(box, q, params, signal);
  } catch (error) {
    if (signal.aborted) return;
    replace(box, errorMessage("articles", error));
  }
}
