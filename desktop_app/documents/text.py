"""Any text a user typed, made printable: glyphs, right-to-left order, length.

Why: ReportLab draws a character the embedded font lacks as an empty box, draws Arabic or
Hebrew letters left to right without joining them, and takes minutes to lay out a name of
100,000 characters (or fails with an English error when one word is taller than a page). Every
document builds its paragraphs through ``markup`` so that:

- a character DejaVu Sans lacks is drawn with the fallback font (Noto Sans Symbols 2: arrows,
  pictograms, many emoji shapes), and a character no shipped font has is replaced by "�", which
  the page footer explains (``REPLACEMENT_NOTE``): visible, never an empty box;
- right-to-left runs are put in visual order with their joined letter forms (python-bidi,
  arabic-reshaper), so a name in Arabic reads as written, in a table as in a sentence;
- a text longer than its place allows is cut with a visible "… [texte coupé]" mark, which
  keeps every document under a second or two whatever was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.services.french import NBSP, NNBSP, typography

FALLBACK_FONT = "NotoSansSymbols2"
REPLACEMENT = "\ufffd"
REPLACEMENT_NOTE = "« \ufffd » : caractère que les polices du document ne contiennent pas"
CUT_MARK = "… [texte coupé]"
# Longest text printed in one paragraph: a motivation (2,500 characters) fits; a table cell is
# given less (``CELL_LIMIT``) so that a cell never grows taller than a page.
BODY_LIMIT = 3000
CELL_LIMIT = 300

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Characters that draw nothing and need no glyph: joiners, variation selectors, bidi marks.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\U000e0000-\U000e007f]")


@cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points ``font_name`` (a registered TrueType font) has a glyph for."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return frozenset(range(32, 256))
    return frozenset(font.face.charToGlyph)


def visual_order(text: str) -> str:
    """Right-to-left runs in the order they are drawn, their Arabic letters joined; text
    without such a run is returned unchanged (the common case costs one regex search)."""
    if not _RTL.search(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def cut(text: str, limit: int) -> str:
    """``text`` shortened to about ``limit`` characters with a visible mark when longer."""
    if len(text) <= limit:
        return text
    return text[: max(limit - len(CUT_MARK), 1)].rstrip() + CUT_MARK


def markup(text: str, font: str, *, limit: int = BODY_LIMIT, french: bool = True) -> str:
    """Paragraph markup for plain ``text`` drawn in ``font``: escaped, cut to ``limit``,
    French spacing, visual order for right-to-left runs, fallback font or "�" per glyph.
    Newlines become line breaks."""
    text = cut(text, limit)
    if french:
        text = typography(text)
    # ReportLab breaks lines at the narrow no-break space as at any space (« 193 / 200,00 € »
    # across two lines): the plain no-break space, which it keeps, stands for it in print
    text = text.replace(NNBSP, NBSP)
    lines = [visual_order(line) for line in text.split("\n")]
    return "<br/>".join(_with_fonts(line, font) for line in lines)


def plain(text: str, font: str, *, limit: int = CELL_LIMIT) -> str:
    """``text`` for a canvas string drawn in ``font`` (no markup there): cut, visual order,
    and "�" for what ``font`` lacks (a canvas string has one font)."""
    text = visual_order(cut(_INVISIBLE.sub("", text), limit))
    have = coverage(font)
    if all(ord(ch) in have for ch in text):
        return text
    return "".join(ch if ord(ch) in have else REPLACEMENT for ch in text)


def _with_fonts(text: str, font: str) -> str:
    text = _INVISIBLE.sub("", text)
    main = coverage(font)
    if all(ord(ch) in main for ch in text):  # the usual case: one escape, no font tag
        return escape(text)
    fallback = coverage(FALLBACK_FONT)
    out: list[str] = []
    run: list[str] = []
    in_fallback = False

    def flush() -> None:
        if run:
            chunk = escape("".join(run))
            out.append(f'<font name="{FALLBACK_FONT}">{chunk}</font>' if in_fallback else chunk)
            run.clear()

    for ch in text:
        code = ord(ch)
        if code in main or ch in "\t":
            wanted, char = False, ch
        elif code in fallback:
            wanted, char = True, ch
        else:
            wanted, char = False, REPLACEMENT
        if wanted != in_fallback:
            flush()
            in_fallback = wanted
        run.append(char)
    flush()
    return "".join(out)


def has_replacement(texts: Iterable[str]) -> bool:
    return any(REPLACEMENT in t for t in texts)
