"""The funding panel's texts are escaped HTML, read as HTML whatever they hold: an apostrophe
shows as one, never as « &#x27; »."""

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
