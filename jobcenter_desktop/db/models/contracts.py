"""Contracts: what is done for a customer, at what price, on what schedule."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Archivable, Base
from jobcenter_desktop.db.types import EnumCode, Money
from jobcenter_desktop.domain.enums import (
    ContractStatus,
    TaskType,
    VatTreatment,
)

if TYPE_CHECKING:
    from jobcenter_desktop.db.models.centre import QualificationType
    from jobcenter_desktop.db.models.customers import Customer, WorkSite


contract_qualification = Table(
    "contract_qualification",
    Base.metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "qualification_type_id",
        ForeignKey("qualification_type.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
)


class Contract(Archivable, Base):
    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    task_description: Mapped[str] = mapped_column(Text, default="")
    work_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_site.id", ondelete="RESTRICT"), index=True
    )
    task_type: Mapped[TaskType] = mapped_column(EnumCode(TaskType))
    worker_hour_price: Mapped[Decimal | None] = mapped_column(Money)
    instructor_hour_price: Mapped[Decimal | None] = mapped_column(Money)
    visit_price: Mapped[Decimal | None] = mapped_column(Money)
    minimum_charge: Mapped[Decimal | None] = mapped_column(Money)
    travel_fee: Mapped[Decimal | None] = mapped_column(Money)
    # The participants' hourly pay on this contract's gigs (heavier work), over their own.
    pay_rate: Mapped[Decimal | None] = mapped_column(Money)
    rounding_minutes: Mapped[int] = mapped_column(Integer, default=15)
    vat_treatment: Mapped[VatTreatment] = mapped_column(EnumCode(VatTreatment))
    vat_reason: Mapped[str] = mapped_column(String(300), default="")
    household_deduction: Mapped[bool] = mapped_column(Boolean, default=False)
    # A gig the customer cancels is invoiced as planned (the minimum charge) by default.
    cancellation_billable: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    planned_crew_size: Mapped[int] = mapped_column(Integer, default=1)
    # Empty weekdays: a one-off job on valid_from.
    weekdays: Mapped[str] = mapped_column(String(40), default="")
    every_weeks: Mapped[int] = mapped_column(Integer, default=1)
    start_time: Mapped[time | None] = mapped_column(Time)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ContractStatus] = mapped_column(
        EnumCode(ContractStatus), default=ContractStatus.DRAFT
    )
    terms: Mapped[str] = mapped_column(Text, default="")

    customer: Mapped[Customer] = relationship()
    work_site: Mapped[WorkSite | None] = relationship()
    required_qualifications: Mapped[list[QualificationType]] = relationship(
        secondary=contract_qualification, order_by="QualificationType.id"
    )

    __table_args__ = (
        CheckConstraint("rounding_minutes >= 1 AND rounding_minutes <= 240", name="rounding"),
        CheckConstraint("every_weeks >= 1", name="every_weeks"),
        CheckConstraint("planned_crew_size >= 1", name="crew_size"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity"),
        CheckConstraint(
            "(worker_hour_price IS NULL OR worker_hour_price >= 0)"
            " AND (instructor_hour_price IS NULL OR instructor_hour_price >= 0)"
            " AND (visit_price IS NULL OR visit_price >= 0)"
            " AND (minimum_charge IS NULL OR minimum_charge >= 0)"
            " AND (travel_fee IS NULL OR travel_fee >= 0)",
            name="prices",
        ),
        CheckConstraint("pay_rate IS NULL OR pay_rate >= 0", name="pay_rate"),
    )
