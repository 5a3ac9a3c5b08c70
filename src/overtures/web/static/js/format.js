// Text for values the API returns: actors, Goldstein scores, dates, long sentences.

/** "Taliban (AFG, GOV)" for an actor object, "—" for none. */
export function actorLabel(actor) {
  if (!actor) return "—";
  const parts = [actor.country, actor.sector].filter(Boolean).join(", ");
  const name = actor.name || actor.text || actor.code || "?";
  return parts ? `${name} (${parts})` : name;
}

/** A Goldstein score with its sign: "+3.4", "−10.0", "—" for none. */
export function signed(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const number = Number(value);
  const text = Math.abs(number).toFixed(digits);
  if (number > 0) return `+${text}`;
  return number < 0 ? `\u2212${text}` : text;
}

/** A number with thousands separators. */
export function count(value) {
  return Number(value || 0).toLocaleString("en");
}

/** The first `limit` characters of a text, ending in an ellipsis when cut. */
export function truncate(text, limit = 160) {
  const clean = String(text || "").replace(/\s+/g, " ").trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1).trimEnd()}…` : clean;
}

/** An event's date at its precision: "2025-03-10", "week of 2025-03-10", "2025-03", "2021". */
export function eventDate(event) {
  if (!event.date) return "undated";
  const first = (event.date_window && event.date_window[0]) || event.date;
  switch (event.date_precision) {
    case "week": // named by the first day of its window (a weekend's starts on Saturday)
      return `week of ${first}`;
    case "month":
    case "year":
      return dayAt(first, event.date_precision);
    default:
      return dayAt(event.date, event.date_precision);
  }
}

/** A day ("YYYY-MM-DD") written only as precisely as it is known: "2025-03-10", "week of 2025-03-10"
 * (the Monday of its week), "2025-03", "2021", "2025-03-10 (published)"; as DatePrecision.label does. */
export function dayAt(day, precision) {
  if (!day) return "";
  switch (precision) {
    case "year":
      return day.slice(0, 4);
    case "month":
      return day.slice(0, 7);
    case "week":
      return `week of ${mondayOf(day)}`;
    case "publication":
      return `${day} (published)`;
    default:
      return day;
  }
}

function mondayOf(day) {
  const moment = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(moment.getTime())) return day;
  moment.setUTCDate(moment.getUTCDate() - ((moment.getUTCDay() + 6) % 7));
  return moment.toISOString().slice(0, 10);
}

/** "Russia (RUS)" for a country code and its name, the code alone without a name, "every actor" for "*". */
export function countryLabel(code, name) {
  if (code === "*") return "every actor";
  return name ? `${name} (${code})` : String(code || "—");
}

/** Whether a link may be drawn: only absolute http(s) URLs (never javascript:, data: or relative ones). */
export function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\/[^\s/]/i.test(url);
}

/** The first and last day of a "YYYY-MM" month, as ISO dates. */
export function monthBounds(month) {
  const [year, mon] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, "0")}`];
}
