"""The invoicing area (Laskutus): the invoice run on one tab, the issued invoices on the other."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from ui.forms import area_shortcut
from ui.invoicing.drafts import DraftsController
from ui.invoicing.drafts_panel import DraftsPanel
from ui.invoicing.issued import IssuedController
from ui.invoicing.issued_panel import IssuedPanel


class InvoicingView(QWidget):
    """Drafts priced from the approved hours, the run, and the issued list with its
    actions. ``status`` says what just happened ("3 laskua luotu")."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts_panel = DraftsPanel()
        self.issued_panel = IssuedPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.drafts_panel, _("Invoice run (Alt+1)"))
        self.tabs.addTab(self.issued_panel, _("Issued invoices (Alt+2)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.issued = IssuedController(self.issued_panel, self.status.emit)
        self.drafts = DraftsController(self.drafts_panel, self.status.emit, self._after_issue)
        area_shortcut(self, "Alt+1", self.show_drafts, _("Show the invoice run"))
        area_shortcut(self, "Alt+2", self.show_issued, _("Show the issued invoices"))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafts_panel.preview.show_message("")  # pdfium's memory now
        super().closeEvent(event)

    def set_store(self, store: Store) -> None:
        # Priced when the area is shown (the window calls reload), not at every start.
        self.drafts.store = store
        self.issued.store = store
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Price the drafts and read the issued list again (the hours may have changed)."""
        self.drafts.reload()
        self.issued.reload()

    def focus_start(self) -> None:
        """The drafts' list, or the issued list when that tab is open."""
        if self.tabs.currentWidget() is self.issued_panel:
            self.issued_panel.table.setFocus()
        else:
            self.drafts_panel.table.setFocus()

    def show_drafts(self) -> None:
        self.tabs.setCurrentWidget(self.drafts_panel)
        self.drafts_panel.table.setFocus()

    def show_issued(self) -> None:
        self.tabs.setCurrentWidget(self.issued_panel)
        self.issued_panel.table.setFocus()

    def _after_issue(self, _count: int) -> None:
        # What was just issued, on top: the list the user prints or saves them from.
        self.issued_panel.search.clear()
        self.issued_panel.set_filter("all")
        self.issued.reload()
        self.show_issued()
