"""Dialogs of the funded posts: a post, a convention (amounts pre-filled from the programme's
rules), a payment received, giving a post back, and the label's attestation.

Each is a ``FormDialog``: ``accept()`` reads the fields, then saves through ``run_save`` (off
the GUI thread); a refusal of the services stays in the dialog, under its field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.models.request import CONVENTION_KINDS, EMPLOYER_TYPES, GIVE_BACK_REASONS
from desktop_app.services.dates import DateInputError, DateRange, add_months
from desktop_app.services.request import conventions as rules
from desktop_app.services.request import label, posts
from desktop_app.views.common.amount_field import AmountSpin
from desktop_app.views.common.date_fields import DateField
from desktop_app.views.common.forms import FormDialog
from desktop_app.views.context import AppContext

EARLIEST = date(2020, 1, 1)  # the programme started in 2020-2021


def _money_spin(value: Decimal, maximum: float = 100_000) -> AmountSpin:
    """Euros to the cent; « 1500.50 » typed on the numeric keypad is 1 500,50 € (``amounts``)."""
    spin = AmountSpin()
    spin.setRange(0, maximum)
    spin.setDecimals(2)
    spin.setSuffix(" €")
    spin.setValue(float(value))
    return spin


def _dec(spin: AmountSpin) -> Decimal:
    return spin.amount()


def _intro(text: str) -> QLabel:
    label_ = QLabel(text)
    label_.setWordWrap(True)
    return label_


class PostDialog(FormDialog):
    """A post: its name, what the structure pays, who holds it."""

    def __init__(self, ctx: AppContext, post: posts.PostData | None,
                 holders: list[posts.Holder], today: date, parent: QWidget | None = None,
                 *, number: int = 1) -> None:
        """``number``: the one proposed for a new post (``posts.next_post_number``)."""
        super().__init__("Poste de conseiller numérique", parent, ctx=ctx)
        self.post, self.today = post, today
        self.label = QLineEdit(post.label if post else "")
        self.label.setPlaceholderText(f"Poste {number} — médiathèque")
        self.row("label", "&Nom du poste", self.label, required=True)
        self.holder = QComboBox()
        self.holder.addItem("(aucun)", None)
        for h in holders:
            suffix = " — rupture notifiée" if h.rupture_date else ""
            self.holder.addItem(f"{h.name}{suffix}", h.profile_id)
        if post and post.holder_profile_id is not None:
            self.holder.setCurrentIndex(max(self.holder.findData(post.holder_profile_id), 0))
        self.row("holder", "&Conseiller en poste", self.holder)
        self.salary = _money_spin(post.gross_monthly_salary if post else Decimal("0"), 20_000)
        self.salary.setSpecialValueText("au Smic")
        self.row("salary", "&Salaire brut mensuel", self.salary)
        self.charges = AmountSpin()  # « 42.5 » from the keypad is 42,5 %
        self.charges.setRange(0, 100)
        self.charges.setDecimals(1)
        self.charges.setSuffix(" %")
        self.charges.setValue(float(post.employer_charges_pct if post else posts.DEFAULT_CHARGES_PCT))
        self.row("charges", "Taux de c&harges patronales de l'employeur", self.charges)
        source = _intro(posts.DEFAULT_CHARGES_SOURCE)
        source.setStyleSheet("color: #444;")
        self.form.addRow(source)
        self.content_layout.addStretch()

    def accept(self) -> None:
        data = posts.PostInput(
            self.label.text(), _dec(self.salary),
            self.charges.amount(), self.holder.currentData(),
            self.post.note if self.post else "",
        )
        post_id, today = (self.post.id if self.post else None), self.today

        def save() -> int:
            with self.ctx.db.session() as session:
                return posts.save_post(session, post_id, data, today)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()


class ConventionDialog(FormDialog):
    """A convention: first wave or 2023 renewal, with its dates and yearly amounts granted.

    The amounts follow the programme's rules while the kind, employer or QPV/ZRR change, until
    the user types one (a convention may state other amounts); « Montants du dispositif » puts
    the rules' amounts back."""

    def __init__(self, ctx: AppContext, post_id: int, convention: posts.ConventionData | None,
                 employer_type: str, today: date, parent: QWidget | None = None,
                 *, start: date | None = None) -> None:
        """``start``: the date proposed for a new convention
        (``posts.default_convention_start``), today if not given."""
        super().__init__("Convention de financement", parent, ctx=ctx, min_width=560)
        self.post_id, self.convention = post_id, convention
        self._filling = False
        self._typed = convention is not None
        c = convention
        self.kind = QComboBox()
        for value, text in CONVENTION_KINDS.items():
            self.kind.addItem(text, value)
        self.kind.setCurrentIndex(self.kind.findData(c.kind if c else rules.RENEWAL))
        self.row("kind", "&Type de convention", self.kind)
        self.employer = QComboBox()
        for value, text in EMPLOYER_TYPES.items():
            self.employer.addItem(text, value)
        self.employer.setCurrentIndex(self.employer.findData(c.employer_type if c else employer_type))
        self.row("employer_type", "Em&ployeur", self.employer)  # Alt+E is « Enregistrer »
        self.qpv_zrr = QCheckBox("Structure en QPV ou en ZRR")
        self.qpv_zrr.setChecked(bool(c and c.qpv_zrr))
        self.row("qpv_zrr", "&Zone", self.qpv_zrr)
        valid = DateRange(EARLIEST, add_months(today, 60), "La date")
        start = c.start_date if c else start or today
        self.start = DateField(start, today=today, valid=valid)
        self.row("start_date", "&Début", self.start)
        self.end = DateField(c.end_date if c else rules.default_end(rules.RENEWAL, employer_type, start),
                             today=today, valid=valid)
        self.row("end_date", "&Fin (dernier jour)", self.end)
        self.amounts = []
        amounts = c.amounts if c else rules.rule_amounts(rules.RENEWAL, employer_type, False)
        for index, value in enumerate(amounts, start=1):
            spin = _money_spin(value)
            spin.valueChanged.connect(self._amount_typed)
            self.amounts.append(spin)
            self.row(f"amount{index}", f"Montant accordé, année &{index}", spin)
        self.reference = QLineEdit(c.reference if c else "")
        self.reference.setPlaceholderText("facultatif")
        self.row("reference", "N° de la con&vention", self.reference)
        self.rules_button = QPushButton("&Montants du dispositif")
        self.rules_button.clicked.connect(self.fill_from_rules)
        self.form.addRow(self.rules_button)
        self.rule_note = _intro("")
        self.rule_note.setStyleSheet("color: #444;")
        self.form.addRow(self.rule_note)
        for combo in (self.kind, self.employer):
            combo.currentIndexChanged.connect(self._rules_changed)
        self.qpv_zrr.toggled.connect(self._rules_changed)
        self.start.dateChanged.connect(self._start_changed)  # the calendar, arrows
        self.start.edited.connect(self._start_changed)  # typed then left
        self._describe()
        self.content_layout.addStretch()

    def _amount_typed(self) -> None:
        if not self._filling:
            self._typed = True

    def _rules_changed(self) -> None:
        start = self.start.value()
        if start is not None:
            self.end.set_value(rules.default_end(self.kind.currentData(),
                                                 self.employer.currentData(), start))
        if not self._typed:
            self.fill_from_rules()
        self._describe()

    def _start_changed(self) -> None:
        start = self.start.value()
        if start is not None:
            self.end.set_value(rules.default_end(self.kind.currentData(),
                                                 self.employer.currentData(), start))
        self._describe()

    def fill_from_rules(self) -> None:
        values = rules.rule_amounts(self.kind.currentData(), self.employer.currentData(),
                                    self.qpv_zrr.isChecked())
        self._filling = True
        try:
            for spin, value in zip(self.amounts, values, strict=True):
                spin.setValue(float(value))
        finally:
            self._filling = False
        self._typed = False

    def _describe(self) -> None:
        kind, employer = self.kind.currentData(), self.employer.currentData()
        months = rules.months_of(kind, employer)
        if kind == rules.FIRST_WAVE:
            text = (f"Règle : 50 000 € par poste sur {months} mois, répartis sur les années de "
                    "la convention.")
        else:
            text = ("Règle : 36 mois ; employeur public 17 500, 12 500, 12 500 € (en QPV ou "
                    "ZRR : + 2 500 € la 1re année, + 5 000 € la 2e) ; employeur privé 20 000, "
                    "14 000, 10 000 €.")
        late = "" if self.convention else rules.late_convention_notice(self._start_or_none())
        self.rule_note.setText(
            text + " Modifiez les montants si votre convention en indique d'autres."
            + (f"\n{late}" if late else "")
        )

    def _start_or_none(self) -> date | None:
        try:
            return self.start.value()
        except DateInputError:
            return None

    def data(self) -> posts.ConventionData | None:
        if not self.check_typed_fields():
            return None
        return posts.ConventionData(
            self.convention.id if self.convention else None, self.post_id,
            self.kind.currentData(), self.employer.currentData(), self.qpv_zrr.isChecked(),
            self.start.value() or date.min, self.end.value() or date.min,
            tuple(_dec(s) for s in self.amounts),  # type: ignore[arg-type]
            self.reference.text(), self.convention.note if self.convention else "",
        )

    def accept(self) -> None:
        data = self.data()
        if data is None:
            return

        def save() -> int:
            with self.ctx.db.session() as session:
                return posts.save_convention(session, data)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()


class PaymentDialog(FormDialog):
    """A payment received against a convention."""

    def __init__(self, ctx: AppContext, convention: posts.ConventionData, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Versement reçu", parent, ctx=ctx)
        self.convention, self.today = convention, today
        self.form.addRow(_intro(f"Convention : {convention.title}. {posts.payments_text(convention)}."))
        self.received_on = DateField(today, today=today,
                                     valid=DateRange(EARLIEST, today, "La date du versement"))
        self.row("received_on", "&Date du versement", self.received_on)
        self.amount = _money_spin(Decimal("0"))
        self.row("amount", "&Montant reçu", self.amount)
        self.note = QLineEdit()
        self.note.setPlaceholderText("facultatif (titre de recette, acompte…)")
        self.row("note", "&Note", self.note)
        self.content_layout.addStretch()

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        cid, on, value = self.convention.id, self.received_on.value(), _dec(self.amount)
        note, today = self.note.text(), self.today
        assert cid is not None and on is not None

        def save() -> int:
            with self.ctx.db.session() as session:
                return posts.add_payment(session, cid, on, value, note, today)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()


class GiveBackDialog(FormDialog):
    """A post given back to the programme, with its date and reason."""

    def __init__(self, ctx: AppContext, post: posts.PostData, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Rendre le poste", parent, ctx=ctx, ok_text="&Rendre le poste")
        self.post, self.today = post, today
        self.form.addRow(_intro(
            f"« {post.label} » est rendu au dispositif : ses délais s'arrêtent et il ne coûte "
            "plus rien ensuite. Vous pourrez annuler ce choix."
        ))
        self.on = DateField(today, today=today, valid=DateRange(EARLIEST, today, "La date"))
        self.row("on", "&Date", self.on)
        self.reason = QComboBox()
        for value, text in GIVE_BACK_REASONS.items():
            self.reason.addItem(text, value)
        self.row("reason", "&Motif", self.reason)
        self.content_layout.addStretch()

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        pid, on, reason, today = self.post.id, self.on.value(), self.reason.currentData(), self.today
        assert pid is not None and on is not None

        def save() -> None:
            with self.ctx.db.session() as session:
                posts.give_back(session, pid, on, reason, today)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()


class LabelDialog(FormDialog):
    """The label's attestation sur l'honneur signed (the first time or a renewal)."""

    def __init__(self, ctx: AppContext, mediator: str, signatory: str, title: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Attestation sur l'honneur du label", parent, ctx=ctx)
        self.today = today
        self.form.addRow(_intro(
            f"Le signataire {label.STATEMENT}, et la structure s'engage à : "
            + " ; ".join(label.COMMITMENTS) + "."
        ))
        self.signed_on = DateField(today, today=today,
                                   valid=DateRange(date(2026, 8, 1), today, "La date de signature"))
        self.row("signed_on", "&Date de signature", self.signed_on)
        self.mediator = QLineEdit(mediator)
        self.row("mediator_name", "&Professionnel qualifié", self.mediator)
        self.signatory = QLineEdit(signatory)
        self.row("signatory_name", "&Signataire", self.signatory)
        self.signatory_title = QLineEdit(title)
        self.row("signatory_title", "&Qualité du signataire", self.signatory_title)
        self.content_layout.addStretch()

    def accept(self) -> None:
        if not self.check_typed_fields():
            return
        data = label.AttestationData(
            None, self.signed_on.value() or self.today, self.mediator.text(),
            self.signatory.text(), self.signatory_title.text(),
        )
        today = self.today

        def save() -> int:
            with self.ctx.db.session() as session:
                return label.sign(session, data, today)

        if self.run_save(save, changes=("request",), initiator=self):
            self.accept_saved()
