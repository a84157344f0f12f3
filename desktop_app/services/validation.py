"""Field checks shared by every form: each returns ``None`` when valid, else a French message.

Libraries do the real work (python-stdnum for SIRET/SIREN, email-validator, phonenumbers) so the
rules match what the national platform and the administrations apply. They are imported by
the check that needs them, when first used: start-up does not pay for them (about 50 ms).
"""

from __future__ import annotations

import re

from desktop_app.services.formatting import number

POSTAL_CODE_RE = re.compile(r"^\d{5}$")


def digits_only(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def check_siret(value: str) -> str | None:
    raw = digits_only(value)
    if not raw:
        return "Le SIRET est obligatoire."
    if not raw.isdigit() or len(raw) != 14:
        return f"Le SIRET compte 14 chiffres (ici : {len(raw)} caractères)."
    from stdnum.fr import siret as stdnum_siret

    if not stdnum_siret.is_valid(raw):
        return "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre."
    return None


def check_siren(value: str) -> str | None:
    raw = digits_only(value)
    if len(raw) != 9 or not raw.isdigit():
        return "Le SIREN compte 9 chiffres."
    from stdnum.fr import siren as stdnum_siren

    if not stdnum_siren.is_valid(raw):
        return "Ce SIREN n'existe pas : sa clé de contrôle est fausse."
    return None


def check_postal_code_format(value: str) -> str | None:
    if not POSTAL_CODE_RE.match((value or "").strip()):
        return "Le code postal compte 5 chiffres, par exemple 58120."
    return None


def normalize_email(value: str) -> str:
    return (value or "").strip()


def check_email(value: str, *, required: bool = True) -> str | None:
    value = normalize_email(value)
    if not value:
        return "L'adresse e-mail est obligatoire." if required else None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return f"« {value} » n'est pas une adresse e-mail valide (exemple : prenom.nom@mairie.fr)."
    return None


def check_phone(value: str, *, required: bool = True) -> str | None:
    """French numbers (10 digits) or international ones (+ country code)."""
    value = (value or "").strip()
    if not value:
        return "Le numéro de téléphone est obligatoire." if required else None
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return f"« {value} » n'est pas un numéro de téléphone (exemple : 03 86 12 34 56)."
    if not phonenumbers.is_valid_number(number):
        return f"« {value} » n'est pas un numéro de téléphone valide (exemple : 03 86 12 34 56)."
    return None


def format_phone(value: str) -> str:
    """Display form: "03 86 12 34 56" for French numbers, international form otherwise."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def phone_e164(value: str) -> str:
    """"+33386123456": the form of the open-data standard; empty when not a valid number."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Maximum lengths of what people type. A name or a title longer than this is a paste gone wrong
# (a whole document in one field): accepted, it made every PDF take minutes to lay out. The
# limits are generous for real French names ("Communauté de communes du …" fits).
NAME_MAX = 200
TITLE_MAX = 200
LINE_MAX = 300
NOTE_MAX = 5000


def check_length(value: str, limit: int, what: str) -> str | None:
    """A French message when ``value`` is longer than ``limit`` characters, None otherwise."""
    if len(value) <= limit:
        return None
    return (
        f"{what} compte {number(len(value))} caractères, pour {number(limit)} au plus : "
        "raccourcissez le texte."
    )


def check_no_control_characters(value: str, what: str) -> str | None:
    """A French message when ``value`` holds NUL or other control characters (tabs and line
    breaks excepted): they come from a damaged paste and break files and printing."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        return f"{what} contient des caractères invisibles non autorisés : retapez-le."
    return None


def check_text(errors: dict[str, str], field: str, value: str, limit: int, what: str) -> None:
    """Add to ``errors`` the message for ``field`` when ``value`` is too long or damaged."""
    message = check_length(value, limit, what) or check_no_control_characters(value, what)
    if message and field not in errors:
        errors[field] = message
