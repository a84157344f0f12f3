"""What a secretary and the mayor's deputy met the first time they used « Profils reçus »:
a long refusal reason typed then Enter, refused import lines to keep, the quota reached, a
salary under the Smic."""

from __future__ import annotations

import time as clock

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from desktop_app.services.profiles import workflow
from desktop_app.services.profiles.workflow import FormError
from desktop_app.views.profiles.dialogs import RefuseDialog

LONG_REASON = ("Profil intéressant mais la mobilité géographique déclarée ne permet pas de "
               "couvrir les trois communes du réseau de lecture publique ; ") * 3


def _settle(seconds: float = 0.3) -> None:
    end = clock.monotonic() + seconds
    while clock.monotonic() < end:
        QApplication.processEvents()


def test_a_long_reason_then_enter_keeps_the_refusal_dialog_readable(qtbot) -> None:  # noqa: ANN001
    """Enter in the editable reason added the typed text to the list of reasons: the combo
    then asked for thousands of pixels and the dialog scrolled sideways, its sentence and the
    field cut off. The message says how long the reason is and what to do."""
    def submit(reason: str) -> None:
        workflow.refuse(None, 1, None, reason)  # type: ignore[arg-type]  # refused before any read

    dialog = RefuseDialog("Anne Martin", submit)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width = dialog.width()
    dialog.reason.setFocus()
    dialog.reason.lineEdit().insert(LONG_REASON.strip())
    qtbot.keyClick(dialog.reason.lineEdit(), Qt.Key.Key_Return)
    _settle()
    assert dialog.reason.count() == 6  # the usual reasons, nothing typed added
    area = dialog.findChild(QScrollArea)
    assert area is not None
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    assert dialog.width() <= max(width, 700)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(f"compte {len(LONG_REASON.strip())} caractères : 300 au plus" in t
               for t in texts), texts
    dialog.done(0)


def test_the_refusal_reason_limit_says_how_long_it_is() -> None:
    try:
        workflow.refuse(None, 1, None, "x" * 301)  # type: ignore[arg-type]
    except FormError as error:
        assert error.errors["reason"].startswith("Le motif compte 301 caractères : 300 au plus.")
    else:  # pragma: no cover
        raise AssertionError("a 301-character reason was accepted")
