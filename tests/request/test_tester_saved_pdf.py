"""« Enregistrer le PDF… » says where the document went (it said nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.request.tester_helpers import pin, shown_tab


def test_saving_a_pdf_says_where(qtbot, demo_ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001, E501
    tab = shown_tab(qtbot, pin(demo_ctx))
    target = tmp_path / "Documents de la mairie" / "Conseiller numérique" / "récapitulatif.pdf"
    target.parent.mkdir(parents=True)
    monkeypatch.setattr("desktop_app.views.common.files.ask_save_path", lambda *a, **k: target)
    assert not tab.documents_message.isVisible()
    qtbot.mouseClick(tab.pdf_buttons["recap"][1], Qt.MouseButton.LeftButton)
    assert target.exists()
    assert tab.documents_message.isVisible()
    assert tab.documents_message.text() == (
        f"« Récapitulatif de la demande » enregistré : {target}"
    )
    # a long path wraps in the left column, which still fits the laptop's screen
    assert tab.minimumSizeHint().height() <= 620, tab.minimumSizeHint()
