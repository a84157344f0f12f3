"""« À saisir dans La Coop »: held activities not yet entered, oldest (late) first, every field
in La Coop's order and wording, the "saisi dans La Coop" mark, per conseiller."""

from __future__ import annotations

from datetime import datetime

from desktop_app.models.workshops import Registration
from desktop_app.services.lacoop import entry
from desktop_app.services.workshops import conflicts as cf
from desktop_app.services.workshops import sessions as ss
from tests.workshops.helpers import add_person, add_session

NOW = datetime(2026, 11, 12, 17, 0)


def test_daily_list_order_fields_and_marks(db) -> None:  # noqa: ANN001
    helene = add_person(db, "Hélène", "Brossard", birth_year=1951, gender="feminin",
                        social_status="retraite", postal_code="58240", insee_code="58264")
    today_help = add_session(
        db, datetime(2026, 11, 12, 9, 30), kind="individuel", title="", capacity=None,
        participant_id=helene, themes=["demarches", "email"], admin_themes=["logement"],
        demarche_name="Demande d'APL", autonomy="guidage", referred=True,
        redirection="aide_demarches", duration_min=45, equipment=["ordinateur"],
        status="realise", conseiller_name="Jeanne Lebœuf",
    )
    late = add_session(db, datetime(2026, 11, 10, 14, 0), anonymous_count=3,
                       anonymous={"gender": {"feminin": 2}}, status="realise")
    cancelled = add_session(db, datetime(2026, 11, 11, 14, 0))
    with db.session() as s:
        ss.cancel_session(s, cancelled)
    add_session(db, datetime(2026, 11, 12, 18, 0))  # not held yet
    later_planned = add_session(db, datetime(2026, 11, 12, 14, 0))  # planned, now past

    with db.session() as s:
        listed = entry.entry_list(s, NOW)
        lines = entry.entry_lines(s, NOW)  # what the page lists, without the forms
    assert [i.session_id for i in listed.items] == [late, today_help, later_planned]
    assert [line.heading for line in lines.lines] == [i.heading for i in listed.items]
    assert "Accompagnement — Hélène Brossard" in lines.lines[1].heading
    assert (lines.late, lines.to_enter) == (listed.late, listed.to_enter) == (1, 3)
    assert lines.lines[0].text.startswith("⚠ ")
    assert listed.late == 1 and [i.late for i in listed.items] == [True, False, False]
    help_item = listed.items[1]
    labels = [label for label, _ in help_item.fields]
    assert labels == [
        "Date", "Type", "Participants", "Bénéficiaire", "Canaux d’accompagnement",
        "Nom du lieu", "Durée (min)", "Matériel numérique utilisé",
        "Thématique(s) d’accompagnement", "Nom de la démarche administrative",
        "Niveau d’autonomie (ou de l’atelier)", "Bénéficiaire réorienté",
        "Structure de redirection",
    ]
    values = dict(help_item.fields)
    assert values["Type"] == "Accompagnement individuel"
    assert values["Canaux d’accompagnement"] == "Lieu d’activité"
    assert values["Thématique(s) d’accompagnement"] == (
        "E-mail\nAide aux démarches administratives : Logement"
    )
    assert values["Bénéficiaire"] == (
        "Hélène Brossard — Saint-Pierre-le-Moûtier (58240, INSEE 58264) — Féminin, "
        "70 ans et plus, Retraité"
    )
    assert values["Structure de redirection"].startswith("Structure d’aide aux démarches")
    group = dict(listed.items[0].fields)
    assert group["Bénéficiaire"].splitlines() == [
        "3 participant(s) anonyme(s)", "Genre : Féminin 2, Non communiqué 1",
        "Tranche d’âge : Non communiqué 3", "Statut : Non communiqué ou hétérogène 3",
    ]
    assert "Nom de la démarche administrative : Demande d'APL" in entry.as_text(help_item)

    with db.session() as s:
        assert entry.mark_entered(s, [late], NOW) == 1
        assert entry.mark_entered(s, [late], NOW) == 0  # already marked
    with db.session() as s:
        listed = entry.entry_list(s, NOW)
        assert [i.session_id for i in listed.items] == [today_help, later_planned]
        assert listed.late == 0
        again = entry.entry_list(s, NOW, include_entered_since=NOW.date().replace(day=1))
        assert [i.session_id for i in again.items][-1] == late
        assert again.items[-1].entered_at == NOW
        one = entry.entry_list(s, NOW, conseiller=cf.conseiller_key(None, "JEANNE  Lebœuf"))
        assert [i.session_id for i in one.items] == [today_help]
        entry.mark_entered(s, [late], NOW, entered=False)
    with db.session() as s:
        assert entry.entry_list(s, NOW).late == 1
        assert s.query(Registration).count() == 1
