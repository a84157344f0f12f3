"""The "Bilan d'activité" page of the "Ateliers" tab: a period, the key figures, one
breakdown at a time as a table and a bar chart, and the CSV / PDF exports.

The figures come from ``services.workshops.stats.compute_report`` (a few aggregate queries).
A period of up to a quarter is recomputed on the GUI thread, a short moment after the dates stop
changing (a few milliseconds); a longer one — the default « Cette année » included — is computed
in the background (``start_operation``): the page says « Calcul du bilan… », keeps answering,
and a period or conseiller chosen meanwhile wins over the reading it replaces (at ``--scale 100``
a year held the window about 100 ms when computed here). It computes when first shown, and
again when shown after the workshops changed (here or in another tab) or after a session of the
period counted « à venir » has begun since, never while hidden. A change announced while a
computation runs makes the page stale again: that computation may have read the base before it.
The CSV and PDF exports are written off the GUI thread too (``exports``, ``files``).

The chart is drawn with QPainter: QtCharts is not part of PySide6-Essentials.

"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.dates import DateInputError, DateRange, add_months, month_bounds
from desktop_app.services.formatting import number
from desktop_app.services.french import plural
from desktop_app.services.workshops.periods import Period, PeriodError
from desktop_app.services.workshops.stats import (
    ActivityReport,
    Breakdown,
    breakdown_cells,
    breakdown_header,
    breakdown_total_cells,
    compute_report,
    report_file_name,
)
from desktop_app.views.common import files
from desktop_app.views.common.date_fields import DateField
from desktop_app.views.common.forms import ERROR_STYLE
from desktop_app.views.common.operations import Outcome, start_operation
from desktop_app.views.common.tables import Column, RowsModel, RowsProxy, rows_table
from desktop_app.views.context import AppContext
from desktop_app.views.workshops import exports

ACCENT = QColor("#1f4e79")
# A period longer than this (a quarter) is computed in the background, off the GUI thread.
SYNC_DAYS = 92
WAITING_LOOK_MS = 250  # how long a background computation goes before the page says so
EARLIEST = date(2000, 1, 1)  # the oldest activity a report may cover

PRESETS = {
    "this_month": "Ce mois-ci",
    "last_month": "Le mois dernier",
    "this_year": "Cette année",
    "last_year": "L'année dernière",
    "last_12": "Les 12 derniers mois",
    "custom": "Dates choisies",
}


def preset_period(key: str, today: date) -> tuple[date, date]:
    first, last = month_bounds(today)
    if key == "this_month":
        return first, last
    if key == "last_month":
        return month_bounds(add_months(first, -1))
    if key == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    # the 12 months up to the end of the current one
    return add_months(first, -11), last


@dataclass(frozen=True)
class BreakdownLine:
    """One row of the breakdown table: its texts, and numbers to sort on."""

    index: int
    cells: list[str]
    count: int
    participations: int


def _columns(header: list[str]) -> list[Column[BreakdownLine]]:
    keys = (lambda r: r.index, lambda r: r.count, lambda r: r.participations, lambda r: r.count)
    return [
        Column(title, (lambda r, c=column: r.cells[c]), keys[column], align_right=column > 0)
        for column, title in enumerate(header)
    ]


def breakdown_lines(breakdown: Breakdown, report: ActivityReport) -> list[BreakdownLine]:
    cells = breakdown_cells(breakdown, report)
    return [
        BreakdownLine(
            i, cells[i], row.people if breakdown.by_people else row.sessions, row.participations
        )
        for i, row in enumerate(breakdown.rows)
    ]


def totals_text(breakdown: Breakdown, report: ActivityReport) -> str:
    """The total line(s) of the CSV and the PDF, written under the table (outside it, so that
    sorting the rows never moves them)."""
    from desktop_app.services.french import plural

    header = breakdown_header(breakdown)
    first, second = (h.lower().removesuffix("s") for h in header[1:3])  # "séance", "personne"
    return "\n".join(
        f"{cells[0]} : {plural(int(cells[1]), first)}, {plural(int(cells[2]), second)}"
        for cells in breakdown_total_cells(breakdown, report)
    )


class BarChart(QWidget):
    """Horizontal bars with their labels and values, drawn with QPainter."""

    ROW = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.rows: list[tuple[str, int]] = []
        self.setAccessibleName("Graphique du bilan")
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, rows: list[tuple[str, int]]) -> None:
        self.title = title
        self.rows = rows
        description = "; ".join(f"{label} : {value}" for label, value in rows) or "aucune activité"
        self.setAccessibleDescription(f"{title}. {description}")
        self.setToolTip(title)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, 40 + self.ROW * max(len(self.rows), 4))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        text_color = self.palette().text().color()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(ACCENT)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 22), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        if not self.rows or not any(v for _, v in self.rows):
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, 30, self.width(), self.height() - 30),
                Qt.AlignmentFlag.AlignCenter,
                "Aucune activité sur la période",
            )
            painter.end()
            return
        top = 32
        row_h = min(self.ROW, max(14, (self.height() - top - 6) // len(self.rows)))
        widest = max(metrics.horizontalAdvance(label) for label, _ in self.rows)
        label_w = min(widest + 12, int(self.width() * 0.48))
        value_w = metrics.horizontalAdvance("00000") + 8
        bar_left = label_w + 6
        bar_span = max(self.width() - bar_left - value_w - 8, 10)
        peak = max(v for _, v in self.rows) or 1
        for i, (label, value) in enumerate(self.rows):
            y = top + i * row_h
            painter.setPen(text_color)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(4, y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            width = bar_span * value / peak
            painter.fillRect(
                QRectF(bar_left, y + 3, max(width, 1 if value else 0), row_h - 6), ACCENT
            )
            painter.drawText(
                QRectF(bar_left + width + 4, y, value_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        painter.end()


class _Figure(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("reportFigure")
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet("color: #1f4e79;")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class ReportsPanel(QWidget):
    """ "Bilan d'activité": choose a period, read the figures, export them."""

    FIGURES = (
        ("workshops", "Ateliers collectifs"),
        ("individual", "Accompagnements individuels"),
        ("people", "Personnes distinctes"),
        ("participations", "Participations (présences)"),
        ("hours", "Heures d'activité"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ActivityReport | None = None
        self._dirty = True
        self._holders_stale = True  # the conseiller choice, read again after a change
        self._reading = 0  # the latest computation asked for; an older one's result is dropped
        self._computing = False
        self.setObjectName("workshopsReportsPanel")
        top = self._build_period_row()
        figures = self._build_figures()
        choose, splitter = self._build_breakdown()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.period_label)
        layout.addLayout(figures)
        layout.addWidget(self.note)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        ctx.changed.connect(self._on_changed)
        # computed when first shown: the page sits in a hidden sub-tab at start-up

    # -- building --
    def _build_period_row(self) -> QHBoxLayout:
        today = self.ctx.today()
        self.preset = QComboBox()
        for key, label in PRESETS.items():
            self.preset.addItem(label, key)
        start, end = preset_period("this_year", today)
        latest = date(today.year + 1, 12, 31)
        self.start_edit = DateField(
            start, today=today, valid=DateRange(EARLIEST, latest, "Le premier jour du bilan")
        )
        self.start_edit.edit.setAccessibleName("Premier jour du bilan")
        self.end_edit = DateField(
            end, today=today, valid=DateRange(EARLIEST, latest, "Le dernier jour du bilan")
        )
        self.end_edit.edit.setAccessibleName("Dernier jour du bilan")
        self.preset.setCurrentIndex(list(PRESETS).index("this_year"))
        self.conseiller = QComboBox()
        self.conseiller.setAccessibleName("Conseiller du bilan")
        self.conseiller.addItem("Toute la structure", None)
        self.conseiller.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.conseiller.setMaximumWidth(260)
        self.conseiller.currentIndexChanged.connect(lambda _i: self.refresh())
        # mnemonics avoid F, D, À and A, taken by the menu bar (Fichier, Édition, Aller à,
        # Aide); none sits next to « ç », whose cedilla reads as the underline
        self.csv_button = QPushButton("Exporter en &CSV…")
        self.preview_button = QPushButton("Ap&erçu du PDF")
        self.save_button = QPushButton("E&nregistrer le PDF…")
        self.csv_button.clicked.connect(self.export_csv)
        self.preview_button.clicked.connect(lambda: self.print_pdf(save=False))
        self.save_button.clicked.connect(lambda: self.print_pdf(save=True))
        top = QHBoxLayout()
        for text, widget in (
            ("&Période", self.preset),
            ("D&u", self.start_edit),
            ("&Jusqu'au", self.end_edit),
            ("C&onseiller", self.conseiller),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch()
        for b in (self.csv_button, self.preview_button, self.save_button):
            top.addWidget(b)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        return top

    def _build_figures(self) -> QGridLayout:
        self.period_label = QLabel()
        font = self.period_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.period_label.setFont(font)
        figures = QGridLayout()
        self.figures: dict[str, _Figure] = {}
        for i, (key, caption) in enumerate(self.FIGURES):
            figure = _Figure(caption)
            self.figures[key] = figure
            figures.addWidget(figure, 0, i)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        return figures

    def _build_breakdown(self) -> tuple[QHBoxLayout, QSplitter]:
        self.breakdown_combo = QComboBox()
        # filled once the figures are computed (in the background for a long period), after
        # the page is shown: its width follows its items, not the empty box of the first show
        self.breakdown_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.breakdown_label = QLabel("Répar&tition")
        self.breakdown_label.setBuddy(self.breakdown_combo)
        self.breakdown_combo.currentIndexChanged.connect(self._show_breakdown)
        self.model: RowsModel[BreakdownLine] = RowsModel([], lambda r: r.index, self)
        self.proxy = RowsProxy(self)
        self.table = rows_table("Tableau de la répartition", self.model, self.proxy)
        self.table.setObjectName("reportTable")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.chart = BarChart()
        self.totals = QLabel()
        self.totals.setObjectName("reportTotals")
        self.totals.setWordWrap(True)
        font = self.totals.font()
        font.setBold(True)
        self.totals.setFont(font)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.totals)
        choose = QHBoxLayout()
        choose.addWidget(self.breakdown_label)
        choose.addWidget(self.breakdown_combo)
        choose.addStretch()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 420])
        return choose, splitter

    # -- period --
    def period(self) -> Period:
        """The typed period; ``PeriodError`` (or ``DateInputError``) when it is not one."""
        start, end = self.start_edit.value(), self.end_edit.value()
        assert start is not None and end is not None
        return Period(start, end)

    def set_period(self, start: date, end: date) -> None:
        """Show the report of ``start``..``end`` (both included) right away."""
        self.start_edit.set_value(start)
        self.end_edit.set_value(end)
        self._select_preset("custom")
        self.refresh()

    def _select_preset(self, key: str) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(list(PRESETS).index(key))
        self.preset.blockSignals(False)

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        if key == "custom":
            return
        start, end = preset_period(key, self.ctx.today())
        self.start_edit.set_value(start)
        self.end_edit.set_value(end)
        self.refresh()

    def _dates_changed(self) -> None:
        self._select_preset("custom")
        # the figures shown are the previous dates' until the pause after typing: no export
        # of them under the new dates meanwhile
        for b in (self.csv_button, self.preview_button, self.save_button):
            b.setEnabled(False)
        self._timer.start()

    def _on_changed(self, area: str) -> None:
        if area in ("workshops", "structure", "profiles"):
            self._dirty = self._holders_stale = True
            if self.isVisible():
                self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty or self._sessions_begun_since():
            self.refresh()

    def _sessions_begun_since(self) -> bool:
        """True when the first session the figures left « à venir » has begun since: a begun
        session is counted. (Not merely when the clock has moved: the current year always has
        sessions to come, and each showing would compute the year again.)"""
        report = self.report
        return (
            report is not None
            and report.next_planned_start is not None
            and self.ctx.now() >= report.next_planned_start
        )

    # -- figures --
    def refresh(self) -> None:
        self._timer.stop()
        try:
            period = self.period()
        except (PeriodError, DateInputError) as exc:
            self._reading += 1  # a computation still going is no longer wanted
            self._computing = False
            self.error.setText(str(exc))
            self.error.setVisible(True)
            for b in (self.csv_button, self.preview_button, self.save_button):
                b.setEnabled(False)
            return
        self.error.setVisible(False)
        self._compute(period)

    def _show_computed(self, report: ActivityReport) -> None:
        # ``_dirty`` was cleared when this computation started (``_compute``): a change
        # announced since keeps the page stale
        self.report = report
        for b in (self.csv_button, self.preview_button, self.save_button):
            b.setEnabled(True)
        self._show_report()

    def computing(self) -> bool:
        """True while a period's figures are being computed in the background."""
        return self._computing

    def _show_nothing(self) -> None:
        """No figures: those of another period must not stay beside a refusal."""
        self.report = None
        for figure in self.figures.values():
            figure.value.setText("—")
        self.note.setText("")
        self._show_breakdown()

    def _look_waiting(self, ticket: int, period: Period) -> None:
        if ticket != self._reading or not self._computing:
            return
        self.period_label.setText(f"Calcul du bilan — période {period.label()}…")
        for figure in self.figures.values():
            figure.value.setText("…")
        self.note.setText("")
        self._show_breakdown()  # the table and the chart of the previous period go too

    def chosen_conseiller(self) -> str | None:
        """The ``conflicts.conseiller_key`` of the chosen conseiller; None for everyone."""
        return self.conseiller.currentData()

    def _fill_conseillers(self) -> None:
        """The recruited conseillers and the mediators named on sessions, kept chosen."""
        from desktop_app.services.lacoop.conseillers import holders
        from desktop_app.views.workshops.conseiller_choice import set_conseillers

        with self.ctx.db.session() as s:
            set_conseillers(self.conseiller, [(h.label, h.key) for h in holders(s)])

    def _compute(self, period: Period) -> None:
        """Show the figures of ``period``: at once for a short one, else once computed in the
        background — the page says so meanwhile, and only the latest request is shown."""
        now = self.ctx.now()  # read here, on the GUI thread; it travels with the job
        if self._holders_stale:
            self._fill_conseillers()
            self._holders_stale = False
        who = self.chosen_conseiller()
        self._dirty = False  # this reading sees every change announced until now
        self._reading += 1
        ticket = self._reading
        if (period.end - period.start).days <= SYNC_DAYS:
            self._computing = False
            with self.ctx.db.session() as session:
                self._show_computed(compute_report(session, period, now, conseiller=who))
            return
        self._computing = True
        self.report = None
        for b in (self.csv_button, self.preview_button, self.save_button):
            b.setEnabled(False)
        # the figures shown are the previous period's: past a moment, they give way to
        # « … » (not at once: a year computes in about a tenth of a second, a flash otherwise)
        QTimer.singleShot(WAITING_LOOK_MS, self, lambda: self._look_waiting(ticket, period))

        def work(job):  # noqa: ANN001, ANN202 - a Job, an ActivityReport
            with job.db.session() as session:
                return compute_report(session, period, now, conseiller=who)

        def computed(outcome: Outcome[ActivityReport]) -> None:
            if ticket != self._reading or not shiboken6.isValid(self):
                return  # another period or conseiller chosen since, or the page closed
            self._computing = False
            if outcome.ok and outcome.value is not None:
                self._show_computed(outcome.value)
                return
            self._dirty = True  # tried again when shown again
            self.period_label.setText("")
            self._show_nothing()
            self.error.setText(
                f"Bilan non calculé : {outcome.message or 'la lecture de la base a échoué.'}"
            )
            self.error.setVisible(True)

        start_operation(work, db=self.ctx.db, on_done=computed)

    def _show_report(self) -> None:
        report = self.report
        assert report is not None
        self.period_label.setText(f"{report.scope_label()} — période {report.period.label()}")
        values = {
            "workshops": number(report.workshops),
            "individual": number(report.individual),
            "people": number(report.people),
            "participations": number(report.participations),
            "hours": number(report.hours, 1),  # on screen, thousands spaced (not in the CSV)
        }
        for key, figure in self.figures.items():
            figure.value.setText(values[key])
            figure.setAccessibleName(f"{figure.caption.text()} : {values[key]}")
        notes = [report.counting_rule()]
        if report.planned:
            notes.append(
                "1 séance à venir dans la période, non comptée"
                if report.planned == 1
                else f"{report.planned} séances à venir dans la période, non comptées"
            )
        if report.anonymous:
            came = plural(report.anonymous, "participation")
            notes.append(f"dont {came} sans inscription nominative")
        if report.cancelled:
            n = report.cancelled
            notes.append(f"{plural(n, 'séance annulée')}, {'non comptée' if n == 1 else 'non comptées'}")
        self.note.setText(" · ".join(notes))
        self.note.setVisible(True)
        current = self.breakdown_combo.currentIndex()
        self.breakdown_combo.blockSignals(True)
        self.breakdown_combo.clear()
        for breakdown in report.breakdowns:
            self.breakdown_combo.addItem(breakdown.title, breakdown.column)
        self.breakdown_combo.setCurrentIndex(max(current, 0))
        self.breakdown_combo.blockSignals(False)
        self._show_breakdown()

    def current_breakdown(self) -> Breakdown | None:
        if self.report is None or self.breakdown_combo.currentIndex() < 0:
            return None
        return self.report.breakdown(self.breakdown_combo.currentData())

    def _show_breakdown(self) -> None:
        breakdown = self.current_breakdown()
        if breakdown is None or self.report is None:
            self.model.beginResetModel()
            self.model.columns = []
            self.model.endResetModel()
            self.model.set_rows([])
            self.totals.setText("")
        else:
            self.totals.setText(totals_text(breakdown, self.report))
            self.model.columns = _columns(breakdown_header(breakdown))
            self.model.set_rows(breakdown_lines(breakdown, self.report))
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 0
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.setAccessibleName(
            f"Tableau : {breakdown.title.lower()}" if breakdown else "Tableau"
        )
        if breakdown is None:
            self.chart.set_data("", [])
            return
        rows = [(r.label, r.participations) for r in breakdown.rows]
        if breakdown.column == "Thématique":
            rows = sorted((r for r in rows if r[1]), key=lambda r: -r[1])
        title = f"Participations {breakdown.title.lower()}"
        self.chart.set_data(title, rows)

    # -- exports --
    def export_csv(self) -> Path | None:
        if self.report is None:
            return None
        return exports.write_report_csv(
            self, self.ctx, self.report, self.ctx.structure().display_name
        )

    def print_pdf(self, save: bool = False) -> Path | None:
        if self.report is None:
            return None
        from desktop_app.services.workshops.printing import write_report

        report = self.report
        structure = self.ctx.structure()
        issued = self.ctx.today()

        def build(path: Path) -> None:
            write_report(path, report, structure, issued=issued)

        action = files.save_pdf if save else files.preview_pdf
        return action(
            self,
            build,
            report_file_name(report.period, conseiller=report.conseiller),
            label="Préparation du bilan d'activité…",
        )
