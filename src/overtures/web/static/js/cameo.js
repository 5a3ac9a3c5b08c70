// CAMEO facts the pages label things with: root names (CAMEO 1.1b3) and the four QuadClasses.

export const ROOTS = {
  "01": "Make public statement",
  "02": "Appeal",
  "03": "Express intent to cooperate",
  "04": "Consult",
  "05": "Engage in diplomatic cooperation",
  "06": "Engage in material cooperation",
  "07": "Provide aid",
  "08": "Yield",
  "09": "Investigate",
  "10": "Demand",
  "11": "Disapprove",
  "12": "Reject",
  "13": "Threaten",
  "14": "Protest",
  "15": "Exhibit force posture",
  "16": "Reduce relations",
  "17": "Coerce",
  "18": "Assault",
  "19": "Fight",
  "20": "Use unconventional mass violence",
};

export const QUAD_CLASSES = [
  { key: "q1", value: 1, name: "Verbal cooperation", colour: "#4f86c6" },
  { key: "q2", value: 2, name: "Material cooperation", colour: "#1d4e89" },
  { key: "q3", value: 3, name: "Verbal conflict", colour: "#d0731f" },
  { key: "q4", value: 4, name: "Material conflict", colour: "#9e1b1b" },
];

export const MODALITIES = ["asserted", "negated", "expected", "hypothetical", "speculation", "stative"];

/** "04 Consult" for a root code; the code alone when it is not a CAMEO root. */
export function rootLabel(root) {
  return ROOTS[root] ? `${root} ${ROOTS[root]}` : String(root);
}

/** CAMEO sector codes in words (the same as overtures.actors.entries.SECTOR_NAMES; a test compares them). */
export const SECTORS = {
  GOV: "government", MIL: "military", COP: "police", SPY: "intelligence services", REB: "rebels", INS: "insurgents",
  SEP: "separatist rebels", UAF: "unaligned armed forces", OPP: "political opposition", PTY: "political party",
  LEG: "legislature", JUD: "judiciary", ELI: "elites", REF: "refugees", CVL: "civilians", BUS: "business",
  MED: "media", EDU: "education", HLH: "health", HRI: "human rights", LAB: "labour", REL: "religious",
  CRM: "criminals", AGR: "agriculture", DEV: "development", ENV: "environment", IGO: "intergovernmental organisation",
  NGO: "non-governmental organisation", NGM: "non-governmental movement", IMG: "international militarized group",
  MNC: "multinational corporation",
};

/** Whether an actor code has no country: CAMEO writes "---" in the country's place ("---GOV"). */
export function isStateless(code) {
  return String(code).startsWith("---");
}

/** An actor code without a country in words: "---GOV" -> "government (country unknown)". */
export function statelessName(code) {
  const sector = String(code).slice(3, 6);
  return `${SECTORS[sector] || sector || "actor"} (country unknown)`;
}
