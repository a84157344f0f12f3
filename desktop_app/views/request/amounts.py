"""Amounts typed as a secretary types them: « 1 500,50 », « 1500,50 », « 1.500,50 », and
« 1500.50 » from the numeric keypad, whose decimal key writes a dot.

Qt's French spin box read a dot as a thousands separator: « 1500.50 » became 15 005,00 € and
« 1250.75 » 12 507,00 €, a payment ten times too large, silently. Here a dot followed by one
or two digits (or by nothing yet) is the decimal mark; followed by three digits it groups
thousands (« 12.500 »). What is shown stays French (« 1 500,50 € »)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _clean(text: str, suffix: str) -> str:
    """``text`` without its unit (« € », « % ») and without spaces."""
    body = text.strip()
    if suffix.strip() and body.endswith(suffix.strip()):
        body = body[: -len(suffix.strip())]
    return _SPACES.sub("", body)


def parse_amount(text: str, suffix: str = "") -> Decimal | None:
    """The number ``text`` stands for; None while it is empty or not (yet) a number."""
    body = _clean(text, suffix)
    if not body or not re.fullmatch(r"[\d.,]+", body):
        return None
    if "," in body:  # the French decimal comma; any dot before it groups thousands
        whole, _, decimals = body.rpartition(",")
        if "," in whole or "." in decimals:
            return None
        if "." in whole and not _GROUPED.fullmatch(whole):
            return None
        body = whole.replace(".", "") + "." + decimals
    elif body.count(".") > 1 or re.fullmatch(r"\d+\.\d{3}", body):
        if not _GROUPED.fullmatch(body):
            return None
        body = body.replace(".", "")
    if body.startswith("."):
        body = "0" + body
    if body.endswith("."):
        body += "0"
    try:
        return Decimal(body)
    except InvalidOperation:
        return None


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
            partial = re.fullmatch(r"[\d.,]*", _clean(text, self.suffix())) is not None
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
