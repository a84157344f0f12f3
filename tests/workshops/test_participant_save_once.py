"""« Nouvelle personne »: « Enregistrer » (Alt+E) asked again while the save runs starts no
second save. Two saves at once are two writers: the second one's read of the same names, then
its write, met the first one's lock — « database is locked » in the log and, under the fields,
« occupée par un autre programme » about a base nobody else had open."""

from __future__ import annotations

import logging
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import func, select

from desktop_app.models.workshops import Participant
from desktop_app.services.workshops import participants as ps
from desktop_app.views.workshops.participant_dialogs import ParticipantDialog


def test_enregistrer_pressed_again_during_the_save_saves_once(
    qtbot, ctx, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture  # noqa: ANN001
) -> None:
    caplog.set_level(logging.INFO)
    real = ps.create_participant
    started: list[float] = []

    def slow_create(session, data, **kwargs):  # noqa: ANN001, ANN003, ANN202
        started.append(time.monotonic())
        pid = real(session, data, **kwargs)  # written (the base's lock taken), not committed
        time.sleep(0.5)  # a slow disk
        return pid

    monkeypatch.setattr(ps, "create_participant", slow_create)
    dialog = ParticipantDialog(ctx, None, first_name="Marie-Héloïse",
                               last_name="de La Tour-d'Auvergne-Lauraguais")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.first_name.setFocus()
    qtbot.waitUntil(dialog.first_name.hasFocus, timeout=2000)
    # the second « Enregistrer » reaches the button while the first save runs: keys and
    # mouse are held back then (operations.run_operation), the button's click is not
    QTimer.singleShot(250, dialog.ok_button.click)
    qtbot.keyClick(dialog.first_name, "e", Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.wait(700)  # a second save, had one started, ends too

    assert len(started) == 1
    assert dialog.result() == ParticipantDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 1
    assert not [r for r in caplog.records if "occupée" in r.getMessage()]
