"""Errors a user can act on; their text is a translated sentence saying what to do."""

from __future__ import annotations

import errno

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


class DuplicateError(StoreBusyError):
    """A second copy of something that may exist once (a lost race, or a hand edit)."""

    def __init__(self) -> None:
        UserError.__init__(
            self,
            _(
                "The same record was saved at the same moment on another workstation or by "
                "another program, or it exists already. Nothing was changed: refresh the "
                "view and try again."
            ),
        )


class DiskFullError(UserError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The disk is full, so nothing was saved. Free some space (for example "
                "remove old files) and try again; what was saved before is safe."
            )
        )


class ReadOnlyStoreError(UserError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The data file cannot be written: it or its folder is read-only. Check "
                "the permissions of the data folder; nothing was changed."
            )
        )


def os_error_text(error: OSError) -> str:
    """A file-system error as a sentence in the user's language."""
    name = error.filename or ""
    if error.errno == errno.ENOSPC:
        return str(DiskFullError())
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("No permission to use {path}. Check the file's or folder's rights.").format(
            path=name
        )
    if error.errno == errno.ENOENT:
        return _("{path} does not exist.").format(path=name)
    if error.errno == errno.EISDIR:
        return _("{path} is a folder, not a file.").format(path=name)
    if error.errno == errno.ENOTDIR:
        return _("A part of {path} is a file, not a folder.").format(path=name)
    return _("The file {path} could not be used: {reason}").format(
        path=name, reason=error.strerror or error
    )
