"""The declarative base, the naming convention and the columns many tables share."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from jobcenter_desktop.db.types import UtcDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Archivable(Timestamps):
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Folded text the lists search in (Finnish case folding, see domain.search).
    search: Mapped[str] = mapped_column(String(1000), default="")
