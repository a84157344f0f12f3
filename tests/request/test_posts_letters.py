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
