"""Python's cyclic garbage collector, paused while the window starts.

Start-up makes a few hundred thousand objects that live as long as the program (modules, the
models, the first tab). The collector walks them again and again while they are being made:
about 250 collections, some 5 % of the start-up's CPU on the demo base, to find fewer than a
hundred objects of garbage. So the graphical start pauses it from its first import until
something becomes interactive (the splash is dismissed: a dialog, or the main window shown),
then collects once and resumes. Commands of the command line never pause it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collections until ``resume()`` (nothing happens if they are off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect what the start-up left and turn automatic collections back on; nothing happens
    unless ``pause()`` turned them off."""
    global _paused
    if _paused:
        _paused = False
        gc.collect()
        gc.enable()
