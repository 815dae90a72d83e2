"""Start the program again, as it was started: after the language is changed in Settings.

The window's texts are made when its widgets are built, so a new language shows only
in a new window. Rather than leaving the user to find out how to restart, Settings
offers to do it: the main window closes as usual (it asks about unsaved changes and
closes the data file), the program is started again with the same command, and this
one quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import QMessageBox, QWidget

from jobcenter_desktop.i18n import gettext as _


def relaunch_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process, without ``--lang``.

    A packaged program is its own executable; from source the interpreter is given its
    own options again (``-m jobcenter_desktop`` and so on). ``--lang`` is left out so that
    the language just chosen in Settings is used.
    """
    frozen = getattr(sys, "frozen", False)
    arguments = list(sys.argv[1:] if frozen else sys.orig_argv[1:])
    return sys.executable, without_language_option(arguments)


def without_language_option(arguments: list[str]) -> list[str]:
    kept: list[str] = []
    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
        elif argument == "--lang":
            skip_next = True
        elif not argument.startswith("--lang="):
            kept.append(argument)
    return kept


def relaunch() -> bool:
    """Start a new, independent copy of the program; True when it started."""
    program, arguments = relaunch_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


def quit_application() -> None:
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()


def restart(window: QWidget) -> bool:
    """Close ``window`` (it may refuse: unsaved changes the user keeps), then start the
    program again and quit this one. False when the window stayed open."""
    if not window.close():
        return False
    if not relaunch():
        QMessageBox.warning(
            None,
            _("Restart"),
            _("The program could not start itself again. Start it again yourself."),
        )
    quit_application()
    return True
