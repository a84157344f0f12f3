"""Text helpers shared by every area: accent-insensitive search and sort keys.

French names are searched and sorted without regard to accents or case ("Hélène" is found by
typing "helene" and sorts with the E's). One implementation, used by table filters, sort keys,
duplicate detection and file names alike.
"""

from __future__ import annotations

import re
import unicodedata

# combining diacritical marks (U+0300–U+036F), removed by one C-level regular expression:
# this runs on every row of tables of thousands of rows.
_MARKS = re.compile("[\u0300-\u036f]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without accents: "Hélène Câble" → "helene cable". Ligatures stay ("œ"):
    the database's accent-blind LIKE patterns match one character for one."""
    if text.isascii():
        return text.casefold()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def sort_key(text: str) -> tuple[str, str]:
    """A French-friendly sort key: folded text first, the original as tie-breaker so that the
    order is stable and "Eve" comes before "Ève"."""
    return (fold(text), text)


def slug(text: str, *, fallback: str = "document") -> str:
    """A file-name-safe version of ``text``: folded, ligatures spelt out ("Lebœuf" →
    "leboeuf"), words joined by dashes."""
    words = re.findall(r"[a-z0-9]+", fold(text.translate(_LIGATURES)))
    return "-".join(words) or fallback


def short_slug(text: str, limit: int = 40) -> str:
    """``slug(text)`` cut after whole words within ``limit`` characters (a very long name does
    not end a file name in the middle of a word); the first word alone if longer."""
    full = slug(text, fallback="")
    if len(full) <= limit:
        return full
    cut = full[: limit + 1].rsplit("-", 1)[0]
    return cut if len(cut) <= limit else full[:limit]


def one_line(text: str, limit: int = 200) -> str:
    """``text`` on a single line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# Letters that French writes with an accent or a cedilla (folded): a LIKE pattern leaves them
# open, SQLite's LIKE knowing nothing of accents.
ACCENT_BEARING = frozenset("aeiouyc")


def accent_blind_like(word: str) -> str:
    """The LIKE pattern of ``word`` (folded, without the surrounding ``%``) that matches it
    whatever its accents: letters that may carry one, and anything not ASCII, become ``_``
    (one character); LIKE's own ``%``, ``_`` and ``\\`` are escaped with ``\\`` (the query says
    ``ESCAPE '\\'``). The database prefilters with it, an exact check in Python follows."""
    out = []
    for ch in word:
        if ch in ACCENT_BEARING or not ch.isascii():
            out.append("_")
        elif ch in "%_\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
