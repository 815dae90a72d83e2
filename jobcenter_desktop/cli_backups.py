"""The command line's ``backup``, ``backups`` and ``restore``, and the daily backup.

These run before the store is opened (see ``cli.run_command``): listing and
restoring backups must work exactly when the data file is damaged or half
upgraded, and a backup copies the file as it is.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from jobcenter_desktop.db.backups import (
    BackupError,
    backup_to,
    daily_backup,
    format_size,
    list_backups,
    make_backup,
    restore_file,
)
from jobcenter_desktop.db.migrate import StoreTooNewError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_time
from jobcenter_desktop.paths import DataFolder

#: Handled before the store is opened.
BACKUP_COMMANDS = ("backup", "backups", "restore")
#: Commands that change the store: the first of them on a day takes the daily backup.
WRITING_COMMANDS = ("demo-data", "import", "schedule", "approve")

log = logging.getLogger(__name__)


def add_backup_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", help=_("make a verified backup of the data file"))
    backup.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help=_("write the backup to this file (default: a new file in the backups folder)"),
    )
    commands.add_parser("backups", help=_("list the backups: date, size and schema"))
    restorer = commands.add_parser(
        "restore",
        help=_("replace the data with a backup; the current data is backed up first"),
    )
    restorer.add_argument("file", type=Path)


def run_backup_command(args: argparse.Namespace, folder: DataFolder) -> int:
    """``backup``, ``backups`` or ``restore``; returns the exit code (refusals raise)."""
    if args.command == "backup":
        return _backup(args, folder)
    if args.command == "backups":
        return _list(folder)
    return _restore(args, folder)


def take_daily_backup(folder: DataFolder) -> None:
    """The day's automatic backup before the first write; a failure warns, work goes on."""
    try:
        made = daily_backup(folder.database, folder.backups)
    except BackupError as error:
        print(_("The daily backup was not made: {reason}").format(reason=error), file=sys.stderr)
        return
    if made is not None:
        log.info("Daily backup: %s", made)


def _backup(args: argparse.Namespace, folder: DataFolder) -> int:
    folder.create()
    if args.out is not None:
        path = backup_to(folder.database, args.out)
    else:
        path = make_backup(folder.database, folder.backups)
    print(_("Backup saved: {path}").format(path=path))
    return 0


def _list(folder: DataFolder) -> int:
    backups = list_backups(folder.backups)
    if not backups:
        print(_("There are no backups in {folder} yet.").format(folder=folder.backups))
        return 0
    rows = [(_("Date"), _("Size"), _("Schema"), _("File"))]
    for info in backups:
        rows.append(
            (
                f"{format_date(info.taken.date())} {format_time(info.taken.time())}",
                format_size(info.size),
                info.revision or _("unreadable"),
                str(info.path),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2])]
        print("  ".join([*cells, row[3]]))
    return 0


def _restore(args: argparse.Namespace, folder: DataFolder) -> int:
    from jobcenter_desktop import cli
    from jobcenter_desktop.db.damage import DamagedStoreError
    from jobcenter_desktop.db.errors import UserError

    folder.create()
    restored = restore_file(folder.database, folder.backups, args.file)
    if restored.safety_backup is not None and restored.replaced_was_damaged:
        print(
            _("The data file could not be read; an exact copy of it was kept: {path}").format(
                path=restored.safety_backup
            )
        )
    elif restored.safety_backup is not None:
        print(
            _("The data before the restore was backed up: {path}").format(
                path=restored.safety_backup
            )
        )
    print(
        _("Restored {file} into {database}.").format(
            file=restored.source, database=restored.database
        )
    )
    try:
        store = cli.open_store(folder)  # upgrades a backup from an older program
    except (StoreTooNewError, DamagedStoreError, UserError) as error:
        print(str(error), file=sys.stderr)
        return 3
    store.close()
    return 0
