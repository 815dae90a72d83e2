"""Clearing a recorded attendance day: one transaction and one audit entry, or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from jobcenter_desktop.db.models import AuditEntry
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.queries.attendance import list_attendance
from jobcenter_desktop.services.timesheets.attendance import clear_attendance, record_attendance
from tests.builders import make_participant

DAY = date(2026, 3, 4)


def audit_actions(store: Store) -> list[str]:
    with store.read() as session:
        query = select(AuditEntry.action).where(AuditEntry.entity == "attendance")
        return list(session.scalars(query.order_by(AuditEntry.id)))


def test_clearing_a_day_removes_only_that_day_and_is_audited(store: Store) -> None:
    aino = make_participant(store)
    eero = make_participant(store, first_name="Eero", last_name="Virtanen")
    record_attendance(store, aino, DAY, "present", "9,00")
    record_attendance(store, eero, DAY, "absent")

    assert clear_attendance(store, aino, DAY) is True

    days = list_attendance(store, DAY, DAY)
    assert [(row.participant_id, row.status.value) for row in days] == [(eero, "absent")]
    assert audit_actions(store) == ["create", "create", "delete"]
    with store.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one()
    assert entry.before is not None
    assert (entry.before["participant_id"], entry.before["allowance"]) == (aino, "9.00")
    assert entry.after is None


def test_clearing_a_day_not_recorded_changes_nothing(store: Store) -> None:
    aino = make_participant(store)
    with store.read() as session:
        entries_before = session.scalar(select(func.count()).select_from(AuditEntry))

    assert clear_attendance(store, aino, DAY) is False

    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries_before


def test_a_cleared_day_can_be_recorded_again(store: Store) -> None:
    aino = make_participant(store)
    record_attendance(store, aino, DAY, "paid_work")
    clear_attendance(store, aino, DAY)
    record_attendance(store, aino, DAY, "present", "12,00")
    [row] = list_attendance(store, DAY, DAY)
    assert row.allowance == Decimal("12.00")
    assert not row.over_cap
