"""The request form's six sections share one label column: each section's form sized its own
column to its longest label, so the fields of « Votre structure » started 50 px left of those
of « Votre besoin » and the form did not line up."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout

from desktop_app.services.request import requests
from tests.request.tester_helpers import TODAY, pin, shown_tab


def _field_lefts(form) -> dict[int, str]:  # noqa: ANN001
    """The left edge of every labelled field of the form (in the form's coordinates)."""
    lefts: dict[int, str] = {}
    for box in form.sections:
        layout = box.layout()
        assert isinstance(layout, QFormLayout)
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not field.widget().isVisible():
                continue
            x = field.widget().mapTo(form, QPoint(0, 0)).x()
            lefts.setdefault(x, f"{box.title()} — {label.widget().text()}")
    return lefts


def test_the_sections_fields_line_up(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    with ctx.db.session() as s:
        requests.new_request(s, TODAY)
    tab = shown_tab(qtbot, ctx)
    lefts = _field_lefts(tab.form)
    assert len(lefts) == 1, lefts
    # the long question still wraps instead of pushing every field to the right
    assert list(lefts)[0] < tab.form.width() // 2
    # in a larger font too (the column follows the labels' new widths)
    font = QFont(tab.form.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    tab.form.setFont(font)
    qtbot.wait(50)
    bigger = _field_lefts(tab.form)
    assert len(bigger) == 1, bigger
    assert list(bigger)[0] > list(lefts)[0]
