"""ORM models, one module per area. Importing this package registers every table."""

from desktop_app.models import kit, profiles, request, structure, workshops  # noqa: F401
from desktop_app.models.base import Base

__all__ = ["Base"]
