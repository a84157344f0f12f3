"""The conseiller choice of the planner, the « Bilan d'activité » and the La Coop list: its
first item means everyone; the others are the holders (``services.lacoop.conseillers``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox


def set_conseillers(combo: QComboBox, holders: Sequence[tuple[str, str]]) -> bool:
    """Replace the items after the first by ``holders`` (label, key), the one chosen kept
    (everyone when it is gone), each label also its tooltip (a long name is cut on screen).
    Nothing is redone, and no signal sent, when the list did not change; True when it did."""
    wanted = list(holders)
    have = [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())]
    if have == wanted:
        return False
    chosen = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for label, key in wanted:
        combo.addItem(label, key)
        combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)
    return True
