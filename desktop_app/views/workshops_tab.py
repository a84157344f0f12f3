"""Tab "Ateliers": the conseiller's planner (week, month and list views), the session editor,
and the selected session's participants and attendance.

Only the displayed range is read from the database (a week, a month grid, or the list's period),
so changing week stays instant with years of history. Part B's activity report and document
actions are added by ``_install_reports`` when ``views/workshops/reports.py`` provides them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.workshops import SESSION_KINDS, SESSION_STATUSES, THEMES
from desktop_app.services.formatting import date_full
from desktop_app.services.workshops import WorkshopError
from desktop_app.services.workshops import calendar as cal
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.context import AppContext
from desktop_app.views.tab_base import TabBase
from desktop_app.views.widgets import ask, warn
from desktop_app.views.workshops.calendar_views import MonthView, WeekView, monday_of, qdate
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops.session_list import ID_ROLE, SessionSortProxy, SessionTableModel
from desktop_app.views.workshops.session_panel import SessionPanel

VIEWS = ("week", "month", "list")
LIST_PERIODS = {"week": "Semaine", "month": "Mois", "year": "Année"}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


class WorkshopsTab(TabBase):
    TITLE = "Ateliers"
    AREAS_SHOWN = ("structure", "profiles", "workshops", "kit")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view = "week"
        self.anchor = date.today()
        self.list_period = "month"
        self.range: cal.PlannerRange | None = None
        self._build()
        self._install_reports()
        self.refresh()

    # -- building --
    def _build(self) -> None:
        self.new_workshop_button = QPushButton("Nouvel a&telier…")
        self.new_workshop_button.clicked.connect(lambda: self.new_session("collectif"))
        self.new_individual_button = QPushButton("Nouvel accompa&gnement…")
        self.new_individual_button.clicked.connect(lambda: self.new_session("individuel"))
        self.prev_button = QPushButton("◀")
        self.prev_button.setAccessibleName("Période précédente")
        self.prev_button.setToolTip("Période précédente (Ctrl+Page précédente)")
        self.prev_button.setShortcut("Ctrl+PgUp")
        self.prev_button.clicked.connect(lambda: self.move(-1))
        self.today_button = QPushButton("Aujourd'&hui")
        self.today_button.clicked.connect(self.go_today)
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName("Période suivante")
        self.next_button.setToolTip("Période suivante (Ctrl+Page suivante)")
        self.next_button.setShortcut("Ctrl+PgDown")
        self.next_button.clicked.connect(lambda: self.move(1))
        self.period_label = QLabel()
        self.period_label.setObjectName("workshopsPeriod")
        font = self.period_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.period_label.setFont(font)
        self.view_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for key, label in (("week", "&Semaine"), ("month", "M&ois"), ("list", "&Liste")):
            b = QPushButton(label)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, k=key: self.set_view(k))
            group.addButton(b)
            self.view_buttons[key] = b
        self.view_buttons["week"].setChecked(True)

        top = QHBoxLayout()
        top.addWidget(self.new_workshop_button)
        top.addWidget(self.new_individual_button)
        top.addSpacing(16)
        top.addWidget(self.prev_button)
        top.addWidget(self.today_button)
        top.addWidget(self.next_button)
        top.addSpacing(8)
        top.addWidget(self.period_label, 1)
        for b in self.view_buttons.values():
            top.addWidget(b)
        # part B's document buttons ("Programme du mois", ".ics") go in this row
        self.documents_bar = QHBoxLayout()
        self.documents_bar.addStretch()

        # list filters
        self.theme_filter = QComboBox()
        self.theme_filter.addItem("Toutes", None)
        for key, label in THEMES.items():
            self.theme_filter.addItem(label, key)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Tous", None)
        for key, label in SESSION_STATUSES.items():
            self.status_filter.addItem(label, key)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("Tous", None)
        for key, label in SESSION_KINDS.items():
            self.kind_filter.addItem(label, key)
        self.period_filter = QComboBox()
        for key, label in LIST_PERIODS.items():
            self.period_filter.addItem(label, key)
        self.period_filter.setCurrentIndex(1)
        for combo in (self.theme_filter, self.status_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
        self.period_filter.currentIndexChanged.connect(self._period_changed)
        self.filters = QWidget()
        fl = QHBoxLayout(self.filters)
        fl.setContentsMargins(0, 0, 0, 0)
        for text, combo in (
            ("T&hématique", self.theme_filter),
            ("Stat&ut", self.status_filter),
            ("T&ype", self.kind_filter),
            ("&Période", self.period_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            fl.addWidget(label)
            fl.addWidget(combo)
        fl.addStretch()
        self.list_count = QLabel()
        fl.addWidget(self.list_count)

        self.week_view = WeekView()
        self.month_view = MonthView()
        self.list_model = SessionTableModel(self)
        self.list_proxy = SessionSortProxy(self)
        self.list_proxy.setSourceModel(self.list_model)
        self.list_view = QTableView()
        self.list_view.setObjectName("workshopsList")
        self.list_view.setAccessibleName("Liste des séances")
        self.list_view.setModel(self.list_proxy)
        self.list_view.setSortingEnabled(True)
        self.list_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.list_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list_view.verticalHeader().setDefaultSectionSize(
            self.list_view.fontMetrics().height() + 8
        )
        self.list_view.setWordWrap(False)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((125, 100, 60, 190, 320, 220, 200, 110, 80)):
            self.list_view.setColumnWidth(col, width)
        self.list_view.selectionModel().currentRowChanged.connect(self._list_current)
        self.list_view.activated.connect(lambda _i: self.edit_session(self.panel.session_id))
        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.filters)
        ll.addWidget(self.list_view)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.week_view)
        self.stack.addWidget(self.month_view)
        self.stack.addWidget(list_page)
        for v in (self.week_view, self.month_view):
            v.session_selected.connect(self.show_session)
            v.session_activated.connect(self.edit_session)
        self.month_view.day_activated.connect(self._open_week_of)
        self.week_view.slot_activated.connect(lambda start: self.new_session("collectif", start))

        chips = (
            ("#9fbde3", "Atelier collectif"),
            ("#a9d6a0", "Accompagnement individuel"),
            ("#c8c8c8", "Annulé"),
            ("#f0a8a8", "Jour férié"),
            ("#a9bff0", "Formation du conseiller"),
            ("#dddddd", "Bibliothèque fermée"),
        )
        self.legend = QLabel(
            " &nbsp; ".join(
                f"<span style='color:{color}; font-size:large'>&#9632;</span>&nbsp;{text}"
                for color, text in chips
            )
        )
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.stack, 1)
        lv.addWidget(self.legend)

        self.panel = SessionPanel(self.ctx.db)
        self.panel.changed.connect(self._panel_changed)
        self.panel.edit_requested.connect(self.edit_session)
        self.panel.cancel_requested.connect(self.cancel_session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 440])

        planning = QWidget()
        pv = QVBoxLayout(planning)
        pv.addLayout(top)
        pv.addLayout(self.documents_bar)
        pv.addWidget(self.splitter, 1)
        self.inner_tabs = QTabWidget()
        self.inner_tabs.setObjectName("workshopsInnerTabs")
        self.inner_tabs.addTab(planning, "Planning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner_tabs)
        self._update_view_widgets()

    def _install_reports(self) -> None:
        """Part B's "Bilan d'activité" panel and document actions, when they exist."""
        try:
            from desktop_app.views.workshops import reports
        except ImportError:
            self.reports_panel = None
            return
        panel_class = getattr(reports, "ReportsPanel", None)
        self.reports_panel = panel_class(self.ctx) if panel_class else None
        if self.reports_panel is not None:
            self.inner_tabs.addTab(self.reports_panel, "Bilan d'activité")
        install = getattr(reports, "install_planner_actions", None)
        if install is not None:
            install(self)

    # -- the displayed range --
    def today(self) -> date:
        return date.today()

    def visible_range(self) -> tuple[date, date]:
        if self.view == "week":
            start = monday_of(self.anchor)
            return start, start + timedelta(days=7)
        if self.view == "month":
            start = monday_of(self.anchor.replace(day=1))
            return start, start + timedelta(days=42)
        if self.list_period == "week":
            start = monday_of(self.anchor)
            return start, start + timedelta(days=7)
        if self.list_period == "month":
            first = self.anchor.replace(day=1)
            return first, _add_months(first, 1)
        return date(self.anchor.year, 1, 1), date(self.anchor.year + 1, 1, 1)

    def period_text(self) -> str:
        locale = QLocale()
        unit = self.list_period if self.view == "list" else self.view
        if unit == "week":
            start = monday_of(self.anchor)
            end = start + timedelta(days=6)
            fmt = "d MMMM yyyy" if start.year != end.year else "d MMMM"
            first = locale.toString(qdate(start), "d" if start.month == end.month else fmt)
            return f"Semaine du {first} au {locale.toString(qdate(end), 'd MMMM yyyy')}"
        if unit == "month":
            text = locale.toString(qdate(self.anchor.replace(day=1)), "MMMM yyyy")
            return text[:1].upper() + text[1:]
        return f"Année {self.anchor.year}"

    def refresh(self) -> None:
        start, end = self.visible_range()
        kw = {}
        if self.view == "list":
            kw = {
                "theme": self.theme_filter.currentData(),
                "status": self.status_filter.currentData(),
                "kind": self.kind_filter.currentData(),
            }
        with self.ctx.db.session() as s:
            self.range = cal.planner_range(s, start, end, **kw)
        self.period_label.setText(self.period_text())
        today = self.today()
        if self.view == "week":
            self.week_view.set_data(self.range, today)
        elif self.view == "month":
            self.month_view.set_month(self.range, self.anchor.replace(day=1), today)
        else:
            current = self.panel.session_id
            self.list_model.set_rows(self.range.sessions)
            n = len(self.range.sessions)
            self.list_count.setText(f"{n} séance{'s' if n > 1 else ''}")
            if current is not None:
                self._select_in_list(current)
        self.panel.reload()

    # -- navigation --
    def set_view(self, view: str) -> None:
        self.view = view
        self.view_buttons[view].setChecked(True)
        self._update_view_widgets()
        self.refresh()

    def _update_view_widgets(self) -> None:
        self.stack.setCurrentIndex(VIEWS.index(self.view))
        self.legend.setVisible(self.view != "list")

    def _period_changed(self) -> None:
        self.list_period = self.period_filter.currentData()
        self.refresh()

    def move(self, step: int) -> None:
        unit = self.list_period if self.view == "list" else self.view
        if unit == "week":
            self.anchor += timedelta(weeks=step)
        elif unit == "month":
            self.anchor = _add_months(self.anchor, step)
        else:
            self.anchor = date(self.anchor.year + step, 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.go_to(self.today())

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    def _open_week_of(self, day: date) -> None:
        self.anchor = day
        self.set_view("week")

    # -- selection --
    def show_session(self, session_id: int) -> None:
        self.panel.show_session(session_id)

    def _list_current(self, current, _previous) -> None:  # noqa: ANN001 - QModelIndex
        if current.isValid():
            self.panel.show_session(current.data(ID_ROLE))

    def _select_in_list(self, session_id: int) -> None:
        for row in range(self.list_proxy.rowCount()):
            index = self.list_proxy.index(row, 0)
            if index.data(ID_ROLE) == session_id:
                self.list_view.selectRow(row)
                return

    def _panel_changed(self) -> None:
        self.ctx.notify("workshops")

    # -- editing --
    def make_dialog(self, **kwargs) -> SessionDialog:  # noqa: ANN003
        return SessionDialog(self.ctx.db, self, **kwargs)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows a dialog modally; tests replace this to fill the dialog and accept it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_session(self, kind: str = "collectif", start: datetime | None = None) -> None:
        if start is None:
            day = self.anchor if self.view != "month" else self.today()
            start = datetime.combine(day, time(14, 0))
        dialog = self.make_dialog(kind=kind, start=start)
        if self.run_dialog(dialog):
            self._after_save(dialog.saved_ids)

    def edit_session(self, session_id: int | None) -> None:
        if session_id is None:
            return
        try:
            dialog = self.make_dialog(session_id=session_id)
        except WorkshopError as exc:
            warn(self, "Séance introuvable", str(exc))
            self.refresh()
            return
        if self.run_dialog(dialog):
            self._after_save(dialog.saved_ids)

    def _after_save(self, ids: list[int]) -> None:
        if ids:
            with self.ctx.db.session() as s:
                first = ss.get_session(s, ids[0])
            self.anchor = first.start.date()
            self.panel.show_session(ids[0])
            if self.view in ("week", "month"):
                self.week_view.selected_id = self.month_view.selected_id = ids[0]
        self.ctx.notify("workshops")  # refreshes this tab too (AREAS_SHOWN)

    def ask_cancel_scope(self, detail: ss.SessionDetail) -> str | None:
        """ "one", "from" (this occurrence and the later ones) or None; a method for tests."""
        when = date_full(detail.start.date())
        if detail.series_id is None:
            ok = ask(
                self,
                "Annuler la séance",
                f"Annuler la séance du {when} ? Les inscriptions restent notées et le matériel "
                "du kit réservé est libéré.",
            )
            return "one" if ok else None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Annuler une séance de la série")
        box.setText(f"La séance du {when} fait partie d'une série. Que voulez-vous annuler ?")
        one = box.addButton("Cette séance seulement", QMessageBox.ButtonRole.AcceptRole)
        following = box.addButton(
            "Cette séance et les suivantes", QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton("Ne rien annuler", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is one:
            return "one"
        if box.clickedButton() is following:
            return "from"
        return None

    def cancel_session(self, session_id: int | None) -> None:
        if session_id is None:
            return
        with self.ctx.db.session() as s:
            detail = ss.get_session(s, session_id)
        scope = self.ask_cancel_scope(detail)
        if scope is None:
            return
        with self.ctx.db.session() as s:
            if scope == "from":
                sr.cancel_from(s, session_id)
            else:
                ss.cancel_session(s, session_id)
        self.ctx.notify("workshops")  # refreshes this tab too (AREAS_SHOWN)
