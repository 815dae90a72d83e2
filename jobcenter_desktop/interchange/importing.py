"""Import participants, customers or contracts from a CSV or Excel file: all or nothing.

Every row is validated by the same service checks as the form (and by the
schema's field lengths and characters, :mod:`field_limits`) before the write
lock is taken, then all rows are inserted in batches inside one transaction; if
any row is wrong, nothing is saved and the error lists each problem as "Row 7,
Business ID: check digit does not match" (the row number is the one the
spreadsheet program shows, the heading row being row 1).

The checked rows are kept as plain column values (no ORM objects) and written
with batched ``executemany`` INSERTs (:mod:`jobcenter_desktop.db.bulk`), each
batch followed by the same audit entries a form's save writes, one per new row.

The headings are the code names of :data:`REGISTERS` (what :mod:`exporting`
writes), the field labels in English, or their common Finnish names
(``Y-tunnus``, ``Postinumero`` …). Columns the register does not know are
ignored. An existing number is never updated: importing a number that is
already in the store is an error, as is the same number twice in one file. A
row with no number gets the next free one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from jobcenter_desktop.db import field_limits
from jobcenter_desktop.db.bulk import Audit, Snapshots, insert_rows, record_many
from jobcenter_desktop.db.engine import optimize
from jobcenter_desktop.db.models import Base, Contract, Customer, Participant
from jobcenter_desktop.db.records import entity_name
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.register_columns import RegisterColumns, register_columns
from jobcenter_desktop.interchange.tabular import (
    Table,
    read_rows,
    refuse_rows,
)
from jobcenter_desktop.services.registers import contracts, customers, participants

# Rows written to the database in one batch (one executemany, then their audit entries).
BATCH_ROWS = 2000
# After an import of this many rows SQLite's query planner is told the new sizes.
OPTIMIZE_AFTER = 1000

InputT = TypeVar("InputT")


def import_file(store: Store, register: str, path: Path) -> int:
    """Import every row of ``path`` into ``register`` or nothing; returns the number of rows.

    Raises :class:`ImportFileError` with one problem per line when the file cannot
    be read or any row is wrong.

    The file is read and every row checked before the write lock is taken, so other
    workstations keep saving while a big file is checked; the lock is held only for
    the inserts. If the store changed meanwhile in what the checks relied on (the
    register's numbers, the customers), the rows are checked again under the lock.
    """
    spec = register_columns(register)
    table = read_rows(path, spec.aliases, spec.required)
    importer_class = _IMPORTERS[register]
    with store.read() as session:
        checked = importer_class(session, spec, table)
        checked.run()
    checked.raise_problems(path)
    with store.write() as tx:
        if not checked.still_valid(tx.session):
            checked.rows.clear()
            checked = importer_class(tx.session, spec, table)
            checked.run()
            # Raised inside the transaction before anything is written.
            checked.raise_problems(path)
        count = checked.insert(tx)
        tx.record(register, None, "import", None, {"file": path.name, "rows": count})
    if count >= OPTIMIZE_AFTER:
        optimize(store.engine)
    return count


class _Importer(ABC, Generic[InputT]):
    """Checks the rows of one file against what the session shows, keeping each checked
    row as its column values, and inserts them (:meth:`insert`) in a transaction."""

    model: ClassVar[type[Base]]
    number_key: ClassVar[str]
    first_number: ClassVar[int] = 1

    def __init__(self, session: Session, spec: RegisterColumns, table: Table) -> None:
        self.spec = spec
        self.table = table
        self.problems: list[str] = []
        self.taken: frozenset[str] = frozenset(session.scalars(select(self.number_column())))
        # The checked rows as tuples of column values in the order of ``columns``: a row
        # of a 100,000-row file costs one small tuple until it is written.
        self.columns: tuple[str, ...] = ()
        self.rows: list[tuple[Any, ...]] = []
        # The file's columns the input dataclass takes: (key, attribute, postal code, keep
        # an empty cell), found at the first row.
        self._cells: list[tuple[str, str, bool, bool]] | None = None

    @abstractmethod
    def number_column(self) -> InstrumentedAttribute[str]: ...

    @abstractmethod
    def number_label(self) -> str: ...

    @abstractmethod
    def make_input(self, values: dict[str, str], checker: v.Checker) -> InputT: ...

    @abstractmethod
    def check(self, data: InputT, checker: v.Checker) -> dict[str, Any]:
        """The new row's column values, checked as the form's save checks them; raises
        :class:`~jobcenter_desktop.domain.validation.ValidationError`."""

    @abstractmethod
    def audit(self, values: dict[str, Any]) -> dict[str, Any]:
        """What the audit log keeps of a new row, from its snapshot."""

    def still_valid(self, session: Session) -> bool:
        """Whether what the checks relied on is still as it was when they were made."""
        return frozenset(session.scalars(select(self.number_column()))) == self.taken

    def run(self) -> int:
        """Check every row, keeping the ones that pass; returns how many passed."""
        numbers = self._numbers()
        for (row_number, values), (number, duplicate_of) in zip(
            self.table.rows, numbers, strict=True
        ):
            checker = v.Checker()
            if duplicate_of is not None:
                checker.add(
                    self.number_key,
                    self.number_label(),
                    _("{number} is also on row {row}").format(number=number, row=duplicate_of),
                )
            values = {**values, self.number_key: number}
            try:
                row = self.check(self.make_input(values, checker), checker)
            except v.ValidationError as error:
                if not self._problems(row_number, error.errors.values()):
                    break
                continue
            # Lengths and characters as the schema declares them: the same check as
            # before every flush, made here so the problem names the row.
            too_long = field_limits.values_problems(self.model, row)
            if too_long:
                if not self._problems(row_number, too_long.values()):
                    break
                continue
            if not self.columns:
                self.columns = tuple(row)
            self.rows.append(tuple(row[key] for key in self.columns))
        return len(self.rows)

    def insert(self, tx: Transaction) -> int:
        """Insert the checked rows in batches, each followed by its rows' audit entries
        (one ``create`` per row, as :meth:`Transaction.record` writes it); returns how
        many rows were inserted."""
        snapshot = Snapshots(self.model)
        entity = entity_name(self.model)
        key = (self.number_key,)
        columns = self.columns
        for start in range(0, len(self.rows), BATCH_ROWS):
            batch = self.rows[start : start + BATCH_ROWS]
            ids = insert_rows(tx.session, self.model, columns, batch, key)
            entries: list[Audit] = [
                (
                    entity,
                    row_id,
                    "create",
                    None,
                    self.audit(snapshot(row_id, dict(zip(columns, row, strict=True)))),
                )
                for row_id, row in zip(ids, batch, strict=True)
            ]
            record_many(tx, entries)
        return len(self.rows)

    def raise_problems(self, path: Path) -> None:
        refuse_rows(path, self.problems)

    def _problems(self, row_number: int, messages: Iterable[str]) -> bool:
        """Record a row's problems; every row is checked, so that the refusal can say how
        many problems the file has (it lists the first MAX_PROBLEMS)."""
        for message in messages:
            self.problems.append(_("Row {row}, {problem}").format(row=row_number, problem=message))
        return True

    def _numbers(self) -> list[tuple[str, int | None]]:
        """Each row's number (blank ones get the next free) and the row it repeats, if any."""
        given = [values.get(self.number_key, "").strip() for _row, values in self.table.rows]
        used = self.taken | set(given)
        largest = max((int(n) for n in used if n.isdigit()), default=self.first_number - 1)
        first_row: dict[str, int] = {}
        result: list[tuple[str, int | None]] = []
        for (row_number, _values), number in zip(self.table.rows, given, strict=True):
            if not number:
                largest += 1
                result.append((str(largest), None))
                continue
            result.append((number, first_row.get(number)))
            first_row.setdefault(number, row_number)
        return result

    def fill(self, data: InputT, values: dict[str, str]) -> InputT:
        """Copy the file's cells onto the input dataclass ``data``."""
        cells = self._cells
        if cells is None:
            names = frozenset(f.name for f in fields(data))  # type: ignore[arg-type]
            cells = self._cells = [
                (
                    key,
                    attribute,
                    key == "postal_code" or key.endswith("_postal_code"),
                    key in self.spec.no_default,
                )
                for key in self.spec.accepted
                if (attribute := self.spec.attributes.get(key, key)) and attribute in names
            ]
        for key, attribute, postal, keep_empty in cells:
            value = values.get(key)
            if value is None:
                continue
            if postal:
                value = _postal_code(value)
            if value or keep_empty:
                setattr(data, attribute, value)
        return data


def _postal_code(text: str) -> str:
    # Excel drops the leading zeros of a postal code typed into a number cell: 00100 (Helsinki)
    # becomes 100 and 02100 (Espoo) 2100. Shorter numbers are not codes that lost zeros.
    return text.zfill(5) if text.isdigit() and 3 <= len(text) <= 4 else text


class _CustomerImporter(_Importer[CustomerInput]):
    model = Customer
    number_key = "customer_number"
    first_number = customers.FIRST_NUMBER

    def number_column(self) -> InstrumentedAttribute[str]:
        return Customer.customer_number

    def number_label(self) -> str:
        return customers.label("customer_number")

    def make_input(self, values: dict[str, str], checker: v.Checker) -> CustomerInput:
        return self.fill(CustomerInput(), values)

    def check(self, data: CustomerInput, checker: v.Checker) -> dict[str, Any]:
        return customers.new_customer_values(data, checker=checker, taken_numbers=self.taken)

    def audit(self, values: dict[str, Any]) -> dict[str, Any]:
        return customers.customer_audit(values)


class _ParticipantImporter(_Importer[ParticipantInput]):
    model = Participant
    number_key = "participant_number"

    def number_column(self) -> InstrumentedAttribute[str]:
        return Participant.participant_number

    def number_label(self) -> str:
        return participants.label("participant_number")

    def make_input(self, values: dict[str, str], checker: v.Checker) -> ParticipantInput:
        return self.fill(ParticipantInput(), values)

    def check(self, data: ParticipantInput, checker: v.Checker) -> dict[str, Any]:
        return participants.new_participant_values(data, checker=checker, taken_numbers=self.taken)

    def audit(self, values: dict[str, Any]) -> dict[str, Any]:
        return participants.participant_audit(values)


@dataclass(frozen=True)
class _Customer:
    """What a contract's checks read of a customer (:class:`contracts.CustomerFacts`)."""

    id: int
    customer_number: str
    name: str
    type: CustomerType
    archived_at: datetime | None


def _customers(session: Session) -> frozenset[_Customer]:
    query = select(
        Customer.id, Customer.customer_number, Customer.name, Customer.type, Customer.archived_at
    )
    return frozenset(_Customer(*row) for row in session.execute(query))


class _ContractImporter(_Importer[ContractInput]):
    model = Contract
    number_key = "contract_number"

    def __init__(self, session: Session, spec: RegisterColumns, table: Table) -> None:
        super().__init__(session, spec, table)
        # Read once; the checks then look customers up in memory.
        self.customer_facts = _customers(session)
        self.customers = {c.customer_number: c for c in self.customer_facts}
        self.customers_by_id = {c.id: c for c in self.customer_facts}

    def number_column(self) -> InstrumentedAttribute[str]:
        return Contract.contract_number

    def still_valid(self, session: Session) -> bool:
        return super().still_valid(session) and _customers(session) == self.customer_facts

    def number_label(self) -> str:
        return contracts.label("contract_number")

    def make_input(self, values: dict[str, str], checker: v.Checker) -> ContractInput:
        data = self.fill(ContractInput(), values)
        number = values.get("customer_number", "").strip()
        customer = self.customers.get(number)
        if not number:
            checker.add("customer", contracts.label("customer"), _("is required"))
        elif customer is None:
            checker.add(
                "customer",
                contracts.label("customer"),
                _("no customer has the number {number}").format(number=number),
            )
        else:
            data.customer_id = customer.id
        return data

    def check(self, data: ContractInput, checker: v.Checker) -> dict[str, Any]:
        customer = self.customers_by_id.get(data.customer_id) if data.customer_id else None
        return contracts.new_contract_values(
            data, customer, checker=checker, taken_numbers=self.taken
        )

    def audit(self, values: dict[str, Any]) -> dict[str, Any]:
        return contracts.contract_audit(values)


_IMPORTERS: dict[str, type[_Importer[Any]]] = {
    "participants": _ParticipantImporter,
    "customers": _CustomerImporter,
    "contracts": _ContractImporter,
}
