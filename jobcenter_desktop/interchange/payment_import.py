"""Importing the bank's reference-payment file: read it, then store its payments.

The file is read here (an ordinary file, never more than the import limit) by
:func:`~jobcenter_desktop.interchange.bank_payments.read_bank_file`; the payments
service matches the payments to invoices in one transaction.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.limits import import_max_bytes
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.bank_payments import read_bank_file
from jobcenter_desktop.services.invoicing.payments import PaymentReport, import_bank_file


def import_payments(store: Store, path: Path) -> PaymentReport:
    """Import the bank's reference-payment file at ``path`` (viitesiirto or camt.054).

    A file that cannot be read at all is refused (``UserError``) and nothing is stored.
    """
    return import_bank_file(store, read_bank_file(_read(path)), path.name)


def _read(path: Path) -> bytes:
    """The file's bytes: an ordinary file, at most one byte over the import limit (which
    :func:`read_bank_file` then refuses), so a huge file is never read whole."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise UserError(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if not stat.S_ISREG(status.st_mode):
        raise UserError(
            _(
                "{file} is not an ordinary file (it is a folder or a link). Choose the "
                "reference-payment file you got from the bank."
            ).format(file=path)
        )
    try:
        with path.open("rb") as stream:
            return stream.read(import_max_bytes() + 1)
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: OSError) -> UserError:
    return UserError(
        _("The file {file} cannot be read: {reason}").format(
            file=path, reason=error.strerror or error
        )
    )
