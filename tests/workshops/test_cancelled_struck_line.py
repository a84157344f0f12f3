"""A cancelled session's text is struck through inside its own block, in the week and in the
month: laid out once with a struck font, its line was drawn shifted by the painter's
translation — on screen, by the view's place in the window, into the day before."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from desktop_app.services.workshops import sessions as ss
from desktop_app.views.workshops.calendar_views import _CalendarCanvas
from desktop_app.views.workshops_tab import WorkshopsTab
from tests.workshops.helpers import add_session, setup_library

OFFSET = 40  # the view drawn this far from its image's left edge, as a window places it


def _drawn_at_an_offset(view: _CalendarCanvas) -> QImage:
    view._static.clear()  # laid out again under this painter's translation
    view.__dict__.get("_block_texts", {}).clear()
    image = QImage(view.width() + OFFSET, view.height(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.render(painter, QPoint(OFFSET, 0))
    painter.end()
    return image.copy(OFFSET, 0, view.width(), view.height())


def _dark_runs(image: QImage, rect: QRectF, x_from: int, x_to: int) -> int:
    """The longest run of dark pixels (darker than the grid) on one row of ``rect``'s height, from x_from to x_to."""
    longest = 0
    for y in range(int(rect.top()), int(rect.bottom())):
        run = 0
        for x in range(max(0, x_from), min(image.width(), x_to)):
            run = run + 1 if QColor(image.pixel(x, y)).lightness() < 180 else 0
            longest = max(longest, run)
    return longest


@pytest.mark.parametrize("view_name", ["month", "week"])
def test_the_line_through_stays_on_its_text(qtbot, ctx, view_name: str) -> None:  # noqa: ANN001
    setup_library(ctx.db)
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    sid = add_session(ctx.db, datetime(2026, 3, 10, 14),
                      title="Découvrir l'administration en ligne : impôts, Ameli, CAF")
    with ctx.db.session() as s:
        ss.cancel_session(s, sid)
    tab = WorkshopsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.go_to(date(2026, 3, 10))
    tab.set_view(view_name)
    view = tab.month_view if view_name == "month" else tab.week_view
    qtbot.wait(20)
    image = _drawn_at_an_offset(view)
    [rect] = [h.rect for h in view._hits if h.row.id == sid]
    left = int(rect.left())
    assert _dark_runs(image, rect, left - 30, left - 1) == 0  # nothing in the day before
    assert _dark_runs(image, rect, left, int(rect.right())) >= 30  # the line through
