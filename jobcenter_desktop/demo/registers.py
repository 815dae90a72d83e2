"""A believable demo centre for trying the program out and for screenshots.

Everything is written through the services, so it passes the same validation as
typed data and leaves the usual audit trail. People's names and street names come
from Faker's Finnish provider with a fixed seed; the places are fictional
("Kotikunta"), e-mail addresses use the reserved ``.example`` domain, and the
business IDs, IBANs and BICs are made up but valid. Dates are relative to today,
so the demo always looks current (one qualification has just expired, one-off jobs
are next week).

Demo data goes only into a store without participants, customers, contracts or
instructors; a centre set up by the first-run wizard is kept as it is.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import func, select
from stdnum import iban as stdnum_iban
from stdnum import luhn

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import (
    Contract,
    Customer,
    Instructor,
    Participant,
    QualificationType,
    WorkSite,
)
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput
from jobcenter_desktop.forms.instructors import InstructorInput
from jobcenter_desktop.forms.participants import ParticipantInput, QualificationInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.pay.benefits import set_benefit
from jobcenter_desktop.services.registers import (
    centre,
    contracts,
    customers,
    instructors,
    participants,
)

CITY = "Kotikunta"
POSTAL_CODES = ("82100", "82110", "82120", "82130", "82140", "82160", "82170", "82180")
CONSENT_SCOPE = (
    "Tietojenvaihto Kelan, työllisyyspalveluiden ja sosiaalityön välillä ansioiden "
    "vaikutuksesta etuuksiin (Kela Y 100)"
)
EXEMPT_REASON = "Arvonlisäverolain 37 §:n mukainen sosiaalihuollon palvelu"


def business_id_check_digit(base: str) -> str | None:
    """The check digit of a 7-digit business ID base, or None if no ID has that base."""
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(w * int(d) for w, d in zip(weights, base, strict=True)) % 11
    if remainder == 1:
        return None
    return "0" if remainder == 0 else str(11 - remainder)


def make_business_id(rng: random.Random) -> str:
    """A made-up business ID with a correct check digit, e.g. ``2345678-9``."""
    while True:
        base = f"{rng.randrange(1_000_000, 3_400_000):07d}"
        check = business_id_check_digit(base)
        if check is not None:
            return f"{base}-{check}"


def make_iban(rng: random.Random, bank_prefix: str) -> str:
    """A made-up Finnish IBAN in print form; the account number has its Luhn check digit.

    ``bank_prefix`` starts the 14-digit account number: ``5`` is OP (BIC ``OKOYFIHH``),
    ``1`` or ``2`` Nordea (``NDEAFIHH``).
    """
    body = bank_prefix + "".join(str(rng.randrange(10)) for _ in range(13 - len(bank_prefix)))
    bban = body + luhn.calc_check_digit(body)
    check = stdnum_iban.calc_check_digits("FI00" + bban)
    compact = stdnum_iban.validate(f"FI{check}{bban}")
    return " ".join(compact[start : start + 4] for start in range(0, len(compact), 4))


_ASCII = str.maketrans("äöåé", "aoae")


def _slug(text: str) -> str:
    folded = text.casefold().translate(_ASCII)
    return re.sub(r"[^a-z0-9]+", ".", folded).strip(".")


@dataclass
class _Maker:
    fake: Faker
    rng: random.Random

    def phone(self, prefix: str = "") -> str:
        prefix = prefix or self.rng.choice(("040", "044", "045", "050"))
        digits = f"{self.rng.randrange(10_000_000):07d}"
        return f"{prefix} {digits[:3]} {digits[3:]}"

    def email(self, name: str, domain: str) -> str:
        return f"{_slug(name)}@{domain}.example"

    def street(self) -> str:
        return f"{self.fake.street_name()} {self.rng.randrange(1, 60)}"

    def postal_code(self) -> str:
        return self.rng.choice(POSTAL_CODES)

    def person(self, female: bool | None = None) -> tuple[str, str]:
        female = self.rng.random() < 0.5 if female is None else female
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        return first, self.fake.last_name()


def load_demo_data(store: Store, seed: int = 2026, today: date | None = None) -> str:
    """Fill an empty store with a demo centre; returns a one-line summary to show.

    Its dates are relative to ``today`` (None: the real today; tests fix a day).
    Raises :class:`UserError` if the store already has registers filled in.
    """
    _refuse_if_not_empty(store)
    fake = Faker("fi_FI")
    fake.seed_instance(seed)
    make = _Maker(fake, random.Random(seed))
    today = today or date.today()
    if centre.get_centre_id(store) is None:
        _centre(store, make)
    for _index in range(3):
        first, last = make.person()
        instructors.save_instructor(
            store,
            InstructorInput(
                first_name=first,
                last_name=last,
                phone=make.phone(),
                email=make.email(f"{first} {last}", "tyokeskus-kipina"),
            ),
        )
    with store.write() as tx:
        qualification_ids = dict(
            tx.session.execute(select(QualificationType.code, QualificationType.id)).all()
        )
        participant_count = _participants(tx, make, today, qualification_ids)
        customer_ids = _customers(tx, make)
        contract_count = _contracts(tx, today, customer_ids, qualification_ids)
    _benefits(store)
    return _(
        "Demo data loaded: 3 instructors, {participants} participants, {customers} customers "
        "and {contracts} contracts."
    ).format(participants=participant_count, customers=len(customer_ids), contracts=contract_count)


def _refuse_if_not_empty(store: Store) -> None:
    checks = (
        (
            Participant,
            _(
                "The data file already has participants; demo data goes only into an "
                "empty data file."
            ),
        ),
        (
            Customer,
            _("The data file already has customers; demo data goes only into an empty data file."),
        ),
        (
            Contract,
            _("The data file already has contracts; demo data goes only into an empty data file."),
        ),
        (
            Instructor,
            _(
                "The data file already has instructors; demo data goes only into an "
                "empty data file."
            ),
        ),
    )
    with store.read() as session:
        for model, message in checks:
            if session.scalar(select(func.count()).select_from(model)):
                raise UserError(message)


def _centre(store: Store, make: _Maker) -> None:
    centre.save_centre(
        store,
        CentreInput(
            legal_name="Työ- ja toimintakeskus Kipinä",
            business_id=make_business_id(make.rng),
            vat_status="registered",
            street="Pajakatu 3",
            postal_code="82100",
            city=CITY,
            phone=make.phone("013"),
            email="tyokeskus@kipina.example",
            payment_term_days="14",
            # An association in the prepayment register: households see the work share.
            prepayment_register=True,
            bank_accounts=[
                BankAccountInput(iban=make_iban(make.rng, "5"), bic="OKOYFIHH", is_default=True),
                BankAccountInput(iban=make_iban(make.rng, "1"), bic="NDEAFIHH"),
            ],
        ),
    )


#: the one participant with no bank account on record: the pay run lists their allowance
#: to pay by hand, as the bank's transfer file cannot carry it
PARTICIPANT_WITHOUT_IBAN = 21

# service basis, pay basis, hourly pay, weekly hour limit, qualifications, extras
_PARTICIPANTS: tuple[tuple[str, str, str, str, tuple[str, ...], str], ...] = (
    ("rehabilitative", "wage", "10,00", "20", ("safety_card",), "consent"),
    ("rehabilitative", "wage", "10,00", "20", ("safety_card", "hygiene_passport"), ""),
    ("rehabilitative", "wage", "10,00", "", ("safety_card",), "consent"),
    ("rehabilitative", "fee", "10,00", "", (), ""),
    ("rehabilitative", "wage", "10,00", "17,5", ("hygiene_passport",), "consent"),
    ("rehabilitative", "customer_employed", "", "", ("safety_card", "driving_licence"), ""),
    ("rehabilitative", "wage", "10,00", "", ("first_aid",), "paused"),
    ("rehabilitative", "wage", "10,00", "", (), "ended"),
    ("rehabilitative", "fee", "12,00", "", ("safety_card",), ""),
    ("rehabilitative", "wage", "10,00", "", ("expired_hygiene_passport",), ""),
    ("disability", "wage", "10,00", "10", ("safety_card",), "consent transport"),
    ("disability", "wage", "10,00", "10", (), "consent transport"),
    ("disability", "fee", "10,00", "12", ("hygiene_passport",), "consent"),
    ("disability", "wage", "10,00", "8", (), "transport"),
    ("disability", "none", "", "6", (), "guardian consent transport"),
    ("disability", "wage", "10,00", "15", ("safety_card",), ""),
    ("disability", "wage", "10,00", "10", ("hygiene_passport",), "consent"),
    ("disability", "fee", "10,00", "", (), ""),
    ("disability", "wage", "10,00", "7,5", (), "transport"),
    ("special_care", "wage", "10,00", "6", (), "guardian consent transport"),
    ("special_care", "none", "", "4", (), "guardian transport"),
    ("special_care", "wage", "10,00", "8", ("hygiene_passport",), "guardian consent"),
    ("special_care", "fee", "10,00", "6", (), "guardian"),
    ("other", "wage", "10,00", "", ("safety_card", "hot_work_card"), ""),
    ("other", "customer_employed", "", "", (), "consent"),
)


def _participants(
    tx: Transaction, make: _Maker, today: date, qualification_ids: dict[str, int]
) -> int:
    rng = make.rng
    for number, (service, pay, hourly, limit, qualifications, extras) in enumerate(
        _PARTICIPANTS, start=1
    ):
        first, last = make.person()
        born = date(rng.randrange(1966, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
        data = ParticipantInput(
            first_name=first,
            last_name=last,
            service_basis=service,
            pay_basis=pay,
            date_of_birth=born.isoformat(),
            phone=make.phone(),
            email=make.email(f"{first} {last}", "posti") if rng.random() < 0.6 else "",
            street=make.street(),
            postal_code=make.postal_code(),
            city=CITY,
            hourly_pay=hourly,
            weekly_hour_limit=limit,
        )
        for code in qualifications:
            expired = code.startswith("expired_")
            code = code.removeprefix("expired_")
            issued = today - timedelta(days=rng.randrange(200, 1500))
            expires = (
                today - timedelta(days=40)
                if expired
                else today + timedelta(days=rng.randrange(180, 1500))
            )
            data.qualifications.append(
                QualificationInput(
                    qualification_type_id=qualification_ids[code],
                    issued_on=issued.isoformat(),
                    expires_on="" if code == "driving_licence" else expires.isoformat(),
                )
            )
        if number != PARTICIPANT_WITHOUT_IBAN:
            # Their own generator: the other made-up details stay as they were.
            data.iban = make_iban(random.Random(f"iban-{number}"), "5")
        if "guardian" in extras:
            guardian_first, _last = make.person()
            data.guardian_name = f"{guardian_first} {last}"
            data.guardian_phone = make.phone()
            data.guardian_email = make.email(f"{guardian_first} {last}", "posti")
        if "consent" in extras:
            data.consent_date = (today - timedelta(days=rng.randrange(20, 300))).isoformat()
            data.consent_scope = CONSENT_SCOPE
            data.consent_expires = (today + timedelta(days=rng.randrange(60, 700))).isoformat()
        if "transport" in extras:
            data.transport_note = (
                "Kuljetus työtoimintaan vammaispalvelun taksilla; keikoille omalla kustannuksella."
            )
        if "paused" in extras:
            data.status = "paused"
            data.notes = "Tauolla kuntoutusjakson ajan."
        if "ended" in extras:
            data.status = "ended"
            data.ended_on = (today - timedelta(days=35)).isoformat()
            data.outcome = "hired_by_customer"
            data.notes = "Palkattiin tilaajan palvelukseen hyvin sujuneiden keikkojen jälkeen."
        participants.save_participant_in(tx, data)
    return len(_PARTICIPANTS)


#: participant number, benefit, personal limit: two Kela disability pensions, an
#: earnings-related one with a personal limit low enough (150 €) that the demo's own
#: bookings come near it, so the forecast's warning can be seen (a real letter's figure is
#: at least the Kela limit), an unemployment benefit and a housing allowance (reduced by
#: earnings, no limit). Written through the service, each with its audit entry.
_BENEFITS: tuple[tuple[str, str, str | None], ...] = (
    ("11", "kela_disability_pension", None),
    ("12", "kela_disability_pension", None),
    ("17", "earnings_related_pension", "150"),
    ("3", "unemployment_benefit", None),
    ("5", "housing_allowance", None),
)


def _benefits(store: Store) -> None:
    for number, benefit, limit in _BENEFITS:
        set_benefit(store, number, benefit, limit)


@dataclass(frozen=True)
class _DemoCustomer:
    key: str
    type: str
    name: str
    site: str = ""
    contact_role: str = ""
    einvoice: bool = False


def _customer_list(make: _Maker) -> list[_DemoCustomer]:
    fake = make.fake
    return [
        _DemoCustomer(
            "repair_shop",
            "company",
            f"Autokorjaamo {fake.last_name()} Oy",
            "Korjaamo",
            "Toimitusjohtaja",
        ),
        _DemoCustomer(
            "maintenance",
            "company",
            f"Kiinteistöhuolto {fake.last_name()} Oy",
            "Asunto Oy Koivurinne",
            "Huoltopäällikkö",
            einvoice=True,
        ),
        _DemoCustomer(
            "packing",
            "company",
            f"{fake.last_name()}n Pakkaus Oy",
            "Pakkaamo",
            "Tuotantopäällikkö",
            einvoice=True,
        ),
        _DemoCustomer(
            "shop", "company", f"Sisustus {fake.last_name()} Ky", "Myymälä ja varasto", "Yrittäjä"
        ),
        _DemoCustomer(
            "pensioners",
            "association",
            "Kotikunnan Eläkeläiset ry",
            "Eläkeläisten kerhotalo",
            "Puheenjohtaja",
        ),
        _DemoCustomer(
            "sports_club",
            "association",
            "Kotikunnan Urheiluseura ry",
            "Urheilukenttä",
            "Toiminnanjohtaja",
        ),
        _DemoCustomer(
            "parish",
            "parish",
            "Kotikunnan seurakunta",
            "Seurakuntakeskus",
            "Kiinteistöpäällikkö",
            einvoice=True,
        ),
        _DemoCustomer(
            "city",
            "public",
            "Kotikunnan kaupunki, tilapalvelut",
            "Kaupungintalo",
            "Tilapalvelupäällikkö",
            einvoice=True,
        ),
        _DemoCustomer(
            "county",
            "public",
            "Itä-Kotimaan hyvinvointialue, palveluasuminen",
            "Palvelukoti Koivukoti",
            "Palveluesihenkilö",
            einvoice=True,
        ),
        _DemoCustomer("move", "household", " ".join(make.person()), "Uusi koti"),
        _DemoCustomer("elderly", "household", " ".join(make.person()), "Omakotitalo"),
        _DemoCustomer("windows", "household", " ".join(make.person())),
    ]


def _customers(tx: Transaction, make: _Maker) -> dict[str, tuple[int, int | None]]:
    """Save the customers; returns key -> (customer id, first work site id)."""
    ids: dict[str, tuple[int, int | None]] = {}
    for demo in _customer_list(make):
        organisation = demo.type != "household"
        business_id = make_business_id(make.rng) if organisation else ""
        domain = _slug(demo.name.split(",")[0]).replace(".", "-")
        data = CustomerInput(
            type=demo.type,
            name=demo.name,
            business_id=business_id,
            street=make.street(),
            postal_code=make.postal_code(),
            city=CITY,
            email=make.email("laskutus", domain)
            if organisation
            else make.email(demo.name, "posti"),
            phone=make.phone("013" if organisation else ""),
            payment_term_days="21" if demo.type == "public" else "",
        )
        if demo.einvoice:
            data.einvoice_address = "0037" + business_id.replace("-", "")
            data.einvoice_operator = "003723327487"
        if demo.site:
            data.work_sites.append(
                WorkSiteInput(
                    name=demo.site,
                    street=make.street() if organisation else data.street,
                    postal_code=make.postal_code(),
                    city=CITY,
                    notes="Avain haetaan vahtimestarilta." if demo.key == "parish" else "",
                )
            )
        if demo.contact_role:
            first, last = make.person()
            data.contacts.append(
                ContactInput(
                    name=f"{first} {last}",
                    role=demo.contact_role,
                    phone=make.phone(),
                    email=make.email(f"{first} {last}", domain),
                )
            )
        customer_id = customers.save_customer_in(tx, data)
        site_id = tx.session.scalar(
            select(WorkSite.id).where(WorkSite.customer_id == customer_id).order_by(WorkSite.id)
        )
        ids[demo.key] = (customer_id, site_id)
    return ids


def _contracts(
    tx: Transaction,
    today: date,
    customer_ids: dict[str, tuple[int, int | None]],
    qualification_ids: dict[str, int],
) -> int:
    season = (today - timedelta(days=120)).isoformat()
    next_week = (today + timedelta(days=7 - today.weekday() + 2)).isoformat()  # next Wednesday
    year_end = date(today.year, 12, 31).isoformat()
    # Last summer's school cleaning (ended) and next summer's churchyard work (a draft).
    last_summer = today.year if today >= date(today.year, 8, 15) else today.year - 1
    next_summer = today.year if today < date(today.year, 5, 1) else today.year + 1
    specs: list[tuple[str, ContractInput, tuple[str, ...]]] = [
        (
            "parish",
            ContractInput(
                title="Seurakuntasalin imurointi ja pölyjen pyyhintä",
                task_type="cleaning",
                worker_hour_price="29,00",
                minimum_charge="58,00",
                vat_treatment="general",
                cancellation_billable="yes",
                weekdays="ti",
                start_time="9.00",
                duration_minutes="120",
                valid_from=season,
                status="active",
                planned_crew_size="2",
                signed_on=season,
            ),
            (),
        ),
        (
            "repair_shop",
            ContractInput(
                title="Sosiaalitilojen siivous",
                task_type="cleaning",
                worker_hour_price="14,50",
                travel_fee="8,00",
                vat_treatment="general",
                cancellation_billable="yes",
                weekdays="ma",
                start_time="15.30",
                duration_minutes="90",
                valid_from=season,
                status="active",
                planned_crew_size="2",
            ),
            (),
        ),
        (
            "pensioners",
            ContractInput(
                title="Kerhotalon pihatyöt",
                task_type="yard_work",
                worker_hour_price="25,00",
                minimum_charge="50,00",
                vat_treatment="general",
                weekdays="ke",
                every_weeks="2",
                start_time="10.00",
                duration_minutes="180",
                valid_from=season,
                valid_to=year_end,
                status="active",
                planned_crew_size="3",
            ),
            ("safety_card",),
        ),
        (
            "move",
            ContractInput(
                title="Muuttoapu: kantaminen ja pakkaaminen",
                task_type="moving",
                worker_hour_price="30,00",
                instructor_hour_price="38,00",
                minimum_charge="120,00",
                travel_fee="15,00",
                vat_treatment="general",
                household_deduction="yes",
                start_time="8.30",
                duration_minutes="300",
                valid_from=next_week,
                status="active",
                planned_crew_size="4",
            ),
            (),
        ),
        (
            "county",
            ContractInput(
                title="Keittiöapu palvelukodissa",
                task_type="kitchen_laundry",
                worker_hour_price="35,00",
                vat_treatment="exempt",
                vat_reason=EXEMPT_REASON,
                weekdays="ma,ke,pe",
                start_time="10.30",
                duration_minutes="180",
                valid_from=season,
                status="active",
                planned_crew_size="2",
            ),
            ("hygiene_passport",),
        ),
        (
            "county",
            ContractInput(
                title="Pyykkihuollon avustavat tehtävät",
                task_type="kitchen_laundry",
                worker_hour_price="35,00",
                vat_treatment="exempt",
                vat_reason=EXEMPT_REASON,
                weekdays="ti,to",
                start_time="12.00",
                duration_minutes="150",
                valid_from=season,
                status="active",
            ),
            (),
        ),
        (
            "city",
            ContractInput(
                title="Kokoustilojen siivous",
                task_type="cleaning",
                visit_price="95,00",
                vat_treatment="general",
                cancellation_billable="yes",
                weekdays="to",
                start_time="16.00",
                duration_minutes="120",
                valid_from=season,
                status="active",
                planned_crew_size="2",
            ),
            (),
        ),
        (
            "maintenance",
            ContractInput(
                title="Porraskäytävien siivous ja lumityöt",
                task_type="property_maintenance",
                worker_hour_price="24,00",
                instructor_hour_price="36,00",
                vat_treatment="general",
                cancellation_billable="yes",
                weekdays="ti,pe",
                start_time="8.00",
                duration_minutes="240",
                valid_from=season,
                status="active",
                planned_crew_size="3",
            ),
            ("safety_card",),
        ),
        (
            "packing",
            ContractInput(
                title="Mainoslähetysten pakkaaminen",
                task_type="packing_assembly",
                worker_hour_price="14,50",
                vat_treatment="general",
                weekdays="ma-to",
                start_time="8.30",
                duration_minutes="240",
                valid_from=season,
                status="active",
                planned_crew_size="5",
            ),
            (),
        ),
        (
            "elderly",
            ContractInput(
                title="Pihan haravointi ja lehtien keräys",
                task_type="yard_work",
                worker_hour_price="28,00",
                minimum_charge="56,00",
                vat_treatment="general",
                household_deduction="yes",
                weekdays="la",
                every_weeks="4",
                start_time="10.00",
                duration_minutes="120",
                valid_from=season,
                valid_to=year_end,
                status="active",
            ),
            (),
        ),
        (
            "windows",
            ContractInput(
                title="Ikkunoiden pesu",
                task_type="cleaning",
                worker_hour_price="28,00",
                travel_fee="10,00",
                vat_treatment="general",
                household_deduction="yes",
                start_time="9.00",
                duration_minutes="180",
                valid_from=next_week,
                status="active",
            ),
            (),
        ),
        (
            "sports_club",
            ContractInput(
                title="Katsomon ja kenttäalueen siivous",
                task_type="cleaning",
                worker_hour_price="22,00",
                vat_treatment="general",
                weekdays="su",
                every_weeks="2",
                start_time="18.00",
                duration_minutes="120",
                valid_from=season,
                valid_to=year_end,
                status="active",
                planned_crew_size="3",
            ),
            (),
        ),
        (
            "shop",
            ContractInput(
                title="Varaston järjestely",
                task_type="other",
                worker_hour_price="20,00",
                vat_treatment="general",
                start_time="9.00",
                duration_minutes="360",
                valid_from=next_week,
                status="draft",
                planned_crew_size="3",
            ),
            (),
        ),
        (
            "city",
            ContractInput(
                title="Koulun kesäsiivous",
                task_type="cleaning",
                worker_hour_price="24,00",
                vat_treatment="general",
                weekdays="ma-pe",
                start_time="8.00",
                duration_minutes="300",
                valid_from=date(last_summer, 6, 8).isoformat(),
                valid_to=date(last_summer, 8, 7).isoformat(),
                status="ended",
            ),
            (),
        ),
        (
            "parish",
            ContractInput(
                title="Hautausmaan kesätyöt",
                task_type="yard_work",
                worker_hour_price="25,00",
                vat_treatment="general",
                weekdays="ma,ke",
                start_time="8.00",
                duration_minutes="240",
                valid_from=date(next_summer, 5, 4).isoformat(),
                valid_to=date(next_summer, 9, 30).isoformat(),
                status="draft",
                planned_crew_size="3",
            ),
            ("safety_card",),
        ),
    ]
    for key, data, qualifications in specs:
        customer_id, site_id = customer_ids[key]
        data.customer_id = customer_id
        data.work_site_id = site_id
        data.required_qualification_ids = [qualification_ids[code] for code in qualifications]
        contracts.save_contract_in(tx, data)
    return len(specs)
