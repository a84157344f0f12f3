"""Screens of personal data (RGPD): one person's data, retention, the lock, the notices."""
