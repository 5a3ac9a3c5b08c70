"""The CAMEO codebook: names, Goldstein scores, quad classes and PLOVER equivalents of event codes.

The facts come from the package data files ``data/cameo_codes.json`` (code names from the CAMEO 1.1b3
manual, Goldstein values from the GDELT, ICEWS and Phoenix tables) and ``data/cameo_to_plover.json``
(the PLOVER project's CAMEO translation table); both are read on first use and cached.

Conventions chosen here:

* Goldstein: the GDELT value, else ICEWS, else Phoenix; a code none of them scores (the cyber and
  drone codes added after the tables) takes its three-digit parent's value, else its root's.
* Quad class: the GDELT convention by root (01-05 verbal cooperation, 06-09 material cooperation,
  10-14 verbal conflict, 15-20 material conflict).
* PLOVER: the translation table's entry for the longest prefix of the code, else the root-level table
  (root 08 split into CONCEDE for 081-083 and RETREAT for 084-087), else ``None`` (roots 01 and 02
  have no PLOVER equivalent). A two-digit root code is looked up as its "not specified" code (04 as 040).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from overtures.errors import DataFileError, NotFoundError
from overtures.model import QuadClass

_GOLDSTEIN_TABLES = ("gdelt", "icews", "phoenix")


@dataclass(frozen=True, kw_only=True)
class CameoCode:
    """One CAMEO event code with the facts the coder attaches to every event."""

    code: str
    name: str
    root: str
    root_name: str
    goldstein: float | None
    quad_class: QuadClass
    plover: str | None


@lru_cache(maxsize=4)
def _package_json(name: str) -> dict[str, Any]:
    """Read one JSON file of package data once; a broken file is a DataFileError."""
    source = resources.files("overtures") / "data" / name
    try:
        loaded = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(
            f"Cannot read package data file {name}: {exc}", hint="reinstall overtures"
        ) from exc
    if not isinstance(loaded, dict):
        raise DataFileError(f"Package data file {name} is not a JSON object", hint="reinstall overtures")
    return loaded


def _code_rows() -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = _package_json("cameo_codes.json")["codes"]
    return rows


def quad_class_for_root(root: str) -> QuadClass:
    """The GDELT quad class of a two-digit root, so every code of a root shares one class."""
    number = int(root)
    if number <= 5:
        return QuadClass.VERBAL_COOPERATION
    if number <= 9:
        return QuadClass.MATERIAL_COOPERATION
    if number <= 14:
        return QuadClass.VERBAL_CONFLICT
    return QuadClass.MATERIAL_CONFLICT


def _table_goldstein(row: dict[str, Any]) -> float | None:
    scores: dict[str, float | None] = row.get("goldstein") or {}
    for table in _GOLDSTEIN_TABLES:
        value = scores.get(table)
        if value is not None:
            return float(value)
    return None


def _goldstein(code: str, row: dict[str, Any]) -> float | None:
    """The code's Goldstein score, falling back to its three-digit parent and then its root."""
    rows = _code_rows()
    for candidate in (code, code[:3], row["root"]):
        found = rows.get(candidate)
        value = _table_goldstein(found) if found else None
        if value is not None:
            return value
    return None


def _plover(code: str, root: str) -> str | None:
    """The PLOVER event type for a code: longest-prefix table entry, else the root-level table."""
    table = _package_json("cameo_to_plover.json")
    lookup = code + "0" if len(code) == 2 else code
    codes: dict[str, dict[str, Any]] = table["codes"]
    for end in range(len(lookup), 2, -1):
        entry = codes.get(lookup[:end])
        if entry is not None:
            event: str | None = entry.get("event")
            return event
    for span, event_type in table.get("root_08_split", {}).items():
        low, high = span.split("-")
        if low <= lookup[:3] <= high:
            return str(event_type)
    by_root: str | None = table["root"].get(root)
    return by_root if by_root and "/" not in by_root else None


def _build(code: str, row: dict[str, Any]) -> CameoCode:
    return CameoCode(
        code=code,
        name=row["name"],
        root=row["root"],
        root_name=row["root_name"],
        goldstein=_goldstein(code, row),
        quad_class=quad_class_for_root(row["root"]),
        plover=_plover(code, row["root"]),
    )


@lru_cache(maxsize=1)
def _codebook() -> dict[str, CameoCode]:
    return {code: _build(code, row) for code, row in sorted(_code_rows().items())}


def is_code(code: str) -> bool:
    """Whether a string is a known CAMEO code, for validators that must not raise."""
    return code in _codebook()


def cameo(code: str) -> CameoCode:
    """The codebook entry of a CAMEO code (two to four digits); unknown codes raise NotFoundError."""
    found = _codebook().get(code.strip())
    if found is None:
        raise NotFoundError(f"Unknown CAMEO code '{code}'", hint="run 'overtures codes'")
    return found


def all_codes() -> list[CameoCode]:
    """Every CAMEO code in the codebook, sorted by code, for listings and validation."""
    return list(_codebook().values())


def root_codes() -> dict[str, str]:
    """The twenty CAMEO roots, two-digit code to name, in code order."""
    roots: dict[str, str] = _package_json("cameo_codes.json")["roots"]
    return dict(sorted(roots.items()))


# "Express intent to ..." (root 03) for a material or verbal act stated as a promise, plan or offer.
# Keys are code prefixes; the longest matching prefix wins. CAMEO manual 1.1b3 pairs the 03x
# sub-codes with the act codes of roots 04-08 one to one where it can:
_INTENT_BY_PREFIX: dict[str, str] = {
    # 04 consult: a promise to meet, visit, talk or negotiate is 036; to mediate is 039.
    "04": "036",
    "045": "039",
    # 05 diplomatic cooperation: 032; a promise to sign or ratify an agreement is the general 030
    # (the manual's 030 covers promises to sign agreements); to apologize or forgive stays 032.
    "05": "032",
    "057": "030",
    # 06 material cooperation -> 031 and its sub-codes.
    "06": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    # 07 aid -> 033; asylum is humanitarian help (0333).
    "07": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "075": "0333",
    # 08 yield -> 035, political reform (083) -> 034.
    "08": "035",
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    # 14 protest: a promise to protest or strike is a threat of dissent (133).
    "14": "133",
    # 15-20 force: a promise to use force is a threat (138 and sub-codes).
    "15": "138",
    "16": "131",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "17": "137",
    "171": "130",
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "176": "130",
    "18": "1383",
    "19": "1384",
    "191": "1381",
    "192": "1382",
    "20": "1383",
    "204": "1385",
}


def intent_code_for(code: str) -> str:
    """The code for a stated intent to do ``code``: 03x for cooperative acts, 13x for hostile ones.

    Used when the coder finds an act under "will", "plans to", "pledged to" or "offered to". Codes of
    roots 03 and 13 are already intents and stay themselves; so do the verbal roots 01, 02 and 09-12,
    whose promise is coded as the statement itself ("vowed to investigate" is an investigation event).
    Unknown codes raise NotFoundError.
    """
    known = cameo(code).code
    lookup = known + "0" if len(known) == 2 else known
    for end in range(len(lookup), 1, -1):
        mapped = _INTENT_BY_PREFIX.get(lookup[:end])
        if mapped is not None:
            return mapped
    return lookup


def demand_code_for(code: str) -> str:
    """The DEMAND code for saying that someone must do ``code`` ("Russia said Sudan must return the
    helicopter" -> 1053): the 10x code parallel to the act's 03x intent, else the general 100."""
    intent = intent_code_for(code)
    parallel = "10" + intent[2:] if intent.startswith("03") else "100"
    return parallel if is_code(parallel) else "100"


REFUSALS = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "124"}


def refusal_code_for(code: str) -> str | None:
    """The REJECT code for refusing a cooperative act ("said it would not provide aid" -> 121), or None
    for acts whose refusal is not a rejection (a promise not to attack is no REJECT)."""
    return REFUSALS.get(code[:2])
