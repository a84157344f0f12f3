""""Coût et financement": the estimate for the mayor, per post and per year.

Amounts are written by ``services.formatting.amount`` (Babel), the same function the printed
summary uses, so the screen and the paper show the same "1 554,58 €".
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.formatting import amount
from desktop_app.services.request import cost
from desktop_app.services.request.requests import RequestData
from desktop_app.views.common.forms import add_row
from desktop_app.views.common.tables import Column, RowsModel, setup_table

# One row of the estimate: (position, label, employer cost, funding, remaining).
CostRow = tuple[int, str, Decimal, Decimal, Decimal]
COST_COLUMNS: list[Column[CostRow]] = [
    Column("", lambda r: r[1]),
    Column("Coût employeur", lambda r: amount(r[2]), align_right=True),
    Column("Financement de l'État", lambda r: amount(r[3]), align_right=True),
    Column("Reste à charge", lambda r: amount(r[4]), align_right=True),
]


def _spin(suffix: str, maximum: float, decimals: int = 2) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class CostPanel(QWidget):
    changed = Signal()
    edit_smic = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._smic = cost.SmicValue(cost.DEFAULT_SMIC_DATE, cost.DEFAULT_SMIC)
        self._posts = 1
        layout = QVBoxLayout(self)
        layout.addWidget(self._hypotheses())
        layout.addWidget(self._results())
        layout.addWidget(self._note())
        layout.addStretch()

    # -- building ----------------------------------------------------------------------------
    def _hypotheses(self) -> QGroupBox:
        params = QGroupBox("Hypothèses (par poste)")
        form = QFormLayout(params)
        self.salary = _spin(" €", 20_000)
        add_row(form, "&Salaire brut mensuel", self.salary)
        self.charges = _spin(" %", 100, 1)
        add_row(form, "Taux de c&harges patronales", self.charges)
        self.funding_pct = _spin(" %", 100, 0)
        add_row(form, "Financement de l'État (&part du Smic)", self.funding_pct)
        self.funding_months = QSpinBox()
        self.funding_months.setRange(1, 60)
        self.funding_months.setSuffix(" mois")
        add_row(form, "Du&rée du financement", self.funding_months)
        smic_row = QWidget()
        smic_layout = QHBoxLayout(smic_row)
        smic_layout.setContentsMargins(0, 0, 0, 0)
        self.smic_label = QLabel()
        self.smic_button = QPushButton("&Modifier le Smic…")
        self.smic_button.clicked.connect(self.edit_smic.emit)
        smic_layout.addWidget(self.smic_label, 1)
        smic_layout.addWidget(self.smic_button)
        smic_caption = QLabel("Smic brut mensuel")
        smic_caption.setBuddy(self.smic_button)
        form.addRow(smic_caption, smic_row)
        for spin in (self.salary, self.charges, self.funding_pct):
            spin.valueChanged.connect(self._edited)
        self.funding_months.valueChanged.connect(self._edited)
        return params

    def _results(self) -> QGroupBox:
        self.model: RowsModel[CostRow] = RowsModel(COST_COLUMNS, lambda r: r[0])
        self.table = QTableView()
        self.table.setModel(self.model)
        # year by year then the total: an order to read, not to sort
        setup_table(self.table, "Estimation par poste et par année", sortable=False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(130)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("cost_summary")
        results = QGroupBox("Estimation par poste")
        rl = QVBoxLayout(results)
        rl.addWidget(self.table)
        rl.addWidget(self.summary)
        return results

    def _note(self) -> QLabel:
        note = QLabel(
            "Estimation indicative : le taux de charges dépend du statut de l'agent "
            "(contractuel, titulaire) et de la caisse de retraite. Le dispositif finance "
            "100 % du Smic brut pendant 24 mois pour un poste à temps plein."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        return note

    # -- values ------------------------------------------------------------------------------

    def set_values(self, data: RequestData, smic: cost.SmicValue) -> None:
        self._loading = True
        try:
            self._smic = smic
            self._posts = data.posts_granted if data.status == "validee" else data.posts_wanted
            salary = data.gross_monthly_salary or smic.monthly_gross
            self.salary.setValue(float(salary))
            self.charges.setValue(float(data.employer_charges_pct))
            self.funding_pct.setValue(float(data.funding_pct))
            self.funding_months.setValue(data.funding_months)
            self.smic_label.setText(smic.label)
        finally:
            self._loading = False
        self._recompute()

    def values(self) -> dict[str, Decimal | int]:
        return {
            "gross_monthly_salary": Decimal(str(round(self.salary.value(), 2))),
            "employer_charges_pct": Decimal(str(round(self.charges.value(), 1))),
            "funding_pct": Decimal(str(round(self.funding_pct.value(), 0))),
            "funding_months": self.funding_months.value(),
        }

    def estimate(self) -> cost.CostEstimate:
        v = self.values()
        return cost.estimate(
            smic=self._smic,
            gross_monthly_salary=v["gross_monthly_salary"],
            employer_charges_pct=v["employer_charges_pct"],
            funding_pct=v["funding_pct"],
            funding_months=int(v["funding_months"]),
            posts=self._posts,
        )

    def _edited(self) -> None:
        if self._loading:
            return
        self._recompute()
        self.changed.emit()

    def _recompute(self) -> None:
        est = self.estimate()
        rows: list[CostRow] = [
            (n, y.label, y.employer_cost, y.funding, y.remaining) for n, y in enumerate(est.years)
        ]
        rows.append((len(rows), "Total", est.total_employer_cost, est.total_funding,
                     est.total_remaining))
        self.model.set_rows(rows)
        posts = est.posts
        self.summary.setText(
            f"Par mois et par poste : coût employeur {amount(est.monthly_employer_cost)}, "
            f"financement {amount(est.monthly_funding)}.<br/>"
            f"<b>Reste à charge pour {posts} poste{'s' if posts > 1 else ''} sur la durée du "
            f"financement : {amount(est.total_remaining * posts)}</b> "
            f"(coût {amount(est.total_employer_cost * posts)}, "
            f"financement {amount(est.total_funding * posts)})."
        )
