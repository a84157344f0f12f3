"""Tab "Ateliers": the conseiller's planner (week, month and list views), the session editor,
and the selected session's participants and attendance.

Only the displayed range is read from the database (a week, a month grid, or the list's period),
so changing week stays instant with years of history. Moving (week, month, view) reads only the
range; the conseiller choice is read again after a change (``refresh``). After a move (another
week, month or view, another conseiller) the panel follows: it keeps its session when the new
period holds it, else shows that period's first session, or none when the period has none — it
never shows a session of a period no longer on screen. Choosing a conseiller
keeps that conseiller's sessions of the range already read, and the list's theme, status and
type filters apply to its rows (the table's proxy): neither runs a query. The second inner tab is the activity
report (``views/workshops/reports.py``); the document buttons come from ``exports``.

Writes (cancelling a session or the rest of a series, what the panel records) go through the
operation runner and announce "workshops" with this tab as initiator: the tab refreshes itself
at once, the other tabs through the context.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.workshops import SESSION_KINDS, SESSION_STATUSES, THEMES
from desktop_app.services.dates import add_months, week_start
from desktop_app.services.formatting import date_full
from desktop_app.services.workshops import WorkshopError, planner
from desktop_app.services.workshops import series as sr
from desktop_app.services.workshops import sessions as ss
from desktop_app.views.common.forms import ask, warn
from desktop_app.views.common.operations import run_operation
from desktop_app.views.common.tables import ID_ROLE, RowsProxy, select_id
from desktop_app.views.common.tabs import tab_widget
from desktop_app.views.context import AppContext
from desktop_app.views.tab_base import TabBase
from desktop_app.views.workshops import exports
from desktop_app.views.workshops.calendar_views import MonthView, WeekView, qdate
from desktop_app.views.workshops.lacoop_page import LacoopPage
from desktop_app.views.workshops.reports import ReportsPanel
from desktop_app.views.workshops.session_dialog import SessionDialog
from desktop_app.views.workshops.session_list import session_table
from desktop_app.views.workshops.session_panel import SessionPanel

VIEWS = ("week", "month", "list")
LIST_PERIODS = {"week": "Semaine", "month": "Mois", "year": "Année"}


def _held_by(rows: list[ss.SessionRow], key: str) -> list[ss.SessionRow]:
    """The rows of one conseiller (``conflicts.conseiller_key``); each holder's key made once,
    not once per row (a year holds thousands of rows and a handful of holders)."""
    keys: dict[tuple[int | None, str], str] = {}
    kept = []
    for r in rows:
        holder = (r.conseiller_profile_id, r.conseiller)
        mine = keys.get(holder)
        if mine is None:
            mine = keys[holder] = r.conseiller_key
        if mine == key:
            kept.append(r)
    return kept


class WorkshopsTab(TabBase):
    TITLE = "Ateliers"
    AREAS_SHOWN = ("structure", "profiles", "workshops", "kit")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view = "week"
        self.anchor = ctx.today()
        self.list_period = "month"
        self.range: planner.PlannerRange | None = None  # shown: the chosen conseiller's
        self.range_read: planner.PlannerRange | None = None  # read: everyone's
        self._build()
        # built when first shown (a third of the tab's widgets): ``reports_panel`` and
        # ``lacoop_page`` build them for code that needs them earlier
        self._reports = self.inner_tabs.add_lazy_tab(lambda: ReportsPanel(self.ctx),
                                                     "Bilan d'activité")
        self._lacoop = self.inner_tabs.add_lazy_tab(lambda: LacoopPage(self.ctx),
                                                    "À saisir dans La Coop")
        exports.install_planner_actions(self)
        self.refresh()

    @property
    def reports_panel(self) -> ReportsPanel:
        return self._reports.ensure_built()  # type: ignore[return-value]

    @property
    def lacoop_page(self) -> LacoopPage:
        return self._lacoop.ensure_built()  # type: ignore[return-value]

    # -- building --
    def _build(self) -> None:
        top = self._build_toolbar()
        list_page = self._build_list()
        left = self._build_calendars(list_page)
        self.panel = SessionPanel(self.ctx)
        self.panel.changed.connect(self.refresh)
        self.panel.edit_requested.connect(self.edit_session)
        self.panel.cancel_requested.connect(self.cancel_session)
        # the panel keeps the width of its widest row (``SessionPanel.widest_row``) whatever
        # session it shows; a wider window widens the calendar
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([10_000, self.panel.minimumWidth()])

        planning = QWidget()
        pv = QVBoxLayout(planning)
        pv.addLayout(top)
        pv.addLayout(self.documents_bar)
        pv.addWidget(self.splitter, 1)
        self.inner_tabs = tab_widget()
        self.inner_tabs.setObjectName("workshopsInnerTabs")
        self.inner_tabs.addTab(planning, "Planning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner_tabs)
        self._update_view_widgets()

    def _build_toolbar(self) -> QHBoxLayout:
        self.new_workshop_button = QPushButton("Nouvel a&telier…")
        self.new_workshop_button.clicked.connect(lambda: self.new_session("collectif"))
        self.new_individual_button = QPushButton("Nouvel accompa&gnement…")
        self.new_individual_button.clicked.connect(lambda: self.new_session("individuel"))
        self.prev_button = QPushButton("◀")
        self.prev_button.setAccessibleName("Période précédente")
        self.prev_button.setToolTip("Période précédente (Ctrl+Page précédente)")
        self.prev_button.setShortcut("Ctrl+PgUp")
        self.prev_button.clicked.connect(lambda: self.shift(-1))
        # h, not j: the descender of « j » hides the underline of its letter
        self.today_button = QPushButton("Aujourd'&hui")
        self.today_button.clicked.connect(self.go_today)
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName("Période suivante")
        self.next_button.setToolTip("Période suivante (Ctrl+Page suivante)")
        self.next_button.setShortcut("Ctrl+PgDown")
        self.next_button.clicked.connect(lambda: self.shift(1))
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
        # second row: whose sessions are shown, then « Documents » (``exports``); the first
        # row is full on a 1366-pixel screen
        self.conseiller_filter = QComboBox()
        self.conseiller_filter.setAccessibleName("Conseiller affiché")
        self.conseiller_filter.addItem("Tous les conseillers", None)
        self.conseiller_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.conseiller_filter.setMaximumWidth(300)
        self.conseiller_filter.currentIndexChanged.connect(lambda _i: self._show_read(follow=True))
        self.documents_bar = QHBoxLayout()
        self.documents_bar.addWidget(self.conseiller_filter)
        self.documents_bar.addStretch()
        return top

    def _build_list(self) -> QWidget:
        """The list view: filters, then the table of the period's sessions."""
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
            combo.currentIndexChanged.connect(self._filter_list)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
        self.period_filter.currentIndexChanged.connect(self._period_changed)
        self.filters = QWidget()
        fl = QHBoxLayout(self.filters)
        fl.setContentsMargins(0, 0, 0, 0)
        # no letter is left for Thématique, Statut and Période (the panel beside the list
        # takes them): reached with Tab; « y » is in no other text
        for text, combo in (
            ("Thématique", self.theme_filter),
            ("Statut", self.status_filter),
            ("T&ype", self.kind_filter),
            ("Période", self.period_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            fl.addWidget(label)
            fl.addWidget(combo)
        fl.addStretch()
        self.list_count = QLabel()
        fl.addWidget(self.list_count)

        self.list_proxy = RowsProxy(self)
        self.list_view, self.list_model = session_table(self.list_proxy)
        self.list_view.selectionModel().currentRowChanged.connect(self._list_current)
        self.list_view.activated.connect(lambda _i: self.edit_session(self.panel.session_id))
        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.filters)
        ll.addWidget(self.list_view)
        return list_page

    def _build_calendars(self, list_page: QWidget) -> QWidget:
        """The week and month views and the list, stacked, with the colour legend."""
        self.week_view = WeekView()
        self.month_view = MonthView()
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
        return left

    # -- the displayed range --
    def visible_range(self) -> tuple[date, date]:
        if self.view == "week":
            start = week_start(self.anchor)
            return start, start + timedelta(days=7)
        if self.view == "month":
            start = week_start(self.anchor.replace(day=1))
            return start, start + timedelta(days=42)
        if self.list_period == "week":
            start = week_start(self.anchor)
            return start, start + timedelta(days=7)
        if self.list_period == "month":
            first = self.anchor.replace(day=1)
            return first, add_months(first, 1)
        return date(self.anchor.year, 1, 1), date(self.anchor.year + 1, 1, 1)

    def period_text(self) -> str:
        locale = QLocale()
        unit = self.list_period if self.view == "list" else self.view
        if unit == "week":
            start = week_start(self.anchor)
            end = start + timedelta(days=6)
            fmt = "d MMMM yyyy" if start.year != end.year else "d MMMM"
            first = locale.toString(qdate(start), "d" if start.month == end.month else fmt)
            return f"Semaine du {first} au {locale.toString(qdate(end), 'd MMMM yyyy')}"
        if unit == "month":
            text = locale.toString(qdate(self.anchor.replace(day=1)), "MMMM yyyy")
            return text[:1].upper() + text[1:]
        return f"Année {self.anchor.year}"

    def refresh(self) -> None:
        """Read again after a change: the conseiller choice, then the range shown."""
        with self.ctx.db.session() as s:
            self._fill_conseillers(s)
        self.show_range()

    def show_range(self, *, follow: bool = False) -> None:
        """Read and show the displayed range (a week, a month grid, the list's period);
        ``follow`` after a move, for the panel (``_followed``)."""
        start, end = self.visible_range()
        with self.ctx.db.session() as s:
            self.range_read = planner.planner_range(s, start, end)
        self._show_read(follow=follow)

    def _show_read(self, *, follow: bool = False) -> None:
        """Show the range read, for the chosen conseiller (chosen again: no query)."""
        read = self.range_read
        if read is None:
            return
        key = self.conseiller_filter.currentData()
        self.range = (
            read
            if key is None
            else dataclasses.replace(read, sessions=_held_by(read.sessions, key))
        )
        self.period_label.setText(self.period_text())
        today = self.ctx.today()
        if self.view == "list":  # first: the panel may follow to the list's first row
            # the filters set before the rows: the proxy filters them once, at the reset
            self.list_proxy.predicate = self._list_predicate()
            self.list_view.selectionModel().clear()
            self.list_model.set_rows(self.range.sessions)
        shown = self._followed() if follow else self.panel.session_id
        if self.view == "week":
            self.week_view.set_data(self.range, today)
            self.week_view.select(shown, emit=False)
        elif self.view == "month":
            self.month_view.set_month(self.range, self.anchor.replace(day=1), today)
            self.month_view.select(shown, emit=False)
        else:
            self._list_filtered(self.panel.session_id if shown is None else shown)
        if shown != self.panel.session_id:
            self.panel.show_session(shown)
        else:
            self.panel.reload()

    def period_bounds(self) -> tuple[date, date]:
        """The period the person is looking at, [start, end): the week, the list's period, or
        the month itself (its grid also shows days of the months around it)."""
        if self.view == "month":
            first = self.anchor.replace(day=1)
            return first, add_months(first, 1)
        return self.visible_range()

    def _followed(self) -> int | None:
        """The session the panel shows after a move: its own when the new period holds it,
        else the period's first (in time order; in the list, the first row its filters
        show), else none. Nothing chosen stays nothing chosen."""
        current = self.panel.session_id
        if current is None or self.range is None:
            return current
        start, end = self.period_bounds()
        ids = [r.id for r in self.range.sessions if start <= r.start.date() < end]
        if current in ids:
            return current
        if self.view == "list":  # the first in time its filters show, looked up by id
            return next((i for i in ids if self._listed(i)), None)
        return ids[0] if ids else None
        # the La Coop page and the report read themselves when shown, after an announced change

    def _listed(self, session_id: int) -> bool:
        """Whether the list shows ``session_id`` (in its period and through its filters)."""
        row = self.list_model.row_of_id(session_id)
        return (
            row is not None
            and self.list_proxy.mapFromSource(self.list_model.index(row, 0)).isValid()
        )

    def _list_predicate(self) -> Callable[[ss.SessionRow], bool] | None:
        """The theme, status and type filters as one test of a row; None when all three say
        « Tous » (every row shown)."""
        theme = self.theme_filter.currentData()
        status = self.status_filter.currentData()
        kind = self.kind_filter.currentData()
        if theme is None and status is None and kind is None:
            return None
        return lambda r: (
            (theme is None or theme in r.themes)
            and (status is None or r.status == status)
            and (kind is None or r.kind == kind)
        )

    def _filter_list(self, *_args: object) -> None:
        """The theme, status and type filters, on the rows of the list's period."""
        # no current row while filtering: a row filtered out must not make its neighbour the
        # session shown in the panel
        self.list_view.selectionModel().clear()
        self.list_proxy.set_filter(predicate=self._list_predicate(), keep_predicate=False)
        self._list_filtered(self.panel.session_id)

    def _list_filtered(self, select: int | None) -> None:
        """After the list's rows or filters changed: its count, and ``select`` chosen again
        when it is still shown."""
        n = self.list_proxy.rowCount()
        self.list_count.setText(f"{n} séance{'s' if n > 1 else ''}")
        if select is not None:
            self._select_in_list(select)

    def _fill_conseillers(self, s) -> None:  # noqa: ANN001 - an SQLAlchemy Session
        from desktop_app.services.lacoop.conseillers import holders
        from desktop_app.views.workshops.conseiller_choice import set_conseillers

        set_conseillers(self.conseiller_filter, [(h.label, h.key) for h in holders(s)])

    # -- navigation --
    def set_view(self, view: str) -> None:
        self.view = view
        self.view_buttons[view].setChecked(True)
        self._update_view_widgets()
        self.show_range(follow=True)

    def _update_view_widgets(self) -> None:
        self.stack.setCurrentIndex(VIEWS.index(self.view))
        self.legend.setVisible(self.view != "list")

    def _period_changed(self) -> None:
        self.list_period = self.period_filter.currentData()
        self.show_range(follow=True)

    def shift(self, step: int) -> None:
        """Show the previous (-1) or next (+1) week, month or year."""
        unit = self.list_period if self.view == "list" else self.view
        if unit == "week":
            self.anchor += timedelta(weeks=step)
        elif unit == "month":
            self.anchor = add_months(self.anchor.replace(day=1), step)
        else:
            self.anchor = date(self.anchor.year + step, 1, 1)
        self.show_range(follow=True)

    def go_today(self) -> None:
        self.go_to(self.ctx.today())

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.show_range(follow=True)

    def _open_week_of(self, day: date) -> None:
        self.anchor = day
        self.set_view("week")

    # -- selection --
    def show_session(self, session_id: int) -> None:
        self.panel.show_session(session_id)

    def _list_current(self, current, _previous) -> None:  # noqa: ANN001 - QModelIndex
        if current.isValid():
            self.panel.show_session(current.siblingAtColumn(0).data(ID_ROLE))

    def _select_in_list(self, session_id: int) -> None:
        select_id(self.list_view, session_id)

    # -- editing --
    def make_dialog(self, **kwargs) -> SessionDialog:  # noqa: ANN003
        return SessionDialog(self.ctx, self, **kwargs)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Shows a dialog modally; tests replace this to fill the dialog and accept it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_session(self, kind: str = "collectif", start: datetime | None = None) -> None:
        if start is None:
            shown_start, shown_end = self.visible_range()
            if self.view == "month":  # the grid shows days of the months around it
                shown_start = self.anchor.replace(day=1)
                shown_end = add_months(shown_start, 1)
            day = planner.default_day(shown_start, shown_end, self.anchor, self.ctx.today())
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
        self.refresh()  # the dialog announced the change to the other tabs

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
        one = box.addButton("Cette séance &seulement", QMessageBox.ButtonRole.AcceptRole)
        following = box.addButton(
            "Cette séance et les sui&vantes", QMessageBox.ButtonRole.AcceptRole
        )
        keep = box.addButton("&Ne rien annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
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

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                if scope == "from":
                    sr.cancel_from(s, session_id)
                else:
                    ss.cancel_session(s, session_id)

        outcome = run_operation(
            self,
            work,
            label="Annulation de la séance…",
            ctx=self.ctx,
            changes=("workshops",),
            initiator=self,
            show_error=False,
        )
        if outcome.message:
            warn(self, "Séance non annulée", outcome.message)
        self.refresh()
