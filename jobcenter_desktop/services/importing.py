"""Import participants, customers or contracts from a CSV or Excel file: all or nothing.

Every row is validated by the same service as the form and inserted inside one
transaction; if any row is wrong, nothing is saved and the error lists each
problem as "Row 7, Business ID: check digit does not match" (the row number is
the one the spreadsheet program shows, the heading row being row 1).

The headings are the code names of :data:`REGISTERS` (what :mod:`exporting`
writes), the field labels in English, or their common Finnish names
(``Y-tunnus``, ``Postinumero`` …). Columns the register does not know are
ignored. An existing number is never updated: importing a number that is
already in the store is an error, as is the same number twice in one file. A
row with no number gets the next free one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from jobcenter_desktop.db.models import Contract, Customer, Participant
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services import contracts, customers, participants
from jobcenter_desktop.services.errors import UserError
from jobcenter_desktop.services.store import Store, Transaction
from jobcenter_desktop.services.tabular import ImportFileError, Table, read_table

# After this many problems the importer stops: the user fixes these first.
MAX_PROBLEMS = 50
# Rows written to the file at a time.
FLUSH_EVERY = 500

InputT = TypeVar("InputT")


@dataclass(frozen=True)
class RegisterColumns:
    """The file layout of one register."""

    # The columns an export writes, in order; an import accepts the same.
    columns: tuple[str, ...]
    # Further columns an import accepts (form fields the export leaves out).
    extra: tuple[str, ...]
    # Headings the file must have.
    required: frozenset[str]
    # Other names of the columns (Finnish, mostly) -> code name.
    aliases: Mapping[str, str] = field(default_factory=dict)
    # Code name -> the attribute of the service's input dataclass, where they differ.
    attributes: Mapping[str, str] = field(default_factory=dict)
    # Columns that must not be left empty (an empty cell is given to the service
    # as empty, so it reports it); other empty cells take the form's default.
    no_default: frozenset[str] = frozenset()

    @property
    def accepted(self) -> tuple[str, ...]:
        return self.columns + self.extra


_COMMON_ALIASES = {
    "katuosoite": "street",
    "lähiosoite": "street",
    "osoite": "street",
    "street_address": "street",
    "postinumero": "postal_code",
    "postitoimipaikka": "city",
    "paikkakunta": "city",
    "kaupunki": "city",
    "sähköposti": "email",
    "sähköpostiosoite": "email",
    "e-mail": "email",
    "puhelin": "phone",
    "puhelinnumero": "phone",
    "lisätiedot": "notes",
    "muistiinpanot": "notes",
}

CUSTOMER_COLUMNS = RegisterColumns(
    columns=(
        "customer_number",
        "type",
        "name",
        "business_id",
        "street",
        "postal_code",
        "city",
        "email",
        "phone",
        "invoice_language",
        "einvoice_address",
        "einvoice_operator",
        "payment_term_days",
    ),
    extra=("customer_reference", "notes"),
    required=frozenset({"name", "type"}),
    aliases={
        **_COMMON_ALIASES,
        "asiakasnumero": "customer_number",
        "tilaajanumero": "customer_number",
        "tyyppi": "type",
        "asiakastyyppi": "type",
        "tilaajatyyppi": "type",
        "customer_type": "type",
        "nimi": "name",
        "y-tunnus": "business_id",
        "ytunnus": "business_id",
        "laskutuskieli": "invoice_language",
        "kieli": "invoice_language",
        "verkkolaskuosoite": "einvoice_address",
        "e-laskuosoite": "einvoice_address",
        "e-invoice_address": "einvoice_address",
        "välittäjätunnus": "einvoice_operator",
        "välittäjä": "einvoice_operator",
        "operaattori": "einvoice_operator",
        "verkkolaskuoperaattori": "einvoice_operator",
        "e-invoice_operator": "einvoice_operator",
        "maksuehto": "payment_term_days",
        "maksuehto_(päivää)": "payment_term_days",
        "maksuaika": "payment_term_days",
        "payment_term": "payment_term_days",
        "payment_term_(days)": "payment_term_days",
        "asiakkaan_viite": "customer_reference",
        "viite": "customer_reference",
        "customer's_reference": "customer_reference",
    },
    no_default=frozenset({"type"}),
)

PARTICIPANT_COLUMNS = RegisterColumns(
    columns=(
        "participant_number",
        "first_name",
        "last_name",
        "date_of_birth",
        "service_basis",
        "pay_basis",
        "hourly_pay",
        "weekly_hour_limit",
        "phone",
        "email",
    ),
    extra=(
        "identity_code",
        "street",
        "postal_code",
        "city",
        "guardian_name",
        "guardian_phone",
        "guardian_email",
        "consent_date",
        "consent_scope",
        "consent_expires",
        "transport_note",
        "status",
        "ended_on",
        "outcome",
        "notes",
    ),
    required=frozenset({"first_name", "last_name", "service_basis", "pay_basis"}),
    aliases={
        **_COMMON_ALIASES,
        "tekijänumero": "participant_number",
        "numero": "participant_number",
        "etunimi": "first_name",
        "sukunimi": "last_name",
        "syntymäaika": "date_of_birth",
        "henkilötunnus": "identity_code",
        "hetu": "identity_code",
        "personal_identity_code": "identity_code",
        "palveluperuste": "service_basis",
        "palkkausperuste": "pay_basis",
        "tuntipalkka": "hourly_pay",
        "viikkotuntiraja": "weekly_hour_limit",
        "viikkotunnit": "weekly_hour_limit",
        "tunteja_viikossa_enintään": "weekly_hour_limit",
        "huoltaja": "guardian_name",
        "guardian": "guardian_name",
        "huoltajan_puhelin": "guardian_phone",
        "huoltajan_sähköposti": "guardian_email",
        "suostumus_annettu": "consent_date",
        "suostumuksen_laajuus": "consent_scope",
        "suostumus_voimassa": "consent_expires",
        "kuljetus": "transport_note",
        "tila": "status",
        "päättynyt": "ended_on",
        "tulos": "outcome",
        "jatkopolku": "outcome",
    },
    no_default=frozenset({"service_basis", "pay_basis"}),
)

CONTRACT_COLUMNS = RegisterColumns(
    columns=(
        "contract_number",
        "customer_number",
        "title",
        "task_type",
        "worker_hour_price",
        "instructor_hour_price",
        "visit_price",
        "minimum_charge",
        "travel_fee",
        "rounding_minutes",
        "vat",
        "vat_reason",
        "household_deduction",
        "weekdays",
        "every_weeks",
        "start_time",
        "duration_minutes",
        "valid_from",
        "valid_to",
        "status",
    ),
    extra=("task_description", "planned_crew_size", "signed_on", "terms"),
    required=frozenset(
        {
            "customer_number",
            "title",
            "task_type",
            "vat",
            "start_time",
            "duration_minutes",
            "valid_from",
        }
    ),
    aliases={
        "sopimusnumero": "contract_number",
        "asiakasnumero": "customer_number",
        "tilaajanumero": "customer_number",
        "otsikko": "title",
        "nimi": "title",
        "työ": "title",
        "tehtävätyyppi": "task_type",
        "työtyyppi": "task_type",
        "tehtävä": "task_type",
        "tuntihinta": "worker_hour_price",
        "hinta_per_tekijätunti": "worker_hour_price",
        "tekijätunnin_hinta": "worker_hour_price",
        "price_per_worker-hour": "worker_hour_price",
        "ohjaajatunnin_hinta": "instructor_hour_price",
        "ohjaajan_tuntihinta": "instructor_hour_price",
        "price_per_instructor-hour": "instructor_hour_price",
        "käyntihinta": "visit_price",
        "kiinteä_hinta": "visit_price",
        "hinta_per_käynti": "visit_price",
        "minimiveloitus": "minimum_charge",
        "vähimmäisveloitus": "minimum_charge",
        "matkakulu": "travel_fee",
        "matkalisä": "travel_fee",
        "matkakorvaus": "travel_fee",
        "pyöristys": "rounding_minutes",
        "pyöristys_(min)": "rounding_minutes",
        "alv": "vat",
        "arvonlisävero": "vat",
        "vat_treatment": "vat",
        "alv-peruste": "vat_reason",
        "alv_peruste": "vat_reason",
        "verottomuuden_peruste": "vat_reason",
        "reason_for_no_vat": "vat_reason",
        "kotitalousvähennys": "household_deduction",
        "viikonpäivät": "weekdays",
        "viikon_välein": "every_weeks",
        "joka_n._viikko": "every_weeks",
        "every_n_weeks": "every_weeks",
        "alkaa_klo": "start_time",
        "alkamisaika": "start_time",
        "aloitusaika": "start_time",
        "kellonaika": "start_time",
        "kesto": "duration_minutes",
        "kesto_(min)": "duration_minutes",
        "kesto_minuutteina": "duration_minutes",
        "voimassa_alkaen": "valid_from",
        "alkaen": "valid_from",
        "alkupäivä": "valid_from",
        "voimassa_asti": "valid_to",
        "päättyy": "valid_to",
        "loppupäivä": "valid_to",
        "tila": "status",
        "kuvaus": "task_description",
        "tehtävän_kuvaus": "task_description",
        "ryhmän_koko": "planned_crew_size",
        "allekirjoitettu": "signed_on",
        "ehdot": "terms",
    },
    attributes={"vat": "vat_treatment", "customer_number": ""},
    no_default=frozenset({"task_type", "vat"}),
)

REGISTERS: dict[str, RegisterColumns] = {
    "participants": PARTICIPANT_COLUMNS,
    "customers": CUSTOMER_COLUMNS,
    "contracts": CONTRACT_COLUMNS,
}


def register_columns(register: str) -> RegisterColumns:
    try:
        return REGISTERS[register]
    except KeyError:
        raise UserError(
            _("Unknown register “{register}”: use participants, customers or contracts.").format(
                register=register
            )
        ) from None


def read_register_file(register: str, path: Path) -> Table:
    """The file read with the register's headings; :class:`ImportFileError` if it cannot be."""
    spec = register_columns(register)
    return read_table(path, spec.aliases, spec.required)


def import_file(store: Store, register: str, path: Path) -> int:
    """Import every row of ``path`` into ``register`` or nothing; returns the number of rows.

    Raises :class:`ImportFileError` with one problem per line when the file cannot
    be read or any row is wrong.
    """
    spec = register_columns(register)
    table = read_register_file(register, path)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    with store.write() as tx:
        importer = _IMPORTERS[register](tx, spec, table)
        count = importer.run()
        if importer.problems:
            # Raised inside the transaction, so every row inserted so far is rolled back.
            raise ImportFileError(
                _("Nothing was imported from {file}. Correct these rows and try again:").format(
                    file=path.name
                ),
                importer.problems,
            )
        tx.record(register, None, "import", None, {"file": path.name, "rows": count})
    return count


class _Importer(Generic[InputT]):
    """Validates and inserts the rows of one file inside the caller's transaction."""

    number_key: str
    first_number = 1

    def __init__(self, tx: Transaction, spec: RegisterColumns, table: Table) -> None:
        self.tx = tx
        self.spec = spec
        self.table = table
        self.problems: list[str] = []
        column = self.number_column()
        self.taken: set[str] = set(tx.session.scalars(select(column)))
        # Ids are given up front, so the rows go to the file in a few batches, not one by one.
        model: Any = column.class_
        self.next_id = (tx.session.scalar(select(func.max(model.id))) or 0) + 1

    def number_column(self) -> InstrumentedAttribute[str]:
        raise NotImplementedError

    def number_label(self) -> str:
        raise NotImplementedError

    def make_input(self, values: dict[str, str], checker: v.Checker) -> InputT:
        raise NotImplementedError

    def save(self, data: InputT, checker: v.Checker, new_id: int) -> None:
        raise NotImplementedError

    def run(self) -> int:
        """Save every row; returns how many were saved (all of them when there are no problems)."""
        numbers = self._numbers()
        count = 0
        last_row = 0
        for (row_number, values), (number, duplicate_of) in zip(
            self.table.rows, numbers, strict=True
        ):
            last_row = row_number
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
                    self.save(self.make_input(values, checker), checker, self.next_id)
                if count % FLUSH_EVERY == FLUSH_EVERY - 1:
                    self.tx.session.flush()
            except v.ValidationError as error:
                if not self._problems(row_number, error.errors.values()):
                    break
                continue
            except IntegrityError as error:
                self._refused(row_number, error)
                break
            self.next_id += 1
            count += 1
        else:
            try:
                self.tx.session.flush()
            except IntegrityError as error:
                self._refused(last_row, error)
        return count

    def _refused(self, row_number: int, error: IntegrityError) -> None:
        # Validation let through something the store refuses (the rows are written in
        # batches, so the row named is where it was noticed); the transaction is unusable.
        message = _("the data file refused the row ({reason})").format(reason=error.orig)
        self.problems.append(_("Row {row}, {problem}").format(row=row_number, problem=message))

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

    def save(self, data: customers.CustomerInput, checker: v.Checker, new_id: int) -> None:
        customers.save_customer_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, new_id=new_id
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

    def save(self, data: participants.ParticipantInput, checker: v.Checker, new_id: int) -> None:
        participants.save_participant_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, new_id=new_id
        )


class _ContractImporter(_Importer[contracts.ContractInput]):
    number_key = "contract_number"

    def number_column(self) -> InstrumentedAttribute[str]:
        return Contract.contract_number

    def __init__(self, tx: Transaction, spec: RegisterColumns, table: Table) -> None:
        super().__init__(tx, spec, table)
        # Loaded once: the service's per-row session.get() then finds them in the session.
        self.customers = {c.customer_number: c for c in tx.session.scalars(select(Customer))}

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

    def save(self, data: contracts.ContractInput, checker: v.Checker, new_id: int) -> None:
        contracts.save_contract_in(
            self.tx, data, checker=checker, taken_numbers=self.taken, new_id=new_id
        )


_IMPORTERS: dict[str, type[_Importer[Any]]] = {
    "participants": _ParticipantImporter,
    "customers": _CustomerImporter,
    "contracts": _ContractImporter,
}
