"""Export a register's list to Excel or CSV, from its context menu or Ctrl+Shift+E."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.exporting import export_file


def export_register(parent: QWidget, store: Store, register: str) -> str | None:
    """Ask where to save, write the file; the status message, or None if nothing was done."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export the list"),
        f"{register}.xlsx",
        _("Excel workbook (*.xlsx);;CSV file (*.csv)"),
    )
    if not path:
        return None
    try:
        count = export_file(store, register, Path(path))
    except (UserError, OSError) as error:
        QMessageBox.warning(parent, _("Not exported"), str(error))
        return None
    return _("Exported {count} rows to {file}").format(count=count, file=path)
