"""A participant's bank account (IBAN) for wages and allowances paid by the centre.

Stored compact (``FI2112345600000785``), shown in groups of four
(:func:`~jobcenter_desktop.domain.validation.format_iban`). The participant register's
form saves it too; both check it with :func:`services.registers.participants.checked_iban`.
"""

from __future__ import annotations

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.services.pay import participant_by_number
from jobcenter_desktop.services.registers.participants import LABELS, checked_iban

IBAN_LABEL = LABELS["iban"]


def set_participant_iban(store: Store, participant_number: str, iban: str) -> str | None:
    """Save the participant's IBAN (blank removes it); returns it compact, or None.

    Raises ``ValidationError`` for a wrong IBAN, changing nothing.
    """
    with store.write() as tx:
        participant = participant_by_number(tx.session, participant_number)
        checker = v.Checker()
        compact = checked_iban(checker, iban)
        checker.raise_if_any()
        if participant.iban == compact:
            return compact
        # Only the account: the participant's other fields (the identity code) stay out.
        before = {"iban": participant.iban}
        participant.iban = compact
        tx.session.flush()
        tx.record("participant", participant.id, "update", before, {"iban": compact})
        return compact
