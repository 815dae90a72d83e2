"""The store on PostgreSQL: the same services, queries, files and checks as on SQLite.

A centre with several workstations will keep its store on a PostgreSQL server, with
the program unchanged. These tests prove the store's SQL is portable by running the
core against a throwaway PostgreSQL cluster that this module makes itself: ``initdb``
into a temporary folder, a server that listens on a Unix socket only (never on the
network), a fresh empty schema per test (which the program sees as its whole database;
the migration test and the demo data get databases of their own), and the server
stopped and the folder removed at the end, whatever happened.

The module is skipped, with the reason, when ``psycopg`` is not installed or the
server programs (``initdb`` and ``postgres``) are not found. They are looked for in
``$JOBCENTER_TEST_PG_BIN`` when it is set (a folder holding both; nothing else is
tried), else in Debian's ``/usr/lib/postgresql/<version>/bin`` (the newest first),
else on ``PATH``. As root (as in CI) the cluster belongs to the ``postgres`` user and
its programs run through ``runuser``; as anyone else they run as that user.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import itertools
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, create_engine, func, inspect, make_url, select, text
from sqlalchemy import delete as sql_delete
from sqlalchemy.exc import IntegrityError

from jobcenter_desktop.db.errors import RecordInUseError, StoreBusyError
from jobcenter_desktop.db.migrate import current_revision, head_revision
from jobcenter_desktop.db.models import (
    AuditEntry,
    BankAccount,
    Base,
    Centre,
    Contract,
    Customer,
    Instructor,
    Participant,
    ParticipantQualification,
    QualificationType,
    WorkSite,
)
from jobcenter_desktop.db.records import delete, set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.registers import (
    business_id_check_digit,
    load_demo_data,
    make_iban,
)
from jobcenter_desktop.domain.enums import ContractStatus, CustomerType, TaskType
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.exporting import export_file
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.register_columns import REGISTERS
from jobcenter_desktop.interchange.tabular import ImportFileError, read_table
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.queries.contracts import list_contracts, load_contract
from jobcenter_desktop.queries.customers import (
    customer_choices,
    list_customers,
    load_customer,
    work_site_choices,
)
from jobcenter_desktop.queries.instructors import list_instructors
from jobcenter_desktop.queries.participants import (
    list_participants,
    list_qualification_types,
    load_participant,
)
from jobcenter_desktop.services.integrity import check_store
from jobcenter_desktop.services.registers import customers
from jobcenter_desktop.services.registers.centre import save_centre
from tests.builders import make_contract, make_customer, make_instructor, make_participant

try:
    import psycopg
    from psycopg import sql as pg_sql
except ModuleNotFoundError:  # every test is skipped (see pytestmark)
    psycopg = None

BIN_ENV = "JOBCENTER_TEST_PG_BIN"
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
# The database whose schemas the tests' stores are (one schema each).
TESTS_DATABASE = "tests"
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0

# Finnish letters and the euro sign, in every text that must come back unchanged.
FINNISH = "Äänekosken Öljy & Säätö Oy"
FINNISH_NOTES = "Laskut: ä ö å Ä Ö Å € – “lainaus” ß"

CUSTOMER_HEADERS = list(REGISTERS["customers"].columns)


# --- the throwaway server -----------------------------------------------------------------


def _version(bin_dir: Path) -> tuple[int, ...]:
    """``/usr/lib/postgresql/15/bin`` -> ``(15,)``; unversioned folders sort first."""
    return tuple(int(part) for part in bin_dir.parent.name.split(".") if part.isdigit())


def find_server_programs() -> tuple[Path, Path] | str:
    """``(initdb, postgres)``, or why there are none (the module's skip reason)."""
    configured = os.environ.get(BIN_ENV)
    if configured:
        folders = [Path(configured)]
        where = f"${BIN_ENV} ({configured})"
    else:
        folders = sorted(map(Path, glob.glob(DEBIAN_BIN_GLOB)), key=_version, reverse=True)
        on_path = shutil.which("initdb")
        if on_path:
            folders.append(Path(on_path).resolve().parent)
        where = f"{DEBIAN_BIN_GLOB} or PATH"
    for folder in folders:
        initdb, postgres = folder / "initdb", folder / "postgres"
        if all(program.is_file() and os.access(program, os.X_OK) for program in (initdb, postgres)):
            return initdb, postgres
    return (
        f"PostgreSQL server programs (initdb, postgres) not found in {where}; "
        f"install PostgreSQL or set {BIN_ENV} to the folder holding them"
    )


SERVER_PROGRAMS = find_server_programs()
# Marks rather than a module-level skip, so that running only this module on a machine
# without PostgreSQL reports skipped tests (exit status 0), not "no tests collected" (5).
pytestmark = [
    pytest.mark.skipif(
        psycopg is None, reason="psycopg is not installed (pip install 'psycopg[binary]')"
    ),
    pytest.mark.skipif(isinstance(SERVER_PROGRAMS, str), reason=str(SERVER_PROGRAMS)),
]


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _as_server_user() -> list[str]:
    """The command prefix that runs a server program as the cluster's owner."""
    if not _running_as_root():
        return []  # initdb and postgres refuse root, but run as any other user
    import pwd

    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root, but runuser is missing to start PostgreSQL as postgres")
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        pytest.skip(f"running as root, but there is no {SERVER_USER!r} user to own the cluster")
    return [runuser, "-u", SERVER_USER, "--"]


def _locale_options() -> list[str]:
    """``C.UTF-8`` where the system has it (code-point order, Unicode ctype), else none."""
    try:
        listed = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    names = {line.strip().lower().replace("-", "") for line in listed.splitlines()}
    return ["--locale=C.UTF-8"] if "c.utf8" in names else ["--no-locale"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        first_line = (data_dir / "postmaster.pid").read_text().split("\n", 1)[0]
    except OSError:
        return None
    return int(first_line) if first_line.strip().isdigit() else None


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it has already gone
        os.kill(pid, signum)


def _stop(server: subprocess.Popen[bytes], data_dir: Path) -> None:
    """Fast shutdown (SIGINT to the postmaster), then harder ways if it hangs."""
    if server.poll() is not None:
        return
    postmaster = _postmaster_pid(data_dir)
    # As root, ``server`` is runuser, which exits when the postmaster has.
    _signal(postmaster or server.pid, signal.SIGINT if postmaster else signal.SIGTERM)
    try:
        server.wait(STOP_TIMEOUT)
        return
    except subprocess.TimeoutExpired:
        pass
    if postmaster:
        _signal(postmaster, signal.SIGQUIT)  # immediate shutdown
    try:
        server.wait(5)
    except subprocess.TimeoutExpired:
        if postmaster:
            _signal(postmaster, signal.SIGKILL)
        server.kill()
        server.wait(5)


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server, reachable on its Unix socket only."""

    socket_dir: Path
    port: int
    user: str = SERVER_USER

    def connect(self, dbname: str = "postgres") -> Any:
        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=self.user,
            dbname=dbname,
            connect_timeout=2,
            autocommit=True,
        )

    def url(self, dbname: str, schema: str | None = None) -> str:
        """The SQLAlchemy URL of a database; with ``schema``, that is the only one seen."""
        query = {"host": str(self.socket_dir), "port": str(self.port)}
        if schema is not None:
            query["options"] = f"-csearch_path={schema}"
        return URL.create(
            "postgresql+psycopg", username=self.user, database=dbname, query=query
        ).render_as_string(hide_password=False)

    def create_database(self, name: str) -> str:
        """Create an empty database (UTF-8, as the cluster); returns its SQLAlchemy URL."""
        with self.connect() as connection:
            connection.execute(pg_sql.SQL("CREATE DATABASE {}").format(pg_sql.Identifier(name)))
        return self.url(name)

    def create_schema(self, dbname: str, name: str) -> str:
        """Create an empty schema; returns a URL on which it is the whole database."""
        with self.connect(dbname) as connection:
            connection.execute(pg_sql.SQL("CREATE SCHEMA {}").format(pg_sql.Identifier(name)))
        return self.url(dbname, schema=name)


def _fail_with_log(message: str, log: Path) -> None:
    output = log.read_text(errors="replace") if log.exists() else ""
    pytest.fail(f"{message}\n{output[-3000:]}", pytrace=False)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    """A fresh PostgreSQL cluster for this module; stopped and removed afterwards."""
    assert not isinstance(SERVER_PROGRAMS, str)
    initdb, postgres_program = SERVER_PROGRAMS
    as_owner = _as_server_user()

    top = Path(tempfile.mkdtemp(prefix="jobcenter-pg-"))
    data_dir, socket_dir, log = top / "data", top / "socket", top / "server.log"
    server: subprocess.Popen[bytes] | None = None
    try:
        socket_dir.mkdir(mode=0o700)
        if as_owner:
            for folder in (top, socket_dir):
                shutil.chown(folder, SERVER_USER, SERVER_USER)
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        with log.open("wb") as output:
            done = subprocess.run(
                [
                    *as_owner,
                    str(initdb),
                    "-D",
                    str(data_dir),
                    "-U",
                    SERVER_USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    *_locale_options(),
                    "--no-sync",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=top,
                env=env,
                timeout=60,
                check=False,
            )
        if done.returncode != 0:
            _fail_with_log(f"initdb failed with exit status {done.returncode}:", log)
        port = _free_port()
        # Unix socket only, and no fsync: a test cluster need not survive a power cut.
        with log.open("ab") as output:
            server = subprocess.Popen(
                [
                    *as_owner,
                    str(postgres_program),
                    "-D",
                    str(data_dir),
                    "-p",
                    str(port),
                    "-k",
                    str(socket_dir),
                    "-c",
                    "listen_addresses=",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=top,
                env=env,
            )
        running = PostgresServer(socket_dir, port)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                _fail_with_log(f"PostgreSQL exited with status {server.returncode}:", log)
            try:
                running.connect().close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    _fail_with_log(f"PostgreSQL did not start in {START_TIMEOUT:.0f} s:", log)
                time.sleep(0.02)
        for name in ("jobcenter", TESTS_DATABASE):
            running.create_database(name)
        yield running
    finally:
        if server is not None:
            _stop(server, data_dir)
        shutil.rmtree(top, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def store_url(postgres: PostgresServer) -> str:
    """A new, empty schema for each test, that the program sees as its whole database.

    (A schema takes a millisecond to create, a database a few tenths of a second.)
    """
    return postgres.create_schema(TESTS_DATABASE, f"test_{next(_numbers)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.connect(store_url, actor="tester")
    try:
        yield opened
    finally:
        opened.close()


@dataclass(frozen=True)
class Demo:
    store: Store
    summary: str


@pytest.fixture(scope="module")
def demo(postgres: PostgresServer) -> Iterator[Demo]:
    """The demo centre in the ``jobcenter`` database, loaded once; tests only read it."""
    opened = Store.connect(postgres.url("jobcenter"), actor="tester")
    try:
        yield Demo(opened, load_demo_data(opened))
    finally:
        opened.close()


# --- helpers ------------------------------------------------------------------------------


def count(store: Store, model: Any) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def counts(store: Store) -> dict[str, int]:
    """How many rows every table has: to show that a refused change changed nothing."""
    with store.engine.connect() as connection:
        return {
            name: int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in Base.metadata.tables
        }


def raw(store: Store, statement: str, **params: Any) -> list[Any]:
    """Run SQL behind the services' back; the rows it returns, if any."""
    with store.engine.begin() as connection:
        result = connection.execute(text(statement), params)
        return [tuple(row) for row in result] if result.returns_rows else []


def qualification_ids(store: Store) -> dict[str, int]:
    return {row.code: row.id for row in list_qualification_types(store)}


def business_id(seed: int) -> str:
    base = 2_345_600 + seed
    while (check := business_id_check_digit(f"{base:07d}")) is None:
        base += 1000
    return f"{base:07d}-{check}"


def customer_row(number: str, seed: int, **overrides: str) -> list[str]:
    values = {header: "" for header in CUSTOMER_HEADERS}
    values.update(
        customer_number=number,
        type="company",
        name=f"Yritys {number} Oy",
        business_id=business_id(seed),
        street="Kauppakatu 1",
        postal_code="82100",
        city="Kotikunta",
        invoice_language="fi",
        payment_term_days="14",
    )
    values.update(overrides)
    return [values[header] for header in CUSTOMER_HEADERS]


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


# --- schema -------------------------------------------------------------------------------


def test_connect_migrates_an_empty_database_to_the_head_revision(
    postgres: PostgresServer,
) -> None:
    database_url = postgres.create_database("empty")
    empty = create_engine(database_url)
    try:
        assert current_revision(empty) is None
        assert inspect(empty).get_table_names() == []
    finally:
        empty.dispose()

    store = Store.connect(database_url)
    try:
        assert store.engine.dialect.name == "postgresql"
        assert store.path is None and store.backup is None
        assert current_revision(store.engine) == head_revision()
        tables = set(inspect(store.engine).get_table_names())
        assert tables == {*Base.metadata.tables, "alembic_version"}
        money = {c["name"]: c["type"] for c in inspect(store.engine).get_columns("contract")}
        assert str(money["worker_hour_price"]) == "BIGINT"
        # The migrations' seed rows are there.
        assert list(qualification_ids(store)) == [
            "safety_card",
            "hygiene_passport",
            "driving_licence",
            "first_aid",
            "hot_work_card",
            "forklift",
        ]
        customer_id = make_customer(store)
    finally:
        store.close()

    # A second workstation: already at the head, so nothing to do; it sees the data.
    second = Store.connect(database_url)
    try:
        assert current_revision(second.engine) == head_revision()
        assert [row.id for row in list_customers(second)] == [customer_id]
    finally:
        second.close()


def test_the_migrated_schema_is_what_the_models_describe(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_database_enforces_the_check_constraints_and_writes_nothing(store: Store) -> None:
    participant_id = make_participant(store)
    before = counts(store)
    with pytest.raises(IntegrityError, match="ck_participant_hourly_pay"), store.write() as tx:
        row = tx.session.get(Participant, participant_id)
        assert row is not None
        tx.record("participant", participant_id, "update", None, None)
        row.hourly_pay = Decimal("-1.00")
    assert counts(store) == before
    assert load_participant(store, participant_id).hourly_pay == "10,00"


# --- registers ----------------------------------------------------------------------------


def test_customer_participant_and_contract_from_the_builders(store: Store) -> None:
    quals = qualification_ids(store)
    customer_id = make_customer(
        store,
        work_sites=[WorkSiteInput("Pääkonttori", "Kauppakatu 1", "40100", "Jyväskylä")],
        contacts=[ContactInput("Pekka Mäki", "Isännöitsijä", "040 123 4567", "pekka@mäki.example")],
    )
    site_id = load_customer(store, customer_id).work_sites[0].id
    assert site_id is not None
    participant_id = make_participant(
        store,
        qualifications=[QualificationInput(quals["safety_card"], "1.2.2025", "1.2.2030")],
    )
    contract_id = make_contract(
        store,
        customer_id,
        task_type="property_maintenance",
        work_site_id=site_id,
        required_qualification_ids=[quals["safety_card"], quals["hygiene_passport"]],
    )

    customer = load_customer(store, customer_id)
    assert (customer.name, customer.business_id, customer.city) == (
        "Korjaamo Virtanen Oy",
        "0737546-2",
        "Joensuu",
    )
    assert [(s.name, s.postal_code, s.city) for s in customer.work_sites] == [
        ("Pääkonttori", "40100", "Jyväskylä")
    ]
    assert [(c.name, c.role) for c in customer.contacts] == [("Pekka Mäki", "Isännöitsijä")]
    participant = load_participant(store, participant_id)
    assert (participant.first_name, participant.last_name) == ("Aino", "Mäkinen")
    assert [
        (q.qualification_type_id, q.issued_on, q.expires_on) for q in participant.qualifications
    ] == [(quals["safety_card"], "1.2.2025", "1.2.2030")]
    contract = load_contract(store, contract_id)
    assert (contract.customer_id, contract.work_site_id) == (customer_id, site_id)
    assert contract.required_qualification_ids == [quals["safety_card"], quals["hygiene_passport"]]
    assert (contract.weekdays, contract.start_time, contract.valid_from) == (
        "mon",
        "8.00",
        "5.1.2026",
    )
    with store.read() as session:
        row = session.get(Contract, contract_id)
        assert row is not None
        assert row.task_type is TaskType.PROPERTY_MAINTENANCE
        assert row.valid_from == date(2026, 1, 5)
        assert row.household_deduction is False
        assert row.created_at.tzinfo is not None
        actions = session.execute(select(AuditEntry.entity, AuditEntry.action)).all()
    assert sorted(actions) == [
        ("contract", "create"),
        ("customer", "create"),
        ("participant", "create"),
    ]


def test_finnish_text_round_trips(store: Store) -> None:
    customer_id = make_customer(
        store, name=FINNISH, notes=FINNISH_NOTES, street="Åkerlundinkatu 5", city="Ähtäri"
    )

    loaded = load_customer(store, customer_id)
    assert (loaded.name, loaded.notes, loaded.street, loaded.city) == (
        FINNISH,
        FINNISH_NOTES,
        "Åkerlundinkatu 5",
        "Ähtäri",
    )
    assert raw(store, "SHOW server_encoding") == [("UTF8",)]
    # Stored as characters, not as mangled bytes, and found by a bound parameter.
    assert raw(
        store,
        "SELECT length(notes), octet_length(notes) FROM customer WHERE name = :name",
        name=FINNISH,
    ) == [(len(FINNISH_NOTES), len(FINNISH_NOTES.encode()))]
    [row] = list_customers(store)
    assert row.name == FINNISH
    assert "äänekosken öljy" in row.search and "ähtäri" in row.search
    with store.read() as session:
        after = session.scalars(select(AuditEntry.after)).one()
    assert after is not None and after["notes"] == FINNISH_NOTES


def test_money_is_exact_whole_cents(store: Store) -> None:
    participant_id = make_participant(store, hourly_pay="12,35")
    contract_id = make_contract(
        store,
        worker_hour_price="35,10",
        instructor_hour_price="0,05",
        visit_price="98 765 432,10",  # more cents than a 32-bit integer holds
        minimum_charge="0",
        travel_fee="7,99 €",
    )

    assert raw(store, "SELECT hourly_pay FROM participant WHERE id = :id", id=participant_id) == [
        (1235,)
    ]
    assert raw(
        store,
        "SELECT worker_hour_price, instructor_hour_price, visit_price, minimum_charge,"
        " travel_fee, worker_hour_price + instructor_hour_price FROM contract WHERE id = :id",
        id=contract_id,
    ) == [(3510, 5, 9_876_543_210, 0, 799, 3515)]
    with store.read() as session:
        participant = session.get(Participant, participant_id)
        contract = session.get(Contract, contract_id)
        assert participant is not None and contract is not None
        prices = (
            contract.worker_hour_price,
            contract.instructor_hour_price,
            contract.visit_price,
            contract.minimum_charge,
            contract.travel_fee,
        )
        assert participant.hourly_pay == Decimal("12.35")
    assert prices == (
        Decimal("35.10"),
        Decimal("0.05"),
        Decimal("98765432.10"),
        Decimal("0.00"),
        Decimal("7.99"),
    )
    assert all(isinstance(p, Decimal) and p.as_tuple().exponent == -2 for p in prices)
    assert [row.worker_hour_price for row in list_contracts(store)] == [Decimal("35.10")]


def test_the_list_queries_return_the_rows(store: Store) -> None:
    first = make_customer(store, name="Alfa Oy", city="Kotikunta")
    second = make_customer(
        store,
        type="household",
        name="Beata Åberg",
        work_sites=[WorkSiteInput("Mökki", city="Ähtäri"), WorkSiteInput("Koti")],
    )
    participant_id = make_participant(store, first_name="Öljy", last_name="Ahonen", city="Oulu")
    make_participant(store, first_name="Eero", last_name="Berg")
    contract_id = make_contract(store, first, title="Porraskäytävät", valid_to="31.12.2026")
    instructor_id = make_instructor(store, phone="040 765 4321")

    customers_listed = list_customers(store)
    assert [(r.id, r.customer_number, r.name, r.type, r.business_id) for r in customers_listed] == [
        (first, "1001", "Alfa Oy", CustomerType.COMPANY, "0737546-2"),
        (second, "1002", "Beata Åberg", CustomerType.HOUSEHOLD, ""),
    ]
    assert not any(r.archived for r in customers_listed)
    assert [c.text for c in customer_choices(store)] == ["Alfa Oy (1001)", "Beata Åberg (1002)"]
    # (The query has no ORDER BY, so only the set of choices is certain.)
    assert sorted(c.text for c in work_site_choices(store, second)) == ["Koti", "Mökki, Ähtäri"]

    participants_listed = list_participants(store)
    assert [(r.participant_number, r.last_name, r.first_name) for r in participants_listed] == [
        ("1", "Ahonen", "Öljy"),
        ("2", "Berg", "Eero"),
    ]
    assert participants_listed[0].id == participant_id
    assert participants_listed[0].city == "Oulu"

    [contract] = list_contracts(store)
    assert (contract.id, contract.contract_number, contract.title, contract.customer_name) == (
        contract_id,
        "1",
        "Porraskäytävät",
        "Alfa Oy",
    )
    assert (contract.weekdays, contract.valid_from, contract.valid_to) == (
        "mon",
        date(2026, 1, 5),
        date(2026, 12, 31),
    )
    assert contract.status is ContractStatus.DRAFT
    assert contract.archived is False

    [instructor] = list_instructors(store)
    assert (instructor.id, instructor.last_name, instructor.first_name, instructor.phone) == (
        instructor_id,
        "Laine",
        "Liisa",
        "040 765 4321",
    )
    assert (instructor.active, instructor.archived) == (True, False)


def test_archive_and_restore(store: Store) -> None:
    customer_id = make_customer(store)
    contract_id = make_contract(store, customer_id)

    set_archived(store, Contract, contract_id, True)
    set_archived(store, Customer, customer_id, True)

    assert list_contracts(store) == []
    assert list_customers(store) == []
    assert customer_choices(store) == []
    [archived] = list_contracts(store, include_archived=True)
    assert archived.archived is True
    assert [r.archived for r in list_customers(store, include_archived=True)] == [True]
    with store.read() as session:
        row = session.get(Customer, customer_id)
        assert row is not None and row.archived_at is not None
        assert row.archived_at.tzinfo is not None

    set_archived(store, Customer, customer_id, False)
    set_archived(store, Contract, contract_id, False)
    set_archived(store, Contract, contract_id, False)  # already restored: nothing to do

    assert [r.id for r in list_contracts(store)] == [contract_id]
    assert [r.archived for r in list_customers(store)] == [False]
    with store.read() as session:
        entries = session.execute(
            select(AuditEntry.entity, AuditEntry.action).order_by(AuditEntry.id)
        ).all()
    assert entries[2:] == [
        ("contract", "archive"),
        ("customer", "archive"),
        ("customer", "restore"),
        ("contract", "restore"),
    ]


def test_deleting_a_customer_a_contract_refers_to_is_refused_and_changes_nothing(
    store: Store,
) -> None:
    customer_id = make_customer(store, work_sites=[WorkSiteInput("Varasto")])
    make_contract(store, customer_id)
    before = counts(store)

    with pytest.raises(RecordInUseError):
        delete(store, Customer, customer_id)

    # The same refusal by the store itself, whatever language the server speaks.
    with pytest.raises(RecordInUseError), store.write() as tx:
        tx.session.execute(sql_delete(Customer).where(Customer.id == customer_id))

    assert counts(store) == before
    assert load_customer(store, customer_id).work_sites[0].name == "Varasto"
    # The connection pool is still usable after the refused transactions.
    make_customer(store, name="Seuraava Oy")


def test_deleting_an_unreferenced_record_removes_its_own_rows(store: Store) -> None:
    quals = qualification_ids(store)
    participant_id = make_participant(
        store, qualifications=[QualificationInput(quals["first_aid"], "1.1.2025")]
    )
    customer_id = make_customer(store, work_sites=[WorkSiteInput("Piha")])

    delete(store, Participant, participant_id)
    delete(store, Customer, customer_id)

    assert count(store, Participant) == count(store, ParticipantQualification) == 0
    assert count(store, Customer) == count(store, WorkSite) == 0
    with store.read() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["create", "create", "delete", "delete"]


def test_a_record_locked_by_another_workstation_gives_the_busy_message(
    store: Store, store_url: str
) -> None:
    customer_id = make_customer(store)
    before = counts(store)
    # The app waits for a lock as long as the server lets it; this one gives up quickly.
    url = make_url(store_url)
    impatient = Store.connect(
        url.update_query_dict(
            {"options": f"{url.query['options']} -clock_timeout=100ms"}
        ).render_as_string(hide_password=False),
        actor="other workstation",
    )
    try:
        with store.engine.connect() as other, other.begin():
            other.execute(
                text("SELECT id FROM customer WHERE id = :id FOR UPDATE"), {"id": customer_id}
            )
            with pytest.raises(StoreBusyError):
                customers.save_customer(
                    impatient,
                    CustomerInput(name="Uusi nimi Oy", business_id="0737546-2"),
                    customer_id,
                )
    finally:
        impatient.close()

    assert counts(store) == before
    assert load_customer(store, customer_id).name == "Korjaamo Virtanen Oy"


def test_a_failed_validation_writes_nothing(store: Store) -> None:
    customer_id = make_customer(store)
    before = counts(store)

    with pytest.raises(ValidationError):
        customers.save_customer(store, CustomerInput(name="Virhe Oy", business_id="0000000-0"))
    with pytest.raises(ValidationError):
        make_contract(store, customer_id, valid_from="", worker_hour_price="-5")
    with pytest.raises(ValidationError):
        customers.save_customer(store, CustomerInput(name="", business_id="0737546-2"), customer_id)

    assert counts(store) == before
    assert load_customer(store, customer_id).name == "Korjaamo Virtanen Oy"


def test_centre_booleans_and_binary_logo_round_trip(store: Store) -> None:
    logo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            prepayment_register=True,
            bank_accounts=[
                BankAccountInput(make_iban(random.Random(1), "1"), "NDEAFIHH"),
                BankAccountInput(make_iban(random.Random(2), "5"), "OKOYFIHH", is_default=True),
            ],
            logo=logo,
        ),
    )

    centre = load_centre(store)
    assert centre is not None
    assert centre.logo == logo
    assert centre.prepayment_register is True
    assert [a.is_default for a in centre.bank_accounts] == [False, True]
    with store.read() as session:
        row = session.scalars(select(Centre)).one()
        assert row.logo_mime == "image/png"
    assert count(store, BankAccount) == 2
    assert check_store(store) == []


# --- files --------------------------------------------------------------------------------


def test_import_and_export_csv(store: Store, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "tilaajat.csv",
        [
            CUSTOMER_HEADERS,
            customer_row("1001", 1),
            customer_row("1002", 2, type="household", name="Äijälä Åsa", business_id=""),
            customer_row("1003", 3, type="parish", name="Kotikunnan seurakunta"),
        ],
    )

    assert import_file(store, "customers", source) == 3

    assert [(r.customer_number, r.name) for r in list_customers(store)] == [
        ("1003", "Kotikunnan seurakunta"),
        ("1001", "Yritys 1001 Oy"),
        ("1002", "Äijälä Åsa"),
    ]
    exported = tmp_path / "vienti.csv"
    assert export_file(store, "customers", exported) == 3
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads ä and ö right
    assert [values for _row, values in read_table(exported).rows] == [
        dict(zip(CUSTOMER_HEADERS, row, strict=True))
        for row in (
            customer_row("1001", 1),
            customer_row("1002", 2, type="household", name="Äijälä Åsa", business_id=""),
            customer_row("1003", 3, type="parish", name="Kotikunnan seurakunta"),
        )
    ]
    with store.read() as session:
        entries = session.execute(
            select(AuditEntry.entity, AuditEntry.action, AuditEntry.after).order_by(AuditEntry.id)
        ).all()
    assert [e[:2] for e in entries] == [("customer", "create")] * 3 + [("customers", "import")]
    assert entries[-1][2] == {"file": "tilaajat.csv", "rows": 3}


def test_a_bad_row_imports_nothing(store: Store, tmp_path: Path) -> None:
    make_customer(store)
    before = counts(store)
    good = business_id(40)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)  # the check digit is off by one
    source = write_csv(
        tmp_path / "c.csv",
        [
            CUSTOMER_HEADERS,
            customer_row("2001", 1),
            customer_row("2002", 2),
            customer_row("2003", 3, business_id=bad),
            customer_row("2004", 4),
        ],
    )

    with pytest.raises(ImportFileError) as caught:
        import_file(store, "customers", source)

    assert caught.value.problems == [
        f"Rivi 4, {customers.label('business_id')}: tarkistusmerkki ei täsmää"
    ]
    assert counts(store) == before


def test_export_from_the_demo_imports_into_an_empty_database_unchanged(
    demo: Demo, store: Store, tmp_path: Path
) -> None:
    for register in ("customers", "participants", "contracts"):
        first = tmp_path / f"{register}-1.csv"
        second = tmp_path / f"{register}-2.csv"
        exported = export_file(demo.store, register, first)
        assert exported > 0

        assert import_file(store, register, first) == exported
        assert export_file(store, register, second) == exported

        assert second.read_bytes() == first.read_bytes()
    assert check_store(store) == []


def test_a_record_saved_after_an_import_gets_a_free_id(store: Store, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "c.csv", [CUSTOMER_HEADERS, customer_row("1001", 1), customer_row("1002", 2)]
    )
    import_file(store, "customers", source)

    make_customer(store, name="Lomakkeelta Oy")

    assert count(store, Customer) == 3


# --- demo data and the check --------------------------------------------------------------


def test_demo_data_loads(demo: Demo) -> None:
    store = demo.store
    assert count(store, Centre) == 1
    assert count(store, Instructor) == 3
    assert count(store, Participant) == 25
    assert count(store, Customer) == 12
    contracts = count(store, Contract)
    assert contracts > 0
    assert demo.summary == _(
        "Demo data loaded: 3 instructors, {participants} participants, {customers} customers "
        "and {contracts} contracts."
    ).format(participants=25, customers=12, contracts=contracts)
    assert len(list_participants(store, include_archived=True)) == 25
    assert len(list_customers(store)) == 12
    assert len(list_contracts(store)) == contracts
    assert len(list_instructors(store)) == 3
    assert count(store, ParticipantQualification) > 0
    assert count(store, QualificationType) == 6  # the demo adds none of its own


def test_check_store_finds_nothing_wrong_in_the_demo_data(demo: Demo) -> None:
    assert check_store(demo.store) == []


def test_check_store_reports_problems_on_postgresql(store: Store) -> None:
    make_participant(store)
    make_customer(store)
    raw(store, "UPDATE participant SET status = 'ended'")
    raw(store, "UPDATE customer SET business_id = '1234567-8'")
    raw(store, "UPDATE alembic_version SET version_num = '0001'")

    problems = check_store(store)

    assert len(problems) == 3
    assert "0001" in problems[0] and head_revision() in problems[0]
    assert problems[1:] == [
        _("Customer {number} ({name}) has an invalid business ID {business_id}.").format(
            number="1001", name="Korjaamo Virtanen Oy", business_id="1234567-8"
        ),
        _("Participant {number} has ended but no outcome is recorded.").format(number="1"),
    ]


def test_the_program_waits_for_another_workstations_lock_five_seconds(store: Store) -> None:
    with store.read() as session:
        assert session.execute(text("SHOW lock_timeout")).scalar_one() == "5s"
        # The URL's own options (the test schema's search path) still apply.
        assert session.execute(text("SHOW search_path")).scalar_one().startswith("test_")


# --- the locked approved record (issue 7; tests/integration/test_locks.py on SQLite) -------


def test_the_approved_record_is_locked_on_postgresql(store: Store) -> None:
    from datetime import time as datetime_time

    from sqlalchemy.exc import DBAPIError

    from jobcenter_desktop.db.locks import ENTRY_LOCKED, GIG_LOCKED
    from jobcenter_desktop.services.planning.gigs import GigLockedError, move_gig
    from jobcenter_desktop.services.timesheets.entries import reopen
    from tests.integration.test_locks import Approved

    crew = Approved(store)
    [first] = raw(store, "SELECT min(id) FROM timesheet_entry")
    refusals = [
        (ENTRY_LOCKED, "UPDATE timesheet_entry SET approved_at = NULL, worked_minutes = 1"),
        (ENTRY_LOCKED, "UPDATE timesheet_entry SET billable_minutes = 600"),
        (ENTRY_LOCKED, "DELETE FROM timesheet_entry"),
        (GIG_LOCKED, "UPDATE gig SET day = day + 1"),
        (GIG_LOCKED, "UPDATE gig SET status = 'cancelled_by_customer'"),
        (GIG_LOCKED, "DELETE FROM gig"),
        (GIG_LOCKED, f"INSERT INTO gig_participant VALUES ({crew.gig}, {crew.eero})"),
        (GIG_LOCKED, "DELETE FROM gig_instructor"),
        # One entry per person per gig.
        (
            "uq_timesheet_entry_gig_participant",
            "INSERT INTO timesheet_entry (gig_id, participant_id, start_time, end_time,"
            " break_minutes, worked_minutes, billable_minutes, note, unplanned_reason,"
            f" approved_by, created_at, updated_at) VALUES ({crew.gig}, {crew.aino},"
            " '12:00', '13:00', 0, 60, 60, '', '', '', now(), now())",
        ),
    ]
    before = counts(store)
    for message, statement in refusals:
        with pytest.raises(IntegrityError if "uq_" in message else DBAPIError, match=message):
            raw(store, statement)
    assert counts(store) == before
    with pytest.raises(GigLockedError):
        move_gig(store, crew.gig, date(2026, 3, 5), datetime_time(8), 180)
    # Feedback is not the approved record; reopening as the service does it is allowed.
    raw(store, "UPDATE gig SET feedback_score = 4")
    with store.engine.connect() as connection:
        connection.execute(
            text(
                "UPDATE timesheet_entry SET approved_at = NULL, approved_by = '',"
                " approved_hour_price = NULL WHERE id = :id"
            ),
            {"id": first[0]},
        )
        connection.rollback()
    assert check_store(store) == []
    # Reopened, the gig can change again.
    assert reopen(store, crew.gig, "Väärä päivä") == 2
    raw(store, "UPDATE gig SET day = day + 1")

    raw(store, "DROP TRIGGER gig_locked ON gig")
    assert [problem for problem in check_store(store) if "gig_locked”" in problem] != []


# --- one writer at a time (the lead's part of issue 7) ------------------------------------


def test_a_write_waits_for_another_workstations_write_then_says_busy(store_url: str) -> None:
    """The advisory lock serializes writes even when they touch different rows, as
    SQLite's one writer does; a wait past lock_timeout is the busy sentence."""
    first = Store.connect(store_url, actor="one")
    url = make_url(store_url)
    options = f"{url.query['options']} -c lock_timeout=300"
    second = Store.connect(url.update_query_dict({"options": options}).render_as_string(False))
    try:
        with first.write() as tx:
            tx.session.add(Instructor(first_name="Liisa", last_name="Laine"))
            tx.session.flush()
            with pytest.raises(StoreBusyError), second.write() as other:
                other.session.execute(text("SELECT 1"))
        from jobcenter_desktop.forms.participants import ParticipantInput
        from jobcenter_desktop.services.registers.participants import save_participant

        save_participant(second, ParticipantInput(first_name="Aino", last_name="Mäkinen"))
        assert count(second, Instructor) == 1 and count(second, Participant) == 1
    finally:
        first.close()
        second.close()


# --- invoicing on PostgreSQL (issue 8) --------------------------------------------------------


def test_an_invoice_run_issues_in_series_and_the_store_keeps_it_on_postgresql(
    store: Store,
) -> None:
    from sqlalchemy.exc import DBAPIError

    from jobcenter_desktop.db.locks import GIG_INVOICED, INVOICE_ISSUED, OUT_OF_SERIES
    from jobcenter_desktop.services.invoicing.issuing import credit, issue_run
    from jobcenter_desktop.services.invoicing.pricing import Period
    from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract

    invoicing_centre(store)
    people = People(store)
    gig = approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    november = Period.month("2026-11")
    [invoice] = issue_run(store, november, issue_date=date(2026, 12, 1))
    assert (invoice.number, invoice.total) == (1, Decimal("432.98"))
    assert issue_run(store, november, issue_date=date(2026, 12, 1)) == []
    refusals = [
        (INVOICE_ISSUED, "UPDATE invoice SET total = 1"),
        (INVOICE_ISSUED, "DELETE FROM invoice"),
        (INVOICE_ISSUED, "DELETE FROM invoiced_gig"),
        (OUT_OF_SERIES, "UPDATE centre SET next_invoice_number = 1"),
        (GIG_INVOICED, f"UPDATE timesheet_entry SET approved_at = NULL WHERE gig_id = {gig}"),
        (GIG_INVOICED, f"UPDATE gig SET day = day + 1 WHERE id = {gig}"),
    ]
    before = counts(store)
    for message, statement in refusals:
        with pytest.raises(DBAPIError, match=message):
            raw(store, statement)
    assert counts(store) == before
    note = credit(store, 1, release_hours=True, issue_date=date(2026, 12, 2))
    assert (note.number, note.total) == (2, Decimal("-432.98"))
    [again] = issue_run(store, november, issue_date=date(2026, 12, 2))
    assert again.number == 3
    assert check_store(store) == []
