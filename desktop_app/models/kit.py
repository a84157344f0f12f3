"""Models of the "Kit d'inclusion" tab (issue 6)."""
