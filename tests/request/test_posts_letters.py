"""Every action of « Postes et financement » has its Alt+letter, none shared in the window."""

from desktop_app.views.accessibility import mnemonic_clashes, mnemonic_of


def test_posts_actions_have_their_own_letters(qtbot, main_window) -> None:  # noqa: ANN001
    main_window.resize(1366, 740)
    main_window.show()
    qtbot.waitExposed(main_window)
    tab = main_window.tabs.currentWidget().content
    tab.sub_tabs.setCurrentIndex(2)
    panel = tab.posts_panel
    buttons = (panel.add_post_button, panel.edit_post_button, panel.give_back_button,
               panel.edit_convention_button, panel.payment_button)
    assert all(mnemonic_of(b.text()) for b in buttons), [b.text() for b in buttons]
    assert mnemonic_clashes(main_window) == []


def test_the_posts_list_is_reached_with_its_letter(qtbot, main_window) -> None:  # noqa: ANN001
    """Choosing the post a convention or a payment is for took Tab after Tab from the page's
    tab bar: the list had no letter. « Pos&tes financés » (Alt+T) goes to it."""
    from PySide6.QtCore import Qt

    from tests.request.keyboard import alt, press

    main_window.resize(1366, 740)
    main_window.show()
    qtbot.waitExposed(main_window)
    tab = main_window.tabs.currentWidget().content
    tab.sub_tabs.setCurrentIndex(2)
    panel = tab.posts_panel
    panel.smic_button.setFocus()
    qtbot.waitUntil(lambda: panel.smic_button.hasFocus())
    alt(qtbot, "t")
    assert panel.posts_table.hasFocus()
    before = panel.posts_table.currentIndex().row()
    press(qtbot, Qt.Key.Key_Down)
    assert panel.posts_table.currentIndex().row() == before + 1
    assert mnemonic_clashes(main_window) == []
