"""A committee's grant above the posts the request wished for (« 3 » for 1 wished) was saved
without a word. The programme lets the committee fix the quota, so it is not refused, but the
field says it at once and saving asks first, « Non » by default."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services.request import api, requests
from tests.request.keyboard import press
from tests.request.test_tester_amounts import _shown
from tests.request.tester_helpers import pin, shown_tab


def test_the_grant_message_and_rule() -> None:
    assert requests.granted_beyond_wanted(2, 2) is None
    assert requests.granted_beyond_wanted(2, 1) is None
    assert requests.granted_beyond_wanted(0, 3) is None  # nothing wished: nothing to compare
    message = requests.granted_beyond_wanted(1, 3)
    assert message is not None
    assert "la demande en souhaitait 1 poste, vous indiquez 3 postes attribués" in message
    assert "souhaitait 2 postes," in (requests.granted_beyond_wanted(2, 5) or "")


def test_a_grant_above_the_wish_is_said_and_asked(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    assert tab._data is not None and tab._data.status == "non_traitee"
    assert tab._data.posts_wanted == 1
    answers: list[bool] = []
    asked: list[str] = []

    def answer(_parent, _title, summary, _details, **_kw) -> bool:  # noqa: ANN001
        asked.append(summary)
        return answers.pop(0)

    monkeypatch.setattr("desktop_app.views.request.dialogs.ask_with_details", answer)
    with _shown(qtbot, tab.status_dialog()) as dialog:
        dialog.status.setCurrentIndex(dialog.status.findData("validee"))
        dialog.committee.setText("COSELEC 14")
        field = dialog.fields["posts_granted"]
        assert not field.error.isVisibleTo(dialog)  # 1 granted for 1 wished: nothing to say
        dialog.posts_granted.setFocus()
        dialog.posts_granted.selectAll()
        qtbot.keyClicks(dialog.posts_granted, "3")
        assert field.error.isVisibleTo(dialog)
        assert "la demande en souhaitait 1 poste, vous indiquez 3 postes attribués" in (
            field.error.text()
        )
        answers.append(False)  # « Non, corriger le nombre »: nothing saved, back to the field
        press(qtbot, Qt.Key.Key_Return)
        assert asked and "Enregistrer 3 postes attribués ?" in asked[-1]
        assert dialog.isVisible() and dialog.posts_granted.hasFocus()
        with ctx.db.session() as s:
            assert requests.get_request(s, tab._data.id).status == "non_traitee"
        answers.append(True)
        dialog.accept()
        assert not dialog.isVisible()
    with ctx.db.session() as s:
        assert requests.get_request(s, tab._data.id).posts_granted == 3
        assert api.granted_posts(s) >= 3


def test_the_warning_follows_the_status(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = shown_tab(qtbot, pin(demo_ctx))
    with _shown(qtbot, tab.status_dialog()) as dialog:
        dialog.status.setCurrentIndex(dialog.status.findData("validee"))
        dialog.posts_granted.setValue(4)
        assert dialog.fields["posts_granted"].error.isVisibleTo(dialog)
        dialog.status.setCurrentIndex(dialog.status.findData("refus"))
        assert not dialog.fields["posts_granted"].error.isVisibleTo(dialog)
