"""Printed sheets made from the store: what the paper says, read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from jobcenter_desktop.queries.customers import work_site_choices
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.customers import WorkSiteInput
from jobcenter_desktop.services.errors import NotFoundError
from jobcenter_desktop.services.gigs import assign, generate_gigs
from jobcenter_desktop.services.printing import print_gig_sheet
from jobcenter_desktop.services.store import Store
from tests.builders import make_contract, make_customer, make_instructor, make_participant


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "jobcenter.db")


def _gig(store: Store, language: str = "fi") -> int:
    customer = make_customer(
        store,
        name="Kotikunnan seurakunta",
        type="parish",
        invoice_language=language,
        work_sites=[WorkSiteInput("Seurakuntatalo", "Kirkkotie 2", "82100", "Kotikunta")],
    )
    site = work_site_choices(store, customer)[0].id
    make_contract(
        store,
        customer_id=customer,
        work_site_id=site,
        title="Salin imurointi",
        task_description="Imuroi sali ja eteinen.",
        weekdays="tue",
        status="active",
        valid_from="1.12.2026",
    )
    generate_gigs(store, until=date(2026, 12, 8), today=date(2026, 12, 1))
    gig = list_gigs(store, date(2026, 12, 1), date(2026, 12, 8))[0]
    assign(
        store,
        gig.id,
        [make_participant(store, first_name="Aino", last_name="Mäkinen")],
        [make_instructor(store, first_name="Liisa", last_name="Laine")],
    )
    return gig.id


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_gig_sheet_names_the_customer_site_crew_and_signatures(
    store: Store, tmp_path: Path
) -> None:
    pdf = print_gig_sheet(store, _gig(store), tmp_path / "keikka.pdf")
    text = _text(pdf)
    for expected in (
        "Keikkalista",
        "Kotikunnan seurakunta",
        "Kirkkotie 2, 82100 Kotikunta",
        "1.12.2026",
        "Imuroi sali ja eteinen.",
        "Aino Mäkinen",
        "Liisa Laine",
        "Ohjaajan allekirjoitus",
        "Tilaajan allekirjoitus",
        "1 / 1",
    ):
        assert expected in text, expected


def test_the_gig_sheet_is_in_the_customers_language(store: Store, tmp_path: Path) -> None:
    text = _text(print_gig_sheet(store, _gig(store, language="en"), tmp_path / "gig.pdf"))
    assert "Customer's signature" in text
    assert "Tilaajan allekirjoitus" not in text


def test_an_unknown_gig_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        print_gig_sheet(store, 999, tmp_path / "x.pdf")
