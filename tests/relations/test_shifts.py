"""The shift rule: its statistics on small hand-made series, then on the sample corpus (the border
conflict of October 2025), then through the CLI."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from statistics import fmean, stdev

import pytest
from typer.testing import CliRunner

from overtures.cli import app
from overtures.errors import InputError, NotFoundError
from overtures.relations import ShiftMeasure, ShiftRule, departure, find_shifts, period_of
from overtures.relations.shifts import PeriodTally, count_history, dyad_departures
from overtures.store import open_store
from tests.relations.conftest import DYAD_WHERE

RUNNER = CliRunner()
OCTOBER = date(2025, 10, 31)


def test_a_flat_history_uses_the_floor_of_one_point() -> None:
    moved = departure(4.0, [7.0, 7.0, 7.0])
    assert (moved.mean, moved.stdev, moved.z, moved.history) == (7.0, 0.0, -3.0, 3)


def test_z_uses_the_sample_standard_deviation_of_the_history() -> None:
    moved = departure(10.0, [1.0, 3.0])
    assert moved.stdev == pytest.approx(2**0.5)
    assert moved.z == pytest.approx(8 / 2**0.5)


def test_an_empty_history_departs_by_nothing() -> None:
    assert departure(5.0, []).z == 0.0


def test_the_rule_needs_enough_events_and_history_and_a_large_enough_z() -> None:
    rule = ShiftRule(z=2.0, min_events=3, min_history=2)
    moved = departure(4.0, [6.0, 6.0])  # z = -2.0 exactly: flagged
    assert rule.flags(moved, events=3)
    assert not rule.flags(moved, events=2)
    assert not rule.flags(departure(4.0, [6.0]), events=3)
    assert not rule.flags(departure(4.5, [6.0, 6.0]), events=3)


def test_a_rule_refuses_thresholds_that_make_no_sense() -> None:
    with pytest.raises(InputError):
        ShiftRule(z=0)
    with pytest.raises(InputError):
        ShiftRule(min_events=0)


def _tally(day: date, events: int, goldstein_sum: float, scored: int | None = None) -> PeriodTally:
    scored = events if scored is None else scored
    return PeriodTally(
        period=period_of(day, "month"), events=events, scored=scored, goldstein_sum=goldstein_sum
    )


def test_count_history_counts_quiet_periods_as_zero_from_the_first_event_on() -> None:
    earlier = [_tally(date(2025, 1, 9), 2, 8.0), _tally(date(2025, 3, 2), 1, 3.0)]
    assert count_history(earlier, period_of(date(2025, 5, 20), "month"), "month") == [2.0, 0.0, 1.0, 0.0]
    assert count_history([], period_of(date(2025, 5, 20), "month"), "month") == []


def test_the_goldstein_history_skips_periods_without_scored_events() -> None:
    tallies = [
        _tally(date(2025, 1, 9), 2, 8.0),
        _tally(date(2025, 2, 9), 1, 0.0, scored=0),
        _tally(date(2025, 3, 2), 1, 6.0),
        _tally(date(2025, 5, 1), 4, -20.0),
    ]
    found = {
        measure: (moved, events)
        for measure, moved, events in dyad_departures(tallies, tallies[-1].period, "month")
    }
    goldstein, events = found[ShiftMeasure.GOLDSTEIN_MEAN]
    assert (goldstein.value, goldstein.history, goldstein.mean, events) == (-5.0, 2, 5.0, 4)
    count, _ = found[ShiftMeasure.EVENT_COUNT]
    assert (count.value, count.history) == (4, 4)


def test_a_dyad_without_events_in_the_latest_period_has_no_departure() -> None:
    tallies = [_tally(date(2025, 1, 9), 2, 8.0)]
    assert dyad_departures(tallies, period_of(date(2025, 2, 1), "month"), "month") == []


def _monthly_counts(sql: sqlite3.Connection, a: str, b: str, last: date) -> dict[str, tuple[int, float]]:
    query = f"""SELECT strftime('%Y-%m', date) AS month, count(*), avg(goldstein) FROM events
        WHERE {DYAD_WHERE} AND date <= :last GROUP BY month ORDER BY month"""
    return {m: (n, mean) for m, n, mean in sql.execute(query, {"a": a, "b": b, "last": last.isoformat()})}


def test_the_october_2025_border_conflict_is_a_pakistan_afghanistan_shift(
    corpus_db: str, sql: sqlite3.Connection
) -> None:
    with open_store(corpus_db) as store:
        report = find_shifts(store, period="month", as_of=OCTOBER)
    assert report.period.label == "2025-10"
    shifts = {(s.dyad, s.measure): s for s in report.dyad_shifts}
    counted = shifts[(("AFG", "PAK"), ShiftMeasure.EVENT_COUNT)]
    months = _monthly_counts(sql, "PAK", "AFG", OCTOBER)
    assert counted.value == counted.events == months["2025-10"][0]
    history = [float(months.get(label, (0, 0.0))[0]) for label in _months_from(min(months), "2025-09")]
    assert counted.history_periods == len(history)
    assert counted.history_mean == pytest.approx(fmean(history), abs=1e-4)
    assert counted.z == pytest.approx((counted.value - fmean(history)) / max(stdev(history), 1.0), abs=1e-3)


def test_the_goldstein_measure_follows_the_same_rule(corpus_db: str, sql: sqlite3.Connection) -> None:
    months = _monthly_counts(sql, "PAK", "AFG", OCTOBER)
    means = [mean for label, (_, mean) in months.items() if label < "2025-10"]
    z = (months["2025-10"][1] - fmean(means)) / max(stdev(means), 1.0)
    with open_store(corpus_db) as store:
        report = find_shifts(store, as_of=OCTOBER)
    flagged = any(
        s.measure is ShiftMeasure.GOLDSTEIN_MEAN and s.dyad == ("AFG", "PAK") for s in report.dyad_shifts
    )
    assert flagged == (abs(z) >= 2.0)


def _months_from(first: str, last: str) -> list[str]:
    start = date.fromisoformat(first + "-01")
    end = date.fromisoformat(last + "-01")
    labels = []
    while start <= end:
        labels.append(f"{start:%Y-%m}")
        start = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return labels


def test_the_evidence_is_the_period_s_strongest_events(corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        report = find_shifts(store, as_of=OCTOBER)
        shift = next(s for s in report.dyad_shifts if s.dyad == ("AFG", "PAK"))
        assert 0 < len(shift.evidence) <= 5
        scores = [abs(item.goldstein or 0.0) for item in shift.evidence]
        assert scores == sorted(scores, reverse=True)
        for item in shift.evidence:
            assert item.date in report.period
            assert store.get_article(item.article_id).text[item.start : item.end] == item.sentence
        strongest = max(abs(e.goldstein or 0.0) for e in store.events(_october_pak_afg()))
    assert scores[0] == strongest


def _october_pak_afg():  # type: ignore[no-untyped-def]
    from overtures.store import EventQuery

    return EventQuery(dyad=("PAK", "AFG"), date_from=date(2025, 10, 1), date_to=OCTOBER, limit=None)


def test_as_of_before_october_gives_no_october_shift(corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        report = find_shifts(store, as_of=date(2025, 9, 30))
    assert report.period.label == "2025-09"
    assert all(s.period == "2025-09" for s in report.dyad_shifts)
    assert not any(s.dyad == ("AFG", "PAK") for s in report.dyad_shifts)


def test_as_of_counts_only_the_events_dated_up_to_it(corpus_db: str, sql: sqlite3.Connection) -> None:
    mid = date(2025, 10, 15)
    with open_store(corpus_db) as store:
        report = find_shifts(store, as_of=mid, rule=ShiftRule(min_events=1))
    counted = next(
        s for s in report.dyad_shifts if s.measure is ShiftMeasure.EVENT_COUNT and s.dyad == ("AFG", "PAK")
    )
    assert counted.value == _monthly_counts(sql, "PAK", "AFG", mid)["2025-10"][0]
    assert all(item.date is not None and item.date <= mid for item in counted.evidence)


def test_the_default_latest_period_holds_the_latest_event_between_two_countries(
    corpus_db: str, sql: sqlite3.Connection
) -> None:
    query = """SELECT max(date) FROM events WHERE modality = 'asserted' AND source_country IS NOT NULL
        AND target_country IS NOT NULL AND source_country <> target_country"""
    latest = date.fromisoformat(sql.execute(query).fetchone()[0])
    with open_store(corpus_db) as store:
        report = find_shifts(store)
    assert report.as_of == latest
    assert latest in report.period


def test_an_empty_store_has_no_latest_period(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as store, pytest.raises(NotFoundError):
        find_shifts(store)


def _cli(*args: str) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_shifts_json_has_the_period_rule_and_shifts_with_evidence(corpus_db: str) -> None:
    code, out, _ = _cli("--db", corpus_db, "shifts", "--as-of", "2025-10-31", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["period"], report["start"], report["end"]) == ("2025-10", "2025-10-01", "2025-10-31")
    assert report["rule"] == {"z": 2.0, "min_events": 3, "min_history": 2}
    shift = next(s for s in report["dyad_shifts"] if s["dyad"] == ["AFG", "PAK"])
    assert shift["measure"] in {"event_count", "goldstein_mean"} and abs(shift["z"]) >= 2.0
    assert {"article_id", "sentence", "start", "end", "cameo"} <= set(shift["evidence"][0])


def test_shifts_table_lists_each_shift_with_its_evidence(corpus_db: str) -> None:
    code, out, _ = _cli("--db", corpus_db, "shifts", "--as-of", "2025-10-31", "--period", "month")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2025-10 (as of 2025-10-31):")
    assert any(line.startswith("AFG-PAK  event_count") for line in lines)
    with open_store(corpus_db) as store:
        shift = next(s for s in find_shifts(store, as_of=OCTOBER).dyad_shifts if s.dyad == ("AFG", "PAK"))
    for item in shift.evidence:
        assert (
            f"    {item.cameo} " in out
            and f"{item.article_id}:{item.start}-{item.end}  {item.sentence}" in out
        )


def test_shifts_options_are_checked(corpus_db: str) -> None:
    code, _, err = _cli("--db", corpus_db, "shifts", "--period", "fortnight")
    assert code == 1 and "unknown period 'fortnight'" in err
    code, _, err = _cli("--db", corpus_db, "shifts", "--as-of", "October")
    assert code == 1 and "is not a date" in err
