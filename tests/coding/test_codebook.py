"""The CAMEO codebook: lookups checked against the bundled JSON tables, read here independently."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pytest

from overtures.coding.codebook import all_codes, cameo, intent_code_for, root_codes
from overtures.errors import NotFoundError
from overtures.model import QuadClass

SAMPLE = ["010", "016", "036", "042", "0841", "085", "1056", "1213", "155", "163", "1834", "195", "204"]


@cache
def table(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((resources.files("overtures") / "data" / name).read_text("utf-8"))
    return loaded


def codes_row(code: str) -> dict[str, Any]:
    row: dict[str, Any] = table("cameo_codes.json")["codes"][code]
    return row


def first_score(code: str) -> float | None:
    scores = codes_row(code)["goldstein"]
    return next((scores[t] for t in ("gdelt", "icews", "phoenix") if scores[t] is not None), None)


def test_cameo_042_is_a_visit_in_root_04() -> None:
    entry = cameo("042")
    assert (entry.root, entry.root_name) == ("04", "CONSULT")
    assert entry.name == codes_row("042")["name"]


@pytest.mark.parametrize("code", SAMPLE)
def test_goldstein_is_gdelt_then_icews_then_phoenix_then_parent_then_root(code: str) -> None:
    expected = first_score(code)
    if expected is None:
        expected = first_score(code[:3]) if first_score(code[:3]) is not None else first_score(code[:2])
    assert cameo(code).goldstein == expected


def test_goldstein_falls_back_to_icews_where_gdelt_has_none() -> None:
    assert codes_row("1213")["goldstein"]["gdelt"] is None
    assert cameo("1213").goldstein == codes_row("1213")["goldstein"]["icews"]


def test_code_no_table_scores_takes_its_roots_score() -> None:
    assert set(codes_row("155")["goldstein"].values()) == {None}
    assert cameo("155").goldstein == codes_row("15")["goldstein"]["gdelt"]


def test_quad_class_follows_gdelt_for_every_code() -> None:
    for entry in all_codes():
        assert entry.quad_class == QuadClass(codes_row(entry.code)["quad_class"]["gdelt"]), entry.code


@pytest.mark.parametrize("code", ["036", "042", "0841", "085", "1056", "163", "195", "204"])
def test_plover_is_the_translation_table_entry_for_the_code(code: str) -> None:
    assert cameo(code).plover == table("cameo_to_plover.json")["codes"][code]["event"]


def test_plover_uses_the_longest_prefix_for_codes_without_an_entry() -> None:
    plover_codes = table("cameo_to_plover.json")["codes"]
    assert "1834" not in plover_codes
    assert cameo("1834").plover == plover_codes["183"]["event"]


def test_plover_falls_back_to_the_root_table() -> None:
    assert cameo("155").plover == table("cameo_to_plover.json")["root"]["15"]


def test_statements_and_appeals_have_no_plover_event() -> None:
    assert cameo("010").plover is None
    assert cameo("0256").plover is None


def test_root_08_splits_into_concede_and_retreat() -> None:
    split = table("cameo_to_plover.json")["root_08_split"]
    assert cameo("0811").plover == split["081-083"]
    assert cameo("0874").plover == split["084-087"]


def test_unknown_code_raises_not_found_with_a_hint() -> None:
    with pytest.raises(NotFoundError) as caught:
        cameo("1999")
    assert "Unknown CAMEO code '1999'" in str(caught.value)
    assert "overtures codes" in str(caught.value)


def test_all_codes_are_sorted_and_complete() -> None:
    codes = [entry.code for entry in all_codes()]
    assert codes == sorted(codes)
    assert set(codes) == set(table("cameo_codes.json")["codes"])


def test_root_codes_are_the_twenty_roots() -> None:
    assert root_codes() == dict(sorted(table("cameo_codes.json")["roots"].items()))
    assert len(root_codes()) == 20


def test_intent_maps_every_root_04_to_08_code_into_root_03() -> None:
    acts = [entry.code for entry in all_codes() if "04" <= entry.root <= "08"]
    assert acts
    for code in acts:
        assert cameo(intent_code_for(code)).root == "03", code


def test_intent_keeps_root_03_codes() -> None:
    for entry in all_codes():
        if entry.root == "03" and len(entry.code) > 2:
            assert intent_code_for(entry.code) == entry.code


def test_intent_of_force_is_a_threat() -> None:
    for entry in all_codes():
        if entry.root >= "15":
            assert cameo(intent_code_for(entry.code)).root == "13", entry.code


@pytest.mark.parametrize(
    ("act", "intent"),
    [
        ("046", "036"),
        ("045", "039"),
        ("057", "030"),
        ("0841", "0353"),
        ("085", "0354"),
        ("0871", "0356"),
        ("191", "1381"),
        ("192", "1382"),
        ("163", "1312"),
        ("204", "1385"),
    ],
)
def test_intent_pairs_sub_codes(act: str, intent: str) -> None:
    assert intent_code_for(act) == intent


def test_intent_of_unknown_code_raises() -> None:
    with pytest.raises(NotFoundError):
        intent_code_for("999")


def test_a_demand_parallels_the_intent_of_the_act_demanded() -> None:
    from overtures.coding.codebook import demand_code_for

    assert demand_code_for("0841") == "1053"  # return persons: demand release of persons or property
    assert demand_code_for("057") == "100"  # sign an agreement: intent 030, demand 100
    assert demand_code_for("190") == "100"  # a hostile act has no cooperative demand code
