"""The list view of the planner: the toolkit's rows table over the sessions of the displayed
period (read once for that period), dates sorted by time, numbers by value, text the French way
("Écrire" with the e's). A cut cell shows its whole text as a tooltip; Tab leaves the table."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop_app.models.workshops import PLACE_TYPES
from desktop_app.services.formatting import duration_minutes
from desktop_app.services.workshops.sessions import SessionRow
from desktop_app.views.common.tables import Column, RowsModel, RowsProxy, rows_table
from desktop_app.views.workshops.calendar_views import qdate

CANCELLED = QColor("#777777")
WIDTHS = (125, 100, 60, 190, 320, 220, 200, 110, 80)


def _seats(r: SessionRow) -> str:
    if r.kind != "collectif":
        return "1" if r.person else "—"
    text = f"{r.registered} / {r.capacity}" if r.capacity else str(r.registered)
    return text + (f" (+{r.waiting} en attente)" if r.waiting else "")


@lru_cache(maxsize=4096)
def _day_label(day: date) -> str:
    """"mar. 3 mars 2026"; cached: a year's list holds thousands of sessions on few days."""
    return QLocale().toString(qdate(day), "ddd d MMM yyyy")


def _hours(r: SessionRow) -> str:
    """"14:00 – 15:30" (without strftime, slow on thousands of rows)."""
    end = r.end
    return f"{r.start.hour:02d}:{r.start.minute:02d} – {end.hour:02d}:{end.minute:02d}"


def session_columns() -> list[Column[SessionRow]]:
    return [
        Column("Date", lambda r: _day_label(r.start.date()), lambda r: (r.start, r.id)),
        Column("Horaire", _hours, lambda r: (r.start, r.id)),
        Column("Durée", lambda r: duration_minutes(r.duration_min),
               lambda r: (r.duration_min, r.start)),
        Column("Type", lambda r: r.kind_label),
        Column("Titre", lambda r: r.display_title),
        Column("Thématiques", lambda r: r.themes_label),
        Column("Lieu", lambda r: r.venue or PLACE_TYPES.get(r.place_type, "")),
        Column("Inscrits", _seats, lambda r: (r.registered, r.start)),
        Column("Statut", lambda r: r.status_label),
    ]


def session_table(proxy: RowsProxy) -> tuple[QTableView, RowsModel[SessionRow]]:
    """The list's table and its model (``model.set_rows(sessions)`` to fill it)."""
    # the model belongs to the proxy's owner: a source model deleted as a child of its own
    # proxy would notify a half-destroyed proxy
    model: RowsModel[SessionRow] = RowsModel(session_columns(), lambda r: r.id, proxy.parent())
    model.foreground = lambda r: CANCELLED if r.status == "annule" else None
    # the list is filtered by its combo boxes, never by typed text: no folded search text to
    # compute for each of a year's thousands of rows
    model.search_text = lambda _row, _texts: ""
    view = rows_table("Liste des séances", model, proxy, WIDTHS)
    view.setObjectName("workshopsList")
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(False)
    return view, model
