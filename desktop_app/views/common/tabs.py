"""Tab widgets: bars drawn by the platform's style with room for the accents in their labels,
and pages built when first shown (``LazyPage``).

Every tab widget of the application is made by :func:`tab_widget`, which gives its bar (and
only its bar) :class:`TabTextStyle`. The proxy is set on the bars rather than on the whole
application: a Python override is called through the binding on every call of the style, and
an application-wide proxy was asked for the text rectangle of every table cell and every field
at each layout and paint — a tab or a list reload took up to twice as long.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleOptionTab,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.views.common.input_safety import building_quietly

_VERTICAL_TAB_SHAPES = (
    QTabBar.Shape.RoundedWest,
    QTabBar.Shape.RoundedEast,
    QTabBar.Shape.TriangularWest,
    QTabBar.Shape.TriangularEast,
)


class TabTextStyle(QProxyStyle):
    """The platform's style, with room for the accents of capitals in tab labels.

    Fusion shifts an unselected tab's label down and shortens its text rectangle by as much,
    which leaves it lower than a line of text; the label is drawn clipped to that rectangle,
    so the accent of « À » and the tails of « ç », « p », « ) » are cut. The rectangle is grown
    here, evenly above and below, to hold the label's glyphs: the text stays where the style
    centres it, only no longer clipped. A proxy over one metric rather than a style sheet: no
    style-sheet engine at start-up, and the bars are right under whichever style Qt chose."""

    def subElementRect(self, element, option, widget=None):  # noqa: ANN001, ANN201, N802
        rect = super().subElementRect(element, option, widget)
        if element != QStyle.SubElement.SE_TabBarTabText or not isinstance(option, QStyleOptionTab):
            return rect
        vertical = option.shape in _VERTICAL_TAB_SHAPES
        height = rect.width() if vertical else rect.height()
        missing = _label_height(option) - height
        if missing <= 0:
            return rect
        above, below = missing // 2, missing - missing // 2
        if vertical:
            return rect.adjusted(-above, 0, below, 0)
        return rect.adjusted(0, -above, 0, below)


_HEIGHTS: dict[tuple, int] = {}  # (label, font's measures) → height; a few dozen labels


def _label_height(option: QStyleOptionTab) -> int:
    """Height a tab's text rectangle needs so that the label, centred in it, is not clipped:
    a line of the font, plus twice what the glyphs reach beyond its ascent or descent (the
    label is centred on the line, so the margin is needed on both sides). Remembered per
    label and font: a tab bar asks for every tab at each layout and paint (a list reload that
    renames one tab asked some 500 times)."""
    metrics = option.fontMetrics
    key = (
        option.text,
        metrics.height(),
        metrics.ascent(),
        metrics.descent(),
        metrics.averageCharWidth(),
        metrics.maxWidth(),
    )
    height = _HEIGHTS.get(key)
    if height is None:
        text = option.text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text:
            height = 0
        else:
            ink = metrics.tightBoundingRect(text)
            beyond = max(0, -ink.top() - metrics.ascent(), ink.bottom() + 1 - metrics.descent())
            height = metrics.height() + 2 * beyond
        if len(_HEIGHTS) > 4096:  # labels with changing counts: never more than this
            _HEIGHTS.clear()
        _HEIGHTS[key] = height
    return height


_STYLE: list[TabTextStyle] = []  # one proxy for every bar, alive as long as the process


def tab_style() -> TabTextStyle:
    """The proxy shared by the tab bars (over a copy of the application's style, made by Qt
    when the proxy is first used)."""
    if not _STYLE:
        _STYLE.append(TabTextStyle())
    return _STYLE[0]


class LazyPage(QWidget):
    """Holds the place of a tab page until it is first shown, then builds it (``build()``) and
    shows it inside: a page nobody opens costs nothing, and one that is opened pays when it is.
    ``content`` is the page once built; ``ensure_built()`` builds it now (code that needs the
    page before it is shown)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            with building_quietly(lambda: self.content):
                self.content = self._build()
                self.layout().addWidget(self.content)
                if self.isVisible():
                    self.content.show()  # shown (and polished) now, not at a later turn
            self.setFocusProxy(self.content)
            self.built(self.content)
        return self.content

    def built(self, content: QWidget) -> None:
        """Called once the page is built (for subclasses)."""


class TabWidget(QTabWidget):
    """The application's tab widget: its bar keeps room for accents (``TabTextStyle``), and a
    ``LazyPage`` is built when its tab becomes current. A lazy page's content stands for its
    page in ``indexOf`` and ``setCurrentWidget``, so callers need not know it is lazy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabBar().setStyle(tab_style())
        self.currentChanged.connect(self._build_current)

    def add_lazy_tab(self, build: Callable[[], QWidget], label: str) -> LazyPage:
        page = LazyPage(build)
        self.addTab(page, label)
        if self.currentWidget() is page:
            page.ensure_built()
        return page

    def _build_current(self, _index: int) -> None:
        page = self.currentWidget()
        if isinstance(page, LazyPage):
            page.ensure_built()

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - Qt API
        index = super().indexOf(widget)
        if index < 0 and widget is not None and isinstance(widget.parentWidget(), LazyPage):
            index = super().indexOf(widget.parentWidget())
        return index

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt API
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)


def tab_widget(parent: QWidget | None = None) -> TabWidget:
    """A tab widget whose labels are drawn whole: the one way tabs are made here."""
    return TabWidget(parent)
