"""Domain of the "Kit d'inclusion" tab."""
