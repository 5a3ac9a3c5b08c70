// #/network: the actor network from /network as SVG; edge width by event count, colour by cooperation or conflict.

import { getJSON } from "../api.js";
import { errorMessage, h, loading, message, put, replace, s, table } from "../dom.js";
import { forceLayout } from "../force.js";
import { count, signed } from "../format.js";
import { href } from "../route.js";
import { scopeForm, scopeOf } from "../scope.js";

const FRAME = { width: 900, height: 620, margin: 48 };
const MOST_NODES = 50;
const VIEWS = { country: "countries", actor: "actor codes" };

/** Merge actor codes into their countries: weights and QuadClass counts add up, Goldstein means are
 * weighted by events, links inside one country are left out. Codes without a country stay as they are. */
function byCountry(network) {
  const group = new Map((network.nodes || []).map((n) => [n.id, n.country || n.id]));
  const links = new Map();
  for (const e of network.edges || []) {
    const [a, b] = [group.get(e.source) || e.source, group.get(e.target) || e.target];
    if (a === b) continue;
    const key = `${a}\u0000${b}`;
    const link = links.get(key) || { source: a, target: b, weight: 0, goldstein_sum: 0, q1: 0, q2: 0, q3: 0, q4: 0 };
    const w = Number(e.weight) || 0;
    link.weight += w;
    link.goldstein_sum += Number(e.goldstein_mean || 0) * w;
    for (const q of ["q1", "q2", "q3", "q4"]) link[q] += Number(e[q]) || 0;
    links.set(key, link);
  }
  const edges = [...links.values()].map(({ goldstein_sum, ...link }) => ({ ...link, goldstein_mean: link.weight ? goldstein_sum / link.weight : 0 }));
  const joined = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = new Map();
  for (const n of network.nodes || []) {
    const id = group.get(n.id);
    if (!joined.has(id)) continue;
    const node = nodes.get(id) || { id, label: id, country: n.country, events: 0, members: [] };
    node.events += Number(n.events) || 0;
    node.members.push(n.label || n.id);
    nodes.set(id, node);
  }
  return { nodes: [...nodes.values()], edges };
}

/** Node labels: the actor's name, with its code where two actors share a name. */
function labelled(nodes) {
  const seen = new Map();
  for (const n of nodes) seen.set(n.label || n.id, (seen.get(n.label || n.id) || 0) + 1);
  return nodes.map((n) => ({ ...n, label: seen.get(n.label || n.id) > 1 ? `${n.label} (${n.id})` : n.label || n.id }));
}

/** The busiest nodes and the edges between them. */
function busiest(network, most = MOST_NODES) {
  const nodes = [...(network.nodes || [])].sort((a, b) => b.events - a.events || String(a.id).localeCompare(String(b.id))).slice(0, most);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = (network.edges || []).filter((e) => kept.has(e.source) && kept.has(e.target) && e.source !== e.target);
  return { nodes, edges };
}

function tone(edge) {
  return Number(edge.goldstein_mean) < 0 ? "conflict" : "cooperation";
}

function radius(node, most) {
  return 6 + 16 * Math.sqrt(Number(node.events || 0) / Math.max(most, 1));
}

function markers() {
  const arrow = (name) =>
    s("marker", { id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: `arrow-${name}` }));
  return s("defs", {}, arrow("cooperation"), arrow("conflict"));
}

/** A curved path from a to b that stops at b's circle, so A->B and B->A do not overlap. */
function curve(a, b, stopAt) {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const length = Math.max(1, Math.hypot(dx, dy));
  const control = { x: (a.x + b.x) / 2 - dy * 0.15, y: (a.y + b.y) / 2 + dx * 0.15 };
  const [cx, cy] = [b.x - control.x, b.y - control.y];
  const cl = Math.max(1, Math.hypot(cx, cy));
  const end = { x: b.x - (cx / cl) * Math.min(stopAt, length / 2), y: b.y - (cy / cl) * Math.min(stopAt, length / 2) };
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${control.x.toFixed(1)},${control.y.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;
}

function edgePaths(edges, nodes, positions) {
  const heaviest = Math.max(1, ...edges.map((e) => Number(e.weight) || 0));
  const most = Math.max(1, ...nodes.map((n) => n.events));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return s(
    "g",
    { class: "edges" },
    edges.map((e) => {
      const width = 1 + 7 * Math.sqrt((Number(e.weight) || 0) / heaviest);
      const stop = radius(byId.get(e.target), most) + 3;
      return s(
        "path",
        { d: curve(positions[e.source], positions[e.target], stop), class: `edge edge-${tone(e)}`, "stroke-width": width.toFixed(2), "marker-end": `url(#arrow-${tone(e)})` },
        s("title", {}, `${e.source} → ${e.target}: ${e.weight} events, mean Goldstein ${signed(e.goldstein_mean)}`),
      );
    }),
  );
}

function nodeMarks(nodes, positions) {
  const most = Math.max(1, ...nodes.map((n) => n.events));
  return s(
    "g",
    { class: "nodes" },
    nodes.map((node) => {
      const { x, y } = positions[node.id];
      const r = radius(node, most);
      const label = node.label || node.id;
      return s(
        "a",
        { href: href(["events"], { actor: node.id }), class: "node", "aria-label": `${label}: ${node.events} events; show them` },
        s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) }),
        s("text", { x: x.toFixed(1), y: (y + r + 13).toFixed(1), "text-anchor": "middle", class: "node-label" }, label),
        s("title", {}, `${label}: ${node.events} events${node.members ? ` (${node.members.join(", ")})` : ""}`),
      );
    }),
  );
}

function graph(shown) {
  const positions = forceLayout(shown.nodes, shown.edges, FRAME);
  return s(
    "svg",
    { viewBox: `0 0 ${FRAME.width} ${FRAME.height}`, class: "network", role: "group", "aria-labelledby": "network-title" },
    s("title", { id: "network-title" }, `Actor network: ${shown.nodes.length} actors, ${shown.edges.length} directed links`),
    markers(),
    edgePaths(shown.edges, shown.nodes, positions),
    nodeMarks(shown.nodes, positions),
  );
}

function edgeTable(edges) {
  const top = [...edges].sort((a, b) => b.weight - a.weight || String(a.source).localeCompare(String(b.source))).slice(0, 25);
  const country = /^[A-Z]{3}$/;
  const rows = top.map((e) => [
    country.test(e.source) && country.test(e.target) ? h("a", { href: href(["dyad", e.source, e.target]) }, `${e.source} → ${e.target}`) : `${e.source} → ${e.target}`,
    count(e.weight),
    h("span", { class: `tone-${tone(e)}` }, `${signed(e.goldstein_mean)} ${tone(e)}`),
    [e.q1, e.q2, e.q3, e.q4].map((q) => count(q)).join(" / "),
  ]);
  return table("The busiest links (source → target)", ["Link", "Events", "Mean Goldstein", "QuadClass 1 / 2 / 3 / 4"], rows, "edges-table");
}

function keyList() {
  return h(
    "ul",
    { class: "legend" },
    h("li", {}, h("span", { class: "swatch swatch-cooperation" }), "Cooperation (mean Goldstein ≥ 0)"),
    h("li", {}, h("span", { class: "swatch swatch-conflict" }), "Conflict (mean Goldstein < 0)"),
    h("li", {}, "Line width: number of events; circle size: the actor's events"),
  );
}

function showNetwork(box, network, view) {
  const shown = busiest(view === "actor" ? { ...network, nodes: labelled(network.nodes || []) } : byCountry(network));
  if (!shown.nodes.length) {
    replace(box, message("empty", "No actors to draw for these filters.", "Reset the filters, or widen the dates."));
    return;
  }
  const total = view === "actor" ? (network.nodes || []).length : byCountry(network).nodes.length;
  const note = total > shown.nodes.length ? ` (the ${shown.nodes.length} most active of ${total})` : "";
  replace(box,
    h("p", { class: "summary", id: "network-summary" }, `${shown.nodes.length} ${VIEWS[view]} and ${shown.edges.length} links${note}. Select one to list its events.`),
    h("figure", { class: "chart-figure" }, graph(shown), h("figcaption", {}, keyList())),
    edgeTable(shown.edges),
  );
}

function viewLinks(scope, view) {
  return h(
    "p",
    { class: "view-switch" },
    "Nodes: ",
    Object.entries(VIEWS).map(([key, name], i) => [i ? " · " : "", h("a", { href: href(["network"], { ...scope, by: key === "country" ? "" : key }), "aria-current": key === view ? "true" : null }, name)]),
  );
}

export async function render(main, _args, params, signal) {
  const scope = scopeOf(params);
  const view = params.get("by") === "actor" ? "actor" : "country";
  document.title = "Network · overtures";
  const box = h("section", { class: "network-box", "aria-label": "Network" }, loading("the network"));
  put(main, h("h1", { tabindex: "-1" }, "Actor network"), scopeForm("network", "network", { ...scope, by: params.get("by") || "" }), viewLinks(scope, view), box);
  try {
    showNetwork(box, await getJSON("/network", scope, signal), view);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage("the network", error));
  }
}
