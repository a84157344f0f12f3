"""The funding panel's texts are escaped HTML, read as HTML whatever they hold: an apostrophe
shows as one, never as « &#x27; »."""

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from desktop_app.views.request.posts_panel import PostsPanel


def _shown(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_label_reason_with_an_apostrophe_reads_as_typed(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from desktop_app.services.request import label, printing

    panel = PostsPanel()
    qtbot.addWidget(panel)
    with demo_ctx.db.session() as session:
        plan = printing.plan_for(session, demo_ctx.today())
        state = label.state(session)
    panel.set_values(plan, state)
    for widget in (panel.label_text, panel.summary, panel.smic_label, panel.post_text):
        assert widget.textFormat() == Qt.TextFormat.RichText
    assert "'" in state.reason
    assert "&#x27;" not in _shown(panel.label_text.text())
    assert state.reason.split("'")[0] in _shown(panel.label_text.text())


def test_amounts_and_quoted_names_never_break_across_lines(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Qt's rich text breaks a line at a narrow no-break space: the post's yearly cost read
    « 31 » at the end of a line and « 064,40 € par an » on the next, and « Poste 2 » lost its
    closing guillemet to the next line."""
    from datetime import date
    from decimal import Decimal as D

    from desktop_app.services.request import label, posts, printing
    from desktop_app.services.request.posts import PostInput

    with demo_ctx.db.session() as session:
        posts.save_post(session, None, PostInput("Poste 3", D("0"), D("42")), date(2026, 12, 3))
    panel = PostsPanel()
    qtbot.addWidget(panel)
    with demo_ctx.db.session() as session:
        plan = printing.plan_for(session, demo_ctx.today())
        state = label.state(session)
    panel.set_values(plan, state)
    def raw(html: str) -> str:  # toPlainText() turns no-break spaces into spaces
        document = QTextDocument()
        document.setHtml(html)
        return document.toRawText()

    for widget in (panel.post_text, panel.summary):
        shown = raw(widget.text())
        # Qt's HTML reader turns a narrow no-break space into a plain, breakable one
        assert not re.search(r"\d \d{3}", shown), shown
        assert " »" not in shown and "« " not in shown, shown
    assert "«\u00a0Poste 3\u00a0»" in raw(panel.summary.text())
