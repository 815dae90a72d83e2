"""The participants' plain-language statements read from the store and written from the
command line (issue 10, items 5 and 6): the facts, the files, the batch, the refusals."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import event, select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Participant, WorkSite
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.pay_statement import LimitLine, ReductionLine, StatementGig
from jobcenter_desktop.forms.customers import WorkSiteInput
from jobcenter_desktop.queries.earnings import month_earnings
from jobcenter_desktop.queries.statements import (
    batch_file_name,
    month_statements,
    participant_statement,
    statement_file_name,
)
from jobcenter_desktop.services.pay.benefits import set_benefit
from jobcenter_desktop.services.pay.rates import set_rate
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.timesheets.attendance import record_attendance
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.builders import make_participant
from tests.invoicing_data import (
    People,
    approved_gig,
    company,
    invoicing_centre,
    priced_contract,
)

DECEMBER = date(2026, 12, 2)
SITE = "Kauppakeskus Pilari"
TITLE = "Taukotilojen siivous"


def _number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


class Centre:
    """November 2026: Aino (wage, Kela pension, a raise on 16.11) and Eero (unemployment
    benefit) on two approved gigs and one not approved; Aino two days present; Ville only
    present; Outi nothing at all."""

    def __init__(self, store: Store) -> None:
        invoicing_centre(store)
        self.people = People(store)
        customer = company(store, work_sites=[WorkSiteInput(name=SITE, city="Ilomantsi")])
        with store.read() as session:
            site = session.scalars(select(WorkSite.id)).one()
        at_site = priced_contract(store, customer, title="Ikkunanpesu", work_site_id=site)
        no_site = priced_contract(store, customer, title=TITLE)
        self.site_gig = approved_gig(store, at_site, date(2026, 11, 2), self.people)
        self.title_gig = approved_gig(store, no_site, date(2026, 11, 23), self.people)
        # Recorded but not approved: on no statement, counted as "not approved yet".
        approved_gig(store, no_site, date(2026, 11, 25), self.people, approved=False)
        self.aino = _number(store, self.people.aino)
        self.eero = _number(store, self.people.eero)
        set_rate(store, self.aino, "12,00", "16.11.2026")
        set_benefit(store, self.aino, "kela_disability_pension")
        set_benefit(store, self.eero, "unemployment_benefit")
        for day in (date(2026, 11, 3), date(2026, 11, 4)):
            record_attendance(store, self.people.aino, day, "present", "9,00")
        record_attendance(store, self.people.aino, date(2026, 11, 5), "absent")
        ville = make_participant(store, first_name="Ville", last_name="Heikkinen")
        record_attendance(store, ville, date(2026, 11, 10), "present", "9,00")
        self.ville = _number(store, ville)
        self.outi = _number(
            store, make_participant(store, first_name="Outi", last_name="Kärkkäinen")
        )


@pytest.fixture
def centre(store: Store, finnish: None) -> Centre:
    return Centre(store)


def run(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def flat(text: str) -> str:
    """Text with every run of white space (line ends, no-break spaces) one space."""
    return re.sub(r"\s+", " ", text)


def test_the_facts_of_a_participants_month(store: Store, centre: Centre) -> None:
    facts = participant_statement(store, centre.aino, 2026, 11, today=DECEMBER)
    assert (facts.first_name, facts.full_name) == ("Aino", "Aino Mäkinen")
    assert facts.centre_name == "Työkeskus Kipinä"
    # Approved gigs only, each at the work site's name or else the contract's title.
    assert facts.gigs == (
        StatementGig(date(2026, 11, 2), SITE, 180),
        StatementGig(date(2026, 11, 23), TITLE, 180),
    )
    assert facts.total_minutes == 360
    # 3 h at 10,00 before the raise, 3 h at 12,00 after it: the earnings query's figure.
    assert facts.earnings == Decimal("66.00")
    assert facts.earnings == month_earnings(store, centre.aino, 2026, 11).approved
    assert (facts.allowance_days, facts.allowance) == (2, Decimal("18.00"))
    assert facts.allowance_is_tax_free
    kela = month_earnings(store, centre.aino, 2026, 11).limit
    assert kela is not None
    assert facts.benefits == (LimitLine("kela_disability_pension", kela, Decimal("66.00")),)

    eero = participant_statement(store, centre.eero, 2026, 11, today=DECEMBER)
    assert eero.earnings == Decimal("60.00")
    assert eero.benefits == (ReductionLine("unemployment_benefit", Decimal("30.00")),)
    assert (eero.allowance_days, eero.allowance) == (0, Decimal("0.00"))

    ville = participant_statement(store, centre.ville, 2026, 11, today=DECEMBER)
    assert (ville.gigs, ville.earnings, ville.benefits) == ((), Decimal("0.00"), ())
    assert (ville.allowance_days, ville.allowance) == (1, Decimal("9.00"))
    # Asked for by number, a month with nothing still gives a page that says so.
    outi = participant_statement(store, centre.outi, 2026, 11, today=DECEMBER)
    assert (outi.gigs, outi.allowance_days, outi.earnings) == ((), 0, Decimal("0.00"))


def test_the_language_is_the_programs_unless_told(store: Store, centre: Centre) -> None:
    assert participant_statement(store, centre.aino, 2026, 11, today=DECEMBER).language == "fi"
    swedish = participant_statement(store, centre.aino, 2026, 11, "sv", today=DECEMBER)
    assert swedish.language == "sv"


def test_the_month_has_a_page_for_each_who_worked_or_attended(store: Store, centre: Centre) -> None:
    found = month_statements(store, 2026, 11, today=DECEMBER)
    assert [page.participant_number for page in found.pages] == [
        centre.eero,  # Aalto
        centre.ville,  # Heikkinen
        centre.aino,  # Mäkinen
    ]
    assert found.unapproved == 2
    # Each page has only its own person's benefits: the same facts as one by one.
    for page in found.pages:
        alone = participant_statement(store, page.participant_number, 2026, 11, today=DECEMBER)
        assert page.facts == alone
    assert month_statements(store, 2026, 10, today=DECEMBER).pages == ()


@pytest.mark.parametrize(
    ("year", "month", "wanted"),
    [(2027, 1, "ei ole vielä alkanut"), (2026, 13, "ei ole kuukausi")],
)
def test_a_month_not_started_or_malformed_is_refused(
    store: Store, centre: Centre, year: int, month: int, wanted: str
) -> None:
    with pytest.raises(UserError, match=wanted):
        month_statements(store, year, month, today=DECEMBER)
    with pytest.raises(UserError, match=wanted):
        participant_statement(store, centre.aino, year, month, today=DECEMBER)
    # This month is allowed: it has begun.
    assert month_statements(store, 2026, 12, today=DECEMBER).pages == ()


def _statement_queries(store: Store) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        month_statements(store, 2026, 11, today=DECEMBER)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_month_is_read_in_a_fixed_number_of_queries(store: Store, centre: Centre) -> None:
    before = _statement_queries(store)
    contract = priced_contract(store)
    for index in range(6):
        person = make_participant(store, first_name=f"Henkilö{index}", last_name="Lisä")
        set_benefit(store, _number(store, person), "housing_allowance")
        gig = add_gig(store, contract, date(2026, 11, 9 + index), time(8), 120)
        assign(store, gig, [person], [])
        record_entries(store, gig, [EntryInput(participant_id=person, start="8", end="10")])
        mark_done(store, gig)
        approve(store, gig_id=gig)
        record_attendance(store, person, date(2026, 11, 20), "present", "9,00")
    assert len(month_statements(store, 2026, 11, today=DECEMBER).pages) == 9
    assert _statement_queries(store) == before


@pytest.fixture
def folder(store: Store, centre: Centre, tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


def test_statement_writes_the_participants_page(
    folder: Path, centre: Centre, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(folder, capsys, "earnings", "--participant", centre.aino,
                         "--month", "2026-11", "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["approved"] == "66.00"

    target = folder / "out" / "aino.pdf"
    code, out, err = run(folder, capsys, "statement", "--participant", centre.aino,
                         "--month", "2026-11", "--out", str(target))  # fmt: skip
    assert code == 0, err
    assert str(target) in out
    (text,) = pdf_pages(target.read_bytes())
    text = flat(text)
    limit = month_earnings(store, centre.aino, 2026, 11).limit
    assert limit is not None
    left = f"{limit - Decimal(66):.2f}".replace(".", ",")
    for wanted in (
        "Aino Mäkinen",
        "Marraskuu 2026",
        SITE,
        TITLE,
        "Teit 2 keikkaa.",
        "66 euroa",
        "Olit työtoiminnassa 2 päivää.",
        "18 euroa",
        f"Sinun rajasi on {str(limit).replace('.', ',')} euroa kuukaudessa.",
        "Tässä kuussa ansaitsit 66 euroa.",
        f"Rajaan on vielä {left} euroa.",
    ):
        assert wanted in text, wanted
    # No one else's name or benefits on Aino's page.
    for other in ("Eero", "Aalto", "Ville", "Heikkinen", "työttömyys"):
        assert other not in text, other

    swedish = folder / "aino-sv.pdf"
    code, _out, err = run(folder, capsys, "statement", "--participant", centre.aino,
                          "--month", "2026-11", "--out", str(swedish),
                          "--language", "sv")  # fmt: skip
    assert code == 0, err
    assert "Den här månaden tjänade du 66 euro." in flat(pdf_pages(swedish.read_bytes())[0])


def test_statements_writes_a_file_each_and_the_batch(
    folder: Path, centre: Centre, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = folder / "statements"
    code, out, err = run(folder, capsys, "statements", "--month", "2026-11", "--out", str(out_dir))
    assert code == 0, err
    people = {centre.eero: "Eero Aalto", centre.ville: "Ville Heikkinen", centre.aino: "Aino"}
    names = [statement_file_name(number, 2026, 11) for number in people]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([*names, batch_file_name(2026, 11)])
    assert names[0] == f"statement-{centre.eero}-2026-11.pdf"
    for name in [*names, batch_file_name(2026, 11)]:
        assert str(out_dir / name) in out
    assert "3 tiedotetta kuukaudelta 11/2026." in out
    assert "hyväksymättä (2 osallistujaa)" in out  # the hours of the 25th
    for number, name in people.items():
        (page,) = pdf_pages((out_dir / statement_file_name(number, 2026, 11)).read_bytes())
        assert name in page
        others = [n.split()[0] for k, n in people.items() if k != number]
        assert not any(other in page for other in others)
    batch = pdf_pages((out_dir / batch_file_name(2026, 11)).read_bytes())
    assert len(batch) == 3
    assert ["Eero Aalto" in batch[0], "Ville Heikkinen" in batch[1], "Aino" in batch[2]] == [
        True
    ] * 3
    assert "Outi" not in " ".join(batch)
    assert "työttömyysetuutta noin 30 euroa" in flat(batch[0])


@pytest.mark.parametrize(
    "args",
    [
        ["statements", "--month", "2099-01"],
        ["statements", "--month", "2026-13"],
        ["statements", "--month", "marraskuu"],
        ["statements", "--month", "2026-10"],  # nobody worked or attended
        ["statement", "--participant", "ei-ole", "--month", "2026-11"],
        ["statement", "--month", "2099-01", "--participant", "AINO"],
    ],
)
def test_refusals_write_nothing(
    folder: Path, centre: Centre, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    args = [centre.aino if arg == "AINO" else arg for arg in args]
    target = folder / "out" / ("x.pdf" if args[0] == "statement" else "dir")
    code, out, err = run(folder, capsys, *args, "--out", str(target))
    assert code == 2
    assert out == ""
    assert err.strip() and "Traceback" not in err
    # A Finnish sentence that says what to do, and no file or folder made.
    assert any(word in err for word in ("Anna", "Tarkista", "Hyväksy")), err
    assert not (folder / "out").exists()
