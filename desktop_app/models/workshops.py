"""Models of the "Ateliers" tab (issue 5)."""
