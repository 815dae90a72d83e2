"""The command line: the same services as the window, for admin work and scripts.

``jobcenter-desktop`` with no subcommand opens the window (see ``ui.launcher``);
everything here runs without Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from jobcenter_desktop import APP_NAME, __version__
from jobcenter_desktop.cli_backups import (
    BACKUP_COMMANDS,
    WRITING_COMMANDS,
    add_backup_commands,
    run_backup_command,
    take_daily_backup,
)
from jobcenter_desktop.cli_invoicing import (
    INVOICING_COMMANDS,
    INVOICING_WRITES,
    add_invoicing_commands,
    run_invoicing_command,
)
from jobcenter_desktop.cli_pay import PAY_COMMANDS, PAY_WRITES, add_pay_commands, run_pay_command
from jobcenter_desktop.cli_statements import (
    STATEMENT_COMMANDS,
    add_statement_commands,
    run_statement_command,
)
from jobcenter_desktop.db.damage import DamagedStoreError
from jobcenter_desktop.db.errors import UserError, os_error_text
from jobcenter_desktop.db.migrate import StoreTooNewError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import PRINT_LANGUAGES, set_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.logs import setup_logging
from jobcenter_desktop.paths import DataFolder, data_folder

REGISTERS = ("participants", "customers", "contracts")
IMPORTABLE = (*REGISTERS, "attendance", "timesheets", "payments")
PLANS = ("gigs", "timesheets")
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobcenter-desktop",
        description=_("Paid work crews of a work-activity centre."),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help=_("data folder (default: the user's data folder)")
    )
    parser.add_argument("--lang", choices=("fi", "sv", "en"), help=_("language (default: Finnish)"))
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=_("start offscreen, show the main window, print OK and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("init", help=_("create or upgrade the data file"))
    demo = commands.add_parser("demo-data", help=_("fill the store with a believable demo centre"))
    demo.add_argument(
        "--years",
        type=int,
        metavar="N",
        help=_("instead, N years of a busy centre ending today: a large store for measuring speed"),
    )
    importer = commands.add_parser("import", help=_("import a CSV or Excel file, all or nothing"))
    importer.add_argument("register", choices=IMPORTABLE)
    importer.add_argument("file", type=Path)
    exporter = commands.add_parser("export", help=_("export a register as CSV or Excel"))
    exporter.add_argument("register", choices=(*REGISTERS, *PLANS))
    exporter.add_argument("--out", type=Path, required=True, metavar="FILE")
    exporter.add_argument(
        "--from",
        dest="from_day",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("first day (gigs and timesheets)"),
    )
    exporter.add_argument(
        "--to",
        dest="to_day",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("last day (gigs and timesheets)"),
    )
    commands.add_parser("check", help=_("check the data file's integrity"))
    add_backup_commands(commands)
    schedule = commands.add_parser(
        "schedule", help=_("plan the active contracts' gigs up to a date (safe to repeat)")
    )
    schedule.add_argument(
        "--until",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("last day to plan (default: eight weeks from today)"),
    )
    approver = commands.add_parser(
        "approve", help=_("approve the hours of every gig marked done up to a date")
    )
    approver.add_argument(
        "--to",
        dest="up_to",
        type=_iso_date,
        required=True,
        metavar="YYYY-MM-DD",
        help=_("last day to approve"),
    )
    printer = commands.add_parser("print", help=_("write a printable sheet as PDF"))
    sheets = printer.add_subparsers(dest="sheet", metavar="SHEET", required=True)
    gig_sheet = sheets.add_parser("gig-sheet", help=_("the crew's sheet for one gig"))
    gig_sheet.add_argument("--gig", type=int, required=True, metavar="ID")
    week = sheets.add_parser("week", help=_("the crew timesheet of a week"))
    week.add_argument("--week", type=_iso_week, required=True, metavar="YYYY-Www")
    month = sheets.add_parser("month", help=_("one participant's timesheet of a month"))
    month.add_argument("--participant", required=True, metavar="NUMBER")
    month.add_argument("--month", type=_year_month, required=True, metavar="YYYY-MM")
    for sheet in (gig_sheet, week, month):
        sheet.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        sheet.add_argument(
            "--language",
            choices=PRINT_LANGUAGES,
            help=_(
                "the sheet's language (default: the customer's for a gig sheet, "
                "the program's for the others)"
            ),
        )
    add_invoicing_commands(commands)
    add_pay_commands(commands)
    add_statement_commands(commands)
    return parser


def _iso_week(text: str) -> tuple[int, int]:
    """``2026-W24`` -> (2026, 24)."""
    year, _sep, week = text.upper().partition("-W")
    if not (year.isdigit() and week.isdigit() and 1 <= int(week) <= 53):
        raise argparse.ArgumentTypeError(
            _("not a week: {text} (use e.g. 2026-W24)").format(text=text)
        )
    return int(year), int(week)


def _year_month(text: str) -> tuple[int, int]:
    """``2026-06`` -> (2026, 6)."""
    year, _sep, month = text.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        raise argparse.ArgumentTypeError(
            _("not a month: {text} (use e.g. 2026-06)").format(text=text)
        )
    return int(year), int(month)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date: {text} (use YYYY-MM-DD)").format(text=text)
        ) from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    set_language(args.lang or "fi")
    return args


def open_store(folder: DataFolder) -> Store:
    folder.create()
    store = Store.open(folder.database, folder.backups)
    if store.backup is not None:
        print(_("Backup before upgrading: {path}").format(path=store.backup))
    return store


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; returns the process exit code.

    Every failure a user can meet (a busy, damaged, newer or read-only file, a full
    disk, a data folder that is a file) is one sentence on stderr and a non-zero exit
    code, never a traceback: 2 refused input, 3 the data file cannot be used,
    1 ``check`` found problems or something unexpected happened.
    """
    folder = data_folder(args.data_dir)
    refusal = folder_refusal(folder, create=args.command != "check")
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 1 if args.command == "check" else 3
    log_file = _start_log(folder)
    if args.command in BACKUP_COMMANDS:
        # Before opening: a restore must work on a damaged or half-upgraded file.
        return reported(args.command, log_file, lambda: run_backup_command(args, folder))
    try:
        store = open_store(folder)
    except (StoreTooNewError, DamagedStoreError, UserError) as error:
        print(str(error), file=sys.stderr)
        return 1 if args.command == "check" else 3
    except OSError as error:
        print(os_error_text(error), file=sys.stderr)
        return 3
    try:
        return reported(args.command, log_file, lambda: _dispatch(args, store, folder))
    finally:
        store.close()


def reported(command: str, log_file: Path, work: Callable[[], int]) -> int:
    """Run ``work``; a refusal is its sentence and exit code 2, anything unexpected is
    logged and exit code 1."""
    try:
        return work()
    except (UserError, ValidationError, StoreTooNewError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except OSError as error:
        print(os_error_text(error), file=sys.stderr)
        return 2
    except Exception:
        log.exception("Unexpected error in %s", command)
        print(unexpected_error_text(log_file), file=sys.stderr)
        return 1


def folder_refusal(folder: DataFolder, create: bool) -> str | None:
    """Why the data folder cannot be used, in a sentence; None when it can.

    ``check`` passes ``create=False``: checking never makes a data folder.
    """
    root = folder.root
    if root.exists() and not root.is_dir():
        return _("The data folder {path} is a file, not a folder. Give a folder.").format(path=root)
    if not create and not root.exists():
        return _("There is no data folder at {path}, so there is nothing to check.").format(
            path=root
        )
    if folder.database.exists() and (folder.database.is_dir() or folder.database.is_symlink()):
        return _("{path} is not a data file (a folder or a link). Move it away.").format(
            path=folder.database
        )
    return None


def _start_log(folder: DataFolder) -> Path:
    log_file = folder.logs / "jobcenter.log"
    try:
        return setup_logging(folder.logs)
    except OSError:
        # A read-only or full disk: work on without a log file rather than fail.
        return log_file


def unexpected_error_text(log_file: Path) -> str:
    return _(
        "Something unexpected happened and the action was not completed. Saved data is "
        "safe: a change is saved whole or not at all. The details are in {path}"
    ).format(path=log_file)


def _dispatch(args: argparse.Namespace, store: Store, folder: DataFolder) -> int:
    if (
        args.command in WRITING_COMMANDS
        or args.command in INVOICING_WRITES
        or args.command in PAY_WRITES
    ):
        take_daily_backup(folder)
    if args.command in INVOICING_COMMANDS:
        return run_invoicing_command(args, store)
    if args.command in PAY_COMMANDS:
        return run_pay_command(args, store)
    if args.command in STATEMENT_COMMANDS:
        return run_statement_command(args, store)
    if args.command == "init":
        print(_("Data file ready: {path}").format(path=folder.database))
        return 0
    if args.command == "demo-data" and args.years is not None:
        from jobcenter_desktop.demo.ten_years import ten_years_command

        return ten_years_command(store, args.years)
    if args.command == "demo-data":
        from jobcenter_desktop.demo.activity import load_demo_activity
        from jobcenter_desktop.demo.registers import load_demo_data

        # One transaction: a demo centre is loaded whole, or not at all.
        with store.write():
            summary = load_demo_data(store)
            activity = load_demo_activity(store)
        print(summary)
        print(activity)
        return 0
    if args.command == "import":
        if args.register == "payments":
            from jobcenter_desktop.cli_payments import import_payments_command

            return import_payments_command(args, store)
        if args.register == "attendance":
            from jobcenter_desktop.interchange.attendance_import import import_attendance_file

            days = import_attendance_file(store, args.file)
            count = days.rows
            _print_warnings(days.warnings)
        elif args.register == "timesheets":
            from jobcenter_desktop.interchange.timesheet_import import import_timesheets

            imported = import_timesheets(store, args.file)
            count = imported.entries
            if imported.gigs_created:
                print(
                    _("Added {count} one-off gigs for days that had none.").format(
                        count=imported.gigs_created
                    )
                )
            _print_warnings(imported.warnings)
        else:
            from jobcenter_desktop.interchange.importing import import_file

            count = import_file(store, args.register, args.file)
        print(_("Imported {count} rows from {file}.").format(count=count, file=args.file))
        return 0
    if args.command == "export" and args.register in PLANS:
        return _export_plan(args, store)
    if args.command == "export":
        from jobcenter_desktop.interchange.exporting import export_file

        count = export_file(store, args.register, args.out)
        print(_("Exported {count} rows to {file}.").format(count=count, file=args.out))
        return 0
    if args.command == "check":
        from jobcenter_desktop.services.integrity import check_store

        problems = check_store(store)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        print(_("The data file is in order."))
        return 0
    if args.command == "schedule":
        from jobcenter_desktop.services.planning.gigs import default_until, generate_gigs

        today = date.today()
        if args.until is not None and args.until < today:
            print(
                _(
                    "Nothing was planned: {day} is already past, so nothing is ahead of it. "
                    "Gigs are planned from today ({today}) up to the --until day; give a "
                    "later day."
                ).format(day=format_date(args.until), today=format_date(today))
            )
            return 0
        planned = generate_gigs(store, args.until or default_until(today), today)
        print(
            _(
                "Created {created} gigs, {kept} already existed, {skipped} were skipped "
                "for public holidays or closure days."
            ).format(created=planned.created, kept=planned.kept, skipped=planned.skipped_closed)
        )
        return 0
    if args.command == "approve":
        from jobcenter_desktop.services.timesheets.entries import approve_up_to

        approval = approve_up_to(store, args.up_to)
        print(
            _("Approved {count} timesheet entries up to {day}.").format(
                count=approval.approved, day=format_date(args.up_to)
            )
        )
        if approval.not_done:
            # Approval needs a done gig: the rest was approved; name the ones left out.
            print(approval.not_done_sentence(), file=sys.stderr)
        return 0
    if args.command == "print":
        return _print(args, store)
    raise AssertionError(args.command)


def _print_warnings(warnings: Sequence[str]) -> None:
    """The same-day rule's warnings of an import that was saved (to standard error)."""
    if warnings:
        print(_("Imported despite these warnings:"), file=sys.stderr)
        for line in warnings:
            print(line, file=sys.stderr)


def _export_plan(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.interchange.plan_export import export_plan

    if args.from_day is None or args.to_day is None:
        print(
            _("Give the days to export {what}: --from YYYY-MM-DD --to YYYY-MM-DD").format(
                what=args.register
            ),
            file=sys.stderr,
        )
        return 2
    if args.to_day < args.from_day:
        print(_("The --to day is before the --from day."), file=sys.stderr)
        return 2
    count = export_plan(store, args.register, args.from_day, args.to_day, args.out)
    print(_("Exported {count} rows to {file}.").format(count=count, file=args.out))
    return 0


def _print(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services import printing

    language = args.language
    if args.sheet == "gig-sheet":
        path = printing.print_gig_sheet(store, args.gig, args.out, language)
    elif args.sheet == "week":
        year, week = args.week
        path = printing.print_week_timesheet(store, year, week, args.out, language)
    else:
        year, month = args.month
        path = printing.print_month_timesheet(
            store, args.participant, year, month, args.out, language
        )
    print(_("Wrote {file}").format(file=path))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry point: subcommands only (the window lives in ``ui``)."""
    args = parse_args(argv)
    if args.command is None:
        print(_("Give a command, or start the window with jobcenter-desktop."), file=sys.stderr)
        return 2
    return run_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
