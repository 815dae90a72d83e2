"""The people the planner offers: active participants and instructors, with their week's hours."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_hours
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.queries.people import INSTRUCTOR, PARTICIPANT, Person, PersonKey, list_people

__all__ = [
    "INSTRUCTOR",
    "MIME_TYPE",
    "PARTICIPANT",
    "PERSON_ROLE",
    "PeopleList",
    "Person",
    "PersonKey",
    "hours_text",
    "list_people",
    "person_mime",
    "read_mime",
    "week_minutes",
]

MIME_TYPE = "application/x-jobcenter-person"
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def week_minutes(gigs: Iterable[GigRow]) -> dict[PersonKey, int]:
    """Minutes booked per person on the gigs that are not cancelled."""
    booked: dict[PersonKey, int] = defaultdict(int)
    for gig in gigs:
        if gig.status.is_cancelled:
            continue
        for member in gig.participants:
            booked[(PARTICIPANT, member.id)] += gig.duration_minutes
        for member in gig.instructors:
            booked[(INSTRUCTOR, member.id)] += gig.duration_minutes
    return booked


def hours_text(booked: int, limit: int | None) -> str:
    if limit is None:
        return _("{booked} h").format(booked=format_hours(booked))
    return _("{booked} h / {limit} h").format(
        booked=format_hours(booked), limit=format_hours(limit)
    )


def person_mime(kind: str, person_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, f"{kind}:{person_id}".encode())
    return mime


def read_mime(mime: QMimeData) -> PersonKey | None:
    if not mime.hasFormat(MIME_TYPE):
        return None
    kind, _sep, number = bytes(mime.data(MIME_TYPE).data()).decode().partition(":")
    if kind not in (PARTICIPANT, INSTRUCTOR) or not number.isdigit():
        return None
    return (kind, int(number))


class PeopleList(QListWidget):
    """The side list: one row per person with their hours; rows drag onto gig cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A long name gives way in the middle; the hours at the end stay visible.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QListWidget { font-size: 13px; } QListWidget::item { padding: 3px; }")

    def fill(self, people: list[Person], booked: dict[PersonKey, int]) -> None:
        self.clear()
        heading_done: set[str] = set()
        for person in people:
            if person.kind not in heading_done:
                heading_done.add(person.kind)
                title = _("Participants") if person.kind == PARTICIPANT else _("Instructors")
                heading = QListWidgetItem(title)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.addItem(heading)
            hours = hours_text(booked.get(person.key, 0), person.weekly_limit_minutes)
            item = QListWidgetItem(f"{person.name}   {hours}")
            item.setData(PERSON_ROLE, person.key)
            over = (
                person.weekly_limit_minutes is not None
                and booked.get(person.key, 0) > person.weekly_limit_minutes
            )
            if over:
                item.setText(f"⚠ {person.name}   {hours}")
            self.addItem(item)

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        for item in items:
            key = item.data(PERSON_ROLE)
            if key:
                return person_mime(key[0], int(key[1]))
        return QMimeData()

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]
