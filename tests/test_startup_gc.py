"""The collector paused for the graphical start-up comes back, and only what paused it is
undone."""

import gc

import pytest

from desktop_app import startup_gc


@pytest.fixture(autouse=True)
def _collector_on():
    yield
    startup_gc.resume()
    gc.enable()


def test_pause_then_resume_turns_collection_back_on() -> None:
    startup_gc.pause()
    assert not gc.isenabled()
    startup_gc.resume()
    assert gc.isenabled()


def test_resume_leaves_alone_a_collector_it_did_not_pause() -> None:
    gc.disable()  # switched off by someone else (a test, an embedding program)
    startup_gc.pause()
    startup_gc.resume()
    assert not gc.isenabled()


def test_dismissing_the_splash_resumes_collection(qapp) -> None:
    from desktop_app.views import splash

    startup_gc.pause()
    splash.dismiss()  # also when no splash is shown: a dialog is about to be asked
    assert gc.isenabled()


def test_tabs_are_frozen_only_once_the_application_froze(monkeypatch) -> None:  # noqa: ANN001
    """``freeze_more`` (called when a tab is built) does nothing in tests and commands; after
    ``freeze_long_lived`` (the window shown) it freezes what was built since."""
    import gc

    from desktop_app import startup_gc

    monkeypatch.setattr(startup_gc, "_freezing", False)
    before = gc.get_freeze_count()
    try:
        startup_gc.freeze_more()
        assert gc.get_freeze_count() == before
        startup_gc.freeze_long_lived()
        frozen = gc.get_freeze_count()
        assert frozen > before
        built = [[object()] for _ in range(1000)]  # what a tab builds
        startup_gc.freeze_more()
        assert gc.get_freeze_count() >= frozen + len(built)
    finally:
        gc.unfreeze()
        monkeypatch.setattr(startup_gc, "_freezing", False)
