"""Pay runs: numbered, immutable runs that pay approved hours and allowance days once.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

Tables
    ``pay_run`` (a confirmed run: its number from one series, period, kind ``regular``
    or ``adjustment`` with a reason and the run it corrects, who confirmed it and
    when, totals, the tables of its files as JSON (``document``: the CSV and .xlsx
    files are made from it byte for byte) and the bank transfer file's bytes), ``pay_run_line`` (one person's approved timesheet entry the run pays:
    minutes, hourly pay, gross, pay basis; a difference line of an adjusting run pays
    what a re-priced entry still lacks) and ``pay_run_allowance`` (an attendance day
    present whose work-activity allowance the run pays).

Indexes
    ``uq_pay_run_line_entry``: an entry is paid at most once (difference lines
    aside); ``uq_pay_run_allowance_attendance_id``: an allowance day is paid once.

Columns
    ``centre.payroll_identity_code`` (the payroll export carries personal identity
    codes only when this is on) and ``centre.pays_wages_itself`` (the wages go into
    the run's bank transfer file too, not only the allowances).

Triggers (SQLite and PostgreSQL, stable messages named in ``db/locks.py``)
    ``pay run is confirmed``: any UPDATE or DELETE of a run, its lines or its
    allowance days. ``pay run number out of series``: a run whose number is not the
    last one plus one. ``timesheet entry is paid``: any UPDATE (reopening included)
    or DELETE of an entry a run paid. ``attendance day is paid``: any UPDATE or
    DELETE of an attendance day a run paid the allowance of.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CONFIRMED = "pay run is confirmed"
OUT_OF_SERIES = "pay run number out of series"
ENTRY_PAID = "timesheet entry is paid"
ATTENDANCE_PAID = "attendance day is paid"

RUN_TABLES = ("pay_run", "pay_run_line", "pay_run_allowance")


def upgrade() -> None:
    for column in ("payroll_identity_code", "pays_wages_itself"):
        op.add_column(
            "centre",
            sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    _tables()
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _fk(table: str, column: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}", ondelete="RESTRICT")


def _tables() -> None:
    op.create_table(
        "pay_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False, server_default=""),
        sa.Column(
            "corrects_run_id",
            sa.Integer(),
            _fk("pay_run", "corrects_run_id", "pay_run"),
            nullable=True,
        ),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(100), nullable=False),
        sa.Column("wages", sa.BigInteger(), nullable=False),
        sa.Column("fees", sa.BigInteger(), nullable=False),
        sa.Column("allowances", sa.BigInteger(), nullable=False),
        sa.Column("transfers", sa.BigInteger(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("transfers_xml", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("number >= 1", name="ck_pay_run_number"),
        sa.CheckConstraint("kind IN ('regular', 'adjustment')", name="ck_pay_run_kind"),
        sa.CheckConstraint("kind = 'regular' OR reason <> ''", name="ck_pay_run_adjustment_reason"),
        sa.CheckConstraint("period_end >= period_start", name="ck_pay_run_period"),
        sa.UniqueConstraint("number", name="uq_pay_run_number"),
    )
    op.create_index("ix_pay_run_period_start", "pay_run", ["period_start"])

    op.create_table(
        "pay_run_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "pay_run_id",
            sa.Integer(),
            _fk("pay_run_line", "pay_run_id", "pay_run"),
            nullable=False,
        ),
        sa.Column(
            "participant_id",
            sa.Integer(),
            _fk("pay_run_line", "participant_id", "participant"),
            nullable=False,
        ),
        sa.Column(
            "timesheet_entry_id",
            sa.Integer(),
            _fk("pay_run_line", "timesheet_entry_id", "timesheet_entry"),
            nullable=False,
        ),
        sa.Column("gig_id", sa.Integer(), _fk("pay_run_line", "gig_id", "gig"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("hourly_pay", sa.BigInteger(), nullable=True),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("pay_basis", sa.String(32), nullable=False),
        sa.Column("is_difference", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint("minutes >= 0", name="ck_pay_run_line_minutes"),
        sa.CheckConstraint("is_difference OR gross >= 0", name="ck_pay_run_line_gross"),
    )
    op.create_index("ix_pay_run_line_pay_run_id", "pay_run_line", ["pay_run_id"])
    op.create_index("ix_pay_run_line_participant_id", "pay_run_line", ["participant_id"])
    op.create_index("ix_pay_run_line_timesheet_entry_id", "pay_run_line", ["timesheet_entry_id"])
    op.create_index(
        "uq_pay_run_line_entry",
        "pay_run_line",
        ["timesheet_entry_id"],
        unique=True,
        sqlite_where=sa.text("NOT is_difference"),
        postgresql_where=sa.text("NOT is_difference"),
    )

    op.create_table(
        "pay_run_allowance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "pay_run_id",
            sa.Integer(),
            _fk("pay_run_allowance", "pay_run_id", "pay_run"),
            nullable=False,
        ),
        sa.Column(
            "participant_id",
            sa.Integer(),
            _fk("pay_run_allowance", "participant_id", "participant"),
            nullable=False,
        ),
        sa.Column(
            "attendance_id",
            sa.Integer(),
            _fk("pay_run_allowance", "attendance_id", "attendance"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount >= 0", name="ck_pay_run_allowance_amount"),
        sa.UniqueConstraint("attendance_id", name="uq_pay_run_allowance_attendance_id"),
    )
    op.create_index("ix_pay_run_allowance_pay_run_id", "pay_run_allowance", ["pay_run_id"])
    op.create_index("ix_pay_run_allowance_participant_id", "pay_run_allowance", ["participant_id"])


def _raise_sqlite(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _entry_paid(entry: str) -> str:
    return f"EXISTS (SELECT 1 FROM pay_run_line WHERE pay_run_line.timesheet_entry_id = {entry})"


def _attendance_paid(day: str) -> str:
    return f"EXISTS (SELECT 1 FROM pay_run_allowance WHERE pay_run_allowance.attendance_id = {day})"


NEXT_NUMBER = "(SELECT COALESCE(MAX(number), 0) + 1 FROM pay_run)"


def _sqlite_triggers() -> None:
    for table in RUN_TABLES:
        for kind in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_confirmed_{kind.lower()} BEFORE {kind} ON {table} "
                + _raise_sqlite(CONFIRMED)
            )
    op.execute(
        "CREATE TRIGGER pay_run_number_in_series BEFORE INSERT ON pay_run "
        f"WHEN NEW.number IS NOT {NEXT_NUMBER} " + _raise_sqlite(OUT_OF_SERIES)
    )
    for kind in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER timesheet_entry_paid_{kind.lower()} BEFORE {kind} "
            f"ON timesheet_entry WHEN {_entry_paid('OLD.id')} " + _raise_sqlite(ENTRY_PAID)
        )
        op.execute(
            f"CREATE TRIGGER attendance_paid_{kind.lower()} BEFORE {kind} ON attendance "
            f"WHEN {_attendance_paid('OLD.id')} " + _raise_sqlite(ATTENDANCE_PAID)
        )


def _plpgsql(name: str, body: str) -> None:
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger AS $$\nBEGIN\n{body}\nEND;\n$$ LANGUAGE plpgsql"
    )


def _refuse_when(condition: str, message: str) -> str:
    return (
        f"    IF {condition} THEN\n"
        f"        RAISE EXCEPTION '{message}';\n"
        "    END IF;\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        "    RETURN NEW;"
    )


def _postgresql_triggers() -> None:
    _plpgsql("pay_run_confirmed", f"    RAISE EXCEPTION '{CONFIRMED}';")
    for table in RUN_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_confirmed BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION pay_run_confirmed()"
        )
    _plpgsql(
        "pay_run_number_in_series",
        # One run at a time: the table lock makes a second writer wait for the first.
        "    LOCK TABLE pay_run IN SHARE ROW EXCLUSIVE MODE;\n"
        f"    IF NEW.number IS DISTINCT FROM {NEXT_NUMBER} THEN\n"
        f"        RAISE EXCEPTION '{OUT_OF_SERIES}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER pay_run_number_in_series BEFORE INSERT ON pay_run "
        "FOR EACH ROW EXECUTE FUNCTION pay_run_number_in_series()"
    )
    _plpgsql("timesheet_entry_paid", _refuse_when(_entry_paid("OLD.id"), ENTRY_PAID))
    op.execute(
        "CREATE TRIGGER timesheet_entry_paid BEFORE UPDATE OR DELETE ON timesheet_entry "
        "FOR EACH ROW EXECUTE FUNCTION timesheet_entry_paid()"
    )
    _plpgsql("attendance_paid", _refuse_when(_attendance_paid("OLD.id"), ATTENDANCE_PAID))
    op.execute(
        "CREATE TRIGGER attendance_paid BEFORE UPDATE OR DELETE ON attendance "
        "FOR EACH ROW EXECUTE FUNCTION attendance_paid()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        names = [
            f"{table}_confirmed_{kind}" for table in RUN_TABLES for kind in ("update", "delete")
        ]
        names += ["pay_run_number_in_series"]
        names += [f"timesheet_entry_paid_{kind}" for kind in ("update", "delete")]
        names += [f"attendance_paid_{kind}" for kind in ("update", "delete")]
        for name in names:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for trigger, table in (
            ("pay_run_confirmed", "pay_run"),
            ("pay_run_line_confirmed", "pay_run_line"),
            ("pay_run_allowance_confirmed", "pay_run_allowance"),
            ("pay_run_number_in_series", "pay_run"),
            ("timesheet_entry_paid", "timesheet_entry"),
            ("attendance_paid", "attendance"),
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for function in (
            "pay_run_confirmed",
            "pay_run_number_in_series",
            "timesheet_entry_paid",
            "attendance_paid",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    for table in ("pay_run_allowance", "pay_run_line", "pay_run"):
        op.drop_table(table)
    op.drop_column("centre", "pays_wages_itself")
    op.drop_column("centre", "payroll_identity_code")
