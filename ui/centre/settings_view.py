"""The area "Asetukset": the centre's details, the language, where the data lives, the
qualification catalogue, the VAT and late-payment interest rates and the closure days."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.centre import CentreInput
from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.services.registers.centre import save_centre
from ui.centre.benefit_rules_box import BenefitRulesBox
from ui.centre.centre_form import CentreForm
from ui.centre.closure_days_box import ClosureDaysBox
from ui.centre.qualifications_box import QualificationCatalogue
from ui.centre.rates_box import InterestRatesBox, VatRatesBox
from ui.forms import ERROR_STYLE, area_shortcut, confirm_discard, error_text
from ui.restart import restart

LANGUAGE_KEY = "language"
# Each language by its own name, so that anyone can find theirs: not translated.
LANGUAGE_CHOICES = (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"))


def _path_label() -> QLabel:
    path = QLabel()
    path.setWordWrap(True)
    path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return path


class SettingsView(QWidget):
    """The centre form with Save and Revert, the language, the data folder, the
    qualification catalogue and the closure days (these two save at once, without Save)."""

    status = Signal(str)
    centre_saved = Signal()
    #: the qualification catalogue changed: the participant and contract forms should reload it
    qualifications_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.settings: QSettings | None = None
        self.dirty = False

        title = QLabel(_("Centre details"))
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.empty_note = QLabel(
            _("The centre is not set up yet. Fill in the details and save (Ctrl+S).")
        )
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        self.form = CentreForm()
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(title)
        form_layout.addWidget(self.empty_note)
        form_layout.addWidget(self.form)
        form_layout.addWidget(self.general_error)
        form_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)

        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(_("Revert (Esc)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch()
        self.form.side_column.addWidget(self._language_group())
        self.form.side_column.addWidget(self._data_group())
        self.qualifications = QualificationCatalogue()
        self.form.main_column.insertWidget(self.form.main_column.count() - 1, self.qualifications)
        self.vat_rates = VatRatesBox()
        self.interest_rates = InterestRatesBox()
        self.benefit_rules = BenefitRulesBox()
        for box in (self.vat_rates, self.interest_rates, self.benefit_rules):
            self.form.main_column.insertWidget(self.form.main_column.count() - 1, box)
        self.closure_days = ClosureDaysBox()
        self.form.side_column.addWidget(self.closure_days)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.form.changed.connect(self._mark_dirty)
        self.qualifications.status.connect(self.status.emit)
        self.qualifications.changed.connect(self.qualifications_changed.emit)
        self.closure_days.status.connect(self.status.emit)
        self.vat_rates.status.connect(self.status.emit)
        self.interest_rates.status.connect(self.status.emit)
        self.benefit_rules.status.connect(self.status.emit)
        area_shortcut(self, "Ctrl+S", self.save, _("Save the settings"))
        area_shortcut(self, "Esc", self._escape, _("Undo the changes not saved yet"))

    # --- building -----------------------------------------------------------------------------

    def _language_group(self) -> QGroupBox:
        group = QGroupBox(_("Language"))
        self.language = QComboBox()
        self.language.setMaximumWidth(200)
        for code, name in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        self.language.setEnabled(False)
        self.language_note = QLabel(_("The new language takes effect at the next start."))
        self.language_note.setWordWrap(True)
        # Side by side: the settings column must stay short enough for a laptop screen.
        layout = QHBoxLayout(group)
        layout.addWidget(self.language)
        layout.addWidget(self.language_note, 1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        return group

    def _data_group(self) -> QGroupBox:
        group = QGroupBox(_("About the data"))
        self.folder_label = _path_label()
        self.database_label = _path_label()
        self.backups_label = _path_label()
        paths = QFormLayout()
        paths.addRow(_("Data folder"), self.folder_label)
        paths.addRow(_("Database file"), self.database_label)
        paths.addRow(_("Backups"), self.backups_label)
        self.check_button = QPushButton(_("Check the data file"))
        self.check_button.clicked.connect(self.check_data_file)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_result.hide()
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch()
        layout = QVBoxLayout(group)
        layout.addLayout(paths)
        layout.addLayout(check_row)
        layout.addWidget(self.check_result)
        return group

    # --- set-up from the main window ----------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.check_result.hide()
        self.qualifications.set_store(store)
        self.closure_days.set_store(store)
        self.vat_rates.set_store(store)
        self.interest_rates.set_store(store)
        self.benefit_rules.set_store(store)
        self.revert()

    def set_settings(self, settings: QSettings | None) -> None:
        self.settings = settings
        self.language.blockSignals(True)
        if settings is not None:
            # Never chosen yet: the language the window speaks now.
            chosen = str(settings.value(LANGUAGE_KEY, current_language()))
            self.language.setCurrentIndex(max(self.language.findData(chosen), 0))
        self.language.setEnabled(settings is not None)
        self.language.blockSignals(False)

    def set_data_folder(self, folder: DataFolder) -> None:
        self.folder_label.setText(str(folder.root))
        self.database_label.setText(str(folder.database))
        self.backups_label.setText(str(folder.backups))

    # --- behaviour ----------------------------------------------------------------------------

    def _mark_dirty(self) -> None:
        self.dirty = True

    def _escape(self) -> None:
        # Esc while a bank account cell is being edited cancels that cell, not the whole form;
        # in the qualification catalogue or the closure days it clears what is typed there.
        if not (
            self.form.accounts.cancel_edit()
            or self.qualifications.cancel_typing()
            or self.closure_days.cancel_typing()
            or self.vat_rates.cancel_typing()
            or self.interest_rates.cancel_typing()
            or self.benefit_rules.cancel_typing()
        ):
            self.revert()

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are thrown away; True when it is fine to go on."""
        return confirm_discard(self, self.dirty, self.save, self.revert)

    def revert(self) -> None:
        """Show what is saved, throwing away what has been typed since."""
        data = load_centre(self.store) if self.store is not None else None
        self.empty_note.setVisible(self.store is not None and data is None)
        self.form.load(data or CentreInput())
        self.general_error.hide()
        self.dirty = False

    def save(self) -> bool:
        if self.store is None:
            return False
        data = self.form.collect_centre()
        try:
            save_centre(self.store, data)
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            self._show_general(unplaced)
            self.status.emit(_("Not saved: check the marked fields."))
            return False
        except UserError as error:
            self._show_general([str(error)])
            self.status.emit(str(error))
            return False
        self.revert()
        self.status.emit(_("Saved"))
        self.centre_saved.emit()
        return True

    def _show_general(self, messages: list[str]) -> None:
        self.general_error.setText("\n".join(error_text(m) for m in messages))
        self.general_error.setVisible(bool(messages))

    def _language_chosen(self, _index: int) -> None:
        if self.settings is None:
            return
        chosen = str(self.language.currentData())
        self.settings.setValue(LANGUAGE_KEY, chosen)
        self.settings.sync()
        self.status.emit(_("The new language takes effect at the next start."))
        if chosen != current_language() and self.offer_restart(self.language.currentText()):
            restart(self.window())

    def offer_restart(self, language: str) -> bool:
        """Ask whether to restart now to see the window in ``language``; True for "Restart now"."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Language changed"))
        box.setText(
            _("The window changes to {language} when the program starts again.").format(
                language=language
            )
        )
        box.setInformativeText(
            _("Restart the program now? Changes not yet saved are asked about first.")
        )
        now = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.setEscapeButton(later)
        box.exec()
        return box.clickedButton() is now

    def check_data_file(self) -> None:
        if self.store is None:
            return
        # Imported when used: the check pulls in the rules of every area.
        from jobcenter_desktop.services.integrity import check_store

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problems = check_store(self.store)
        except UserError as error:  # e.g. the file is busy: say so, not "problems found"
            self.check_result.setStyleSheet(ERROR_STYLE)
            self.check_result.setText(error_text(str(error)))
            self.check_result.show()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problems:
            lines = [_("Problems found in the data file:"), *(f"• {p}" for p in problems)]
            self.check_result.setStyleSheet(ERROR_STYLE)
            self.check_result.setText("\n".join(lines))
            self.status.emit(_("Problems found in the data file."))
        else:
            self.check_result.setStyleSheet("")
            self.check_result.setText("✓ " + _("No problems found in the data file."))
            self.status.emit(_("No problems found in the data file."))
        self.check_result.show()
