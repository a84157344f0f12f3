"""Second floor of the start-up benchmark: the empty window of ``empty_window.py`` plus what the
project's fixed stack costs before any of the application's own work: SQLAlchemy's ORM
imported, one mapped class, one query through a session on an SQLite file. The application
cannot start below this; its own work (its 29 models, the checks of the base, the first tab)
is what it adds on top."""

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTabWidget
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]


app = QApplication(sys.argv)
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "floor.sqlite"
    with sqlite3.connect(path) as raw:  # the table exists, as in a base already made
        raw.execute("CREATE TABLE setting (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        session.scalars(select(Setting)).all()
    engine.dispose()
window = QMainWindow()
tabs = QTabWidget()
for title in ("Demande de recrutement", "Profils reçus", "Ateliers", "Kit d'inclusion"):
    tabs.addTab(QTableWidget(20, 6), title)
window.setCentralWidget(tabs)
window.show()
QTimer.singleShot(int(os.environ.get("CNUM_BIBLIO_QUIT_AFTER_MS", "1")), window.close)
sys.exit(app.exec())
