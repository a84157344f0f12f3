"""Plain French messages for the errors a user can act on (no Qt: shared by CLI and GUI).

Every message given for an error also goes to the log with its details (SQLite's own English
text, the file), so that what the user saw can be traced afterwards.
"""

from __future__ import annotations

import errno
import logging
import sqlite3

from sqlalchemy.exc import DBAPIError

log = logging.getLogger("desktop_app.errors")


def describe_os_error(exc: OSError) -> str:
    where = f" « {exc.filename} »" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return (
            "Le disque est plein : l'enregistrement n'a pas pu se faire. Libérez de la place "
            "(videz la corbeille, supprimez des fichiers inutiles), puis réessayez."
        )
    if exc.errno in (errno.EROFS,) or isinstance(exc, PermissionError):
        return (
            f"Écriture impossible{where} : le dossier est en lecture seule ou vous n'avez pas les "
            "droits. Choisissez un autre dossier ou demandez l'accès à votre informaticien."
        )
    if isinstance(exc, FileNotFoundError):
        return f"Fichier ou dossier introuvable{where}. Vérifiez le chemin."
    if isinstance(exc, IsADirectoryError):
        return f"{where.strip() or 'Ce chemin'} est un dossier, pas un fichier. Choisissez un fichier."
    if isinstance(exc, NotADirectoryError):
        return f"Le chemin{where} passe par un fichier au lieu d'un dossier. Vérifiez le chemin."
    return f"Erreur d'accès au fichier{where} : {exc.strerror or exc}."


def describe_user_error(exc: BaseException) -> str | None:
    """A French message for an error the user can act on, or None for a bug (logged either
    way when a message is given)."""
    message = _describe(exc)
    if message is not None:
        log.warning("%s", message, exc_info=(type(exc), exc, exc.__traceback__))
    return message


def _describe(exc: BaseException) -> str | None:
    if getattr(type(exc), "user_facing", False):  # db.DatabaseError, BackupError: already French
        return str(exc)
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    inner = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(inner, sqlite3.Error):
        return describe_sqlite_error(inner)
    return None


def describe_sqlite_error(inner: sqlite3.Error) -> str | None:
    code = getattr(inner, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(inner).lower()
    if primary in (5, 6) or "locked" in text or "busy" in text:
        return (
            "La base de données est occupée par un autre programme (ou une autre fenêtre de "
            "CNum Biblio). Fermez-le, puis réessayez : rien n'a été perdu."
        )
    if primary == 8 or "readonly" in text or "read-only" in text:
        return (
            "La base de données est en lecture seule : vos changements n'ont pas pu être "
            "enregistrés. Vérifiez les droits du dossier des données."
        )
    if primary == 13 or "disk is full" in text or "full" in text:
        return "Le disque est plein : libérez de la place, puis réessayez."
    if primary == 10 or "disk i/o" in text:
        return (
            "Erreur de lecture ou d'écriture sur le disque : la dernière modification n'a pas été "
            "enregistrée. Vérifiez le support (clé USB, lecteur réseau), puis relancez CNum Biblio."
        )
    if primary in (11, 26) or "malformed" in text or "not a database" in text:
        return (
            "La base de données est endommagée. Fermez CNum Biblio et relancez-le : une "
            "sauvegarde vous sera proposée."
        )
    if "no such table" in text or "no such column" in text:
        return (
            "La base de données est incomplète (une table manque). Fermez CNum Biblio et "
            "relancez-le : une sauvegarde vous sera proposée."
        )
    if isinstance(inner, sqlite3.OperationalError):
        return f"La base de données a refusé l'opération ({inner}). Rien n'a été enregistré."
    return None
