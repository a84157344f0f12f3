"""Domain of the "Demande de recrutement" tab."""
