"""The participants' statements of a month as files, and the batch for printing.

One path for the command line (``statements --month YYYY-MM --out DIR``) and the
window: :func:`write_month_statements` writes one PDF per participant who worked or
attended in the month (``statement-N-YYYY-MM.pdf``) and the batch of them all, one page
each (``statements-YYYY-MM.pdf``); :func:`month_statements_pdf` gives just the batch's
bytes, for a print preview. Each page is laid out once for both its own file and the
batch (``documents.pay_statement.statement_files``), and every file is made before the
first is written, so a refusal writes nothing. The store is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.pay_statement import statement_files, statements_pdf
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.statements import (
    MonthStatements,
    batch_file_name,
    month_statements,
    statement_file_name,
)


@dataclass(frozen=True, slots=True)
class MonthStatementFiles:
    """What :func:`write_month_statements` wrote: one file per participant (in the batch's
    order, by name) and the batch; ``unapproved`` counts the participants whose hours of
    the month are recorded but not approved yet (not on the statements)."""

    year: int
    month: int
    files: tuple[Path, ...]
    batch: Path
    unapproved: int

    @property
    def count(self) -> int:
        return len(self.files)

    @property
    def written(self) -> tuple[Path, ...]:
        """Every file written: the participants' own, then the batch."""
        return (*self.files, self.batch)


def _found(
    store: Store,
    year: int,
    month: int,
    language: str | None,
    today: date | None,
    *,
    printing: bool = False,
) -> MonthStatements:
    found = month_statements(store, year, month, language, today)
    if found.pages:
        return found
    if printing:
        message = _(
            "Nobody has approved hours or a day present in {month}, so there are "
            "no statements to print. Approve the month's hours first."
        )
    else:
        message = _(
            "Nobody has approved hours or a day present in {month}, so there are no "
            "statements to write. Approve the month's hours first."
        )
    raise UserError(message.format(month=f"{month}/{year}"))


def write_month_statements(
    store: Store,
    year: int,
    month: int,
    folder: Path,
    language: str | None = None,
    today: date | None = None,
) -> MonthStatementFiles:
    """Write the month's statements into ``folder`` (made if missing): one file per
    participant and the batch. Refuses (:class:`UserError`, nothing written) a month not
    started yet or one in which nobody has approved hours or a day present."""
    found = _found(store, year, month, language, today)
    singles, batch = statement_files(page.facts for page in found.pages)
    files = []
    folder.mkdir(parents=True, exist_ok=True)
    for page, data in zip(found.pages, singles, strict=True):
        path = folder / statement_file_name(page.participant_number, year, month)
        path.write_bytes(data)
        files.append(path)
    batch_path = folder / batch_file_name(year, month)
    batch_path.write_bytes(batch)
    return MonthStatementFiles(year, month, tuple(files), batch_path, found.unapproved)


def month_statements_pdf(
    store: Store,
    year: int,
    month: int,
    language: str | None = None,
    today: date | None = None,
) -> bytes:
    """The month's batch, one page per participant, as PDF bytes (for a print preview);
    the same refusals as :func:`write_month_statements`."""
    found = _found(store, year, month, language, today, printing=True)
    return statements_pdf(page.facts for page in found.pages)
