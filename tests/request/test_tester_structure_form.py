"""« Paramètres de la structure » and the first-start assistant: the list of the communes of a
postal code says what to do with it."""

from __future__ import annotations

from desktop_app.views.structure_form import StructureForm


def test_the_settings_say_how_many_communes_share_the_postal_code(qtbot) -> None:  # noqa: ANN001
    """51290 has 23 communes: the choice was an empty box, with nothing saying to choose."""
    form = StructureForm()
    qtbot.addWidget(form)
    form.postal_code.setText("51290")
    assert form.commune_choice.isEnabled() and form.commune_choice.currentIndex() == -1
    assert form.commune_choice.placeholderText() == "23 communes : choisissez la vôtre"
    form.postal_code.setText("5129")
    assert form.commune_choice.placeholderText() == "Tapez le code postal"
    form.postal_code.setText("58180")  # one commune: chosen at once
    assert form.commune.text() == "Marzy"
