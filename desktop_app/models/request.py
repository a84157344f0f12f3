"""Models of the "Demande de recrutement" tab (issue 3)."""
