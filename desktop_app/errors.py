"""Plain French messages for the errors a user can act on (no Qt: shared by CLI and GUI)."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import OperationalError


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
    return f"Erreur d'accès au fichier{where} : {exc.strerror or exc}."


def describe_user_error(exc: BaseException) -> str | None:
    """A French message for an error the user can act on, or None for a bug."""
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    inner = exc.orig if isinstance(exc, OperationalError) else exc
    if isinstance(inner, sqlite3.OperationalError):
        text = str(inner).lower()
        if "locked" in text or "busy" in text:
            return (
                "La base de données est occupée par un autre programme (ou une autre fenêtre de "
                "CNum Biblio). Fermez-le, puis réessayez : rien n'a été perdu."
            )
        if "readonly" in text or "read-only" in text:
            return (
                "La base de données est en lecture seule : vos changements n'ont pas pu être "
                "enregistrés. Vérifiez les droits du dossier des données."
            )
        if "disk is full" in text or "full" in text:
            return "Le disque est plein : libérez de la place, puis réessayez."
        if "disk i/o" in text:
            return "Erreur de lecture ou d'écriture sur le disque. Vérifiez le support (clé USB ?)."
    return None
