"""The programme as it stands (dispositif.md §9): since May 2025 no new post is granted and no
new convention signed, and funding is planned to stop from 2027. A new request and a new
convention said nothing of it."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.services.request import conventions, posts
from tests.request.keyboard import alt
from tests.request.tester_helpers import pin, shown_tab


def test_a_new_request_says_new_posts_are_suspended(qtbot, demo_ctx) -> None:  # noqa: ANN001
    tab = shown_tab(qtbot, pin(demo_ctx))
    tab.new_button.setFocus()
    alt(qtbot, "n")
    text = tab.banner.text().replace("\u00a0", " ")
    assert "Brouillon" in text
    assert "Depuis mai 2025, le dispositif n'attribue plus de nouveaux postes" in text
    assert "remplacé dans les 6 mois" in text and "à partir de 2027" in text
    assert "6\u00a0mois" in tab.banner.text()  # a number stays with its unit


def test_the_notice_is_not_shown_before_may_2025() -> None:
    assert conventions.programme_notice(date(2025, 4, 30)) == ""
    assert conventions.programme_notice(date(2025, 5, 1)) != ""
    assert conventions.late_convention_notice(date(2024, 1, 1)) == ""
    assert conventions.late_convention_notice(None) == ""


def test_a_new_convention_starting_after_april_2025_is_questioned(qtbot, demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    tab = shown_tab(qtbot, ctx)
    with ctx.db.session() as s:
        post = posts.list_posts(s)[0]
    dialog = tab.convention_dialog(post.id, None)
    qtbot.addWidget(dialog)
    try:
        dialog.start.setDate(date(2026, 12, 3))
        assert "ne signe plus de nouvelle convention" in dialog.rule_note.text()
        dialog.start.setDate(date(2024, 1, 1))
        assert "ne signe plus" not in dialog.rule_note.text()
    finally:
        dialog.mark_clean()
        dialog.close()


def test_a_draft_before_may_2025_has_no_notice(qtbot, demo_ctx) -> None:  # noqa: ANN001
    demo_ctx.clock = lambda: datetime(2025, 3, 2, 9, 0)
    tab = shown_tab(qtbot, demo_ctx)
    tab.new_button.setFocus()
    alt(qtbot, "n")
    assert "Brouillon" in tab.banner.text() and "mai 2025" not in tab.banner.text()
