"""Check a data file: SQLite's own checks, the schema version and the program's invariants.

Used by ``jobcenter-desktop check`` and after restoring a backup. Every problem is
a translated sentence naming the record (by its number, as the lists show it), so
that an administrator can find and fix it; an empty list means the file is in order.

The invariants are read with plain SQL rather than through the models, so that a
row the models could not even load (an unknown code, say) is reported, not crashed on.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from jobcenter_desktop.db.migrate import current_revision, head_revision
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services import contracts
from jobcenter_desktop.services.store import Store


def check_store(store: Store) -> list[str]:
    """The problems found in the store, one sentence each; empty when all is well."""
    problems: list[str] = []
    try:
        revision = current_revision(store.engine)
        head = head_revision()
    except SQLAlchemyError as error:
        return [_damaged(error)]
    if revision != head:
        problems.append(
            _(
                "The data file's schema version is {revision}, but this program uses {head}. "
                "Open the file in the program once to upgrade it."
            ).format(revision=revision or "-", head=head)
        )
    checks: list[Callable[[Connection], list[str]]] = []
    if store.engine.dialect.name == "sqlite":
        checks += [_sqlite_integrity, _sqlite_foreign_keys]
    checks += [
        _centre,
        _customers,
        _numbers,
        _contract_dates,
        _money,
        _ended_participants,
    ]
    with store.engine.connect() as connection:
        for check in checks:
            try:
                problems += check(connection)
            except DBAPIError as error:
                problems.append(_damaged(error))
                if store.engine.dialect.name == "sqlite" and check is _sqlite_integrity:
                    break
    return problems


def _damaged(error: Exception) -> str:
    reason = getattr(error, "orig", None) or error
    return _("The data file is damaged or cannot be read: {reason}").format(reason=reason)


def _sqlite_integrity(connection: Connection) -> list[str]:
    results = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if results == ["ok"]:
        return []
    return [_("SQLite found damage in the data file: {detail}").format(detail=r) for r in results]


def _sqlite_foreign_keys(connection: Connection) -> list[str]:
    return [
        _(
            "Row {rowid} of the table {table} refers to a row of {parent} that does not exist."
        ).format(rowid=rowid, table=table, parent=parent)
        for table, rowid, parent, _fkid in connection.exec_driver_sql("PRAGMA foreign_key_check")
    ]


def _centre(connection: Connection) -> list[str]:
    centres = connection.execute(text("SELECT id FROM centre ORDER BY id")).scalars().all()
    if len(centres) > 1:
        return [
            _("The data file has {count} centres; there must be only one.").format(
                count=len(centres)
            )
        ]
    if not centres:
        return []
    defaults = connection.execute(
        text("SELECT count(*) FROM bank_account WHERE centre_id = :centre AND is_default"),
        {"centre": centres[0]},
    ).scalar_one()
    if defaults != 1:
        return [
            _(
                "The centre has {count} default bank accounts; exactly one must be the default."
            ).format(count=defaults)
        ]
    return []


def _customers(connection: Connection) -> list[str]:
    problems = []
    rows = connection.execute(
        text("SELECT customer_number, name, type, business_id FROM customer ORDER BY id")
    )
    types = {member.value for member in CustomerType}
    for number, name, kind, business_id in rows:
        message = None
        if kind not in types:
            message = _("Customer {number} ({name}) has an unknown type “{type}”.")
        elif kind == CustomerType.HOUSEHOLD.value:
            if business_id:
                message = _("Customer {number} ({name}) is a household but has a business ID.")
        elif not business_id:
            message = _("Customer {number} ({name}) is an organisation but has no business ID.")
        elif not _valid_business_id(business_id):
            message = _("Customer {number} ({name}) has an invalid business ID {business_id}.")
        if message:
            problems.append(
                message.format(number=number, name=name, type=kind, business_id=business_id)
            )
    return problems


def _valid_business_id(business_id: str) -> bool:
    try:
        return v.business_id(business_id) == business_id
    except v.FieldError:
        return False


def _numbers(connection: Connection) -> list[str]:
    problems = []
    for table, column, message in (
        ("participant", "participant_number", _("Participant (id {id}) has no number.")),
        ("customer", "customer_number", _("Customer (id {id}) has no number.")),
        ("contract", "contract_number", _("Contract (id {id}) has no number.")),
    ):
        query = f"SELECT id FROM {table} WHERE trim(coalesce({column}, '')) = '' ORDER BY id"
        problems += [message.format(id=row_id) for row_id in connection.scalars(text(query))]
    return problems


def _contract_dates(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT contract_number FROM contract"
            " WHERE valid_to IS NOT NULL AND valid_to < valid_from ORDER BY id"
        )
    )
    return [
        _("Contract {number} ends before it begins.").format(number=number) for (number,) in rows
    ]


def _money(connection: Connection) -> list[str]:
    problems = [
        _("Participant {number} has a negative hourly pay.").format(number=number)
        for (number,) in connection.execute(
            text("SELECT participant_number FROM participant WHERE hourly_pay < 0 ORDER BY id")
        )
    ]
    for column in contracts.PRICE_FIELDS:
        rows = connection.execute(
            text(f"SELECT contract_number FROM contract WHERE {column} < 0 ORDER BY id")
        )
        problems += [
            _("Contract {number} has a negative amount in “{field}”.").format(
                number=number, field=contracts.label(column)
            )
            for (number,) in rows
        ]
    return problems


def _ended_participants(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT participant_number FROM participant"
            " WHERE status = 'ended' AND outcome IS NULL ORDER BY id"
        )
    )
    return [
        _("Participant {number} has ended but no outcome is recorded.").format(number=number)
        for (number,) in rows
    ]
