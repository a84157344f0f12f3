"""Python's cyclic garbage collector, paused while the window starts.

Start-up makes a few hundred thousand objects that live as long as the program (modules, the
models, the first tab). The collector walks them again and again while they are being made:
about 250 collections, some 5 % of the start-up's CPU on the demo base, to find fewer than a
hundred objects of garbage. So the graphical start pauses it from its first import until
something becomes interactive (the splash is dismissed: a dialog, or the main window shown),
then collects once and resumes. Commands of the command line never pause it.

Once the window is shown, what start-up built is frozen out of the collector's sight
(``freeze_long_lived``): a full collection then no longer walks it, and no longer lands as a
pause of 30–100 ms in the middle of a reload or a keystroke. Each tab, built on its first
show, lives as long as the window, so what it built is frozen too (``freeze_more``). Freezing
only hides objects from the cyclic collector: anything without a cycle (rows replaced by a
reload) is still freed at once by reference counting. Tests never freeze (``freeze_more``
does nothing until the application froze), so their objects stay collectable.
"""

from __future__ import annotations

import gc

_paused = False
_freezing = False


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


def freeze_long_lived() -> None:
    """What exists now lives as long as the program: out of the collector's passes from now
    on, and so is what later calls to ``freeze_more`` find."""
    global _freezing
    _freezing = True
    gc.freeze()


def freeze_more() -> None:
    """After building something that lives as long as the window (a tab): freeze it too, if
    the application froze its start-up."""
    if _freezing:
        gc.freeze()
