"""A gig past midnight ends the same way on the planner's card as on its gig sheet."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.planning.gigs import generate_gigs
from jobcenter_desktop.services.printing import gig_sheet
from tests.builders import make_contract
from ui.planner.gig_card import GigCard


class _Owner:
    """A week view that is never asked anything in this test."""


def test_the_card_and_the_sheet_show_the_next_days_end(store: Store, qtbot: QtBot) -> None:
    make_contract(
        store,
        weekdays="tue",
        start_time="22.00",
        duration_minutes="240",
        status="active",
        valid_from="1.12.2026",
    )
    generate_gigs(store, until=date(2026, 12, 8), today=date(2026, 12, 1))
    gig = list_gigs(store, date(2026, 12, 1), date(2026, 12, 8))[0]
    card = GigCard(gig, _Owner())  # type: ignore[arg-type]
    qtbot.addWidget(card)
    assert current_language() == "fi"
    assert card.time_text == "22.00–2.00 (seuraavana päivänä)"
    assert gig_sheet(store, gig.id).time_text == "22.00–2.00 (seuraavana päivänä)"
