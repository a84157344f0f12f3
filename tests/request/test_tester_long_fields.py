"""300-character fields: the request refused them, at the field, where the engagement would no
longer fit the one page the mayor signs (the signature went to a second page, its sentence
ending « … [texte coupé] »)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from desktop_app.documents.request.engagement import build_engagement
from desktop_app.services.request import requests
from tests.request.tester_helpers import TODAY, complete_draft, pin


def _long(text: str, size: int) -> str:
    return (text * 40)[:size].strip()


def test_too_long_names_are_refused_at_their_field(demo_ctx) -> None:  # noqa: ANN001
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
    long = replace(
        data,
        signatory_name=_long("Marie-Thérèse d'Hautefeuille-Lœvenbruck ", 300),
        signatory_title=_long("Présidente déléguée à l'inclusion numérique ", 300),
        signature_place=_long("Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson ", 300),
        contact_function=_long("Secrétaire de mairie, agente d'accueil ", 300),
    )
    errors = requests.check_request_fields(long, TODAY)
    for key in ("signatory_name", "signatory_title", "signature_place", "contact_function"):
        assert "caractères, pour" in errors[key], key
    assert "raccourcissez" in errors["signature_place"]
    with ctx.db.session() as s:
        missing = requests.missing_for_filing(long, requests.get_structure(s), TODAY)
    assert any(m.startswith("Lieu de signature :") for m in missing)


def test_the_longest_accepted_values_keep_the_engagement_on_one_page(demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001, E501
    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
        structure = requests.get_structure(s)
    structure = replace(
        structure,
        name=_long("Communauté de communes des Vallées de l'Aubrac et du Haut-Morvan ", 200),
        address=_long("Hôtel communautaire, 12 bis rue de l'Abbé-Grégoire ", 300),
    )
    longest = replace(
        data,
        signatory_name=_long("Marie-Thérèse d'Hautefeuille-Lœvenbruck ", 200),
        signatory_title=_long("Présidente déléguée à l'inclusion numérique ", 200),
        signature_place=_long("Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson ", 100),
    )
    assert requests.check_request_fields(longest, TODAY) == {}
    out = tmp_path / "engagement.pdf"
    build_engagement(out, longest, structure, TODAY)
    assert len(PdfReader(out).pages) == 1
    assert "[texte coupé]" not in PdfReader(out).pages[0].extract_text()


def test_the_recap_prints_the_longest_accepted_values_whole(demo_ctx, tmp_path: Path) -> None:  # noqa: ANN001
    """The candidate's name and e-mail shared one cell, cut past 300 characters."""
    from desktop_app.services.request import printing

    ctx = pin(demo_ctx)
    draft_id = complete_draft(ctx)
    with ctx.db.session() as s:
        data = requests.get_request(s, draft_id)
        requests.save_draft(s, replace(
            data, candidate_identified=True,
            candidate_name=_long("Jean-Baptiste Lefèvre-Hœnnighausen ", 200),
            candidate_email=("jean-baptiste.lefevre-hoennighausen.mediateur-numerique"
                             "@communaute-de-communes-des-vallees-de-l-aubrac.fr"),
            contact_function=_long("Secrétaire de mairie, agente d'accueil ", 200),
        ))
        assert requests.check_request_fields(requests.get_request(s, draft_id), TODAY) == {}
    out = tmp_path / "recap.pdf"
    printing.write(ctx.db, printing.RECAP, out, TODAY, draft_id)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "[texte coupé]" not in text
    assert "numerique@communaute-de-communes-des-vallees-de-l-aubrac.fr" in "".join(text.split())


def test_a_structure_name_too_long_for_the_settings_is_said_at_the_field(qtbot, demo_ctx) -> None:  # noqa: ANN001, E501
    """300 characters typed in « Nom de la structure »: the settings refused them silently
    (their limit is 200), the form said « Enregistré automatiquement » and the old name came
    back at the next opening."""
    from PySide6.QtCore import Qt

    from tests.request.keyboard import press
    from tests.request.tester_helpers import shown_tab
    from tests.typing_helpers import type_text

    ctx = pin(demo_ctx)
    complete_draft(ctx)
    tab = shown_tab(qtbot, ctx)
    tab.form.name.setFocus()
    tab.form.name.selectAll()
    type_text(qtbot, tab.form.name, _long("Communauté de communes des Vallées de l'Aubrac ", 300))
    press(qtbot, Qt.Key.Key_Tab)
    assert "pour 200 au plus" in tab.form.fields["name"].error.text()
    assert any(m.startswith("Nom de la structure :") for m in tab._missing), tab._missing


def test_a_long_value_shows_its_beginning_when_the_request_opens(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """A mayor's name of 120 characters showed its last words only (« …Saint-Exupéry
    d'Hautpoulé »): the fields were filled with their cursor at the end."""
    from dataclasses import replace as _replace

    from desktop_app.views.request_tab import RequestTab

    name = ("Marie-Bernadette-Geneviève de La Rochefoucauld-Montmorency-Lévis-Mirepoix "
            "épouse Châteaubriand-Saint-Exupéry d'Hautpoulé")
    tab = RequestTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    data, structure = tab.form.values()
    tab.form.set_values(_replace(data, signatory_name=name), structure, editable=False)
    assert tab.form.signatory_name.text() == name
    assert tab.form.signatory_name.cursorPosition() == 0
