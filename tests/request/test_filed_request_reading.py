"""A filed request is read, not edited: moving through its fields with the keyboard never
says « Modifications en cours… » nor writes anything."""

from PySide6.QtCore import Qt

from desktop_app.services.request import requests
from desktop_app.views.request_tab import RequestTab


def test_tabbing_through_a_filed_request_changes_nothing(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab._data is not None and not tab._data.is_draft  # the demo's current request
    before = tab.save_state.text()
    with demo_ctx.db.session() as s:
        history = len(requests.get_request(s, tab._data.id).history)
    tab.form.name.setFocus()
    for _ in range(12):
        qtbot.keyClick(tab.focusWidget() or tab, Qt.Key.Key_Tab)
    tab.form.changed.emit()  # whatever a read-only field reports (focus left, list filled…)
    tab.save_now()
    assert tab.save_state.text() == before
    assert "Modifications en cours" not in tab.save_state.text()
    with demo_ctx.db.session() as s:
        assert len(requests.get_request(s, tab._data.id).history) == history


def test_a_filed_requests_commitments_are_dark_on_light(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """The five commitments of a filed request read as its other fields do, dark on light:
    each box had its own style sheet, which kept Qt's pale disabled grey over the form's
    locked palette."""
    from PySide6.QtGui import QColor

    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab._data is not None and not tab._data.is_draft
    for box in tab.form.commitment_boxes:
        assert not box.isEnabled()
        image = box.grab().toImage()
        text_start = 30  # past the box itself
        darkest = min(
            QColor(image.pixel(x, y)).lightness()
            for x in range(text_start, image.width()) for y in range(image.height())
        )
        assert darkest < 80, box.text()
