// #/map: located events from /locations on an SVG equirectangular map: graticule, points sized by count, labels.

import { getJSON } from "../api.js";
import { ROOTS } from "../cameo.js";
import { errorMessage, h, loading, message, put, replace, s, table } from "../dom.js";
import { count } from "../format.js";
import { degrees, fitWindow, graticule, projection } from "../geo.js";
import { href } from "../route.js";
import { scopeForm, scopeOf } from "../scope.js";

const WIDTH = 960;
const HEIGHT = WIDTH / 2;
const LABELS = 12;

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

function gridLines(window, project) {
  const grid = graticule(window);
  const [x0, y0] = project([window.west, window.north]);
  const [x1, y1] = project([window.east, window.south]);
  const meridians = grid.meridians.map((lon) => {
    const [x] = project([lon, 0]);
    return [s("line", { x1: x, x2: x, y1: y0, y2: y1, class: "graticule" }), s("text", { x: x + 3, y: y1 - 6, class: "graticule-label" }, degrees(lon, "lon"))];
  });
  const parallels = grid.parallels.map((lat) => {
    const [, y] = project([0, lat]);
    return [s("line", { x1: x0, x2: x1, y1: y, y2: y, class: lat === 0 ? "graticule equator" : "graticule" }), s("text", { x: x0 + 4, y: y - 4, class: "graticule-label" }, degrees(lat, "lat"))];
  });
  return s("g", { class: "grid" }, meridians, parallels);
}

function radiusFor(places) {
  const most = Math.max(1, ...places.map((p) => p.events));
  return (p) => 3 + 15 * Math.sqrt(p.events / most);
}

/** Labels for the busiest places, skipping any that would overlap a label already placed. */
function placeLabels(places, project, radius, most = LABELS) {
  const boxes = [];
  const labels = [];
  for (const p of places) {
    if (labels.length >= most) break;
    const [x, y] = project([p.lon, p.lat]);
    const box = { x0: x + radius(p) + 3, y0: y - 9, x1: x + radius(p) + 3 + 7.6 * p.name.length, y1: y + 7 };
    if (boxes.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) continue;
    boxes.push(box);
    labels.push(s("text", { x: box.x0.toFixed(1), y: (y + 4).toFixed(1), class: "place-label", "aria-hidden": "true" }, p.name));
  }
  return labels;
}

function pointMarks(places, project) {
  const radius = radiusFor(places);
  const marks = [...places].reverse().map((p) => {
    const [x, y] = project([p.lon, p.lat]);
    const what = `${p.name}${p.country ? `, ${p.country}` : ""}: ${p.events} event${p.events > 1 ? "s" : ""}${p.cameo ? `, mostly ${p.cameo} ${p.cameoName}` : ""}`;
    return s("a", { href: href(["events"], { location: p.name }), class: "place", "aria-label": `${what}; show them` }, s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: radius(p).toFixed(1) }), s("title", {}, what));
  });
  return s("g", { class: "points" }, marks, placeLabels(places, project, radius));
}

/** Dots for the populated 1-degree cells inside the window: a picture of where people live. */
function landDots(land, window, project) {
  const half = (land.cell || 1) / 2;
  const [unit] = project([window.west + 1, 0]);
  const dots = (land.cells || [])
    .filter(([lon, lat]) => lon + half >= window.west && lon + half <= window.east && lat + half >= window.south && lat + half <= window.north)
    .map(([lon, lat]) => {
      const [x, y] = project([lon + half, lat + half]);
      return s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: Math.max(0.8, unit * 0.32).toFixed(1) });
    });
  return s("g", { class: "land", "aria-hidden": "true" }, dots);
}

function mapPicture(places, land) {
  const window = fitWindow(places.map((p) => [p.lon, p.lat]));
  const project = projection(window, WIDTH);
  return s(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "group", "aria-labelledby": "map-title" },
    s("title", { id: "map-title" }, `Map of ${places.length} places with events, ${degrees(Math.round(window.west), "lon")} to ${degrees(Math.round(window.east), "lon")}`),
    s("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "map-frame" }),
    landDots(land, window, project),
    gridLines(window, project),
    pointMarks(places, project),
  );
}

function placeTable(places) {
  const rows = places.map((p) => [h("a", { href: href(["events"], { location: p.name }) }, p.name), p.country || "—", count(p.events), p.cameo ? `${p.cameo} ${p.cameoName}` : "—", `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`]);
  return table("Places with coded events", ["Place", "Country", "Events", "Top CAMEO", "Lat, lon"], rows, "places-table");
}

function showMap(box, collection, land) {
  const places = placesOf(collection);
  if (!places.length) {
    replace(box, message("empty", "No located events for these filters.", "Reset the filters: events are placed only when the article names a known place."));
    return;
  }
  const total = places.reduce((sum, p) => sum + p.events, 0);
  replace(box,
    h("p", { class: "summary", id: "map-summary" }, `${count(total)} located events at ${places.length} places. Circle area: number of events; select a place to list its events.`),
    h("figure", { class: "chart-figure map-figure" }, mapPicture(places, land), h("figcaption", { class: "muted" }, "Grey dots: land with cities of 15,000 people or more (GeoNames). Lines every few degrees of latitude and longitude.")),
    placeTable(places),
  );
}

/** The backdrop cells, fetched once; the map still draws (without them) if they cannot be had. */
let landCache = null;
async function landCells(signal) {
  if (!landCache) landCache = await getJSON("/dashboard/land.json", {}, signal).catch(() => null);
  return landCache || { cells: [] };
}

export async function render(main, _args, params, signal) {
  const scope = scopeOf(params);
  document.title = "Map · overtures";
  const box = h("section", { class: "map-box", "aria-label": "Map" }, loading("the map"));
  put(main, h("h1", { tabindex: "-1" }, "Where events happened"), scopeForm("map", "map", scope), box);
  try {
    const [collection, land] = await Promise.all([getJSON("/locations", scope, signal), landCells(signal)]);
    showMap(box, collection, land);
  } catch (error) {
    if (!signal.aborted) replace(box, errorMessage("the map", error));
  }
}
