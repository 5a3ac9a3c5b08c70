// plotly.js, from the installed plotly package (overtures.web.plotly), loaded once by the first page that
// draws a chart; and the few things every chart shares: config, fonts, text escaping, the plot area.

import { getJSON } from "./api.js";
import { h } from "./dom.js";

let loading = null;

function addScript(src) {
  return new Promise((resolve, reject) => {
    const script = h("script", { src });
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error("plotly.js could not be loaded")));
    document.head.append(script);
  });
}

/** Placeholders with the ids of plotly's inline styles (which the Content-Security-Policy forbids), so it
 * adds none; the rules the dashboard needs are in /static/plotly.css. */
async function load() {
  const facts = await getJSON("/dashboard/plotly.json");
  for (const id of facts.style_ids) document.head.append(h("meta", { id, name: "plotly-inline-style-skipped" }));
  document.head.append(h("link", { id: "plotly.js-style-global", class: "no-inline-styles", rel: "stylesheet", href: "/static/plotly.css" }));
  await addScript(facts.script);
  return window.Plotly;
}

/** The Plotly object, loading the script the first time. */
export function plotly() {
  if (!loading) loading = load().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Text for plotly: its labels read a few HTML tags, so text from the data goes in with &, < and > escaped. */
export function plain(text) {
  return String(text ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12, color: "#1f2933" };

/** Zoom with the wheel, pan by dragging, reset with a double click; no plotly logo, no lasso tools. */
const CONFIG = {
  responsive: true,
  scrollZoom: true,
  displaylogo: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
};

const MODEBAR = { bgcolor: "rgba(255,255,255,0.85)", color: "#6b7480", activecolor: "#1d4e89" };

/** Draw `figure` ({data, layout}) into `box`; resolves to the graph element once drawn. */
export async function draw(box, figure) {
  const Plotly = await plotly();
  if (figure.layout.height) box.style.height = `${figure.layout.height}px`; // a fixed box: resizes redraw inside it
  const base = { font: FONT, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", modebar: MODEBAR };
  await Plotly.newPlot(box, figure.data, { ...base, ...figure.layout }, CONFIG);
  return box;
}

/** The plot area as drawn now: its pixel box and the axis ranges, to turn data into screen positions. */
export function plotArea(graph) {
  const full = graph._fullLayout; // plotly keeps the drawn ranges and margins only here
  const size = full._size;
  const [x0, x1] = full.xaxis.range.map(Number);
  const [y0, y1] = full.yaxis.range.map(Number);
  return {
    width: size.w,
    height: size.h,
    toScreen: ([x, y]) => [((x - x0) / (x1 - x0)) * size.w, ((y1 - y) / (y1 - y0)) * size.h],
  };
}
