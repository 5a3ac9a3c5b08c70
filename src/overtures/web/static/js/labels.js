// Which points of a plot get a text label: the heaviest first, each only where its label overlaps no label
// already placed and stays inside the plot area. Run again after every zoom or pan.

import { FONT, plain, plotArea } from "./plot.js";

const LABEL_SIZE = 11;
const PAD = 2;
let context = null;

/** The width in pixels of `text` drawn in the charts' font at `size`. */
function textWidth(text, size = LABEL_SIZE) {
  if (!context) context = document.createElement("canvas").getContext("2d");
  context.font = `${size}px ${FONT.family}`;
  return context.measureText(text).width;
}

/** The box plotly gives a label beside a marker of diameter `marker` at [x, y]: to its right, or below. */
function labelBox([x, y], marker, width, side, size = LABEL_SIZE) {
  const gap = marker / 2 / 0.8 + 1;
  const height = size * 1.3;
  if (side === "right") return { x0: x + gap - PAD, x1: x + gap + width + PAD, y0: y - height / 2 - PAD, y1: y + height / 2 + PAD };
  return { x0: x - width / 2 - PAD, x1: x + width / 2 + PAD, y0: y + gap - PAD, y1: y + gap + height + PAD };
}

function overlaps(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The indexes of `items` ({at: [x, y] in pixels, marker: diameter, text}), given heaviest first, whose
 * labels fit inside `area` ({width, height}) without overlapping one another; at most `most` of them. */
function placeLabels(items, area, { side, most = 30 }) {
  const placed = [];
  const chosen = new Set();
  items.forEach((item, i) => {
    if (chosen.size >= most || !item.text) return;
    const box = labelBox(item.at, item.marker, textWidth(item.text), side);
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > area.width || box.y1 > area.height) return;
    if (placed.some((other) => overlaps(box, other))) return;
    placed.push(box);
    chosen.add(i);
  });
  return chosen;
}

/** Keep the labels of trace `index` of `graph` placed: now, and again after each zoom or pan. `items(area)`
 * gives, in the trace's order, each point's label item ({at, marker, text, weight}) for the plot area as
 * drawn (plot.js plotArea). */
export function keepLabelsPlaced(Plotly, graph, index, side, items) {
  const place = () => {
    const area = plotArea(graph);
    const list = items(area);
    const order = list.map((_, i) => i).sort((a, b) => list[b].weight - list[a].weight || a - b);
    const chosen = placeLabels(order.map((i) => list[i]), area, { side });
    const shown = new Set([...chosen].map((k) => order[k]));
    return Plotly.restyle(graph, { text: [list.map((item, i) => (shown.has(i) ? plain(item.text) : ""))] }, [index]);
  };
  graph.on("plotly_relayout", place);
  return place();
}
