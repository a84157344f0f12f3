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


def test_a_label_that_fills_its_width_answers_its_hints_from_that_width(qtbot) -> None:  # noqa: ANN001
    """Its preferred height is its height at its width (the measure it keeps), its minimum one
    line: Qt's own hints would lay the text out again at other widths."""
    from desktop_app.views.common.labels import WrappedLabel

    text = "<table>" + "".join(f"<tr><td>Ligne {n}</td><td>{'mot ' * 12}</td></tr>"
                               for n in range(20)) + "</table>"
    label = WrappedLabel(text, rich=True, fills_width=True)
    qtbot.addWidget(label)
    label.resize(380, 100)
    assert label.sizeHint().width() == 380
    assert label.sizeHint().height() == label.heightForWidth(380) > 20 * label.fontMetrics().height()
    assert label.minimumSizeHint().height() < 2 * label.fontMetrics().height()
