"""Alt+letters of the posts' dialogs (Alt+E toggled between « Employeur » and « Enregistrer »
in the convention's, pressing neither), and the candidate question's « ? »."""

from __future__ import annotations

from desktop_app.services.request import posts
from desktop_app.views.accessibility import mnemonic_clashes
from tests.request.tester_helpers import pin, shown_tab


def test_every_post_dialog_has_distinct_letters(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with ctx.db.session() as s:
        post = next(p for p in posts.list_posts(s) if p.conventions)
    convention_id = post.conventions[0].id
    assert convention_id is not None
    dialogs = [
        tab.post_dialog(None), tab.post_dialog(post.id), tab.convention_dialog(post.id, None),
        tab.convention_dialog(post.id, convention_id),
        tab.payment_dialog(post.id, convention_id), tab.give_back_dialog(post.id),
        tab.label_dialog(), tab.smic_dialog(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert mnemonic_clashes(dialog) == [], dialog.windowTitle()
        dialog.mark_clean()
        dialog.close()


def test_the_candidate_question_keeps_its_question_mark(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """The label wraps on three lines at 1366 px: « ? » stood alone on the last one."""
    tab = shown_tab(qtbot, pin(demo_ctx))
    field = tab.form.candidate_identified
    label = field.parentWidget().layout().labelForField(field)
    assert label.text().endswith("numérique\u00a0?")
