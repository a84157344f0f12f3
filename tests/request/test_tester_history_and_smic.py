"""The request's history in the order of its steps, and the Smic's date in French."""

from __future__ import annotations

from datetime import date

from desktop_app.services.request import requests, smic
from tests.request.tester_helpers import TODAY, complete_draft, pin


def test_history_follows_the_steps_when_filing_is_dated_before_the_draft(demo_ctx) -> None:  # noqa: ANN001
    """A request filed yesterday on the platform and entered today: « Brouillon » (today)
    came before « Non traitée » (yesterday); the history listed « Brouillon » as the latest
    step, in « Suivi » and in the recapitulative."""
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        requests.file_request(s, draft_id, filed_on=date(2026, 12, 2), platform_number="CN-1",
                              note="", today=TODAY)
        requests.change_status(s, draft_id, "validee", changed_on=TODAY, committee="COSELEC 12",
                               posts_granted=1, today=TODAY)
        data = requests.get_request(s, draft_id)
    assert [h.status for h in data.history] == ["brouillon", "non_traitee", "validee"]


def test_the_smic_label_writes_the_first_of_the_month_in_french() -> None:
    def label(day: date) -> str:
        return smic.SmicValue(day, smic.OFFICIAL[-1][2]).label.replace("\u00a0", " ")

    assert label(date(2026, 1, 1)).endswith("brut par mois depuis le 1er janvier 2026")
    assert label(date(2026, 3, 12)).endswith("depuis le 12 mars 2026")


def test_what_filing_needs_names_the_contact_s_fields_apart(demo_ctx) -> None:  # noqa: ANN001
    """« Nom : « Nom » est obligatoire. », read under the form, did not say which name."""
    from dataclasses import replace

    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = replace(requests.get_request(s, draft_id), contact_last_name="",
                       contact_first_name="")
        missing = requests.missing_for_filing(data, requests.get_structure(s), TODAY)
    assert "Nom (contact) : « Nom » est obligatoire." in missing
    assert "Prénom (contact) : « Prénom » est obligatoire." in missing
