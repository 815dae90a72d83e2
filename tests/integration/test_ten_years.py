"""The ten-year centre (``demo-data --years``, ``scripts/make_big_store.py``), at a small scale."""

from __future__ import annotations

import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo import ten_years
from jobcenter_desktop.demo.ten_years import TenYearSummary, build_ten_years
from jobcenter_desktop.domain.schedule import week_start
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.integrity import check_store

YEARS, SCALE = 2, 0.2


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, TenYearSummary]]:
    folder = tmp_path_factory.mktemp("ten_years")
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    lines: list[str] = []
    summary = build_ten_years(
        store, years=YEARS, scale=SCALE, invoice_months=1, progress=lines.append
    )
    assert lines, "progress is reported"
    yield store, summary
    store.close()


def rows(store: Store, sql: str) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(text(sql)))


def minutes(value: Any) -> int:
    clock = datetime.strptime(str(value)[:5], "%H:%M")
    return clock.hour * 60 + clock.minute


def test_counts_are_in_proportion(built: tuple[Store, TenYearSummary]) -> None:
    _store, summary = built
    assert summary.participants == round(SCALE * (75 + 32.5 * YEARS))
    assert summary.customers == round(SCALE * (30 + 12 * YEARS))
    assert summary.contracts == round(SCALE * 30 * YEARS)
    gigs = 2500 * YEARS * SCALE
    assert 0.5 * gigs <= summary.gigs <= 1.5 * gigs
    # Crews of 2-6 and an instructor: two to seven entries a gig, most gigs done.
    assert 2 * 0.8 * summary.gigs <= summary.timesheet_entries <= 7 * summary.gigs
    assert summary.attendance_days > summary.participants * 50
    assert summary.audit_entries > summary.gigs * 3
    assert summary.invoices > 0


def test_every_customer_type_and_valid_register_rows(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    types = {kind for (kind,) in rows(store, "SELECT DISTINCT type FROM customer")}
    assert types == {"company", "association", "parish", "public", "household"}
    statuses = Counter(status for (status,) in rows(store, "SELECT status FROM participant"))
    assert statuses["active"] and statuses["ended"]
    assert not rows(store, "SELECT id FROM participant WHERE search = ''")
    assert not rows(store, "SELECT id FROM contract WHERE search = ''")


def test_no_one_is_on_two_overlapping_gigs(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    booked: dict[tuple[str, int, str], list[tuple[int, int]]] = defaultdict(list)
    for table, person in (
        ("gig_participant", "participant_id"),
        ("gig_instructor", "instructor_id"),
    ):
        for person_id, day, start, duration in rows(
            store,
            f"SELECT c.{person}, g.day, g.start_time, g.duration_minutes FROM {table} c"
            " JOIN gig g ON g.id = c.gig_id WHERE g.status NOT LIKE 'cancelled%'",
        ):
            begin = minutes(start)
            booked[(table, person_id, str(day))].append((begin, begin + duration))
    assert booked
    for spans in booked.values():
        spans.sort()
        for (_begin, first_end), (second_begin, _end) in itertools.pairwise(spans):
            assert first_end <= second_begin


def test_weekly_limits_are_kept(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    weeks: dict[tuple[int, date], int] = defaultdict(int)
    limits: dict[int, int] = {}
    for person_id, limit, day, duration in rows(
        store,
        "SELECT p.id, p.weekly_limit_minutes, g.day, g.duration_minutes FROM gig_participant c"
        " JOIN gig g ON g.id = c.gig_id JOIN participant p ON p.id = c.participant_id"
        " WHERE p.weekly_limit_minutes IS NOT NULL AND g.status NOT LIKE 'cancelled%'",
    ):
        weeks[(person_id, week_start(date.fromisoformat(str(day))))] += duration
        limits[person_id] = limit
    assert weeks
    assert all(total <= limits[person] for (person, _week), total in weeks.items())


def test_one_entry_per_person_per_done_gig(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    crews: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for gig_id, person_id in rows(
        store,
        "SELECT c.gig_id, c.participant_id FROM gig_participant c"
        " JOIN gig g ON g.id = c.gig_id WHERE g.status = 'done'",
    ):
        crews[gig_id].add(("participant", person_id))
    for gig_id, person_id in rows(
        store,
        "SELECT c.gig_id, c.instructor_id FROM gig_instructor c"
        " JOIN gig g ON g.id = c.gig_id WHERE g.status = 'done'",
    ):
        crews[gig_id].add(("instructor", person_id))
    entries: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for gig_id, participant_id, instructor_id in rows(
        store,
        "SELECT e.gig_id, e.participant_id, e.instructor_id FROM timesheet_entry e"
        " JOIN gig g ON g.id = e.gig_id WHERE g.status = 'done'",
    ):
        if participant_id is not None:
            entries[gig_id].append(("participant", participant_id))
        else:
            entries[gig_id].append(("instructor", instructor_id))
    done = [gig_id for (gig_id,) in rows(store, "SELECT id FROM gig WHERE status = 'done'")]
    assert done
    for gig_id in done:
        assert sorted(entries[gig_id]) == sorted(crews[gig_id])


def test_approved_entries_are_on_done_gigs_and_audited(
    built: tuple[Store, TenYearSummary],
) -> None:
    store, _summary = built
    assert not rows(
        store,
        "SELECT e.id FROM timesheet_entry e JOIN gig g ON g.id = e.gig_id"
        " WHERE e.approved_at IS NOT NULL AND g.status <> 'done'",
    )
    assert not rows(
        store,
        "SELECT id FROM timesheet_entry WHERE approved_at IS NOT NULL"
        " AND (approved_rounding_minutes IS NULL OR approved_vat_treatment IS NULL)",
    )
    approved = {
        gig_id
        for (gig_id,) in rows(
            store, "SELECT DISTINCT gig_id FROM timesheet_entry WHERE approved_at IS NOT NULL"
        )
    }
    audited = {
        gig_id
        for (gig_id,) in rows(
            store,
            "SELECT entity_id FROM audit_entry WHERE entity = 'timesheet' AND action = 'approve'",
        )
    }
    assert approved and approved == audited


def test_attendance_is_one_day_per_person(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    [(total, distinct)] = rows(
        store,
        "SELECT count(*), count(DISTINCT participant_id || ' ' || day) FROM attendance",
    )
    assert total == distinct > 0
    # Paid work where approved hours are, never a day present beside them.
    assert not rows(
        store,
        "SELECT a.id FROM attendance a JOIN timesheet_entry e ON e.participant_id ="
        " a.participant_id JOIN gig g ON g.id = e.gig_id AND g.day = a.day"
        " WHERE a.status <> 'paid_work'",
    )


def test_the_check_finds_nothing(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    assert check_store(store) == []


def test_the_planner_reads_this_week(built: tuple[Store, TenYearSummary]) -> None:
    store, _summary = built
    monday = week_start(date.today())
    week = list_gigs(store, monday, monday + timedelta(days=6))
    assert week
    assert any(gig.participants for gig in week)


def test_demo_data_years_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    small = functools.partial(build_ten_years, scale=0.05, invoice_months=1)
    monkeypatch.setattr(ten_years, "build_ten_years", small)
    data = tmp_path / "data"

    assert main(["--data-dir", str(data), "demo-data", "--years", "2"]) == 0
    assert "Tehty 2 vuoden keskus" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "check"]) == 0

    assert main(["--data-dir", str(data), "demo-data", "--years", "2"]) != 0
    assert "vain tyhjään datatiedostoon" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "other"), "demo-data", "--years", "0"]) == 2


def test_an_invoice_of_a_busy_month_is_not_too_long_to_store() -> None:
    """A month of daily gigs billed a line each made a snapshot over the typed-text limit,
    which stopped the invoice run; the snapshot is the program's own, like the audit log."""
    from jobcenter_desktop.db.field_limits import row_problems
    from jobcenter_desktop.db.models import Invoice

    assert "document" not in row_problems(Invoice(document="[" + "1, " * 20_000 + "1]"))
