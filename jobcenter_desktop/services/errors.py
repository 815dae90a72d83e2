"""Errors a user can act on; their text is a translated sentence saying what to do."""

from __future__ import annotations

from jobcenter_desktop.i18n import gettext as _


class UserError(Exception):
    """A refusal to show the user as it is; nothing was changed."""


class NotFoundError(UserError):
    def __init__(self) -> None:
        super().__init__(_("The record no longer exists. Refresh the list and try again."))


class RecordInUseError(UserError):
    def __init__(self) -> None:
        super().__init__(
            _("Other records refer to this one, so it cannot be deleted. Archive it instead.")
        )


class StoreBusyError(UserError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The data file is busy: another program or workstation is saving. "
                "Wait a moment and try again; nothing was changed."
            )
        )


class ArchivedError(UserError):
    def __init__(self) -> None:
        super().__init__(_("The record is archived. Restore it before editing."))
