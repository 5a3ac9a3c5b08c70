// Evidence sentences as links to where they were read: each sentence once, the first few shown and the
// rest behind "Show all (n)", in a box that scrolls rather than grow past one screen.

import { h } from "./dom.js";
import { truncate } from "./format.js";
import { href } from "./route.js";

export const SHOWN = 3;

function sentenceKey(item) {
  return String(item.sentence || "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** The evidence with each sentence once: the same sentence from another article (a copy) is left out. */
export function distinctSentences(items) {
  const seen = new Set();
  return (items || []).filter((item) => {
    const key = sentenceKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A link to the sentence in its article, which the article page scrolls to and marks. */
export function evidenceLink(item, limit = 110) {
  return h("a", { href: href(["articles", item.article_id], { start: item.start, end: item.end }), title: item.sentence }, truncate(item.sentence, limit));
}

function toggle(button, list, count) {
  const open = button.getAttribute("aria-expanded") !== "true";
  for (const [i, li] of [...list.children].entries()) li.hidden = !open && i >= SHOWN;
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? "Show fewer" : `Show all (${count})`;
  list.classList.toggle("is-open", open);
  if (open) list.setAttribute("tabindex", "0");
  else list.removeAttribute("tabindex");
}

/** The evidence of one state or shift: at most SHOWN links, then a "Show all (n)" button. */
export function evidenceList(items, what = "evidence") {
  const distinct = distinctSentences(items);
  if (!distinct.length) return h("span", { class: "muted" }, "—");
  const list = h(
    "ul",
    { class: "evidence-links", "aria-label": what },
    distinct.map((item, i) => h("li", { hidden: i >= SHOWN }, evidenceLink(item))),
  );
  if (distinct.length <= SHOWN) return h("div", { class: "evidence-box" }, list);
  const button = h("button", { type: "button", class: "show-all", "aria-expanded": "false" }, `Show all (${distinct.length})`);
  button.addEventListener("click", () => toggle(button, list, distinct.length));
  return h("div", { class: "evidence-box" }, list, button);
}
