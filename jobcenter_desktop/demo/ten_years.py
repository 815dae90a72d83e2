"""A believable ten-year centre in a new store, for the benchmark (``demo-data --years``).

At scale 1 and ten years, ending today: about 400 participants over the years
(60-90 active at a time, joining and leaving), 12 instructors, 150 customers of
every type, 300 contracts with their schedules, 25,000 gigs with crews of 2-6 and
an instructor, one timesheet entry per person per gig, 150,000 attendance days and
the audit the services would have written for all of it. ``years`` and ``scale``
scale the counts (per year and overall).

How it is made:

- The centre (unless one is set up), instructors, participants, customers and
  contracts go through the register services, so they are validated, numbered,
  searchable and audited as typed data; their stamps and the ``at`` of their audit
  entries are then dated back to when each joined or was signed.
- The gigs, crews, timesheet entries, attendance days and their audit entries are
  planned in memory and inserted with SQLAlchemy Core in a few big ``executemany``
  statements, in an order the store's triggers accept (gigs, then crews, then the
  entries with their approval), with the values, stamps and audit shapes the
  services write: the weekly generation run, ``assign``, the timesheet's
  ``record``, ``done``, ``feedback``, ``cancel``, the weekly ``approve`` (with the
  terms copied and the paid-work days it recorded) and each attendance day.
- Gigs before this week are done, recorded and approved (a few percent cancelled,
  some billably); this week's past gigs are recorded, partly marked done, not yet
  approved; from today on, eight weeks are planned and staffed. No one is on two
  overlapping gigs, and people stay within their weekly limit.
- The last ``invoice_months`` months (12 by default) are invoiced through the real
  invoice run (:func:`~jobcenter_desktop.services.invoicing.issuing.issue_run`,
  month by month, with the PDFs and Finvoice files), and most of those invoices
  are paid (:func:`~jobcenter_desktop.services.invoicing.payments.record_payment`).
  Older gigs stay uninvoiced: approved hours waiting for a run. The runs' backups
  are left out: the file is new, and a copy of it per month would only cost time.

Names come from Faker's Finnish provider with a fixed seed; business IDs and IBANs
are made up but valid, e-mail addresses use the reserved ``.example`` domain.
"""

from __future__ import annotations

import bisect
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from faker import Faker
from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import (
    Attendance,
    AuditEntry,
    Contract,
    Customer,
    Gig,
    Instructor,
    Participant,
    QualificationType,
    TimesheetEntry,
    WorkSite,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.store import Store, Transaction, audit_values, jsonable
from jobcenter_desktop.demo.registers import (
    CITY,
    CONSENT_SCOPE,
    EXEMPT_REASON,
    POSTAL_CODES,
    _refuse_if_not_empty,
    make_business_id,
    make_iban,
)
from jobcenter_desktop.domain.enums import (
    AttendanceStatus,
    ContractStatus,
    CustomerType,
    GigStatus,
    Outcome,
    ParticipantStatus,
    PayBasis,
    ServiceBasis,
    TaskType,
    VatTreatment,
    Weekday,
)
from jobcenter_desktop.domain.schedule import ScheduleCalendar, occurrences, week_start
from jobcenter_desktop.domain.timesheets import billable_minutes, worked_minutes
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput
from jobcenter_desktop.forms.instructors import InstructorInput
from jobcenter_desktop.forms.participants import ParticipantInput, QualificationInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.registers import (
    centre,
    contracts,
    customers,
    instructors,
    participants,
)
from jobcenter_desktop.services.timesheets.entries import jsonable_terms

HELSINKI = ZoneInfo("Europe/Helsinki")
HORIZON = timedelta(weeks=8)
ALLOWANCE = Decimal("9.00")
FEEDBACK = ("Siisti jälki, kiitos!", "Hyvin tehty.", "Kaikki sujui hyvin.", "Kiitos avusta!")
CUSTOMER_CANCELS = (
    "Tilat olivat käytössä.",
    "Asiakas perui sairastumisen vuoksi.",
    "Asiakas siirsi työn myöhemmäksi.",
)
CENTRE_CANCELS = ("Ohjaaja sairastui.", "Keskuksen koulutuspäivä.", "Sää esti työn.")

# Per scale and year: what ten years at scale 1 come to.
PARTICIPANTS_AT_ONCE = 75
PARTICIPANTS_PER_YEAR = 32.5
CUSTOMERS_BASE, CUSTOMERS_PER_YEAR = 30, 12
CONTRACTS_PER_YEAR = 30
GIGS_PER_YEAR = 2500
INSTRUCTORS = 12

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TenYearSummary:
    """What :func:`build_ten_years` made."""

    years: int
    participants: int
    instructors: int
    customers: int
    contracts: int
    gigs: int
    timesheet_entries: int
    attendance_days: int
    audit_entries: int
    invoices: int
    payments: int

    def __str__(self) -> str:
        return _(
            "Made a centre of {years} years: {participants} participants, {instructors} "
            "instructors, {customers} customers, {contracts} contracts, {gigs} gigs, {entries} "
            "timesheet entries, {days} attendance days, {audit} audit entries, {invoices} "
            "invoices and {payments} payments."
        ).format(
            years=self.years,
            participants=self.participants,
            instructors=self.instructors,
            customers=self.customers,
            contracts=self.contracts,
            gigs=self.gigs,
            entries=self.timesheet_entries,
            days=self.attendance_days,
            audit=self.audit_entries,
            invoices=self.invoices,
            payments=self.payments,
        )


# --- the plan, in memory --------------------------------------------------------------------


@dataclass
class _Person:
    first: str
    last: str
    service: ServiceBasis
    pay: PayBasis
    hourly: str
    limit_minutes: int | None
    joined: date
    ended: date | None  # the last day, for those who have left
    paused_from: date | None
    outcome: Outcome | None
    rate: float  # how often the person comes to work activity
    qualifications: list[tuple[str, date, date | None]] = field(default_factory=list)
    id: int = 0

    def active_on(self, day: date) -> bool:
        if day < self.joined or (self.ended is not None and day > self.ended):
            return False
        return self.paused_from is None or day < self.paused_from

    def qualified(self, codes: Sequence[str], day: date) -> bool:
        return all(
            any(
                code == held and issued <= day and (expires is None or day <= expires)
                for held, issued, expires in self.qualifications
            )
            for code in codes
        )


@dataclass
class _Leader:
    first: str
    last: str
    started: date
    left: date | None
    id: int = 0

    def employed_on(self, day: date) -> bool:
        return self.started <= day and (self.left is None or day <= self.left)


@dataclass
class _Client:
    type: CustomerType
    name: str
    site: str
    since: date = date.max
    id: int = 0
    site_id: int | None = None


@dataclass
class _Deal:
    client: _Client
    task: TaskType
    title: str
    weekdays: tuple[Weekday, ...]
    every_weeks: int
    start_minutes: int
    duration: int
    crew: int
    valid_from: date
    valid_to: date | None
    prices: dict[str, Decimal | None]
    rounding: int
    vat: VatTreatment
    deduction: bool
    cancellation_billable: bool
    qualifications: tuple[str, ...]
    rate: float = 0.0  # gigs a week
    id: int = 0
    status: ContractStatus = ContractStatus.ACTIVE


@dataclass
class _Visit:
    deal: _Deal
    day: date
    created_run: date
    status: GigStatus = GigStatus.PLANNED
    cancel_reason: str = ""
    cancel_billable: bool = False
    crew: list[_Person] = field(default_factory=list)
    leader: _Leader | None = None
    recorded: bool = False
    approved: bool = False
    feedback: tuple[int, str] | None = None
    id: int = 0


def _instant(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HELSINKI).astimezone(UTC)


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


class _Planner:
    """The ten years as plain Python objects, before anything is written."""

    def __init__(self, years: int, scale: float, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("fi_FI")
        self.fake.seed_instance(seed)
        self.today = today
        self.years = years
        self.scale = scale
        self.first_day = today - timedelta(days=round(365.25 * years))
        self.monday = week_start(today)
        self.horizon = today + HORIZON
        self.calendar = ScheduleCalendar()
        self.people: list[_Person] = []
        self.leaders: list[_Leader] = []
        self.clients: list[_Client] = []
        self.deals: list[_Deal] = []
        self.visits: list[_Visit] = []

    # registers

    def phone(self, prefix: str = "") -> str:
        prefix = prefix or self.rng.choice(("040", "044", "045", "050"))
        digits = f"{self.rng.randrange(10_000_000):07d}"
        return f"{prefix} {digits[:3]} {digits[3:]}"

    def person_name(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            return self.fake.first_name_female(), self.fake.last_name()
        return self.fake.first_name_male(), self.fake.last_name()

    def random_day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(max((last - first).days, 0) + 1))

    def plan_people(self) -> None:
        rng = self.rng
        at_once = max(4, round(PARTICIPANTS_AT_ONCE * self.scale))
        total = max(at_once + 1, round(self.scale * (75 + PARTICIPANTS_PER_YEAR * self.years)))
        for index in range(total):
            if index < at_once:
                # Those already there when the years begin: what is left of their stay.
                joined = self.random_day(self.first_day, self.first_day + timedelta(days=60))
                stay = timedelta(days=rng.randrange(60, 1100))
            else:
                joined = self.random_day(self.first_day, self.today - timedelta(days=7))
                stay = timedelta(days=rng.randrange(180, 1460))
            last = joined + stay
            ended = last if last < self.today else None
            service = rng.choices(list(ServiceBasis), weights=(50, 28, 12, 10))[0]
            pay = rng.choices(list(PayBasis), weights=(70, 15, 8, 7))[0]
            if service is ServiceBasis.SPECIAL_CARE and rng.random() < 0.4:
                pay = PayBasis.NONE
            limit: int | None = None
            if service is not ServiceBasis.REHABILITATIVE or rng.random() < 0.4:
                limit = rng.choice((6, 8, 10, 12, 15, 17, 20)) * 60
            paused = None
            if ended is None and rng.random() < 0.06:
                paused = self.today - timedelta(days=rng.randrange(10, 90))
            first, last_name = self.person_name()
            person = _Person(
                first=first,
                last=last_name,
                service=service,
                pay=pay,
                hourly="" if pay in (PayBasis.NONE, PayBasis.CUSTOMER_EMPLOYED) else "10,00",
                limit_minutes=limit,
                joined=joined,
                ended=ended,
                paused_from=paused,
                outcome=None if ended is None else rng.choice(list(Outcome)),
                rate=rng.uniform(0.6, 0.97),
            )
            for code, share, years in (
                ("safety_card", 0.55, 5),
                ("hygiene_passport", 0.4, 5),
                ("first_aid", 0.2, 3),
                ("driving_licence", 0.15, 0),
            ):
                if rng.random() < share:
                    issued = joined - timedelta(days=rng.randrange(0, 400))
                    end = (ended or self.horizon) + timedelta(days=1)
                    while issued < end:
                        expires = None if not years else issued + timedelta(days=365 * years)
                        person.qualifications.append((code, issued, expires))
                        if expires is None:
                            break
                        issued = expires - timedelta(days=rng.randrange(0, 30))
            self.people.append(person)

    def plan_leaders(self) -> None:
        count = max(2, round(INSTRUCTORS * min(self.scale * 2, 1.0)))
        for index in range(count):
            first, last = self.person_name()
            if index < count * 2 // 3:
                started, left = self.first_day - timedelta(days=self.rng.randrange(30, 900)), None
            else:
                started = self.random_day(self.first_day, self.today - timedelta(days=60))
                left = None
            self.leaders.append(_Leader(first, last, started, left))
        # Those who started later replaced those who left.
        late = [leader for leader in self.leaders if leader.started > self.first_day]
        for leaving, arriving in zip(self.leaders[: len(late)], late, strict=False):
            if self.rng.random() < 0.7:
                leaving.left = arriving.started - timedelta(days=1)
        if not any(leader.employed_on(self.today) for leader in self.leaders):
            self.leaders[-1].left = None

    def plan_clients(self) -> None:
        count = max(5, round(self.scale * (CUSTOMERS_BASE + CUSTOMERS_PER_YEAR * self.years)))
        kinds = (
            [CustomerType.COMPANY] * 45
            + [CustomerType.ASSOCIATION] * 15
            + [CustomerType.PARISH] * 8
            + [CustomerType.PUBLIC] * 12
            + [CustomerType.HOUSEHOLD] * 20
        )
        fake = self.fake
        for index in range(count):
            kind = (
                list(CustomerType)[index] if index < len(CustomerType) else (self.rng.choice(kinds))
            )
            if kind is CustomerType.COMPANY:
                name = self.rng.choice(
                    (
                        f"Kiinteistöhuolto {fake.last_name()} Oy",
                        f"{fake.last_name()}n Pakkaus Oy",
                        f"Autokorjaamo {fake.last_name()} Oy",
                        f"Sisustus {fake.last_name()} Ky",
                        f"Rakennus {fake.last_name()} Oy",
                        f"{fake.last_name()} Logistiikka Oy",
                    )
                )
                site = self.rng.choice(("Toimitilat", "Varasto", "Korjaamo", "Pakkaamo"))
            elif kind is CustomerType.ASSOCIATION:
                name = self.rng.choice(
                    (
                        f"Kotikunnan {fake.last_name()}-seura ry",
                        f"{fake.last_name()}n Eläkeläiset ry",
                        f"Kotikunnan Urheiluseura {index} ry",
                        f"{fake.last_name()}n Kyläyhdistys ry",
                    )
                )
                site = self.rng.choice(("Kerhotalo", "Urheilukenttä", "Seurantalo"))
            elif kind is CustomerType.PARISH:
                name = self.rng.choice(
                    ("Kotikunnan seurakunta", "Kotikunnan ortodoksinen seurakunta")
                ) + ("" if index < 10 else f", {fake.last_name()}n kappeli")
                site = self.rng.choice(("Seurakuntakeskus", "Hautausmaa", "Leirikeskus"))
            elif kind is CustomerType.PUBLIC:
                name = (
                    self.rng.choice(
                        (
                            "Kotikunnan kaupunki, tilapalvelut",
                            "Kotikunnan kaupunki, koulut",
                            "Itä-Kotimaan hyvinvointialue, palveluasuminen",
                            "Kotikunnan kaupunki, liikuntapalvelut",
                        )
                    )
                    + f" {index}"
                )
                site = self.rng.choice(("Kaupungintalo", "Koulu", "Palvelukoti", "Uimahalli"))
            else:
                name = " ".join(self.person_name())
                site = self.rng.choice(("Koti", "Omakotitalo", "Kesämökki"))
            self.clients.append(_Client(kind, name, site))

    def _terms(self, client: _Client, one_off: bool) -> tuple[TaskType, str, dict[str, Any]]:
        rng = self.rng
        if client.type is CustomerType.HOUSEHOLD:
            task = rng.choice((TaskType.MOVING, TaskType.YARD_WORK, TaskType.CLEANING))
        elif client.type is CustomerType.PUBLIC:
            task = rng.choice(
                (TaskType.CLEANING, TaskType.KITCHEN_LAUNDRY, TaskType.YARD_WORK, TaskType.OTHER)
            )
        else:
            task = rng.choice(list(TaskType))
        titles = {
            TaskType.CLEANING: (
                "Toimistotilojen siivous",
                "Kokoustilojen siivous",
                "Ikkunoiden pesu",
            ),
            TaskType.YARD_WORK: ("Pihatyöt", "Haravointi ja lehtien keräys", "Lumityöt"),
            TaskType.MOVING: ("Muuttoapu", "Kalusteiden kantaminen"),
            TaskType.PROPERTY_MAINTENANCE: ("Kiinteistönhoidon avustavat työt",),
            TaskType.KITCHEN_LAUNDRY: ("Keittiöapu", "Pyykkihuollon avustavat tehtävät"),
            TaskType.PACKING_ASSEMBLY: ("Mainoslähetysten pakkaaminen", "Kokoonpanotyöt"),
            TaskType.OTHER: ("Varaston järjestely", "Tapahtuma-avustus"),
        }
        crew = {
            TaskType.MOVING: (3, 6),
            TaskType.PACKING_ASSEMBLY: (3, 6),
            TaskType.CLEANING: (2, 3),
        }.get(task, (2, 4))
        durations = {
            TaskType.MOVING: (240, 300, 360),
            TaskType.PACKING_ASSEMBLY: (180, 240),
            TaskType.CLEANING: (90, 120, 150, 180),
        }.get(task, (120, 150, 180, 240))
        worker = rng.choice(("14,50", "22,00", "24,00", "25,00", "28,00", "29,00", "30,00"))
        values: dict[str, Any] = {
            "worker_hour_price": worker,
            "instructor_hour_price": "",
            "visit_price": "",
            "minimum_charge": "",
            "travel_fee": "",
            "crew": rng.randint(*crew),
            "duration": rng.choice(durations),
            "vat": VatTreatment.GENERAL,
            "deduction": client.type is CustomerType.HOUSEHOLD,
        }
        if task is TaskType.CLEANING and not one_off and rng.random() < 0.15:
            values["worker_hour_price"] = ""
            values["visit_price"] = rng.choice(("85,00", "95,00", "120,00"))
        if task in (TaskType.MOVING, TaskType.PROPERTY_MAINTENANCE) and rng.random() < 0.6:
            values["instructor_hour_price"] = rng.choice(("36,00", "38,00"))
        if rng.random() < 0.3 and values["worker_hour_price"]:
            values["minimum_charge"] = rng.choice(("50,00", "58,00", "120,00"))
        if rng.random() < 0.25 or task is TaskType.MOVING:
            values["travel_fee"] = rng.choice(("8,00", "10,00", "15,00"))
        if task is TaskType.KITCHEN_LAUNDRY and client.type is CustomerType.PUBLIC:
            values["vat"] = VatTreatment.EXEMPT
            values["worker_hour_price"] = "35,00"
        return task, rng.choice(titles[task]), values

    def plan_deals(self) -> None:
        rng = self.rng
        count = max(3, round(CONTRACTS_PER_YEAR * self.years * self.scale))
        target = max(count, round(GIGS_PER_YEAR * self.years * self.scale))
        last_start = self.today + timedelta(weeks=2)
        span = (last_start - self.first_day).days
        clients = list(self.clients)
        rng.shuffle(clients)
        for index in range(count):
            client = clients[index] if index < len(clients) else rng.choice(clients)
            household = client.type is CustomerType.HOUSEHOLD
            one_off = rng.random() < (0.7 if household else 0.15)
            if index < count // 10:
                start = self.first_day + timedelta(days=rng.randrange(0, 30))
            else:
                start = self.first_day + timedelta(days=rng.randrange(span))
            task, title, values = self._terms(client, one_off)
            if one_off:
                while self.calendar.closed(start) or start.weekday() > 4:
                    start += timedelta(days=1)
                weekdays: tuple[Weekday, ...] = ()
                every = 1
            else:
                size = rng.choices((1, 2, 3, 5), weights=(50, 30, 15, 5))[0]
                pool = list(Weekday)[:5] + ([Weekday.SAT] if task is TaskType.YARD_WORK else [])
                weekdays = tuple(
                    sorted(rng.sample(pool, min(size, len(pool))), key=lambda d: d.number)
                )
                every = rng.choices((1, 2, 4), weights=(70, 25, 5))[0]
                if household:
                    every = rng.choice((2, 4))
            quals: tuple[str, ...] = ()
            needed = contracts.TASK_QUALIFICATIONS.get(task, ())
            if needed and rng.random() < 0.5:
                quals = needed
            deal = _Deal(
                client=client,
                task=task,
                title=title,
                weekdays=weekdays,
                every_weeks=every,
                start_minutes=rng.choice((450, 480, 510, 540, 570, 600, 720, 780, 870, 930, 960)),
                duration=values["duration"],
                crew=values["crew"],
                valid_from=start,
                valid_to=start if one_off else None,
                prices={
                    key: _money(values[key]) if values[key] else None
                    for key in (
                        "worker_hour_price",
                        "instructor_hour_price",
                        "visit_price",
                        "minimum_charge",
                        "travel_fee",
                    )
                },
                rounding=rng.choice((15, 15, 15, 30)),
                vat=values["vat"],
                deduction=values["deduction"],
                cancellation_billable=rng.random() < 0.4,
                qualifications=quals,
                rate=0.0 if one_off else len(weekdays) / every,
            )
            self.deals.append(deal)
        self._fit_lifetimes(target)
        for deal in self.deals:
            client = deal.client
            client.since = min(client.since, deal.valid_from - timedelta(days=35))
        for client in self.clients:
            if client.since == date.max:
                client.since = self.random_day(self.first_day, self.today)

    def _fit_lifetimes(self, target: int) -> None:
        """Validity periods whose gigs come to about ``target`` in all."""
        recurring = [deal for deal in self.deals if deal.weekdays]
        wanted = (target - (len(self.deals) - len(recurring))) * 1.05  # holidays are skipped
        bases = {id(deal): self.rng.uniform(0.2, 1.8) for deal in recurring}
        end = self.horizon

        def total(factor: float) -> float:
            return sum(
                deal.rate * min(bases[id(deal)] * factor, (end - deal.valid_from).days / 7)
                for deal in recurring
            )

        low, high = 1.0, 5000.0
        for _step in range(60):
            middle = (low + high) / 2
            if total(middle) < wanted:
                low = middle
            else:
                high = middle
        for deal in recurring:
            weeks = bases[id(deal)] * high
            last = deal.valid_from + timedelta(days=max(7, round(weeks * 7)))
            deal.valid_to = None if last >= end else last
        for deal in self.deals:
            if deal.valid_to is not None and deal.valid_to < self.today:
                deal.status = ContractStatus.ENDED

    # gigs

    def plan_visits(self) -> None:
        rng = self.rng
        first_run = week_start(self.first_day)
        for deal in self.deals:
            days = occurrences(
                deal.weekdays,
                deal.every_weeks,
                deal.valid_from,
                deal.valid_to,
                self.first_day,
                self.horizon,
                self.calendar.closed,
            )
            for day in days:
                # The first weekly run (Mondays, eight weeks ahead) that reached the day;
                # this Monday's run reaches the horizon.
                run = max(first_run, week_start(day - HORIZON + timedelta(days=6)))
                run = min(run, self.monday)
                self.visits.append(_Visit(deal, day, run))
        self.visits.sort(key=lambda v: (v.day, v.deal.start_minutes, v.deal.valid_from))
        for visit in self.visits:
            if visit.day < self.monday:
                draw = rng.random()
                if draw < 0.03:
                    visit.status = GigStatus.CANCELLED_BY_CUSTOMER
                    visit.cancel_reason = rng.choice(CUSTOMER_CANCELS)
                    visit.cancel_billable = visit.deal.cancellation_billable
                elif draw < 0.04:
                    visit.status = GigStatus.CANCELLED_BY_CENTRE
                    visit.cancel_reason = rng.choice(CENTRE_CANCELS)
                else:
                    visit.status = GigStatus.DONE
                    visit.recorded = visit.approved = True
                    if rng.random() < 0.3:
                        visit.feedback = (rng.choice((3, 4, 5, 5, 5)), rng.choice(FEEDBACK))
            elif visit.day < self.today:
                draw = rng.random()
                visit.recorded = draw < 0.8
                if draw < 0.55:
                    visit.status = GigStatus.DONE
        self._staff()

    def _staff(self) -> None:
        """Crews and instructors, day by day: no one twice at once, weekly limits kept."""
        rng = self.rng
        by_day: dict[date, list[_Visit]] = defaultdict(list)
        for visit in self.visits:
            by_day[visit.day].append(visit)
        week_minutes: dict[int, int] = defaultdict(int)
        week: date | None = None
        regulars: dict[int, list[_Person]] = defaultdict(list)
        workers = [p for p in self.people if p.pay is not PayBasis.NONE]
        for day in sorted(by_day):
            if week_start(day) != week:
                week = week_start(day)
                week_minutes.clear()
            present = [p for p in workers if p.active_on(day)]
            here = {id(p) for p in present}
            leaders = [lead for lead in self.leaders if lead.employed_on(day)]
            busy: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for visit in by_day[day]:
                if visit.status.is_cancelled:
                    continue
                deal = visit.deal
                begin, end = deal.start_minutes, deal.start_minutes + deal.duration
                size = deal.crew if rng.random() < 0.85 else max(2, deal.crew - 1)
                crew: list[_Person] = []
                known = regulars[id(deal)]
                others = [p for p in present if p not in known]
                rng.shuffle(others)
                others.sort(key=lambda p: week_minutes[id(p)])
                for person in [*known, *others]:
                    if len(crew) >= size:
                        break
                    limit = person.limit_minutes
                    if (
                        id(person) in here
                        and (limit is None or week_minutes[id(person)] + deal.duration <= limit)
                        and _free(busy[id(person)], begin, end)
                        and (not deal.qualifications or person.qualified(deal.qualifications, day))
                    ):
                        crew.append(person)
                for person in crew:
                    if person not in known:
                        known.append(person)
                del known[: max(0, len(known) - deal.crew - 2)]
                for person in crew:
                    busy[id(person)].append((begin, end))
                    week_minutes[id(person)] += deal.duration
                visit.crew = sorted(crew, key=lambda p: p.id)
                free_leaders = [lead for lead in leaders if _free(busy[id(lead)], begin, end)]
                if free_leaders:
                    leader = min(free_leaders, key=lambda lead: len(busy[id(lead)]))
                    busy[id(leader)].append((begin, end))
                    visit.leader = leader
                if not crew and visit.leader is None:
                    visit.recorded = visit.approved = False
                    if visit.status is GigStatus.DONE:
                        visit.status = GigStatus.CANCELLED_BY_CENTRE
                        visit.cancel_reason = rng.choice(CENTRE_CANCELS)


def _free(intervals: Iterable[tuple[int, int]], begin: int, end: int) -> bool:
    """Whether ``begin``-``end`` (minutes of the day) overlaps none of the intervals."""
    return all(end <= taken_begin or taken_end <= begin for taken_begin, taken_end in intervals)


# --- writing -----------------------------------------------------------------------------------


def _table(model: Any) -> Table:
    table = model if isinstance(model, Table) else model.__table__
    assert isinstance(table, Table)
    return table


def _insert(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT the rows (every row the same keys) with the driver's ``executemany``,
    each column's values converted for the database by its type (each distinct value once).
    Columns left out get their scalar default, else NULL."""
    if not rows:
        return
    table = _table(model)
    connection = session.connection()
    dialect = connection.dialect
    names = [column.key for column in table.columns if column.key in rows[0]]
    columns: list[list[Any]] = []
    for column in table.columns:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if column.key in rows[0]:
            values = [row[column.key] for row in rows]
        else:
            default = column.default
            arg = (
                getattr(default, "arg", None) if default is not None and default.is_scalar else None
            )
            if arg is None:
                continue
            names.append(column.key)
            values = [arg] * len(rows)
        if process is not None:
            values = _converted(process, values)
        columns.append(values)
    ordered = [column.key for column in table.columns if column.key in names]
    statement = insert(table).values({name: bindparam(name) for name in ordered})
    compiled = statement.compile(dialect=dialect)
    by_name = dict(zip(ordered, columns, strict=True))
    if compiled.positional:
        order = compiled.positiontup or []
        parameters: Any = list(zip(*(by_name[name] for name in order), strict=True))
    else:
        parameters = [dict(zip(ordered, row, strict=True)) for row in zip(*columns, strict=True)]
    connection.exec_driver_sql(str(compiled), parameters)


def _converted(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    try:
        memo = {value: process(value) for value in set(values) if value is not None}
    except TypeError:  # not hashable: JSON
        return [None if value is None else process(value) for value in values]
    memo[None] = None
    return [memo[value] for value in values]


class _Audit:
    """Audit entries as the services write them (``Transaction.record``), dated."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        at: datetime,
        entity: str,
        entity_id: int | None,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        kept_before, kept_after = audit_values(action, entity_id, before, after)
        self.rows.append(
            {
                "at": at,
                "actor": self.actor,
                "entity": entity,
                "entity_id": entity_id,
                "action": action,
                "before": kept_before,
                "after": kept_after,
            }
        )

    def write(self, session: Session) -> int:
        self.rows.sort(key=lambda row: row["at"])
        _insert(session, AuditEntry, self.rows)
        count = len(self.rows)
        self.rows = []
        return count


def _note(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def build_ten_years(
    store: Store,
    *,
    years: int = 10,
    scale: float = 1.0,
    seed: int = 7,
    invoice_months: int = 12,
    today: date | None = None,
    progress: Progress | None = None,
) -> TenYearSummary:
    """Fill an empty store with ``years`` years of a centre ending ``today`` (see the module).

    Raises :class:`~jobcenter_desktop.db.errors.UserError` if the store already has
    participants, customers, contracts or instructors, as ``demo-data`` does.
    """
    if years < 1 or scale <= 0 or invoice_months < 0:
        raise ValueError("years must be at least 1, scale above 0, invoice_months at least 0")
    _refuse_if_not_empty(store)
    today = today or date.today()
    plan = _Planner(years, scale, seed, today)
    plan.plan_people()
    plan.plan_leaders()
    plan.plan_clients()
    plan.plan_deals()
    _note(progress, _("Planned the registers; writing them through the services."))
    with store.write() as tx:
        _write_registers(store, tx, plan)
        _note(progress, _("Registers saved; planning {years} years of gigs.").format(years=years))
        plan.plan_visits()
        _note(progress, _("Planned {count} gigs; writing them.").format(count=len(plan.visits)))
        _write_activity(tx, plan, progress)
    _note(progress, _("Gigs, hours and attendance saved; invoicing."))
    invoices, payments = _invoice(store, plan, invoice_months, progress)
    with store.read() as session:

        def count(model: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        return TenYearSummary(
            years=years,
            participants=count(Participant),
            instructors=count(Instructor),
            customers=count(Customer),
            contracts=count(Contract),
            gigs=count(Gig),
            timesheet_entries=count(TimesheetEntry),
            attendance_days=count(Attendance),
            audit_entries=count(AuditEntry),
            invoices=invoices,
            payments=payments,
        )


# --- the registers, through the services ---------------------------------------------------


def _slug(text: str) -> str:
    folded = text.casefold().translate(str.maketrans("äöåé", "aoae"))
    return ".".join(part for part in "".join(c if c.isalnum() else " " for c in folded).split())


def _write_registers(store: Store, tx: Transaction, plan: _Planner) -> None:
    rng = plan.rng
    session = tx.session
    if centre.get_centre_id(store) is None:
        centre.save_centre(
            store,
            CentreInput(
                legal_name="Työ- ja toimintakeskus Kipinä",
                business_id=make_business_id(rng),
                vat_status="registered",
                street="Pajakatu 3",
                postal_code="82100",
                city=CITY,
                phone=plan.phone("013"),
                email="tyokeskus@kipina.example",
                payment_term_days="14",
                prepayment_register=True,
                bank_accounts=[
                    BankAccountInput(iban=make_iban(rng, "5"), bic="OKOYFIHH", is_default=True),
                    BankAccountInput(iban=make_iban(rng, "1"), bic="NDEAFIHH"),
                ],
            ),
        )
    dated: dict[str, list[tuple[int, date]]] = defaultdict(list)
    for leader in plan.leaders:
        leader.id = instructors.save_instructor(
            store,
            InstructorInput(
                first_name=leader.first,
                last_name=leader.last,
                phone=plan.phone(),
                email=f"{_slug(leader.first + ' ' + leader.last)}@tyokeskus-kipina.example",
                active=leader.left is None,
            ),
        )
        dated["instructor"].append((leader.id, max(leader.started, plan.first_day)))
    qualification_ids = dict(
        session.execute(select(QualificationType.code, QualificationType.id)).all()
    )
    for person in plan.people:
        data = ParticipantInput(
            first_name=person.first,
            last_name=person.last,
            service_basis=person.service.value,
            pay_basis=person.pay.value,
            date_of_birth=date(
                rng.randrange(1962, 2006), rng.randrange(1, 13), rng.randrange(1, 29)
            ).isoformat(),
            phone=plan.phone(),
            email=f"{_slug(person.first + ' ' + person.last)}@posti.example"
            if rng.random() < 0.6
            else "",
            street=f"{plan.fake.street_name()} {rng.randrange(1, 60)}",
            postal_code=rng.choice(POSTAL_CODES),
            city=CITY,
            hourly_pay=person.hourly,
            weekly_hour_limit=""
            if person.limit_minutes is None
            else str(person.limit_minutes // 60),
        )
        for code, issued, expires in person.qualifications:
            data.qualifications.append(
                QualificationInput(
                    qualification_type_id=qualification_ids[code],
                    issued_on=issued.isoformat(),
                    expires_on="" if expires is None else expires.isoformat(),
                )
            )
        if person.service is not ServiceBasis.REHABILITATIVE and rng.random() < 0.6:
            consent = person.joined - timedelta(days=rng.randrange(1, 30))
            data.consent_date = consent.isoformat()
            data.consent_scope = CONSENT_SCOPE
            data.consent_expires = (consent + timedelta(days=730 * 2)).isoformat()
        if person.service is ServiceBasis.SPECIAL_CARE:
            guardian, _last = plan.person_name()
            data.guardian_name = f"{guardian} {person.last}"
            data.guardian_phone = plan.phone()
        if person.paused_from is not None:
            data.status = ParticipantStatus.PAUSED.value
            data.notes = "Tauolla kuntoutusjakson ajan."
        if person.ended is not None:
            data.status = ParticipantStatus.ENDED.value
            data.ended_on = person.ended.isoformat()
            assert person.outcome is not None
            data.outcome = person.outcome.value
        person.id = participants.save_participant_in(tx, data)
        dated["participant"].append((person.id, person.joined))
    for client in plan.clients:
        organisation = client.type.is_organisation
        business_id = make_business_id(rng) if organisation else ""
        domain = _slug(client.name.split(",")[0]).replace(".", "-")
        customer = CustomerInput(
            type=client.type.value,
            name=client.name,
            business_id=business_id,
            street=f"{plan.fake.street_name()} {rng.randrange(1, 60)}",
            postal_code=rng.choice(POSTAL_CODES),
            city=CITY,
            email=f"laskutus@{domain}.example"
            if organisation
            else f"{_slug(client.name)}@posti.example",
            phone=plan.phone("013" if organisation else ""),
            payment_term_days="21" if client.type is CustomerType.PUBLIC else "",
            invoice_language="sv" if rng.random() < 0.06 else "fi",
            invoice_detail="per_month" if organisation and rng.random() < 0.2 else "per_gig",
        )
        if organisation and rng.random() < 0.4:
            customer.einvoice_address = "0037" + business_id.replace("-", "")
            customer.einvoice_operator = "003723327487"
        customer.work_sites.append(
            WorkSiteInput(
                name=client.site,
                street=f"{plan.fake.street_name()} {rng.randrange(1, 60)}",
                postal_code=rng.choice(POSTAL_CODES),
                city=CITY,
            )
        )
        if organisation:
            first, last = plan.person_name()
            customer.contacts.append(
                ContactInput(
                    name=f"{first} {last}",
                    role=rng.choice(("Toimitusjohtaja", "Huoltopäällikkö", "Puheenjohtaja")),
                    phone=plan.phone(),
                    email=f"{_slug(first + ' ' + last)}@{domain}.example",
                )
            )
        client.id = customers.save_customer_in(tx, customer)
        dated["customer"].append((client.id, client.since))
    session.flush()
    first_site = dict(
        session.execute(
            select(WorkSite.customer_id, func.min(WorkSite.id)).group_by(WorkSite.customer_id)
        ).all()
    )
    for deal in plan.deals:
        deal.client.site_id = first_site.get(deal.client.id)
        signed = deal.valid_from - timedelta(days=rng.randrange(3, 30))
        terms = ContractInput(
            customer_id=deal.client.id,
            title=deal.title,
            task_type=deal.task.value,
            work_site_id=deal.client.site_id,
            required_qualification_ids=[qualification_ids[c] for c in deal.qualifications],
            rounding_minutes=str(deal.rounding),
            vat_treatment=deal.vat.value,
            vat_reason=EXEMPT_REASON if deal.vat.needs_reason else "",
            household_deduction="yes" if deal.deduction else "no",
            cancellation_billable="yes" if deal.cancellation_billable else "no",
            planned_crew_size=str(deal.crew),
            weekdays=",".join(day.value for day in deal.weekdays),
            every_weeks=str(deal.every_weeks),
            start_time=_clock(deal.start_minutes).strftime("%H.%M"),
            duration_minutes=str(deal.duration),
            valid_from=deal.valid_from.isoformat(),
            valid_to=""
            if deal.valid_to is None or not deal.weekdays
            else deal.valid_to.isoformat(),
            signed_on=signed.isoformat(),
            status=deal.status.value,
        )
        for key, value in deal.prices.items():
            setattr(terms, key, "" if value is None else f"{value:.2f}".replace(".", ","))
        deal.id = contracts.save_contract_in(tx, terms)
        dated["contract"].append((deal.id, signed))
    session.flush()
    _date_back(session, dated)


def _date_back(session: Session, dated: dict[str, list[tuple[int, date]]]) -> None:
    """Stamp the registers' rows and their ``create`` audit entries with when they began."""
    audit = _table(AuditEntry)
    for entity, rows in dated.items():
        table = _table(
            {
                "instructor": Instructor,
                "participant": Participant,
                "customer": Customer,
                "contract": Contract,
            }[entity]
        )
        values = [{"row_id": row_id, "at": _instant(day, 10)} for row_id, day in rows]
        session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(created_at=bindparam("at"), updated_at=bindparam("at")),
            values,
        )
        session.execute(
            update(audit)
            .where(
                audit.c.entity == entity,
                audit.c.action == "create",
                audit.c.entity_id == bindparam("row_id"),
            )
            .values(at=bindparam("at")),
            values,
        )


# --- gigs, hours and attendance, in bulk ----------------------------------------------------


_GIG_AUDITED = (
    "id",
    "contract_id",
    "scheduled_on",
    "day",
    "start_time",
    "duration_minutes",
    "work_site_id",
    "planned_crew_size",
    "status",
    "cancel_reason",
    "cancel_billable",
    "note",
    "edited",
    "feedback_score",
    "feedback_comment",
)


def _gig_snapshot(
    row: dict[str, Any],
    *,
    status: GigStatus = GigStatus.PLANNED,
    crew: Sequence[int] = (),
    leaders: Sequence[int] = (),
    feedback: tuple[int, str] | None = None,
    cancelled: bool = False,
) -> dict[str, Any]:
    """``services.planning.gigs.gig_snapshot`` of the gig in one of the states it went through."""
    values = {key: jsonable(row[key]) for key in _GIG_AUDITED}
    values["status"] = status.value
    values["feedback_score"] = None if feedback is None else feedback[0]
    values["feedback_comment"] = "" if feedback is None else feedback[1]
    if not cancelled:
        values["cancel_reason"] = ""
        values["cancel_billable"] = False
        values["edited"] = False
    values["participants"] = list(crew)
    values["instructors"] = list(leaders)
    return values


def _entry_snapshot(row: dict[str, Any]) -> dict[str, Any]:
    """``services.timesheets.entries.entry_snapshot`` of an entry as recorded (not approved)."""
    values = {
        column.key: jsonable(row.get(column.key))
        for column in _table(TimesheetEntry).columns
        if column.key not in ("created_at", "updated_at", "gig_id")
    }
    values["approved_at"] = None
    values["approved_by"] = ""
    for key in values:
        if key.startswith("approved_") and key != "approved_by":
            values[key] = None
    values["note"] = values["note"] or ""
    values["unplanned_reason"] = values["unplanned_reason"] or ""
    return values


def _terms(deal: _Deal, instructor: bool) -> dict[str, Any]:
    """``services.timesheets.entries.contract_terms`` of the contract."""
    return {
        "approved_hour_price": deal.prices[
            "instructor_hour_price" if instructor else "worker_hour_price"
        ],
        "approved_visit_price": deal.prices["visit_price"],
        "approved_minimum_charge": deal.prices["minimum_charge"],
        "approved_travel_fee": deal.prices["travel_fee"],
        "approved_rounding_minutes": deal.rounding,
        "approved_vat_treatment": deal.vat,
    }


def _top(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.max(_table(model).c.id))) or 0)


def _write_activity(tx: Transaction, plan: _Planner, progress: Progress | None) -> int:
    session = tx.session
    rng = plan.rng
    now = datetime.now(UTC)
    audit = _Audit(tx.actor)
    visits = plan.visits
    gig_top = _top(session, Gig)
    for number, visit in enumerate(visits, start=1):
        visit.id = gig_top + number

    # The weekly generation runs, as generate_gigs audits them (one entry a run).
    days = sorted(visit.day for visit in visits)
    created_by_run: dict[date, int] = defaultdict(int)
    for visit in visits:
        created_by_run[visit.created_run] += 1
    run = min(created_by_run) if created_by_run else plan.monday
    while run <= plan.monday:
        until = plan.horizon if run == plan.monday else run + HORIZON
        in_range = bisect.bisect_right(days, until) - bisect.bisect_left(days, run)
        created = created_by_run.get(run, 0)
        audit.add(
            min(_instant(run, 8), now),
            "gig",
            None,
            "generate",
            None,
            {
                "from": run.isoformat(),
                "until": until.isoformat(),
                "created": created,
                "kept": max(0, in_range - created),
                "skipped_closed": 0,
            },
        )
        run += timedelta(weeks=1)

    gig_rows: list[dict[str, Any]] = []
    crew_rows: list[dict[str, Any]] = []
    lead_rows: list[dict[str, Any]] = []
    entry_rows: list[dict[str, Any]] = []
    entry_top = _top(session, TimesheetEntry)
    approvals: dict[date, list[tuple[_Visit, list[dict[str, Any]]]]] = defaultdict(list)
    for visit in visits:
        deal = visit.deal
        created_at = min(_instant(visit.created_run, 8), now)
        row: dict[str, Any] = {
            "id": visit.id,
            "contract_id": deal.id,
            "scheduled_on": visit.day,
            "day": visit.day,
            "start_time": _clock(deal.start_minutes),
            "duration_minutes": deal.duration,
            "work_site_id": deal.client.site_id,
            "planned_crew_size": deal.crew,
            "status": visit.status,
            "cancel_reason": visit.cancel_reason,
            "cancel_billable": visit.cancel_billable,
            "note": "",
            "edited": visit.status.is_cancelled,
            "feedback_score": None if visit.feedback is None else visit.feedback[0],
            "feedback_comment": "" if visit.feedback is None else visit.feedback[1],
            "created_at": created_at,
            "updated_at": created_at,
        }
        gig_rows.append(row)
        planned = _gig_snapshot(row)
        if visit.status.is_cancelled:
            at = min(max(created_at, _instant(visit.day - timedelta(days=1), 15)), now)
            audit.add(
                at,
                "gig",
                visit.id,
                "cancel",
                planned,
                _gig_snapshot(row, status=visit.status, cancelled=True),
            )
            row["updated_at"] = at
            continue
        crew = [person.id for person in visit.crew]
        leaders = [] if visit.leader is None else [visit.leader.id]
        crew_rows += [{"gig_id": visit.id, "participant_id": key} for key in crew]
        lead_rows += [{"gig_id": visit.id, "instructor_id": key} for key in leaders]
        staffed = _gig_snapshot(row, crew=crew, leaders=leaders)
        at = _instant(visit.day - timedelta(days=rng.randrange(1, 7)), 10, rng.randrange(60))
        at = min(max(at, created_at + timedelta(minutes=30)), now)
        audit.add(at, "gig", visit.id, "assign", planned, staffed)
        row["updated_at"] = at
        if not visit.recorded:
            continue
        end_minutes = deal.start_minutes + deal.duration
        pause = 15 if deal.duration >= 240 else 0
        at = min(_instant(visit.day, end_minutes // 60 + 1, end_minutes % 60), now)
        entries: list[dict[str, Any]] = []
        people: list[tuple[str, int]] = [("participant", key) for key in crew]
        people += [("instructor", key) for key in leaders]
        for kind, person_id in people:
            leaves = end_minutes
            if kind == "participant" and deal.duration > 60 and rng.random() < 0.12:
                leaves -= 30
            start, end = _clock(deal.start_minutes), _clock(leaves)
            worked = worked_minutes(start, end, pause)
            entry_top += 1
            entries.append(
                {
                    "id": entry_top,
                    "gig_id": visit.id,
                    "participant_id": person_id if kind == "participant" else None,
                    "instructor_id": person_id if kind == "instructor" else None,
                    "start_time": start,
                    "end_time": end,
                    "break_minutes": pause,
                    "worked_minutes": worked,
                    "billable_minutes": billable_minutes(worked, deal.rounding),
                    "note": "",
                    "unplanned_reason": "",
                    "approved_at": None,
                    "approved_by": "",
                    "approved_hour_price": None,
                    "approved_visit_price": None,
                    "approved_minimum_charge": None,
                    "approved_travel_fee": None,
                    "approved_rounding_minutes": None,
                    "approved_vat_treatment": None,
                    "created_at": at,
                    "updated_at": at,
                }
            )
        audit.add(
            at,
            "timesheet",
            visit.id,
            "record",
            {"entries": []},
            {"entries": [_entry_snapshot(entry) for entry in entries]},
        )
        row["updated_at"] = at
        if visit.status is GigStatus.DONE:
            done = _gig_snapshot(row, status=GigStatus.DONE, crew=crew, leaders=leaders)
            audit.add(at + timedelta(minutes=1), "gig", visit.id, "done", staffed, done)
            row["updated_at"] = at + timedelta(minutes=1)
            if visit.feedback is not None:
                rated = _gig_snapshot(
                    row,
                    status=GigStatus.DONE,
                    crew=crew,
                    leaders=leaders,
                    feedback=visit.feedback,
                )
                audit.add(at + timedelta(minutes=2), "gig", visit.id, "feedback", done, rated)
                row["updated_at"] = at + timedelta(minutes=2)
        if visit.approved:
            approvals[week_start(visit.day) + timedelta(weeks=1)].append((visit, entries))
        entry_rows += entries
    _note(progress, _("Planned {count} timesheet entries.").format(count=len(entry_rows)))

    # The weekly approval: terms copied, stamps, and the paid-work days it records.
    paid_work: dict[tuple[int, date], datetime] = {}
    for monday, approved in approvals.items():
        at = min(_instant(monday, 9, rng.randrange(60)), now)
        for visit, entries in approved:
            for entry in entries:
                entry.update(_terms(visit.deal, entry["instructor_id"] is not None))
                entry["approved_at"] = at
                entry["approved_by"] = tx.actor
                entry["updated_at"] = at
                if entry["participant_id"] is not None:
                    paid_work.setdefault((entry["participant_id"], visit.day), at)
            visit_row = gig_rows[visit.id - gig_top - 1]
            visit_row["updated_at"] = max(visit_row["updated_at"], at)

    attendance = _attendance_rows(plan, paid_work, now)
    attendance_top = _top(session, Attendance)
    attendance_ids: dict[tuple[int, date], int] = {}
    for number, day_row in enumerate(attendance, start=attendance_top + 1):
        day_row["id"] = number
        attendance_ids[(day_row["participant_id"], day_row["day"])] = number
        if day_row["status"] is not AttendanceStatus.PAID_WORK:
            audit.add(
                day_row["created_at"],
                "attendance",
                number,
                "create",
                None,
                {
                    "id": number,
                    "participant_id": day_row["participant_id"],
                    "day": day_row["day"].isoformat(),
                    "status": day_row["status"].value,
                    "allowance": jsonable(day_row["allowance"]),
                    "start_time": None,
                    "end_time": None,
                },
            )
    for monday in sorted(approvals):
        approved = sorted(approvals[monday], key=lambda item: item[0].id)
        listed: set[tuple[int, date]] = set()
        for visit, entries in approved:
            if not entries:
                continue
            terms = jsonable_terms(_terms(visit.deal, instructor=False))
            if any(entry["instructor_id"] is not None for entry in entries):
                terms["instructor_hour_price"] = jsonable(
                    visit.deal.prices["instructor_hour_price"]
                )
            after: dict[str, Any] = {"entries": [entry["id"] for entry in entries], "terms": terms}
            days_listed = []
            for entry in entries:
                key = (entry["participant_id"], visit.day)
                if entry["participant_id"] is not None and key not in listed:
                    listed.add(key)
                    days_listed.append(attendance_ids[key])
            if days_listed:
                after["paid_work_days"] = days_listed
            audit.add(entries[0]["approved_at"], "timesheet", visit.id, "approve", None, after)

    _note(progress, _("Writing {gigs} gigs and their crews.").format(gigs=len(gig_rows)))
    _insert(session, Gig, gig_rows)
    _insert(session, gig_participant, crew_rows)
    _insert(session, gig_instructor, lead_rows)
    _note(progress, _("Writing {count} timesheet entries.").format(count=len(entry_rows)))
    # Each entry is inserted with its approval: the store's locks refuse crew changes
    # once a gig has approved hours, so the crews went in first.
    _insert(session, TimesheetEntry, entry_rows)
    _note(progress, _("Writing {count} attendance days.").format(count=len(attendance)))
    _insert(session, Attendance, attendance)
    _note(progress, _("Writing {count} audit entries.").format(count=len(audit.rows)))
    return audit.write(session)


def _attendance_rows(
    plan: _Planner, paid_work: dict[tuple[int, date], datetime], now: datetime
) -> list[dict[str, Any]]:
    """Work-activity days up to yesterday: paid work where approved hours are (recorded by
    the approval), else present with the allowance or absent on most workdays."""
    rng = plan.rng
    on_gig = {(person.id, visit.day) for visit in plan.visits for person in visit.crew}
    rows: list[dict[str, Any]] = []
    for (person_id, day), at in paid_work.items():
        rows.append(
            {
                "participant_id": person_id,
                "day": day,
                "status": AttendanceStatus.PAID_WORK,
                "allowance": None,
                "start_time": None,
                "end_time": None,
                "created_at": at,
                "updated_at": at,
            }
        )
    yesterday = plan.today - timedelta(days=1)
    for person in plan.people:
        if person.service is ServiceBasis.OTHER:
            continue
        last = yesterday if person.ended is None else min(person.ended, yesterday)
        if person.paused_from is not None:
            last = min(last, person.paused_from - timedelta(days=1))
        day = max(person.joined, plan.first_day)
        while day <= last:
            if (
                day.weekday() < 5
                and not plan.calendar.closed(day)
                and ((person.id, day) not in on_gig)
            ):
                draw = rng.random()
                status = None
                if draw < person.rate:
                    status = AttendanceStatus.PRESENT
                elif draw < person.rate + 0.05:
                    status = AttendanceStatus.ABSENT
                if status is not None:
                    at = min(_instant(day, 15, rng.randrange(60)), now)
                    rows.append(
                        {
                            "participant_id": person.id,
                            "day": day,
                            "status": status,
                            "allowance": ALLOWANCE if status is AttendanceStatus.PRESENT else None,
                            "start_time": None,
                            "end_time": None,
                            "created_at": at,
                            "updated_at": at,
                        }
                    )
            day += timedelta(days=1)
    rows.sort(key=lambda row: (row["created_at"], row["participant_id"], row["day"]))
    return rows


# --- invoices, through the real invoice run ------------------------------------------------


def _first_workday(day: date, calendar: ScheduleCalendar) -> date:
    while day.weekday() > 4 or calendar.closed(day):
        day += timedelta(days=1)
    return day


def _invoice(
    store: Store, plan: _Planner, months: int, progress: Progress | None
) -> tuple[int, int]:
    """Run the invoice run for each of the last ``months`` months, then pay most invoices."""
    from jobcenter_desktop.db.models import Invoice
    from jobcenter_desktop.services.invoicing.issuing import issue_run
    from jobcenter_desktop.services.invoicing.payments import record_payment
    from jobcenter_desktop.services.invoicing.pricing import Period

    # The same file without a backup before each run (see the module).
    runs = Store(store.engine, None, store.actor)
    rng = plan.rng
    this_month = plan.today.replace(day=1)
    numbers: list[int] = []
    for back in range(months, 0, -1):
        year, month = divmod(this_month.year * 12 + this_month.month - 1 - back, 12)
        period = Period.month(f"{year:04d}-{month + 1:02d}")
        issue_date = min(_first_workday(period.end + timedelta(days=1), plan.calendar), plan.today)
        issued = issue_run(runs, period, issue_date=issue_date)
        numbers += [invoice.number for invoice in issued]
        _note(
            progress,
            _("Invoiced {month}: {count} invoices.").format(
                month=f"{month + 1}/{year}", count=len(issued)
            ),
        )
    payments = 0
    with runs.read() as session:
        found = session.execute(
            select(Invoice.number, Invoice.total, Invoice.issue_date, Invoice.due_date)
            .where(Invoice.number.in_(numbers))
            .order_by(Invoice.number)
        ).all()
    for number, total, issued_on, due in found:
        if total <= 0 or rng.random() < 0.07:
            continue
        paid_on = max(issued_on + timedelta(days=2), due + timedelta(days=rng.randrange(-10, 8)))
        if paid_on > plan.today:
            if rng.random() < 0.6:
                continue
            paid_on = plan.today
        record_payment(runs, number, total, paid_on)
        payments += 1
    _note(progress, _("Recorded {count} payments.").format(count=payments))
    return len(numbers), payments


def ten_years_command(store: Store, years: int) -> int:
    """``demo-data --years N``: the centre made, with progress lines; the exit status."""
    if years < 1:
        print(_("Give the number of years as a whole number of at least 1, e.g. --years 10."))
        return 2
    summary = build_ten_years(store, years=years, progress=print)
    print(summary)
    return 0
