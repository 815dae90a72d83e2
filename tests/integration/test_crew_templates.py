"""Crew templates: saving, unique names, archiving, putting one on a gig through the crew
checks; migration 0005 adds the centre's same-day setting without touching its rows."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.errors import ArchivedError
from jobcenter_desktop.db.migrate import upgrade
from jobcenter_desktop.db.models import AuditEntry, Centre, Gig
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ConflictKind
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.services.planning.crew_checks import CrewConflictError
from jobcenter_desktop.services.planning.crew_templates import (
    apply_template,
    list_crew_templates,
    save_crew_template,
    set_crew_template_archived,
)
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from tests.builders import make_contract, make_customer, make_instructor, make_participant

DAY = date(2026, 3, 4)


pytestmark = pytest.mark.usefixtures("finnish")


def gig(store: Store, title: str = "Taukotilojen siivous", start: time = time(8)) -> int:
    contract = make_contract(store, make_customer(store), status="active", title=title)
    return add_gig(store, contract, DAY, start, 120)


def crew_of(store: Store, gig_id: int) -> tuple[list[int], list[int]]:
    with store.read() as session:
        row = session.get_one(Gig, gig_id)
        return [p.id for p in row.participants], [i.id for i in row.instructors]


def test_a_template_is_saved_listed_renamed_and_archived(store: Store) -> None:
    aino = make_participant(store)
    eero = make_participant(store, first_name="Eero", last_name="Aalto")
    liisa = make_instructor(store)
    template = save_crew_template(store, "  Tiistain   siivous ", [aino, eero, aino], liisa)
    [row] = list_crew_templates(store)
    assert (row.id, row.name, row.lead_instructor_id, row.archived) == (
        template,
        "Tiistain siivous",
        liisa,
        False,
    )
    assert sorted(row.member_ids) == sorted([aino, eero])

    save_crew_template(store, "Tiistain siivous", [eero], None, template_id=template)
    [row] = list_crew_templates(store)
    assert (row.member_ids, row.lead_instructor_id) == ((eero,), None)

    set_crew_template_archived(store, template)
    assert list_crew_templates(store) == []
    assert [r.archived for r in list_crew_templates(store, include_archived=True)] == [True]
    set_crew_template_archived(store, template, archived=False)
    assert [r.id for r in list_crew_templates(store)] == [template]

    with store.read() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "crew_template")
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "update", "archive", "restore"]


def test_a_template_is_checked(store: Store) -> None:
    aino = make_participant(store)
    save_crew_template(store, "Piha", [aino])
    with pytest.raises(ValidationError) as error:
        save_crew_template(store, "PIHA", [aino, 9999], 9999)
    assert set(error.value.errors) == {"name", "members", "lead_instructor"}
    with pytest.raises(ValidationError) as error:
        save_crew_template(store, "  ", [])
    assert set(error.value.errors) == {"name"}


def test_applying_a_template_goes_through_the_crew_checks(store: Store) -> None:
    aino = make_participant(store)
    eero = make_participant(store, first_name="Eero", last_name="Aalto")
    liisa = make_instructor(store)
    pekka = make_instructor(store, first_name="Pekka")
    first = gig(store)
    second = gig(store, "Muutto", time(9))
    assign(store, first, [aino], [])
    with_lead = save_crew_template(store, "Siivous", [aino, eero], liisa)
    without_lead = save_crew_template(store, "Muutto", [eero])

    # Aino is on the first gig at the same time: refused without a reason.
    with pytest.raises(CrewConflictError):
        apply_template(store, with_lead, second)
    assert crew_of(store, second) == ([], [])

    found = apply_template(store, with_lead, second, override_reason="Aino vaihtaa keikkaa")
    assert [c.kind for c in found] == [ConflictKind.OVERLAP]
    assert crew_of(store, second) == ([eero, aino] if eero < aino else [aino, eero], [liisa])

    # Without a lead the gig keeps its instructors.
    afternoon = gig(store, "Piha", time(13))
    assign(store, afternoon, [aino], [pekka])
    assert apply_template(store, without_lead, afternoon) == []
    assert crew_of(store, afternoon) == ([eero], [pekka])

    set_crew_template_archived(store, without_lead)
    with pytest.raises(ArchivedError):
        apply_template(store, without_lead, afternoon)


def test_migration_0005_keeps_the_centre_and_its_bank_accounts(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO centre (id, legal_name, business_id, vat_status, street, "
                "postal_code, city, phone, email, payment_term_days, next_invoice_number, "
                "prepayment_register, logo_mime, created_at, updated_at) VALUES (1, 'Säde', "
                "'0737546-2', 'registered', '', '', '', '', '', 14, 1, 0, '', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO bank_account (centre_id, iban, bic, is_default) "
                "VALUES (1, 'FI2112345600000785', '', 1)"
            )
        )
    engine.dispose()

    store = Store.open(path, tmp_path / "backups", actor="tester")
    try:
        with store.read() as session:
            centre = session.get_one(Centre, 1)
            assert centre.same_day_rule_blocks is False
            assert [a.iban for a in centre.bank_accounts] == ["FI2112345600000785"]
    finally:
        store.close()
