// The JSON API client: one fetch wrapper that turns error bodies into ApiError, and query-string helpers.

export class ApiError extends Error {
  constructor(status, message, hint) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.hint = hint || "";
  }
}

/** A query string from an object, leaving out empty values: {a: 1, b: ""} -> "a=1". */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  return search.toString();
}

function describe(status, body) {
  if (body && typeof body.error === "string") return new ApiError(status, body.error, body.hint);
  if (status === 404) {
    return new ApiError(status, "not found", "This server does not have it; the endpoint may not be installed yet.");
  }
  const detail = body && body.detail ? JSON.stringify(body.detail) : "unexpected response";
  return new ApiError(status, detail, "Check the parameters, or see the API documentation at /docs.");
}

/** GET a JSON document; rejects with ApiError (status, message, hint) on a non-2xx answer. */
export async function getJSON(path, params, signal) {
  const qs = queryString(params);
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw describe(response.status, body);
  if (body === null) throw new ApiError(response.status, "the answer was not JSON", "Reload the page.");
  return body;
}

/** The path segment for a value: encodeURIComponent, so ids with slashes stay one segment. */
export function segment(value) {
  return encodeURIComponent(value);
}
