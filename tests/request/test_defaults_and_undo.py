"""What the request tab proposes and asks: the next post's number, a convention's start, the
question before « Annuler les modifications », the documents box reached with Alt+X, and the
« * obligatoire » of the form."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from desktop_app.models.request import RecruitmentRequest
from desktop_app.services.request import posts, requests
from desktop_app.views.accessibility import mnemonic_clashes, mnemonic_of
from desktop_app.views.common.forms import REQUIRED_NOTE
from desktop_app.views.request_tab import RequestTab
from tests.request.keyboard import alt, is_on

DAY = date(2026, 3, 2)


@pytest.fixture
def pinned(ctx):  # noqa: ANN001, ANN201
    ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    return ctx


def _tab(qtbot, ctx) -> RequestTab:  # noqa: ANN001
    tab = RequestTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    return tab


def _post(ctx, name: str) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return posts.save_post(s, None, posts.PostInput(name, Decimal("0"), Decimal("42")), DAY)


def test_next_post_number_skips_the_numbers_taken() -> None:
    assert posts.next_post_number([]) == 1
    assert posts.next_post_number(["Poste 1", "Poste 2"]) == 3
    assert posts.next_post_number(["Poste 1 — médiathèque", "Poste 3 — annexe"]) == 4
    assert posts.next_post_number(["Médiathèque", "poste n° 2"]) == 3


def test_a_new_post_proposes_the_next_free_number(qtbot, pinned) -> None:  # noqa: ANN001
    tab = _tab(qtbot, pinned)
    dialog = tab.post_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.label.placeholderText() == "Poste 1 — médiathèque"
    _post(pinned, "Poste 1 — médiathèque")
    _post(pinned, "Poste 2 — espace numérique")
    dialog = tab.post_dialog(None)
    qtbot.addWidget(dialog)
    assert dialog.label.placeholderText() == "Poste 3 — médiathèque"


def test_a_new_convention_starts_on_the_decision_else_today(qtbot, pinned) -> None:  # noqa: ANN001
    tab = _tab(qtbot, pinned)
    loose = _post(pinned, "Poste 1")
    dialog = tab.convention_dialog(loose, None)
    qtbot.addWidget(dialog)
    assert dialog.start.value() == DAY  # nothing decided yet: the context's day
    decided = date(2025, 11, 14)
    with pinned.db.session() as s:
        request = requests.new_request(s, date(2025, 9, 1))
        row = s.get(RecruitmentRequest, request.id)
        row.status, row.decision_on = "validee", decided
        s.flush()
        posts.posts_for_request(s, request.id, 1)
        granted = max(p.id for p in posts.list_posts(s))
    for post_id in (granted, loose):  # its own request; a post added by hand: the latest one
        dialog = tab.convention_dialog(post_id, None)
        qtbot.addWidget(dialog)
        assert dialog.start.value() == decided
    dialog.accept()  # saved as proposed
    with pinned.db.session() as s:
        (first,) = posts.get_post(s, loose).conventions
    dialog = tab.convention_dialog(loose, None)  # a renewal follows the convention it renews
    qtbot.addWidget(dialog)
    assert dialog.start.value() == first.end_date + timedelta(days=1)


def test_undo_asks_first_and_names_the_fields(qtbot, demo_ctx, monkeypatch) -> None:  # noqa: ANN001
    demo_ctx.clock = lambda: datetime(2026, 3, 2, 9, 0)
    with demo_ctx.db.session() as s:
        requests.new_request(s, DAY)
    tab = _tab(qtbot, demo_ctx)
    asked: list[tuple[str, str, list[str], dict]] = []
    answer = [False]

    def ask(_parent, title: str, summary: str, details: list[str], **kw) -> bool:  # noqa: ANN001, ANN003
        asked.append((title, summary, details, kw))
        return answer[0]

    monkeypatch.setattr("desktop_app.views.request_tab.ask_with_details", ask)
    form = tab.form
    function, wanted = form.contact_function.text(), form.posts_wanted.value()
    form.contact_function.setText("Adjointe à la culture et au numérique")
    form.signature_place.setText("Château-Chinon (Ville)")
    form.posts_wanted.setValue(3)
    tab.undo_changes()
    (title, summary, details, kw) = asked[0]
    assert title == "Annuler les modifications"
    assert summary.startswith("3 champs reviendront à leur valeur de l'ouverture de la demande")
    for label in ("Nombre de conseillers souhaités", "Votre fonction", "Lieu de signature"):
        assert label in summary
    assert details == []  # three lines: all in the summary
    assert kw["no"] == "&Garder la saisie"
    assert form.posts_wanted.value() == 3  # answered no: nothing went back
    answer[0] = True
    form.contact_phone.setText("03 86 12 34 56")
    tab.undo_changes()
    assert asked[1][1].startswith("4 champs")
    assert (form.posts_wanted.value(), form.contact_function.text()) == (wanted, function)


def test_changed_fields_come_in_the_forms_order() -> None:
    back_to = requests.FormState(requests.RequestData(id=1))
    now = requests.FormState(
        requests.RequestData(
            id=1,
            posts_wanted=2,
            motivation="x",
            contact_email="a@b.fr",
            contact_phone="0386",
            signature_place="Ici",
            signatory_name="Y",
        ),
        requests.StructureInfo(name="Commune", signatory_civility="madame"),
    )
    changed = requests.changed_fields(now, back_to)
    assert changed == [
        "Nom de la structure",
        "Nombre de conseillers souhaités",
        "Votre motivation",
        "E-mail",
        "Téléphone",
        "Civilité du signataire",
        "Nom du signataire",
        "Lieu de signature",
    ]


def test_alt_x_reaches_the_documents_and_clashes_with_nothing(qtbot, demo_ctx) -> None:  # noqa: ANN001
    from desktop_app.views.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.backup_timer.stop()
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab = window.tabs.currentWidget().content
    first_preview = next(iter(tab.pdf_buttons.values()))[0]
    for page in range(tab.sub_tabs.count()):
        tab.sub_tabs.setCurrentIndex(page)
        window.menuBar().setFocus()
        tab.request_list.setFocus()
        alt(qtbot, "x")
        assert is_on(first_preview), f"Alt+X, page {page}"
        assert mnemonic_clashes(window) == []
        # the checker counts no plain group box: the letter X is nowhere else on the screen
        others = [
            w.text()
            for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)
            if w.isVisibleTo(window)
            and mnemonic_of(w.text()) == "x"
            and (not isinstance(w, QLabel) or w.buddy() is not None)
        ] + [a.text() for a in window.menuBar().actions() if mnemonic_of(a.text()) == "x"]
        assert others == [], others
    qtbot.keyClick(first_preview, Qt.Key.Key_Tab)
    assert is_on(next(iter(tab.pdf_buttons.values()))[1])  # « Enregistrer le PDF… » next


def test_the_form_explains_its_mark_once(qtbot, pinned) -> None:  # noqa: ANN001
    tab = _tab(qtbot, pinned)
    notes = [w for w in tab.form.findChildren(QLabel) if w.text() == REQUIRED_NOTE]
    assert len(notes) == 1
    label = tab.form.fields["siret"].parentWidget().layout().labelForField(tab.form.fields["siret"])
    assert label.text() == "&SIRET *"
    assert label.accessibleName() == "SIRET (obligatoire)"
