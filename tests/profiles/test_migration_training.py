"""An old base (revision 0200_profiles) upgraded: the situation becomes its fact, Pix levels
become « oui » with the levels kept in the history, CCP1 kept, training periods kept as courses."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select, text

from desktop_app.db import alembic_config, open_database
from desktop_app.models.profiles import Profile, ProfileEvent, TrainingSession


def test_an_old_base_is_upgraded_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0200_profiles")
        for rev in ("0100_request", "0300_workshops", "0400_kit"):
            command.upgrade(cfg, rev)
        conn.execute(text(
            "INSERT INTO profile (id, last_name, first_name, email, phone, postal_code, commune,"
            " mobility, situation, graduate, diploma, experience, experience_details, ccp1,"
            " pix_shared, pix_level, pix_professional, pix_resources, pix_citizen,"
            " cv_on_platform, cv_file, source, status, refusal_reason, contract_type,"
            " rupture_reason, notes, created_at, updated_at) VALUES"
            " (1, 'Martin', 'Claire', 'c@exemple.fr', '', '58120', '', '', 'en_formation', 0,"
            " '', 1, '', 1, 1, 2, 3, 1, NULL, 0, '', 'plateforme', 'validee', '', 'cdd', '',"
            " 'Note', '2026-01-01', '2026-01-01'),"
            " (2, 'Roux', 'Zoé', 'z@exemple.fr', '', '', '', '', 'en_emploi', 0, '', 0, '', 0,"
            " 0, NULL, NULL, NULL, NULL, 0, '', 'plateforme', 'nouvelle', '', '', '', '',"
            " '2026-01-01', '2026-01-01')"))
        conn.execute(text(
            "INSERT INTO training_period (profile_id, start_date, end_date, organisation, place)"
            " VALUES (1, '2026-03-02', '2026-03-06', 'Hub', 'Dijon')"))
        conn.execute(text(
            "INSERT INTO profile_event (profile_id, at, event_date, label, detail) VALUES"
            " (1, '2026-01-01', '2026-01-01', 'Nouvelle candidature', '')"))
    engine.dispose()
    db = open_database(path)
    try:
        with db.session() as s:
            claire, zoe = s.get(Profile, 1), s.get(Profile, 2)
            assert (claire.in_training, claire.employed, claire.job_seeker) == (True, False, False)
            assert (zoe.employed, zoe.in_training) == (True, False)
            assert claire.ccp1 is True and zoe.ccp1 is False and claire.experience
            assert (claire.pix_professional, claire.pix_resources, claire.pix_citizen) == (
                True, True, None)
            assert claire.pix_level == 2 and claire.notes == "Note"
            details = [e.detail for e in s.scalars(
                select(ProfileEvent).where(ProfileEvent.profile_id == 1))]
            assert any("Utilisation du numérique dans la vie professionnelle : Avancé" in d
                       and "Production de ressources : Débutant" in d for d in details)
            assert len(details) == 2  # the old line kept, the levels added
            training = s.scalars(select(TrainingSession)).one()
            assert (training.kind, training.hours, training.organisation) == ("cours", None, "Hub")
    finally:
        db.close()
