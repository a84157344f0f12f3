"""One date field and one time field, typed as people type them.

Qt's ``QDateEdit`` works by sections: the month cannot be typed as a number in some locales,
"2026" becomes "000026", Tab walks through day, month and year (a price typed after Tab lands in
the year), and an empty value shows a special text that typing appends to. These fields are
plain line edits instead: the text is parsed by ``services.dates`` when the person leaves the
field (or presses Enter), shown back as ``12/03/2027`` / ``10:30``, and refused with a French
message under the field when it is not a date or not plausible. A calendar button opens on the
field's date (or today); Up/Down move by a day (by 15 minutes for times).

Both keep the parts of the ``QDateEdit``/``QTimeEdit`` API the forms use (``date()``,
``setDate()``, ``dateChanged``…), so a form moves onto them without rewriting its logic.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop_app.services.dates import (
    DateInputError,
    DateRange,
    Yearless,
    date_text,
    parse_date,
    parse_time,
    plausible_range,
    time_text,
)
from desktop_app.views.common.forms import set_style

ERROR_BORDER = "QLineEdit { border: 1px solid #b00020; }"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TypedField(QWidget):
    """What the date and time fields share: a line edit, a parse on leaving, an error."""

    edited = Signal()  # the value changed by the person (typed or picked)

    def __init__(self, parent: QWidget | None, placeholder: str, width: int) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._commit)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.edit)
        self._error: str | None = None
        self._value: object = None

    # -- what subclasses provide
    def _parse(self, text: str) -> object:
        raise NotImplementedError

    def _show(self, value: object) -> str:
        raise NotImplementedError

    def _step(self, value: object, steps: int) -> object:
        raise NotImplementedError

    def _set_parsed(self, value: object) -> None:
        self._value = value

    def _current(self) -> object:
        return self._value

    # -- shared behaviour
    def input_error(self) -> str | None:
        """The French message for what is typed now, None when it is acceptable."""
        try:
            self._parse(self.edit.text())
        except DateInputError as exc:
            return str(exc)
        return None

    def _commit(self) -> None:
        try:
            value = self._parse(self.edit.text())
        except DateInputError as exc:
            self._set_error(str(exc))
            return
        self._set_error(None)
        changed = value != self._current()
        self._set_parsed(value)
        self.edit.setText(self._show(value))
        if changed:
            self.edited.emit()

    def _set_error(self, message: str | None) -> None:
        previous, self._error = self._error, message
        set_style(self.edit, ERROR_BORDER if message else "")
        self.edit.setToolTip(message or "")
        # the form row under the field (``forms.FieldWithError``) shows the message — the
        # row of a date-and-time field too, which holds this field as one of its parts
        owner: QWidget = self
        wrapper = self.parentWidget()
        if wrapper is not None and getattr(wrapper, "field", None) is not owner and hasattr(
            wrapper, "input_error"
        ):
            owner, wrapper = wrapper, wrapper.parentWidget()
        if getattr(wrapper, "field", None) is not owner or not hasattr(wrapper, "set_error"):
            return
        if message:
            wrapper.set_error(message)  # type: ignore[union-attr]
        elif previous and wrapper.error.text() == previous:  # type: ignore[union-attr]
            # only the message this field put there goes: a form's own refusal (« plus tard
            # que maintenant ») stays when the cursor leaves a field typed right
            other = owner.input_error() if owner is not self else None  # type: ignore[attr-defined]
            wrapper.set_error(other)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1,
                     Qt.Key.Key_PageUp: 7, Qt.Key.Key_PageDown: -7}.get(Qt.Key(event.key()))
            if steps is not None and self.edit.isEnabled() and not self.edit.isReadOnly():
                self._commit()
                current = self._current()
                if self._error is None and current is not None:
                    value = self._step(current, steps)
                    self._set_parsed(value)
                    self.edit.setText(self._show(value))
                    self.edited.emit()
                return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.edit.text()

    def setReadOnly(self, value: bool) -> None:  # noqa: N802 - Qt naming, like QLineEdit
        self.edit.setReadOnly(value)


class DateField(TypedField):
    """A date typed as ``12/03/2027``, ``12032027``, ``12/3/27``, ``12`` (this month), ``12 mars 2027``…

    ``optional`` fields may be left empty (``value()`` is then None); ``valid`` is the plausible
    range (by default ten years back and five ahead of ``today``). A date typed without its year
    is placed by ``yearless`` (``services.dates.Yearless``) within ``valid``: « 15/01 » typed in
    December in a field that takes no past date is next January.
    """

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit signal name forms already use
    valueChanged = Signal(object)  # noqa: N815 - date | None

    def __init__(
        self,
        value: date | None = None,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        valid: DateRange | None = None,
        today: date | None = None,
        what: str = "La date",
        yearless: Yearless = "this_year",
    ) -> None:
        super().__init__(parent, "JJ/MM/AAAA", 96)
        self.optional = optional
        self.yearless: Yearless = yearless
        self.today = today or date.today()
        default = plausible_range(self.today)
        self.valid = valid or DateRange(default.earliest, default.latest, what)
        self._value: date | None = None
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("Choisir dans le calendrier")
        self.button.setAccessibleName("Ouvrir le calendrier")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the next field
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self.button)
        self._calendar: QCalendarWidget | None = None  # made when first opened (``calendar``)
        self._menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(self._menu)
        self._layout.addWidget(self.button)
        self._layout.addStretch()
        self.edited.connect(self._emit_changed)
        self.set_value(value)

    # -- value
    def value(self) -> date | None:
        """The date typed; None when empty. Raises ``DateInputError`` when it is not valid."""
        parsed = self._parse(self.edit.text())
        return parsed  # type: ignore[return-value]

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            value = self.today
        self._value = value
        self.edit.setText(date_text(value))
        self._set_error(None)

    def clear(self) -> None:
        self.set_value(None)

    def set_range(self, valid: DateRange) -> None:
        self.valid = valid

    # -- QDateEdit compatibility
    def date(self) -> QDate:
        try:
            value = self.value()
        except DateInputError:
            return QDate()
        return to_qdate(value) if value else QDate()

    def setDate(self, value: QDate | date) -> None:  # noqa: N802
        day = from_qdate(value) if isinstance(value, QDate) else value
        changed = day != self._value
        self.set_value(day)
        if changed:
            self._emit_changed()

    def setMinimumDate(self, value: QDate) -> None:  # noqa: N802
        self.valid = DateRange(from_qdate(value), self.valid.latest, self.valid.what)

    def setMaximumDate(self, value: QDate) -> None:  # noqa: N802
        self.valid = DateRange(self.valid.earliest, from_qdate(value), self.valid.what)

    def minimumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self.valid.earliest) if self.valid.earliest else QDate(1900, 1, 1)

    def maximumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self.valid.latest) if self.valid.latest else QDate(2200, 12, 31)

    # -- internals
    def _parse(self, text: str) -> date | None:
        value = parse_date(text, self.today, yearless=self.yearless, valid=self.valid)
        if value is None:
            if self.optional:
                return None
            raise DateInputError("Indiquez une date (JJ/MM/AAAA).")
        problem = self.valid.check(value)
        if problem:
            raise DateInputError(problem)
        return value

    def _show(self, value: object) -> str:
        return date_text(value)  # type: ignore[arg-type]

    def _step(self, value: object, steps: int) -> object:
        return value + timedelta(days=steps)  # type: ignore[operator]

    def _emit_changed(self) -> None:
        self.valueChanged.emit(self._value)
        self.dateChanged.emit(to_qdate(self._value) if self._value else QDate())

    @property
    def calendar(self) -> QCalendarWidget:
        """The month grid of the « ▾ » menu, made the first time it is opened: a calendar
        widget is a table with its model and navigation bar, about as costly to build as the
        rest of the field, and most date fields are typed into, never opened."""
        if self._calendar is None:
            calendar = QCalendarWidget(self._menu)
            calendar.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.setMinimumSize(300, 220)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(calendar)
            self._menu.addAction(action)
            self._calendar = calendar
        return self._calendar

    def _prepare_calendar(self) -> None:
        try:
            value = self.value()
        except DateInputError:
            value = None
        shown = value or self.today
        if self.valid.earliest:
            self.calendar.setMinimumDate(to_qdate(self.valid.earliest))
        if self.valid.latest:
            self.calendar.setMaximumDate(to_qdate(self.valid.latest))
        self.calendar.setSelectedDate(to_qdate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _picked(self, value: QDate) -> None:
        self._menu.close()
        day = from_qdate(value)
        changed = day != self._value
        self.set_value(day)
        self.edit.setFocus()
        if changed:
            self.edited.emit()


class TimeField(TypedField):
    """A time typed as ``10``, ``10h``, ``10:30``, ``10h30`` or ``1030``; Up/Down: ±15 min."""

    timeChanged = Signal(QTime)  # noqa: N815 - the QTimeEdit signal name
    valueChanged = Signal(object)  # noqa: N815 - time | None

    STEP_MINUTES = 15

    def __init__(self, value: time | None = None, parent: QWidget | None = None, *,
                 optional: bool = False) -> None:
        super().__init__(parent, "HH:MM", 64)
        self.optional = optional
        self._value: time | None = None
        self._layout.addStretch()
        self.edited.connect(self._emit_changed)
        self.set_value(value)

    def value(self) -> time | None:
        return self._parse(self.edit.text())

    def set_value(self, value: time | None) -> None:
        if value is None and not self.optional:
            value = time(9, 0)
        self._value = value
        self.edit.setText(time_text(value))
        self._set_error(None)

    # -- QTimeEdit compatibility
    def time(self) -> QTime:
        try:
            value = self.value()
        except DateInputError:
            return QTime()
        return QTime(value.hour, value.minute) if value else QTime()

    def setTime(self, value: QTime | time) -> None:  # noqa: N802
        chosen = time(value.hour(), value.minute()) if isinstance(value, QTime) else value
        changed = chosen != self._value
        self.set_value(chosen)
        if changed:
            self._emit_changed()

    def _parse(self, text: str) -> time | None:
        value = parse_time(text)
        if value is None and not self.optional:
            raise DateInputError("Indiquez une heure, par exemple 10h30.")
        return value

    def _show(self, value: object) -> str:
        return time_text(value)  # type: ignore[arg-type]

    def _step(self, value: object, steps: int) -> object:
        assert isinstance(value, time)
        minutes = (value.hour * 60 + value.minute + steps * self.STEP_MINUTES) % (24 * 60)
        return time(minutes // 60, minutes % 60)

    def _emit_changed(self) -> None:
        self.valueChanged.emit(self._value)
        self.timeChanged.emit(QTime(self._value.hour, self._value.minute) if self._value else QTime())


class DateTimeField(QWidget):
    """A date and a time side by side, for loans and returns (``QDateTimeEdit``'s API)."""

    dateTimeChanged = Signal(QDateTime)  # noqa: N815

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None, *,
                 today: date | None = None, valid: DateRange | None = None,
                 yearless: Yearless = "this_year") -> None:
        super().__init__(parent)
        value = value or datetime.now().replace(second=0, microsecond=0)
        self.date_field = DateField(value.date(), self, today=today or value.date(), valid=valid,
                                    yearless=yearless)
        self.time_field = TimeField(value.time(), self)
        # the date keeps its width, so the time stays beside it in a wide form row
        for part in (self.date_field, self.time_field):
            part.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_field)
        layout.addWidget(self.time_field)
        layout.addStretch()
        self.setFocusProxy(self.date_field)
        self.date_field.edit.setAccessibleName("Date")
        self.time_field.edit.setAccessibleName("Heure")
        self.date_field.edited.connect(self._emit)
        self.time_field.edited.connect(self._emit)

    def input_error(self) -> str | None:
        return self.date_field.input_error() or self.time_field.input_error()

    def value(self) -> datetime:
        day, moment = self.date_field.value(), self.time_field.value()
        assert day is not None and moment is not None
        return datetime.combine(day, moment)

    def set_value(self, value: datetime) -> None:
        self.date_field.set_value(value.date())
        self.time_field.set_value(value.time())

    def dateTime(self) -> QDateTime:  # noqa: N802
        try:
            value = self.value()
        except DateInputError:
            return QDateTime()
        return QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute))

    def setDateTime(self, value: QDateTime | datetime) -> None:  # noqa: N802
        if isinstance(value, QDateTime):
            d, t = value.date(), value.time()
            value = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        self.set_value(value)
        self._emit()

    def _emit(self) -> None:
        self.dateTimeChanged.emit(self.dateTime())
