"""« Paramètres de la structure » on a 1366×768 laptop: a long commune in the list of the postal
code's communes no longer widens the form past its window (a horizontal scroll bar appeared and
the fields' right edge went out of sight)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea

from desktop_app.services.request import communes
from desktop_app.services.structure import get_structure, save_structure
from desktop_app.views.common import input_safety
from desktop_app.views.first_run import FirstRunAssistant
from desktop_app.views.structure_form import StructureDialog


@pytest.mark.parametrize("window", ["settings", "assistant"])
def test_a_long_commune_does_not_widen_the_form(qtbot, ctx, monkeypatch, window: str) -> None:  # noqa: ANN001
    monkeypatch.setattr(input_safety, "available_geometry",
                        lambda widget=None: QRect(0, 0, 1366, 728))
    commune = communes.by_insee("51513")  # Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson
    assert commune is not None
    with ctx.db.session() as s:
        save_structure(s, replace(
            get_structure(s), name="Commune de Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson",
            postal_code="51290", commune=commune.name, insee_code=commune.insee,
            departement=commune.departement, region=commune.region,
        ))
    dialog = StructureDialog(ctx) if window == "settings" else FirstRunAssistant(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    qtbot.wait(50)
    assert not scroll.horizontalScrollBar().isVisible(), (
        scroll.widget().minimumSizeHint().width(), scroll.viewport().width()
    )
    dialog.mark_clean()
    dialog.close()
