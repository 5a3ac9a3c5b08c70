// Result pages that follow the API's keyset cursors. The URL holds the page's cursor and the cursors of
// the pages before it ("trail"), so "Previous page" steps back one page at a time, from any link.

import { h } from "./dom.js";

const SEPARATOR = "."; // cursors are URL-safe base64 (A-Z, a-z, 0-9, - and _), so they never hold a dot

/** Where a page is: its cursor, the cursors of the pages before it, and its number (1 for the first). */
export function pageOf(params) {
  const cursor = params.get("cursor") || "";
  const trail = cursor ? (params.get("trail") || "").split(SEPARATOR).filter(Boolean) : [];
  return { cursor, trail, number: cursor ? trail.length + 2 : 1 };
}

/** First, Previous and Next links; `linkTo({cursor, trail})` makes the route of a page with those params. */
export function pager(page, next, linkTo) {
  const links = [];
  if (page.number > 2) links.push(h("a", { href: linkTo({ cursor: "", trail: "" }), class: "button-link" }, "First page"));
  if (page.cursor) {
    const before = page.trail.slice(0, -1).join(SEPARATOR);
    links.push(h("a", { href: linkTo({ cursor: page.trail[page.trail.length - 1] || "", trail: before }), class: "button-link", rel: "prev" }, "Previous page"));
  }
  if (next) {
    const trail = page.cursor ? [...page.trail, page.cursor].join(SEPARATOR) : "";
    links.push(h("a", { href: linkTo({ cursor: next, trail }), class: "button-link", rel: "next" }, "Next page"));
  }
  return links.length ? h("nav", { class: "pager", "aria-label": "Result pages" }, links) : null;
}
