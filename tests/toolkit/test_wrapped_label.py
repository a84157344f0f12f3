"""A wrapped label remembers its height per width, and forgets it when what it depends on
changes — a stale height would cut or pad the text."""

from PySide6.QtGui import QFont

from desktop_app.views.common.labels import WrappedLabel

TABLE = "<table>" + "".join(
    f"<tr><td>Ligne {n}</td><td>Une valeur assez longue pour être repliée</td></tr>"
    for n in range(20)) + "</table>"


def test_height_follows_the_text(qtbot) -> None:
    label = WrappedLabel(TABLE, rich=True)
    qtbot.addWidget(label)
    tall = label.heightForWidth(300)
    assert label.heightForWidth(300) == tall  # answered from memory
    label.setText("<b>Une ligne</b>")
    assert label.heightForWidth(300) < tall / 5


def test_height_follows_the_font_and_margins(qtbot) -> None:
    label = WrappedLabel("Un texte assez long pour tenir sur plusieurs lignes " * 4)
    qtbot.addWidget(label)
    before = label.heightForWidth(200)
    big = QFont(label.font())
    big.setPointSize(big.pointSize() * 2)
    label.setFont(big)
    bigger = label.heightForWidth(200)
    assert bigger > before
    label.setContentsMargins(0, 40, 0, 40)
    assert label.heightForWidth(200) == bigger + 80


def test_same_text_keeps_the_measures(qtbot) -> None:
    label = WrappedLabel(TABLE, rich=True)
    qtbot.addWidget(label)
    label.heightForWidth(250)
    label.setText(TABLE)  # a reload showing the same profile
    assert 250 in label._heights
