// #/network: the actor network from /network, laid out by force.js and drawn by plotly (zoom, pan, hover);
// edge width by event count, colour by cooperation or conflict, an arrow halfway along each link.

import { getJSON } from "../api.js";
import { isStateless, statelessName } from "../cameo.js";
import { exportForm } from "../download.js";
import { errorMessage, h, loading, message, put, replace, table } from "../dom.js";
import { forceLayout } from "../force.js";
import { count, signed } from "../format.js";
import { VIEWS as PLACES } from "../geo.js";
import { keepLabelsPlaced } from "../labels.js";
import { draw, plain, plotly } from "../plot.js";
import { href } from "../route.js";
import { scopeForm, scopeOf, switchLinks } from "../scope.js";

const FRAME = { width: 900, height: 620, margin: 48 };
const MOST_NODES = 50;
const VIEWS = { country: "countries", actor: "actor codes" };
const SETTINGS = ["by", "region", "stateless"];
const TONE_COLOURS = { cooperation: "#2a6bb5", conflict: "#c0392b" };

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
    const node = nodes.get(id) || { id, label: n.country ? id : n.label || id, country: n.country, events: 0, members: [] };
    node.events += Number(n.events) || 0;
    node.members.push(n.label || n.id);
    nodes.set(id, node);
  }
  return { nodes: [...nodes.values()], edges };
}

/** The network without the actors that have no country ("---GOV") unless `shown`; shown, they are named
 * in words ("government (country unknown)"). */
function withStateless(network, shown) {
  const nodes = (network.nodes || [])
    .filter((n) => shown || !isStateless(n.id))
    .map((n) => (isStateless(n.id) ? { ...n, label: statelessName(n.id) } : n));
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: (network.edges || []).filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

/** Only the actors of the preset region's countries, and the links among them. */
function inRegion(network) {
  const countries = new Set(PLACES.region.countries);
  const nodes = network.nodes.filter((n) => countries.has(n.country));
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: network.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
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

function diameter(node, most) {
  return 2 * (6 + 16 * Math.sqrt(Number(node.events || 0) / Math.max(most, 1)));
}

/** Points along the curve from a to b (bent to one side, so A->B and B->A do not overlap). */
function curve(a, b, steps = 8) {
  const control = { x: (a.x + b.x) / 2 - (b.y - a.y) * 0.15, y: (a.y + b.y) / 2 + (b.x - a.x) * 0.15 };
  return Array.from({ length: steps + 1 }, (_, k) => {
    const t = k / steps;
    const [u, v, w] = [(1 - t) ** 2, 2 * t * (1 - t), t ** 2];
    return { x: u * a.x + v * control.x + w * b.x, y: u * a.y + v * control.y + w * b.y };
  });
}

function edgeTrace(edge, positions, heaviest) {
  const points = curve(positions[edge.source], positions[edge.target]);
  const middle = Math.floor(points.length / 2);
  const width = 1 + 7 * Math.sqrt((Number(edge.weight) || 0) / heaviest);
  const colour = TONE_COLOURS[tone(edge)];
  return {
    type: "scatter",
    mode: "lines+markers",
    name: plain(`${edge.sourceLabel} → ${edge.targetLabel}`),
    legendgroup: tone(edge),
    x: points.map((p) => p.x),
    y: points.map((p) => -p.y),
    line: { color: colour, width },
    opacity: 0.75,
    marker: { symbol: "arrow", angleref: "previous", color: colour, size: points.map((_, k) => (k === middle ? 8 + width * 1.5 : 0)) },
    hovertext: points.map(() => plain(`${edge.sourceLabel} → ${edge.targetLabel}: ${edge.weight} events, mean Goldstein ${signed(edge.goldstein_mean)}`)),
    hoverinfo: "text",
  };
}

function nodeTrace(nodes, positions) {
  const most = Math.max(1, ...nodes.map((n) => n.events));
  return {
    type: "scatter",
    mode: "markers+text",
    name: "actors",
    x: nodes.map((n) => positions[n.id].x),
    y: nodes.map((n) => -positions[n.id].y),
    customdata: nodes.map((n) => n.id),
    text: nodes.map((n) => plain(n.label)),
    textposition: "bottom center",
    textfont: { size: 11, color: "#1b1f24" },
    marker: { size: nodes.map((n) => diameter(n, most)), color: "#f4f6f8", line: { color: "#14243a", width: 2 } },
    hovertext: nodes.map((n) => plain(`${n.label}: ${n.events} events${n.members ? ` (${n.members.join(", ")})` : ""}`)),
    hoverinfo: "text",
  };
}

function figure(shown, positions) {
  const heaviest = Math.max(1, ...shown.edges.map((e) => Number(e.weight) || 0));
  const hidden = { visible: false, fixedrange: false };
  return {
    data: [...shown.edges.map((e) => edgeTrace(e, positions, heaviest)), nodeTrace(shown.nodes, positions)],
    layout: {
      height: 620,
      margin: { l: 8, r: 8, t: 8, b: 8 },
      showlegend: false,
      dragmode: "pan",
      hovermode: "closest",
      xaxis: { ...hidden, range: [0, FRAME.width] },
      yaxis: { ...hidden, range: [-FRAME.height, 0], scaleanchor: "x" },
    },
  };
}

/** Draw the network; a node's click lists its events, its label shows where it overlaps no other. */
async function graph(plot, shown, scope) {
  const positions = forceLayout(shown.nodes, shown.edges, FRAME);
  const drawn = await draw(plot, figure(shown, positions));
  const index = shown.edges.length;
  const most = Math.max(1, ...shown.nodes.map((n) => n.events));
  drawn.on("plotly_click", (event) => {
    const point = event.points.find((p) => p.curveNumber === index);
    if (point) window.location.hash = href(["events"], { ...scope, actor: point.customdata });
  });
  const items = (area) =>
    shown.nodes.map((n) => ({ at: area.toScreen([positions[n.id].x, -positions[n.id].y]), marker: diameter(n, most), text: n.label, weight: n.events }));
  await keepLabelsPlaced(await plotly(), drawn, index, "bottom", items);
}

function edgeTable(edges) {
  const top = [...edges].sort((a, b) => b.weight - a.weight || String(a.source).localeCompare(String(b.source))).slice(0, 25);
  const country = /^[A-Z]{3}$/;
  const rows = top.map((e) => [
    country.test(e.source) && country.test(e.target) ? h("a", { href: href(["dyad", e.source, e.target]) }, `${e.source} → ${e.target}`) : `${e.sourceLabel} → ${e.targetLabel}`,
    count(e.weight),
    h("span", { class: `tone-${tone(e)}` }, `${signed(e.goldstein_mean)} ${tone(e)}`),
    [e.q1, e.q2, e.q3, e.q4].map((q) => count(q)).join(" / "),
  ]);
  return table("The busiest links (source → target)", ["Link", "Events", "Mean Goldstein", "QuadClass 1 / 2 / 3 / 4"], rows, "edges-table");
}

function nodeTable(nodes, scope) {
  const rows = nodes.map((n) => [h("a", { href: href(["events"], { ...scope, actor: n.id }) }, n.label), n.id, count(n.events)]);
  return table("The actors drawn", ["Actor", "Code", "Events"], rows, "nodes-table");
}

function keyList() {
  return h(
    "ul",
    { class: "legend" },
    h("li", {}, h("span", { class: "swatch swatch-cooperation" }), "Cooperation (mean Goldstein ≥ 0)"),
    h("li", {}, h("span", { class: "swatch swatch-conflict" }), "Conflict (mean Goldstein < 0)"),
    h("li", {}, "Line width: number of events; circle size: the actor's events; the arrow points from source to target"),
    h("li", {}, "Scroll to zoom, drag to pan, double-click to see everything; select an actor to list its events"),
  );
}

/** The network as the settings ask: actors without a country hidden or named, the region only or all,
 * merged into countries or by actor code; the busiest nodes, their links labelled by node. */
function shownNetwork(network, settings) {
  const placed = withStateless(network, settings.stateless === "shown");
  const chosen = settings.region === "central-asia" ? inRegion(placed) : placed;
  const grouped = settings.by === "actor" ? { ...chosen, nodes: labelled(chosen.nodes) } : byCountry(chosen);
  const shown = busiest(grouped);
  const labels = new Map(shown.nodes.map((n) => [n.id, n.label || n.id]));
  const edges = shown.edges.map((e) => ({ ...e, sourceLabel: labels.get(e.source), targetLabel: labels.get(e.target) }));
  return { nodes: shown.nodes, edges, total: grouped.nodes.length };
}

async function showNetwork(box, network, scope, settings) {
  const shown = shownNetwork(network, settings);
  if (!shown.nodes.length) {
    replace(box, message("empty", "No actors to draw for these filters.", "Reset the filters, widen the dates, or show every region."));
    return;
  }
  const view = settings.by === "actor" ? "actor" : "country";
  const note = shown.total > shown.nodes.length ? ` (the ${shown.nodes.length} most active of ${shown.total})` : "";
  const plot = h("div", { class: "plot plot-network" });
  replace(box,
    h("p", { class: "summary", id: "network-summary" }, `${shown.nodes.length} ${VIEWS[view]} and ${shown.edges.length} links${note}. Select one to list its events.`),
    h("figure", { class: "chart-figure" }, plot, h("figcaption", {}, keyList())),
    edgeTable(shown.edges),
    nodeTable(shown.nodes, scope),
  );
  await graph(plot, shown, scope);
}

function settingLinks(scope, settings) {
  const params = { ...scope, ...settings };
  return h(
    "div",
    { class: "plot-tools" },
    switchLinks("Nodes", "network", params, "by", [["", VIEWS.country], ["actor", VIEWS.actor]]),
    switchLinks("Actors", "network", params, "region", [["", "everywhere"], ["central-asia", PLACES.region.name]]),
    switchLinks("Actors without a country", "network", params, "stateless", [["", "hidden"], ["shown", "shown, named by sector"]]),
  );
}

export async function render(main, _args, params, signal) {
  const scope = scopeOf(params);
  const settings = Object.fromEntries(SETTINGS.filter((key) => params.get(key)).map((key) => [key, params.get(key)]));
  document.title = "Network · overtures";
  const box = h("section", { class: "network-box", "aria-label": "Network" }, loading("the network"));
  put(main, h("h1", { tabindex: "-1" }, "Actor network"), scopeForm("network", "network", scope, settings), settingLinks(scope, settings), exportForm(scope, "gexf"), box);
  try {
    await showNetwork(box, await getJSON("/network", scope, signal), scope, settings);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage("the network", error));
  }
}
