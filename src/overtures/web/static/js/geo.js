// The map's windows (degrees): the one that fits the points, and the preset views.

const WORLD = { west: -180, east: 180, south: -90, north: 90 };

/** Preset views of the map, by the name the route gives them (#/map?view=region); the region's countries
 * (ISO alpha-3) pick the network's actors too. */
export const VIEWS = {
  region: {
    name: "Afghanistan, Pakistan, Iran and Central Asia",
    countries: ["AFG", "PAK", "IRN", "KAZ", "KGZ", "TJK", "TKM", "UZB"],
    west: 43,
    east: 88,
    south: 23,
    north: 56,
  },
  world: { name: "the world", ...WORLD },
};

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
