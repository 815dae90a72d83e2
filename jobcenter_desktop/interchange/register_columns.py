"""The file layout of each register: the columns an export writes and an import reads.

The headings are the code names, with Finnish and English aliases an import also
accepts (``Y-tunnus``, ``Postinumero`` …).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.i18n import gettext as _


@dataclass(frozen=True)
class RegisterColumns:
    """The file layout of one register."""

    # The columns an export writes, in order; an import accepts the same.
    columns: tuple[str, ...]
    # Further columns an import accepts (form fields the export leaves out).
    extra: tuple[str, ...]
    # Headings the file must have.
    required: frozenset[str]
    # Other names of the columns (Finnish, mostly) -> code name.
    aliases: Mapping[str, str] = field(default_factory=dict)
    # Code name -> the attribute of the service's input dataclass, where they differ.
    attributes: Mapping[str, str] = field(default_factory=dict)
    # Columns that must not be left empty (an empty cell is given to the service
    # as empty, so it reports it); other empty cells take the form's default.
    no_default: frozenset[str] = frozenset()

    @property
    def accepted(self) -> tuple[str, ...]:
        return self.columns + self.extra


_COMMON_ALIASES = {
    "katuosoite": "street",
    "lähiosoite": "street",
    "osoite": "street",
    "street_address": "street",
    "postinumero": "postal_code",
    "postitoimipaikka": "city",
    "paikkakunta": "city",
    "kaupunki": "city",
    "sähköposti": "email",
    "sähköpostiosoite": "email",
    "e-mail": "email",
    "puhelin": "phone",
    "puhelinnumero": "phone",
    "lisätiedot": "notes",
    "muistiinpanot": "notes",
}

CUSTOMER_COLUMNS = RegisterColumns(
    columns=(
        "customer_number",
        "type",
        "name",
        "business_id",
        "street",
        "postal_code",
        "city",
        "email",
        "phone",
        "invoice_language",
        "einvoice_address",
        "einvoice_operator",
        "payment_term_days",
    ),
    extra=("customer_reference", "invoice_detail", "notes"),
    required=frozenset({"name", "type"}),
    aliases={
        **_COMMON_ALIASES,
        "asiakasnumero": "customer_number",
        "tilaajanumero": "customer_number",
        "tyyppi": "type",
        "asiakastyyppi": "type",
        "tilaajatyyppi": "type",
        "customer_type": "type",
        "nimi": "name",
        "y-tunnus": "business_id",
        "ytunnus": "business_id",
        "laskutuskieli": "invoice_language",
        "kieli": "invoice_language",
        "verkkolaskuosoite": "einvoice_address",
        "e-laskuosoite": "einvoice_address",
        "e-invoice_address": "einvoice_address",
        "välittäjätunnus": "einvoice_operator",
        "välittäjä": "einvoice_operator",
        "operaattori": "einvoice_operator",
        "verkkolaskuoperaattori": "einvoice_operator",
        "e-invoice_operator": "einvoice_operator",
        "maksuehto": "payment_term_days",
        "maksuehto_(päivää)": "payment_term_days",
        "maksuaika": "payment_term_days",
        "payment_term": "payment_term_days",
        "payment_term_(days)": "payment_term_days",
        "asiakkaan_viite": "customer_reference",
        "viite": "customer_reference",
        "customer's_reference": "customer_reference",
        "laskurivit": "invoice_detail",
        "invoice_lines": "invoice_detail",
    },
    no_default=frozenset({"type"}),
)

PARTICIPANT_COLUMNS = RegisterColumns(
    columns=(
        "participant_number",
        "first_name",
        "last_name",
        "date_of_birth",
        "service_basis",
        "pay_basis",
        "hourly_pay",
        "weekly_hour_limit",
        "phone",
        "email",
    ),
    extra=(
        "identity_code",
        "iban",
        "street",
        "postal_code",
        "city",
        "guardian_name",
        "guardian_phone",
        "guardian_email",
        "consent_date",
        "consent_scope",
        "consent_expires",
        "transport_note",
        "status",
        "ended_on",
        "outcome",
        "notes",
    ),
    required=frozenset({"first_name", "last_name", "service_basis", "pay_basis"}),
    aliases={
        **_COMMON_ALIASES,
        "tekijänumero": "participant_number",
        "numero": "participant_number",
        "etunimi": "first_name",
        "sukunimi": "last_name",
        "syntymäaika": "date_of_birth",
        "henkilötunnus": "identity_code",
        "hetu": "identity_code",
        "personal_identity_code": "identity_code",
        "palveluperuste": "service_basis",
        "palkkausperuste": "pay_basis",
        "tuntipalkka": "hourly_pay",
        "tilinumero": "iban",
        "pankkitili": "iban",
        "iban-tilinumero": "iban",
        "bank_account": "iban",
        "viikkotuntiraja": "weekly_hour_limit",
        "viikkotunnit": "weekly_hour_limit",
        "tunteja_viikossa_enintään": "weekly_hour_limit",
        "huoltaja": "guardian_name",
        "guardian": "guardian_name",
        "huoltajan_puhelin": "guardian_phone",
        "huoltajan_sähköposti": "guardian_email",
        "suostumus_annettu": "consent_date",
        "suostumuksen_laajuus": "consent_scope",
        "suostumus_voimassa": "consent_expires",
        "kuljetus": "transport_note",
        "tila": "status",
        "päättynyt": "ended_on",
        "tulos": "outcome",
        "jatkopolku": "outcome",
    },
    no_default=frozenset({"service_basis", "pay_basis"}),
)

CONTRACT_COLUMNS = RegisterColumns(
    columns=(
        "contract_number",
        "customer_number",
        "title",
        "task_type",
        "worker_hour_price",
        "instructor_hour_price",
        "visit_price",
        "minimum_charge",
        "travel_fee",
        "rounding_minutes",
        "vat",
        "vat_reason",
        "household_deduction",
        "weekdays",
        "every_weeks",
        "start_time",
        "duration_minutes",
        "valid_from",
        "valid_to",
        "status",
    ),
    extra=("task_description", "planned_crew_size", "signed_on", "terms", "cancellation_billable"),
    required=frozenset(
        {
            "customer_number",
            "title",
            "task_type",
            "vat",
            "start_time",
            "duration_minutes",
            "valid_from",
        }
    ),
    aliases={
        "sopimusnumero": "contract_number",
        "asiakasnumero": "customer_number",
        "tilaajanumero": "customer_number",
        "otsikko": "title",
        "nimi": "title",
        "työ": "title",
        "tehtävätyyppi": "task_type",
        "työtyyppi": "task_type",
        "tehtävä": "task_type",
        "tuntihinta": "worker_hour_price",
        "hinta_per_tekijätunti": "worker_hour_price",
        "tekijätunnin_hinta": "worker_hour_price",
        "price_per_worker-hour": "worker_hour_price",
        "ohjaajatunnin_hinta": "instructor_hour_price",
        "ohjaajan_tuntihinta": "instructor_hour_price",
        "price_per_instructor-hour": "instructor_hour_price",
        "käyntihinta": "visit_price",
        "kiinteä_hinta": "visit_price",
        "hinta_per_käynti": "visit_price",
        "minimiveloitus": "minimum_charge",
        "vähimmäisveloitus": "minimum_charge",
        "matkakulu": "travel_fee",
        "matkalisä": "travel_fee",
        "matkakorvaus": "travel_fee",
        "pyöristys": "rounding_minutes",
        "pyöristys_(min)": "rounding_minutes",
        "alv": "vat",
        "arvonlisävero": "vat",
        "vat_treatment": "vat",
        "alv-peruste": "vat_reason",
        "alv_peruste": "vat_reason",
        "verottomuuden_peruste": "vat_reason",
        "reason_for_no_vat": "vat_reason",
        "kotitalousvähennys": "household_deduction",
        "peruutus_laskutetaan": "cancellation_billable",
        "asiakkaan_peruutus_laskutetaan": "cancellation_billable",
        "tilaajan_peruutus_laskutetaan": "cancellation_billable",
        "peruutukset_laskutetaan": "cancellation_billable",
        "customer's_cancellation_is_billable": "cancellation_billable",
        "viikonpäivät": "weekdays",
        "viikon_välein": "every_weeks",
        "joka_n._viikko": "every_weeks",
        "every_n_weeks": "every_weeks",
        "alkaa_klo": "start_time",
        "alkamisaika": "start_time",
        "aloitusaika": "start_time",
        "kellonaika": "start_time",
        "kesto": "duration_minutes",
        "kesto_(min)": "duration_minutes",
        "kesto_minuutteina": "duration_minutes",
        "voimassa_alkaen": "valid_from",
        "alkaen": "valid_from",
        "alkupäivä": "valid_from",
        "voimassa_asti": "valid_to",
        "päättyy": "valid_to",
        "loppupäivä": "valid_to",
        "tila": "status",
        "kuvaus": "task_description",
        "tehtävän_kuvaus": "task_description",
        "ryhmän_koko": "planned_crew_size",
        "allekirjoitettu": "signed_on",
        "ehdot": "terms",
    },
    attributes={"vat": "vat_treatment", "customer_number": ""},
    no_default=frozenset({"task_type", "vat"}),
)

REGISTERS: dict[str, RegisterColumns] = {
    "participants": PARTICIPANT_COLUMNS,
    "customers": CUSTOMER_COLUMNS,
    "contracts": CONTRACT_COLUMNS,
}


def register_columns(register: str) -> RegisterColumns:
    try:
        return REGISTERS[register]
    except KeyError:
        raise UserError(
            _("Unknown register “{register}”: use participants, customers or contracts.").format(
                register=register
            )
        ) from None
