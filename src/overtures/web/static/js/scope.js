// The small filter form of the network and map pages: which events to draw (actor, dates, modality).

import { field, h } from "./dom.js";
import { href } from "./route.js";

const KEYS = ["actor", "since", "until", "modality", "root"];

/** The scope filters in the route's params. */
export function scopeOf(params) {
  return Object.fromEntries(KEYS.filter((key) => params.get(key)).map((key) => [key, params.get(key)]));
}

/** A form whose submit goes to #/<route> with the chosen filters; ids start with `prefix`. */
export function scopeForm(route, prefix, scope) {
  const input = (name, attrs) => h("input", { id: `${prefix}-${name}`, name, value: scope[name] || "", ...attrs });
  const form = h(
    "form",
    { class: "filters", "aria-label": "Which events to draw" },
    field("Actor", input("actor", { placeholder: "AFG", autocomplete: "off" })),
    field("Since", input("since", { type: "date" })),
    field("Until", input("until", { type: "date" })),
    field(
      "Modality",
      h("select", { id: `${prefix}-modality`, name: "modality" }, [["", "asserted"], ["all", "all modalities"]].map(([value, text]) => h("option", { value, selected: value === (scope.modality || "") }, text))),
    ),
    h("div", { class: "form-actions" }, h("button", { type: "submit" }, "Draw"), h("a", { href: `#/${route}`, class: "button-link" }, "Reset")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
    window.location.hash = href([route], { ...scope, ...data });
  });
  return form;
}
