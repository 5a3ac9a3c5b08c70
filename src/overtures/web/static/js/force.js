// A small force-directed layout (Fruchterman-Reingold): nodes repel, edges pull, the frame cools.
// Deterministic: nodes start on a circle in the order given, so the same data gives the same picture.

function start(nodes, width, height) {
  const radius = Math.min(width, height) * 0.35;
  return nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
    return { id: node.id, x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle), dx: 0, dy: 0 };
  });
}

function repel(points, k) {
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const [a, b] = [points[i], points[j]];
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const dist = Math.max(0.5, Math.hypot(dx, dy));
      const force = (k * k) / dist;
      a.dx += (dx / dist) * force;
      a.dy += (dy / dist) * force;
      b.dx -= (dx / dist) * force;
      b.dy -= (dy / dist) * force;
    }
  }
}

function attract(points, links, k) {
  for (const { a, b, weight } of links) {
    const dx = a.x - b.x;
    const dy = a.y - b.y;
    const dist = Math.max(0.5, Math.hypot(dx, dy));
    const force = ((dist * dist) / k) * (1 + Math.log(weight));
    a.dx -= (dx / dist) * force;
    a.dy -= (dy / dist) * force;
    b.dx += (dx / dist) * force;
    b.dy += (dy / dist) * force;
  }
}

function move(points, temperature, frame) {
  for (const p of points) {
    p.dx += (frame.width / 2 - p.x) * frame.gravity;
    p.dy += (frame.height / 2 - p.y) * frame.gravity;
    const length = Math.max(0.01, Math.hypot(p.dx, p.dy));
    const step = Math.min(length, temperature);
    p.x = Math.min(frame.width - frame.margin, Math.max(frame.margin, p.x + (p.dx / length) * step));
    p.y = Math.min(frame.height - frame.margin, Math.max(frame.margin, p.y + (p.dy / length) * step));
    p.dx = 0;
    p.dy = 0;
  }
}

/** Scale and centre the points, keeping their proportions, so that they fill the frame inside its margin. */
function fit(points, { width, height, margin }) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin) / Math.max(x1 - x0, 1), (height - 2 * margin) / Math.max(y1 - y0, 1), 3);
  for (const p of points) {
    p.x = width / 2 + (p.x - (x0 + x1) / 2) * scale;
    p.y = height / 2 + (p.y - (y0 + y1) / 2) * scale;
  }
}

/** Positions {id: {x, y}} for nodes ({id}) and edges ({source, target, weight}) inside width x height. */
export function forceLayout(nodes, edges, { width, height, margin = 40, iterations = 300 }) {
  const points = start(nodes, width, height);
  const byId = new Map(points.map((p) => [p.id, p]));
  const links = edges
    .filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target)
    .map((e) => ({ a: byId.get(e.source), b: byId.get(e.target), weight: Math.max(1, Number(e.weight) || 1) }));
  const k = Math.sqrt((width * height) / Math.max(points.length, 1)) * 0.8;
  const frame = { width, height, margin, gravity: 0.1 };
  let temperature = width / 8;
  for (let i = 0; i < iterations; i += 1) {
    repel(points, k);
    attract(points, links, k);
    move(points, temperature, frame);
    temperature = Math.max(0.5, temperature * 0.985);
  }
  if (points.length > 1) fit(points, frame);
  return Object.fromEntries(points.map((p) => [p.id, { x: p.x, y: p.y }]));
}
