""""Postes et financement": the structure's funded posts, their conventions and payments, what
each costs and when its subsidy ends, and the label « conseiller numérique ».

The panel only shows what ``services.request.cost`` computes (the same figures the "Plan de
financement du poste" prints) and opens the dialogs of ``post_dialogs``; it says which Smic it
used and shows every warning (a salary below the Smic in force, no value of the Smic for this
year, a post without a convention).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.formatting import amount, date_short, number
from desktop_app.services.request import cost, label, posts
from desktop_app.services.request.cost import CostLine, FundingPlan, PostCost
from desktop_app.views.common.labels import escape
from desktop_app.views.common.tables import Column, RowsModel, select_id, selected_id, setup_table

POST_COLUMNS: list[Column[PostCost]] = [
    Column("Poste", lambda c: c.post.label),
    Column("Conseiller", lambda c: c.post.holder_text),
    Column("Salaire brut", lambda c: amount(c.salary) + (" (Smic)" if c.salary_is_smic else ""),
           align_right=True),
    Column("Charges", lambda c: f"{number(c.charges_pct, 1)} %", align_right=True),
    Column("Fin de la subvention", lambda c: date_short(c.subsidy_end) or "—"),
    Column("Coût annuel ensuite", lambda c: amount(c.yearly_cost_after), align_right=True),
    Column("État", lambda c: (f"Rendu le {date_short(c.post.given_back_on)}"
                              if c.post.given_back_on else "En cours")),
]
CONVENTION_COLUMNS: list[Column[posts.ConventionData]] = [
    Column("Convention", lambda c: c.title),
    Column("Montants par année", lambda c: " / ".join(amount(y.amount) for y in c.years)),
    Column("Versements", lambda c: posts.payments_text(c)),
]


@dataclass(frozen=True)
class _Line:
    index: int
    line: CostLine


LINE_COLUMNS: list[Column[_Line]] = [
    Column("Année de convention", lambda r: f"{r.line.label} ({date_short(r.line.start)} – "
                                            f"{date_short(r.line.end)})"),
    Column("Subvention", lambda r: amount(r.line.subsidy), align_right=True),
    Column("Coût employeur", lambda r: amount(r.line.employer_cost), align_right=True),
    Column("Reste à charge", lambda r: amount(r.line.remaining), align_right=True),
]


def _first_column_stretches(table: QTableView) -> None:
    """The description (« Renouvellement (2023), employeur public, du 01/01/2024 au
    31/12/2026 ») takes the room the amounts leave: with equal columns it was cut at 1366 px
    while the amounts had space to spare."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)  # the last column would share the room
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _button(text: str, slot) -> QPushButton:  # noqa: ANN001 - a callable
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button


class PostsPanel(QWidget):
    """Emits what the user asks for; the tab opens the dialogs and refreshes the panel."""

    add_post = Signal()
    edit_post = Signal(int)
    give_back = Signal(int)
    undo_give_back = Signal(int)
    add_convention = Signal(int)
    edit_convention = Signal(int, int)
    add_payment = Signal(int, int)
    add_smic = Signal()
    sign_label = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: FundingPlan | None = None
        layout = QVBoxLayout(self)
        self.smic_label = QLabel()
        self.smic_label.setTextFormat(Qt.TextFormat.RichText)  # escaped HTML, always
        self.smic_label.setWordWrap(True)
        self.smic_label.setObjectName("smic_used")
        smic_row = QHBoxLayout()
        smic_row.addWidget(self.smic_label, 1)
        self.smic_button = _button("Ajouter une valeur du S&mic…", lambda: self.add_smic.emit())
        smic_row.addWidget(self.smic_button)
        layout.addLayout(smic_row)
        layout.addWidget(self._posts_box(), 2)
        layout.addWidget(self._detail_box(), 3)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # escaped HTML, always
        self.summary.setWordWrap(True)
        self.summary.setObjectName("funding_summary")
        layout.addWidget(self.summary)
        layout.addWidget(self._label_box())

    # -- building -------------------------------------------------------------------------
    def _posts_box(self) -> QGroupBox:
        # Alt+T goes to the list: the post a convention or a payment is for is chosen there
        box = QGroupBox("Pos&tes financés")
        bl = QVBoxLayout(box)
        self.posts_model: RowsModel[PostCost] = RowsModel(POST_COLUMNS, lambda c: c.post.id or 0)
        self.posts_table = QTableView()
        self.posts_table.setModel(self.posts_model)
        setup_table(self.posts_table, "Postes financés", sortable=False)
        self.posts_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.posts_table.setMinimumHeight(90)
        self.posts_table.selectionModel().selectionChanged.connect(self._post_selected)
        bl.addWidget(self.posts_table)
        row = QHBoxLayout()
        self.add_post_button = _button("Ajouter un &poste…", lambda: self.add_post.emit())
        self.edit_post_button = _button("M&odifier le poste…", self._emit_post(self.edit_post))
        self.give_back_button = _button("&Rendre le poste…", self._give_back_clicked)
        for b in (self.add_post_button, self.edit_post_button, self.give_back_button):
            row.addWidget(b)
        row.addStretch()
        bl.addLayout(row)
        return box

    def _detail_box(self) -> QGroupBox:
        self.detail = QGroupBox("Conventions et coût du poste")
        dl = QVBoxLayout(self.detail)
        self.conventions_model: RowsModel[posts.ConventionData] = RowsModel(
            CONVENTION_COLUMNS, lambda c: c.id or 0)
        self.conventions_table = QTableView()
        self.conventions_table.setModel(self.conventions_model)
        setup_table(self.conventions_table, "Conventions du poste", sortable=False)
        _first_column_stretches(self.conventions_table)
        self.conventions_table.setMinimumHeight(70)
        dl.addWidget(self.conventions_table)
        row = QHBoxLayout()
        self.add_convention_button = _button("Ajouter une con&vention…",
                                             self._emit_post(self.add_convention))
        self.edit_convention_button = _button("Modifier la &convention…", self._edit_convention)
        self.payment_button = _button("Enregi&strer un versement…", self._add_payment)
        for b in (self.add_convention_button, self.edit_convention_button, self.payment_button):
            row.addWidget(b)
        row.addStretch()
        dl.addLayout(row)
        self.lines_model: RowsModel[_Line] = RowsModel(LINE_COLUMNS, lambda r: r.index)
        self.lines_table = QTableView()
        self.lines_table.setModel(self.lines_model)
        setup_table(self.lines_table, "Coût du poste par année de convention", sortable=False)
        _first_column_stretches(self.lines_table)
        self.lines_table.setMinimumHeight(90)
        dl.addWidget(self.lines_table)
        self.post_text = QLabel()
        self.post_text.setTextFormat(Qt.TextFormat.RichText)  # escaped HTML, always
        self.post_text.setWordWrap(True)
        self.post_text.setObjectName("post_text")
        dl.addWidget(self.post_text)
        return self.detail

    def _label_box(self) -> QGroupBox:
        box = QGroupBox(label.LABEL)
        bl = QHBoxLayout(box)
        self.label_text = QLabel()
        self.label_text.setWordWrap(True)
        # always read as HTML (its text is escaped): Qt's guess took a line without tags for
        # plain text and showed « l&#x27;attestation »
        self.label_text.setTextFormat(Qt.TextFormat.RichText)
        self.label_text.setObjectName("label_text")
        bl.addWidget(self.label_text, 1)
        self.label_button = _button("Si&gner l'attestation…", lambda: self.sign_label.emit())
        bl.addWidget(self.label_button)
        return box

    # -- values ---------------------------------------------------------------------------
    def set_values(self, plan: FundingPlan, label_state: label.LabelState) -> None:
        current = self.current_post_id()
        self.plan = plan
        lines = [f"Smic utilisé pour les coûts : <b>{escape(plan.smic.label)}</b>."]
        if plan.smic_notice:
            lines.append(f'<span style="color:#a65e00;">{escape(plan.smic_notice)}</span>')
        self.smic_label.setText("<br/>".join(lines))
        self.posts_model.set_rows(list(plan.posts))
        if not select_id(self.posts_table, current) and plan.posts:
            select_id(self.posts_table, plan.posts[0].post.id)
        self._post_selected()
        warnings = "".join(
            f'<br/><span style="color:#b00020;">À vérifier : {escape(w)}</span>'
            for w in plan.warnings if w != plan.smic_notice
        )
        self.summary.setText(
            f"<b>{escape(cost.end_sentence(plan))}</b><br/>"
            f"Subventions accordées {escape(amount(plan.total_subsidy))}, reçues "
            f"{escape(amount(plan.total_received))} ; reste à charge sur la durée des "
            f"conventions {escape(amount(plan.total_remaining))}." + warnings
        )
        text = escape(label_state.reason, quote=False)
        if label_state.last is not None:
            text += (
                f"<br/>Dernière attestation signée le {date_short(label_state.last.signed_on)} "
                f"({escape(label_state.last.mediator_name)}) ; à renouveler avant le "
                f"{date_short(label_state.renewal_due)}."
            )
        self.label_text.setText(text)
        self.label_button.setEnabled(label_state.eligible)
        self.label_button.setText(
            "Si&gner l'attestation de renouvellement…" if label_state.last
            else "Si&gner l'attestation…")

    def current_post_id(self) -> int | None:
        return selected_id(self.posts_table)

    def current_post(self) -> PostCost | None:
        pid = self.current_post_id()
        if self.plan is None or pid is None:
            return None
        return next((c for c in self.plan.posts if c.post.id == pid), None)

    def _post_selected(self, *_args: object) -> None:
        chosen = self.current_post()
        for b in (self.edit_post_button, self.give_back_button, self.add_convention_button):
            b.setEnabled(chosen is not None)
        self.conventions_model.set_rows(list(chosen.post.conventions) if chosen else [])
        self.lines_model.set_rows(
            [_Line(i, line) for i, line in enumerate(chosen.lines)] if chosen else [])
        has_conventions = bool(chosen and chosen.post.conventions)
        self.edit_convention_button.setEnabled(has_conventions)
        self.payment_button.setEnabled(has_conventions)
        if chosen and has_conventions:
            select_id(self.conventions_table, chosen.post.conventions[-1].id)
        if chosen is None:
            self.detail.setTitle("Conventions et coût du poste")
            self.post_text.setText("Ajoutez un poste : un par poste attribué par le comité.")
            return
        post = chosen.post
        self.detail.setTitle(f"Conventions et coût — {post.label}")
        self.give_back_button.setText(
            "Annuler « poste &rendu »" if post.given_back_on else "&Rendre le poste…")
        end = chosen.subsidy_end
        self.post_text.setText(
            # escape(): Qt's rich text breaks a line at the amounts' narrow no-break space
            f"Salaire brut {escape(chosen.salary_text)} + charges patronales "
            f"{number(chosen.charges_pct, 1)}\u00a0% = coût employeur "
            f"{escape(amount(chosen.monthly_employer_cost))} par mois, "
            f"{escape(amount(chosen.yearly_employer_cost))} par an.<br/>"
            + (f"Fin de la subvention le {date_short(end)} ; ensuite "
               f"<b>{escape(amount(chosen.yearly_cost_after))} par an</b> à la charge de la "
               "structure."
               if end else "Aucune convention : ajoutez celle du poste pour compter la subvention.")
        )

    def _emit_post(self, signal: Signal):  # noqa: ANN202 - a slot
        def emit() -> None:
            pid = self.current_post_id()
            if pid is not None:
                signal.emit(pid)
        return emit

    def _give_back_clicked(self) -> None:
        chosen = self.current_post()
        if chosen is None or chosen.post.id is None:
            return
        if chosen.post.given_back_on:
            self.undo_give_back.emit(chosen.post.id)
        else:
            self.give_back.emit(chosen.post.id)

    def _edit_convention(self) -> None:
        pid, cid = self.current_post_id(), selected_id(self.conventions_table)
        if pid is not None and cid is not None:
            self.edit_convention.emit(pid, cid)

    def _add_payment(self) -> None:
        pid, cid = self.current_post_id(), selected_id(self.conventions_table)
        if pid is not None and cid is not None:
            self.add_payment.emit(pid, cid)
