"""A record's fields laid out so that nothing is cut: a copy given under the right of access
must hold every character. Short values go in the usual two-column table; a value too long
for a table cell (notes, motivations) follows it as paragraphs of its own, in pieces short
enough for the shared paragraph limit."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_app.documents.base import key_value_table, p, spacer

CELL_MAX = 250  # under the shared cell limit, with room for the marks typography adds
PIECE = 2000  # under the shared paragraph limit


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut after a line or a sentence
    when there is one, else at a space."""
    out: list[str] = []
    while len(text) > size:
        cut = max(text.rfind("\n", 0, size), text.rfind(". ", 0, size) + 1)
        if cut <= size // 2:
            cut = text.rfind(" ", 0, size)
        cut = cut if cut > size // 2 else size
        out.append(text[:cut])
        text = text[cut:].lstrip()
    out.append(text)
    return out


def fields_block(fields: list[tuple[str, str]], width: float,
                 key_width: float = 55 * mm) -> list[Flowable]:
    short = [(k, v) for k, v in fields if len(v) <= CELL_MAX]
    long = [(k, v) for k, v in fields if len(v) > CELL_MAX]
    block: list[Flowable] = []
    if short:
        block.append(key_value_table(short, width, key_width=key_width))
    for label, value in long:
        block.append(spacer(1.5))
        block.append(p(label, "cell_bold"))
        block.extend(p(piece) for piece in pieces(value))
    return block
