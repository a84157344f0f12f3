"""« Données d'une personne » with two Agnès Renaud: two rows told apart by commune and
contact, the export and the erasure of the chosen one only, the erasure's question listing
exactly its records, and the detail pane reached and read with the keyboard."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel

from desktop_app.models.workshops import Participant
from desktop_app.services.progress import Cancelled
from desktop_app.views.accessibility import mnemonic_of
from desktop_app.views.common import files
from desktop_app.views.common.operations import wait_for_background_work
from desktop_app.views.common.tables import select_id
from desktop_app.views.personal_data import person_dialog as pd
from tests.personal_data.namesakes import (
    EMAIL_A,
    EMAIL_B,
    NOTE_A,
    PHONE_A,
    PHONE_B,
    build_namesakes,
)
from tests.screen_checks import assert_fits


def _row_texts(dialog: pd.PersonDataDialog) -> list[list[str]]:
    model = dialog.table.model()
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_two_namesakes_are_two_rows_and_only_the_chosen_one_is_exported_and_erased(
        ctx, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    w = build_namesakes(ctx.db, history=60)
    dialog = pd.PersonDataDialog(ctx, None, "Agnès Renaud")
    qtbot.addWidget(dialog)
    dialog.show()
    assert_fits(dialog)
    rows = _row_texts(dialog)
    assert [r[:3] for r in rows] == [[f"P{w.agnes_a}", "Agnès Renaud", "Villapourçon"],
                                     [f"P{w.agnes_b}", "Agnès Renaud", "Préporché"]]
    assert rows[0][-1] == f"P{w.agnes_b}" and rows[1][-1] == f"P{w.agnes_a}"  # « Homonymes »
    assert "même nom" in dialog.status.text()

    assert select_id(dialog.table, pd._row_id(dialog.people[1]))
    qtbot.waitUntil(dialog.reading_done)  # read in the background
    assert dialog.current is not None and dialog.current.token == f"P{w.agnes_b}"
    shown = dialog.details.toPlainText()
    assert "Autres personnes du même nom, non comprises" in shown and "Villapourçon" in shown
    assert "Notes à vérifier" in shown  # « Agnès Renaud a oublié ses lunettes »

    target = tmp_path / "agnes-b.json"
    monkeypatch.setattr(files, "ask_save_path", lambda *a, **k: target)
    dialog.json_button.click()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [s["donnees"]["id"] for s in exported["sources"]] == [w.agnes_b]
    text = target.read_text(encoding="utf-8")
    assert PHONE_B in text and EMAIL_B in text
    for other in (PHONE_A, EMAIL_A, NOTE_A, "Villapourçon", "lunettes"):
        assert other not in text, other

    asked: list[tuple[str, str, list[str]]] = []

    def answer(_parent, title: str, summary: str, details: list[str], **_kw) -> bool:  # noqa: ANN001
        asked.append((title, summary, details))
        return True

    monkeypatch.setattr(pd, "ask_with_details", answer)
    monkeypatch.setattr(pd, "info", lambda *a: None)
    ctx.clock = lambda: datetime.now().replace(microsecond=0)
    dialog.erase_button.click()
    title, summary, details = asked[0]
    assert title == "Effacer une personne"
    assert f"P{w.agnes_b} — Agnès Renaud, Préporché" in summary and "1 fiche anonymisée" in summary
    assert f"Ne sont pas touchées, car ce sont d'autres personnes du même nom : P{w.agnes_a}" in summary
    listed = "\n".join(details)
    assert f"P{w.agnes_b} —" in listed and f"P{w.agnes_a} —" not in listed
    assert PHONE_A not in summary + listed and "Villapourçon" not in summary + listed
    with ctx.db.session() as s:
        a = s.get(Participant, w.agnes_a)
        assert (a.first_name, a.phone, a.email, a.notes) == ("Agnès", PHONE_A, EMAIL_A, NOTE_A)
        assert s.get(Participant, w.agnes_b).phone == ""
    assert [r[0] for r in _row_texts(dialog)] == [f"P{w.agnes_a}"]  # searched again


def test_the_detail_pane_is_reached_and_read_with_the_keyboard(ctx, qtbot) -> None:  # noqa: ANN001
    w = build_namesakes(ctx.db, history=60)
    dialog = pd.PersonDataDialog(ctx, None, PHONE_B)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [r[0] for r in _row_texts(dialog)] == [f"P{w.agnes_b}"]
    assert f"P{w.agnes_a}" in dialog.status.text()  # the namesake is named, not included
    assert dialog.focusWidget() is dialog.table
    qtbot.waitUntil(dialog.reading_done)  # read in the background

    QTest.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.details
    bar = dialog.details.verticalScrollBar()
    heights: list[int] = []

    def laid_out() -> bool:  # the text is laid out in steps after it arrives
        heights.append(bar.maximum())
        return len(heights) > 3 and len(set(heights[-3:])) == 1

    qtbot.waitUntil(laid_out)
    assert bar.maximum() > 0  # sixty sessions: longer than the pane
    QTest.keyClick(dialog.details, Qt.Key.Key_PageDown)
    first = bar.value()
    assert first > 0
    QTest.keyClick(dialog.details, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() > first and bar.maximum() - bar.value() < bar.pageStep()  # the end
    QTest.keyClick(dialog.details, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() <= dialog.details.document().documentMargin()  # the top
    QTest.keyClick(dialog.details, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.pdf_button
    # Maj+Tab arrives as Backtab (sent without the modifier: QTest would leave the
    # application believing Maj is still held, and the next test's selection extended)
    QTest.keyClick(dialog.pdf_button, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.details
    # « &Détail » leads to it too (Alt letters need an active window: checked on the labels)
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)}
    assert labels["&Détail de la personne choisie :"] is dialog.details
    assert labels["Personnes &trouvées :"] is dialog.table
    letters = [mnemonic_of(t) for t in [*labels, *(b.text() for b in
                                                    dialog.findChildren(QAbstractButton))]]
    letters = [x for x in letters if x]
    assert len(letters) == len(set(letters)), letters


def test_a_later_choice_wins_and_stops_the_reading_it_replaces(
        ctx, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Arrows held down: each choice starts a reading; the one it replaces stops at its next
    step (it no longer shares the processor), and the pane shows the last person chosen."""
    w = build_namesakes(ctx.db, history=60)
    ended: list[tuple[str, bool]] = []  # (token, stopped) of each reading, as it ends
    real_collect = pd.collect

    def collect(session, match, **kw):  # noqa: ANN001, ANN202
        try:
            found = real_collect(session, match, **kw)
        except Cancelled:
            ended.append((match.token, True))
            raise
        ended.append((match.token, False))
        return found

    monkeypatch.setattr(pd, "collect", collect)
    dialog = pd.PersonDataDialog(ctx, None, "Agnès Renaud")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.reading_done)
    ended.clear()
    first, second = (f"P{w.agnes_a}", f"P{w.agnes_b}")
    readings: list[object] = []
    real_start = pd.start_operation

    def start_operation(work, **kw):  # noqa: ANN001, ANN202
        def held(job):  # noqa: ANN001, ANN202 - each reading waits until the next choice
            while len(readings) < 3 and not job.cancelled:
                time.sleep(0.005)
            return work(job)

        running = real_start(held, **kw)
        readings.append(running)
        return running

    monkeypatch.setattr(pd, "start_operation", start_operation)
    for row in (1, 0, 1):  # B, A, B: the last choice is B
        dialog.table.selectRow(row)
    qtbot.waitUntil(lambda: len(ended) == 3 and dialog.reading_done())
    wait_for_background_work()
    qtbot.wait(20)  # the stopped readings' answers, if any, arrive (and are dropped)
    assert sorted(ended[:2]) == [(first, True), (second, True)]  # both stopped, either order
    assert ended[2] == (second, False)
    assert dialog.current is not None and dialog.current.token == second
    assert dialog.details.toPlainText().startswith("Agnès Renaud (" + second)
