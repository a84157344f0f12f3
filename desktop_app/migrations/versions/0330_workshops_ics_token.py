"""Workshops: the calendar export's identifier of this database, drawn when the base is made.

Each exported session's UID is ``seance-<id>@<token>``, the token drawn once per database. It
was drawn at the first export; a first export from the command line while the application had
the base open (the command line then reads it read-only) could not store it and failed. Drawn
here, every base has one before anything exports; one already drawn is kept, so calendars that
imported earlier exports recognise their events.

Revision ID: 0330_workshops_ics_token
Revises: 0320_workshops_conseiller_index
Create Date: 2026-12-03
"""

from alembic import op

revision = "0330_workshops_ics_token"
down_revision = "0320_workshops_conseiller_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO app_setting (key, value) "
        "SELECT 'ics_uid_token', lower(hex(randomblob(8))) "
        "WHERE NOT EXISTS (SELECT 1 FROM app_setting WHERE key = 'ics_uid_token')"
    )


def downgrade() -> None:
    pass  # the token is data: left in place, harmless to an older version
