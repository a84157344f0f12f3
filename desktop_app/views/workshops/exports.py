"""Document and calendar actions of the "Ateliers" tab, callable from any widget.

Signatures (``parent`` is the widget the dialogs belong to, ``ctx`` the ``AppContext``):

- ``print_programme(parent, ctx, month: date, *, save=False) -> Path | None``
  "Programme du mois" of the month holding ``month``: preview (default) or "Enregistrer le
  PDF…"; returns the PDF written, ``None`` when the user gave up or nothing was written.
- ``print_sign_in_sheet(parent, ctx, session_id: int, *, save=False) -> Path | None``
  "Feuille d'émargement" of one session, same two modes.
- ``print_attestations(parent, ctx, session_id=None, start=None, end=None, *, out=None)
  -> AttestationsJob | None``: certificates of the people marked "Présent" at one session
  (``session_id``) or at every session from ``start`` to ``end`` (dates). Without both, asks
  for the period (proposing the month holding ``start``, or this month). Asks where to save unless ``out`` is given, then runs
  off the GUI thread with a progress bar and a "Annuler" button; returns the running job
  (``job.done``, ``job.outcome`` in "ok" / "cancelled" / "error"), ``None`` when nothing
  started (nobody present, the user gave up). The job's dialog shows "Attestation n sur N"
  and its "Annuler" button stops the batch between two pages.
- ``export_ics(parent, ctx, start=None, end=None, *, out=None, future=False) -> Path | None``:
  the ``.ics`` calendar file of the days ``start``..``end``, or of every future session
  (``future=True``); with neither, asks which (``PeriodDialog``). Asks where to save unless
  ``out`` is given.
- ``install_planner_actions(tab)`` (called by ``reports.install_planner_actions``): adds the
  buttons to ``tab.documents_bar`` and ``tab.panel.document_actions``.

Dialogs are run through ``exec_dialog`` and files chosen through ``ask_save_path``, two
module functions that tests replace to drive them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QRunnable, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import describe_user_error
from desktop_app.views.context import AppContext
from desktop_app.views.pdf_actions import preview_pdf, save_pdf
from desktop_app.views.widgets import ERROR_STYLE, add_row, info, warn

log = logging.getLogger(__name__)


# -- helpers that tests replace ----------------------------------------------------------------


def exec_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True when accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_path(
    parent: QWidget | None, caption: str, file_name: str, filter_text: str
) -> Path | None:
    """ "Enregistrer sous" in the last folder used; ``None`` when the user gave up."""
    settings = QSettings()
    folder = settings.value("last_export_folder", str(Path.home()))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, caption, str(Path(folder) / file_name), filter_text
    )
    if not chosen:
        return None
    path = Path(chosen)
    wanted = Path(file_name).suffix
    if wanted and path.suffix.lower() != wanted:
        path = path.with_suffix(wanted)
    settings.setValue("last_export_folder", str(path.parent))
    return path


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


# -- choosing a period -------------------------------------------------------------------------


class PeriodDialog(QDialog):
    """Two dates (both included), optionally with "Toutes les séances à venir"."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        start: date,
        end: date,
        offer_future: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.future_radio: QRadioButton | None = None
        self.period_radio: QRadioButton | None = None
        if offer_future:
            self.future_radio = QRadioButton("Toutes les séances à &venir")
            self.period_radio = QRadioButton("Les séances d'une &période :")
            self.future_radio.setChecked(True)
            layout.addWidget(self.future_radio)
            layout.addWidget(self.period_radio)
        form = QFormLayout()
        self.start_edit = date_edit(start)
        self.end_edit = date_edit(end)
        add_row(form, "&Du", self.start_edit)
        add_row(form, "&Au (inclus)", self.end_edit)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continuer")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.future_radio is not None:
            self.future_radio.toggled.connect(self._update)
            self._update()

    def _update(self) -> None:
        enabled = self.future_radio is None or not self.future_radio.isChecked()
        self.start_edit.setEnabled(enabled)
        self.end_edit.setEnabled(enabled)

    @property
    def future_only(self) -> bool:
        return self.future_radio is not None and self.future_radio.isChecked()

    def period(self) -> tuple[date, date] | None:
        """The chosen days, or ``None`` for "Toutes les séances à venir"."""
        if self.future_only:
            return None
        return pydate(self.start_edit.date()), pydate(self.end_edit.date())

    def accept(self) -> None:
        chosen = self.period()
        if chosen and chosen[1] < chosen[0]:
            self.error.setText(
                "La date de fin est avant la date de début : corrigez l'une des deux dates."
            )
            self.error.setVisible(True)
            self.end_edit.setFocus()
            return
        super().accept()


# -- programme and sign-in sheet ----------------------------------------------------------------


def _pdf(
    parent: QWidget | None, build: Callable[[Path], None], file_name: str, save: bool
) -> Path | None:
    return (save_pdf if save else preview_pdf)(parent, build, file_name)


def print_programme(
    parent: QWidget | None, ctx: AppContext, month: date, *, save: bool = False
) -> Path | None:
    from desktop_app.services.workshops.programme import programme_file_name, write_programme_pdf

    def build(path: Path) -> None:
        with ctx.db.session() as session:
            write_programme_pdf(session, path, month.year, month.month)

    return _pdf(parent, build, programme_file_name(month.year, month.month), save)


def print_sign_in_sheet(
    parent: QWidget | None, ctx: AppContext, session_id: int, *, save: bool = False
) -> Path | None:
    from desktop_app.services.workshops.programme import sign_in_file_name, write_sign_in_pdf
    from desktop_app.services.workshops.summaries import session_summary

    try:
        with ctx.db.session() as session:
            summary = session_summary(session, session_id, ctx.structure())
    except ValueError as exc:
        warn(parent, "Feuille d'émargement", str(exc))
        return None

    def build(path: Path) -> None:
        with ctx.db.session() as session:
            write_sign_in_pdf(session, path, session_id)

    return _pdf(parent, build, sign_in_file_name(summary), save)


# -- certificates, off the GUI thread ---------------------------------------------------------


class _CertificatesWorker(QRunnable):
    """Writes the PDF on a pool thread and only records how far it got.

    The GUI polls these attributes with a timer instead of receiving a signal per page:
    PySide6 6.12.0 under Python 3.11 drops a reference to the ``None``/``True`` that many
    calls return (``SignalInstance.emit`` included; 6.11.3 does not), so every emitted signal
    brings the interpreter closer to an abort; polling also keeps a batch of thousands of pages
    from flooding the event loop.
    """

    def __init__(self, out: Path, batch, stop: threading.Event) -> None:  # noqa: ANN001
        super().__init__()
        self.out = out
        self.batch = batch
        self.stop = stop
        self.done_pages = 0
        self.outcome = ""  # "ok", "cancelled" or "error" once finished
        self.message = ""
        self.pages = 0

    def _progress(self, done: int, _total: int) -> None:
        self.done_pages = done

    def run(self) -> None:
        from desktop_app.services.workshops.attestations import (
            GenerationCancelled,
            write_certificates_pdf,
        )

        try:
            self.pages = write_certificates_pdf(
                self.out, self.batch, progress=self._progress, cancelled=self.stop.is_set
            )
        except GenerationCancelled:
            self.outcome = "cancelled"
        except Exception as exc:  # noqa: BLE001 - reported to the user, and logged
            log.exception("attestations")
            self.message = describe_user_error(exc) or (
                str(exc) if isinstance(exc, ValueError) else f"Erreur inattendue : {exc}"
            )
            self.outcome = "error"
        else:
            self.outcome = "ok"


_RUNNING: set[AttestationsJob] = set()


class AttestationsJob(QObject):
    """A batch of certificates being written off the GUI thread, with its progress dialog
    ("Annuler" stops it between two pages; nothing is written then)."""

    POLL_MS = 60

    def __init__(self, parent: QWidget | None, out: Path, batch) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.parent_widget = parent
        self.out = out
        self.total = len(batch.items)
        self.done = False
        self.outcome = ""
        self.message = ""
        self._stop = threading.Event()
        self.dialog = QProgressDialog(
            f"Production de {self.total} attestation(s) de participation…",
            "Annuler",
            0,
            self.total,
            parent,
        )
        self.dialog.setWindowTitle("Attestations de participation")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.cancel)
        self.worker = _CertificatesWorker(out, batch, self._stop)
        self.worker.setAutoDelete(False)  # the job reads its outcome after it ran
        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        _RUNNING.add(self)
        self.dialog.show()
        self.timer.start()
        QThreadPool.globalInstance().start(self.worker)

    def cancel(self) -> None:
        self._stop.set()
        self.dialog.setLabelText("Arrêt en cours…")

    def _poll(self) -> None:
        worker = self.worker
        if not self._stop.is_set():
            self.dialog.setLabelText(f"Attestation {worker.done_pages} sur {self.total}…")
        self.dialog.setValue(worker.done_pages)
        if not worker.outcome:
            return
        self.timer.stop()
        self.outcome = worker.outcome
        self.message = worker.message
        self.done = True
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        _RUNNING.discard(self)
        if self.outcome == "ok":
            self.message = f"{worker.pages} attestation(s) de participation enregistrée(s) dans « {self.out} »."
            info(self.parent_widget, "Attestations de participation", self.message)
        elif self.outcome == "error":
            warn(self.parent_widget, "Attestations non produites", self.message)


def print_attestations(
    parent: QWidget | None,
    ctx: AppContext,
    session_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    *,
    out: Path | None = None,
) -> AttestationsJob | None:
    from desktop_app.services.workshops.attestations import (
        certificates_file_name,
        load_certificates,
        no_certificate_message,
    )
    from desktop_app.services.workshops.periods import Period, PeriodError

    period = None
    if session_id is None:
        if start is None or end is None:
            first, last = _month_bounds(start or date.today())
            dialog = PeriodDialog(
                parent,
                title="Attestations de participation",
                intro="Une attestation par personne marquée « Présent », pour chaque séance "
                "de la période.",
                start=first,
                end=last,
            )
            if not exec_dialog(dialog):
                return None
            start, end = dialog.period()  # type: ignore[misc]
        try:
            period = Period(start, end)  # type: ignore[arg-type]
        except PeriodError as exc:
            warn(parent, "Attestations de participation", str(exc))
            return None
    with ctx.db.session() as session:
        batch = load_certificates(session, session_id=session_id, period=period)
    if not batch.items:
        warn(parent, "Attestations de participation", no_certificate_message(session_id, period))
        return None
    if out is None:
        out = ask_save_path(
            parent,
            "Enregistrer les attestations",
            certificates_file_name(session_id, period),
            "Documents PDF (*.pdf)",
        )
        if out is None:
            return None
    job = AttestationsJob(parent, out, batch)
    job.start()
    return job


# -- calendar export ---------------------------------------------------------------------------


def export_ics(
    parent: QWidget | None,
    ctx: AppContext,
    start: date | None = None,
    end: date | None = None,
    *,
    out: Path | None = None,
    future: bool = False,
) -> Path | None:
    from desktop_app.services.workshops.ics import default_file_name
    from desktop_app.services.workshops.ics import export_ics as write_ics
    from desktop_app.services.workshops.periods import Period, PeriodError

    period: Period | None = None
    if future:
        period = None
    elif start is not None and end is not None:
        try:
            period = Period(start, end)
        except PeriodError as exc:
            warn(parent, "Exporter le calendrier", str(exc))
            return None
    else:
        first, last = _month_bounds(start or date.today())
        dialog = PeriodDialog(
            parent,
            title="Exporter le calendrier",
            intro="Un fichier .ics à ouvrir dans un agenda (téléphone, Thunderbird, Outlook, "
            "Google Agenda). Exporter à nouveau met à jour les séances déjà importées.",
            start=first,
            end=last,
            offer_future=True,
        )
        if not exec_dialog(dialog):
            return None
        chosen = dialog.period()
        period = Period(*chosen) if chosen else None
    if out is None:
        out = ask_save_path(
            parent, "Exporter le calendrier", default_file_name(period), "Calendriers (*.ics)"
        )
        if out is None:
            return None
    try:
        with ctx.db.session() as session:
            result = write_ics(session, out, period)
    except OSError as exc:
        warn(parent, "Calendrier non exporté", describe_user_error(exc) or str(exc))
        return None
    what = period.label() if period else "à venir"
    info(
        parent,
        "Exporter le calendrier",
        f"{result.events} séance(s) {what} exportée(s) dans « {out.name} »"
        + (f", dont {result.cancelled} annulée(s)." if result.cancelled else "."),
    )
    return out


# -- buttons of the planner ------------------------------------------------------------------------


def _menu_button(
    text: str, parent: QWidget, preview: Callable[[], object], save: Callable[[], object]
) -> QPushButton:
    button = QPushButton(text, parent)
    menu = QMenu(button)
    menu.addAction("Aperçu", preview)
    menu.addAction("Enregistrer le PDF…", save)
    button.setMenu(menu)
    return button


def install_planner_actions(tab) -> None:  # noqa: ANN001 - the WorkshopsTab
    """Buttons of the planner: month documents and calendar export in ``tab.documents_bar``,
    one session's documents in ``tab.panel.document_actions``."""

    def month() -> date:
        return getattr(tab, "anchor", None) or date.today()

    def chosen_session() -> int | None:
        sid = getattr(tab.panel, "session_id", None)
        if sid is None:
            warn(tab, "Documents de la séance", "Choisissez d'abord une séance dans le calendrier.")
        return sid

    tab.programme_button = _menu_button(
        "P&rogramme du mois",
        tab,
        lambda: print_programme(tab, tab.ctx, month()),
        lambda: print_programme(tab, tab.ctx, month(), save=True),
    )
    tab.programme_button.setToolTip(
        "Le programme des ateliers du mois affiché, à afficher à la bibliothèque"
    )
    tab.period_attestations_button = QPushButton("Attestations du mois…", tab)
    tab.period_attestations_button.setToolTip(
        "Les attestations de participation des personnes présentes aux séances d'une période"
    )
    tab.period_attestations_button.clicked.connect(
        lambda: print_attestations(tab, tab.ctx, start=month())
    )
    tab.ics_button = QPushButton("Exporter le &calendrier (.ics)…", tab)
    tab.ics_button.clicked.connect(lambda: export_ics(tab, tab.ctx))
    bar = tab.documents_bar
    for button in (tab.programme_button, tab.period_attestations_button, tab.ics_button):
        bar.addWidget(button)

    def sign_in(save: bool) -> None:
        if (sid := chosen_session()) is not None:
            print_sign_in_sheet(tab, tab.ctx, sid, save=save)

    def session_attestations() -> None:
        if (sid := chosen_session()) is not None:
            print_attestations(tab, tab.ctx, session_id=sid)

    panel = tab.panel
    panel.sign_in_button = _menu_button(
        "F&euille d'émargement", panel, lambda: sign_in(False), lambda: sign_in(True)
    )
    panel.attestations_button = QPushButton("Attestations de la séance…", panel)
    panel.attestations_button.clicked.connect(session_attestations)
    panel.document_actions.addWidget(panel.sign_in_button)
    panel.document_actions.addWidget(panel.attestations_button)
    panel.document_actions.addStretch()
