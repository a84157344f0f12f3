"""Every input of the main window (all tabs, demo data) and of its dialogs has a name."""

from desktop_app.views.accessibility import unnamed_inputs
from desktop_app.views.first_run import FirstRunAssistant
from desktop_app.views.structure_form import StructureDialog


def test_main_window_inputs_all_have_names(main_window, qtbot) -> None:
    main_window.show()
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    assert unnamed_inputs(main_window) == []


def test_settings_dialog_and_assistant_inputs_have_names(demo_ctx, qtbot) -> None:
    for dialog in (StructureDialog(demo_ctx), FirstRunAssistant(demo_ctx)):
        qtbot.addWidget(dialog)
        assert unnamed_inputs(dialog) == []


def test_the_checker_finds_an_unnamed_input(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QLineEdit())
    assert len(unnamed_inputs(root)) == 1
