"""The §6 workflow: actions, reversibility, quota, contract checks, history, records."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.db import Database
from desktop_app.models.profiles import Profile
from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.profiles import api, records, workflow
from desktop_app.services.profiles.workflow import ContractInput, FormError, QuotaError

TODAY = date(2026, 3, 2)


def _request(db: Database, posts: int) -> None:
    with db.session() as s:
        s.add(RecruitmentRequest(status="validee", posts_granted=posts,
                                 decision_on=date(2026, 2, 1)))


def _profile(db: Database, email: str = "camille.martin@exemple.fr") -> int:
    with db.session() as s:
        return records.add_profile(
            s, records.ProfileInput(last_name="Martin", first_name="Camille", email=email,
                                    postal_code="58120"), TODAY)


def _contract(**kw) -> ContractInput:  # noqa: ANN003
    values = dict(recruitment_date=date(2026, 3, 16), contract_type="cdd",
                  start=date(2026, 3, 16), end=date(2028, 3, 15), salary="1 802,50")
    values.update(kw)
    return ContractInput(**values)


def _status(db: Database, pid: int) -> str:
    with db.session() as s:
        return s.get(Profile, pid).status


def test_refuse_then_cancel_refusal(db: Database) -> None:
    pid = _profile(db)
    with db.session() as s, pytest.raises(FormError, match="pourquoi"):
        workflow.refuse(s, pid, TODAY, "  ")
    with db.session() as s:
        workflow.refuse(s, pid, TODAY, "Trop éloigné du lieu de travail")
    assert _status(db, pid) == "non_retenue"
    with db.session() as s:
        assert workflow.available_actions("non_retenue") == [
            ("cancel_refusal", "Annuler le désintérêt")]
        workflow.cancel_refusal(s, pid, TODAY)
    with db.session() as s:
        detail = records.get_detail(s, pid)
    assert detail.status == "nouvelle" and detail.refusal_reason == ""
    labels = [e.label for e in detail.events]
    assert labels == ["Nouvelle candidature", "Candidat non retenu", "Désintérêt annulé"]
    assert detail.events[1].detail == "Motif : Trop éloigné du lieu de travail"


def test_full_path_to_rupture(db: Database) -> None:
    _request(db, 1)
    pid = _profile(db)
    with db.session() as s:
        workflow.preselect(s, pid, TODAY)
        workflow.cancel_preselection(s, pid, TODAY)
        workflow.preselect(s, pid, TODAY)
        records.schedule_interview(s, pid, datetime(2026, 3, 5, 14, 0), "Médiathèque",
                                   "Mme la maire, la directrice", "", TODAY)
        workflow.validate(s, pid, TODAY, _contract())
    with db.session() as s:
        assert api.latest_candidate_validation_date(s) == TODAY
        p = s.get(Profile, pid)
        assert p.salary_gross == Decimal("1802.50") and p.contract_type == "cdd"
        workflow.record_signature(s, pid, TODAY, date(2026, 3, 10))
    with db.session() as s:
        assert api.latest_candidate_validation_date(s) is None
        workflow.confirm_recruitment(s, pid, TODAY)
        records.add_training(s, pid, date(2026, 3, 23), date(2026, 3, 27), "Hub numérique",
                             "Dijon", TODAY)
    with db.session() as s:
        periods = api.training_periods(s, date(2026, 3, 1), date(2026, 3, 31))
        assert [(p.start, p.end) for p in periods] == [(date(2026, 3, 23), date(2026, 3, 27))]
        with pytest.raises(FormError) as err:
            workflow.rupture(s, pid, TODAY, None, "")
        assert set(err.value.errors) == {"date", "reason"}
        workflow.rupture(s, pid, TODAY, date(2026, 9, 30), "demission")
    assert _status(db, pid) == "rupture"
    with db.session() as s:
        assert api.training_periods(s, date(2026, 3, 1), date(2026, 3, 31)) == []
        events = [e.label for e in records.get_detail(s, pid).events]
    assert events[-1] == "Rupture notifiée" and "Candidature validée" in events


def test_quota_refusal_with_programme_message(db: Database) -> None:
    _request(db, 1)
    first, second = _profile(db), _profile(db, "zoe.roux@exemple.fr")
    with db.session() as s:
        workflow.validate(s, first, TODAY, _contract())
    with db.session() as s, pytest.raises(QuotaError) as err:
        workflow.validate(s, second, TODAY, _contract())
    assert str(err.value) == (
        "Action non autorisée : quota atteint de conseillers validés par rapport au nombre "
        "de postes attribués. 1 candidat(s) pour 1 poste(s) attribué(s) : Camille Martin "
        "(candidature validée). Pour valider ce candidat, annulez d'abord l'un de ces "
        "recrutements (« Annuler le recrutement ») ou, si son contrat a pris fin, notifiez sa "
        "« Rupture ».")
    assert _status(db, second) == "nouvelle"
    with db.session() as s:
        workflow.cancel_validation(s, first, TODAY)
        workflow.validate(s, second, TODAY, _contract())
    assert _status(db, second) == "validee"


def test_no_validated_request_means_no_post(db: Database) -> None:
    pid = _profile(db)
    with db.session() as s, pytest.raises(QuotaError) as err:
        workflow.validate(s, pid, TODAY, _contract())
    assert str(err.value).endswith(
        "postes attribués. Aucun poste n'est attribué : aucune demande de recrutement n'est "
        "« Validée » (onglet « Demande de recrutement »).")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": date(2026, 3, 1)}, "end", "doit être postérieure à la date de début"),
        ({"end": None}, "end", "« CDD » a une date de fin"),
        ({"salary": "-10"}, "salary", "supérieur à zéro"),
        ({"salary": "beaucoup"}, "salary", "n'est pas un montant"),
        ({"salary": ""}, "salary", "Indiquez le salaire brut mensuel"),
        ({"contract_type": "cdi"}, "end", "Un CDI n'a pas de date de fin"),
        ({"recruitment_date": None}, "recruitment_date", "date de recrutement"),
        ({"contract_type": ""}, "contract_type", "type de contrat"),
    ],
)
def test_contract_checks(db: Database, changes: dict, field: str, message: str) -> None:
    errors, _ = workflow.check_contract(_contract(**changes))
    assert message in errors[field]


def test_cdi_and_titulaire_accepted() -> None:
    assert workflow.check_contract(_contract(contract_type="cdi", end=None))[0] == {}
    errors, salary = workflow.check_contract(
        _contract(contract_type="titulaire", end=None, salary=""))
    assert errors == {} and salary is None


def test_profile_form_checks_and_duplicate_email(db: Database) -> None:
    _profile(db)
    with db.session() as s:
        errors = records.check_profile(s, records.ProfileInput(
            last_name="", first_name="Jean", email="CAMILLE.martin@exemple.fr",
            phone="12", postal_code="5812"))
    assert "last_name" in errors and "existe déjà" in errors["email"]
    assert "phone" in errors and "5 chiffres" in errors["postal_code"]


def test_cv_attached_copied_and_checked(db: Database, tmp_path: Path) -> None:
    pid = _profile(db)
    pdf = tmp_path / "CV Camille.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% fake\n")
    with db.session() as s:
        target = records.attach_cv(s, pid, pdf, TODAY)
    assert target.read_bytes() == pdf.read_bytes() and target.parent.name == "cv"
    with db.session() as s:
        detail = records.get_detail(s, pid)
        assert records.cv_path(detail.cv_file) == target
    not_pdf = tmp_path / "cv.docx"
    not_pdf.write_bytes(b"PK\x03\x04")
    big = tmp_path / "gros.pdf"
    big.write_bytes(b"%PDF-" + b"0" * (records.CV_MAX_BYTES + 1))
    with db.session() as s:
        with pytest.raises(FormError, match="n'est pas un fichier PDF"):
            records.attach_cv(s, pid, not_pdf, TODAY)
        with pytest.raises(FormError, match="la limite est de 5 Mo"):
            records.attach_cv(s, pid, big, TODAY)


def test_request_more_profiles_pending_until_new_batch(db: Database) -> None:
    from desktop_app.services.profiles.importer import apply_import, read_import_bytes
    from tests.profiles.helpers import platform_csv

    with db.session() as s:
        assert records.pending_request(s) is None
        records.request_more_profiles(s, TODAY, "Merci de privilégier la Nièvre.")
    with db.session() as s:
        when = records.pending_request(s)
        assert records.pending_text(when) == (
            "En attente de nouveaux profils depuis le 2 mars 2026")
        text = records.request_email_text(s, when, "Merci de privilégier la Nièvre.")
        assert "nouveaux profils" in text and "Merci de privilégier la Nièvre." in text
        apply_import(s, read_import_bytes(platform_csv(), "lot.csv", s),
                     received_at=datetime(2026, 3, 9, 10, 0))
    with db.session() as s:
        assert records.pending_request(s) is None


def test_interview_needs_preselection(db: Database) -> None:
    pid = _profile(db)
    with db.session() as s, pytest.raises(workflow.WorkflowError, match="présélectionné"):
        records.schedule_interview(s, pid, datetime(2026, 3, 5, 9), "Mairie", "Maire", "", TODAY)
    with db.session() as s:
        workflow.preselect(s, pid, TODAY)
        with pytest.raises(FormError) as err:
            records.schedule_interview(s, pid, None, "", "", "", TODAY)
        assert set(err.value.errors) == {"start", "place", "panel"}
        records.schedule_interview(s, pid, datetime(2026, 3, 5, 9), "Mairie", "Maire", "", TODAY)
    with db.session() as s:
        upcoming = records.upcoming_interviews(s, datetime(2026, 3, 2, 12))
        assert [i.candidate for i in upcoming] == ["Camille Martin"]
        assert records.upcoming_interviews(s, datetime(2026, 3, 6)) == []
