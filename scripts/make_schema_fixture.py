"""Write ``tests/data/jobcenter-schema-0001.db``: a populated store at schema 0001.

Run once per released schema (``python scripts/make_schema_fixture.py``); the
upgrade tests open a copy of the file and check nothing was lost.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.migrate import upgrade

TARGET = Path(__file__).resolve().parent.parent / "tests" / "data" / "jobcenter-schema-0001.db"
NOW = "2026-11-01 08:00:00"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    engine = make_engine(sqlite_url(TARGET))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO centre (legal_name, business_id, vat_status, street, postal_code,"
                " city, phone, email, payment_term_days, next_invoice_number,"
                " prepayment_register, logo_mime, created_at, updated_at) VALUES"
                " ('Vanhan version työkeskus', '2077474-0', 'registered', 'Kauppakatu 1',"
                " '80100', 'Joensuu', '', '', 14, 5, 0, '', :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO bank_account (centre_id, iban, bic, is_default)"
                " VALUES (1, 'FI7944052020036082', 'ITELFIHH', 1)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO participant (participant_number, first_name, last_name, phone,"
                " email, street, postal_code, city, service_basis, pay_basis, hourly_pay,"
                " weekly_limit_minutes, guardian_name, guardian_phone, guardian_email,"
                " consent_scope, transport_note, status, notes, created_at, updated_at, search)"
                " VALUES ('7', 'Åke', 'Öhman', '', '', '', '', 'Joensuu', 'disability', 'wage',"
                " 1000, 1200, '', '', '', '', '', 'active', '', :now, :now, '7 åke öhman joensuu')"
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
    engine.dispose()
    print(TARGET)


if __name__ == "__main__":
    main()
