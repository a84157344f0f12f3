"""Personal data under the RGPD: finding everything held about one person, giving it to them,
correcting and erasing it, retention durations, the information notice and the register entry.

Everything here reads the other areas' tables through the ORM and never imports PySide6; the
views and the command line call the same functions.
"""
