"""The whole approved record is locked; one timesheet entry per person per gig; price snapshot.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

One entry per person per gig
    The timesheet is one row per person (the grid, the import replacing the same
    person's entry, the add-person dialog offering only people not on the sheet), so
    two partial unique indexes forbid a second entry for a participant, or for an
    instructor, on the same gig. Doubles made before (two imports racing) are
    resolved first the way the program itself replaces a person's entry: the latest
    one stays, an approved one before any unapproved one; each removed row is kept
    in the audit log (entity ``timesheet``, action ``deduplicate``, by ``migration
    0007``), and the file as it was is in the backup taken before the upgrade. So the
    upgrade never stops half way on old data.

The approval's prices
    ``approved_hour_price`` (the contract's worker or instructor hour price, by the
    entry's person), ``approved_visit_price``, ``approved_minimum_charge``,
    ``approved_travel_fee``, ``approved_rounding_minutes`` and
    ``approved_vat_treatment`` are copied from the contract when the entry is approved
    and cleared when it is reopened: editing the contract later cannot change what
    was approved. Entries approved before this upgrade get their contract's prices now.

Triggers (SQLite and PostgreSQL, the same stable messages)
    ``timesheet entry is approved``: any UPDATE of an approved entry, except the one
    that only clears the approval (``approved_at`` to NULL, ``approved_by`` and the
    prices cleared or kept, nothing else changed): the service's reopen. An UPDATE
    clearing the approval *and* changing the times in one statement is refused. Any
    DELETE of an approved entry.

    ``gig has approved hours``: on a gig with approved entries, changing its contract,
    day, start time, duration or work site, changing its status other than to done
    (cancelling it), deleting it, and adding, removing or changing crew rows
    (``gig_participant``, ``gig_instructor``).

``services/integrity.py`` checks that every trigger exists (``db/locks.py`` names them;
this migration keeps its own copy of the names, as migrations never change).
A column added to ``timesheet_entry`` or ``gig`` later must be added here too if it
is part of the approved record.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ENTRY_LOCKED = "timesheet entry is approved"
GIG_LOCKED = "gig has approved hours"

SNAPSHOT = (
    ("approved_hour_price", sa.BigInteger()),
    ("approved_visit_price", sa.BigInteger()),
    ("approved_minimum_charge", sa.BigInteger()),
    ("approved_travel_fee", sa.BigInteger()),
    ("approved_rounding_minutes", sa.Integer()),
    ("approved_vat_treatment", sa.String(32)),
)

# The columns of an approved entry that nothing may change (reopening included).
ENTRY_KEPT = (
    "id",
    "gig_id",
    "participant_id",
    "instructor_id",
    "start_time",
    "end_time",
    "break_minutes",
    "worked_minutes",
    "billable_minutes",
    "note",
    "unplanned_reason",
    "created_at",
)
# The columns of a gig with approved hours that nothing may change.
GIG_KEPT = ("id", "contract_id", "day", "start_time", "duration_minutes", "work_site_id")
CREW_TABLES = (("gig_participant", "participant_id"), ("gig_instructor", "instructor_id"))
PEOPLE = ("participant_id", "instructor_id")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # The old lock (0004) would refuse the snapshot's backfill and the doubles' removal.
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked_update")
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked ON timesheet_entry")
        op.execute("DROP FUNCTION IF EXISTS timesheet_entry_locked()")
    # Plain ADD COLUMNs: a rebuild of timesheet_entry is not needed for nullable columns.
    for name, type_ in SNAPSHOT:
        op.add_column("timesheet_entry", sa.Column(name, type_, nullable=True))
    _backfill_snapshot()
    _remove_doubles()
    for person in PEOPLE:
        op.create_index(
            _unique_name(person),
            "timesheet_entry",
            ["gig_id", person],
            unique=True,
            sqlite_where=sa.text(f"{person} IS NOT NULL"),
            postgresql_where=sa.text(f"{person} IS NOT NULL"),
        )
    if dialect == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _unique_name(person: str) -> str:
    return f"uq_timesheet_entry_gig_{person.removesuffix('_id')}"


def _backfill_snapshot() -> None:
    """Entries approved before this upgrade are billed at their contract's prices of now."""

    def contract_value(expression: str) -> str:
        return (
            f"(SELECT {expression} FROM gig JOIN contract ON contract.id = gig.contract_id"
            " WHERE gig.id = timesheet_entry.gig_id)"
        )

    hour_price = contract_value(
        "CASE WHEN timesheet_entry.instructor_id IS NOT NULL"
        " THEN contract.instructor_hour_price ELSE contract.worker_hour_price END"
    )
    op.execute(
        "UPDATE timesheet_entry SET "
        f"approved_hour_price = {hour_price}, "
        f"approved_visit_price = {contract_value('contract.visit_price')}, "
        f"approved_minimum_charge = {contract_value('contract.minimum_charge')}, "
        f"approved_travel_fee = {contract_value('contract.travel_fee')}, "
        f"approved_rounding_minutes = {contract_value('contract.rounding_minutes')}, "
        f"approved_vat_treatment = {contract_value('contract.vat_treatment')} "
        "WHERE approved_at IS NOT NULL"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _remove_doubles() -> None:
    """Keep one entry per person per gig: the approved one, else the latest (see the module)."""
    bind = op.get_bind()
    doubles: dict[tuple[int, str, int], list[dict[str, Any]]] = defaultdict(list)
    for person in PEOPLE:
        rows = bind.execute(
            sa.text(
                "SELECT * FROM timesheet_entry WHERE "
                f"{person} IS NOT NULL AND EXISTS (SELECT 1 FROM timesheet_entry other"
                f" WHERE other.gig_id = timesheet_entry.gig_id AND other.{person} ="
                f" timesheet_entry.{person} AND other.id <> timesheet_entry.id)"
                " ORDER BY id"
            )
        ).mappings()
        for row in rows:
            values = {key: _jsonable(value) for key, value in row.items()}
            doubles[(values["gig_id"], person, values[person])].append(values)
    if not doubles:
        return
    audit = sa.table(
        "audit_entry",
        sa.column("at", sa.DateTime()),
        sa.column("actor", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Integer()),
        sa.column("action", sa.String()),
        sa.column("before", sa.JSON()),
        sa.column("after", sa.JSON()),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    for (gig_id, _person, _person_id), group in sorted(doubles.items()):
        kept = max(group, key=lambda row: (row["approved_at"] is not None, row["id"]))
        removed = [row for row in group if row["id"] != kept["id"]]
        bind.execute(
            sa.text("DELETE FROM timesheet_entry WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": [row["id"] for row in removed]},
        )
        bind.execute(
            audit.insert(),
            {
                "at": now,
                "actor": "migration 0007",
                "entity": "timesheet",
                "entity_id": gig_id,
                "action": "deduplicate",
                # Through json so that every value is plain JSON on both databases.
                "before": json.loads(json.dumps({"entries": removed}, default=str)),
                "after": {"kept": kept["id"]},
            },
        )


def _raise_sqlite(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _approved_sqlite(gig: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM timesheet_entry"
        f" WHERE timesheet_entry.gig_id = {gig} AND timesheet_entry.approved_at IS NOT NULL)"
    )


def _reopen_only(same: str, cleared: str) -> str:
    """SQL true when an UPDATE of an approved entry only clears its approval.

    ``same`` says a column is unchanged, ``cleared`` that it is NULL or unchanged.
    """
    kept = " AND ".join(same.format(column=column) for column in ENTRY_KEPT)
    snapshot = " AND ".join(cleared.format(column=name) for name, _type in SNAPSHOT)
    by = f"(NEW.approved_by = '' OR {cleared.format(column='approved_by')})"
    return f"NEW.approved_at IS NULL AND {kept} AND {by} AND {snapshot}"


def _sqlite_triggers() -> None:
    reopen_only = _reopen_only(
        "NEW.{column} IS OLD.{column}",
        "(NEW.{column} IS NULL OR NEW.{column} IS OLD.{column})",
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked_update BEFORE UPDATE ON timesheet_entry "
        f"WHEN OLD.approved_at IS NOT NULL AND NOT ({reopen_only}) " + _raise_sqlite(ENTRY_LOCKED)
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked_delete BEFORE DELETE ON timesheet_entry "
        "WHEN OLD.approved_at IS NOT NULL " + _raise_sqlite(ENTRY_LOCKED)
    )
    # The cheap column comparisons first: most gig updates (feedback, notes) stop there.
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in GIG_KEPT)
    op.execute(
        "CREATE TRIGGER gig_locked_update BEFORE UPDATE ON gig "
        f"WHEN ({changed} OR (NEW.status IS NOT OLD.status AND NEW.status <> 'done')) "
        f"AND {_approved_sqlite('OLD.id')} " + _raise_sqlite(GIG_LOCKED)
    )
    op.execute(
        "CREATE TRIGGER gig_locked_delete BEFORE DELETE ON gig "
        f"WHEN {_approved_sqlite('OLD.id')} " + _raise_sqlite(GIG_LOCKED)
    )
    for table, person in CREW_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_locked_insert BEFORE INSERT ON {table} "
            f"WHEN {_approved_sqlite('NEW.gig_id')} " + _raise_sqlite(GIG_LOCKED)
        )
        op.execute(
            f"CREATE TRIGGER {table}_locked_update BEFORE UPDATE ON {table} "
            f"WHEN (NEW.gig_id IS NOT OLD.gig_id OR NEW.{person} IS NOT OLD.{person}) AND "
            f"({_approved_sqlite('OLD.gig_id')} OR {_approved_sqlite('NEW.gig_id')}) "
            + _raise_sqlite(GIG_LOCKED)
        )
        op.execute(
            f"CREATE TRIGGER {table}_locked_delete BEFORE DELETE ON {table} "
            f"WHEN {_approved_sqlite('OLD.gig_id')} " + _raise_sqlite(GIG_LOCKED)
        )


def _approved_pg(gig: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM timesheet_entry"
        f" WHERE timesheet_entry.gig_id = {gig} AND timesheet_entry.approved_at IS NOT NULL)"
    )


def _postgresql_triggers() -> None:
    reopen_only = _reopen_only(
        "NEW.{column} IS NOT DISTINCT FROM OLD.{column}",
        "(NEW.{column} IS NULL OR NEW.{column} IS NOT DISTINCT FROM OLD.{column})",
    )
    op.execute(
        "CREATE FUNCTION timesheet_entry_locked() RETURNS trigger AS $$\n"
        "BEGIN\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        "        IF OLD.approved_at IS NOT NULL THEN\n"
        f"            RAISE EXCEPTION '{ENTRY_LOCKED}';\n"
        "        END IF;\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        f"    IF OLD.approved_at IS NOT NULL AND NOT ({reopen_only}) THEN\n"
        f"        RAISE EXCEPTION '{ENTRY_LOCKED}';\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked BEFORE UPDATE OR DELETE ON timesheet_entry "
        "FOR EACH ROW EXECUTE FUNCTION timesheet_entry_locked()"
    )
    changed = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in GIG_KEPT)
    op.execute(
        "CREATE FUNCTION gig_locked() RETURNS trigger AS $$\n"
        "BEGIN\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        f"        IF {_approved_pg('OLD.id')} THEN\n"
        f"            RAISE EXCEPTION '{GIG_LOCKED}';\n"
        "        END IF;\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        f"    IF ({changed} OR (NEW.status IS DISTINCT FROM OLD.status"
        " AND NEW.status <> 'done'))\n"
        f"       AND {_approved_pg('OLD.id')} THEN\n"
        f"        RAISE EXCEPTION '{GIG_LOCKED}';\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER gig_locked BEFORE UPDATE OR DELETE ON gig "
        "FOR EACH ROW EXECUTE FUNCTION gig_locked()"
    )
    # One function for both crew tables: the gig is OLD's and/or NEW's gig_id.
    op.execute(
        "CREATE FUNCTION gig_crew_locked() RETURNS trigger AS $$\n"
        "BEGIN\n"
        "    IF TG_OP IN ('UPDATE', 'DELETE') AND "
        f"{_approved_pg('OLD.gig_id')} THEN\n"
        f"        RAISE EXCEPTION '{GIG_LOCKED}';\n"
        "    END IF;\n"
        "    IF TG_OP IN ('UPDATE', 'INSERT') AND "
        f"{_approved_pg('NEW.gig_id')} THEN\n"
        f"        RAISE EXCEPTION '{GIG_LOCKED}';\n"
        "    END IF;\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql"
    )
    for table, _person in CREW_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION gig_crew_locked()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, kinds in (
            ("timesheet_entry", ("update", "delete")),
            ("gig", ("update", "delete")),
            ("gig_participant", ("insert", "update", "delete")),
            ("gig_instructor", ("insert", "update", "delete")),
        ):
            for kind in kinds:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_locked_{kind}")
    else:
        for table, _person in CREW_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_locked ON {table}")
        op.execute("DROP TRIGGER IF EXISTS gig_locked ON gig")
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked ON timesheet_entry")
        for function in ("gig_crew_locked", "gig_locked", "timesheet_entry_locked"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    for person in PEOPLE:
        op.drop_index(_unique_name(person), table_name="timesheet_entry")
    for name, _type in reversed(SNAPSHOT):
        op.drop_column("timesheet_entry", name)
    # Back to the lock of 0004.
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER timesheet_entry_locked_update BEFORE UPDATE ON timesheet_entry "
            "WHEN OLD.approved_at IS NOT NULL AND NEW.approved_at IS NOT NULL "
            + _raise_sqlite(ENTRY_LOCKED)
        )
        op.execute(
            "CREATE TRIGGER timesheet_entry_locked_delete BEFORE DELETE ON timesheet_entry "
            "WHEN OLD.approved_at IS NOT NULL " + _raise_sqlite(ENTRY_LOCKED)
        )
    else:
        op.execute(
            "CREATE FUNCTION timesheet_entry_locked() RETURNS trigger AS $$\n"
            "BEGIN\n"
            "    IF TG_OP = 'DELETE' THEN\n"
            "        IF OLD.approved_at IS NOT NULL THEN\n"
            f"            RAISE EXCEPTION '{ENTRY_LOCKED}';\n"
            "        END IF;\n"
            "        RETURN OLD;\n"
            "    END IF;\n"
            "    IF OLD.approved_at IS NOT NULL AND NEW.approved_at IS NOT NULL THEN\n"
            f"        RAISE EXCEPTION '{ENTRY_LOCKED}';\n"
            "    END IF;\n"
            "    RETURN NEW;\n"
            "END;\n"
            "$$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER timesheet_entry_locked BEFORE UPDATE OR DELETE ON timesheet_entry "
            "FOR EACH ROW EXECUTE FUNCTION timesheet_entry_locked()"
        )
