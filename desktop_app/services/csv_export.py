"""CSV files for French spreadsheet users (formats.md §2).

``;`` separator, UTF-8 with a byte-order mark so Excel reads accents, and every cell that a
spreadsheet would take for a formula (``= + - @``, tab, carriage return) neutralised with a leading
apostrophe, so exported data can never run as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop_app.services.atomic_files import atomic_open

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write the file; return the number of data rows. Numbers must arrive already formatted.

    The file appears under its name only once complete (``atomic_open``)."""
    count = 0
    with atomic_open(Path(path), "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([neutralise(h) for h in header])
        for row in rows:
            writer.writerow([neutralise(c) for c in row])
            count += 1
    return count
