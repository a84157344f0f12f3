"""The view toolkit used as a person would: typed dates, the wheel, forms, search-and-add."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.dates import DateRange
from desktop_app.services.field_errors import FieldErrors
from desktop_app.views.accessibility import mnemonic_clashes, mnemonic_of
from desktop_app.views.common import forms
from desktop_app.views.common.date_fields import DateField, TimeField
from desktop_app.views.common.forms import FormDialog, ask_with_details
from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.search_add import SearchAdd
from tests.screen_checks import wheel

TODAY = date(2026, 12, 1)


def _type(qtbot, field, text: str) -> None:  # noqa: ANN001
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    field.edit.editingFinished.emit()


def test_date_field_accepts_what_people_type(qtbot, app) -> None:  # noqa: ANN001
    field = DateField(TODAY, today=TODAY)
    qtbot.addWidget(field)
    field.show()
    for typed, expected in [("12032027", date(2027, 3, 12)), ("12/3/27", date(2027, 3, 12)),
                            ("10", date(2026, 12, 10))]:
        field.edit.setText(typed)
        field.edit.editingFinished.emit()
        assert field.value() == expected
        assert field.text() == expected.strftime("%d/%m/%Y")
    with qtbot.waitSignal(field.dateChanged):
        field.edit.setText("01/02/2027")
        field.edit.editingFinished.emit()
    assert field.date().month() == 2


def test_date_field_typed_with_keys_and_arrows(qtbot, app) -> None:  # noqa: ANN001
    field = DateField(TODAY, today=TODAY)
    qtbot.addWidget(field)
    field.show()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "12/03/2027")
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == date(2027, 3, 13)
    qtbot.keyClick(field.edit, Qt.Key.Key_PageDown)
    assert field.value() == date(2027, 3, 6)


def test_implausible_and_wrong_dates_keep_a_message(qtbot, app) -> None:  # noqa: ANN001
    field = DateField(TODAY, today=TODAY)
    qtbot.addWidget(field)
    field.edit.setText("01/01/2202")
    field.edit.editingFinished.emit()
    assert "ne peut pas être après" in (field.input_error() or "")
    assert field.edit.toolTip() == field.input_error()
    field.edit.setText("31/02/2027")
    assert "n'est pas une date qui existe" in (field.input_error() or "")


def test_optional_date_can_be_emptied(qtbot, app) -> None:  # noqa: ANN001
    field = DateField(TODAY, optional=True, today=TODAY)
    qtbot.addWidget(field)
    field.edit.setText("")
    field.edit.editingFinished.emit()
    assert field.value() is None and field.input_error() is None
    required = DateField(TODAY, today=TODAY)
    qtbot.addWidget(required)
    required.edit.setText("")
    assert required.input_error() == "Indiquez une date (JJ/MM/AAAA)."


def test_calendar_opens_on_the_value(qtbot, app) -> None:  # noqa: ANN001
    field = DateField(date(2027, 5, 20), today=TODAY, valid=DateRange(date(2020, 1, 1), date(2030, 1, 1)))
    qtbot.addWidget(field)
    field._prepare_calendar()
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (2027, 5)
    empty = DateField(None, optional=True, today=TODAY)
    qtbot.addWidget(empty)
    empty._prepare_calendar()
    assert (empty.calendar.yearShown(), empty.calendar.monthShown()) == (2026, 12)


def test_time_field(qtbot, app) -> None:  # noqa: ANN001
    field = TimeField(time(14, 0))
    qtbot.addWidget(field)
    field.show()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "10")
    field.edit.editingFinished.emit()
    assert field.value() == time(10, 0) and field.text() == "10:00"
    field.edit.setText("10h30")
    field.edit.editingFinished.emit()
    assert field.time().minute() == 30
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == time(10, 45)
    field.edit.setText("25h")
    assert "n'est pas une heure" in (field.input_error() or "")


def test_wheel_never_changes_an_unfocused_field(qtbot, app) -> None:  # noqa: ANN001
    install_input_safety(app)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    spin, combo, other = QSpinBox(), QComboBox(), QLineEdit()
    spin.setValue(1)
    combo.addItems(["Oui", "Non", "Je ne sais pas"])
    layout.addWidget(other)
    for _ in range(30):
        layout.addWidget(QLineEdit())
    layout.addWidget(spin)
    layout.addWidget(combo)
    scroll = QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.resize(300, 200)
    qtbot.addWidget(scroll)
    scroll.show()
    other.setFocus()
    wheel(spin)
    wheel(spin.lineEdit())
    wheel(combo)
    assert spin.value() == 1 and combo.currentIndex() == 0
    assert scroll.verticalScrollBar().value() > 0  # the form scrolled instead
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not give focus
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 2  # a focused field still answers the wheel


class _Form(FormDialog):
    def __init__(self, save) -> None:  # noqa: ANN001
        super().__init__("Essai")
        self.save = save
        self.name = self.row("name", "&Nom", QLineEdit())
        self.start = self.row("start", "&Début", DateField(TODAY, today=TODAY))

    def accept(self) -> None:
        name = self.name.text()
        if self.run_save(lambda: self.save(name)):
            self.accept_saved()


def test_form_places_errors_and_stays_open(qtbot, app) -> None:  # noqa: ANN001
    long = "Le nom de la structure est trop long : " + "très long " * 40

    def save(name: str) -> str:
        if not name:
            raise FieldErrors({"name": long})
        return name

    dialog = _Form(save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()
    error = dialog.fields["name"].error
    assert error.isVisible() and error.text() == long and error.wordWrap()
    dialog.name.setText("Médiathèque")
    dialog.start.edit.setText("45/45/2027")
    dialog.accept()
    assert dialog.isVisible() and "n'est pas une date" in dialog.fields["start"].error.text()
    dialog.start.edit.setText("12/03/2027")
    dialog.accept()
    assert not dialog.isVisible() and dialog.result_value == "Médiathèque"


def test_escape_on_a_modified_form_asks(qtbot, app, monkeypatch) -> None:  # noqa: ANN001
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def fake(parent) -> bool:  # noqa: ANN001
        asked.append("asked")
        return answers.pop(0)

    monkeypatch.setattr(forms, "confirm_discard", fake)
    dialog = _Form(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and not asked
    dialog = _Form(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Saisie en cours")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["asked"]  # "Continuer la saisie"
    dialog.close()
    assert not dialog.isVisible() and len(asked) == 2  # "Abandonner"


def test_escape_asks_when_only_a_list_was_filled(qtbot, app, monkeypatch) -> None:  # noqa: ANN001
    """Items scanned or chosen into a list are input too: Escape asks before losing them."""
    from PySide6.QtWidgets import QListWidget

    asked: list[str] = []
    monkeypatch.setattr(forms, "confirm_discard", lambda _parent: asked.append("asked") or False)
    dialog = forms.GuardedDialog()
    layout = QVBoxLayout(dialog)
    items = QListWidget()
    layout.addWidget(items)
    qtbot.addWidget(dialog)
    dialog.show()
    items.addItem("KIT-0012 — Tablette Samsung Galaxy Tab A8")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["asked"]


def test_long_lists_are_summarised(qtbot, app, monkeypatch) -> None:  # noqa: ANN001
    seen = {}

    def fake_exec(box) -> int:  # noqa: ANN001
        box.show()
        seen["height"] = box.frameGeometry().height()
        seen["details"] = box.detailedText()
        box.done(0)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    lines = [f"Le mardi {n} mars 2027 de 14:00 à 16:00 : salle déjà occupée" for n in range(300)]
    assert ask_with_details(None, "Série", "300 séances se chevauchent.", lines) is False
    assert seen["details"].count("\n") == 299
    assert seen["height"] < 728


def test_search_add_enter_adds_and_does_not_close(qtbot, app) -> None:  # noqa: ANN001
    people = [(1, "BROSSARD Hélène"), (2, "BROSSARD Hugo"), (3, "NOËL Maëlle")]
    dialog = forms.GuardedDialog()
    search = SearchAdd(lambda text: [p for p in people if text.lower() in p[1].lower()])
    ok = QPushButton("OK")
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(search)
    layout.addWidget(ok)
    chosen: list[int] = []
    search.chosen.connect(chosen.append)
    qtbot.addWidget(dialog)
    dialog.show()
    search.field.setFocus()
    qtbot.keyClicks(search.field, "brossard")
    qtbot.keyClick(search.field, Qt.Key.Key_Down)  # into the results: Hugo
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert chosen == [2] and dialog.isVisible()
    search.field.setText("noël")  # QTest cannot type "ë"; the text arrives as typed
    qtbot.keyClick(search.field, Qt.Key.Key_Enter)
    assert chosen == [2, 3] and dialog.isVisible()


def test_mnemonic_clashes_are_found(qtbot, app) -> None:  # noqa: ANN001
    assert mnemonic_of("&Enregistrer") == "e" and mnemonic_of("Tom && Jerry") is None
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QPushButton("&Enregistrer"))
    layout.addWidget(QPushButton("&Effacer"))
    layout.addWidget(QPushButton("&Annuler"))
    qtbot.addWidget(window)
    window.show()
    assert mnemonic_clashes(window) == ["Alt+E : Enregistrer / Effacer"]


def test_rows_model_folds_search_texts_only_when_a_filter_asks(qtbot, app) -> None:  # noqa: ANN001
    """A list without a search field never folds its rows; a filter typed after a sort finds
    the right rows in the new order."""
    from PySide6.QtCore import Qt

    from desktop_app.views.common.tables import Column, RowsModel, RowsProxy

    rows = [(1, "Éloïse Lefèvre"), (2, "Bruno Abadie"), (3, "Zoé Lefebvre")]
    model: RowsModel = RowsModel([Column("Nom", lambda r: r[1])], lambda r: r[0])
    folded: list[int] = []

    def search_text(row, texts):  # noqa: ANN001, ANN202
        folded.append(row[0])
        return " ".join(texts)

    model.search_text = search_text
    model.set_rows(rows)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert folded == []  # shown and sorted without folding anything
    proxy = RowsProxy()
    proxy.setSourceModel(model)
    proxy.set_filter("lefe")
    shown = [proxy.data(proxy.index(i, 0)) for i in range(proxy.rowCount())]
    assert shown == ["Zoé Lefebvre", "Éloïse Lefèvre"]
    assert sorted(folded) == [1, 2, 3]


def test_select_id_finds_rows_by_id_through_the_filter(qtbot, app) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    from desktop_app.views.common.tables import Column, RowsModel, RowsProxy, select_id, selected_id

    keys: list[int] = []

    def key(r):  # noqa: ANN001, ANN202
        keys.append(r[0])
        return r[1]

    model: RowsModel = RowsModel([Column("Nom", lambda r: r[1], key=key)], lambda r: r[0])
    model.set_rows([(i, f"Personne {i:04d}") for i in range(1, 501)])
    proxy = RowsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    sorted_once = len(keys)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # Qt asks again: nothing to do
    assert len(keys) == sorted_once
    assert select_id(view, 250) and selected_id(view) == 250
    assert view.currentIndex().row() == 250  # 500 … 251, then 250, in descending order
    proxy.set_filter("personne 04")
    assert not select_id(view, 250)  # filtered out
    assert select_id(view, 412) and selected_id(view) == 412
    model.set_rows([(7, "Personne 0407"), (412, "Personne 0412")])
    assert select_id(view, 412) and view.currentIndex().row() == 0  # still descending


def test_form_dialog_opens_tall_enough_focused_on_its_first_field(qtbot, app) -> None:  # noqa: ANN001
    """A form shown after ``resize(w, 0)`` still shows its rows; typing goes into the first
    field; Tab walks the fields, then Enregistrer, then Annuler."""
    dialog = FormDialog("Nouvelle personne")
    qtbot.addWidget(dialog)
    fields = [dialog.row(f"f{i}", f"Champ n° &{i}", QLineEdit()) for i in range(10)]
    dialog.resize(520, 0)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    assert scroll.verticalScrollBar().maximum() == 0  # every row shown, nothing to scroll
    viewport = scroll.viewport()
    bottom = fields[-1].mapTo(viewport, fields[-1].rect().bottomLeft()).y()
    assert bottom <= viewport.height() <= bottom + 40  # and no empty band under the rows
    assert dialog.focusWidget() is fields[0]
    order = []
    widget = fields[0]
    for _ in range(len(fields) + 2):  # the nine other fields, the two buttons, then round
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[: len(fields) - 1] == fields[1:]
    assert order[len(fields) - 1 :] == [dialog.ok_button, dialog.cancel_button, fields[0]]


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise).*")
def test_the_calendar_grid_is_made_only_when_opened(qtbot, app) -> None:  # noqa: ANN001
    """Most date fields are typed into: their month grid costs nothing until « ▾ » opens it."""
    from PySide6.QtCore import QTimer

    field = DateField(date(2027, 5, 20), today=TODAY,
                      valid=DateRange(date(2020, 1, 1), date(2030, 1, 1)))
    qtbot.addWidget(field)
    field.show()
    assert field._calendar is None
    seen = []

    def look() -> None:
        seen.append((field._menu.isVisible(), field.calendar.isVisible(),
                     field.calendar.monthShown()))
        field._menu.close()

    QTimer.singleShot(100, look)
    field.button.click()  # the menu opens (and runs until closed)
    assert seen == [(True, True, 5)]


def test_a_group_box_title_letter_counts_even_when_not_checkable(qtbot) -> None:  # noqa: ANN001
    """Alt+letter of a plain group box's title goes to its first field: it can clash."""
    from PySide6.QtWidgets import QGroupBox

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    box = QGroupBox("&Période")
    QVBoxLayout(box).addWidget(QLineEdit())
    layout.addWidget(box)
    layout.addWidget(QPushButton("A&ide"))
    layout.addWidget(QPushButton("&Prêter…"))
    window.show()
    assert mnemonic_clashes(window) == ["Alt+P : Période / Prêter…"]


def _focused_button(qtbot, app, text: str, *others: QWidget):  # noqa: ANN001, ANN202
    """A window (not a dialog) with a focused button ``text`` beside ``others``: the window
    (kept by the caller), the button and the list its presses are recorded in."""
    install_input_safety(app)
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton(text)
    for widget in (button, *others):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    return window, button, pressed


def test_enter_presses_a_focused_button_outside_dialogs(qtbot, app) -> None:  # noqa: ANN001
    tick = QCheckBox("Tout")
    _window, button, pressed = _focused_button(qtbot, app, "Enregistrer le PDF…", QLineEdit(),
                                               tick)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.keyClick(button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert pressed == [True, True]
    button.setEnabled(False)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == [True, True]
    tick.setFocus()
    qtbot.waitUntil(tick.hasFocus)
    qtbot.keyClick(tick, Qt.Key.Key_Return)
    assert not tick.isChecked()  # Enter ticks nothing


def test_in_a_dialog_enter_stays_the_dialogs(qtbot, app) -> None:  # noqa: ANN001
    install_input_safety(app)
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    first, second = QPushButton("Premier"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(dialog)
    dialog.show()
    clicks: list[str] = []
    first.clicked.connect(lambda: clicks.append("premier"))
    second.clicked.connect(lambda: clicks.append("second"))
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert clicks == ["second"]  # Qt's own: the focused auto-default button, once


def test_a_held_enter_presses_once_and_a_scan_presses_nothing(qtbot, app) -> None:  # noqa: ANN001
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    _window, button, pressed = _focused_button(qtbot, app, "Saisi dans La Coop")

    def key(code: Qt.Key, text: str = "", repeat: bool = False) -> None:
        QApplication.sendEvent(button, QKeyEvent(
            QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, text, repeat))

    key(Qt.Key.Key_Return, "\r")
    for _ in range(3):
        key(Qt.Key.Key_Return, "\r", repeat=True)  # Enter held down
    assert pressed == [True]
    for ch in "KIT-0004":  # a scanner: the code, then Enter
        key(Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_Minus, ch)
    key(Qt.Key.Key_Return, "\r")
    assert pressed == [True]
