"""Tab labels are drawn whole: an unselected tab's text rectangle holds the accent of « À » and
the tails of « ç », « p » (the style clips the label to that rectangle; Fusion, the style of
these offscreen tests and of Linux desktops, made it shorter than a line of text)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionTab, QTabBar, QTabWidget, QWidget

from desktop_app.views.common.tabs import TabTextStyle, tab_widget


def _text_rect(bar: QTabBar, index: int) -> tuple[QStyleOptionTab, object]:
    option = QStyleOptionTab()
    bar.initStyleOption(option, index)
    rect = bar.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, bar)
    return option, rect


def _assert_label_fits(bar: QTabBar, index: int) -> None:
    """The label's ink, centred vertically in its text rectangle as the style draws it, stays
    inside that rectangle (and the rectangle inside the tab)."""
    option, rect = _text_rect(bar, index)
    metrics = QFontMetrics(option.fontMetrics)
    ink = metrics.tightBoundingRect(option.text.replace("&", ""))
    line_top = rect.top() + (rect.height() - metrics.height()) / 2
    baseline = line_top + metrics.ascent()
    assert baseline + ink.top() >= rect.top(), (option.text, rect, ink, metrics.ascent())
    assert baseline + ink.bottom() <= rect.bottom(), (option.text, rect, ink, metrics.descent())
    assert bar.tabRect(index).contains(rect), (bar.tabRect(index), rect)


def _tabs(qtbot, titles: list[str], document_mode: bool = False) -> QTabWidget:  # noqa: ANN001
    tabs = tab_widget()
    tabs.setDocumentMode(document_mode)
    for title in titles:
        tabs.addTab(QWidget(), title)
    qtbot.addWidget(tabs)
    tabs.resize(500, 120)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs


@pytest.mark.parametrize("document_mode", [False, True])
def test_unselected_tab_leaves_room_for_the_accent(app, qtbot, document_mode) -> None:  # noqa: ANN001
    tabs = _tabs(qtbot, ["Planning", "À saisir dans La Coop", "Lots reçus"], document_mode)
    bar = tabs.tabBar()
    assert bar.currentIndex() == 0
    metrics = bar.fontMetrics()
    option, rect = _text_rect(bar, 1)
    assert not option.state & QStyle.StateFlag.State_Selected
    assert rect.height() >= metrics.height()
    for index in range(bar.count()):
        _assert_label_fits(bar, index)


def _label_image(qtbot, title: str) -> QImage:  # noqa: ANN001
    tabs = _tabs(qtbot, ["Planning", title])
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def test_unselected_tab_shows_the_accent(app, qtbot) -> None:  # noqa: ANN001
    """Drawn in an unselected tab, « À saisir » differs from « A saisir »: the accent is there."""
    with_accent = _label_image(qtbot, "À saisir")
    without = _label_image(qtbot, "A saisir")
    assert with_accent.size() == without.size()
    rows = [
        y
        for y in range(with_accent.height())
        if any(with_accent.pixel(x, y) != without.pixel(x, y) for x in range(with_accent.width()))
    ]
    assert rows, "the accent of « À » is not drawn in an unselected tab"


def test_workshops_sub_tabs_fit(ctx, qtbot) -> None:  # noqa: ANN001
    """The real bar: « À saisir dans La Coop », unselected while « Planning » is shown."""
    from desktop_app.views.workshops_tab import WorkshopsTab

    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    bar = tab.inner_tabs.tabBar()
    titles = [bar.tabText(index) for index in range(bar.count())]
    lacoop = titles.index("À saisir dans La Coop")
    assert bar.currentIndex() != lacoop
    for index in range(bar.count()):
        _assert_label_fits(bar, index)


def test_only_tab_bars_go_through_the_proxy(ctx, qtbot) -> None:  # noqa: ANN001
    """The proxy's Python override is paid on every style call of the widgets it styles: it is
    on the tab bars (main window and tabs), not on the application, its tables and fields."""
    from desktop_app.views.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert not isinstance(QApplication.style(), TabTextStyle)
    assert isinstance(window.tabs.tabBar().style(), TabTextStyle)
    assert not isinstance(window.tabs.style(), TabTextStyle)
