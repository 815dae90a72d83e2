"""Write ``tests/data/jobcenter-schema-0002.db``: a store at schema 0002 with a contract.

Run once (``python scripts/make_schema_0002_fixture.py``); the gig tests open a copy,
upgrade it and plan the old contract's gigs.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.migrate import upgrade

TARGET = Path(__file__).resolve().parent.parent / "tests" / "data" / "jobcenter-schema-0002.db"
NOW = "2026-11-20 08:00:00"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    engine = make_engine(sqlite_url(TARGET))
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO centre (legal_name, business_id, vat_status, street, postal_code,"
                " city, phone, email, payment_term_days, next_invoice_number,"
                " prepayment_register, logo_mime, created_at, updated_at) VALUES"
                " ('Vanhan version työkeskus', '2077474-0', 'registered', 'Kauppakatu 1',"
                " '80100', 'Joensuu', '', '', 14, 1, 0, '', :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO customer (customer_number, type, name, business_id, street,"
                " postal_code, city, email, phone, invoice_language, einvoice_address,"
                " einvoice_operator, customer_reference, notes, created_at, updated_at, search)"
                " VALUES ('1001', 'parish', 'Joensuun seurakunta', '0737546-2', '', '', '',"
                " '', '', 'fi', '', '', '', '', :now, :now, '1001 joensuun seurakunta')"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO work_site (customer_id, name, street, postal_code, city, notes)"
                " VALUES (1, 'Seurakuntatalo', 'Kirkkokatu 10', '80100', 'Joensuu', '')"
            )
        )
        # Every Tuesday 9.00-12.00 from Tuesday 1 December 2026, open-ended.
        connection.execute(
            text(
                "INSERT INTO contract (contract_number, customer_id, title, task_description,"
                " work_site_id, task_type, worker_hour_price, rounding_minutes, vat_treatment,"
                " vat_reason, household_deduction, planned_crew_size, weekdays, every_weeks,"
                " start_time, duration_minutes, valid_from, status, terms, created_at,"
                " updated_at, search) VALUES ('1', 1, 'Salin imurointi', '', 1, 'cleaning',"
                " 3500, 15, 'general', '', 0, 3, 'tue', 1, '09:00:00.000000', 180,"
                " '2026-12-01', 'active', '', :now, :now, '1 salin imurointi')"
            ),
            {"now": NOW},
        )
    engine.dispose()
    print(TARGET)


if __name__ == "__main__":
    main()
