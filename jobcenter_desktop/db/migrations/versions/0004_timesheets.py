"""Attendance, timesheet entries with a store-level approval lock, and gig feedback.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

An approved timesheet entry (``approved_at`` set) is locked by the database
itself: triggers refuse an UPDATE that keeps it approved and any DELETE of it.
Reopening is the one change allowed: an UPDATE that clears ``approved_at``.
The triggers' message is ``timesheet entry is approved`` on both SQLite and
PostgreSQL; the services recognise it and tell the user what to do.

The gig's new columns are added without rebuilding the table: on SQLite a
rebuild drops ``gig`` with the foreign keys on, which would cascade to its crew.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LOCKED_MESSAGE = "timesheet entry is approved"
FEEDBACK_CHECK = "feedback_score IS NULL OR (feedback_score >= 1 AND feedback_score <= 5)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("allowance", sa.BigInteger(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "allowance IS NULL OR allowance >= 0", name=op.f("ck_attendance_allowance")
        ),
        sa.CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time",
            name=op.f("ck_attendance_hours"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attendance_participant_id_participant"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("participant_id", "day", name=op.f("uq_attendance_participant_id")),
    )
    op.create_index(op.f("ix_attendance_day"), "attendance", ["day"])
    op.create_table(
        "timesheet_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("break_minutes", sa.Integer(), nullable=False),
        sa.Column("worked_minutes", sa.Integer(), nullable=False),
        sa.Column("billable_minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("unplanned_reason", sa.String(500), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(participant_id IS NOT NULL AND instructor_id IS NULL)"
            " OR (participant_id IS NULL AND instructor_id IS NOT NULL)",
            name=op.f("ck_timesheet_entry_one_person"),
        ),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_timesheet_entry_times")),
        sa.CheckConstraint("break_minutes >= 0", name=op.f("ck_timesheet_entry_break")),
        sa.CheckConstraint(
            "worked_minutes >= 0 AND billable_minutes >= 0",
            name=op.f("ck_timesheet_entry_minutes"),
        ),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gig.id"],
            name=op.f("fk_timesheet_entry_gig_id_gig"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_timesheet_entry_participant_id_participant"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"],
            ["instructor.id"],
            name=op.f("fk_timesheet_entry_instructor_id_instructor"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timesheet_entry")),
    )
    op.create_index(op.f("ix_timesheet_entry_gig_id"), "timesheet_entry", ["gig_id"])
    op.create_index(
        op.f("ix_timesheet_entry_participant_id"), "timesheet_entry", ["participant_id"]
    )
    op.create_index(op.f("ix_timesheet_entry_instructor_id"), "timesheet_entry", ["instructor_id"])

    with op.batch_alter_table("gig", recreate="never") as batch:
        batch.add_column(
            sa.Column("feedback_comment", sa.Text(), nullable=False, server_default="")
        )
    if dialect == "sqlite":
        # SQLite adds a CHECK only with its column (ALTER TABLE ... ADD CONSTRAINT is missing).
        op.execute(
            "ALTER TABLE gig ADD COLUMN feedback_score INTEGER "
            f"CONSTRAINT ck_gig_feedback_score CHECK ({FEEDBACK_CHECK})"
        )
        _sqlite_lock()
    else:
        with op.batch_alter_table("gig", recreate="never") as batch:
            batch.add_column(sa.Column("feedback_score", sa.Integer(), nullable=True))
            batch.create_check_constraint(op.f("ck_gig_feedback_score"), FEEDBACK_CHECK)
        _postgresql_lock()


def _sqlite_lock() -> None:
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked_update BEFORE UPDATE ON timesheet_entry "
        "WHEN OLD.approved_at IS NOT NULL AND NEW.approved_at IS NOT NULL "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked_delete BEFORE DELETE ON timesheet_entry "
        "WHEN OLD.approved_at IS NOT NULL "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"
    )


def _postgresql_lock() -> None:
    op.execute(
        "CREATE FUNCTION timesheet_entry_locked() RETURNS trigger AS $$\n"
        "BEGIN\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        "        IF OLD.approved_at IS NOT NULL THEN\n"
        f"            RAISE EXCEPTION '{LOCKED_MESSAGE}';\n"
        "        END IF;\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        "    IF OLD.approved_at IS NOT NULL AND NEW.approved_at IS NOT NULL THEN\n"
        f"        RAISE EXCEPTION '{LOCKED_MESSAGE}';\n"
        "    END IF;\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_locked BEFORE UPDATE OR DELETE ON timesheet_entry "
        "FOR EACH ROW EXECUTE FUNCTION timesheet_entry_locked()"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked_delete")
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked_update")
        op.execute("ALTER TABLE gig DROP COLUMN feedback_score")
    else:
        op.execute("DROP TRIGGER IF EXISTS timesheet_entry_locked ON timesheet_entry")
        op.execute("DROP FUNCTION IF EXISTS timesheet_entry_locked()")
        with op.batch_alter_table("gig", recreate="never") as batch:
            batch.drop_constraint(op.f("ck_gig_feedback_score"), type_="check")
            batch.drop_column("feedback_score")
    with op.batch_alter_table("gig", recreate="never") as batch:
        batch.drop_column("feedback_comment")
    op.drop_table("timesheet_entry")
    op.drop_table("attendance")
