"""Floor of the start-up benchmark: an empty PySide6 window with four tabs and a table each,
shown then closed — what any Qt application of this shape costs before doing any work."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTabWidget

app = QApplication(sys.argv)
window = QMainWindow()
tabs = QTabWidget()
for title in ("Demande de recrutement", "Profils reçus", "Ateliers", "Kit d'inclusion"):
    tabs.addTab(QTableWidget(20, 6), title)
window.setCentralWidget(tabs)
window.show()
QTimer.singleShot(int(os.environ.get("CNUM_BIBLIO_QUIT_AFTER_MS", "1")), window.close)
sys.exit(app.exec())
