"""Models of the "Profils reçus" tab (issue 4)."""
