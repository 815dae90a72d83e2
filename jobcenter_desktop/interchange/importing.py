"""Import participants, customers or contracts from a CSV or Excel file: all or nothing.

Every row is validated by the same service as the form (and by the schema's
field lengths and characters, :mod:`field_limits`) before the write lock is
taken, then all rows are inserted in batches inside one transaction; if any row
is wrong, nothing is saved and the error lists each problem as "Row 7, Business
ID: check digit does not match" (the row number is the one the spreadsheet
program shows, the heading row being row 1).

The headings are the code names of :data:`REGISTERS` (what :mod:`exporting`
writes), the field labels in English, or their common Finnish names
(``Y-tunnus``, ``Postinumero`` …). Columns the register does not know are
ignored. An existing number is never updated: importing a number that is
already in the store is an error, as is the same number twice in one file. A
row with no number gets the next free one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from jobcenter_desktop.db import field_limits
from jobcenter_desktop.db.engine import optimize
from jobcenter_desktop.db.models import Base, Contract, Customer, Participant
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.register_columns import RegisterColumns, register_columns
from jobcenter_desktop.interchange.tabular import ImportFileError, Table, read_table
from jobcenter_desktop.services.registers import contracts, customers, participants

# After this many problems the importer stops: the user fixes these first.
MAX_PROBLEMS = 50
# Rows written to the database in one batch.
FLUSH_EVERY = 1000
# After an import of this many rows SQLite's query planner is told the new sizes.
OPTIMIZE_AFTER = 1000

InputT = TypeVar("InputT")


def read_register_file(register: str, path: Path) -> Table:
    """The file read with the register's headings; :class:`ImportFileError` if it cannot be."""
    spec = register_columns(register)
    return read_table(path, spec.aliases, spec.required)


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
    table = read_register_file(register, path)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    importer_class = _IMPORTERS[register]
    with store.read() as session:
        checked = importer_class(Transaction(session, store.actor), spec, table)
        try:
            checked.run()
            checked.raise_problems(path)
            rows = checked.pending()
        finally:
            checked.discard()
    with store.write() as tx:
        if checked.still_valid(tx.session):
            for index, (entity, row, audit) in enumerate(rows, start=1):
                tx.session.add(row)
                tx.record_created(entity, row, audit)
                if index % FLUSH_EVERY == 0:
                    tx.flush()
            count = len(rows)
        else:
            importer = importer_class(tx, spec, table)
            count = importer.run()
            # Raised inside the transaction, so every row added so far is rolled back.
            importer.raise_problems(path)
        tx.flush()  # the rows' own entries first, then the import's
        tx.record(register, None, "import", None, {"file": path.name, "rows": count})
    if count >= OPTIMIZE_AFTER:
        optimize(store.engine)
    return count


class _Importer(ABC, Generic[InputT]):
    """Checks (and adds, unflushed) the rows of one file in the given transaction."""

    number_key: str
    first_number = 1

    def __init__(self, tx: Transaction, spec: RegisterColumns, table: Table) -> None:
        self.tx = tx
        self.spec = spec
        self.table = table
        self.problems: list[str] = []
        column = self.number_column()
        self.taken: frozenset[str] = frozenset(tx.session.scalars(select(column)))

    @abstractmethod
    def number_column(self) -> InstrumentedAttribute[str]: ...

    @abstractmethod
    def number_label(self) -> str: ...

    @abstractmethod
    def make_input(self, values: dict[str, str], checker: v.Checker) -> InputT: ...

    @abstractmethod
    def save(self, data: InputT, checker: v.Checker) -> None: ...

    def still_valid(self, session: Session) -> bool:
        """Whether what the checks relied on is still as it was when they were made."""
        return frozenset(session.scalars(select(self.number_column()))) == self.taken

    def run(self) -> int:
        """Check every row and add it to the session, unflushed, with its audit entry
        waiting (:meth:`Transaction.record_created`); returns how many rows passed."""
        numbers = self._numbers()
        count = 0
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
                # The service's own look-ups need not write the pending rows first.
                with self.tx.session.no_autoflush:
                    self.save(self.make_input(values, checker), checker)
            except v.ValidationError as error:
                if not self._problems(row_number, error.errors.values()):
                    break
                continue
            # Lengths and characters as the schema declares them: the same check as
            # before every flush, made here so the problem names the row.
            too_long = field_limits.row_problems(self.tx.pending[-1][1])
            if too_long:
                if not self._problems(row_number, too_long.values()):
                    break
                continue
            count += 1
        return count

    def raise_problems(self, path: Path) -> None:
        if self.problems:
            raise ImportFileError(
                _("Nothing was imported from {file}. Correct these rows and try again:").format(
                    file=path.name
                ),
                self.problems,
            )

    def pending(self) -> list[tuple[str, Base, Callable[[Any], dict[str, Any]]]]:
        """The checked rows, taken out of the session: (entity, row, audit snapshot)."""
        rows = [(entity, row, audit) for entity, row, _before, audit in self.tx.pending]
        self.discard()
        return rows

    def discard(self) -> None:
        """Take the added rows out of the session, so that nothing writes them."""
        session = self.tx.session
        for _entity, row, _before, _audit in self.tx.pending:
            if row in session:
                session.expunge(row)
        self.tx.pending.clear()

    def _problems(self, row_number: int, messages: Iterable[str]) -> bool:
        """Record a row's problems; False when there are too many to go on."""
        for message in messages:
            if len(self.problems) >= MAX_PROBLEMS:
                self.problems.append(_("… and perhaps more; correct these first."))
                return False
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
        names = {f.name for f in fields(data)}  # type: ignore[arg-type]
        for key in self.spec.accepted:
            if key not in values:
                continue
            attribute = self.spec.attributes.get(key, key)
            if not attribute or attribute not in names:
                continue
            value = values[key]
            if key == "postal_code" or key.endswith("_postal_code"):
                value = _postal_code(value)
            if value or key in self.spec.no_default:
                setattr(data, attribute, value)
        return data


def _postal_code(text: str) -> str:
    # Excel drops the leading zeros of a postal code typed into a number cell: 00100 (Helsinki)
    # becomes 100 and 02100 (Espoo) 2100. Shorter numbers are not codes that lost zeros.
    return text.zfill(5) if text.isdigit() and 3 <= len(text) <= 4 else text


class _CustomerImporter(_Importer[customers.CustomerInput]):
    number_key = "customer_number"

    def number_column(self) -> InstrumentedAttribute[str]:
        return Customer.customer_number

    first_number = customers.FIRST_NUMBER

    def number_label(self) -> str:
        return customers.label("customer_number")

    def make_input(self, values: dict[str, str], checker: v.Checker) -> customers.CustomerInput:
        return self.fill(customers.CustomerInput(), values)

    def save(self, data: customers.CustomerInput, checker: v.Checker) -> None:
        customers.save_customer_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, batch=True
        )


class _ParticipantImporter(_Importer[participants.ParticipantInput]):
    number_key = "participant_number"

    def number_column(self) -> InstrumentedAttribute[str]:
        return Participant.participant_number

    def number_label(self) -> str:
        return participants.label("participant_number")

    def make_input(
        self, values: dict[str, str], checker: v.Checker
    ) -> participants.ParticipantInput:
        return self.fill(participants.ParticipantInput(), values)

    def save(self, data: participants.ParticipantInput, checker: v.Checker) -> None:
        participants.save_participant_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, batch=True
        )


class _ContractImporter(_Importer[contracts.ContractInput]):
    number_key = "contract_number"

    def number_column(self) -> InstrumentedAttribute[str]:
        return Contract.contract_number

    def __init__(self, tx: Transaction, spec: RegisterColumns, table: Table) -> None:
        super().__init__(tx, spec, table)
        # Loaded once: the service's per-row session.get() then finds them in the session.
        self.customers = {c.customer_number: c for c in tx.session.scalars(select(Customer))}
        self.customer_facts = _customer_facts(tx.session)

    def still_valid(self, session: Session) -> bool:
        return super().still_valid(session) and _customer_facts(session) == self.customer_facts

    def number_label(self) -> str:
        return contracts.label("contract_number")

    def make_input(self, values: dict[str, str], checker: v.Checker) -> contracts.ContractInput:
        data = self.fill(contracts.ContractInput(), values)
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

    def save(self, data: contracts.ContractInput, checker: v.Checker) -> None:
        contracts.save_contract_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, batch=True
        )


def _customer_facts(session: Session) -> frozenset[tuple[Any, ...]]:
    """What a contract's checks read of the customers."""
    query = select(Customer.id, Customer.customer_number, Customer.type, Customer.archived_at)
    return frozenset(tuple(row) for row in session.execute(query))


_IMPORTERS: dict[str, type[_Importer[Any]]] = {
    "participants": _ParticipantImporter,
    "customers": _CustomerImporter,
    "contracts": _ContractImporter,
}
