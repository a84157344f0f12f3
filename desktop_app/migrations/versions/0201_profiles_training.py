"""Profiles: the situation as independent facts, Pix competences as yes/no, CCP1 that can be
unknown, the conseiller's Pix certification, training leaves with their kind and hours.

Existing data is kept: a stored situation becomes the matching fact; a Pix competence level
(1 to 3) becomes « oui » and the levels are written into the profile's history, so nothing the
user saw is lost; CCP1 keeps its value; existing training periods are courses of the initial
training whose hours are not known yet.

Plain ADD/DROP COLUMN (SQLite 3.35+) rather than batch mode: a batch copy drops the profile
table, and dropping it would cascade to the history, the interviews and the training periods.

Revision ID: 0201_profiles_training
Revises: 0200_profiles
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0201_profiles_training"
down_revision = "0200_profiles"
branch_labels = None
depends_on = None

LEVELS = {1: "Débutant", 2: "Intermédiaire", 3: "Avancé"}
COMPETENCES = (
    ("pix_professional", "Utilisation du numérique dans la vie professionnelle"),
    ("pix_resources", "Production de ressources"),
    ("pix_citizen", "Compétences numériques en lien avec la e-citoyenneté"),
)
SITUATIONS = (
    ("demandeur_emploi", "job_seeker"),
    ("en_emploi", "employed"),
    ("en_formation", "in_training"),
)


def upgrade() -> None:
    false = sa.false()
    for name in ("job_seeker", "employed", "in_training"):
        op.add_column("profile", sa.Column(name, sa.Boolean(), nullable=False,
                                           server_default=false))
    for old, new in SITUATIONS:
        op.execute(f"UPDATE profile SET {new} = 1 WHERE situation = '{old}'")
    # A value outside the list (typed by another program) is kept in the notes.
    known = ", ".join(f"'{old}'" for old, _ in SITUATIONS)
    op.execute(
        "UPDATE profile SET notes = TRIM(notes || char(10) || 'Situation : ' || situation) "
        f"WHERE TRIM(situation) <> '' AND situation NOT IN ({known})"
    )
    op.drop_column("profile", "situation")

    op.add_column("profile", sa.Column("ccp1_trained", sa.Boolean(), nullable=True))
    op.execute("UPDATE profile SET ccp1_trained = ccp1")
    op.drop_column("profile", "ccp1")

    for old, _label in COMPETENCES:
        op.add_column("profile", sa.Column(f"{old}_ok", sa.Boolean(), nullable=True))
        op.execute(f"UPDATE profile SET {old}_ok = CASE WHEN {old} IS NULL THEN NULL "
                   f"WHEN {old} > 0 THEN 1 ELSE 0 END")
    # The levels the user had entered go to the history, word for word.
    parts = " || ".join(
        f"CASE WHEN {old} IS NOT NULL THEN '{label} : ' || "
        f"CASE {old} " + " ".join(f"WHEN {n} THEN '{text}'" for n, text in LEVELS.items())
        + f" ELSE {old} END || ' ; ' ELSE '' END"
        for old, label in COMPETENCES
    )
    where = " OR ".join(f"{old} IS NOT NULL" for old, _ in COMPETENCES)
    op.execute(
        "INSERT INTO profile_event (profile_id, at, event_date, label, detail) "
        "SELECT id, CURRENT_TIMESTAMP, DATE('now'), "
        "'Compétences Pix passées en oui/non', "
        f"'Niveaux enregistrés auparavant : ' || RTRIM({parts}, ' ; ') "
        f"FROM profile WHERE {where}"
    )
    for old, _ in COMPETENCES:
        op.drop_column("profile", old)
    op.add_column("profile", sa.Column("pix_certified_on", sa.Date(), nullable=True))

    op.add_column("training_period", sa.Column("kind", sa.String(20), nullable=False,
                                               server_default="cours"))
    op.add_column("training_period", sa.Column("hours", sa.Numeric(6, 1), nullable=True))
    op.add_column("training_period", sa.Column("title", sa.String(200), nullable=False,
                                               server_default=""))


def downgrade() -> None:
    op.drop_column("training_period", "title")
    op.drop_column("training_period", "hours")
    op.drop_column("training_period", "kind")
    op.drop_column("profile", "pix_certified_on")
    for old, _ in COMPETENCES:
        op.add_column("profile", sa.Column(old, sa.Integer(), nullable=True))
        op.execute(f"UPDATE profile SET {old} = {old}_ok")
        op.drop_column("profile", f"{old}_ok")
    op.add_column("profile", sa.Column("ccp1", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    op.execute("UPDATE profile SET ccp1 = COALESCE(ccp1_trained, 0)")
    op.drop_column("profile", "ccp1_trained")
    op.add_column("profile", sa.Column("situation", sa.String(30), nullable=False,
                                       server_default=""))
    for old, new in reversed(SITUATIONS):
        op.execute(f"UPDATE profile SET situation = '{old}' WHERE {new} = 1")
    for name in ("in_training", "employed", "job_seeker"):
        op.drop_column("profile", name)
