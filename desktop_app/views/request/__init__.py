"""Widgets and dialogs of the "Demande de recrutement" tab."""
