// The download form: the events under the page's filters as a file from the API's /export, in any format
// its registry lists (/export/formats).

import { getJSON } from "./api.js";
import { field, h, replace } from "./dom.js";

const FILTERS = ["actor", "country", "dyad", "cameo", "root", "quad_class", "modality", "precision", "since", "until", "location", "q"];

function formatOptions(select, preferred) {
  getJSON("/export/formats")
    .then((formats) => replace(select, formats.map((f) => h("option", { value: f.name, selected: f.name === preferred, title: f.about }, `${f.name} (.${f.suffix})`))))
    .catch(() => select.setAttribute("title", "Only this format: the list of formats could not be loaded"));
}

/** A form that downloads the events matching `filters` (the page's own) from /export, `preferred` format first. */
export function exportForm(filters, preferred = "csv") {
  const select = h("select", { id: "export-format", name: "format" }, h("option", { value: preferred }, preferred));
  formatOptions(select, preferred);
  const hidden = FILTERS.filter((key) => filters[key]).map((key) => h("input", { type: "hidden", name: key, value: filters[key] }));
  return h(
    "form",
    { class: "export-form", method: "get", action: "/export", "aria-label": "Download these events" },
    hidden,
    field("Download these events as", select),
    h("button", { type: "submit", id: "export-button" }, "Download"),
  );
}
