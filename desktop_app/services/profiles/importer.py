"""Import of the national platform's candidate export (formats.md §1).

The file may come straight from the platform (UTF-8 with BOM, `;`) or re-saved by a spreadsheet
on another computer (Windows-1252, `,`, blank lines, reordered columns, header without accents).
Reading is done in two passes over the file so that nothing is written before the user has
seen what will happen, and so that memory stays flat whatever the file's size: no pass holds
the rows. ``read_import`` reads and checks line by line and builds a preview from counts plus
a bounded sample (rows to add, rows updating a known candidate by e-mail, rejected rows with
their line number and reason); ``apply_import`` reads the file again with the same checks and
writes by batches of rows in the caller's session, i.e. in one transaction, and keeps the
batch ("Lot reçu le …"). To refuse a second line with the same address, 64-bit fingerprints
of the e-mails are kept, the older ones in a TEMP table (``_Seen``).

A file without some of the export's columns is not imported silently: the preview names them
and ``apply_import`` refuses unless the user agreed (``accept_missing``).
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from desktop_app.models.base import utcnow
from desktop_app.models.profiles import (
    SOURCE_PLATFORM,
    STATUS_NEW,
    Profile,
    ProfileBatch,
    ProfileEvent,
)
from desktop_app.services.validation import check_email

# Streaming keeps memory flat; the limit only stops a file that cannot be an export
# (200,000 profiles take about 15 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
SAMPLE_ROWS = 200  # rows of each kind kept for the preview
SAMPLE_REJECTED = 1000  # rejected lines kept for the preview (all are counted and reported)
BATCH_ROWS = 500  # rows matched and written together
# The platform's export has about ten columns and short values: anything far beyond is not
# that file, and would only cost time and memory (and bloat every document it reaches).
MAX_COLUMNS = 200
MAX_FIELD_CHARS = 1000

# Canonical columns → patterns matched on the header once accents, case and spaces are removed
# (a spreadsheet may have turned "Prénom" into "Prenom", "Pr?nom" or "PrÃ©nom").
COLUMNS: dict[str, str] = {
    "last_name": r"nom|nomdefamille",
    "first_name": r"pr.{0,3}nom",
    "email": r"e?mail|courriel|adresse(e?mail|courriel)",
    "postal_code": r"codepostal|cp",
    "ccp1": r"formationccp1|ccp1",
    "experience": r"exp.{0,3}rience",
    "pix": r"testpix|pix",
    "cv": r"cv",
}
COLUMN_LABELS = {
    "last_name": "Nom",
    "first_name": "Prénom",
    "email": "Email",
    "postal_code": "Code postal",
    "ccp1": "Formation CCP1",
    "experience": "Expérience",
    "pix": "Test PIX",
    "cv": "CV",
}
REQUIRED = ("last_name", "first_name", "email")
# The older export has no "Formation CCP1" column: its absence is that format, not a gap.
EXPECTED = ("postal_code", "experience", "pix", "cv")
YES = {"oui", "o", "yes", "y", "1", "vrai", "x"}
NO = {"non", "n", "no", "0", "faux", ""}
ENCODING_LABELS = {"utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


class ImportCancelled(Exception):
    """The user cancelled while the import was being written; the transaction is rolled back."""


class ImportFileError(ValueError):
    """The file cannot be read at all; ``str(error)`` says why in French. Nothing is written."""


@dataclass
class ImportRow:
    line: int
    last_name: str
    first_name: str
    email: str
    postal_code: str = ""
    ccp1: bool | None = None  # None: column absent (older header): « inconnu », kept as is
    experience: bool | None = None  # None: column absent (the user agreed), kept as is
    pix: bool | None = None
    cv: bool | None = None
    profile_id: int | None = None  # the known candidate this row updates
    changes: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class RejectedRow:
    line: int
    reason: str
    text: str = ""  # the line as shown in the preview (cut at MAX_FIELD_CHARS)
    # the cells as read, whole: only while the file is read again to save the refused lines
    # (the preview keeps none, so that its memory stays bounded)
    cells: list[str] = field(default_factory=list, repr=False)


@dataclass
class ImportPreview:
    file_name: str
    encoding: str
    separator: str
    columns: list[str]
    to_add: list[ImportRow] = field(default_factory=list)  # the first SAMPLE_ROWS
    to_update: list[ImportRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)  # the first SAMPLE_REJECTED
    notes: list[str] = field(default_factory=list)
    add_count: int = 0
    update_count: int = 0
    rejected_count: int = 0
    missing_columns: list[str] = field(default_factory=list)  # expected, absent (labels)
    source: _Source | None = field(default=None, repr=False)
    header_cells: list[str] = field(default_factory=list)  # the file's first line, as read

    @property
    def added_total(self) -> int:
        return max(self.add_count, len(self.to_add))

    @property
    def updated_total(self) -> int:
        return max(self.update_count, len(self.to_update))

    @property
    def rejected_total(self) -> int:
        return max(self.rejected_count, len(self.rejected))

    @property
    def missing_text(self) -> str:
        """The refusal that names the missing columns ("" when none is missing)."""
        if not self.missing_columns:
            return ""
        names = ", ".join(f"« {c} »" for c in self.missing_columns)
        return (f"Il manque {len(self.missing_columns)} colonne(s) de l'export des candidats : "
                f"{names}. Les profils ajoutés auront « non » pour ces informations et les "
                "profils déjà connus gardent les leurs. Importez quand même seulement si ce "
                "fichier est bien celui que vous voulez.")

    @property
    def format_description(self) -> str:
        sep = {";": "« ; »", ",": "« , »", "\t": "tabulation"}.get(self.separator, self.separator)
        return f"{ENCODING_LABELS.get(self.encoding, self.encoding)}, séparateur {sep}"


@dataclass
class ImportResult:
    batch_id: int
    added: int
    updated: int
    rejected: int


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.strip().lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_\-.'’]", "", text)


def match_column(header: str) -> str | None:
    key = _key(header)
    for name, pattern in COLUMNS.items():
        if re.fullmatch(pattern, key):
            return name
    return None


def _unreadable(why: str) -> str:
    return (
        f"Le fichier ne peut pas être lu : {why}. Téléchargez de nouveau l'export des "
        "candidats depuis la plateforme (format CSV), puis réessayez."
    )


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls > max(2, len(sample) // 100)


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ";"


@lru_cache(maxsize=1024)
def _yes_no(value: str) -> bool | None:
    """Cached: a file writes the same few answers ("oui", "non") on every line, and folding
    each cell again (normalisation, accents, regular expression) was a third of the check."""
    text = _key(value)
    if text in YES:
        return True
    if text in NO:
        return False
    return None


class _Source:
    """Where the file's bytes come from (a path, or bytes already in memory), opened anew for
    each pass."""

    def __init__(self, path: Path | None = None, data: bytes | None = None) -> None:
        self.path, self.data = path, data

    def head(self, size: int = 8192) -> bytes:
        if self.data is not None:
            return self.data[:size]
        assert self.path is not None
        with self.path.open("rb") as fh:
            return fh.read(size)

    @contextmanager
    def text(self, encoding: str) -> Iterator[io.TextIOWrapper]:
        raw: BinaryIO
        if self.data is not None:
            raw = io.BytesIO(self.data)
        else:
            assert self.path is not None
            raw = self.path.open("rb")
        try:
            yield io.TextIOWrapper(raw, encoding=encoding, newline="")
        finally:
            raw.close()


@dataclass
class _Layout:
    encoding: str
    separator: str
    positions: dict[str, int]
    width: int
    header_cells: list[str]
    repaired: list[int] = field(default_factory=list)  # lines read back as UTF-8 (the first)
    repaired_count: int = 0


def _utf8_inside(cells: list[str]) -> list[str] | None:
    """In a file read as Windows-1252, the cells of a line that was in fact UTF-8 (two files
    put together, one line pasted from elsewhere): « JosÃ© » is « José » written in UTF-8 and
    read byte by byte. A cell is read again as UTF-8 only when all of its bytes make valid
    UTF-8, which a French text in Windows-1252 (« é » alone, a byte followed by plain
    letters) never does. None when the line has nothing to read again."""
    repaired = None
    for index, cell in enumerate(cells):
        if cell.isascii():
            continue
        try:
            text = cell.encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        if text != cell:
            if repaired is None:
                repaired = list(cells)
            repaired[index] = text
    return repaired


def _fingerprint(email: str) -> int:
    """64 bits per address instead of the address: a file's duplicates are found with memory
    that does not depend on the rows' contents (hash() is stable within the process)."""
    return hash(email.lower())


def _header(cells: list[str], encoding: str, separator: str) -> _Layout:
    if len(cells) > MAX_COLUMNS:
        raise ImportFileError(
            f"La première ligne compte {len(cells)} colonnes (au plus {MAX_COLUMNS} "
            "attendues) : ce n'est pas l'export des candidats de la plateforme."
        )
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = match_column(cell)
        if name and name not in positions:
            positions[name] = index
    missing = [COLUMN_LABELS[c] for c in REQUIRED if c not in positions]
    if missing:
        raise ImportFileError(
            "Le fichier n'a pas les colonnes attendues de l'export des candidats : "
            f"il manque {', '.join(f'« {m} »' for m in missing)}. La première ligne "
            "doit être : Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;"
            "Test PIX;CV"
        )
    return _Layout(encoding, separator, positions, len(cells), cells)


def _rows(source: _Source, encoding: str, separator: str,
          layout_out: list[_Layout]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank lines after the header, with their line numbers; the header is checked
    first and its layout appended to ``layout_out``."""
    with source.text(encoding) as stream:
        reader = csv.reader(stream, delimiter=separator)
        try:
            for cells in reader:
                if not "".join(cells).strip():  # blank: no cell holds anything but spaces
                    continue
                if encoding == "cp1252":
                    repaired = _utf8_inside(cells)
                    if repaired is not None:
                        cells = repaired
                        if layout_out:
                            layout = layout_out[0]
                            layout.repaired_count += 1
                            if len(layout.repaired) < 20:
                                layout.repaired.append(reader.line_num)
                if not layout_out:
                    layout_out.append(_header(cells, encoding, separator))
                    continue
                yield reader.line_num, cells
        except csv.Error as exc:
            raise ImportFileError(
                _unreadable(f"ligne {reader.line_num} mal formée ({exc})")) from exc
    if not layout_out:
        raise ImportFileError("Le fichier est vide : il ne contient aucun profil.")


class _Seen:
    """The e-mails met so far in the file (fingerprint → first line). Recent ones are kept in
    a small dict, older ones go to a TEMP table of the session's connection (SQLite's temporary
    storage, bounded in memory by its cache), so that memory does not grow with the file. On a
    connection that refuses even temporary tables (a read-only opening), everything stays in
    the dict.

    The table is asked once per chunk of lines (``older``), never once per line: past the
    first flush, a SELECT per line was a tenth of the import. The dict goes to the table only
    between chunks (``flush_if_full``), so that what a chunk was checked against stays true
    while its lines are taken in order."""

    FLUSH = 5000

    def __init__(self, session: Session | None) -> None:
        self.recent: dict[int, int] = {}
        self.flushed = False  # the table holds something: worth asking
        self.conn = None
        if session is None:
            return
        try:
            conn = session.connection().connection.driver_connection
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS cnum_import_seen "
                         "(fp INTEGER PRIMARY KEY, line INTEGER NOT NULL)")
            conn.execute("DELETE FROM temp.cnum_import_seen")
            self.conn = conn
        except Exception:  # noqa: BLE001 - any refusal: the dict alone is correct, only larger
            self.conn = None

    def older(self, fps: list[int]) -> dict[int, int]:
        """First lines of those of ``fps`` that went to the table (one query per chunk)."""
        if self.conn is None or not self.flushed or not fps:
            return {}
        found: dict[int, int] = {}
        unique = list(set(fps))
        for start in range(0, len(unique), 500):  # within any SQLite's parameter limit
            chunk = unique[start : start + 500]
            found.update(self.conn.execute(
                "SELECT fp, line FROM temp.cnum_import_seen WHERE fp IN "
                f"({','.join('?' * len(chunk))})", chunk).fetchall())
        return found

    def flush_if_full(self) -> None:
        if self.conn is not None and len(self.recent) >= self.FLUSH:
            self.conn.executemany("INSERT OR IGNORE INTO temp.cnum_import_seen VALUES (?, ?)",
                                  self.recent.items())
            self.recent.clear()
            self.flushed = True

    def close(self) -> None:
        """Empty the table (it is the connection's, reused); after a rollback it is gone."""
        if self.conn is not None:
            with suppress(sqlite3.Error):
                self.conn.execute("DELETE FROM temp.cnum_import_seen")
            self.conn = None


def _checked(source: _Source, encoding: str, separator: str, layout_out: list[_Layout],
             session: Session | None = None) -> Iterator[ImportRow | RejectedRow]:
    """Every line checked, in order: valid rows and rejected lines (duplicates included)."""
    seen = _Seen(session)
    try:
        yield from _checked_lines(source, encoding, separator, layout_out, seen)
    finally:
        seen.close()


CHECK_CHUNK = 500  # lines parsed before their e-mails are looked up together


def _checked_lines(source: _Source, encoding: str, separator: str, layout_out: list[_Layout],
                   seen: _Seen) -> Iterator[ImportRow | RejectedRow]:
    """Lines parsed by chunks, so that the e-mails already met are looked up once per chunk;
    each line is still given, in order, as soon as its chunk is checked."""
    chunk: list[tuple[ImportRow | RejectedRow, list[str]]] = []
    for line, cells in _rows(source, encoding, separator, layout_out):
        layout = layout_out[0]
        chunk.append((_parse_row(cells, line, layout.positions, layout.width, separator),
                      cells))
        if len(chunk) >= CHECK_CHUNK:
            yield from _check_chunk(chunk, separator, seen)
            chunk = []
    if chunk:
        yield from _check_chunk(chunk, separator, seen)


def _check_chunk(chunk: list[tuple[ImportRow | RejectedRow, list[str]]], separator: str,
                 seen: _Seen) -> Iterator[ImportRow | RejectedRow]:
    keys = [_fingerprint(r.email) if isinstance(r, ImportRow) else 0 for r, _cells in chunk]
    older = seen.older([k for (r, _cells), k in zip(chunk, keys, strict=True)
                        if isinstance(r, ImportRow)])
    recent = seen.recent
    for (result, cells), key in zip(chunk, keys, strict=True):
        if isinstance(result, RejectedRow):
            yield result
            continue
        first = recent.get(key)
        if first is None:
            first = older.get(key)
        if first is not None:
            yield RejectedRow(
                result.line, f"adresse e-mail « {result.email} » déjà présente ligne {first} "
                "du fichier", separator.join(cells)[:MAX_FIELD_CHARS], cells)
            continue
        recent[key] = result.line
        yield result
    seen.flush_if_full()


def _batches(items: Iterator[ImportRow | RejectedRow]
             ) -> Iterator[tuple[list[ImportRow], list[RejectedRow]]]:
    rows: list[ImportRow] = []
    rejected: list[RejectedRow] = []
    for item in items:
        if isinstance(item, ImportRow):
            rows.append(item)
        else:
            rejected.append(item)
        if len(rows) >= BATCH_ROWS or len(rejected) >= BATCH_ROWS:
            yield rows, rejected
            rows, rejected = [], []
    if rows or rejected:
        yield rows, rejected


def _scan_format(source: _Source) -> tuple[str, str]:
    head = source.head()
    if not head.strip():
        raise ImportFileError("Le fichier est vide : il ne contient aucun profil.")
    if _looks_binary(head):
        raise ImportFileError(_unreadable("ce n'est pas un fichier texte CSV"))
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    first = next((line for line in head.decode("latin-1").splitlines() if line.strip()), "")
    return encoding, _separator(first)


def _read(source: _Source, file_name: str, session: Session) -> ImportPreview:
    encoding, separator = _scan_format(source)
    try:
        return _preview(source, file_name, session, encoding, separator)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            raise ImportFileError(_unreadable("son encodage est incohérent")) from exc
    try:
        return _preview(source, file_name, session, "cp1252", separator)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _unreadable("son encodage n'est ni UTF-8 ni Windows-1252")) from exc


def _preview(source: _Source, file_name: str, session: Session, encoding: str,
             separator: str) -> ImportPreview:
    layouts: list[_Layout] = []
    preview: ImportPreview | None = None
    for rows, rejected in _batches(_checked(source, encoding, separator, layouts, session)):
        if preview is None:
            preview = _new_preview(layouts[0], file_name, source)
        _count(preview, session, rows, rejected)
    if preview is None:
        preview = _new_preview(layouts[0], file_name, source)
    layout = layouts[0]
    if layout.repaired_count:
        lines = ", ".join(str(n) for n in layout.repaired)
        more = " …" if layout.repaired_count > len(layout.repaired) else ""
        preview.notes.append(
            f"{layout.repaired_count} ligne(s) de ce fichier Windows-1252 étaient écrites en "
            f"UTF-8 (lignes {lines}{more}) : elles sont lues en UTF-8 (« José » et non "
            "« JosÃ© »). Vérifiez leurs accents.")
    if not (preview.added_total or preview.updated_total or preview.rejected_total):
        preview.notes.append("Le fichier ne contient que la ligne d'en-tête : aucun profil.")
    return preview


def _new_preview(layout: _Layout, file_name: str, source: _Source) -> ImportPreview:
    positions = layout.positions
    preview = ImportPreview(
        file_name=file_name, encoding=layout.encoding, separator=layout.separator,
        columns=[COLUMN_LABELS[n] for n in positions], source=source,
        missing_columns=[COLUMN_LABELS[c] for c in EXPECTED if c not in positions],
        header_cells=list(layout.header_cells),
    )
    unknown = [c for c in layout.header_cells if c.strip() and match_column(c) is None]
    if unknown:
        preview.notes.append(
            "Colonnes ignorées : " + ", ".join(f"« {c.strip()[:80]} »" for c in unknown[:20]))
    if "ccp1" not in positions:
        preview.notes.append(
            "Ancien format sans colonne « Formation CCP1 » : cette information reste "
            "« inconnu » pour les nouveaux profils et n'est pas modifiée pour les autres."
        )
    return preview


def _count(preview: ImportPreview, session: Session, rows: list[ImportRow],
           rejected: list[RejectedRow]) -> None:
    known = _known_by_email(session, [r.email for r in rows])
    for row in rows:
        profile = known.get(row.email.lower())
        if profile is None:
            preview.add_count += 1
            if len(preview.to_add) < SAMPLE_ROWS:
                preview.to_add.append(row)
        else:
            preview.update_count += 1
            if len(preview.to_update) < SAMPLE_ROWS:
                row.profile_id = profile.id
                row.changes = _changes(profile, row)
                preview.to_update.append(row)
    for item in rejected:
        preview.rejected_count += 1
        if len(preview.rejected) < SAMPLE_REJECTED:
            item.cells = []  # the whole cells are read again when the lines are saved
            preview.rejected.append(item)


def read_import_bytes(data: bytes, file_name: str, session: Session) -> ImportPreview:
    """Build the preview of an import from the file's bytes (nothing is written)."""
    return _read(_Source(data=data), file_name, session)


def _postal_code(raw: str) -> tuple[str, str]:
    """(code, "") or ("", reason). A spreadsheet drops the leading zero of 01000 → 1000: the
    zero is put back only when the result is a real postal code (the shipped communes index),
    never guessed."""
    if len(raw) == 5 and raw.isascii() and raw.isdigit():
        return raw, ""  # the usual case, without the expressions below
    postal = re.sub(r"\s", "", raw)
    if not postal:
        return "", ""
    if postal.isdigit() and len(postal) == 4:
        from desktop_app.services.request.communes import postal_code_exists

        restored = "0" + postal
        if postal_code_exists(restored):
            return restored, ""
        return "", (f"code postal « {raw} » : 4 chiffres, et « {restored} » n'est pas un code "
                    "postal existant ; corrigez-le dans le fichier")
    if not re.fullmatch(r"\d{5}", postal):
        return "", f"code postal « {raw} » invalide (5 chiffres attendus)"
    return postal, ""


def _parse_row(cells: list[str], line: int, positions: dict[str, int], width: int,
               separator: str) -> ImportRow | RejectedRow:
    def reject(reason: str) -> RejectedRow:
        return RejectedRow(line, reason, separator.join(cells)[:MAX_FIELD_CHARS], cells)

    # whole-line checks made once on the line, not once per cell
    if "\x00" in "".join(cells):
        return reject("la ligne contient un caractère nul (fichier abîmé ?)")
    if cells and max(map(len, cells)) > MAX_FIELD_CHARS:
        return reject(_too_long(cells, positions))
    # Trailing empty cells (a spreadsheet pads rows) are harmless; missing ones are not.
    while len(cells) > width and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) != width:
        hint = ""
        if len(cells) > width:
            shown = {",": "« , »", ";": "« ; »", "\t": "une tabulation"}.get(separator, separator)
            hint = (f" : une valeur contient-elle le séparateur {shown} sans être entre "
                    "guillemets ? Corrigez la ligne dans le fichier")
        return reject(f"la ligne compte {len(cells)} colonnes au lieu de {width}{hint}")

    # the required columns are there (the header was checked)
    last_name = cells[positions["last_name"]].strip()
    first_name = cells[positions["first_name"]].strip()
    email = cells[positions["email"]].strip()
    if not last_name or not first_name:
        return reject("le nom ou le prénom est vide")
    for value, label, limit in ((last_name, "le nom", 100), (first_name, "le prénom", 100)):
        if len(value) > limit:
            return reject(f"{label} dépasse {limit} caractères")
        problem = _name_problem(value, label)
        if problem:
            return reject(problem)
    problem = _email_problem(email)
    if problem:
        return reject(problem.rstrip("."))
    index = positions.get("postal_code")
    postal, problem = _postal_code(cells[index].strip() if index is not None else "")
    if problem:
        return reject(problem)
    flags: list[bool | None] = []
    for name in FLAGS:
        index = positions.get(name)
        if index is None:
            flags.append(None)
            continue
        text = cells[index].strip()
        value = _yes_no(text)
        if value is None:
            return reject(f"« {text[:80]} » dans la colonne « {COLUMN_LABELS[name]} » : "
                          "« oui » ou « non » attendu")
        flags.append(value)
    ccp1, experience, pix, cv = flags
    return ImportRow(line, last_name, first_name, email, postal, ccp1, experience, pix, cv)


FLAGS = ("ccp1", "experience", "pix", "cv")  # the yes/no columns, in ImportRow's order
# What a spreadsheet takes for a formula (formats.md §2): never a name, and a name kept with it
# would be a formula in every file the candidate's name reaches.
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def _too_long(cells: list[str], positions: dict[str, int]) -> str:
    """Which column holds the first value too long, and how long it is."""
    index = next(i for i, cell in enumerate(cells) if len(cell) > MAX_FIELD_CHARS)
    names = {i: name for name, i in positions.items()}
    column = (f"« {COLUMN_LABELS[names[index]]} »" if index in names
              else f"n° {index + 1}")
    return (f"la valeur de la colonne {column} dépasse {MAX_FIELD_CHARS} caractères (elle "
            f"en compte {len(cells[index])}) : ce n'est pas une valeur de l'export ; "
            "corrigez la ligne dans le fichier")


def _name_problem(value: str, label: str) -> str:
    """A last or first name that cannot be one: a formula, or no letter at all (a phone
    number in the name's column)."""
    shown = value if len(value) <= 80 else value[:80] + "…"
    if value.startswith(FORMULA_STARTS):
        return (f"{label} « {shown} » commence par « {value[0]} » : c'est une formule de "
                "tableur, pas un nom ; corrigez la ligne dans le fichier")
    if not any(c.isalpha() for c in value):
        return (f"{label} « {shown} » ne contient aucune lettre : les colonnes sont-elles "
                "décalées ? Corrigez la ligne dans le fichier")
    return ""


# A plain ASCII dot-atom local part: the checks of the validation library for such a part
# are these; its domain is checked once per distinct domain (a file has few), by the library.
_SIMPLE_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


@lru_cache(maxsize=4096)
def _domain_problem(domain: str) -> bool:
    return check_email(f"a@{domain}") is not None


def _email_problem(email: str) -> str | None:
    """``check_email``'s verdict, fast for the usual address (thousands per file)."""
    local, at, domain = email.rpartition("@")
    if (at and len(email) <= 254 and len(local) <= 64 and _SIMPLE_LOCAL.fullmatch(local)
            and not _domain_problem(domain)):
        return None
    return check_email(email)


# Built once, with the addresses as one expanding parameter: an IN of a thousand literals was
# coerced value by value each time the statement was written.
_BY_EMAIL = select(Profile.id, Profile.email).where(
    Profile.email.in_(bindparam("emails", expanding=True)))
_BATCH_BY_EMAIL = select(Profile.id, Profile.batch_id).where(
    Profile.email.in_(bindparam("emails", expanding=True)))


def _known_ids(session: Session, emails: list[str]) -> dict[str, int]:
    """Ids of the known profiles by lowered e-mail. Matched through the e-mail index on the
    address as written and in lower case (a scan of lower(email) per batch made 200,000 rows
    quadratic); an address stored with capitals is found when the file writes it the same
    way. Plain columns on the connection: a batch of new candidates, the usual case, loads no
    ORM object."""
    known: dict[str, int] = {}
    session.flush()  # what the session's own execute would do first
    connection = session.connection()
    for start in range(0, len(emails), BATCH_ROWS):
        chunk = emails[start : start + BATCH_ROWS]
        forms = list({*chunk, *(e.lower() for e in chunk)})
        for pid, email in connection.execute(_BY_EMAIL, {"emails": forms}).fetchall():
            known.setdefault(email.lower(), pid)
    return known


def _known_by_email(session: Session, emails: list[str]) -> dict[str, Profile]:
    """Known profiles by lowered e-mail (``_known_ids``), loaded as objects only when there
    are some: they are compared with the file's lines and updated."""
    ids = _known_ids(session, emails)
    if not ids:
        return {}
    loaded = {p.id: p for p in session.scalars(select(Profile).where(
        Profile.id.in_(list(ids.values()))))}
    return {email: loaded[pid] for email, pid in ids.items() if pid in loaded}


def _insert_rows(session: Session, table: Table, constants: dict[str, object],
                 names: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """One executemany of plain tuples: ``names`` are the columns given per row, in the
    order of each row's values; ``constants`` the values shared by the whole batch (its id,
    the day, the timestamps). SQLAlchemy's own executemany builds and converts every
    parameter of every row (the column defaults, dates turned into text): that was 40 % of
    writing an import. Here the statement is compiled once per batch, the defaults and the
    constants converted once, and a row's own values only when their type asks it."""
    connection = session.connection()
    dialect = connection.dialect
    compiled = _compiled_insert(table, dialect, (*constants, *names))
    position = {name: n for n, name in enumerate(names)}
    fixed: dict[str, object] = {}
    processors = {}
    for column in table.columns:
        key = column.key
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        if key in position:
            if processor is not None:
                processors[position[key]] = processor
            continue
        if key in constants:
            value = constants[key]
        elif column.default is not None and column.default.is_scalar:
            value = column.default.arg
        else:
            continue  # left to the database (its own default, or NULL), as SQLAlchemy does
        fixed[key] = processor(value) if processor is not None else value
    order = compiled.positiontup if compiled.positional else list(compiled.binds)
    missing = [k for k in order if k not in position and k not in fixed]
    if missing:  # a column whose default is computed: the caller must give it
        raise ValueError(f"{table.name} : valeurs manquantes pour {missing}")
    if processors and rows:
        # converted by column: a column of a batch holds few distinct values (yes/no, one
        # day), each converted once
        columns = [list(values) for values in zip(*rows, strict=True)]
        for n, processor in processors.items():
            converted = {value: processor(value) for value in set(columns[n])}
            columns[n] = [converted[value] for value in columns[n]]
        rows = list(zip(*columns, strict=True))
    # each row's values followed by the fixed ones, picked in the statement's order
    tail = tuple(fixed.values())
    tail_at = {key: len(names) + n for n, key in enumerate(fixed)}
    pick = itemgetter(*[position[k] if k in position else tail_at[k] for k in order])
    params: list = [pick((*row, *tail)) for row in rows]
    if len(order) == 1:
        params = [(value,) for value in params]
    if not compiled.positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    connection.exec_driver_sql(compiled.string, params)


_COMPILED: dict[tuple[str, str, tuple[str, ...]], object] = {}


def _compiled_insert(table: Table, dialect: object, keys: tuple[str, ...]):  # noqa: ANN202
    """The INSERT of these columns, compiled once per process (it was once per batch)."""
    cache_key = (table.name, dialect.name, keys)  # type: ignore[attr-defined]
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        compiled = _COMPILED[cache_key] = insert(table).compile(
            dialect=dialect, column_keys=list(keys))  # type: ignore[arg-type]
    return compiled


def _changes(profile: Profile, row: ImportRow) -> list[str]:
    changes = []
    pairs: list[tuple[str, object, object]] = [
        ("Nom", profile.last_name, row.last_name),
        ("Prénom", profile.first_name, row.first_name),
        ("Code postal", profile.postal_code, row.postal_code or profile.postal_code),
    ]
    for label, old, new in (("Formation CCP1", profile.ccp1, row.ccp1),
                            ("Expérience", profile.experience, row.experience),
                            ("Test PIX", profile.pix_shared, row.pix),
                            ("CV", profile.cv_on_platform, row.cv)):
        if new is not None:
            pairs.append((label, old, new))
    for label, old, new in pairs:
        if old != new:
            if isinstance(new, bool):
                changes.append(f"{label} : {'oui' if new else 'non'}")
            else:
                changes.append(f"{label} : {old or '—'} → {new}")
    return changes


def read_import(path: Path, session: Session) -> ImportPreview:
    """Read a file from disk into a preview; ``ImportFileError`` when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"Le fichier « {path.name} » est trop volumineux ({size // (1024 * 1024)} Mo) "
                "pour être un export de candidats."
            )
        return _read(_Source(path=path), path.name, session)
    except FileNotFoundError as exc:
        raise ImportFileError(f"Le fichier « {path.name} » est introuvable.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"« {path.name} » est un dossier, pas un fichier CSV.") from exc
    except PermissionError as exc:
        raise ImportFileError(
            f"Le fichier « {path.name} » ne peut pas être lu : accès refusé."
        ) from exc


Report = Callable[[str, "ImportRow | RejectedRow"], None]


def apply_import(
    session: Session,
    preview: ImportPreview,
    *,
    received_at: datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
    accept_missing: bool = False,
    report: Report | None = None,
) -> ImportResult:
    """Write the file the preview was read from: the batch, new profiles, updates, history.
    Call it inside one ``db.session()`` block so that everything is committed together or not
    at all.

    The file is read again with the same checks, and e-mails are matched again by batches in
    the same transaction, in case a profile was added between the preview and the
    confirmation. Missing columns are refused unless ``accept_missing`` (the user agreed).
    ``report(kind, row)`` hears each line ("ajouté", "mis à jour", "refusé") as it is
    written. ``progress(done, total)`` is called after each batch; when it returns False the
    import stops with ``ImportCancelled`` and the caller's transaction is rolled back.
    """
    if preview.missing_columns and not accept_missing:
        raise ImportFileError(preview.missing_text.split(" Les profils")[0] + " Import refusé.")
    received_at = received_at or utcnow()
    today = received_at.date()
    batch = ProfileBatch(received_at=received_at, file_name=preview.file_name[:300],
                         added_count=0, updated_count=0, rejected_count=0)
    session.add(batch)
    session.flush()
    label = f"Lot reçu le {received_at.strftime('%d/%m/%Y')}"
    total = preview.added_total + preview.updated_total
    added = updated = rejected_count = 0
    if preview.source is None:  # a preview built by hand (tests): its rows are all there is
        batches = iter([(preview.to_add + preview.to_update, list(preview.rejected))])
    else:
        layouts: list[_Layout] = []
        batches = _batches(_checked(preview.source, preview.encoding, preview.separator,
                                    layouts, session))
    # A batch's lines are heard in the file's order (its refused ones came first).
    heard: list[tuple[str, ImportRow | RejectedRow]] = []
    hear = None if report is None else (lambda kind, row: heard.append((kind, row)))
    for rows, rejected in batches:
        rejected_count += len(rejected)
        heard.clear()
        if hear is not None:
            for item in rejected:
                hear("refusé", item)
        a, u = _write_batch(session, rows, batch.id, received_at, today, label,
                            preview.file_name, hear)
        if report is not None:
            heard.sort(key=lambda pair: pair[1].line)
            for kind, row in heard:
                report(kind, row)
        added += a
        updated += u
        if progress is not None and not progress(added + updated, max(total, 1)):
            raise ImportCancelled("Import annulé : rien n'a été enregistré.")
    batch.added_count = added
    batch.updated_count = updated
    batch.rejected_count = rejected_count
    session.flush()
    if progress is not None and not progress(added + updated, max(total, 1)):
        raise ImportCancelled("Import annulé : rien n'a été enregistré.")
    return ImportResult(batch.id, added, updated, rejected_count)


def _write_batch(session: Session, rows: list[ImportRow], batch_id: int, received_at: datetime,
                 today: date, label: str, file_name: str,
                 report: Report | None) -> tuple[int, int]:
    """One batch: new profiles and their first history line by multi-row INSERTs, known ones
    updated in place."""
    if not rows:
        return 0, 0
    known = _known_by_email(session, [r.email for r in rows])
    new = [r for r in rows if r.email.lower() not in known] if known else rows
    events: list[tuple[object, ...]] = []
    if new:
        # A plain executemany (the fastest path), then the new ids read back by exact e-mail
        # through the e-mail index, within the batch.
        _insert_rows(
            session, Profile.__table__,
            dict(source=SOURCE_PLATFORM, batch_id=batch_id, status=STATUS_NEW,
                 status_changed_on=today, created_at=received_at, updated_at=received_at),
            ("last_name", "first_name", "email", "postal_code", "ccp1_trained", "experience",
             "pix_shared", "cv_on_platform"),
            [(r.last_name, r.first_name, r.email, r.postal_code, r.ccp1, bool(r.experience),
              bool(r.pix), bool(r.cv)) for r in new])
        ids = [pid for pid, in_batch in session.connection().execute(
            _BATCH_BY_EMAIL, {"emails": [r.email for r in new]}).fetchall()
            if in_batch == batch_id]
        detail = f"{label} ({file_name})"
        events += [(pid, "Nouvelle candidature", detail) for pid in ids]
        if report is not None:
            for row in new:
                report("ajouté", row)
    updated = 0
    for row in rows:
        profile = known.get(row.email.lower())
        if profile is None:
            continue
        row.changes = _changes(profile, row)
        profile.last_name = row.last_name
        profile.first_name = row.first_name
        if row.postal_code:
            profile.postal_code = row.postal_code
        if row.ccp1 is not None:
            profile.ccp1 = row.ccp1
        if row.experience is not None:
            profile.experience = row.experience
        if row.pix is not None:
            profile.pix_shared = row.pix
        if row.cv is not None:
            profile.cv_on_platform = row.cv
        events.append((
            profile.id, "Profil mis à jour par un import",
            f"{label} : " + ("; ".join(row.changes) if row.changes else "aucun changement"),
        ))
        updated += 1
        if report is not None:
            report("mis à jour", row)
    if events:
        _insert_rows(session, ProfileEvent.__table__, dict(at=received_at, event_date=today),
                     ("profile_id", "label", "detail"), events)
    session.flush()
    return len(new), updated


def import_file(session: Session, path: Path, *, received_at: datetime | None = None,
                accept_missing: bool = False, report: Report | None = None
                ) -> tuple[ImportPreview, ImportResult]:
    """Read and write in one go (command line): returns (preview, result)."""
    preview = read_import(path, session)
    return preview, apply_import(session, preview, received_at=received_at,
                                 accept_missing=accept_missing, report=report)


REJECTED_COLUMNS = ("Ligne du fichier", "Motif du refus")


def rejected_lines(preview: ImportPreview, progress: Callable[[int, int], bool] | None = None,
                   ) -> Iterator[list[str]]:
    """Every refused line of the preview's file, all of them (the preview shows the first
    ones), in order: its line number, the reason, then its cells whole, as read. The file is
    read again with the same checks; ``progress`` hears the lines given so far against the
    number refused, and stops the reading when it returns False (``Cancelled``)."""
    from desktop_app.services.progress import report

    total = max(preview.rejected_total, 1)
    if preview.source is None:  # a preview built by hand (tests): its lines are all there is
        for item in preview.rejected:
            yield [str(item.line), item.reason, *(item.cells or [item.text])]
        return
    layouts: list[_Layout] = []
    done = 0
    for item in _checked(preview.source, preview.encoding, preview.separator, layouts):
        if isinstance(item, RejectedRow):
            done += 1
            yield [str(item.line), item.reason, *item.cells]
            if done % BATCH_ROWS == 0:
                report(progress, done, total)


def write_rejected_lines(path: Path, preview: ImportPreview,
                         progress: Callable[[int, int], bool] | None = None) -> int:
    """The refused lines as a CSV for a spreadsheet (formats.md §2): the line number and the
    reason first, then the file's own columns, so that the lines can be corrected there and
    the file imported again (the two first columns are then ignored). Nothing is lost: every
    refused line, whole. Returns the number of lines written."""
    from desktop_app.services.csv_export import write_csv

    header = [*REJECTED_COLUMNS, *preview.header_cells]
    return write_csv(path, header, rejected_lines(preview, progress))


def sample_csv(rows: list[dict[str, str]], *, older: bool = False) -> str:
    """The platform's export as text (current or older header), used by tests and self-test."""
    header = ["Nom", "Prénom", "Email", "Code postal", "Formation CCP1", "Expérience",
              "Test PIX", "CV"]
    if older:
        header.remove("Formation CCP1")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return out.getvalue()

