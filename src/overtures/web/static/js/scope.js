// The filter form of the network and map pages: which events to draw (actor, dates, CAMEO root, QuadClass,
// modality). The page's own settings (views, what to show) ride along in the route untouched.

import { MODALITIES, QUAD_CLASSES, ROOTS } from "./cameo.js";
import { field, h } from "./dom.js";
import { href } from "./route.js";

const KEYS = ["actor", "since", "until", "root", "quad_class", "modality"];

/** The scope filters in the route's params. */
export function scopeOf(params) {
  return Object.fromEntries(KEYS.filter((key) => params.get(key)).map((key) => [key, params.get(key)]));
}

function choice(prefix, name, value, options) {
  return h("select", { id: `${prefix}-${name}`, name }, options.map(([key, text]) => h("option", { value: key, selected: key === (value || "") }, text)));
}

/** A form whose submit goes to #/<route> with the chosen filters and `kept` (the page's settings). */
export function scopeForm(route, prefix, scope, kept = {}) {
  const input = (name, attrs) => h("input", { id: `${prefix}-${name}`, name, value: scope[name] || "", ...attrs });
  const roots = [["", "any root"], ...Object.entries(ROOTS).map(([code, name]) => [code, `${code} ${name}`])];
  const quads = [["", "any QuadClass"], ...QUAD_CLASSES.map((q) => [String(q.value), `${q.value} ${q.name}`])];
  const modalities = [["", "asserted"], ["all", "all modalities"], ...MODALITIES.slice(1).map((m) => [m, m])];
  const form = h(
    "form",
    { class: "filters", "aria-label": "Which events to draw" },
    field("Actor", input("actor", { placeholder: "AFG", autocomplete: "off" })),
    field("Since", input("since", { type: "date" })),
    field("Until", input("until", { type: "date" })),
    field("CAMEO root", choice(prefix, "root", scope.root, roots)),
    field("QuadClass", choice(prefix, "quad_class", scope.quad_class, quads)),
    field("Modality", choice(prefix, "modality", scope.modality, modalities)),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Draw"), h("a", { href: `#/${route}`, class: "button-link" }, "Reset")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
    window.location.hash = href([route], { ...kept, ...data });
  });
  return form;
}

/** A row of links that each set one route setting: "Nodes: countries · actor codes". */
export function switchLinks(title, route, params, name, choices) {
  const current = params[name] || "";
  return h(
    "p",
    { class: "view-switch" },
    `${title}: `,
    choices.map(([value, text], i) => [i ? " · " : "", h("a", { href: href([route], { ...params, [name]: value }), "aria-current": value === current ? "true" : null }, text)]),
  );
}
