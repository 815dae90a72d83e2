"""The participant's IBAN through the register's import, the export without benefit data,
and the benefit rule catalogue that keeps months already past as they were."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import BenefitRule, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.interchange.exporting import export_file
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.register_columns import register_columns
from jobcenter_desktop.interchange.tabular import ImportFileError
from jobcenter_desktop.queries.benefits import benefit_rule_rows
from jobcenter_desktop.services.pay.accounts import set_participant_iban
from jobcenter_desktop.services.pay.benefits import (
    add_benefit_rule,
    confirm_benefit_rule,
    set_benefit,
)
from tests.builders import make_participant

HEADER = "participant_number;first_name;last_name;service_basis;pay_basis;iban\n"


def _ibans(store: Store) -> dict[str, str | None]:
    with store.read() as session:
        return {p.participant_number: p.iban for p in session.scalars(select(Participant))}


def test_the_participants_import_reads_an_iban_column(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "tekijat.csv"
    path.write_text(
        HEADER
        + "1;Aino;Mäkinen;rehabilitative;wage;FI21 1234 5600 0007 85\n"
        + "2;Eero;Laine;rehabilitative;wage;\n",
        encoding="utf-8",
    )
    assert import_file(store, "participants", path) == 2
    assert _ibans(store) == {"1": "FI2112345600000785", "2": None}


def test_a_finnish_heading_and_a_wrong_iban_are_named_and_nothing_imported(
    store: Store, tmp_path: Path, finnish: None
) -> None:
    path = tmp_path / "tekijat.csv"
    path.write_text(
        "etunimi;sukunimi;palveluperuste;palkkausperuste;tilinumero\n"
        "Aino;Mäkinen;rehabilitative;wage;FI21 1234 5600 0007 85\n"
        "Eero;Laine;rehabilitative;wage;FI21 1234 5600 0007 86\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as caught:
        import_file(store, "participants", path)
    assert "Tilinumero (IBAN)" in str(caught.value) and "3" in str(caught.value)
    assert _ibans(store) == {}


def test_the_register_export_has_no_benefit_data_nor_the_account(
    store: Store, tmp_path: Path
) -> None:
    person = make_participant(store, participant_number="7")
    set_participant_iban(store, "7", "FI2112345600000785")
    set_benefit(store, "7", "earnings_related_pension", "1234,56", "1.1.2026")
    set_benefit(store, "7", "kela_disability_pension", None, "1.1.2026")
    out = tmp_path / "tekijat.csv"
    assert export_file(store, "participants", out) == 1
    written = out.read_text(encoding="utf-8-sig").casefold()
    header = written.splitlines()[0]
    assert header.replace(",", ";").split(";") == list(register_columns("participants").columns)
    for secret in ("1234", "kela", "pension", "eläke", "benefit", "etuus", "fi21", "iban"):
        assert secret not in written, secret
    assert person


def test_a_set_iban_is_refused_in_the_same_words_as_the_form(store: Store) -> None:
    make_participant(store, participant_number="7")
    with pytest.raises(ValidationError) as caught:
        set_participant_iban(store, "7", "FI21 1234 5600 0007 86")
    assert list(caught.value.errors) == ["iban"]
    assert _ibans(store) == {"7": None}


def test_a_new_year_s_figure_is_a_new_row_and_a_relied_on_rule_keeps_its_figure(
    store: Store,
) -> None:
    make_participant(store, participant_number="7")
    set_benefit(store, "7", "kela_disability_pension", None, "1.3.2024")
    new_id = add_benefit_rule(
        store, "kela_disability_pension", "1.1.2027", "1006,00", "", "Kela 2027"
    )
    rows = {r.id: r for r in benefit_rule_rows(store, today=date(2026, 12, 15))}
    assert rows[new_id].monthly_limit == Decimal("1006.00") and not rows[new_id].confirmed
    assert not rows[new_id].locked
    confirm_benefit_rule(store, new_id)
    assert next(r for r in benefit_rule_rows(store) if r.id == new_id).confirmed

    # The 2024 rule held in months already past for the participant: it is not rewritten.
    with store.read() as session:
        before = session.scalar(
            select(BenefitRule.monthly_limit).where(
                BenefitRule.code == BenefitCode.KELA_DISABILITY_PENSION,
                BenefitRule.valid_from == date(2024, 1, 1),
            )
        )
    with pytest.raises(UserError):
        add_benefit_rule(
            store, "kela_disability_pension", "1.1.2024", "2000", today=date(2026, 12, 15)
        )
    locked = [r for r in benefit_rule_rows(store, today=date(2026, 12, 15)) if r.locked]
    assert {r.valid_from for r in locked if r.code is BenefitCode.KELA_DISABILITY_PENSION} >= {
        date(2024, 1, 1)
    }
    with store.read() as session:
        after = session.scalar(
            select(BenefitRule.monthly_limit).where(
                BenefitRule.code == BenefitCode.KELA_DISABILITY_PENSION,
                BenefitRule.valid_from == date(2024, 1, 1),
            )
        )
    assert before == after

    # A rule nobody relied on yet (next year's) may still be corrected on its own date.
    assert (
        add_benefit_rule(
            store, "kela_disability_pension", "1.1.2027", "1010,00", today=date(2026, 12, 15)
        )
        == new_id
    )


@pytest.mark.parametrize(
    ("benefit", "figure", "months", "field"),
    [
        ("kela_disability_pension", "", "", "figure"),
        ("kela_disability_pension", "1000", "13", "exceed_months"),
        ("unemployment_benefit", "150", "", "figure"),
        ("unemployment_benefit", "50", "2", "exceed_months"),
        ("earnings_related_pension", "1000", "", "figure"),
    ],
)
def test_a_wrong_rule_is_refused_at_its_field(
    store: Store, benefit: str, figure: str, months: str, field: str
) -> None:
    count = len(benefit_rule_rows(store))
    with pytest.raises(ValidationError) as caught:
        add_benefit_rule(store, benefit, "1.1.2027", figure, months)
    assert field in caught.value.errors
    assert len(benefit_rule_rows(store)) == count
