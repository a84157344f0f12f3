"""« Salles »: the structure's rooms, one per line, that a session can take (two sessions at the
same time cannot share one). The list and its rules are in ``services/lacoop/rooms.py``."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from desktop_app.services.lacoop import rooms as rooms_service
from desktop_app.views.common.forms import FormDialog
from desktop_app.views.context import AppContext


class RoomsDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Salles", parent, ctx=ctx, min_width=420)
        self.setObjectName("roomsDialog")
        hint = QLabel(
            "Une salle par ligne (ex. Salle d’animation, Espace numérique). Deux séances à la "
            f"même heure ne peuvent pas occuper la même salle. {rooms_service.MAX_ROOMS} salles "
            "au plus."
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.rooms = self.row("rooms", "&Salles", QPlainTextEdit())
        self.rooms.setTabChangesFocus(True)
        self.rooms.setFixedHeight(160)
        with ctx.db.session() as s:
            self.rooms.setPlainText("\n".join(rooms_service.rooms(s)))
        self.saved: list[str] = []

    def accept(self) -> None:
        names = self.rooms.toPlainText().splitlines()

        def save() -> list[str]:
            with self.ctx.db.session() as s:
                return rooms_service.save_rooms(s, names)

        if self.run_save(save, changes=("workshops",), initiator=self.parentWidget()):
            self.saved = list(self.result_value)  # type: ignore[call-overload]
            self.accept_saved()
