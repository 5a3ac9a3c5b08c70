// #/map: located events from /locations, drawn by plotly on an equirectangular map (true to scale along the
// view's middle parallel) over dots for populated land; zoom, pan, preset views, labels that never overlap.

import { getJSON } from "../api.js";
import { ROOTS } from "../cameo.js";
import { exportForm } from "../download.js";
import { errorMessage, h, loading, message, put, replace, table } from "../dom.js";
import { count } from "../format.js";
import { fitWindow, VIEWS } from "../geo.js";
import { keepLabelsPlaced } from "../labels.js";
import { draw, plain, plotly } from "../plot.js";
import { href } from "../route.js";
import { scopeForm, scopeOf, switchLinks } from "../scope.js";

const PLACES_TRACE = 1;

/** The located places of a GeoJSON FeatureCollection: {name, country, events, cameo, lon, lat}, busiest first. */
function placesOf(collection) {
  return (collection.features || [])
    .filter((f) => f && f.geometry && Array.isArray(f.geometry.coordinates))
    .map((f) => {
      const p = f.properties || {};
      const [lon, lat] = f.geometry.coordinates.map(Number);
      const cameo = p.top_cameo || p.cameo || "";
      return { name: p.name || "?", country: p.country || "", events: Number(p.events || 1), cameo, cameoName: p.top_cameo_name || ROOTS[cameo.slice(0, 2)] || "", lon, lat };
    })
    .filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat))
    .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
}

function diameterFor(places) {
  const most = Math.max(1, ...places.map((p) => p.events));
  return (p) => 2 * (3 + 15 * Math.sqrt(p.events / most));
}

function describe(p) {
  return `${p.name}${p.country ? `, ${p.country}` : ""}: ${p.events} event${p.events > 1 ? "s" : ""}${p.cameo ? `, mostly ${p.cameo} ${p.cameoName}` : ""}`;
}

/** Dots for the populated 1-degree cells: a picture of where people live, under the events. */
function landTrace(land) {
  const half = (land.cell || 1) / 2;
  const cells = land.cells || [];
  return {
    type: "scatter",
    mode: "markers",
    name: "populated land",
    x: cells.map(([lon]) => lon + half),
    y: cells.map(([, lat]) => lat + half),
    marker: { size: 3, color: "#c3ccd5" },
    hoverinfo: "skip",
  };
}

function placesTrace(places, diameter) {
  return {
    type: "scatter",
    mode: "markers+text",
    name: "places",
    x: places.map((p) => p.lon),
    y: places.map((p) => p.lat),
    customdata: places.map((p) => p.name),
    text: places.map((p) => plain(p.name)),
    textposition: "middle right",
    textfont: { size: 11, color: "#1b1f24" },
    marker: { size: places.map(diameter), color: "rgba(192, 57, 43, 0.55)", line: { color: "#7d1d13", width: 1.2 } },
    hovertext: places.map((p) => plain(describe(p))),
    hoverinfo: "text",
  };
}

/** The figure: longitude and latitude as axes in degrees, one degree of latitude drawn 1/cos(middle
 * parallel) times as long as one of longitude, so shapes are true near the middle of the view. */
function figure(places, land, bounds, width) {
  const middle = ((bounds.south + bounds.north) / 2) * (Math.PI / 180);
  const stretch = 1 / Math.max(0.2, Math.cos(middle));
  const margin = { l: 56, r: 12, t: 12, b: 48 };
  const tall = ((width - margin.l - margin.r) * (bounds.north - bounds.south) * stretch) / (bounds.east - bounds.west);
  const axis = { ticksuffix: "°", gridcolor: "#d5dee7", zeroline: true, zerolinecolor: "#7d8fa1" };
  return {
    data: [landTrace(land), placesTrace(places, diameterFor(places))],
    layout: {
      height: Math.round(Math.min(560, Math.max(240, tall + margin.t + margin.b))),
      margin,
      showlegend: false,
      dragmode: "pan",
      hovermode: "closest",
      plot_bgcolor: "#eaf2f8",
      xaxis: { ...axis, title: { text: "longitude (east +)" }, range: [bounds.west, bounds.east] },
      yaxis: { ...axis, title: { text: "latitude (north +)" }, range: [bounds.south, bounds.north], scaleanchor: "x", scaleratio: stretch },
    },
  };
}

async function mapPicture(plot, places, land, scope, view) {
  const bounds = VIEWS[view] || fitWindow(places.map((p) => [p.lon, p.lat]));
  const drawn = await draw(plot, figure(places, land, bounds, plot.clientWidth));
  drawn.on("plotly_click", (event) => {
    const point = event.points.find((p) => p.curveNumber === PLACES_TRACE);
    if (point) location.hash = href(["events"], { ...scope, location: point.customdata });
  });
  const diameter = diameterFor(places);
  const items = (area) => places.map((p) => ({ at: area.toScreen([p.lon, p.lat]), marker: diameter(p), text: p.name, weight: p.events }));
  await keepLabelsPlaced(await plotly(), drawn, PLACES_TRACE, "right", items);
}

function placeTable(places, scope) {
  const rows = places.map((p) => [h("a", { href: href(["events"], { ...scope, location: p.name }) }, p.name), p.country || "—", count(p.events), p.cameo ? `${p.cameo} ${p.cameoName}` : "—", `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`]);
  return table("Places with coded events", ["Place", "Country", "Events", "Top CAMEO", "Lat, lon"], rows, "places-table");
}

async function showMap(box, collection, land, scope, view) {
  const places = placesOf(collection);
  if (!places.length) {
    replace(box, message("empty", "No located events for these filters.", "Reset the filters: events are placed only when the article names a known place."));
    return;
  }
  const total = places.reduce((sum, p) => sum + p.events, 0);
  const plot = h("div", { class: "plot plot-map" });
  replace(box,
    h("p", { class: "summary", id: "map-summary" }, `${count(total)} located events at ${places.length} places. Circle area: number of events; select a place to list its events.`),
    h("figure", { class: "chart-figure map-figure" }, plot, h("figcaption", { class: "muted" }, "Grey dots: land with cities of 15,000 people or more (GeoNames). Scroll to zoom, drag to pan, double-click to go back to the view chosen above.")),
    placeTable(places, scope),
  );
  await mapPicture(plot, places, land, scope, view);
}

/** The backdrop cells, fetched once; the map still draws (without them) if they cannot be had. */
let landCache = null;
async function landCells(signal) {
  if (!landCache) landCache = await getJSON("/dashboard/land.json", {}, signal).catch(() => null);
  return landCache || { cells: [] };
}

export async function render(main, _args, params, signal) {
  const scope = scopeOf(params);
  const view = VIEWS[params.get("view")] ? params.get("view") : "";
  document.title = "Map · overtures";
  const box = h("section", { class: "map-box", "aria-label": "Map" }, loading("the map"));
  const views = switchLinks("View", "map", { ...scope, view }, "view", [["", "fit the events"], ["region", VIEWS.region.name], ["world", VIEWS.world.name]]);
  put(main, h("h1", { tabindex: "-1" }, "Where events happened"), scopeForm("map", "map", scope, { view }), h("div", { class: "plot-tools" }, views), exportForm(scope, "geojson"), box);
  try {
    const [collection, land] = await Promise.all([getJSON("/locations", scope, signal), landCells(signal)]);
    await showMap(box, collection, land, scope, view);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage("the map", error));
  }
}
