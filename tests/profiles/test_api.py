from datetime import date

from desktop_app.models.profiles import Profile, TrainingSession
from desktop_app.services.profiles import api


def test_api(db):
    with db.session() as s:
        assert api.latest_candidate_validation_date(s) is None
        p = Profile(first_name="Éloïse", last_name="Dupont", status="validee", validated_on=date(2026,3,1))
        p.trainings.append(TrainingSession(start_date=date(2026,3,10), end_date=date(2026,3,12), organisation="Hub", place="Nevers"))
        s.add(p)
    with db.session() as s:
        assert api.latest_candidate_validation_date(s) == date(2026,3,1)
        ps = api.training_periods(s, date(2026,3,12), date(2026,3,20))
        assert len(ps)==1 and ps[0].label.startswith("Formation initiale — Éloïse Dupont")
        assert api.training_periods(s, date(2026,3,13), date(2026,3,20)) == []
