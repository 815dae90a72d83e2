"""A participant's bank account (IBAN) for wages and allowances paid by the centre.

Stored compact (``FI2112345600000785``), shown in groups of four
(:func:`~jobcenter_desktop.domain.validation.format_iban`). The participant register's
form does not show it yet; this is the one way to set it until it does.
"""

from __future__ import annotations

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.pay import participant_by_number

IBAN_LABEL = N_("Bank account (IBAN)")


def set_participant_iban(store: Store, participant_number: str, iban: str) -> str | None:
    """Save the participant's IBAN (blank removes it); returns it compact, or None.

    Raises ``ValidationError`` for a wrong IBAN, changing nothing.
    """
    with store.write() as tx:
        participant = participant_by_number(tx.session, participant_number)
        checker = v.Checker()
        compact = checker.check("iban", _(IBAN_LABEL), v.iban, iban)
        checker.raise_if_any()
        if participant.iban == compact:
            return compact
        # Only the account: the participant's other fields (the identity code) stay out.
        before = {"iban": participant.iban}
        participant.iban = compact
        tx.session.flush()
        tx.record("participant", participant.id, "update", before, {"iban": compact})
        return compact
