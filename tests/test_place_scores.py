"""The place figures on small hand-made records: coded, located, country and distance."""

from __future__ import annotations

from overtures.place_scores import km, place_figures


def test_distance_is_zero_at_a_point_and_symmetric() -> None:
    kabul, herat = (34.53, 69.17), (34.35, 62.2)
    assert km(kabul, kabul) == 0
    assert abs(km(kabul, herat) - km(herat, kabul)) < 1e-9
    assert 600 < km(kabul, herat) < 700


def test_figures_count_coded_located_and_right_countries() -> None:
    gold = [
        {"id": "a", "meta": [{"country": "Afghanistan", "latitude": 34.53, "longitude": 69.17}]},
        {"id": "b", "meta": [{"country": "Pakistan"}]},
        {"id": "c", "meta": [{"country": "Iran"}]},
        {"id": "d", "meta": [{"country": "Iraq"}]},
    ]
    kabul = {"name": "Kabul", "country": "AFG", "lat": 34.53, "lon": 69.17}
    predictions = [
        {"article_id": "a", "modality": "asserted", "location": None},
        {"article_id": "a", "modality": "asserted", "location": kabul},
        {"article_id": "b", "modality": "asserted", "location": {"name": "Kabul", "country": "AFG"}},
        {"article_id": "c", "modality": "asserted", "location": None},
        {"article_id": "d", "modality": "expected", "location": kabul},
    ]
    codes = {"Afghanistan": "AFG", "Pakistan": "PAK", "Iran": "IRN", "Iraq": "IRQ"}
    figures = place_figures(gold, predictions, codes.get)
    assert figures["coded"] == 3  # d has no asserted event
    assert figures["located_share"] == round(2 / 3, 3)
    assert figures["country_accuracy"] == 0.5
    assert figures["median_km"] == 0.0 and figures["with_point"] == 1
