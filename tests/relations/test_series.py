"""Dyad series on the sample corpus, checked against SQL written here over the events and articles
tables; period labels and continuity; the DataFrame; the CLI in every format."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

import overtures
from overtures.cli import app
from overtures.errors import InputError
from overtures.relations import PeriodRow, dyad_series, period_of, periods_between, series_frame
from overtures.relations import undated_events as count_undated
from overtures.store import open_store
from tests.relations.conftest import DYAD_WHERE

RUNNER = CliRunner()


def _series(url: str, a: str, b: str, **options: object) -> list[PeriodRow]:
    with open_store(url) as store:
        return dyad_series(store, a, b, **options)  # type: ignore[arg-type]


def _quads_by_sql(sql: sqlite3.Connection, a: str, b: str, row: PeriodRow) -> dict[int, tuple[int, float]]:
    query = f"""SELECT quad_class, count(*), sum(goldstein) FROM events
        WHERE {DYAD_WHERE} AND date BETWEEN :start AND :end GROUP BY quad_class"""
    params = {"a": a, "b": b, "start": row.start.isoformat(), "end": row.end.isoformat()}
    return {quad: (count, total) for quad, count, total in sql.execute(query, params)}


def _top_codes_by_sql(sql: sqlite3.Connection, a: str, b: str, row: PeriodRow) -> list[tuple[str, int]]:
    query = f"""SELECT cameo, count(*) AS n FROM events WHERE {DYAD_WHERE} AND date BETWEEN :start AND :end
        GROUP BY cameo ORDER BY n DESC, cameo LIMIT 3"""
    params = {"a": a, "b": b, "start": row.start.isoformat(), "end": row.end.isoformat()}
    return [(cameo, n) for cameo, n in sql.execute(query, params)]


def _articles_by_sql(sql: sqlite3.Connection, start: date, end: date) -> int:
    query = "SELECT count(*) FROM articles WHERE published BETWEEN ? AND ?"
    return int(sql.execute(query, (start.isoformat(), end.isoformat())).fetchone()[0])


@pytest.mark.parametrize("dyad", [("RUS", "AFG"), ("PAK", "AFG")])
def test_monthly_rows_agree_with_sql_over_the_events_table(
    corpus_db: str, sql: sqlite3.Connection, dyad: tuple[str, str]
) -> None:
    rows = _series(corpus_db, *dyad)
    assert sum(row.events for row in rows) > 5
    for row in rows:
        quads = _quads_by_sql(sql, *dyad, row)
        assert [row.q1, row.q2, row.q3, row.q4] == [quads.get(q, (0, 0.0))[0] for q in (1, 2, 3, 4)]
        assert row.events == sum(count for count, _ in quads.values())
        assert row.goldstein_sum == pytest.approx(sum(total or 0.0 for _, total in quads.values()))
        assert list(row.top_codes) == _top_codes_by_sql(sql, *dyad, row)
        if row.events:
            assert row.goldstein_mean == pytest.approx(row.goldstein_sum / row.events, abs=1e-4)
        else:
            assert row.goldstein_mean is None


def test_pakistan_afghanistan_in_october_2025_is_mostly_material_conflict(corpus_db: str) -> None:
    october = next(row for row in _series(corpus_db, "PAK", "AFG") if row.period == "2025-10")
    assert october.q4 > october.q1 + october.q2
    assert october.goldstein_mean is not None and october.goldstein_mean < -3


def test_a_directed_series_counts_one_direction_and_both_directions_add_up(corpus_db: str) -> None:
    both = _series(corpus_db, "RUS", "AFG")
    forward = _series(corpus_db, "RUS", "AFG", directed=True)
    backward = _series(corpus_db, "AFG", "RUS", directed=True)
    assert [row.period for row in forward] == [row.period for row in both] == [row.period for row in backward]
    for total, one, other in zip(both, forward, backward, strict=True):
        assert total.events == one.events + other.events
        assert total.goldstein_sum == pytest.approx(one.goldstein_sum + other.goldstein_sum)
    assert 0 < sum(row.events for row in backward) < sum(row.events for row in forward)


def test_months_run_without_gaps_and_quiet_months_are_zeros(corpus_db: str, sql: sqlite3.Connection) -> None:
    rows = _series(corpus_db, "RUS", "AFG")
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
        assert after.period == f"{after.start:%Y-%m}"
    quiet = [row for row in rows if row.events == 0]
    assert quiet
    assert all(
        (row.q1, row.q2, row.q3, row.q4, row.goldstein_sum, row.top_codes) == (0, 0, 0, 0, 0, ())
        for row in quiet
    )
    first_event = sql.execute(f"SELECT min(date) FROM events WHERE {DYAD_WHERE}", {"a": "RUS", "b": "AFG"})
    first_article = sql.execute("SELECT min(published) FROM articles")
    first = min(
        date.fromisoformat(first_event.fetchone()[0]), date.fromisoformat(first_article.fetchone()[0])
    )
    assert rows[0].start == first.replace(day=1)


def test_week_labels_are_iso_weeks_from_monday_to_sunday(corpus_db: str) -> None:
    rows = _series(corpus_db, "PAK", "AFG", by="week")
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    for row in rows:
        iso = row.start.isocalendar()
        assert row.period == f"{iso.year}-W{iso.week:02d}"
        assert (row.start.weekday(), row.end - row.start) == (0, timedelta(days=6))
    assert sum(row.events for row in rows) == sum(row.events for row in _series(corpus_db, "PAK", "AFG"))


def test_year_rows_cover_whole_years(corpus_db: str) -> None:
    rows = _series(corpus_db, "RUS", "AFG", by="year")
    assert [row.period for row in rows] == [str(row.start.year) for row in rows]
    assert all(
        (row.start, row.end) == (date(row.start.year, 1, 1), date(row.start.year, 12, 31)) for row in rows
    )
    assert sum(row.events for row in rows) == sum(row.events for row in _series(corpus_db, "RUS", "AFG"))


def test_iso_weeks_do_not_split_at_the_end_of_a_year() -> None:
    week = period_of(date(2024, 12, 31), "week")
    assert (week.label, week.start, week.end) == ("2025-W01", date(2024, 12, 30), date(2025, 1, 5))
    assert period_of(date(2024, 2, 10), "month").end == date(2024, 2, 29)
    assert [p.label for p in periods_between(date(2024, 11, 20), date(2025, 2, 1), "month")] == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]


def test_articles_count_the_stored_articles_published_in_each_period(
    corpus_db: str, sql: sqlite3.Connection
) -> None:
    rows = _series(corpus_db, "PAK", "AFG")
    for row in rows:
        assert row.articles == _articles_by_sql(sql, row.start, row.end)
        assert row.rate == (round(row.events / row.articles, 4) if row.articles else None)
    assert sum(row.articles for row in rows) == sql.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_date_bounds_limit_both_events_and_articles(corpus_db: str, sql: sqlite3.Connection) -> None:
    since, until = date(2025, 3, 20), date(2025, 7, 5)
    rows = _series(corpus_db, "RUS", "AFG", date_from=since, date_to=until)
    assert rows[0].start >= period_of(since, "month").start and rows[-1].end <= period_of(until, "month").end
    query = f"SELECT count(*) FROM events WHERE {DYAD_WHERE} AND date BETWEEN :since AND :until"
    params = {"a": "RUS", "b": "AFG", "since": since.isoformat(), "until": until.isoformat()}
    assert sum(row.events for row in rows) == sql.execute(query, params).fetchone()[0]
    assert sum(row.articles for row in rows) == _articles_by_sql(sql, since, until)


def test_undated_events_are_left_out_and_counted(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "undated.jsonl"
    article = {"id": "u1", "text": "Pakistan deported 5,000 Afghan refugees."}
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'undated.db'}"
    overtures.ingest([source], db=url, services=services)
    with open_store(url) as store:
        assert [e.date.date for e in store.events()] == [None]
        assert dyad_series(store, "PAK", "AFG") == []
        assert count_undated(store, "AFG", "PAK") == 1
        assert count_undated(store, "AFG", "PAK", directed=True) == 0


def test_a_dyad_needs_two_different_countries_and_a_known_period(corpus_db: str) -> None:
    with pytest.raises(InputError, match="two different countries"):
        _series(corpus_db, "AFG", "afg")
    with pytest.raises(InputError, match="unknown period"):
        _series(corpus_db, "RUS", "AFG", by="quarter")


def test_series_frame_is_indexed_by_period_with_nan_for_missing_ratios(corpus_db: str) -> None:
    rows = _series(corpus_db, "RUS", "AFG")
    frame = series_frame(rows)
    assert list(frame.index) == [row.period for row in rows]
    assert int(frame["events"].sum()) == sum(row.events for row in rows)
    for row in rows:
        if row.goldstein_mean is None:
            assert math.isnan(frame.loc[row.period, "goldstein_mean"])
        assert frame.loc[row.period, "top_codes"] == " ".join(f"{c}:{n}" for c, n in row.top_codes)
    assert frame["start"].dt.date.tolist() == [row.start for row in rows]


def _cli(*args: str) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_dyad_json_lists_every_period_as_an_object(corpus_db: str) -> None:
    code, out, _ = _cli("--db", corpus_db, "dyad", "rus", "afg", "--format", "json")
    assert code == 0
    records = json.loads(out)
    rows = _series(corpus_db, "RUS", "AFG")
    assert [r["period"] for r in records] == [row.period for row in rows]
    assert [r["events"] for r in records] == [row.events for row in rows]
    coded = next(r for r in records if r["top_codes"])
    assert set(coded["top_codes"][0]) == {"cameo", "events"}


def test_dyad_csv_has_a_header_and_one_line_per_period(corpus_db: str) -> None:
    code, out, _ = _cli("--db", corpus_db, "dyad", "PAK", "AFG", "--by", "year", "--format", "csv")
    assert code == 0
    records = list(csv.DictReader(io.StringIO(out)))
    rows = _series(corpus_db, "PAK", "AFG", by="year")
    assert [r["period"] for r in records] == [row.period for row in rows]
    assert [int(r["q4"]) for r in records] == [row.q4 for row in rows]
    assert [float(r["goldstein_sum"]) for r in records] == [row.goldstein_sum for row in rows]


def test_dyad_table_shows_the_periods_within_the_dates(corpus_db: str) -> None:
    args = ("--db", corpus_db, "dyad", "PAK", "AFG", "--since", "2025-09-01", "--until", "2025-10-31")
    code, out, _ = _cli(*args)
    assert code == 0
    assert "2025-09" in out and "2025-10" in out and "2025-08" not in out


def test_dyad_says_when_there_are_no_events_and_refuses_an_unknown_format(corpus_db: str) -> None:
    code, _, err = _cli("--db", corpus_db, "dyad", "RUS", "JPN", "--format", "json")
    assert code == 0 and "no asserted events between RUS and JPN" in err
    code, _, err = _cli("--db", corpus_db, "dyad", "RUS", "AFG", "--format", "xml")
    assert code == 1 and "unknown format 'xml'" in err


@pytest.mark.parametrize("command", ["dyad", "shifts"])
def test_the_commands_have_help_with_an_example(command: str) -> None:
    code, out, _ = _cli(command, "--help")
    assert code == 0 and "Example" in out
