// The dashboard's router: renders the page named by the location hash into <main>.

import { getJSON } from "./api.js";
import { errorMessage, h, message, put, replace } from "./dom.js";
import { count } from "./format.js";
import { currentRoute } from "./route.js";
import * as article from "./pages/article.js";
import * as articleSearch from "./pages/articles.js";
import * as dyad from "./pages/dyad.js";
import * as events from "./pages/events.js";
import * as map from "./pages/map.js";
import * as network from "./pages/network.js";
import * as quotes from "./pages/quotes.js";
import * as relations from "./pages/relations.js";
import * as shifts from "./pages/shifts.js";

// "#/articles" searches the articles, "#/articles/<id>" shows one
const articles = { render: (main, args, ...rest) => (args.length ? article : articleSearch).render(main, args, ...rest) };
const PAGES = { events, articles, quotes, relations, shifts, dyad, network, map };

let controller = null;
let firstRender = true;

function markNav(name) {
  for (const link of document.querySelectorAll("[data-route]")) {
    if (link.dataset.route === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function notFound(main, name) {
  document.title = "Page not found · overtures";
  put(main,
    h("h1", { tabindex: "-1" }, "Page not found"),
    message("empty", `There is no dashboard page called “${name}”.`, "Use the links above: Events, Articles, Quotes, Relations, Shifts, Dyads, Network or Map."),
  );
}

/** Put focus back on the control that had it (by id), else on the page heading, so keyboard users keep their place. */
function restoreFocus(main, focusedId) {
  if (main.contains(document.activeElement) && document.activeElement !== main) return;
  const again = focusedId ? document.getElementById(focusedId) : null;
  const target = again || main.querySelector("h1");
  if (target) target.focus({ preventScroll: Boolean(again) });
}

async function render() {
  const { parts, params } = currentRoute();
  if (parts.length === 0) {
    window.location.replace("#/events");
    return;
  }
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const main = document.getElementById("main");
  const focusedId = main.contains(document.activeElement) ? document.activeElement.id : "";
  markNav(parts[0]);
  main.setAttribute("aria-busy", "true");
  replace(main);
  const page = PAGES[parts[0]];
  if (!page) notFound(main, parts[0]);
  else {
    try {
      await page.render(main, parts.slice(1), params, signal);
    } catch (error) {
      if (signal.aborted) return;
      put(main, errorMessage("this page", error));
    }
  }
  if (signal.aborted) return;
  if (!firstRender) restoreFocus(main, focusedId);
  firstRender = false;
  main.setAttribute("aria-busy", "false");
  main.dataset.rendered = window.location.hash;
}

async function showStats() {
  const line = document.getElementById("stats");
  try {
    const stats = await getJSON("/stats");
    line.textContent = `${count(stats.articles)} articles · ${count(stats.events)} events · ${count(stats.quotes)} quotes`;
  } catch (error) {
    line.textContent = `Statistics unavailable: ${error.message}`;
  }
}

/** In-page links ("#main", "#events-heading") move focus there instead of changing the route. */
function jumpWithinPage(event) {
  const link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
  const id = link ? link.getAttribute("href").slice(1) : "";
  if (!id || id.startsWith("/")) return;
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

document.addEventListener("click", jumpWithinPage);
window.addEventListener("hashchange", () => {
  if (window.location.hash === "" || window.location.hash.startsWith("#/")) render();
});
render();
showStats();
