"""Invoicing: invoices and credit notes, the billed gigs, payments, reminders, dated rates.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Tables
    ``invoice`` (issued invoices and credit notes with their printed snapshot, PDF and
    Finvoice), ``invoiced_gig`` (which gig an invoice bills; at most one row in force
    per gig), ``extra_line`` (lines typed onto a draft), ``payment``, ``reminder``,
    ``vat_rate`` and ``interest_rate`` (seeded with FINNISH-RULES.md), and the columns
    ``customer.invoice_detail`` and ``centre.reminder_fee``.

Triggers (SQLite and PostgreSQL, the same stable messages, named in ``db/locks.py``)
    ``invoice is issued``: any UPDATE or DELETE of an invoice, a payment or a
    reminder; an UPDATE or DELETE of an extra line an invoice bills (or one that
    moves it to a second invoice); any change of an ``invoiced_gig`` row except
    releasing it once (``released_by_id`` from NULL to a credit note).
    ``invoice number out of series``: an invoice whose number is not the centre's
    next number, and a next number set at or below an issued one.
    ``gig is invoiced``: reopening the hours of an invoiced gig (an UPDATE of an
    approved entry on it), and changing or deleting an invoiced gig (a billable
    cancellation has no hours to lock it).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ISSUED = "invoice is issued"
OUT_OF_SERIES = "invoice number out of series"
GIG_INVOICED = "gig is invoiced"

GIG_KEPT = (
    "contract_id",
    "day",
    "start_time",
    "duration_minutes",
    "work_site_id",
    "status",
    "cancel_billable",
)
INSERT_ONLY = ("invoice", "payment", "reminder")

VAT_SEED = (
    ("general", date(2013, 1, 1), 2400),
    ("general", date(2024, 9, 1), 2550),
    ("food", date(2013, 1, 1), 1400),
    ("food", date(2026, 1, 1), 1350),
    ("reduced", date(2013, 1, 1), 1000),
    ("reduced", date(2025, 1, 1), 1400),
    ("reduced", date(2026, 1, 1), 1350),
)
INTEREST_SEED = ((date(2026, 1, 1), 950, 1050),)


def _utc() -> sa.DateTime:
    return sa.DateTime()


def upgrade() -> None:
    op.add_column(
        "customer",
        sa.Column("invoice_detail", sa.String(32), nullable=False, server_default="per_gig"),
    )
    op.add_column(
        "centre",
        sa.Column("reminder_fee", sa.BigInteger(), nullable=False, server_default="500"),
    )
    _tables()
    _seed()
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _tables() -> None:
    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey(
                "customer.id", name="fk_invoice_customer_id_customer", ondelete="RESTRICT"
            ),
            nullable=False,
        ),
        sa.Column(
            "credited_invoice_id",
            sa.Integer(),
            sa.ForeignKey(
                "invoice.id", name="fk_invoice_credited_invoice_id_invoice", ondelete="RESTRICT"
            ),
            nullable=True,
        ),
        sa.Column("releases_hours", sa.Boolean(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("work_share", sa.BigInteger(), nullable=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("finvoice", sa.LargeBinary(), nullable=True),
        sa.Column("issued_at", _utc(), nullable=False),
        sa.Column("issued_by", sa.String(100), nullable=False),
        sa.Column("search", sa.String(400), nullable=False),
        sa.CheckConstraint("number >= 1", name="ck_invoice_number"),
        sa.CheckConstraint(
            "(kind = 'credit_note') = (credited_invoice_id IS NOT NULL)",
            name="ck_invoice_credit_refers",
        ),
        sa.UniqueConstraint("number", name="uq_invoice_number"),
        sa.UniqueConstraint("reference", name="uq_invoice_reference"),
    )
    op.create_index("ix_invoice_customer_id", "invoice", ["customer_id"])
    op.create_index("ix_invoice_credited_invoice_id", "invoice", ["credited_invoice_id"])
    op.create_index("ix_invoice_issue_date", "invoice", ["issue_date"])

    op.create_table(
        "invoiced_gig",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "gig_id",
            sa.Integer(),
            sa.ForeignKey("gig.id", name="fk_invoiced_gig_gig_id_gig", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column(
            "invoice_id",
            sa.Integer(),
            sa.ForeignKey(
                "invoice.id", name="fk_invoiced_gig_invoice_id_invoice", ondelete="RESTRICT"
            ),
            nullable=False,
        ),
        sa.Column(
            "released_by_id",
            sa.Integer(),
            sa.ForeignKey(
                "invoice.id", name="fk_invoiced_gig_released_by_id_invoice", ondelete="RESTRICT"
            ),
            nullable=True,
        ),
    )
    op.create_index("ix_invoiced_gig_gig_id", "invoiced_gig", ["gig_id"])
    op.create_index("ix_invoiced_gig_invoice_id", "invoiced_gig", ["invoice_id"])
    op.create_index(
        "uq_invoiced_gig_in_force",
        "invoiced_gig",
        ["gig_id"],
        unique=True,
        sqlite_where=sa.text("released_by_id IS NULL"),
        postgresql_where=sa.text("released_by_id IS NULL"),
    )

    op.create_table(
        "extra_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey(
                "customer.id", name="fk_extra_line_customer_id_customer", ondelete="RESTRICT"
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("vat_treatment", sa.String(32), nullable=False),
        sa.Column("vat_reason", sa.String(300), nullable=False),
        sa.Column(
            "invoice_id",
            sa.Integer(),
            sa.ForeignKey(
                "invoice.id", name="fk_extra_line_invoice_id_invoice", ondelete="RESTRICT"
            ),
            nullable=True,
        ),
        sa.Column("created_at", _utc(), nullable=False),
    )
    op.create_index("ix_extra_line_customer_id", "extra_line", ["customer_id"])
    op.create_index("ix_extra_line_invoice_id", "extra_line", ["invoice_id"])

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "invoice_id",
            sa.Integer(),
            sa.ForeignKey("invoice.id", name="fk_payment_invoice_id_invoice", ondelete="RESTRICT"),
            nullable=True,
        ),
        sa.Column("archive_id", sa.String(40), nullable=True),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("payer", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.UniqueConstraint("archive_id", name="uq_payment_archive_id"),
    )
    op.create_index("ix_payment_invoice_id", "payment", ["invoice_id"])

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "invoice_id",
            sa.Integer(),
            sa.ForeignKey("invoice.id", name="fk_reminder_invoice_id_invoice", ondelete="RESTRICT"),
            nullable=False,
        ),
        sa.Column("letter_date", sa.Date(), nullable=False),
        sa.Column("new_due", sa.Date(), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
    )
    op.create_index("ix_reminder_invoice_id", "reminder", ["invoice_id"])

    op.create_table(
        "vat_rate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("rate >= 0 AND rate < 10000", name="ck_vat_rate_rate"),
        sa.UniqueConstraint("category", "valid_from", name="uq_vat_rate_category"),
    )
    op.create_table(
        "interest_rate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("consumer", sa.BigInteger(), nullable=False),
        sa.Column("business", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("valid_from", name="uq_interest_rate_valid_from"),
    )


def _seed() -> None:
    vat = sa.table(
        "vat_rate",
        sa.column("category", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("rate", sa.BigInteger),
    )
    op.bulk_insert(vat, [{"category": c, "valid_from": d, "rate": r} for c, d, r in VAT_SEED])
    interest = sa.table(
        "interest_rate",
        sa.column("valid_from", sa.Date),
        sa.column("consumer", sa.BigInteger),
        sa.column("business", sa.BigInteger),
    )
    op.bulk_insert(
        interest,
        [{"valid_from": d, "consumer": c, "business": b} for d, c, b in INTEREST_SEED],
    )


def _raise_sqlite(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _invoiced(gig: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM invoiced_gig"
        f" WHERE invoiced_gig.gig_id = {gig} AND invoiced_gig.released_by_id IS NULL)"
    )


def _sqlite_triggers() -> None:
    for table in INSERT_ONLY:
        for kind in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_issued_{kind.lower()} BEFORE {kind} ON {table} "
                + _raise_sqlite(ISSUED)
            )
    op.execute(
        "CREATE TRIGGER invoice_number_in_series BEFORE INSERT ON invoice "
        "WHEN NEW.number IS NOT (SELECT next_invoice_number FROM centre ORDER BY id LIMIT 1) "
        + _raise_sqlite(OUT_OF_SERIES)
    )
    op.execute(
        "CREATE TRIGGER centre_next_invoice_number BEFORE UPDATE OF next_invoice_number ON centre "
        "WHEN NEW.next_invoice_number <= (SELECT COALESCE(MAX(number), 0) FROM invoice) "
        + _raise_sqlite(OUT_OF_SERIES)
    )
    op.execute(
        "CREATE TRIGGER extra_line_issued_update BEFORE UPDATE ON extra_line "
        "WHEN OLD.invoice_id IS NOT NULL " + _raise_sqlite(ISSUED)
    )
    op.execute(
        "CREATE TRIGGER extra_line_issued_delete BEFORE DELETE ON extra_line "
        "WHEN OLD.invoice_id IS NOT NULL " + _raise_sqlite(ISSUED)
    )
    op.execute(
        "CREATE TRIGGER invoiced_gig_issued_update BEFORE UPDATE ON invoiced_gig "
        "WHEN NOT (OLD.released_by_id IS NULL AND NEW.released_by_id IS NOT NULL"
        " AND NEW.id IS OLD.id AND NEW.gig_id IS OLD.gig_id"
        " AND NEW.invoice_id IS OLD.invoice_id) " + _raise_sqlite(ISSUED)
    )
    op.execute(
        "CREATE TRIGGER invoiced_gig_issued_delete BEFORE DELETE ON invoiced_gig "
        + _raise_sqlite(ISSUED)
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_invoiced BEFORE UPDATE ON timesheet_entry "
        f"WHEN OLD.approved_at IS NOT NULL AND {_invoiced('OLD.gig_id')} "
        + _raise_sqlite(GIG_INVOICED)
    )
    changed = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in GIG_KEPT)
    op.execute(
        f"CREATE TRIGGER gig_invoiced_update BEFORE UPDATE ON gig WHEN ({changed}) "
        f"AND {_invoiced('OLD.id')} " + _raise_sqlite(GIG_INVOICED)
    )
    op.execute(
        "CREATE TRIGGER gig_invoiced_delete BEFORE DELETE ON gig "
        f"WHEN {_invoiced('OLD.id')} " + _raise_sqlite(GIG_INVOICED)
    )


def _plpgsql(name: str, body: str) -> None:
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger AS $$\nBEGIN\n{body}\nEND;\n$$ LANGUAGE plpgsql"
    )


def _postgresql_triggers() -> None:
    _plpgsql("invoice_issued", f"    RAISE EXCEPTION '{ISSUED}';")
    for table in INSERT_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_issued BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION invoice_issued()"
        )
    _plpgsql(
        "invoice_number_in_series",
        "    IF NEW.number IS DISTINCT FROM"
        " (SELECT next_invoice_number FROM centre ORDER BY id LIMIT 1) THEN\n"
        f"        RAISE EXCEPTION '{OUT_OF_SERIES}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER invoice_number_in_series BEFORE INSERT ON invoice "
        "FOR EACH ROW EXECUTE FUNCTION invoice_number_in_series()"
    )
    _plpgsql(
        "centre_next_invoice_number",
        "    IF NEW.next_invoice_number IS DISTINCT FROM OLD.next_invoice_number AND"
        " NEW.next_invoice_number <= (SELECT COALESCE(MAX(number), 0) FROM invoice) THEN\n"
        f"        RAISE EXCEPTION '{OUT_OF_SERIES}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER centre_next_invoice_number BEFORE UPDATE ON centre "
        "FOR EACH ROW EXECUTE FUNCTION centre_next_invoice_number()"
    )
    _plpgsql(
        "extra_line_issued",
        "    IF OLD.invoice_id IS NOT NULL THEN\n"
        f"        RAISE EXCEPTION '{ISSUED}';\n"
        "    END IF;\n"
        "    IF TG_OP = 'DELETE' THEN\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER extra_line_issued BEFORE UPDATE OR DELETE ON extra_line "
        "FOR EACH ROW EXECUTE FUNCTION extra_line_issued()"
    )
    _plpgsql(
        "invoiced_gig_issued",
        "    IF TG_OP = 'DELETE' OR NOT (OLD.released_by_id IS NULL"
        " AND NEW.released_by_id IS NOT NULL AND NEW.id = OLD.id"
        " AND NEW.gig_id = OLD.gig_id AND NEW.invoice_id = OLD.invoice_id) THEN\n"
        f"        RAISE EXCEPTION '{ISSUED}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER invoiced_gig_issued BEFORE UPDATE OR DELETE ON invoiced_gig "
        "FOR EACH ROW EXECUTE FUNCTION invoiced_gig_issued()"
    )
    _plpgsql(
        "timesheet_entry_invoiced",
        f"    IF OLD.approved_at IS NOT NULL AND {_invoiced('OLD.gig_id')} THEN\n"
        f"        RAISE EXCEPTION '{GIG_INVOICED}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER timesheet_entry_invoiced BEFORE UPDATE ON timesheet_entry "
        "FOR EACH ROW EXECUTE FUNCTION timesheet_entry_invoiced()"
    )
    changed = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in GIG_KEPT)
    _plpgsql(
        "gig_invoiced",
        "    IF TG_OP = 'DELETE' THEN\n"
        f"        IF {_invoiced('OLD.id')} THEN\n"
        f"            RAISE EXCEPTION '{GIG_INVOICED}';\n"
        "        END IF;\n"
        "        RETURN OLD;\n"
        "    END IF;\n"
        f"    IF ({changed}) AND {_invoiced('OLD.id')} THEN\n"
        f"        RAISE EXCEPTION '{GIG_INVOICED}';\n"
        "    END IF;\n"
        "    RETURN NEW;",
    )
    op.execute(
        "CREATE TRIGGER gig_invoiced BEFORE UPDATE OR DELETE ON gig "
        "FOR EACH ROW EXECUTE FUNCTION gig_invoiced()"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in (
            "invoice_issued_update",
            "invoice_issued_delete",
            "payment_issued_update",
            "payment_issued_delete",
            "reminder_issued_update",
            "reminder_issued_delete",
            "invoice_number_in_series",
            "centre_next_invoice_number",
            "extra_line_issued_update",
            "extra_line_issued_delete",
            "invoiced_gig_issued_update",
            "invoiced_gig_issued_delete",
            "timesheet_entry_invoiced",
            "gig_invoiced_update",
            "gig_invoiced_delete",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for trigger, table in (
            ("invoice_issued", "invoice"),
            ("payment_issued", "payment"),
            ("reminder_issued", "reminder"),
            ("invoice_number_in_series", "invoice"),
            ("centre_next_invoice_number", "centre"),
            ("extra_line_issued", "extra_line"),
            ("invoiced_gig_issued", "invoiced_gig"),
            ("timesheet_entry_invoiced", "timesheet_entry"),
            ("gig_invoiced", "gig"),
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for function in (
            "invoice_issued",
            "invoice_number_in_series",
            "centre_next_invoice_number",
            "extra_line_issued",
            "invoiced_gig_issued",
            "timesheet_entry_invoiced",
            "gig_invoiced",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    for table in (
        "interest_rate",
        "vat_rate",
        "reminder",
        "payment",
        "extra_line",
        "invoiced_gig",
        "invoice",
    ):
        op.drop_table(table)
    op.drop_column("centre", "reminder_fee")
    op.drop_column("customer", "invoice_detail")
