"""The whole approved record is locked (issue 7): the store's triggers and unique indexes,
the services' refusals before them, approval of done gigs only with the contract's prices
copied, reopening, the upgrade of older files, and ``check``'s findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from jobcenter_desktop.db.errors import DuplicateError
from jobcenter_desktop.db.locks import ENTRY_LOCKED, GIG_LOCKED, LOCK_TRIGGERS
from jobcenter_desktop.db.migrate import migration_connection, upgrade
from jobcenter_desktop.db.models import AuditEntry, Gig, TimesheetEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import GigStatus, VatTreatment
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.queries.contracts import load_contract
from jobcenter_desktop.services.integrity import check_store
from jobcenter_desktop.services.planning.crew_checks import assign_checked
from jobcenter_desktop.services.planning.crew_templates import apply_template, save_crew_template
from jobcenter_desktop.services.planning.gigs import (
    GigLockedError,
    add_gig,
    assign,
    cancel_gig,
    move_gig,
)
from jobcenter_desktop.services.registers.contracts import save_contract
from jobcenter_desktop.services.timesheets.entries import (
    ApprovedLockedError,
    EntryInput,
    approve,
    approve_up_to,
    mark_done,
    record_entries,
    reopen,
    set_feedback,
)
from tests.builders import make_contract, make_instructor, make_participant

pytestmark = pytest.mark.usefixtures("finnish")

DAY = date(2026, 3, 4)
GIG_REFUSED = (
    "Keikalla on hyväksyttyjä tunteja, joten sitä ei voi siirtää eikä perua eikä sen "
    "työryhmää voi muuttaa. Avaa sen tunnit ensin uudelleen tuntikirjauksissa ja kerro syy."
)


class Approved:
    """A done gig whose two entries (a participant's and the instructor's) are approved."""

    def __init__(self, store: Store, approved: bool = True) -> None:
        self.contract = make_contract(
            store,
            status="active",
            rounding_minutes="15",
            worker_hour_price="35,00",
            instructor_hour_price="45,00",
            visit_price="20,00",
            minimum_charge="60,00",
            travel_fee="7,50",
        )
        self.gig = add_gig(store, self.contract, DAY, time(8), 180)
        self.aino = make_participant(store)
        self.eero = make_participant(store, first_name="Eero", last_name="Aalto")
        self.liisa = make_instructor(store)
        assign(store, self.gig, [self.aino], [self.liisa])
        record_entries(
            store,
            self.gig,
            [
                EntryInput(participant_id=self.aino, start="8", end="11", break_minutes="10"),
                EntryInput(instructor_id=self.liisa, start="8", end="11"),
            ],
        )
        mark_done(store, self.gig)
        if approved:
            approve(store, gig_id=self.gig)


def entries(store: Store) -> list[TimesheetEntry]:
    with store.read() as session:
        return list(session.scalars(select(TimesheetEntry).order_by(TimesheetEntry.id)))


def gig_of(store: Store, gig_id: int) -> Gig:
    with store.read() as session:
        gig = session.get(Gig, gig_id)
        assert gig is not None
        return gig


def refused(store: Store, message: str, statement: str, **params: object) -> None:
    """The raw statement is refused by the store with ``message``; nothing changes."""
    with pytest.raises(DBAPIError, match=message), store.engine.begin() as connection:
        connection.execute(text(statement), params)


# --- the approved entry ---------------------------------------------------------------


def test_an_update_that_clears_the_approval_and_changes_the_hours_is_refused(
    store: Store,
) -> None:
    crew = Approved(store)
    first = entries(store)[0].id
    for change in (
        "worked_minutes = 1",
        "billable_minutes = 600",
        "break_minutes = 0",
        "start_time = '07:00:00.000000'",
        "note = 'korjattu'",
        f"participant_id = {crew.eero}",
        "approved_hour_price = 1",
        "approved_rounding_minutes = 1",
    ):
        refused(
            store,
            ENTRY_LOCKED,
            "UPDATE timesheet_entry SET approved_at = NULL, approved_by = '', "
            f"{change} WHERE id = :id",
            id=first,
        )
        refused(
            store, ENTRY_LOCKED, f"UPDATE timesheet_entry SET {change} WHERE id = :id", id=first
        )
    refused(store, ENTRY_LOCKED, "DELETE FROM timesheet_entry WHERE id = :id", id=first)
    after = entries(store)
    assert [(e.worked_minutes, e.approved_at is not None) for e in after] == [
        (170, True),
        (180, True),
    ]

    # Reopening, as the service does it, is the one change allowed.
    with store.engine.begin() as connection:
        cleared = connection.execute(
            text(
                "UPDATE timesheet_entry SET approved_at = NULL, approved_by = '',"
                " approved_hour_price = NULL, approved_visit_price = NULL,"
                " approved_minimum_charge = NULL, approved_travel_fee = NULL,"
                " approved_rounding_minutes = NULL, approved_vat_treatment = NULL"
                " WHERE id = :id"
            ),
            {"id": first},
        )
        assert cleared.rowcount == 1
        connection.rollback()


def test_the_services_meet_the_lock_with_a_sentence_and_reopen_needs_a_reason(
    store: Store,
) -> None:
    crew = Approved(store)
    with pytest.raises(ApprovedLockedError):
        record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="9")])
    with pytest.raises(ValidationError, match="Uudelleen avaamisen syy"):
        reopen(store, crew.gig, " ")
    assert reopen(store, crew.gig, "Tauko puuttui") == 2
    assert all(e.approved_at is None and e.approved_hour_price is None for e in entries(store))
    # Open hours can be corrected; feedback never needed a reopen.
    set_feedback(store, crew.gig, 5, "Hyvä")
    record_entries(store, crew.gig, [EntryInput(participant_id=crew.aino, start="8", end="10")])


# --- the gig of approved hours ------------------------------------------------------------


def test_a_gig_with_approved_hours_refuses_raw_moves_cancels_and_restaffing(
    store: Store,
) -> None:
    crew = Approved(store)
    other = add_gig(store, crew.contract, DAY, time(13), 60)
    for change in (
        "day = '2026-03-05'",
        "start_time = '09:00:00.000000'",
        "duration_minutes = 240",
        "status = 'cancelled_by_customer'",
        "status = 'planned'",
        f"contract_id = {make_contract(store, status='active')}",
    ):
        refused(store, GIG_LOCKED, f"UPDATE gig SET {change} WHERE id = :id", id=crew.gig)
    refused(store, GIG_LOCKED, "DELETE FROM gig WHERE id = :id", id=crew.gig)
    refused(
        store,
        GIG_LOCKED,
        "INSERT INTO gig_participant (gig_id, participant_id) VALUES (:gig, :person)",
        gig=crew.gig,
        person=crew.eero,
    )
    refused(store, GIG_LOCKED, "DELETE FROM gig_participant WHERE gig_id = :gig", gig=crew.gig)
    refused(
        store,
        GIG_LOCKED,
        "UPDATE gig_participant SET gig_id = :other WHERE gig_id = :gig",
        gig=crew.gig,
        other=other,
    )
    refused(
        store,
        GIG_LOCKED,
        "INSERT INTO gig_instructor (gig_id, instructor_id) VALUES (:gig, :person)",
        gig=crew.gig,
        person=make_instructor(store, first_name="Pekka"),
    )
    refused(store, GIG_LOCKED, "DELETE FROM gig_instructor WHERE gig_id = :gig", gig=crew.gig)

    # What is not the approved record stays editable: the feedback, the note, other gigs.
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE gig SET feedback_score = 5, note = 'ok' WHERE id = :id"), {"id": crew.gig}
        )
        connection.execute(text("UPDATE gig SET day = '2026-03-06' WHERE id = :id"), {"id": other})
    gig = gig_of(store, crew.gig)
    assert (gig.day, gig.status, gig.feedback_score) == (DAY, GigStatus.DONE, 5)


def test_the_services_refuse_to_move_cancel_or_restaff_a_gig_with_approved_hours(
    store: Store,
) -> None:
    crew = Approved(store)
    template = save_crew_template(store, "Aamuvuoro", [crew.eero], crew.liisa)
    attempts = [
        lambda: move_gig(store, crew.gig, date(2026, 3, 5), time(8), 180),
        lambda: cancel_gig(store, crew.gig, "customer", "Ei tarvetta"),
        lambda: assign(store, crew.gig, [crew.aino, crew.eero], [crew.liisa]),
        lambda: assign_checked(store, crew.gig, [crew.eero], [crew.liisa], "Syy"),
        lambda: apply_template(store, template, crew.gig, "Syy"),
    ]
    for attempt in attempts:
        with pytest.raises(GigLockedError) as error:
            attempt()
        assert str(error.value) == GIG_REFUSED
    gig = gig_of(store, crew.gig)
    assert (gig.day, gig.status, [p.id for p in gig_participants(store, crew.gig)]) == (
        DAY,
        GigStatus.DONE,
        [crew.aino],
    )

    # Reopened, the gig is a done gig again: the crew can change (a done gig is not moved).
    reopen(store, crew.gig, "Väärä työryhmä")
    assign(store, crew.gig, [crew.aino, crew.eero], [crew.liisa])
    assert [p.id for p in gig_participants(store, crew.gig)] == [crew.aino, crew.eero]


def gig_participants(store: Store, gig_id: int) -> list[object]:
    with store.read() as session:
        gig = session.get(Gig, gig_id)
        assert gig is not None
        return list(gig.participants)


def test_a_planned_gig_with_hours_cannot_be_cancelled(store: Store) -> None:
    crew = Approved(store, approved=False)
    gig = add_gig(store, crew.contract, date(2026, 3, 5), time(8), 60)
    assign(store, gig, [crew.aino], [])
    record_entries(store, gig, [EntryInput(participant_id=crew.aino, start="8", end="9")])
    with pytest.raises(ValidationError, match="keikalle on kirjattu tunteja"):
        cancel_gig(store, gig, "customer", "Ei tarvetta")
    record_entries(store, gig, [])
    cancel_gig(store, gig, "customer", "Ei tarvetta")


# --- one entry per person per gig ---------------------------------------------------------


def test_the_store_refuses_a_second_entry_for_the_same_person_on_a_gig(store: Store) -> None:
    crew = Approved(store, approved=False)
    insert = (
        "INSERT INTO timesheet_entry (gig_id, participant_id, instructor_id, start_time,"
        " end_time, break_minutes, worked_minutes, billable_minutes, note, unplanned_reason,"
        " approved_by, created_at, updated_at) VALUES (:gig, :participant, :instructor,"
        " '12:00:00.000000', '13:00:00.000000', 0, 60, 60, '', '', '',"
        " '2026-03-04 12:00:00', '2026-03-04 12:00:00')"
    )
    refused(store, "UNIQUE", insert, gig=crew.gig, participant=crew.aino, instructor=None)
    refused(store, "UNIQUE", insert, gig=crew.gig, participant=None, instructor=crew.liisa)
    # Another person, or the same person on another gig, is fine.
    other = add_gig(store, crew.contract, DAY, time(12), 60)
    with store.engine.begin() as connection:
        connection.execute(
            text(insert), {"gig": crew.gig, "participant": crew.eero, "instructor": None}
        )
        connection.execute(
            text(insert), {"gig": other, "participant": crew.aino, "instructor": None}
        )

    # A race lost at the index is the "try again" sentence, never the constraint's text.
    with pytest.raises(DuplicateError), store.write() as tx:
        tx.session.execute(
            text(insert), {"gig": crew.gig, "participant": crew.aino, "instructor": None}
        )

    # The service says it in words, naming the person, before the store would.
    with pytest.raises(ValidationError) as error:
        record_entries(
            store,
            crew.gig,
            [
                EntryInput(participant_id=crew.aino, start="8", end="10"),
                EntryInput(participant_id=crew.aino, start="11", end="12"),
            ],
        )
    assert error.value.errors["1.person"] == (
        "Aino Mäkinen, henkilö: on keikalla jo toisella rivillä; kirjaa henkilön tunnit "
        "yhdelle riville (tauko kattaa välissä olevan ajan)"
    )


# --- approval: done gigs only, with the contract's terms copied --------------------------


def test_approval_is_refused_for_gigs_that_are_not_done(store: Store) -> None:
    crew = Approved(store, approved=False)
    planned = add_gig(store, crew.contract, date(2026, 3, 5), time(8), 60)
    assign(store, planned, [crew.aino], [])
    record_entries(store, planned, [EntryInput(participant_id=crew.aino, start="8", end="9")])

    with pytest.raises(ValidationError, match="merkitse keikka tehdyksi"):
        approve(store, gig_id=planned)
    with pytest.raises(ValidationError, match="merkitse keikka tehdyksi"):
        approve(store, gig_ids=[crew.gig, planned])
    assert all(e.approved_at is None for e in entries(store))

    approval = approve_up_to(store, date(2026, 3, 31))
    assert approval.approved == 2
    assert [gig.gig_id for gig in approval.not_done] == [planned]
    assert f"(keikka {planned}, suunniteltu)" in approval.not_done_sentence()
    assert {e.gig_id: e.approved_at is not None for e in entries(store)} == {
        crew.gig: True,
        planned: False,
    }
    assert approve(store, up_to=date(2026, 3, 31)) == 0  # the planned gig still waits


def test_the_contracts_prices_are_copied_at_approval_and_a_later_edit_changes_nothing(
    store: Store,
) -> None:
    crew = Approved(store, approved=False)
    # The step changes between recording and approval: approval rounds in its own step.
    data = load_contract(store, crew.contract)
    save_contract(store, replace(data, rounding_minutes="60"), crew.contract)
    approve(store, gig_id=crew.gig)
    aino, liisa = entries(store)
    assert (aino.worked_minutes, aino.billable_minutes) == (170, 180)
    assert (aino.approved_hour_price, liisa.approved_hour_price) == (
        Decimal("35.00"),
        Decimal("45.00"),
    )
    for entry in (aino, liisa):
        assert (
            entry.approved_visit_price,
            entry.approved_minimum_charge,
            entry.approved_travel_fee,
            entry.approved_rounding_minutes,
            entry.approved_vat_treatment,
        ) == (Decimal("20.00"), Decimal("60.00"), Decimal("7.50"), 60, VatTreatment.GENERAL)

    data = load_contract(store, crew.contract)
    save_contract(
        store,
        replace(
            data,
            worker_hour_price="99,00",
            instructor_hour_price="",
            visit_price="0,00",
            rounding_minutes="1",
            vat_treatment=VatTreatment.EXEMPT.value,
            vat_reason="AVL 34 §",
        ),
        crew.contract,
    )
    kept = entries(store)
    assert [(e.approved_hour_price, e.billable_minutes) for e in kept] == [
        (Decimal("35.00"), 180),
        (Decimal("45.00"), 180),
    ]
    assert {e.approved_vat_treatment for e in kept} == {VatTreatment.GENERAL}
    with store.read() as session:
        audit = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "timesheet", AuditEntry.action == "approve"
            )
        ).one()
    assert audit.after is not None
    assert audit.after["terms"]["hour_price"] == "35.00"

    # Reopened and approved again: the contract's terms of that day.
    reopen(store, crew.gig, "Hinta muuttui")
    approve(store, gig_id=crew.gig)
    again = entries(store)
    assert [(e.approved_hour_price, e.billable_minutes) for e in again] == [
        (Decimal("99.00"), 170),
        (None, 180),
    ]
    assert {e.approved_vat_treatment for e in again} == {VatTreatment.EXEMPT}


# --- check ---------------------------------------------------------------------------------


def drop_locks(store: Store) -> None:
    with store.engine.begin() as connection:
        for name in LOCK_TRIGGERS["sqlite"]:
            connection.execute(text(f"DROP TRIGGER {name}"))


def test_check_finds_nothing_in_a_locked_store(store: Store) -> None:
    Approved(store)
    assert check_store(store) == []


def test_check_names_every_missing_lock(store: Store) -> None:
    Approved(store)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER gig_participant_locked_insert"))
        connection.execute(text("DROP TRIGGER timesheet_entry_locked_update"))
    problems = check_store(store)
    assert problems == [
        "Tiedostosta puuttuu lukitus ”timesheet_entry_locked_update”, joka estää hyväksyttyjen "
        "tuntien ja niiden keikkojen muuttamisen. Palauta tiedoston hyvä varmuuskopio tai "
        "pyydä tukea luomaan lukitus uudelleen.",
        "Tiedostosta puuttuu lukitus ”gig_participant_locked_insert”, joka estää "
        "hyväksyttyjen tuntien ja niiden keikkojen muuttamisen. Palauta tiedoston hyvä "
        "varmuuskopio tai pyydä tukea luomaan lukitus uudelleen.",
    ]


def test_check_finds_minutes_that_disagree_with_the_times_and_the_step(store: Store) -> None:
    crew = Approved(store)
    aino, liisa = entries(store)
    drop_locks(store)
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE timesheet_entry SET worked_minutes = 175 WHERE id = :id"), {"id": aino.id}
        )
        connection.execute(
            text("UPDATE timesheet_entry SET billable_minutes = 195 WHERE id = :id"),
            {"id": liisa.id},
        )
    gig = f"keikka {crew.gig} (1 Taukotilojen siivous, 4.3.2026)"
    problems = [p for p in check_store(store) if "lukitus" not in p]
    assert problems == [
        f"1 Aino Mäkinen, {gig}: tehtyjä minuutteja on 175, mutta 8.00–11.00 ja 10 minuutin "
        "tauko tekevät 170. Tallenna tunnit uudelleen (avaa hyväksytyt tunnit ensin "
        "uudelleen).",
        f"ohjaaja Liisa Laine, {gig}: laskutettavia minuutteja on 195, mutta 180 tehtyä "
        "minuuttia 15 minuutin tarkkuuteen pyöristettynä on 180. Avaa tunnit uudelleen syyn "
        "kanssa ja hyväksy ne uudelleen.",
    ]

    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE timesheet_entry SET approved_rounding_minutes = NULL WHERE id = :id"),
            {"id": liisa.id},
        )
    assert (
        f"ohjaaja Liisa Laine, {gig}: hyväksytyillä tunneilla ei ole kopiota sopimuksen "
        "hinnoista. Avaa ne uudelleen syyn kanssa ja hyväksy ne uudelleen."
    ) in check_store(store)

    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE timesheet_entry SET break_minutes = 200 WHERE id = :id"), {"id": aino.id}
        )
    assert (
        f"1 Aino Mäkinen, {gig}: kirjatut ajat 8.00–11.00 ja 200 minuutin tauko eivät ole "
        "mahdollisia. Korjaa ne (avaa hyväksytyt tunnit ensin uudelleen)."
    ) in check_store(store)


def test_check_finds_overlapping_hours_of_one_person(store: Store) -> None:
    crew = Approved(store, approved=False)
    other = add_gig(store, make_contract(store, status="active", title="Muutto"), DAY, time(10), 60)
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO timesheet_entry (gig_id, participant_id, start_time, end_time,"
                " break_minutes, worked_minutes, billable_minutes, note, unplanned_reason,"
                " approved_by, created_at, updated_at) VALUES (:gig, :person,"
                " '10:00:00.000000', '11:30:00.000000', 0, 90, 90, '', 'apuna', '',"
                " '2026-03-04 12:00:00', '2026-03-04 12:00:00')"
            ),
            {"gig": other, "person": crew.aino},
        )
    assert check_store(store) == [
        "1 Aino Mäkinen: päällekkäiset tunnit 4.3.2026: 8.00–11.00 "
        f"(keikka {crew.gig} (1 Taukotilojen siivous, 4.3.2026)) ja 10.00–11.30 "
        f"(keikka {other} (2 Muutto, 4.3.2026)). Korjaa ajat (avaa hyväksytyt tunnit ensin "
        "uudelleen)."
    ]


def test_check_finds_approved_hours_on_gigs_that_are_not_done(store: Store) -> None:
    crew = Approved(store)
    later = Approved(store)
    drop_locks(store)
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE gig SET status = 'planned' WHERE id = :id"), {"id": crew.gig}
        )
        connection.execute(
            text("UPDATE gig SET status = 'cancelled_by_centre' WHERE id = :id"), {"id": later.gig}
        )
    problems = [p for p in check_store(store) if "lukitus" not in p]
    assert problems == [
        f"Keikka {crew.gig} (1 Taukotilojen siivous, 4.3.2026): keikalla on hyväksyttyjä "
        "tunteja (2 kirjausta), mutta sitä ei ole merkitty tehdyksi. Merkitse se tehdyksi "
        "tuntikirjauksissa.",
        f"Keikka {later.gig} (2 Taukotilojen siivous, 4.3.2026): keikalla on hyväksyttyjä "
        "tunteja (2 kirjausta), mutta sen tila on ”Työkeskus perui” eikä tehty. Avaa sen "
        "tunnit uudelleen syyn kanssa ja korjaa keikka tai tunnit.",
    ]


# --- the upgrade of a file made before the locks -----------------------------------------


def test_the_upgrade_resolves_doubles_copies_the_prices_and_adds_the_locks(
    store: Store,
) -> None:
    crew = Approved(store)
    other = Approved(store, approved=False)
    from alembic import command

    from jobcenter_desktop.db.migrate import alembic_config

    config = alembic_config()
    with migration_connection(store.engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with store.engine.begin() as connection:
        # Two imports raced before 0007: each person's hours twice on the other gig, and a
        # stray copy of Aino's approved entry.
        for gig, approved in ((other.gig, None), (other.gig, None), (crew.gig, "2026-03-05")):
            connection.execute(
                text(
                    "INSERT INTO timesheet_entry (gig_id, participant_id, start_time, end_time,"
                    " break_minutes, worked_minutes, billable_minutes, note, unplanned_reason,"
                    " approved_at, approved_by, created_at, updated_at) VALUES (:gig, :person,"
                    " '08:00:00.000000', '10:00:00.000000', 0, 120, 120, 'toinen', '',"
                    " :approved, '', '2026-03-04 12:00:00', '2026-03-04 12:00:00')"
                ),
                {
                    "gig": gig,
                    "person": other.aino if gig == other.gig else crew.aino,
                    "approved": approved,
                },
            )
        before = connection.execute(text("SELECT count(*) FROM timesheet_entry")).scalar_one()
    assert before == 7

    upgrade(store.engine)
    rows = entries(store)
    assert len(rows) == 4
    by_gig = {(r.gig_id, r.participant_id, r.instructor_id): r for r in rows}
    # Of two approved copies the later stays, as a later save replaces a person's entry.
    kept = by_gig[(crew.gig, crew.aino, None)]
    assert (kept.worked_minutes, kept.note) == (120, "toinen")
    assert kept.approved_hour_price == Decimal("35.00")
    assert kept.approved_rounding_minutes == 15
    # Of the unapproved doubles, the latest stays.
    latest = by_gig[(other.gig, other.aino, None)]
    assert latest.note == "toinen"
    with store.read() as session:
        audit = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "deduplicate")))
    assert {(a.entity_id, a.actor) for a in audit} == {
        (crew.gig, "migration 0007"),
        (other.gig, "migration 0007"),
    }
    assert sum(len(a.before["entries"]) for a in audit if a.before) == 3
    assert check_store(store) == []
