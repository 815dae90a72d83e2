"""Gigs: generation from contracts (idempotent, holidays and closures skipped), hand edits,
cancelling, crews, the date-range list, the audit entry and the `schedule` command."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.migrate import current_revision, head_revision
from jobcenter_desktop.db.models import AuditEntry, Contract, Gig, Participant, WorkSite
from jobcenter_desktop.db.records import set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.customers import WorkSiteInput
from jobcenter_desktop.paths import data_folder
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.planning.gigs import (
    GenerationSummary,
    add_gig,
    assign,
    cancel_gig,
    generate_gigs,
    move_gig,
)
from jobcenter_desktop.services.registers.closure_days import (
    add_closure_day,
    list_closure_days,
    remove_closure_day,
)
from tests.builders import make_contract, make_customer, make_instructor, make_participant

pytestmark = pytest.mark.usefixtures("finnish")

FIXTURE_0002 = Path(__file__).resolve().parent.parent / "data" / "jobcenter-schema-0002.db"
TODAY = date(2026, 1, 1)


def gigs_of(store: Store, contract_id: int | None = None) -> list[Gig]:
    query = select(Gig).order_by(Gig.day, Gig.id)
    if contract_id is not None:
        query = query.where(Gig.contract_id == contract_id)
    with store.read() as session:
        return list(session.scalars(query))


def active_contract(store: Store, **overrides: str) -> int:
    return make_contract(store, status="active", **overrides)


def test_generating_twice_creates_no_duplicates(store: Store) -> None:
    # Mondays from 5 January 2026; Easter Monday (6 April) is skipped.
    contract_id = active_contract(store)
    first = generate_gigs(store, date(2026, 4, 30), today=TODAY)
    assert first == GenerationSummary(created=16, kept=0, skipped_closed=1)
    second = generate_gigs(store, date(2026, 4, 30), today=TODAY)
    assert second == GenerationSummary(created=0, kept=16, skipped_closed=1)
    gigs = gigs_of(store, contract_id)
    assert len(gigs) == 16
    assert date(2026, 4, 6) not in [g.day for g in gigs]
    gig = gigs[0]
    assert (gig.day, gig.scheduled_on, gig.start_time) == (
        date(2026, 1, 5),
        date(2026, 1, 5),
        time(8),
    )
    assert (gig.duration_minutes, gig.status, gig.edited) == (180, GigStatus.PLANNED, False)
    # A longer horizon adds only the new weeks.
    third = generate_gigs(store, date(2026, 5, 31), today=TODAY)
    assert third.created == 4 and third.kept == 16


def test_a_moved_or_cancelled_gig_stays_as_edited_after_regeneration(store: Store) -> None:
    active_contract(store)
    generate_gigs(store, date(2026, 1, 31), today=TODAY)
    first, second, *_rest = gigs_of(store)
    move_gig(store, first.id, date(2026, 1, 7), time(9, 30), 120)
    cancel_gig(store, second.id, "centre", "Ohjaaja sairaana")
    summary = generate_gigs(store, date(2026, 1, 31), today=TODAY)
    assert summary.created == 0
    gigs = {g.id: g for g in gigs_of(store)}
    moved = gigs[first.id]
    assert (moved.day, moved.start_time, moved.duration_minutes) == (
        date(2026, 1, 7),
        time(9, 30),
        120,
    )
    assert moved.scheduled_on == date(2026, 1, 5) and moved.edited
    assert gigs[second.id].status is GigStatus.CANCELLED_BY_CENTRE
    assert len(gigs) == 4


def test_closure_days_are_skipped_and_editable(store: Store) -> None:
    active_contract(store)
    closure_id = add_closure_day(store, date(2026, 1, 12), "Henkilöstön koulutuspäivä")
    with pytest.raises(ValidationError, match="Sulkupäivä: päivä on jo sulkupäivä"):
        add_closure_day(store, date(2026, 1, 12), "Toinen")
    assert [(r.day, r.reason) for r in list_closure_days(store)] == [
        (date(2026, 1, 12), "Henkilöstön koulutuspäivä")
    ]
    summary = generate_gigs(store, date(2026, 1, 31), today=TODAY)
    assert summary == GenerationSummary(created=3, kept=0, skipped_closed=1)
    assert date(2026, 1, 12) not in [g.day for g in gigs_of(store)]
    # Opened again: the next run plans the day.
    remove_closure_day(store, closure_id)
    assert list_closure_days(store) == []
    assert generate_gigs(store, date(2026, 1, 31), today=TODAY).created == 1


def test_draft_ended_and_archived_contracts_generate_nothing(store: Store) -> None:
    customer_id = make_customer(store)
    make_contract(store, customer_id=customer_id, status="draft")
    make_contract(store, customer_id=customer_id, status="ended")
    archived = active_contract(store, title="Arkistoitu")
    set_archived(store, Contract, archived, True)
    assert generate_gigs(store, date(2026, 3, 31), today=TODAY).created == 0
    assert gigs_of(store) == []


def test_validity_cuts_generation_and_today_is_the_first_day(store: Store) -> None:
    active_contract(store, valid_from="1.2.2026", valid_to="28.2.2026", weekdays="ti")
    one_off = active_contract(store, valid_from="18.3.2026", weekdays="")
    summary = generate_gigs(store, date(2026, 12, 31), today=date(2026, 2, 5))
    # Tuesdays 10, 17 and 24 February (the 3rd is before today), and the one-off job.
    assert summary.created == 4
    assert [g.day for g in gigs_of(store)] == [
        date(2026, 2, 10),
        date(2026, 2, 17),
        date(2026, 2, 24),
        date(2026, 3, 18),
    ]
    assert gigs_of(store, one_off)[0].scheduled_on == date(2026, 3, 18)


def test_a_gig_takes_the_contracts_site_and_crew_size(store: Store) -> None:
    customer_id = make_customer(
        store, work_sites=[WorkSiteInput("Seurakuntatalo", "Kirkkokatu 1", "80100", "Joensuu")]
    )
    with store.read() as session:
        site_id = session.scalar(select(WorkSite.id))
    active_contract(store, customer_id=customer_id, work_site_id=site_id, planned_crew_size="3")
    generate_gigs(store, date(2026, 1, 5), today=TODAY)
    gig = gigs_of(store)[0]
    assert (gig.work_site_id, gig.planned_crew_size) == (site_id, 3)


def test_one_off_gig_by_hand_and_its_validation(store: Store) -> None:
    contract_id = active_contract(store, valid_to="30.6.2026")
    gig_id = add_gig(store, contract_id, date(2026, 3, 4), time(12), 90, note=" Muutto ")
    gig = gigs_of(store)[0]
    assert (gig.id, gig.scheduled_on, gig.day, gig.note) == (
        gig_id,
        None,
        date(2026, 3, 4),
        "Muutto",
    )
    with pytest.raises(ValidationError) as error:
        add_gig(store, contract_id, date(2026, 7, 1), time(12), 0)
    assert error.value.errors == {
        "day": "Päivämäärä: on sopimuksen voimassaoloajan ulkopuolella",
        "duration_minutes": "Kesto (min): on oltava 1–1440 minuuttia",
    }
    # A second generation run does not collide with a hand-made gig.
    generate_gigs(store, date(2026, 1, 12), today=TODAY)
    assert len(gigs_of(store)) == 3


def test_cancel_rules(store: Store) -> None:
    active_contract(store)
    generate_gigs(store, date(2026, 1, 26), today=TODAY)
    first, second, third, fourth = gigs_of(store)
    with pytest.raises(ValidationError, match="Peruutuksen syy: on pakollinen"):
        cancel_gig(store, first.id, "customer", "  ", billable=True)
    with pytest.raises(ValidationError, match="vain tilaajan peruman keikan voi laskuttaa"):
        cancel_gig(store, first.id, "centre", "Lumimyräkkä", billable=True)
    cancel_gig(store, first.id, "customer", "Sali varattu", billable=True)
    cancel_gig(store, second.id, "centre", "Ohjaaja sairaana")
    with pytest.raises(ValidationError, match="keikka on jo peruttu"):
        cancel_gig(store, first.id, "centre", "Uudelleen")
    with pytest.raises(ValidationError, match="vain suunnitellun keikan voi siirtää"):
        move_gig(store, first.id, date(2026, 1, 6), time(8), 60)
    with store.write() as tx:
        done = tx.session.get(Gig, third.id)
        assert done is not None
        done.status = GigStatus.DONE
    with pytest.raises(ValidationError, match="tehtyä keikkaa ei voi perua"):
        cancel_gig(store, third.id, "customer", "Myöhässä")
    gigs = {g.id: g for g in gigs_of(store)}
    assert (gigs[first.id].status, gigs[first.id].cancel_billable) == (
        GigStatus.CANCELLED_BY_CUSTOMER,
        True,
    )
    assert gigs[first.id].cancel_reason == "Sali varattu"
    assert (gigs[second.id].status, gigs[second.id].cancel_billable) == (
        GigStatus.CANCELLED_BY_CENTRE,
        False,
    )
    assert gigs[fourth.id].status is GigStatus.PLANNED


def test_assign_replaces_the_crew_and_list_gigs_shows_it(store: Store) -> None:
    customer_id = make_customer(store, name="Joensuun seurakunta")
    active_contract(store, customer_id=customer_id, title="Salin imurointi")
    generate_gigs(store, date(2026, 1, 12), today=TODAY)
    first, second = gigs_of(store)
    aino = make_participant(store, first_name="Aino", last_name="Mäkinen")
    eero = make_participant(store, first_name="Eero", last_name="Aalto")
    liisa = make_instructor(store)
    assign(store, first.id, [aino, eero], [liisa])
    assign(store, first.id, [eero], [liisa])
    with pytest.raises(ValidationError, match="Tekijät: valitse jokin vaihtoehdoista"):
        assign(store, second.id, [9999], [])
    set_archived(store, Participant, aino, True)
    with pytest.raises(ValidationError, match="arkistoitua henkilöä ei voi lisätä keikalle"):
        assign(store, second.id, [aino], [])

    rows = list_gigs(store, date(2026, 1, 1), date(2026, 1, 31))
    assert [r.day for r in rows] == [date(2026, 1, 5), date(2026, 1, 12)]
    row = rows[0]
    assert (row.contract_title, row.customer_name, row.status) == (
        "Salin imurointi",
        "Joensuun seurakunta",
        GigStatus.PLANNED,
    )
    assert row.participant_names == ("Eero Aalto",)
    assert len(row.participant_numbers) == 1 and row.participant_numbers[0]
    assert row.instructor_names == ("Liisa Laine",)
    assert rows[1].participants == () and rows[1].instructors == ()
    assert list_gigs(store, date(2026, 1, 6), date(2026, 1, 11)) == []


def test_list_gigs_runs_a_fixed_number_of_queries(store: Store) -> None:
    contract_id = active_contract(store, weekdays="ma-pe")
    generate_gigs(store, date(2026, 3, 31), today=TODAY)
    participant = make_participant(store)
    for gig in gigs_of(store, contract_id)[:10]:
        assign(store, gig.id, [participant], [])
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        rows = list_gigs(store, date(2026, 1, 1), date(2026, 3, 31))
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(rows) > 50
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3


def test_every_change_is_audited_and_generation_once_per_run(store: Store) -> None:
    contract_id = active_contract(store)
    generate_gigs(store, date(2026, 3, 31), today=TODAY)
    gig = gigs_of(store)[0]
    move_gig(store, gig.id, date(2026, 1, 6), time(8), 180)
    cancel_gig(store, gig.id, "customer", "Ei tarvetta")
    gig_id = add_gig(store, contract_id, date(2026, 2, 4), time(10), 60)
    assign(store, gig_id, [make_participant(store)], [])
    with store.read() as session:
        entries = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "gig").order_by(AuditEntry.id)
            )
        )
    assert [(e.entity_id, e.action) for e in entries] == [
        (None, "generate"),
        (gig.id, "move"),
        (gig.id, "cancel"),
        (gig_id, "create"),
        (gig_id, "assign"),
    ]
    assert entries[0].actor == "tester"
    assert entries[0].after == {
        "from": "2026-01-01",
        "until": "2026-03-31",
        "created": 13,
        "kept": 0,
        "skipped_closed": 0,
    }
    assert entries[1].before is not None and entries[1].after is not None
    assert (entries[1].before["day"], entries[1].after["day"]) == ("2026-01-05", "2026-01-06")
    assert entries[4].after is not None and len(entries[4].after["participants"]) == 1


def test_the_schedule_command_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_folder(tmp_path).create()
    store = Store.open(folder.database, folder.backups)
    try:
        active_contract(store, valid_from="1.1.2026", weekdays="ma-pe")
    finally:
        store.close()
    # A day ahead (a day already past plans nothing).
    until = (date.today() + timedelta(days=60)).isoformat()
    args = ["--data-dir", str(tmp_path), "schedule", "--until", until]
    assert main(args) == 0
    first = re.search(r"Luotiin (\d+) keikkaa, (\d+) oli jo olemassa", capsys.readouterr().out)
    assert first is not None
    assert main(args) == 0
    second = re.search(r"Luotiin (\d+) keikkaa, (\d+) oli jo olemassa", capsys.readouterr().out)
    assert second is not None
    assert int(second[1]) == 0
    assert int(second[2]) == int(first[1]) + int(first[2])
    store = Store.open(folder.database, folder.backups)
    try:
        with store.read() as session:
            assert session.scalar(select(func.count()).select_from(Gig)) == int(second[2])
    finally:
        store.close()


def test_the_schedule_command_refuses_a_bad_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(tmp_path), "schedule", "--until", "31.12.2026"])
    assert exit_info.value.code == 2
    assert "VVVV-KK-PP" in capsys.readouterr().err


def test_a_schema_0002_file_is_backed_up_upgraded_and_its_contract_planned(
    tmp_path: Path,
) -> None:
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURE_0002, path)
    store = Store.open(path, tmp_path / "backups")
    try:
        assert current_revision(store.engine) == head_revision()
        assert store.backup is not None and store.backup.parent == tmp_path / "backups"
        with sqlite3.connect(store.backup) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        summary = generate_gigs(store, date(2026, 12, 31), today=date(2026, 11, 23))
        assert summary == GenerationSummary(created=5, kept=0, skipped_closed=0)
        rows = list_gigs(store, date(2026, 12, 1), date(2026, 12, 31))
        assert [r.day.day for r in rows] == [1, 8, 15, 22, 29]
        assert {
            (r.contract_title, r.site_name, r.start_time, r.duration_minutes) for r in rows
        } == {("Salin imurointi", "Seurakuntatalo", time(9), 180)}
        assert rows[0].customer_name == "Joensuun seurakunta"
    finally:
        store.close()
