"""The one field for an amount of money (or a rate): ``AmountSpin``, a ``QDoubleSpinBox``
that reads the numeric keypad's dot as the decimal mark (``services.amounts.parse_amount``)
and shows the French form once left (« 1 500,50 € »)."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from desktop_app.services.amounts import clean_amount_text, parse_amount


class AmountSpin(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` that reads the dot of the numeric keypad as the decimal mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGroupSeparatorShown(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(event)
        self._show_french()

    def _show_french(self) -> None:
        """Once left, « 1500.50 € » reads « 1 500,50 € » (Qt leaves the text as typed when
        the value it stands for did not change)."""
        if self.specialValueText() and self.value() == self.minimum():
            return
        shown = self.prefix() + self.textFromValue(self.value()) + self.suffix()
        if self.lineEdit().text() != shown:
            self.lineEdit().setText(shown)

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 - Qt API
        if self.specialValueText() and text == self.specialValueText():  # « au Smic »
            return QValidator.State.Acceptable, text, pos
        value = parse_amount(text, self.suffix())
        if value is None:  # empty or half-typed (« 12, »), or letters
            partial = re.fullmatch(r"[\d.,]*", clean_amount_text(text, self.suffix())) is not None
            return (QValidator.State.Intermediate if partial else QValidator.State.Invalid,
                    text, pos)
        if value.as_tuple().exponent < -self.decimals():  # type: ignore[operator]
            return QValidator.State.Invalid, text, pos
        if value > Decimal(str(self.maximum())):
            return QValidator.State.Invalid, text, pos
        if value < Decimal(str(self.minimum())):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt API
        if self.specialValueText() and text == self.specialValueText():
            return self.minimum()
        value = parse_amount(text, self.suffix())
        return float(value) if value is not None else self.value()

    def amount(self) -> Decimal:
        """The value to the cent (or to the decimals shown), without binary rounding noise."""
        return Decimal(str(round(self.value(), self.decimals())))
