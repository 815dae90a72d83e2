"""The participants' plain-language statements from the command line (issue 10, item 5).

``statement --participant N --month YYYY-MM --out FILE.pdf [--language fi|sv|en]``
writes one participant's statement of a month; ``statements --month YYYY-MM --out DIR
[--language fi|sv|en]`` writes one file per participant who worked or attended in the
month (``statement-N-YYYY-MM.pdf``) and the batch of all of them, one page each, for
printing the whole centre at once (``statements-YYYY-MM.pdf``). N is the participant's
number. A month not started yet, or not written as YYYY-MM, is refused and nothing is
written. The statements are written in the program's language unless told otherwise.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import PRINT_LANGUAGES
from jobcenter_desktop.i18n import gettext as _

STATEMENT_COMMANDS = frozenset({"statement", "statements"})
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def add_statement_commands(commands: Any) -> None:
    one = commands.add_parser(
        "statement", help=_("one participant's plain-language statement of a month as PDF")
    )
    one.add_argument("--participant", required=True, metavar="NUMBER")
    one.add_argument("--month", required=True, metavar="YYYY-MM")
    one.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    many = commands.add_parser(
        "statements",
        help=_("the statements of everyone who worked or attended in a month, and their batch"),
    )
    many.add_argument("--month", required=True, metavar="YYYY-MM")
    many.add_argument("--out", type=Path, required=True, metavar="DIR")
    for parser in (one, many):
        parser.add_argument(
            "--language",
            choices=PRINT_LANGUAGES,
            help=_("the statements' language (default: the program's)"),
        )


def month_argument(text: str) -> tuple[int, int]:
    """``2026-11`` -> (2026, 11); a refusal in a sentence for anything else."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise UserError(
            _("{text} is not a month. Give the month as YYYY-MM, e.g. 2026-11.").format(text=text)
        )
    return int(found.group(1)), int(found.group(2))


def run_statement_command(args: argparse.Namespace, store: Store) -> int:
    if args.command == "statement":
        return _statement(args, store)
    if args.command == "statements":
        return _statements(args, store)
    raise AssertionError(args.command)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _statement(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.documents.pay_statement import statement_pdf
    from jobcenter_desktop.queries.statements import participant_statement

    year, month = month_argument(args.month)
    facts = participant_statement(store, args.participant, year, month, args.language)
    # Rendered whole before the file is opened: a failure leaves no half-written file.
    data = statement_pdf(facts)
    print(_("Wrote {file}").format(file=_write(args.out, data)))
    return 0


def _statements(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.pay.statements_files import write_month_statements

    year, month = month_argument(args.month)
    # Every file is made before the first is written: a refusal writes nothing.
    done = write_month_statements(store, year, month, args.out, args.language)
    for path in done.written:
        print(_("Wrote {file}").format(file=path))
    count = done.count
    said = _("1 statement for {month}.") if count == 1 else _("{count} statements for {month}.")
    print(said.format(count=count, month=f"{month}/{year}"))
    if done.unapproved:
        print(
            _(
                "Some hours of {month} are not approved yet ({count} participants), so they "
                "are not on the statements. Approve them and write the statements again."
            ).format(count=done.unapproved, month=f"{month}/{year}")
        )
    return 0
