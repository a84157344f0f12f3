"""The optional lock: a password asked to open the application and after an idle time, for a
PC whose session several people use.

The password is kept as a salted scrypt hash (``hashlib.scrypt``, n=2**14, r=8, p=1: about
50 ms on an old PC), never as itself. The lock guards the screens, not the file: the data is
not encrypted, so forgetting the password never loses anything. The recovery is said
everywhere the password is chosen: the account's owner removes the lock with
``cnum-biblio verrou retirer --db <base>`` (or restores a backup, which stays readable by the
account). Whoever can use the PC's account can read its files anyway; the account's own
password is what protects them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy.orm import Session

from desktop_app.services.field_errors import FieldErrors
from desktop_app.services.structure import get_setting, set_setting

HASH_KEY = "lock.password"
IDLE_KEY = "lock.idle_minutes"
DEFAULT_IDLE_MINUTES = 10
MIN_LENGTH = 6
_N, _R, _P = 2**14, 8, 1

RECOVERY_TEXT = (
    "Mot de passe oublié : vos données ne sont pas perdues. Le verrou protège l'écran, pas le "
    "fichier. Sur ce poste, avec le même compte Windows ou Linux, lancez la commande "
    "« cnum-biblio verrou retirer --db <fichier de la base> » (le chemin de la base est affiché "
    "en bas de la fenêtre), puis rouvrez CNum Biblio et choisissez un nouveau mot de passe."
)


class LockError(FieldErrors):
    """A password refused (too short, the two typings differ)."""


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)


def encode(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = _hash(password, salt)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def matches(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                  n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def is_enabled(session: Session) -> bool:
    return bool(get_setting(session, HASH_KEY))


def check_password(session: Session, password: str) -> bool:
    stored = get_setting(session, HASH_KEY)
    return bool(stored) and matches(stored, password)


def idle_minutes(session: Session) -> int:
    """Minutes without use before the lock closes the screen; 0 = never."""
    try:
        return max(0, int(get_setting(session, IDLE_KEY, str(DEFAULT_IDLE_MINUTES))))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def set_password(session: Session, password: str, repeated: str, idle: int) -> None:
    errors: dict[str, str] = {}
    if len(password) < MIN_LENGTH:
        errors["password"] = f"Choisissez un mot de passe d'au moins {MIN_LENGTH} caractères."
    elif password != repeated:
        errors["repeated"] = "Les deux mots de passe tapés sont différents."
    if not 0 <= idle <= 240:
        errors["idle"] = "Indiquez un délai entre 0 (jamais) et 240 minutes."
    if errors:
        raise LockError(errors)
    set_setting(session, HASH_KEY, encode(password))
    set_setting(session, IDLE_KEY, str(idle))


def set_idle(session: Session, idle: int) -> None:
    if not 0 <= idle <= 240:
        raise LockError({"idle": "Indiquez un délai entre 0 (jamais) et 240 minutes."})
    set_setting(session, IDLE_KEY, str(idle))


def remove(session: Session) -> bool:
    """Remove the lock; True when there was one."""
    had = is_enabled(session)
    set_setting(session, HASH_KEY, "")
    return had
