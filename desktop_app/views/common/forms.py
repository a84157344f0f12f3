"""One form base for every dialog that edits data.

What every form gets, so no dialog has to remember it:

- rows with a label tied to the field (``&Nom`` + ``setBuddy``: Alt+N reaches it, screen readers
  announce it) and, under the field, the rule's French message, wrapped and shown whole;
- a general message line above the buttons for what concerns no single field;
- the fields in a scroll area, so a form taller than the screen scrolls instead of pushing
  "Enregistrer" off-screen (the input-safety filter also caps every window to the screen);
- typed dates and times are checked before saving (``input_error()`` of each field);
- saving through the operation runner: the service runs off the GUI thread, a ``FieldErrors``
  puts each message under its field and keeps the dialog open, nothing is half-written;
- Escape, "Annuler" or closing the window asks before throwing away what was typed;
- a required field says so: `` *`` after its label (``required=True``) and one « * obligatoire »
  line explaining the mark;
- a message under a field goes away as soon as that field is edited, and the dialog grows
  (within the screen) to show it instead of squeezing the rows into a scroll bar.

A dialog subclasses ``FormDialog``, adds rows with ``row()``, and in ``accept()`` reads its
values (in the GUI thread) then calls ``self.run_save(lambda: service(...))`` — the callable must
not touch widgets, it runs on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.field_errors import FieldErrors
from desktop_app.views.common.input_safety import available_geometry, install_input_safety
from desktop_app.views.common.operations import Outcome, run_operation

LABEL_WRAP_FROM = 40  # characters
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
LABEL_MAX_WIDTH = 230  # a longer label wraps at this width instead of pushing its field away


def set_style(widget: QWidget, css: str) -> None:
    """``widget.setStyleSheet(css)`` only when it changes: each call re-polishes the widget and
    its children, which forms that refresh their error marks on every keystroke paid for
    nothing."""
    if widget.styleSheet() != css:
        widget.setStyleSheet(css)


def error_palette(label: QLabel) -> None:
    """The red of error messages through the palette, not a style sheet: dozens of message
    labels are made with every form, and a style sheet per label costs a re-polish each."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#b00020"))
    label.setPalette(palette)


LOCKED_TEXT = "#1a1a1a"
LOCKED_BACKGROUND = "#f3f5f7"


def legible_when_locked(container: QWidget) -> None:
    """Disabled choices inside ``container`` stay dark on light instead of Qt's pale grey: a
    filed request, a closed record, is read, not guessed at. Set once on the container through
    its palette (inherited by every child), so locking and unlocking changes no style sheet
    and re-polishes nothing."""
    palette = container.palette()
    group = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(group, role, QColor(LOCKED_TEXT))
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(group, role, QColor(LOCKED_BACKGROUND))
    container.setPalette(palette)


def show_read_only(edit: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """``setReadOnly`` with a look that says so: the light background of locked fields (the
    text stays selectable and copiable). Qt's style sheets do not follow a ``readOnly``
    change, the palette does."""
    edit.setReadOnly(read_only)
    palette = edit.palette()
    base = (
        QColor(LOCKED_BACKGROUND)
        if read_only
        else QApplication.palette(edit).color(QPalette.ColorRole.Base)
    )
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, base)
    edit.setPalette(palette)


class FieldWithError(QWidget):
    """An input with a red French message under it, hidden when the value is valid."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._watching = False
        self.error = QLabel(self)
        error_palette(self.error)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def set_error(self, message: str | None) -> None:
        appears = bool(message) and not self.error.isVisibleTo(self)
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if appears:
            grow_window_later(self)
        self.field.setProperty("invalid", bool(message))
        self.field.setAccessibleDescription(message or "")
        if isinstance(self.field, QAbstractSpinBox):
            # a spin box styled by a sheet is drawn by its plain rules, the arrows two flat
            # bars: its number turns red through the palette instead
            palette = QApplication.palette(self.field)
            if message:
                palette.setColor(QPalette.ColorRole.Text, QColor("#b00020"))
            self.field.setPalette(palette)
        elif not hasattr(self.field, "input_error"):  # typed fields draw their own border
            set_style(self.field, "border: 1px solid #b00020;" if message else "")

    def has_error(self) -> bool:
        return bool(self.error.text())

    def watch_edits(self) -> None:
        """From now on, the person editing the field takes its message away: the message was
        about the value refused, which is no longer there (the next save checks the new one).
        Only edits made by the person count where Qt tells them apart, so a dialog that fills
        a field itself keeps the message. Forms that check as one types (the request form)
        set their messages themselves and do not call this."""
        if self._watching:
            return
        self._watching = True
        for signal in _edit_signals(self.field):
            signal.connect(self._edited)

    def _edited(self, *_args: object) -> None:
        if self.has_error():
            self.set_error(self._other_parts_error(self.sender()))

    def _other_parts_error(self, edited: QObject | None) -> str | None:
        """For a field made of typed parts (a date and a time), the message of a part the
        person is not editing: putting the time right leaves the mistyped date's message."""
        if not hasattr(self.field, "input_error") or hasattr(self.field, "edit"):
            return None
        for part in self.field.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            edit = getattr(part, "edit", None)
            if edited in (part, edit) or not hasattr(part, "input_error"):
                continue
            message = part.input_error()
            if message:
                return message
        return None


def grow_window_later(row: QWidget) -> None:
    """Let the form dialog holding ``row`` grow to show a message that just appeared under a
    field (a date mistyped, then left), rather than the rows scrolling. The fit runs from the
    event loop, once per dialog however many messages appear together: done at once, from
    inside the focus change or layout pass that showed the message, it re-entered Qt's layout
    and never ended."""
    window = row.window()
    if not isinstance(window, FormDialog) or not window.isVisible() or window.fit_pending:
        return
    window.fit_pending = True
    QTimer.singleShot(0, window, window.grow_to_fit)


def _edit_signals(widget: QWidget) -> list[Any]:
    """The signals by which ``widget`` (or, for a plain container, each input inside it) tells
    that the person changed it."""
    typed_edit = getattr(widget, "edit", None)
    if hasattr(widget, "input_error") and isinstance(typed_edit, QLineEdit):
        return [typed_edit.textEdited, widget.edited]  # date and time fields
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        return [widget.activated, *([line.textEdited] if line is not None else [])]
    if isinstance(widget, QAbstractSpinBox):
        changed = getattr(widget, "valueChanged", None)
        return [changed] if changed is not None else [widget.editingFinished]
    if isinstance(widget, QAbstractButton):
        return [widget.clicked]
    if isinstance(widget, QListWidget):
        return [widget.itemChanged]
    signals: list[Any] = []
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.objectName().startswith("qt_"):
            signals += _edit_signals(child)
    return signals


def focus_target(widget: QWidget) -> QWidget:
    """What Alt+letter on a label should reach for ``widget``: the widget itself when it takes
    the focus, else the end of its focus-proxy chain, else its first input that takes the focus
    in the Tab order (a row made of a spin box and preset buttons is reached at the spin box).
    A label whose buddy takes no focus does nothing on Alt+letter."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget  # it takes the focus (and hands it to its proxy if it has one)
    seen: set[int] = set()
    while widget.focusProxy() is not None and id(widget) not in seen:
        seen.add(id(widget))
        widget = widget.focusProxy()
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget
    inside = [
        w
        for w in widget.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.objectName().startswith("qt_")
    ]
    if not inside:
        return widget
    # the first of them in the focus chain (the order Tab follows), not in creation order
    ids = {id(w) for w in inside}
    current = inside[0]
    for _ in range(len(inside)):
        previous = current.previousInFocusChain()
        if id(previous) not in ids:
            break
        current = previous
    return current


REQUIRED_MARK = " *"
REQUIRED_NOTE = "* obligatoire"


def required_label(label: str) -> str:
    """``label`` with the required mark, once (a label already ending with it is kept)."""
    return label if label.endswith(REQUIRED_MARK) else label + REQUIRED_MARK


def required_note() -> QLabel:
    """The line that explains the mark, once per form (``FormDialog`` shows it by itself as soon
    as one of its rows is required; a form built on ``add_row`` puts it at its top)."""
    note = QLabel(REQUIRED_NOTE)
    note.setObjectName("requiredNote")
    note.setStyleSheet("color: #555;")
    return note


def add_row(  # noqa: ANN201
    form: QFormLayout,
    label: str,
    field: QWidget,
    *,
    with_error: bool = False,
    required: bool = False,
):
    """Add ``label`` (with & mnemonic) tied to ``field``; returns the FieldWithError if asked.

    ``required`` adds the mark `` *`` to the label (a label written with a final `` *`` counts
    as required too, as forms wrote it before) and says « obligatoire » to screen readers."""
    required = required or label.endswith(REQUIRED_MARK)
    if required:
        label = required_label(label)
    label_widget = QLabel(label)
    label_widget.setBuddy(focus_target(field))
    shown = label.replace("&&", "\0").replace("&", "").replace("\0", "&")
    if required:
        label_widget.setAccessibleName(shown.removesuffix(REQUIRED_MARK) + " (obligatoire)")
        field.setProperty("required", True)
    # Only long labels wrap: Qt's word-wrap guess broke short ones ("Téléphone" / ":") in two.
    # A wrapping label still asks for a narrow width, so it gets the width of its text, capped.
    if len(label) > LABEL_WRAP_FROM:
        label_widget.setWordWrap(True)
        width = label_widget.fontMetrics().horizontalAdvance(shown) + 4
        label_widget.setMinimumWidth(min(width, LABEL_MAX_WIDTH))
    if with_error:
        wrapper = FieldWithError(field)
        form.addRow(label_widget, wrapper)
        return wrapper
    form.addRow(label_widget, field)
    return None


class LabelColumns:
    """One label column for the sections of a form: each ``QFormLayout`` sizes its own column
    to its longest label, so the fields of one section did not line up with the next one's.
    ``align()`` after building, and again when the font or style changes (the owner's
    ``changeEvent``). A label that wraps keeps the width ``add_row`` gave it; the others ask
    for their text's width, in the current font."""

    def __init__(self, forms: list[QFormLayout]) -> None:
        self._forms = forms
        self._own_widths: dict[int, int] = {}

    def labels(self) -> list[QLabel]:
        found = []
        for form in self._forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    found.append(item.widget())
        return found

    def align(self) -> None:
        labels = self.labels()
        for label in labels:
            label.setMinimumWidth(self._own_widths.setdefault(id(label), label.minimumWidth()))
        width = max(
            (label.minimumWidth() if label.wordWrap() else label.sizeHint().width()
             for label in labels),
            default=0,
        )
        for label in labels:
            label.setMinimumWidth(width)


def message_label() -> QLabel:
    """The red general-message line of a form: wrapped, selectable, hidden when empty."""
    label = QLabel()
    label.setObjectName("dialogMessage")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _FittingScrollArea(QScrollArea):
    """A scroll area that asks for the size of its content, up to the screen's available area.

    Qt caps a scroll area's size hint at about 24 lines of text, so a form of a dozen rows
    opened with scroll bars (and labels cut sideways) on an empty 1366×768 screen. Past the
    screen, the input-safety filter caps the window and the content scrolls."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        content = self.widget()
        if content is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        wanted = content.sizeHint() + QSize(frame + bar, frame)
        area = available_geometry(self)
        return QSize(min(wanted.width(), area.width()), min(wanted.height(), area.height()))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless vertical scroll area (horizontal bar only if really needed),
    as large as its content when the screen allows."""
    scroll = _FittingScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field; it follows them
    scroll.setWidget(content)
    return scroll


def _state_of(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    if isinstance(widget, QListWidget):  # the items a person added (scanned, chosen) count
        return tuple(widget.item(i).text() for i in range(widget.count()))
    return None


def snapshot(root: QWidget) -> list[object]:
    """What every input under ``root`` holds: compared to tell whether the person typed."""
    return [
        _state_of(w)
        for w in root.findChildren(QWidget)
        if _state_of(w) is not None and not w.property("ignore_in_snapshot")
    ]


def confirm_discard(parent: QWidget) -> bool:
    """Ask before throwing away what was typed; True to throw it away."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Abandonner la saisie ?",
        "Vous avez modifié ce formulaire. Abandonner les modifications ?",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    discard = box.addButton("&Abandonner", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Continuer la saisie", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class GuardedDialog(QDialog):
    """A dialog that asks before throwing away typed input. Escape, "Annuler" and the window's
    close button all go through ``reject()`` (QDialog's own closeEvent calls it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_input_safety()
        self._clean_state: list[object] | None = None

    def mark_clean(self) -> None:
        """The current content is the reference: closing now asks nothing."""
        self._clean_state = snapshot(self)

    def is_modified(self) -> bool:
        return self._clean_state is not None and snapshot(self) != self._clean_state

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        if self._clean_state is None:
            self.mark_clean()
        super().showEvent(event)

    def reject(self) -> None:
        if self.is_modified() and not confirm_discard(self):
            return
        super().reject()


class FormDialog(GuardedDialog):
    """A form: rows with their messages, a general message, Enregistrer / Annuler."""

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        ok_text: str = "&Enregistrer",
        min_width: int = 480,
        ctx: Any = None,  # noqa: ANN401 - the AppContext, for saves announcing changes
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(min_width)
        self.result_value: object = None
        self.last_outcome: Outcome[object] | None = None  # of the last run_save (its error)
        self._saving = False  # a run_save under way
        self.fields: dict[str, FieldWithError] = {}
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.required_note = required_note()  # shown once a row is required
        self.required_note.setVisible(False)
        self.content_layout.addWidget(self.required_note)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.content_layout.addLayout(self.form)
        self.message = message_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.content), 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        if not getattr(self, "_arranged", False):
            self._arranged = True
            self._arrange_for_first_show()
        super().showEvent(event)

    def _arrange_for_first_show(self) -> None:
        """As tall as the form asks (a ``resize(w, 0)`` left only two rows visible), the
        buttons last in the Tab order, after the last input of the dialog's focus chain (the
        buttons were made first; a right column's inputs may come after the rows), and the
        focus in the first field, so that typing goes into the form and never to
        "Enregistrer". The chain is only read: the one ``setTabOrder`` moves the buttons, and
        Qt's inner widgets (a spin box's line edit) are never reordered, which made PySide6
        crash later in the test suite."""
        if any(w.property("required") for w in self.content.findChildren(QWidget)):
            self.required_note.setVisible(True)
        # at most nine tenths of the screen: the window's frame and a margin stay visible
        wanted = min(self.sizeHint().height(), self._tallest())
        if self.height() < wanted:
            self.resize(self.width(), wanted)
        # the form's size hint counts its long rows wrapped (label above the field); at the
        # width it has, they are not: give back the height the rows do not use
        self._fit_height(shrink=True)
        last = self._last_input()
        if last is not None:
            for button in (self.ok_button, self.cancel_button):
                QWidget.setTabOrder(last, button)
                last = button
        fields = [wrapper.field for wrapper in self.fields.values()]
        focused = self.focusWidget()
        if fields and (focused is None or focused in (self.ok_button, self.cancel_button)):
            first = next((w for w in fields if w.isEnabled() and w.isVisibleTo(self)), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    fit_pending = False  # a grow_to_fit is queued (see grow_window_later)

    def grow_to_fit(self) -> None:
        """Taller if the rows need more room than they have (never shorter: the person may
        have made the window taller themselves)."""
        self.fit_pending = False
        if self.isVisible():
            self._fit_height(shrink=False)

    def _tallest(self) -> int:
        return int(available_geometry(self).height() * 0.9)

    def _fit_height(self, *, shrink: bool) -> None:
        """Make the scroll area as tall as the rows need at the dialog's width: shorter when
        ``shrink`` and they need less, taller (up to nine tenths of the screen, the window
        moved up if its bottom would leave the screen) when they need more — a message that
        appeared under a field makes the dialog grow rather than the rows scroll."""
        self.layout().activate()
        scroll = self.content.parentWidget().parentWidget()  # viewport, then the scroll area
        layout = self.content.layout()
        if not isinstance(scroll, QScrollArea) or layout is None:
            return
        layout.activate()
        viewport = scroll.viewport()
        needed = (
            layout.totalHeightForWidth(viewport.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        spare = viewport.height() - needed
        if spare > 0 and shrink:
            self.resize(self.width(), self.height() - spare)
        elif spare < 0:
            height = min(self.height() - spare, max(self._tallest(), self.height()))
            if height > self.height():
                self.resize(self.width(), height)
                area = available_geometry(self)
                frame = self.frameGeometry()
                if frame.bottom() > area.bottom():
                    self.move(frame.left(), max(area.top(), area.bottom() - frame.height()))

    def _last_input(self) -> QWidget | None:
        """The last widget of the dialog's focus chain that Tab can reach, outside the buttons
        (hidden ones count: a row shown later is then in its place).

        The walk stops at the last widget that takes the focus and never comes back round to
        the dialog itself: a wrapper of the dialog obtained from ``nextInFocusChain`` made
        PySide6 crash when the dialog was collected."""
        reachable = [
            w
            for w in self.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is self
        ]
        left = {id(w) for w in reachable}
        outside = {id(w) for w in (self.buttons, *self.buttons.findChildren(QWidget))}
        last: QWidget | None = None
        widget = self.nextInFocusChain()
        for _ in range(len(self.findChildren(QWidget))):
            if id(widget) in left:
                left.discard(id(widget))
                if id(widget) not in outside:
                    last = widget
            if not left:
                break
            widget = widget.nextInFocusChain()
        return last

    # -- building
    def row(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        """A labelled field whose rule messages show under it (until it is edited); returns
        ``widget``. ``required`` marks the label `` *`` and shows « * obligatoire » once."""
        wrapper = add_row(self.form, label, widget, with_error=True, required=required)
        assert wrapper is not None
        wrapper.watch_edits()
        self.fields[name] = wrapper
        if widget.property("required"):
            self.required_note.setVisible(True)
        return widget

    def add_widget(self, widget: QWidget, stretch: int = 0) -> QWidget:
        """Something below the rows (a table, a preview), inside the scroll area."""
        self.content_layout.addWidget(widget, stretch)
        return widget

    # -- messages
    def clear_errors(self) -> None:
        for wrapper in self.fields.values():
            wrapper.set_error(None)
        self.set_message("")

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text and self.isVisible():
            self._fit_height(shrink=False)

    def show_errors(self, errors: dict[str, str] | FieldErrors, general: str = "") -> None:
        """Each message under its field (gone when the field is edited), the others (and
        ``general``) in the message line; the dialog grows to show them."""
        if isinstance(errors, FieldErrors):
            general = general or (str(errors) if not errors.errors else "")
            errors = errors.errors
        for name, wrapper in self.fields.items():
            wrapper.watch_edits()  # also the rows a dialog wrapped by hand
            wrapper.set_error(errors.get(name))
        unplaced = [text for name, text in errors.items() if name not in self.fields]
        self.set_message(" ".join([*unplaced, general]).strip())
        if self.isVisible():
            self._fit_height(shrink=False)
        first = next((self.fields[n] for n in self.fields if n in errors), None)
        if first is not None:
            first.field.setFocus()

    def check_typed_fields(self) -> bool:
        """Show the message of every date or time that is not acceptable; True when all are."""
        errors = {
            name: message
            for name, wrapper in self.fields.items()
            if hasattr(wrapper.field, "input_error") and (message := wrapper.field.input_error())
        }
        if errors:
            self.show_errors(errors)
            return False
        return True

    # -- saving
    def run_save(
        self,
        save: Callable[[], object],
        *,
        label: str = "Enregistrement en cours…",
        changes: Iterable[str] = (),
        initiator: object = None,
    ) -> bool:
        """Run ``save()`` through the operation runner; True when it succeeded (its value is in
        ``result_value``). A refusal is shown in the form, which stays open; its exception is
        in ``last_outcome.error`` for dialogs that answer some refusals (a question, a retry).

        Asked again while a save runs (« Enregistrer » pressed twice), it starts nothing and
        returns False with no outcome: two saves at once were two writers, the second refused
        « database is locked » by the first one's lock and the form said the base was taken by
        another program."""
        if self._saving:
            self.last_outcome = None
            return False
        self.clear_errors()
        if not self.check_typed_fields():
            return False
        self._saving = True
        try:
            outcome: Outcome[object] = run_operation(
                self,
                lambda _job: save(),
                label=label,
                ctx=self.ctx,
                db=getattr(self.ctx, "db", None),
                changes=changes,
                initiator=initiator,
                show_error=False,
                cancellable=False,
            )
        finally:
            self._saving = False
        self.last_outcome = outcome
        if outcome.ok:
            self.result_value = outcome.value
            return True
        if outcome.cancelled:
            return False
        error = outcome.error
        if isinstance(error, FieldErrors):
            self.show_errors(error, "" if error.errors else str(error))
            if error.errors and not any(n in self.fields for n in error.errors):
                self.set_message(str(error))
        else:
            self.set_message(outcome.message or "")
        return False

    def accept_saved(self) -> None:
        """Close after a successful save without asking about discarding."""
        self.mark_clean()
        super().accept()


def ask_with_details(
    parent: QWidget | None,
    title: str,
    summary: str,
    details: list[str],
    *,
    yes: str = "&Oui",
    no: str = "&Non",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """A question whose long list (every occurrence of a series…) is summarised, the list in a
    scrollable "Afficher les détails" part: the box never grows taller than the screen."""
    box = QMessageBox(icon, title, summary, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setDetailedText("\n".join(details))
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def summarise(lines: list[str], limit: int = 5) -> str:
    """The first ``limit`` lines, then "… et N autres" (for a message's visible part)."""
    if len(lines) <= limit:
        return "\n".join(lines)
    rest = len(lines) - limit
    return "\n".join(lines[:limit]) + f"\n… et {rest} autre{'s' if rest > 1 else ''}."


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
