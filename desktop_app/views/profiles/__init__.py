"""Widgets of the "Profils reçus" tab: the list model, dialogs and the detail panel."""
