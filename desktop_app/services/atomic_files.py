"""Every file the application writes appears complete under its final name, or not at all.

A power cut, a full disk or a killed process in the middle of writing a PDF, a CSV, a calendar or
a backup must never leave a truncated file under the name the user will open (or, worse, over the
previous good copy). The one way to write an output is therefore::

    from desktop_app.services.atomic_files import atomic_path

    with atomic_path(target) as tmp:
        write_the_file(tmp)          # any writer that takes a path: ReportLab, csv, sqlite3…
    # here ``target`` holds the complete file, flushed to disk

or, for code that writes through a file object::

    with atomic_open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write(...)

How it works:
- the temporary file sits in the same folder as the target (a rename across folders or disks is
  not atomic), named ``.<name>.partiel-<random>`` so it is hidden on Linux and never mistaken for
  a finished file (``PARTIAL_GLOB`` finds leftovers);
- when the block ends without an error, the temporary file's data is flushed (``fsync``), it is
  renamed over the target with ``os.replace`` (atomic on POSIX and Windows), and the folder entry
  is flushed too on POSIX, so that the rename itself survives a power cut;
- on any error (including ``KeyboardInterrupt``) the temporary file is deleted and the error is
  raised again unchanged; the target, if it existed, is left exactly as it was.
If the writer did not create the temporary file at all, ``AtomicWriteError`` is raised and the
target is untouched.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

PARTIAL_MARK = ".partiel"
PARTIAL_GLOB = f".*{PARTIAL_MARK}*"


class AtomicWriteError(OSError):
    """The writer finished without producing the temporary file."""


def temporary_sibling(target: Path) -> Path:
    """A fresh temporary name beside ``target`` (same folder, so the final rename is atomic)."""
    return target.with_name(f".{target.name}{PARTIAL_MARK}-{secrets.token_hex(4)}")


def fsync_file(path: Path) -> None:
    """Flush a closed file's data to the disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder entry (a rename) to the disk; Windows has no such call, NTFS journals it."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems (network shares) refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """``os.replace`` after flushing ``source``, then flush the folder: the rename survives a
    power cut and never exposes a file whose data is not on the disk yet."""
    fsync_file(source)
    os.replace(source, target)
    fsync_folder(target.parent)


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it becomes ``target``, durably.

    On any failure inside the block (or while flushing and renaming), the temporary file is
    removed and the exception propagates; ``target`` keeps its previous content, if any.
    """
    target = Path(target)
    if is_temporary(target):
        # already the temporary file of an enclosing atomic write (a document written through
        # the toolkit's ``write_file``): that write flushes and renames it
        yield target
        return
    tmp = temporary_sibling(target)
    try:
        yield tmp
        if not tmp.exists():
            raise AtomicWriteError(f"Le fichier « {target.name} » n'a pas été écrit.")
        replace_durably(tmp, target)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (str(tmp), tmp):
            exc.filename = str(target)  # the message names the file asked for, not ours
        raise


def is_temporary(path: Path) -> bool:
    """True for a name ``temporary_sibling`` makes."""
    return path.name.startswith(".") and f"{PARTIAL_MARK}-" in path.name


@contextmanager
def atomic_open(target: Path | str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open()`` for writing through ``atomic_path``: the file object writes the temporary file,
    which becomes ``target`` when the block ends without an error."""
    if not mode.startswith(("w", "x")):
        raise ValueError("atomic_open only writes new files")
    with atomic_path(target) as tmp, open(tmp, mode.replace("x", "w"), **kwargs) as fh:
        yield fh


def remove_leftovers(folder: Path, older_than_s: float = 15 * 60) -> list[Path]:
    """Delete temporary files of writes that were interrupted (a killed process, a power cut).

    Only files older than ``older_than_s`` go, so that a write in progress in another process
    (the command line making a backup while the application runs) is not pulled from under it.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    limit = time.time() - older_than_s
    for path in folder.glob(PARTIAL_GLOB):
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
