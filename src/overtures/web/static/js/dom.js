// Small DOM builders: h() for HTML elements, s() for SVG elements, and the shared message boxes.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** An HTML element: h("a", {href: "#/map"}, "Map"). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element: s("rect", {x: 1, y: 2, width: 3, height: 4}). */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Append children to a parent, skipping null, undefined and false (Element.append would print "null"). */
export function put(parent, ...children) {
  return fill(parent, null, children);
}

/** Replace a parent's children, skipping null, undefined and false. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return fill(parent, null, children);
}

/** A message for an empty or failed page part; errors are alerts, the rest polite status. */
export function message(kind, text, hint) {
  return h(
    "div",
    { class: `message message-${kind}`, role: kind === "error" ? "alert" : "status" },
    h("p", { class: "message-text" }, text),
    hint ? h("p", { class: "message-hint" }, hint) : null,
  );
}

/** The message for an error thrown while loading: what the API said, and what to do. */
export function errorMessage(what, error) {
  if (error && error.status) {
    return message("error", `Could not load ${what}: ${error.message} (HTTP ${error.status}).`, error.hint);
  }
  const text = error && error.message ? error.message : String(error);
  return message("error", `Could not load ${what}: ${text}.`, "Check that the overtures server is running, then reload.");
}

/** A "loading" placeholder, replaced when the data arrives. */
export function loading(what) {
  return h("p", { class: "loading", role: "status" }, `Loading ${what}…`);
}

/** A labelled form field: the label wraps its text and the control, so clicking the text focuses it. */
export function field(text, control, extra) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, text), control, extra || null);
}

/** A table with a header row; on narrow screens each row becomes a card labelled by data-label. */
export function table(caption, headers, rows, extraClass) {
  const head = h("thead", {}, h("tr", {}, headers.map((name) => h("th", { scope: "col" }, name))));
  const body = h(
    "tbody",
    {},
    rows.map((cells) =>
      h("tr", {}, cells.map((cell, i) => h("td", { "data-label": headers[i] }, cell))),
    ),
  );
  const cls = ["data-table", extraClass].filter(Boolean).join(" ");
  return h("div", { class: "table-wrap" }, h("table", { class: cls }, h("caption", {}, caption), head, body));
}
