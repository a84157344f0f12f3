"""The one field for an amount of money (or a rate): ``AmountSpin``, a ``QDoubleSpinBox``
that reads the numeric keypad's dot as the decimal mark (``services.amounts.parse_amount``)
and shows the French form once left (« 1 500,50 € »).

An amount typed past the field's maximum, or with more decimals than it keeps, is kept as
typed, in red, with a French message under it (``input_error``; a ``FormDialog`` refuses to
save while it stands): Qt's own spin box dropped the keystroke that went past the maximum, so
« 99999999 » silently became 99 999 € and « 2150.456 » 2 150,45 €."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from desktop_app.services.amounts import (
    beyond_limit_message,
    clean_amount_text,
    not_an_amount_message,
    parse_amount,
    too_precise_message,
)


class AmountSpin(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` that reads the dot of the numeric keypad as the decimal mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGroupSeparatorShown(True)
        self._message: str | None = None  # the message this field put under itself
        self.lineEdit().textChanged.connect(self._text_changed)

    # -- what is typed
    def input_error(self) -> str | None:
        """The French message for what is typed when the field cannot keep it as such (past
        its limits, too many decimals, no number), None when it is acceptable or empty."""
        text = self.lineEdit().text()
        if self.specialValueText() and text == self.specialValueText():
            return None
        value = parse_amount(text, self.suffix())
        what = "taux" if self.suffix().strip() == "%" else "montant"
        if value is None:  # empty (Qt puts the last amount back), or no number
            if not clean_amount_text(text, self.suffix()):
                return None
            example = self.textFromValue(42.5 if what == "taux" else 1500.5)
            return not_an_amount_message(
                text.strip(), (self.prefix() + example + self.suffix()).strip(), what=what
            )
        if value.as_tuple().exponent < -self.decimals():  # type: ignore[operator]
            return too_precise_message(text.strip(), self.decimals(), what=what)
        above = value > Decimal(str(self.maximum()))
        if not above and value >= Decimal(str(self.minimum())):
            return None
        limit = self.maximum() if above else self.minimum()
        shown = self.prefix() + self.textFromValue(limit) + self.suffix()
        return beyond_limit_message(text.strip(), shown.strip(), above=above, what=what)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        typed, refused = self.lineEdit().text(), self.input_error()
        super().focusOutEvent(event)  # Qt puts the last acceptable amount back
        if refused:
            self.lineEdit().setText(typed)  # what was typed stays, to be corrected
            self._show_message(refused)
        else:
            self._show_french()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter on an amount past the limits says why and presses no button (the dialog would
        have saved the last acceptable amount)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            refused := self.input_error()
        ):
            self._show_message(refused)
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_message(self, message: str) -> None:
        self._message = message
        self.setToolTip(message)
        wrapper = self.parentWidget()
        if getattr(wrapper, "field", None) is self and hasattr(wrapper, "set_error"):
            wrapper.set_error(message)  # type: ignore[union-attr]

    def setValue(self, value: float) -> None:  # noqa: N802 - Qt API
        super().setValue(value)
        self._text_changed("")  # Qt writes the new text with the line edit's signals blocked

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        super().stepBy(steps)
        self._text_changed("")

    def _text_changed(self, _text: str) -> None:
        """The message goes as soon as the amount is put right, typed or written by the dialog
        (« Montants du dispositif »), even to the amount it had before."""
        if self._message is None:
            return
        now = self.input_error()
        if now == self._message:
            return
        previous, self._message = self._message, None
        self.setToolTip("")
        wrapper = self.parentWidget()
        if (
            getattr(wrapper, "field", None) is self
            and hasattr(wrapper, "set_error")
            and wrapper.error.text() == previous  # type: ignore[union-attr]
        ):
            wrapper.set_error(None)  # type: ignore[union-attr]
        if now:
            self._show_message(now)

    def _show_french(self) -> None:
        """Once left, « 1500.50 € » reads « 1 500,50 € » (Qt leaves the text as typed when
        the value it stands for did not change)."""
        if self.specialValueText() and self.value() == self.minimum():
            return
        shown = self.prefix() + self.textFromValue(self.value()) + self.suffix()
        if self.lineEdit().text() != shown:
            self.lineEdit().setText(shown)

    # -- Qt's reading
    def validate(self, text: str, pos: int) -> object:  # noqa: D102 - Qt API
        if self.specialValueText() and text == self.specialValueText():  # « au Smic »
            return QValidator.State.Acceptable, text, pos
        value = parse_amount(text, self.suffix())
        if value is None:  # empty or half-typed (« 12, »), or letters
            partial = re.fullmatch(r"[\d.,]*", clean_amount_text(text, self.suffix())) is not None
            return (QValidator.State.Intermediate if partial else QValidator.State.Invalid,
                    text, pos)
        if (
            value.as_tuple().exponent < -self.decimals()  # type: ignore[operator]
            or value > Decimal(str(self.maximum()))
            or value < Decimal(str(self.minimum()))
        ):
            # kept as typed (never cut to its first digits or cents); ``input_error`` says why
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
