"""Domain of the "Ateliers" tab."""
