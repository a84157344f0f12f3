"""What the tables of "Profils reçus" show, on the shared rows model (``views.common.tables``).

The profile list must stay fast on ten thousand rows (``demo --scale 100``): the shared model
computes every display text once per load and sorts on the keys below, never through
``data()``. Names sort accent- and case-folded, as French collation does first; a missing
availability date or postal code goes last.

The criteria filters (status, CCP1, Pix, CV, diploma) are one predicate given to the shared
proxy; the folded search text is the proxy's own filter. ``status_counts`` says how many rows
each status would show with the other filters, for the status combo's labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from desktop_app.models.profiles import (
    SOURCE_STRUCTURE,
    STATUS_LABELS,
    STATUS_LIST_LABELS,
    STATUS_NOT_RETAINED,
)
from desktop_app.services.profiles.records import BatchView, InterviewView, ProfileRow
from desktop_app.services.text import fold
from desktop_app.views.common.tables import Column, RowsModel, RowsProxy, date_text

if TYPE_CHECKING:  # the import's rows are only named here: the importer loads when importing
    from desktop_app.services.profiles.importer import ImportRow, RejectedRow

COL_NAME, COL_AVAILABLE, COL_POSTAL, COL_CCP1, COL_PIX, COL_CV, COL_STATUS = range(7)
STATUS_ORDER = {status: n for n, status in enumerate(STATUS_LIST_LABELS)}
GREY = QColor("#6b6b6b")


@lru_cache(maxsize=1 << 15)
def _folded_name(last_name: str, first_name: str) -> tuple[str, str]:
    """Folded once per name and kept: every sort (each column breaks ties by name) and every
    reading would otherwise fold each row's name again."""
    return fold(last_name), fold(first_name)


def _name_key(r: ProfileRow) -> tuple[str, str, int]:
    return (*_folded_name(r.last_name, r.first_name), r.id)


def _name_text(r: ProfileRow) -> str:
    name = f"{r.last_name.upper()} {r.first_name}"
    return name + (" (trouvé par la structure)" if r.source == SOURCE_STRUCTURE else "")


def _yes(value: bool | None) -> str:
    """« Oui », « Non », or « inconnu » when the file did not say (an older export)."""
    if value is None:
        return "inconnu"
    return "Oui" if value else "Non"


PROFILE_COLUMNS: list[Column[ProfileRow]] = [
    Column("Candidat", _name_text, _name_key),
    Column(
        "Disponibilité",
        lambda r: date_text(r.availability_date) if r.availability_date else "—",
        lambda r: (r.availability_date or date.max, *_name_key(r)),
    ),
    Column("Code postal", lambda r: r.postal_code,
           lambda r: (r.postal_code or "99999", *_name_key(r))),
    Column("CCP1", lambda r: _yes(r.ccp1),
           lambda r: ({True: 2, False: 0}.get(r.ccp1, 1), *_name_key(r))),
    Column("Pix", lambda r: r.pix_text,
           lambda r: (r.pix_level or (0.5 if r.pix_shared else 0), *_name_key(r))),
    Column("CV", lambda r: _yes(r.has_cv), lambda r: (r.has_cv, *_name_key(r))),
    Column("Statut", lambda r: STATUS_LABELS.get(r.status, r.status),
           lambda r: (STATUS_ORDER.get(r.status, 99), *_name_key(r))),
]


def profile_model(parent=None) -> RowsModel[ProfileRow]:  # noqa: ANN001
    model: RowsModel[ProfileRow] = RowsModel(PROFILE_COLUMNS, lambda r: r.id, parent)
    model.search_text = lambda r, _texts: (
        f"{r.first_name} {r.last_name} {r.email} {r.postal_code} {r.commune}"
    )
    model.foreground = lambda r: GREY if r.status == STATUS_NOT_RETAINED else None
    return model


@dataclass
class ProfileFilters:
    """The criteria chosen above the list; None means "Tous"."""

    status: str | None = None
    ccp1: bool | None = None
    pix: int | None = None  # 0: not shared, 1–3: level at least
    cv: bool | None = None
    graduate: bool | None = None

    @property
    def predicate(self) -> Callable[[ProfileRow], bool] | None:
        """The proxy's predicate; None when every criterion is "Tous" (no call per row)."""
        chosen = (self.status, self.ccp1, self.pix, self.cv, self.graduate)
        return None if all(v is None for v in chosen) else self.accepts

    def accepts(self, r: ProfileRow, *, ignore_status: bool = False) -> bool:
        if not ignore_status and self.status is not None and r.status != self.status:
            return False
        if self.ccp1 is not None and r.ccp1 != self.ccp1:
            return False
        if self.cv is not None and r.has_cv != self.cv:
            return False
        if self.graduate is not None and r.graduate != self.graduate:
            return False
        if self.pix is not None:
            if self.pix == 0:
                return not r.pix_shared
            return (r.pix_level or 0) >= self.pix
        return True


def status_counts(model: RowsModel[ProfileRow], proxy: RowsProxy,
                  filters: ProfileFilters) -> dict[str, int]:
    """Rows per status that the search text and the other criteria let through."""
    text = proxy.text
    others = (filters.ccp1, filters.pix, filters.cv, filters.graduate)
    rows = model.rows()
    if not text and all(v is None for v in others):
        return dict(Counter(r.status for r in rows))
    counts: dict[str, int] = {}
    for i, r in enumerate(rows):
        if text and text not in model.search_key(i):
            continue
        if filters.accepts(r, ignore_status=True):
            counts[r.status] = counts.get(r.status, 0) + 1
    return counts


INTERVIEW_COLUMNS: list[Column[InterviewView]] = [
    Column("Date", lambda i: i.when_text, lambda i: (i.start, i.id)),
    Column("Candidat", lambda i: i.candidate),
    Column("Lieu", lambda i: i.place),
    Column("Jury", lambda i: i.panel),
]

BATCH_COLUMNS: list[Column[BatchView]] = [
    Column("Lot", lambda b: f"{b.label} à {b.received_at:%H:%M}",
           lambda b: (b.received_at, b.id)),
    Column("Fichier", lambda b: b.file_name),
    Column("Ajoutés", lambda b: str(b.added), lambda b: b.added, align_right=True),
    Column("Mis à jour", lambda b: str(b.updated), lambda b: b.updated, align_right=True),
    Column("Refusés", lambda b: str(b.rejected), lambda b: b.rejected, align_right=True),
]

_LINE = Column("Ligne", lambda r: str(r.line), lambda r: r.line, align_right=True)

IMPORT_ADD_COLUMNS: list[Column[ImportRow]] = [
    _LINE,  # type: ignore[list-item]
    Column("Candidat", lambda r: r.full_name),
    Column("E-mail", lambda r: r.email),
    Column("Code postal", lambda r: r.postal_code),
]

IMPORT_UPDATE_COLUMNS: list[Column[ImportRow]] = [
    _LINE,  # type: ignore[list-item]
    Column("Candidat", lambda r: r.full_name),
    Column("E-mail", lambda r: r.email),
    Column("Changements", lambda r: "; ".join(r.changes) or "aucun changement"),
]

IMPORT_REJECTED_COLUMNS: list[Column[RejectedRow]] = [
    _LINE,  # type: ignore[list-item]
    Column("Motif du refus", lambda r: r.reason),
    Column("Contenu de la ligne", lambda r: r.text),
]
