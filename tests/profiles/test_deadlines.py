"""The deadlines at the top of « Profils reçus » say whom they are about and what to do."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.db import Database
from desktop_app.models.profiles import (
    STATUS_NOT_RETAINED,
    STATUS_RECRUITED,
    STATUS_VALIDATED,
    Profile,
)
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.profiles import records
from desktop_app.views.profiles_tab import deadlines_html


def _profile(db: Database, first: str, last: str, **values: object) -> None:
    with db.session() as s:
        s.add(Profile(first_name=first, last_name=last, **values))


def _labels(db: Database, today: date) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(d.level, d.label) for d in records.deadlines(s, today)]


def test_each_contract_to_sign_names_its_candidate_and_what_to_do(db: Database) -> None:
    with db.session() as s:
        s.add(RecruitmentRequest(status="validee", posts_granted=3,
                                 decision_on=date(2026, 1, 31)))
    # two validated the same day: each gets their own line
    _profile(db, "Élodie", "Martin", status=STATUS_VALIDATED, validated_on=date(2026, 2, 20))
    _profile(db, "Paul", "Durand", status=STATUS_VALIDATED, validated_on=date(2026, 2, 20))
    _profile(db, "Yann", "Le Goff", status=STATUS_RECRUITED, validated_on=date(2026, 2, 10),
             contract_signed_on=date(2026, 2, 12))
    found = _labels(db, date(2026, 3, 1))
    assert found == [
        ("soon", "Faire signer le contrat d'Élodie Martin avant le 7 mars 2026 (candidature "
                 "validée le 20 février 2026), puis l'enregistrer par « Contrat signé… »"),
        ("soon", "Faire signer le contrat de Paul Durand avant le 7 mars 2026 (candidature "
                 "validée le 20 février 2026), puis l'enregistrer par « Contrat signé… »"),
        ("met", "Candidat sélectionné : Yann Le Goff, le 10 février 2026 "
                "(délai : 28 février 2026)"),
        ("met", "Contrat de Yann Le Goff signé le 12 février 2026"),
    ]
    late = _labels(db, date(2026, 3, 9))[0]
    assert late == ("late", "Faire signer le contrat d'Élodie Martin, attendu avant le "
                            "7 mars 2026 (candidature validée le 20 février 2026), "
                            "puis l'enregistrer par « Contrat signé… »")


def test_a_candidate_validated_before_the_request_still_has_a_contract_to_sign(
    db: Database,
) -> None:
    """Without a validated request (or before its validation), every unsigned candidate is
    listed by name, not only the latest one."""
    _profile(db, "Élodie", "Martin", status=STATUS_VALIDATED, validated_on=date(2026, 2, 1))
    _profile(db, "Paul", "Durand", status=STATUS_RECRUITED, validated_on=date(2026, 2, 20))
    _profile(db, "Zoé", "Petit", status=STATUS_NOT_RETAINED, validated_on=date(2026, 2, 5))
    labels = [label for _level, label in _labels(db, date(2026, 2, 21))]
    assert len(labels) == 2
    assert labels[0].startswith("Faire signer le contrat d'Élodie Martin, attendu avant le")
    assert labels[1].startswith("Faire signer le contrat de Paul Durand avant le 7 mars 2026")
    assert not [t for t in labels if t.startswith("Signer le contrat")]


def test_the_tab_shows_each_deadline_to_meet_on_its_own_line(db: Database) -> None:
    _profile(db, "Élodie", "Martin", status=STATUS_VALIDATED, validated_on=date(2026, 2, 1))
    _profile(db, "Paul", "Durand", status=STATUS_RECRUITED, validated_on=date(2026, 2, 20))
    with db.session() as s:
        html = deadlines_html(records.deadlines(s, date(2026, 2, 21)))
    first, second = html.split("<br>")
    assert "En retard : Faire signer le contrat d'Élodie Martin" in first  # not by colour only
    assert ">Faire signer le contrat de Paul Durand" in second  # 14 days left: no prefix


@pytest.mark.parametrize("sentence", [
    "Signer le contrat avant le 7 mars 2026",
    "Signer le contrat de Paul Durand avant le 7 mars 2026",
    "Contrat d'Élodie Martin signé le 27 février 2026",
    "Contrat de Paul Durand signé le 27 février 2026",
])
def test_the_request_areas_contract_sentences_are_never_shown_twice(
    db: Database, monkeypatch: pytest.MonkeyPatch, sentence: str,
) -> None:
    """However the request area words a contract's deadline, the tab says it once, by name:
    it goes by what the deadline is about (``kind``), not by how its sentence begins."""
    from desktop_app.services.request import api as request_api

    level = "met" if "signé le" in sentence else "soon"
    monkeypatch.setattr(request_api, "deadlines", lambda _s, _t: [
        request_api.Deadline(sentence, date(2026, 3, 7), level, kind="contract")])
    _profile(db, "Paul", "Durand", status=STATUS_VALIDATED, validated_on=date(2026, 2, 20))
    assert _labels(db, date(2026, 3, 1)) == [
        ("soon", "Faire signer le contrat de Paul Durand avant le 7 mars 2026 (candidature "
                 "validée le 20 février 2026), puis l'enregistrer par « Contrat signé… »")]


def test_contrat_signe_names_whose_contract_and_its_deadline(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """Opened after reading « Faire signer le contrat de Gaëlle Benoît… », the dialog says it is
    hers and when it is due (it said only « Contrat signé »)."""
    from datetime import datetime, time

    from PySide6.QtWidgets import QLabel

    from desktop_app.models.profiles import STATUS_VALIDATED as VALIDATED
    from desktop_app.views.profiles.dialogs import SignatureDialog
    from desktop_app.views.profiles_tab import ProfilesTab
    from tests.conftest import DEMO_TODAY

    demo_ctx.clock = lambda: datetime.combine(DEMO_TODAY, time(9, 0))
    tab = ProfilesTab(demo_ctx)
    qtbot.addWidget(tab)
    row = next(r for r in tab.model.rows() if r.status == VALIDATED)
    tab.select_profile(row.id)
    assert tab.detail is not None and tab.detail.validated_on is not None
    seen: list[SignatureDialog] = []
    tab.exec_dialog = lambda d: seen.append(d) or 0
    tab.record_signature()
    (dialog,) = seen
    dialog.mark_clean()
    name = tab.detail.full_name
    assert dialog.windowTitle() == f"Contrat signé — {name}"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert records.signature_intro(name, tab.detail.validated_on) in texts


def test_signature_intro() -> None:
    assert records.signature_intro("Élodie Martin", date(2026, 2, 20)) == (
        "Contrat d'Élodie Martin : candidature validée le 20 février 2026, contrat à signer "
        "avant le 7 mars 2026 (15 jours).")
