// Equirectangular geometry for the map: the window that fits the points, the projection and the graticule.

const WORLD = { west: -180, east: 180, south: -90, north: 90 };
const STEPS = [1, 2, 5, 10, 15, 30];

function clampWindow(centreLon, centreLat, lonSpan) {
  const span = Math.min(360, lonSpan);
  const latSpan = span / 2;
  const west = Math.min(Math.max(centreLon - span / 2, WORLD.west), WORLD.east - span);
  const south = Math.min(Math.max(centreLat - latSpan / 2, WORLD.south), WORLD.north - latSpan);
  return { west, east: west + span, south, north: south + latSpan };
}

/** A 2:1 window (degrees) around the points ([lon, lat]) with a margin; at least 40 degrees wide; the world if none. */
export function fitWindow(points, minSpan = 40) {
  if (!points.length) return { ...WORLD };
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const span = Math.max(minSpan, (east - west) * 1.3, (north - south) * 1.3 * 2);
  return clampWindow((west + east) / 2, (south + north) / 2, span);
}

/** The projection of a window onto a width x (width / 2) picture: [lon, lat] -> [x, y]. */
export function projection(window, width) {
  const scale = width / (window.east - window.west);
  return ([lon, lat]) => [(lon - window.west) * scale, (window.north - lat) * scale];
}

/** Graticule meridians and parallels (degrees) inside the window, some 6 to 12 of each. */
export function graticule(window) {
  const span = window.east - window.west;
  const step = STEPS.find((candidate) => span / candidate <= 12) || 30;
  const lines = (from, to) => {
    const out = [];
    for (let value = Math.ceil(from / step) * step; value <= to; value += step) out.push(value);
    return out;
  };
  return { step, meridians: lines(window.west, window.east), parallels: lines(window.south, window.north) };
}

/** "30°E", "15°S", "0°" for a meridian or parallel. */
export function degrees(value, axis) {
  if (value === 0) return "0°";
  const hemisphere = axis === "lon" ? (value > 0 ? "E" : "W") : value > 0 ? "N" : "S";
  return `${Math.abs(value)}°${hemisphere}`;
}
