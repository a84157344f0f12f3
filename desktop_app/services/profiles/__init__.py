"""Domain of the "Profils reçus" tab."""
