"""The kit's table columns: what each table of the tab shows, how it sorts and colours its rows.
The models, proxy and views themselves are the shared ones (``views.common.tables``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QColor

from desktop_app.services.kit.loans import LoanRow
from desktop_app.services.kit.queries import CategoryCount, ItemRow, ReservationRow
from desktop_app.views.common.tables import Column, RowsModel, date_text, money_text

GREY, RED, ORANGE = QColor("#6b6b6b"), QColor("#b00020"), QColor("#9a5b00")


def _stock_text(r: ItemRow) -> str:
    if r.consumable:
        return f"{r.quantity or 0} en stock"
    return money_text(r.value)


def item_model(parent=None) -> RowsModel[ItemRow]:  # noqa: ANN001
    model: RowsModel[ItemRow] = RowsModel(
        [
            Column("N° d'inventaire", lambda r: r.inventory_number),
            Column("Catégorie", lambda r: r.category),
            Column("Matériel", lambda r: r.description),
            Column("N° de série", lambda r: r.serial),
            Column("État", lambda r: r.condition_label),
            Column("Disponibilité", lambda r: r.state_label),
            Column("Détail", lambda r: r.detail),
            Column("Emplacement", lambda r: r.location),
            Column(
                "Valeur / stock",
                _stock_text,
                key=lambda r: float(r.quantity or 0) if r.consumable else float(r.value or 0),
                align_right=True,
            ),
        ],
        id_of=lambda r: r.id,
        parent=parent,
    )
    model.search_text = lambda r, texts: " ".join((*texts, r.notes, r.funding))

    def colour(r: ItemRow) -> QColor | None:
        if r.retired:
            return GREY
        if r.state == "panne" or r.low_stock:
            return RED
        if "en retard" in r.detail:
            return RED
        return None

    model.foreground = colour
    return model


def loan_model(parent=None) -> RowsModel[LoanRow]:  # noqa: ANN001
    model: RowsModel[LoanRow] = RowsModel(
        [
            Column("N°", lambda r: str(r.id), key=lambda r: r.id, align_right=True),
            Column("Emprunteur", lambda r: r.borrower_name),
            Column("Type", lambda r: r.kind_label),
            Column("Articles", lambda r: r.numbers),
            Column("Prêté le", lambda r: date_text(r.start, True), key=lambda r: r.start),
            Column("Retour prévu", lambda r: date_text(r.due, True), key=lambda r: r.due),
            Column(
                "Rendu le",
                lambda r: date_text(r.closed_at, True),
                key=lambda r: r.closed_at or datetime.max,
            ),
            Column(
                "Retard",
                lambda r: (
                    f"{r.days_late} jour{'s' if r.days_late > 1 else ''}" if r.days_late else ""
                ),
                key=lambda r: r.days_late,
                align_right=True,
            ),
        ],
        id_of=lambda r: r.id,
        parent=parent,
    )
    model.search_text = lambda r, texts: " ".join((*texts, r.phone))
    model.foreground = lambda r: RED if r.days_late else (GREY if r.closed_at else None)
    return model


def count_model(parent=None) -> RowsModel[CategoryCount]:  # noqa: ANN001
    def n(state: str) -> Callable[[CategoryCount], str]:
        return lambda c: str(c.counts.get(state, 0))

    def k(state: str) -> Callable[[CategoryCount], int]:
        return lambda c: c.counts.get(state, 0)

    model: RowsModel[CategoryCount] = RowsModel(
        [
            Column("Catégorie", lambda c: c.category),
            Column("Unités", lambda c: str(c.total), key=lambda c: c.total, align_right=True),
            Column("Libres", n("disponible"), key=k("disponible"), align_right=True),
            Column("Prêtées", n("prete"), key=k("prete"), align_right=True),
            Column("Réservées", n("reserve"), key=k("reserve"), align_right=True),
            Column("En panne", n("panne"), key=k("panne"), align_right=True),
        ],
        id_of=lambda c: c.category_id,
        parent=parent,
    )
    model.foreground = lambda c: RED if c.total and not c.free else None
    return model


def reservation_model(parent=None) -> RowsModel[ReservationRow]:  # noqa: ANN001
    rows_ids: dict[str, int] = {}

    def id_of(r: ReservationRow) -> int:
        return rows_ids.setdefault(f"{r.source}|{r.start}", len(rows_ids) + 1)

    model: RowsModel[ReservationRow] = RowsModel(
        [
            Column("Réservation", lambda r: r.label),
            Column("Période", lambda r: r.period, key=lambda r: r.start),
            Column("Matériel réservé", lambda r: r.detail),
            Column("Origine", lambda r: "Ateliers" if r.is_workshop else "Kit (événement)"),
        ],
        id_of=id_of,
        parent=parent,
    )
    return model
