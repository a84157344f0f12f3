"""Widgets of the "Ateliers" tab: calendar views, session list, editors, participants.

Part B adds ``reports.py`` (activity report panel, document and ``.ics`` actions) here.
"""
