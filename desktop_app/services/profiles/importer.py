"""Import of the national platform's candidate export (formats.md §1).

The file may come straight from the platform (UTF-8 with BOM, `;`) or re-saved by a spreadsheet
on another computer (Windows-1252, `,`, blank lines, reordered columns, header without accents).
Reading is done in two steps so that nothing is written before the user has seen what will
happen: ``read_import`` builds a preview (rows to add, rows updating a known candidate by
e-mail, rejected rows with their line number and reason); ``apply_import`` then writes all of
it in the caller's session, i.e. in one transaction, and keeps the batch ("Lot reçu le …").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
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

MAX_FILE_BYTES = 20 * 1024 * 1024
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
    ccp1: bool | None = None  # None: column absent (older header), leave as is
    experience: bool = False
    pix: bool = False
    cv: bool = False
    profile_id: int | None = None  # the known candidate this row updates
    changes: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class RejectedRow:
    line: int
    reason: str
    text: str = ""


@dataclass
class ImportPreview:
    file_name: str
    encoding: str
    separator: str
    columns: list[str]
    to_add: list[ImportRow] = field(default_factory=list)
    to_update: list[ImportRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportFileError(_unreadable("son encodage est incohérent")) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(_unreadable("son encodage n'est ni UTF-8 ni Windows-1252")) from exc


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


def _yes_no(value: str) -> bool | None:
    text = _key(value)
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def read_import_bytes(data: bytes, file_name: str, session: Session) -> ImportPreview:
    """Build the preview of an import from the file's bytes (nothing is written)."""
    if not data.strip():
        raise ImportFileError("Le fichier est vide : il ne contient aucun profil.")
    if _looks_binary(data):
        raise ImportFileError(_unreadable("ce n'est pas un fichier texte CSV"))
    text, encoding = _decode(data)
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise ImportFileError("Le fichier est vide : il ne contient aucun profil.")
    separator = _separator(lines[header_index])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    preview: ImportPreview | None = None
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    candidates: list[ImportRow] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                if len(cells) > MAX_COLUMNS:
                    raise ImportFileError(
                        f"La première ligne compte {len(cells)} colonnes (au plus {MAX_COLUMNS} "
                        "attendues) : ce n'est pas l'export des candidats de la plateforme."
                    )
                header = cells
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
                preview = ImportPreview(
                    file_name=file_name,
                    encoding=encoding,
                    separator=separator,
                    columns=[COLUMN_LABELS[n] for n in positions],
                )
                unknown = [c for c in cells if c.strip() and match_column(c) is None]
                if unknown:
                    preview.notes.append(
                        "Colonnes ignorées : " + ", ".join(f"« {c.strip()} »" for c in unknown)
                    )
                if "ccp1" not in positions:
                    preview.notes.append(
                        "Ancien format sans colonne « Formation CCP1 » : cette information "
                        "n'est pas modifiée."
                    )
                continue
            assert preview is not None
            row = _parse_row(cells, line, positions, len(header), separator, preview)
            if row is None:
                continue
            key = row.email.lower()
            if key in seen:
                preview.rejected.append(
                    RejectedRow(
                        line,
                        f"adresse e-mail « {row.email} » déjà présente ligne {seen[key]} "
                        "du fichier",
                        separator.join(cells),
                    )
                )
                continue
            seen[key] = line
            candidates.append(row)
    except csv.Error as exc:
        raise ImportFileError(_unreadable(f"ligne {reader.line_num} mal formée ({exc})")) from exc
    if preview is None:
        raise ImportFileError("Le fichier est vide : il ne contient aucun profil.")
    _resolve(session, candidates, preview)
    if not candidates and not preview.rejected:
        preview.notes.append("Le fichier ne contient que la ligne d'en-tête : aucun profil.")
    return preview


def _parse_row(
    cells: list[str],
    line: int,
    positions: dict[str, int],
    width: int,
    separator: str,
    preview: ImportPreview,
) -> ImportRow | None:
    raw = separator.join(cells)

    def reject(reason: str) -> None:
        preview.rejected.append(RejectedRow(line, reason, raw[:MAX_FIELD_CHARS]))

    if any("\x00" in c for c in cells):
        reject("la ligne contient un caractère nul (fichier abîmé ?)")
        return None
    if any(len(c) > MAX_FIELD_CHARS for c in cells):
        reject(f"une valeur dépasse {MAX_FIELD_CHARS} caractères")
        return None

    # Trailing empty cells (a spreadsheet pads rows) are harmless; missing ones are not.
    while len(cells) > width and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) != width:
        reject(f"la ligne compte {len(cells)} colonnes au lieu de {width}")
        return None

    def cell(name: str) -> str:
        index = positions.get(name)
        return cells[index].strip() if index is not None else ""

    last_name, first_name, email = cell("last_name"), cell("first_name"), cell("email")
    if not last_name or not first_name:
        reject("le nom ou le prénom est vide")
        return None
    problem = check_email(email)
    if problem:
        reject(problem.rstrip("."))
        return None
    postal = re.sub(r"\s", "", cell("postal_code"))
    if postal.isdigit() and len(postal) == 4:
        postal = "0" + postal  # a spreadsheet dropped the leading zero (01000 → 1000)
    if postal and not re.fullmatch(r"\d{5}", postal):
        reject(f"code postal « {cell('postal_code')} » invalide (5 chiffres attendus)")
        return None
    flags: dict[str, bool | None] = {}
    for name in ("ccp1", "experience", "pix", "cv"):
        if name not in positions:
            flags[name] = None
            continue
        value = _yes_no(cell(name))
        if value is None:
            reject(f"« {cell(name)} » dans la colonne « {COLUMN_LABELS[name]} » : « oui » ou "
                   "« non » attendu")
            return None
        flags[name] = value
    return ImportRow(
        line=line,
        last_name=last_name,
        first_name=first_name,
        email=email,
        postal_code=postal,
        ccp1=flags["ccp1"],
        experience=bool(flags["experience"]),
        pix=bool(flags["pix"]),
        cv=bool(flags["cv"]),
    )


def _known_by_email(session: Session, emails: list[str]) -> dict[str, Profile]:
    known: dict[str, Profile] = {}
    lowered = [e.lower() for e in emails]
    for start in range(0, len(lowered), 500):
        chunk = lowered[start : start + 500]
        for profile in session.scalars(select(Profile).where(func.lower(Profile.email).in_(chunk))):
            known.setdefault(profile.email.lower(), profile)
    return known


def _changes(profile: Profile, row: ImportRow) -> list[str]:
    changes = []
    pairs = [
        ("Nom", profile.last_name, row.last_name),
        ("Prénom", profile.first_name, row.first_name),
        ("Code postal", profile.postal_code, row.postal_code or profile.postal_code),
        ("Expérience", profile.experience, row.experience),
        ("Test PIX", profile.pix_shared, row.pix),
        ("CV", profile.cv_on_platform, row.cv),
    ]
    if row.ccp1 is not None:
        pairs.append(("Formation CCP1", profile.ccp1, row.ccp1))
    for label, old, new in pairs:
        if old != new:
            if isinstance(new, bool):
                changes.append(f"{label} : {'oui' if new else 'non'}")
            else:
                changes.append(f"{label} : {old or '—'} → {new}")
    return changes


def _resolve(session: Session, rows: list[ImportRow], preview: ImportPreview) -> None:
    known = _known_by_email(session, [r.email for r in rows])
    for row in rows:
        profile = known.get(row.email.lower())
        if profile is None:
            row.profile_id = None
            row.changes = []
            preview.to_add.append(row)
        else:
            row.profile_id = profile.id
            row.changes = _changes(profile, row)
            preview.to_update.append(row)


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
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError(f"Le fichier « {path.name} » est introuvable.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"« {path.name} » est un dossier, pas un fichier CSV.") from exc
    except PermissionError as exc:
        raise ImportFileError(
            f"Le fichier « {path.name} » ne peut pas être lu : accès refusé."
        ) from exc
    return read_import_bytes(data, path.name, session)


def apply_import(
    session: Session,
    preview: ImportPreview,
    *,
    received_at: datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportResult:
    """Write the preview: the batch, new profiles, updates, history. Call it inside one
    ``db.session()`` block so that everything is committed together or not at all.

    E-mails are matched again here, in the same transaction, in case a profile was added
    between the preview and the confirmation. ``progress(done, total)`` is called every 100
    rows; when it returns False the import stops with ``ImportCancelled`` and the caller's
    transaction is rolled back, so nothing is written.
    """
    received_at = received_at or utcnow()
    today = received_at.date()
    batch = ProfileBatch(
        received_at=received_at,
        file_name=preview.file_name[:300],
        added_count=0,
        updated_count=0,
        rejected_count=len(preview.rejected),
    )
    session.add(batch)
    session.flush()
    rows = preview.to_add + preview.to_update
    known = _known_by_email(session, [r.email for r in rows])
    label = f"Lot reçu le {received_at.strftime('%d/%m/%Y')}"
    added = updated = 0
    for done, row in enumerate(rows):
        if progress is not None and done % 100 == 0 and not progress(done, len(rows)):
            raise ImportCancelled("Import annulé : rien n'a été enregistré.")
        profile = known.get(row.email.lower())
        if profile is None:
            profile = Profile(
                last_name=row.last_name[:100],
                first_name=row.first_name[:100],
                email=row.email[:254],
                postal_code=row.postal_code,
                ccp1=bool(row.ccp1),
                experience=row.experience,
                pix_shared=row.pix,
                cv_on_platform=row.cv,
                source=SOURCE_PLATFORM,
                batch_id=batch.id,
                status=STATUS_NEW,
                status_changed_on=today,
            )
            profile.events.append(
                ProfileEvent(at=received_at, event_date=today, label="Nouvelle candidature",
                             detail=f"{label} ({preview.file_name})")
            )
            session.add(profile)
            known[row.email.lower()] = profile
            added += 1
        else:
            changes = _changes(profile, row)
            profile.last_name = row.last_name[:100]
            profile.first_name = row.first_name[:100]
            if row.postal_code:
                profile.postal_code = row.postal_code
            if row.ccp1 is not None:
                profile.ccp1 = row.ccp1
            profile.experience = row.experience
            profile.pix_shared = row.pix
            profile.cv_on_platform = row.cv
            profile.events.append(
                ProfileEvent(
                    at=received_at,
                    event_date=today,
                    label="Profil mis à jour par un import",
                    detail=f"{label} : " + ("; ".join(changes) if changes else "aucun changement"),
                )
            )
            updated += 1
    batch.added_count = added
    batch.updated_count = updated
    session.flush()
    if progress is not None and not progress(len(rows), len(rows)):
        raise ImportCancelled("Import annulé : rien n'a été enregistré.")
    return ImportResult(batch.id, added, updated, len(preview.rejected))


def import_file(session: Session, path: Path, *, received_at: datetime | None = None):
    """Read and write in one go (command line): returns (preview, result)."""
    preview = read_import(path, session)
    return preview, apply_import(session, preview, received_at=received_at)


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

