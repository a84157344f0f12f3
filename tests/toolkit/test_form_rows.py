"""Form rows as a keyboard user meets them: Alt+letter reaches the input of a composite row, the
buttons come last in the Tab order even after a right column, a message leaves when its field
is edited and makes the dialog grow, and required fields are marked with one explanation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from desktop_app.views.common.forms import REQUIRED_NOTE, FormDialog, add_row, focus_target
from desktop_app.views.common.input_safety import available_geometry
from tests.request.keyboard import alt, is_on, press

LONG = (
    "Ce nom est déjà celui d'une autre structure de la commune : choisissez-en un autre, "
    "par exemple en ajoutant le nom du quartier ou de l'annexe de la médiathèque."
)


def _spin_with_presets(proxy: bool) -> tuple[QWidget, QSpinBox]:
    holder = QWidget()
    line = QHBoxLayout(holder)
    spin = QSpinBox()
    line.addWidget(spin)
    for minutes in (30, 60, 90):
        line.addWidget(QPushButton(f"{minutes} min"))
    if proxy:
        holder.setFocusProxy(spin)
    return holder, spin


def _show(qtbot, dialog: FormDialog) -> None:  # noqa: ANN001
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def _label_of(dialog: FormDialog, name: str) -> QLabel:
    label = dialog.form.labelForField(dialog.fields[name])
    assert isinstance(label, QLabel)
    return label


def test_alt_letter_of_a_composite_row_reaches_its_input(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Séance")
    qtbot.addWidget(dialog)
    title = dialog.row("title", "&Titre", QLineEdit())
    plain, plain_spin = _spin_with_presets(proxy=False)
    dialog.row("duration", "Du&rée", plain)
    proxied, proxied_spin = _spin_with_presets(proxy=True)
    dialog.row("capacity", "&Places", proxied)
    _show(qtbot, dialog)
    assert _label_of(dialog, "duration").buddy() is plain_spin
    assert _label_of(dialog, "capacity").buddy() is proxied_spin
    assert is_on(title)
    alt(qtbot, "r")
    assert is_on(plain_spin)
    alt(qtbot, "p")
    assert is_on(proxied_spin)


def test_focus_target_follows_the_tab_order_not_the_creation_order(qtbot, app) -> None:  # noqa: ANN001
    holder = QWidget()
    line = QHBoxLayout(holder)
    second, first = QLineEdit(), QLineEdit()
    line.addWidget(first)
    line.addWidget(second)
    QWidget.setTabOrder(first, second)
    qtbot.addWidget(holder)
    assert focus_target(holder) is first
    edit = QLineEdit()
    qtbot.addWidget(edit)
    assert focus_target(edit) is edit  # a widget that takes the focus is its own target


def test_buttons_come_after_a_right_column_in_the_tab_order(qtbot, app) -> None:  # noqa: ANN001
    """Inputs outside ``fields`` (made after the rows, as a right column is) come before the
    buttons, and Tab from « Annuler » goes round to the first field, not into the form."""
    dialog = FormDialog("Séance")
    qtbot.addWidget(dialog)
    first = dialog.row("title", "&Titre", QLineEdit())
    dialog.row("place", "&Lieu", QLineEdit())
    column = QWidget()
    column_form = QFormLayout(column)
    themes = QLineEdit()
    add_row(column_form, "Thé&matiques", themes)
    equipment = QLineEdit()
    add_row(column_form, "Maté&riel", equipment)
    dialog.add_widget(column)
    _show(qtbot, dialog)
    equipment.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(dialog.ok_button)
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(dialog.cancel_button)
    press(qtbot, Qt.Key.Key_Tab)
    assert is_on(first)


def test_a_message_goes_away_when_its_field_is_edited(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Structure")
    qtbot.addWidget(dialog)
    name = dialog.row("name", "&Nom", QLineEdit("Médiathèque"))
    count = dialog.row("count", "&Places", QSpinBox())
    other = dialog.row("other", "&Autre", QLineEdit())
    _show(qtbot, dialog)
    dialog.show_errors({"name": LONG, "count": "Trop peu de places.", "other": "Manquant."})
    assert dialog.fields["name"].error.isVisible()
    name.setText("Médiathèque Émile-Zola")  # the dialog itself filling it: kept
    assert dialog.fields["name"].error.isVisible()
    name.setFocus()
    qtbot.keyClicks(name, " (annexe)")
    assert not dialog.fields["name"].error.isVisible()
    assert name.accessibleDescription() == ""
    count.setFocus()
    press(qtbot, Qt.Key.Key_Up)
    assert not dialog.fields["count"].error.isVisible()
    assert dialog.fields["other"].error.isVisible()  # the fields not edited keep theirs
    assert other.property("invalid")


def test_messages_make_the_dialog_grow_instead_of_scrolling(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Structure")
    qtbot.addWidget(dialog)
    for index in range(6):
        dialog.row(f"f{index}", f"Champ n° &{index}", QLineEdit())
    _show(qtbot, dialog)
    before = dialog.height()
    scroll = dialog.findChild(QScrollArea)
    dialog.show_errors({f"f{index}": LONG for index in range(6)}, "Rien n'a été enregistré.")
    qtbot.wait(20)
    assert dialog.height() > before
    assert scroll.verticalScrollBar().maximum() == 0  # every message shown whole
    assert dialog.height() <= available_geometry(dialog).height()
    error = dialog.fields["f5"].error
    assert error.wordWrap() and error.height() >= 2 * error.fontMetrics().height()


def test_many_messages_stop_at_the_screen_and_scroll(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Structure")
    qtbot.addWidget(dialog)
    for index in range(30):
        dialog.row(f"f{index}", f"Champ n° {index}", QLineEdit())
    _show(qtbot, dialog)
    dialog.show_errors({f"f{index}": LONG for index in range(30)})
    qtbot.wait(20)
    area = available_geometry(dialog)
    assert dialog.height() <= int(area.height() * 0.9)
    assert dialog.frameGeometry().bottom() <= area.bottom()
    assert dialog.findChild(QScrollArea).verticalScrollBar().maximum() > 0


def test_required_rows_are_marked_and_explained_once(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Entretien")
    qtbot.addWidget(dialog)
    dialog.row("panel", "&Jury (qui fait passer l'entretien)", QLineEdit(), required=True)
    dialog.row("date", "&Date", QLineEdit(), required=True)
    dialog.row("note", "&Note", QLineEdit())
    _show(qtbot, dialog)
    assert _label_of(dialog, "panel").text() == "&Jury (qui fait passer l'entretien) *"
    assert _label_of(dialog, "panel").accessibleName() == (
        "Jury (qui fait passer l'entretien) (obligatoire)"
    )
    assert _label_of(dialog, "note").text() == "&Note"
    notes = [w for w in dialog.findChildren(QLabel) if w.text() == REQUIRED_NOTE]
    assert len(notes) == 1 and notes[0].isVisible()
    alt(qtbot, "j")
    assert is_on(dialog.fields["panel"].field)  # the mark leaves the letter alone


def test_no_explanation_without_a_required_row(qtbot, app) -> None:  # noqa: ANN001
    dialog = FormDialog("Note")
    qtbot.addWidget(dialog)
    dialog.row("note", "&Note", QLineEdit())
    _show(qtbot, dialog)
    assert not dialog.required_note.isVisible()


def test_a_label_written_with_its_mark_is_required_too(qtbot, app) -> None:  # noqa: ANN001
    """Forms wrote « Nom * » by hand: the same mark, the same explanation, never twice."""
    dialog = FormDialog("Structure")
    qtbot.addWidget(dialog)
    holder = QWidget()
    form = QFormLayout(holder)
    name = QLineEdit()
    add_row(form, "&Nom de la structure *", name, with_error=True)
    dialog.add_widget(holder)
    _show(qtbot, dialog)
    label = form.labelForField(form.itemAt(0, QFormLayout.ItemRole.FieldRole).widget())
    assert isinstance(label, QLabel) and label.text() == "&Nom de la structure *"
    assert name.property("required")
    assert dialog.required_note.isVisible()


def test_a_spin_box_in_error_keeps_its_arrows(qtbot) -> None:  # noqa: ANN001
    """A style sheet on a spin box draws its arrows as two flat bars: its error shows as a
    red number (the palette) and the message under it, never as a sheet."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QSpinBox

    from desktop_app.views.common.forms import FieldWithError

    spin = QSpinBox()
    row = FieldWithError(spin)
    qtbot.addWidget(row)
    normal = spin.palette().color(QPalette.ColorRole.Text)
    row.set_error("La quantité doit être positive.")
    assert spin.styleSheet() == "" and row.has_error()
    assert spin.palette().color(QPalette.ColorRole.Text) == QColor("#b00020")
    row.set_error(None)
    assert spin.palette().color(QPalette.ColorRole.Text) == normal


def _type(qtbot, edit, text: str) -> None:  # noqa: ANN001
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_date_and_time_row_shows_each_parts_message(qtbot) -> None:  # noqa: ANN001
    from datetime import datetime

    from desktop_app.views.common.date_fields import DateTimeField
    from desktop_app.views.common.forms import FieldWithError

    field = DateTimeField(datetime(2026, 12, 3, 10, 0))
    row = FieldWithError(field)
    row.watch_edits()
    qtbot.addWidget(row)
    row.show()
    _type(qtbot, field.time_field.edit, "25h")
    assert "n'est pas une heure" in row.error.text()
    _type(qtbot, field.date_field.edit, "31/02/2027")
    assert "n'est pas une date" in row.error.text()
    _type(qtbot, field.time_field.edit, "10h30")  # the time put right: the date's stays
    assert "n'est pas une date" in row.error.text()
    _type(qtbot, field.date_field.edit, "28/02/2027")
    assert row.error.text() == "" and field.value() == datetime(2027, 2, 28, 10, 30)


def test_a_forms_own_refusal_stays_when_a_field_is_left_right(qtbot) -> None:  # noqa: ANN001
    from datetime import datetime

    from desktop_app.views.common.date_fields import DateField, DateTimeField
    from desktop_app.views.common.forms import FieldWithError

    moment = DateTimeField(datetime(2026, 12, 3, 23, 0))
    day = DateField(datetime(2026, 12, 3).date())
    rows = [FieldWithError(moment), FieldWithError(day)]
    for row in rows:
        qtbot.addWidget(row)
        row.show()
    refusal = "Le retour ne peut pas être plus tard que maintenant (il est 06:37)."
    for row, edit in ((rows[0], moment.time_field.edit), (rows[1], day.edit)):
        row.set_error(refusal)
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # committed unchanged, as leaving it does
        assert row.error.text() == refusal


def test_a_mistyped_date_left_makes_the_dialog_grow(qtbot, app) -> None:  # noqa: ANN001
    """The message a typed date shows when it is left is seen whole: the dialog grows as it
    does for the messages of a refused save, instead of the rows scrolling."""
    from datetime import datetime

    from desktop_app.views.common.date_fields import DateTimeField

    dialog = FormDialog("Séance")
    qtbot.addWidget(dialog)
    moment = dialog.row("start", "&Début", DateTimeField(datetime(2026, 12, 3, 10, 0)))
    for index in range(4):
        dialog.row(f"f{index}", f"Champ n° {index}", QLineEdit())
    _show(qtbot, dialog)
    before = dialog.height()
    scroll = dialog.findChild(QScrollArea)
    edit = moment.date_field.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "31/02/2027")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # left for the time (Enter would save the form)
    qtbot.waitUntil(lambda: dialog.height() > before)
    assert dialog.fields["start"].error.isVisible()
    assert scroll.verticalScrollBar().maximum() == 0  # the message shown whole
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "28/02/2027")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.wait(20)
    assert dialog.isVisible()
    assert not dialog.fields["start"].error.isVisible()
