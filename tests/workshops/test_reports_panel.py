"""The "Bilan d'activité" page and the document actions, driven as a user would."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QPushButton

from desktop_app.views.common import files, operations
from desktop_app.views.workshops import exports
from desktop_app.views.workshops.reports import ReportsPanel
from tests.workshops.reports_data import realistic_month, small_dataset


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes shown, instead of blocking the test."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


@pytest.fixture
def panel(qtbot, ctx):  # noqa: ANN001, ANN201
    small_dataset(ctx.db)
    ctx.clock = lambda: datetime(2026, 4, 15, 9, 0)
    widget = ReportsPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _figures(panel: ReportsPanel) -> dict[str, str]:
    return {key: f.value.text() for key, f in panel.figures.items()}


def _table(panel: ReportsPanel) -> list[list[str]]:
    model = panel.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_typed_period_shows_the_hand_counted_figures(qtbot, panel) -> None:  # noqa: ANN001
    assert panel.preset.currentText() == "Cette année"
    # type the period as a user would: first day, then last day of March
    for edit, text in ((panel.start_edit, "01/03/2026"), (panel.end_edit, "31/03/2026")):
        edit.edit.setFocus()
        qtbot.keyClick(edit.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit.edit, text)
        qtbot.keyClick(edit.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            panel.report is not None
            and panel.report.period.start == date(2026, 3, 1)
            and panel.report.period.end == date(2026, 3, 31)
        ),
        timeout=3000,
    )
    qtbot.waitUntil(lambda: _figures(panel)["participations"] == "9", timeout=3000)
    assert _figures(panel) == {
        "workshops": "3",
        "individual": "2",
        "people": "5",
        "participations": "9",
        "hours": "5,2",
    }
    assert panel.preset.currentText() == "Dates choisies"
    # French plurals, each number kept with its noun (no « (s) »)
    assert "dont 3\u00a0participations sans inscription nominative" in panel.note.text()
    assert "1\u00a0séance annulée, non comptée" in panel.note.text()
    assert panel.period_label.text() == (
        "Toute la structure — période du 1er mars 2026 au 31 mars 2026"
    )

    rows = {row[0]: row[1:] for row in _table(panel)}
    assert rows["Prévention en sécurité numérique"] == ["1", "5", "20,0 %"]
    assert rows["Intelligence artificielle (IA)"] == ["0", "0", "0,0 %"]  # cancelled session

    # another breakdown, chosen from the keyboard
    panel.breakdown_combo.setFocus()
    while panel.breakdown_combo.currentText() != "Par tranche d'âge":
        qtbot.keyClick(panel.breakdown_combo, Qt.Key.Key_Down)
    rows = {row[0]: row[1:] for row in _table(panel)}
    assert rows["60 - 69 ans"] == ["1", "2", "20,0 %"]
    assert rows["Non communiqué"] == ["0", "3", "0,0 %"]
    assert "60 - 69 ans : 2" in panel.chart.accessibleDescription()
    assert panel.chart.title == "Participations par tranche d'âge"

    # the table sorts on numbers, not on text
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert _table(panel)[0][0] == "Non communiqué"


def test_preset_and_wrong_dates(qtbot, panel) -> None:  # noqa: ANN001
    panel.preset.setCurrentIndex(panel.preset.findText("Le mois dernier"))
    assert _figures(panel)["workshops"] == "3"  # March, seen from 15 April
    panel.set_period(date(2026, 3, 31), date(2026, 3, 1))
    assert panel.error.isVisible()
    assert "avant de commencer" in panel.error.text()
    assert not panel.csv_button.isEnabled() and not panel.save_button.isEnabled()
    panel.set_period(date(2026, 4, 1), date(2026, 4, 30))
    assert not panel.error.isVisible() and panel.csv_button.isEnabled()
    assert _figures(panel)["workshops"] == "1"


def test_a_year_is_computed_in_the_background_and_the_latest_choice_wins(
    qtbot, panel  # noqa: ANN001
) -> None:
    # the default « Cette année » was started when the page was shown
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    year = _figures(panel)
    panel.set_period(date(2026, 1, 1), date(2026, 12, 31))
    assert panel.computing()  # longer than a quarter: not computed on the GUI thread
    assert not panel.csv_button.isEnabled()  # no export of figures not yet computed
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    assert _figures(panel) == year and panel.csv_button.isEnabled()
    assert panel.report is not None and panel.report.period.end == date(2026, 12, 31)

    # a short period chosen while a long one computes is what stays on the page
    panel.set_period(date(2025, 1, 1), date(2026, 12, 31))
    assert panel.computing()
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert not panel.computing() and _figures(panel)["participations"] == "9"
    # the long computation ends meanwhile and is dropped
    qtbot.waitUntil(lambda: operations.operations_running() == 0, timeout=5000)
    qtbot.wait(50)
    assert panel.report.period.start == date(2026, 3, 1)
    assert _figures(panel)["participations"] == "9"
    assert "mars 2026" in panel.period_label.text()


def test_csv_and_pdf_exports(qtbot, panel, tmp_path: Path, monkeypatch, messages) -> None:  # noqa: ANN001
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    csv_path = tmp_path / "bilan"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: csv_path.with_suffix(".csv"))
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    text = csv_path.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert "Heures d'activité;5,2" in text and "Commune de Saint-Léger-de-Fougeret" in text
    assert messages[-1][0] == "Exporter le bilan"

    pdf_path = tmp_path / "bilan.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: pdf_path)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Bilan d'activité" in text and "Participations par thématique" in text


def test_panel_follows_changes(qtbot, panel) -> None:  # noqa: ANN001
    from datetime import datetime

    from desktop_app.models.workshops import WorkshopSession

    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    with panel.ctx.db.session() as session:
        session.add(
            WorkshopSession(
                title="Nouvel atelier", start=datetime(2026, 3, 18, 10), duration_min=60
            )
        )
    panel.ctx.notify("workshops")
    qtbot.waitUntil(lambda: _figures(panel)["workshops"] == "4", timeout=3000)


# -- document actions ---------------------------------------------------------------------------


def test_attestations_of_a_session_run_in_background(qtbot, ctx, tmp_path: Path, messages) -> None:  # noqa: ANN001
    small_dataset(ctx.db)
    out = tmp_path / "attestations.pdf"
    job = exports.print_attestations(None, ctx, session_id=1, out=out)
    assert job is not None and job.total == 2
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert job.outcome == "ok"
    text = [page.extract_text() for page in PdfReader(out).pages]
    assert len(text) == 2
    assert "Alice AUBERT" in text[0] and "Bruno BESNARD" in text[1]
    assert "CHEVALIER" not in " ".join(text) and "DUFOUR" not in " ".join(text)
    assert "2 attestation(s)" in messages[-1][1]

    # a session where nobody was marked present: a message, no file, no job
    assert exports.print_attestations(None, ctx, session_id=4, out=tmp_path / "none.pdf") is None
    assert "Aucune personne n'est marquée « Présent » à cette séance" in messages[-1][1]
    assert not (tmp_path / "none.pdf").exists()


def test_attestations_cancel_button(qtbot, ctx, tmp_path: Path, monkeypatch, messages) -> None:  # noqa: ANN001
    """ "Annuler" pressed while the batch runs stops it between two pages: no PDF, no
    temporary file, no message; the dialog said "Attestation n sur N" meanwhile."""
    realistic_month(ctx.db)
    from desktop_app.services.workshops.attestations import load_certificates
    from desktop_app.services.workshops.periods import month_period

    with ctx.db.session() as session:
        batch = load_certificates(session, period=month_period(2026, 3))
    assert len(batch.items) > 10
    monkeypatch.setattr(operations, "SHOW_AFTER_MS", 0)
    from desktop_app.services.workshops import printing

    build = printing.build_attestations

    def slow_pages(out, batch, *, on_page, **kw):  # noqa: ANN001, ANN003, ANN202 - a slow computer
        def page(done: int, total: int) -> None:
            time.sleep(0.02)
            on_page(done, total)

        build(out, batch, on_page=page, **kw)

    monkeypatch.setattr(printing, "build_attestations", slow_pages)
    seen: list[str] = []

    def press_cancel_after_a_page() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                label = dialog.findChild(QLabel).text()
                seen.append(label)
                if dialog.value() >= 1:
                    cancel = next(
                        b for b in dialog.findChildren(QPushButton) if b.text() == "Annuler"
                    )
                    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
                    timer.stop()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(press_cancel_after_a_page)
    timer.start()
    folder = tmp_path / "documents"
    folder.mkdir()
    out = folder / "attestations.pdf"
    job = exports.write_attestations(None, ctx, out, batch)
    timer.stop()
    assert job.outcome == "cancelled"
    assert any(
        text.startswith("Attestation ") and f" sur {len(batch.items)}" in text for text in seen
    ), seen
    assert list(folder.iterdir()) == []  # neither the PDF nor a temporary file
    assert messages == []


def test_attestations_of_a_period_ask_for_dates(
    qtbot, ctx, tmp_path: Path, monkeypatch, messages
) -> None:  # noqa: ANN001
    small_dataset(ctx.db)
    seen = {}

    def fill(dialog) -> bool:  # noqa: ANN001
        seen["start"] = dialog.start_edit.date().toString("dd/MM/yyyy")
        dialog.end_edit.setDate(dialog.start_edit.date().addDays(-1))
        dialog.accept()  # refused: the end is before the start
        seen["error"] = dialog.error.text()
        dialog.end_edit.setDate(dialog.start_edit.date().addMonths(1).addDays(-1))
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(exports, "exec_dialog", fill)
    out = tmp_path / "mars.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: out)
    job = exports.print_attestations(None, ctx, start=date(2026, 3, 14))
    assert seen["start"] == "01/03/2026"
    assert "avant la date de début" in seen["error"]
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=10000)
    assert len(PdfReader(out).pages) == 5


def test_ics_export_dialog(qtbot, ctx, tmp_path: Path, monkeypatch, messages) -> None:  # noqa: ANN001
    small_dataset(ctx.db)

    def choose_period(dialog) -> bool:  # noqa: ANN001
        assert dialog.future_radio.isChecked() and not dialog.start_edit.isEnabled()
        dialog.period_radio.setChecked(True)
        assert dialog.start_edit.isEnabled()
        dialog.start_edit.setDate(dialog.start_edit.date().fromString("01/03/2026", "dd/MM/yyyy"))
        dialog.end_edit.setDate(dialog.end_edit.date().fromString("31/03/2026", "dd/MM/yyyy"))
        dialog.accept()
        return True

    monkeypatch.setattr(exports, "exec_dialog", choose_period)
    out = tmp_path / "ateliers.ics"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: out)
    assert exports.export_ics(None, ctx) == out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 6
    assert messages[-1][1] == (
        "6\u00a0séances du 1er mars 2026 au 31 mars 2026 exportées dans « ateliers.ics », "
        "dont 1\u00a0annulée."
    )


def test_programme_and_sign_in_sheet(qtbot, ctx, tmp_path: Path, monkeypatch, messages) -> None:  # noqa: ANN001
    from PySide6.QtGui import QDesktopServices

    small_dataset(ctx.db)
    target = tmp_path / "programme.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: target)
    assert exports.print_programme(None, ctx, date(2026, 3, 12), save=True) == target
    assert "Premiers pas sur la tablette" in PdfReader(target).pages[0].extract_text()

    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    path = exports.print_sign_in_sheet(None, ctx, 1)
    assert path is not None and opened == [str(path)]
    assert "AUBERT" in PdfReader(path).pages[0].extract_text()
    assert exports.print_sign_in_sheet(None, ctx, 999) is None
    assert "n'existe pas" in messages[-1][1]


def test_buttons_in_the_planner(qtbot, main_window, tmp_path: Path, monkeypatch, messages) -> None:  # noqa: ANN001
    from desktop_app.views.workshops_tab import WorkshopsTab

    tab = main_window.tab(WorkshopsTab)
    assert tab.reports_panel is not None
    assert tab.inner_tabs.tabText(tab.inner_tabs.indexOf(tab.reports_panel)) == "Bilan d'activité"
    actions = [a.text() for a in tab.programme_actions]
    assert actions == ["&Programme du mois — aperçu", "Programme du mois — enregistrer le P&DF…"]
    target = tmp_path / "programme.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: target)
    tab.programme_actions[1].trigger()
    assert PdfReader(target).metadata.title.startswith("Programme des ateliers numériques")

    tab.panel.show_session(None)
    tab.session_attestations()
    assert messages[-1][1] == "Choisissez d'abord une séance dans le calendrier."


def test_the_breakdown_choice_is_wide_enough_once_computed_later(qtbot, panel) -> None:  # noqa: ANN001
    """The year's figures come after the page is shown: the breakdown's choice is not left
    the width of the empty box it was then (« Par thém »)."""
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    combo = panel.breakdown_combo
    widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                 for i in range(combo.count()))
    qtbot.waitUntil(lambda: combo.width() >= widest, timeout=2000)


def test_no_export_of_the_previous_period_while_new_dates_wait(qtbot, panel) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert panel.csv_button.isEnabled()
    panel.end_edit.edit.setFocus()
    panel.end_edit.edit.selectAll()
    qtbot.keyClicks(panel.end_edit.edit, "15/03/2026")
    qtbot.keyClick(panel.end_edit.edit, Qt.Key.Key_Return)
    assert not panel.csv_button.isEnabled()  # March's whole figures are still shown
    qtbot.waitUntil(panel.csv_button.isEnabled, timeout=3000)
    assert panel.report is not None and panel.report.period.end == date(2026, 3, 15)


def test_a_failed_computation_leaves_no_figures_of_another_period(
    qtbot, panel, monkeypatch  # noqa: ANN001
) -> None:
    from desktop_app.views.workshops import reports

    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    panel.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert _figures(panel)["participations"] == "9"

    def failing(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise ValueError("La base est occupée : réessayez dans un instant.")

    monkeypatch.setattr(reports, "compute_report", failing)
    panel.set_period(date(2025, 1, 1), date(2026, 3, 31))  # long: in the background
    qtbot.waitUntil(lambda: not panel.computing(), timeout=5000)
    assert "Bilan non calculé" in panel.error.text() and panel.error.isVisible()
    assert set(_figures(panel).values()) == {"—"}
    assert panel.model.rowCount() == 0 and not panel.csv_button.isEnabled()
