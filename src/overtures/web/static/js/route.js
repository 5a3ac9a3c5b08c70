// Hash routes: "#/events?actor=RUS" <-> {parts: ["events"], params: URLSearchParams}.

/** The current route: path parts (decoded) and the query parameters after "?". */
export function currentRoute() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = splitOnce(raw, "?");
  const parts = path.split("/").filter(Boolean).map(safeDecode);
  return { parts, params: new URLSearchParams(query) };
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A hash link: href(["articles", id], {event: "e1"}) -> "#/articles/<id>?event=e1". */
export function href(parts, params) {
  const path = parts.map((part) => encodeURIComponent(part)).join("/");
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return `#/${path}${query ? `?${query}` : ""}`;
}
