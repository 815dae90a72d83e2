"""The month's statements as files, one path for the command line and the window
(``services.pay.statements_files``): each page laid out once for its own file and the
batch, the same text on both, the batch alone for a print preview, the refusals."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.pay_statement import (
    statement_files,
    statement_pdf,
    statements_pdf,
)
from jobcenter_desktop.domain.pay_statement import LimitLine, ReductionLine
from jobcenter_desktop.queries.statements import (
    batch_file_name,
    month_statements,
    statement_file_name,
)
from jobcenter_desktop.services.pay.statements_files import (
    month_statements_pdf,
    write_month_statements,
)
from tests.integration.test_statements import DECEMBER, Centre
from tests.unit.test_pay_statement import KELA, make_facts, many_gigs


@pytest.fixture
def centre(store: Store, finnish: None) -> Centre:
    return Centre(store)


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_files_and_the_batch_have_the_same_text_page_by_page(
    store: Store, centre: Centre, tmp_path: Path
) -> None:
    done = write_month_statements(store, 2026, 11, tmp_path / "out", today=DECEMBER)
    found = month_statements(store, 2026, 11, today=DECEMBER)
    assert done.count == len(found.pages) == 3
    assert [path.name for path in done.files] == [
        statement_file_name(page.participant_number, 2026, 11) for page in found.pages
    ]
    assert done.batch == tmp_path / "out" / batch_file_name(2026, 11)
    assert done.written == (*done.files, done.batch)
    assert done.unapproved == 2
    batch = page_texts(done.batch.read_bytes())
    singles = [page_texts(path.read_bytes()) for path in done.files]
    assert [len(pages) for pages in singles] == [1, 1, 1]
    assert [pages[0] for pages in singles] == batch
    assert "Eero Aalto" in batch[0] and "Ville Heikkinen" in batch[1] and "Aino" in batch[2]
    # Each participant's file is the one ``statement`` writes for them, byte for byte.
    for page, path in zip(found.pages, done.files, strict=True):
        assert path.read_bytes() == statement_pdf(page.facts)


def test_the_batch_for_a_preview_is_the_batch_written(
    store: Store, centre: Centre, tmp_path: Path
) -> None:
    data = month_statements_pdf(store, 2026, 11, today=DECEMBER)
    done = write_month_statements(store, 2026, 11, tmp_path, today=DECEMBER)
    assert data == done.batch.read_bytes()
    swedish = month_statements_pdf(store, 2026, 11, "sv", today=DECEMBER)
    assert "Hej Eero!" in page_texts(swedish)[0]


def test_a_month_without_statements_is_refused_and_nothing_is_written(
    store: Store, centre: Centre, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    with pytest.raises(UserError, match="Hyväksy"):
        write_month_statements(store, 2026, 10, target, today=DECEMBER)
    with pytest.raises(UserError, match="Anna"):
        write_month_statements(store, 2027, 1, target, today=DECEMBER)
    assert not target.exists()
    with pytest.raises(UserError, match="Hyväksy"):
        month_statements_pdf(store, 2026, 10, today=DECEMBER)


def test_laid_out_once_the_pages_are_those_laid_out_alone(finnish: None) -> None:
    """A page that lists all its gigs, one that sums the rest up, in three languages."""
    people = [
        make_facts(),
        make_facts(first_name="Aino", full_name="Aino Laine", language="sv", gigs=many_gigs(40)),
        make_facts(
            first_name="Ville",
            full_name="Ville Ojala",
            language="en",
            gigs=many_gigs(17),
            benefits=(
                LimitLine(KELA, Decimal("1006.00"), Decimal("1046.00")),
                ReductionLine("unemployment_benefit", Decimal("341.00")),
            ),
        ),
        make_facts(first_name="Jussi", full_name="Jussi Nieminen", gigs=[], allowance_days=0),
        make_facts(
            first_name="Outi",
            full_name="Outi Pitkäniemi",
            gigs=[(date(2026, 3, 2), "Asunto Oy Pitkäniemenrannan Rivitaloyhtiö " * 6, 60)],
        ),
    ]
    singles, batch = statement_files(people)
    assert list(singles) == [statement_pdf(facts) for facts in people]
    assert batch == statements_pdf(people)
    assert [page_texts(single)[0] for single in singles] == page_texts(batch)
