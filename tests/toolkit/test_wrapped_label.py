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


def test_rich_text_keeps_french_spacing_unbreakable(qtbot) -> None:  # noqa: ANN001
    """Qt's HTML reader breaks lines at the narrow no-break space of « 193 200,00 € » or
    « Rechercher » ?; text escaped by the toolkit's ``escape`` never does."""
    from PySide6.QtGui import QTextDocument

    from desktop_app.services.formatting import amount
    from desktop_app.services.french import typography
    from desktop_app.views.common.labels import escape

    text = typography(f"Les postes coûtent {amount(193200)} ; le champ « Rechercher » ? Oui")
    for width in range(120, 320, 10):
        doc = QTextDocument()
        doc.setHtml(f"<p>{escape(text)}</p>")
        doc.setTextWidth(width)
        doc.documentLayout().documentSize()
        block = doc.firstBlock()
        layout, whole = block.layout(), block.text()
        lines = [whole[layout.lineAt(i).textStart():][:layout.lineAt(i).textLength()].strip()
                 for i in range(layout.lineCount())]
        assert not any(line.startswith(("200,00", "€", "?", "»", ";")) for line in lines), lines
        assert not any(line.endswith(("193", "«")) for line in lines), lines
