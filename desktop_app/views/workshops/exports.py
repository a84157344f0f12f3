"""Document and calendar actions of the "Ateliers" tab, callable from any widget.

Every one of them writes a file or may take long (a year of certificates, a calendar of every
future session), so each goes through the toolkit's operation runner: the data is read and the
file written off the GUI thread, into a temporary file renamed only once complete, with a
progress dialog and "Annuler" past 300 ms. The documents themselves are printed by
``services.workshops.printing``, the same functions the command line calls.

Signatures (``parent`` is the widget the dialogs belong to, ``ctx`` the ``AppContext``):

- ``print_programme(parent, ctx, month, *, save=False) -> Path | None``: "Programme du mois"
  of the month holding ``month``, previewed (default) or saved where the person chooses.
- ``print_sign_in_sheet(parent, ctx, session_id, *, save=False) -> Path | None``.
- ``print_attestations(parent, ctx, session_id=None, start=None, end=None, *, out=None)
  -> AttestationsRun | None``: certificates of the people marked "Présent" at one session or
  at every session of a period (asked for when ``start``/``end`` are not both given). The
  progress dialog says "Attestation n sur N"; "Annuler" stops between two pages and leaves no
  file. ``None`` when nothing was started (nobody present, the person gave up).
- ``export_ics(parent, ctx, start=None, end=None, *, out=None, future=False) -> Path | None``.

Dialogs run through ``exec_dialog`` and files are chosen through ``files.ask_save_path``: tests
replace them to drive the actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QMenu, QPushButton, QRadioButton, QWidget

from desktop_app.services.atomic_files import atomic_path
from desktop_app.services.dates import DateRange, check_period, month_bounds, plausible_range
from desktop_app.views.common import files
from desktop_app.views.common.date_fields import DateField
from desktop_app.views.common.forms import FormDialog, info, warn
from desktop_app.views.common.operations import Job, Outcome, run_operation
from desktop_app.views.context import AppContext

PDF_FILTER = "Documents PDF (*.pdf)"


def exec_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True when accepted. Tests replace it to fill the dialog."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _run(
    parent: QWidget | None,
    ctx: AppContext,
    work: Callable[[Job], object],
    *,
    label: str,
    error_title: str,
) -> Outcome[object]:
    """The runner, with a refusal shown as a plain warning box (the tab's own message style)."""
    outcome = run_operation(parent, work, label=label, ctx=ctx, show_error=False)
    if outcome.message:
        warn(parent, error_title, outcome.message)
    return outcome


# -- choosing a period -------------------------------------------------------------------------


class PeriodDialog(FormDialog):
    """Two dates (both included), optionally with "Toutes les séances à venir"."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        start: date,
        end: date,
        today: date | None = None,
        offer_future: bool = False,
    ) -> None:
        super().__init__(title, parent, ok_text="&Continuer", min_width=460)
        today = today or date.today()
        valid = plausible_range(today)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.form.addRow(text)
        self.future_radio: QRadioButton | None = None
        self.period_radio: QRadioButton | None = None
        if offer_future:
            self.future_radio = QRadioButton("Toutes les séances à &venir")
            self.period_radio = QRadioButton("Les séances d'une &période :")
            self.future_radio.setChecked(True)
            self.form.addRow(self.future_radio)
            self.form.addRow(self.period_radio)
        self.start_edit = DateField(
            start, today=today, valid=DateRange(valid.earliest, valid.latest, "Le premier jour")
        )
        self.start_edit.edit.setAccessibleName("Premier jour")
        self.end_edit = DateField(
            end, today=today, valid=DateRange(valid.earliest, valid.latest, "Le dernier jour")
        )
        self.end_edit.edit.setAccessibleName("Dernier jour (inclus)")
        self.row("start", "&Du", self.start_edit)
        self.row("end", "A&u (inclus)", self.end_edit)
        self.error = self.message  # the general message line, under the dates
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
        start, end = self.start_edit.value(), self.end_edit.value()
        assert start is not None and end is not None
        return start, end

    def accept(self) -> None:
        self.clear_errors()
        if not self.future_only:
            if not self.check_typed_fields():
                return
            chosen = self.period()
            assert chosen is not None
            problem = check_period(*chosen)
            if problem:
                self.show_errors({"end": problem}, problem)
                return
        self.accept_saved()


def _ask_period(
    parent: QWidget | None,
    ctx: AppContext,
    *,
    title: str,
    intro: str,
    around: date,
    offer_future: bool = False,
) -> PeriodDialog | None:
    first, last = month_bounds(around)
    dialog = PeriodDialog(
        parent,
        title=title,
        intro=intro,
        start=first,
        end=last,
        today=ctx.today(),
        offer_future=offer_future,
    )
    return dialog if exec_dialog(dialog) else None


# -- programme and sign-in sheet ----------------------------------------------------------------


def _pdf(
    parent: QWidget | None, build: Callable[[Path], object], file_name: str, save: bool, label: str
) -> Path | None:
    action = files.save_pdf if save else files.preview_pdf
    return action(parent, build, file_name, label=label)


def print_programme(
    parent: QWidget | None, ctx: AppContext, month: date, *, save: bool = False
) -> Path | None:
    from desktop_app.services.workshops.printing import write_programme
    from desktop_app.services.workshops.programme import programme_file_name

    db = ctx.db
    now = ctx.now()  # the workshops begun by now are printed as held, not with seats

    def build(path: Path) -> None:
        with db.session() as session:
            write_programme(session, path, month.year, month.month, now=now)

    return _pdf(
        parent,
        build,
        programme_file_name(month.year, month.month),
        save,
        "Préparation du programme du mois…",
    )


def print_sign_in_sheet(
    parent: QWidget | None, ctx: AppContext, session_id: int, *, save: bool = False
) -> Path | None:
    from desktop_app.services.workshops.printing import write_sign_in
    from desktop_app.services.workshops.programme import sign_in_file_name
    from desktop_app.services.workshops.summaries import session_summary

    try:
        with ctx.db.session() as session:
            summary = session_summary(session, session_id, ctx.structure())
    except ValueError as exc:
        warn(parent, "Feuille d'émargement", str(exc))
        return None
    db = ctx.db

    def build(path: Path) -> None:
        with db.session() as session:
            write_sign_in(session, path, session_id)

    return _pdf(
        parent, build, sign_in_file_name(summary), save, "Préparation de la feuille d'émargement…"
    )


# -- certificates -----------------------------------------------------------------------------


@dataclass
class AttestationsRun:
    """How a batch of certificates ended: ``outcome`` is "ok", "cancelled" or "error"."""

    out: Path
    total: int
    outcome: str = ""
    message: str = ""
    pages: int = 0
    done: bool = True


def write_attestations(
    parent: QWidget | None, ctx: AppContext, out: Path, batch
) -> AttestationsRun:  # noqa: ANN001 - a CertificateBatch
    """Print ``batch`` into ``out`` through the runner: "Attestation n sur N", "Annuler"
    between two pages, nothing written when cancelled or refused."""
    from desktop_app.services.workshops.printing import write_certificates

    total = len(batch.items)
    run = AttestationsRun(out, total)

    def work(job: Job) -> int:
        def progress(done: int, count: int) -> bool:
            job.set_text(f"Attestation {min(done + 1, count)} sur {count}…")
            return job.progress(done, count)

        return write_certificates(out, batch, progress=progress)

    outcome = run_operation(
        parent,
        work,
        label=f"Attestation 1 sur {total}…",
        ctx=ctx,
        show_error=False,
        title="Attestations de participation",
    )
    if outcome.cancelled:
        run.outcome = "cancelled"
    elif outcome.ok:
        run.outcome, run.pages = "ok", int(outcome.value or 0)
        run.message = f"{run.pages} attestation(s) de participation enregistrée(s) dans « {out} »."
        info(parent, "Attestations de participation", run.message)
    else:
        run.outcome, run.message = "error", outcome.message or ""
        warn(parent, "Attestations non produites", run.message)
    return run


def print_attestations(
    parent: QWidget | None,
    ctx: AppContext,
    session_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    *,
    out: Path | None = None,
) -> AttestationsRun | None:
    from desktop_app.services.workshops.attestations import (
        certificates_file_name,
        load_certificates,
        no_certificate_message,
    )
    from desktop_app.services.workshops.periods import Period, PeriodError

    period = None
    if session_id is None:
        if start is None or end is None:
            dialog = _ask_period(
                parent,
                ctx,
                title="Attestations de participation",
                intro="Une attestation par personne marquée « Présent », pour chaque séance "
                "de la période.",
                around=start or ctx.today(),
            )
            if dialog is None:
                return None
            start, end = dialog.period()  # type: ignore[misc]
        try:
            period = Period(start, end)  # type: ignore[arg-type]
        except PeriodError as exc:
            warn(parent, "Attestations de participation", str(exc))
            return None

    def load(job: Job):  # noqa: ANN202 - a CertificateBatch
        with job.db.session() as session:
            return load_certificates(
                session, session_id=session_id, period=period, issued=ctx.today()
            )

    loaded = _run(
        parent,
        ctx,
        load,
        label="Recherche des personnes présentes…",
        error_title="Attestations de participation",
    )
    if not loaded.ok:
        return None
    batch = loaded.value
    if not batch.items:  # type: ignore[union-attr]
        warn(parent, "Attestations de participation", no_certificate_message(session_id, period))
        return None
    if out is None:
        out = files.ask_save_path(
            parent,
            "pdf",
            "Enregistrer les attestations",
            certificates_file_name(session_id, period),
            PDF_FILTER,
        )
        if out is None:
            return None
    return write_attestations(parent, ctx, out, batch)


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
        dialog = _ask_period(
            parent,
            ctx,
            title="Exporter le calendrier",
            intro="Un fichier .ics à ouvrir dans un agenda (téléphone, Thunderbird, Outlook, "
            "Google Agenda). Exporter à nouveau met à jour les séances déjà importées.",
            around=start or ctx.today(),
            offer_future=True,
        )
        if dialog is None:
            return None
        chosen = dialog.period()
        period = Period(*chosen) if chosen else None
    if out is None:
        out = files.ask_save_path(
            parent,
            "ics",
            "Exporter le calendrier",
            default_file_name(period, ctx.today()),
            "Calendriers (*.ics)",
        )
        if out is None:
            return None
    target = out

    def work(job: Job):  # noqa: ANN202 - an IcsResult
        with job.db.session() as session:
            return write_ics(session, target, period, now=ctx.now())

    outcome = _run(
        parent, ctx, work, label="Export du calendrier…", error_title="Calendrier non exporté"
    )
    if not outcome.ok:
        return None
    result = outcome.value
    info(parent, "Exporter le calendrier", result.summary(period, f"dans « {out.name} »"))  # type: ignore[union-attr]
    return out


def write_report_csv(
    parent: QWidget | None,
    ctx: AppContext,
    report,  # noqa: ANN001
    structure_name: str,
) -> Path | None:
    """The "Bilan d'activité" as CSV, where the person chooses."""
    from desktop_app.services.workshops.stats import report_file_name
    from desktop_app.services.workshops.stats import write_report_csv as write_csv

    out = files.ask_save_path(
        parent,
        "csv",
        "Exporter le bilan",
        report_file_name(report.period, "csv", report.conseiller),
        "Fichiers CSV (*.csv)",
    )
    if out is None:
        return None

    def work(_job: Job) -> int:
        with atomic_path(out) as tmp:
            return write_csv(report, tmp, structure_name)

    if not _run(parent, ctx, work, label="Export du bilan…", error_title="Bilan non exporté").ok:
        return None
    info(parent, "Exporter le bilan", f"Bilan d'activité enregistré dans « {out.name} ».")
    return out


# -- buttons of the planner ------------------------------------------------------------------------


def install_planner_actions(tab) -> None:  # noqa: ANN001 - the WorkshopsTab
    """One « Documents » menu button in ``tab.documents_bar``: the chosen session's papers
    (sign-in sheet, certificates), then the displayed month's (programme, certificates,
    calendar file).

    Why one button: the planning screen shows about twenty commands and the texts offer
    nineteen letters once the main window's menus have theirs, so documents, printed now and
    then, share one Alt+letter (Alt+E) and each has its own letter inside the menu; the
    session's commands used at every session (attendance, registering) keep theirs."""

    def month() -> date:
        return tab.anchor

    def chosen_session() -> int | None:
        sid = tab.panel.session_id
        if sid is None:
            warn(tab, "Documents de la séance", "Choisissez d'abord une séance dans le calendrier.")
        return sid

    def sign_in(save: bool) -> None:
        if (sid := chosen_session()) is not None:
            print_sign_in_sheet(tab, tab.ctx, sid, save=save)

    def session_attestations() -> None:
        if (sid := chosen_session()) is not None:
            print_attestations(tab, tab.ctx, session_id=sid)

    button = QPushButton("Docum&ents", tab)
    button.setObjectName("workshopsDocuments")
    button.setToolTip(
        "Feuille d'émargement et attestations de la séance choisie ; programme, attestations "
        "et calendrier (.ics) du mois affiché"
    )
    menu = QMenu(button)
    menu.setObjectName("workshopsDocumentsMenu")
    menu.addSection("Séance choisie")
    session_actions = [
        menu.addAction("&Feuille d'émargement — aperçu", lambda: sign_in(False)),
        menu.addAction("Feuille d'émargement — enre&gistrer le PDF…", lambda: sign_in(True)),
        menu.addAction("Attestations de la &séance…", session_attestations),
    ]
    menu.addSection("Mois affiché")
    tab.programme_actions = [
        menu.addAction(
            "&Programme du mois — aperçu", lambda: print_programme(tab, tab.ctx, month())
        ),
        menu.addAction(
            "Programme du mois — enregistrer le P&DF…",
            lambda: print_programme(tab, tab.ctx, month(), save=True),
        ),
    ]
    tab.period_attestations_action = menu.addAction(
        "Attestations du &mois…", lambda: print_attestations(tab, tab.ctx, start=month())
    )
    tab.ics_action = menu.addAction(
        "Exporter le &calendrier (.ics)…", lambda: export_ics(tab, tab.ctx)
    )

    def session_known() -> None:
        """The session's entries wait for a chosen session (said by their state, not a box)."""
        for action in session_actions:
            action.setEnabled(tab.panel.session_id is not None)

    menu.aboutToShow.connect(session_known)
    button.setMenu(menu)
    tab.documents_button = button
    tab.sign_in_actions = session_actions[:2]
    tab.session_attestations_action = session_actions[2]
    tab.session_attestations = session_attestations
    tab.documents_bar.addWidget(button)
