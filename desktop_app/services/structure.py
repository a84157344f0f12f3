"""Reading and saving "Paramètres de la structure", used by every printed document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.models.structure import (
    SIGNATORY_CIVILITIES,
    STRUCTURE_TYPES,
    AppSetting,
    StructureSettings,
)
from desktop_app.services import opening_hours, validation
from desktop_app.services.field_errors import FieldErrors


@dataclass
class StructureInfo:
    """A detached copy of the settings, safe to hand to views and documents."""

    structure_type: str = "commune"
    name: str = ""
    siret: str = ""
    address: str = ""
    postal_code: str = ""
    commune: str = ""
    insee_code: str = ""
    departement: str = ""
    region: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None
    # "madame", "monsieur" or "" (not said): what « Je soussigné(e) » agrees with.
    signatory_civility: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    venue_name: str = ""
    venue_address: str = ""
    opening_hours: opening_hours.Hours = field(default_factory=dict)

    @property
    def type_label(self) -> str:
        return STRUCTURE_TYPES.get(self.structure_type, self.structure_type)

    @property
    def display_name(self) -> str:
        return self.name or "Structure sans nom"

    @property
    def city_line(self) -> str:
        return " ".join(p for p in (self.postal_code, self.commune) if p)

    @property
    def is_configured(self) -> bool:
        return bool(self.name.strip())


def _row(session: Session) -> StructureSettings | None:
    return session.scalars(select(StructureSettings).order_by(StructureSettings.id)).first()


def get_structure(session: Session) -> StructureInfo:
    row = _row(session)
    if row is None:
        return StructureInfo()
    data = {k: getattr(row, k) for k in StructureInfo.__dataclass_fields__ if k != "opening_hours"}
    return StructureInfo(**data, opening_hours=opening_hours.loads(row.opening_hours))


def check_structure(info: StructureInfo) -> dict[str, str]:
    """Field name → French message, for every field that is wrong. Only the name is required;
    the other fields are checked when filled in (the request tab requires more)."""
    errors: dict[str, str] = {}
    if not info.name.strip():
        errors["name"] = "Le nom de la structure est obligatoire."
    if info.structure_type not in STRUCTURE_TYPES:
        errors["structure_type"] = "Choisissez le type de structure dans la liste."
    if info.signatory_civility not in SIGNATORY_CIVILITIES:
        errors["signatory_civility"] = (
            "Choisissez la civilité du signataire dans la liste (Madame, Monsieur ou —)."
        )
    if info.siret.strip() and (msg := validation.check_siret(info.siret)):
        errors["siret"] = msg
    if info.postal_code.strip() and (msg := validation.check_postal_code_format(info.postal_code)):
        errors["postal_code"] = msg
    if info.email.strip() and (msg := validation.check_email(info.email)):
        errors["email"] = msg
    if info.phone.strip() and (msg := validation.check_phone(info.phone)):
        errors["phone"] = msg
    for name, limit, what in _TEXT_LIMITS:
        validation.check_text(errors, name, getattr(info, name), limit, what)
    return errors


_TEXT_LIMITS = (
    ("name", validation.NAME_MAX, "Le nom de la structure"),
    ("address", validation.LINE_MAX, "L'adresse"),
    ("commune", validation.NAME_MAX, "La commune"),
    ("signatory_name", validation.NAME_MAX, "Le nom du signataire"),
    ("signatory_title", validation.NAME_MAX, "La qualité du signataire"),
    ("venue_name", validation.NAME_MAX, "Le nom du lieu"),
    ("venue_address", validation.LINE_MAX, "L'adresse du lieu"),
)


class StructureValidationError(FieldErrors):
    """The structure's settings refused field by field."""


def save_structure(session: Session, info: StructureInfo) -> None:
    errors = check_structure(info)
    if errors:
        raise StructureValidationError(errors)
    row = _row(session)
    if row is None:
        row = StructureSettings()
        session.add(row)
    values = asdict(info)
    values["siret"] = validation.digits_only(info.siret)
    values["opening_hours"] = opening_hours.dumps(info.opening_hours)
    for key, value in values.items():
        setattr(row, key, value.strip() if isinstance(value, str) and key != "opening_hours" else value)


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(AppSetting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
