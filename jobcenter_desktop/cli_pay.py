"""The pay commands of the command line: dated pay rates, benefits and a month's earnings.

``rates set --participant N --hourly-pay EUR --from YYYY-MM-DD``, ``benefits set
--participant N --benefit CODE [--limit EUR] [--from YYYY-MM-DD]``, ``earnings
--participant N --month YYYY-MM [--json]``, ``pay-run --period YYYY-MM [--confirm]
[--reason TEXT] --out DIR`` (a preview, or the confirmed run, with its files) and
``pay-runs list [--json]``. N is the participant's number. Amounts in
JSON are strings with a dot and two decimals (``"642.00"``); ``over`` is a boolean,
``limit`` and ``remaining`` null when the person has no limit.
"""

from __future__ import annotations

import argparse
import calendar
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money

if TYPE_CHECKING:
    from jobcenter_desktop.queries.earnings import MonthEarnings

PAY_COMMANDS = frozenset({"rates", "benefits", "earnings", "pay-run", "pay-runs"})
#: Those that write to the store (a daily backup is taken first).
PAY_WRITES = frozenset({"rates", "benefits", "pay-run"})


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date: {text} (use YYYY-MM-DD)").format(text=text)
        ) from None


def _year_month(text: str) -> tuple[int, int]:
    year, _sep, month = text.strip().partition("-")
    if not (len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        raise argparse.ArgumentTypeError(
            _("not a month: {text} (use e.g. 2026-06)").format(text=text)
        )
    return int(year), int(month)


def add_pay_commands(commands: Any) -> None:
    rates = commands.add_parser("rates", help=_("participants' dated hourly pay"))
    rate_commands = rates.add_subparsers(dest="rates_command", metavar="ACTION", required=True)
    rate = rate_commands.add_parser(
        "set", help=_("give a participant an hourly pay from a date (earlier months keep theirs)")
    )
    rate.add_argument("--participant", required=True, metavar="NUMBER")
    rate.add_argument("--hourly-pay", required=True, metavar="EUR", help=_("e.g. 10,50"))
    rate.add_argument(
        "--from", dest="from_day", type=_iso_date, required=True, metavar="YYYY-MM-DD"
    )

    benefits = commands.add_parser("benefits", help=_("the benefits a participant receives"))
    benefit_commands = benefits.add_subparsers(
        dest="benefits_command", metavar="ACTION", required=True
    )
    benefit = benefit_commands.add_parser(
        "set", help=_("record a benefit a participant receives, with a personal limit if any")
    )
    benefit.add_argument("--participant", required=True, metavar="NUMBER")
    benefit.add_argument(
        "--benefit", required=True, metavar="|".join(code.value for code in BenefitCode)
    )
    benefit.add_argument(
        "--limit",
        metavar="EUR",
        help=_("the personal earnings limit a month (earnings-related pension only)"),
    )
    benefit.add_argument(
        "--from",
        dest="from_day",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=_("first day (default: since before any record)"),
    )

    earnings = commands.add_parser(
        "earnings", help=_("a participant's earnings of a month against their benefit limits")
    )
    earnings.add_argument("--participant", required=True, metavar="NUMBER")
    earnings.add_argument("--month", type=_year_month, required=True, metavar="YYYY-MM")
    earnings.add_argument("--json", action="store_true")

    run = commands.add_parser(
        "pay-run",
        help=_("a month's pay run: preview its files, or confirm it (numbered, hours marked paid)"),
    )
    run.add_argument("--period", type=_year_month, required=True, metavar="YYYY-MM")
    run.add_argument(
        "--confirm",
        action="store_true",
        help=_("confirm the run (without it: a preview that changes nothing)"),
    )
    run.add_argument(
        "--reason",
        metavar="TEXT",
        help=_("why an adjusting run is made (a second run of a period is one)"),
    )
    run.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help=_("the folder for the files")
    )

    pay_runs = commands.add_parser("pay-runs", help=_("the confirmed pay runs"))
    pay_run_commands = pay_runs.add_subparsers(
        dest="pay_runs_command", metavar="ACTION", required=True
    )
    listing = pay_run_commands.add_parser("list", help=_("list the confirmed pay runs"))
    listing.add_argument("--json", action="store_true")


def run_pay_command(args: argparse.Namespace, store: Store) -> int:
    if args.command == "rates":
        return _set_rate(args, store)
    if args.command == "benefits":
        return _set_benefit(args, store)
    if args.command == "earnings":
        return _earnings(args, store)
    if args.command == "pay-run":
        return _pay_run(args, store)
    if args.command == "pay-runs":
        return _list_pay_runs(args, store)
    raise AssertionError(args.command)


def _set_rate(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.pay.rates import set_rate

    saved = set_rate(store, args.participant, args.hourly_pay, args.from_day)
    print(
        _("{name} ({number}): hourly pay {pay} from {day}.").format(
            name=saved.name,
            number=saved.participant_number,
            pay=format_money(saved.hourly_pay),
            day=format_date(saved.valid_from),
        )
    )
    return 0


def _set_benefit(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.pay.benefits import set_benefit

    saved = set_benefit(store, args.participant, args.benefit, args.limit, args.from_day)
    since = (
        _("since before any record")
        if saved.valid_from is None
        else _("from {day}").format(day=format_date(saved.valid_from))
    )
    if saved.personal_limit is None:
        text = _("{name} ({number}): {benefit} {since}.").format(
            name=saved.name,
            number=saved.participant_number,
            benefit=saved.benefit.label,
            since=since,
        )
    else:
        text = _("{name} ({number}): {benefit} {since}, personal limit {limit} a month.").format(
            name=saved.name,
            number=saved.participant_number,
            benefit=saved.benefit.label,
            since=since,
            limit=format_money(saved.personal_limit),
        )
    print(text)
    return 0


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def earnings_json(row: MonthEarnings) -> dict[str, Any]:
    return {
        "participant": row.participant_number,
        "month": f"{row.year:04d}-{row.month:02d}",
        "approved": _amount(row.approved),
        "planned": _amount(row.planned),
        "total": _amount(row.total),
        "limit": _amount(row.limit),
        "remaining": _amount(row.remaining),
        "over": row.over,
        "over_by": _amount(row.over_by),
        "benefits": [
            {
                "benefit": item.code.value,
                "kind": item.kind.value,
                "limit": _amount(item.limit),
                "remaining": _amount(item.remaining),
                "over": item.over,
                "allowed_months": item.allowed_months,
                "months_over_before": item.months_over_before,
                "uses_allowed_month": item.uses_allowed_month,
                "reduction": _amount(item.reduction),
                "confirmed": item.confirmed,
                "year": item.year,
            }
            for item in row.benefits
        ],
    }


def _earnings(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.queries.earnings import month_earnings

    year, month = args.month
    row = month_earnings(store, args.participant, year, month)
    if args.json:
        print(json.dumps(earnings_json(row), ensure_ascii=False, indent=2))
        return 0
    print(
        _("{name} ({number}), {month}: approved {approved}, planned {planned}.").format(
            name=row.name,
            number=row.participant_number,
            month=f"{month}/{year}",
            approved=format_money(row.approved),
            planned=format_money(row.planned),
        )
    )
    if row.limit is None:
        print(_("No earnings limit: no benefit with a limit is recorded for this month."))
    elif row.over:
        print(
            _("Limit {limit}: over by {amount}.").format(
                limit=format_money(row.limit), amount=format_money(row.over_by)
            )
        )
    else:
        print(
            _("Limit {limit}: {remaining} left.").format(
                limit=format_money(row.limit), remaining=format_money(row.remaining or Decimal(0))
            )
        )
    for item in row.benefits:
        if item.reduction is not None:
            print(
                _("{benefit}: the earnings reduce it by about {amount}.").format(
                    benefit=item.code.label, amount=format_money(item.reduction)
                )
            )
        if item.uses_allowed_month and item.allowed_months is not None:
            print(
                _(
                    "{benefit}: this month would use one of the {allowed} months a year the "
                    "limit may be exceeded ({used} used already)."
                ).format(
                    benefit=item.code.label,
                    allowed=item.allowed_months,
                    used=item.months_over_before,
                )
            )
        if not item.confirmed:
            print(
                _(
                    "{benefit}: the figure for {year} is not confirmed. Check it and correct "
                    "it in Settings."
                ).format(benefit=item.code.label, year=item.year)
            )
    return 0


def _pay_run(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.interchange.payroll_export import confirm_pay_run, preview_pay_run
    from jobcenter_desktop.services.pay.runs import ADJUSTMENT, NothingToPay

    year, month = args.period
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    if args.confirm:
        try:
            result = confirm_pay_run(store, start, end, args.out, args.reason)
        except NothingToPay as nothing:
            print(nothing)  # not an error: a second run of a period pays nothing twice
            return 0
    else:
        result = preview_pay_run(store, start, end, args.out)
    plan = result.plan
    if not result.confirmed:
        print(
            _("Preview of the pay run {month}/{year}: nothing is saved.").format(
                month=month, year=year
            )
        )
        if plan.is_empty:
            print(_("Nothing to pay: every approved hour and attendance day is paid already."))
    elif plan.kind == ADJUSTMENT:
        print(
            _(
                "Adjusting pay run {number} ({month}/{year}), correcting run {corrects}: {reason}"
            ).format(
                number=plan.number,
                month=month,
                year=year,
                corrects=plan.corrects,
                reason=plan.reason,
            )
        )
    else:
        print(
            _("Pay run {number} ({month}/{year}) confirmed.").format(
                number=plan.number, month=month, year=year
            )
        )
    print(
        _(
            "Wages {wages}, fees {fees}, allowances {allowances}; by bank transfer {transfers}."
        ).format(
            wages=format_money(plan.wages),
            fees=format_money(plan.fees),
            allowances=format_money(plan.allowance_total),
            transfers=format_money(result.transfers),
        )
    )
    for message in (*result.problems, *result.not_payable):
        print(message)
    for path in result.files:
        print(_("Wrote {file}").format(file=path))
    return 0


def _list_pay_runs(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.queries.pay_runs import list_pay_runs

    rows = list_pay_runs(store)
    if args.json:
        data = [
            {
                "number": row.number,
                "kind": row.kind,
                "reason": row.reason,
                "corrects": row.corrects,
                "period_start": row.period_start.isoformat(),
                "period_end": row.period_end.isoformat(),
                "confirmed_at": row.confirmed_at.isoformat(),
                "confirmed_by": row.confirmed_by,
                "wages": _amount(row.wages),
                "fees": _amount(row.fees),
                "allowances": _amount(row.allowances),
                "transfers": _amount(row.transfers),
                "entries": row.entries,
                "attendance_days": row.attendance_days,
            }
            for row in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No pay runs yet. Make one with pay-run --period YYYY-MM --confirm --out DIR."))
        return 0
    for row in rows:
        kind = _("adjusting") if row.kind == "adjustment" else _("regular")
        print(
            _(
                "{number}  {start}–{end}  {kind}  wages {wages}, fees {fees}, allowances "
                "{allowances}  ({entries} entries, {days} days)"
            ).format(
                number=row.number,
                start=format_date(row.period_start),
                end=format_date(row.period_end),
                kind=kind,
                wages=format_money(row.wages),
                fees=format_money(row.fees),
                allowances=format_money(row.allowances),
                entries=row.entries,
                days=row.attendance_days,
            )
        )
        if row.reason:
            print(f"    {row.reason}")
    return 0
