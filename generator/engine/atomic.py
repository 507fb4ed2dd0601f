"""Put a finished build in place of the old one in one step, so readers never see half a site or none.

The published folder (`site/`) is a symbolic link to a complete build beside it (`.site-published-…/`). A new
build is written into `.site-building-…/`, renamed `.site-published-…/`, and a new link to it replaces
`site` with one `os.replace`, which is atomic: at every instant `site` is the old site or the new one. Only
then is the old build removed. A build interrupted at any point leaves `site` as it was; whatever it left
beside it (`.site-building-…`, `.site-published-…` not linked, `.site-link-…`, `.site-old-…`, `.site-spool-…`) is removed by
the next build, which holds the lock (`.site.lock`) so that two builds of one output never overlap:
the second waits for the first.

A `site/` that is still a real folder (from a build before this scheme) is exchanged with the link in one
step by Linux's renameat2(RENAME_EXCHANGE); where that call is missing, it is moved aside first (two renames,
once). GitHub Pages' upload (`tar --dereference --directory site/`) and the preview artifact follow the link.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable

_KINDS = ("building", "published", "link", "old", "spool")


def _names(target: str) -> tuple[str, str]:
    target = os.path.abspath(target)
    return os.path.dirname(target), os.path.basename(target)


def prefix(target: str, kind: str) -> str:
    assert kind in _KINDS
    return f".{_names(target)[1]}-{kind}-"


def _new_dir(target: str, kind: str) -> str:
    parent, _ = _names(target)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(prefix=prefix(target, kind), dir=parent)


def building_dir(target: str) -> str:
    """A new, empty folder beside `target` to build into."""
    path = _new_dir(target, "building")
    os.chmod(path, 0o755)  # readable like the folders MkDocs makes inside it (mkdtemp makes it private)
    return path


def spool_dir(target: str) -> str:
    """A new, empty folder beside `target` for the files a build makes before MkDocs renders (engine/spool.py)."""
    return _new_dir(target, "spool")


def _linked(target: str) -> str | None:
    """The build folder `target` links to, if it is one of ours."""
    parent, base = _names(target)
    if not os.path.islink(target):
        return None
    dest = os.readlink(target)
    if os.sep in dest or not dest.startswith(prefix(target, "published")):
        return None
    return os.path.join(parent, dest)


def _remove(path: str) -> None:
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    else:
        shutil.rmtree(path, ignore_errors=True)


def leftovers(target: str) -> list[str]:
    """What interrupted builds of `target` left beside it (never the folder `site` links to)."""
    parent, _ = _names(target)
    live = _linked(target)
    prefixes = tuple(prefix(target, kind) for kind in _KINDS)
    try:
        names = sorted(os.listdir(parent))
    except FileNotFoundError:
        return []
    return [os.path.join(parent, n) for n in names if n.startswith(prefixes) and os.path.join(parent, n) != live]


def remove_leftovers(target: str) -> None:
    """Call with the lock held: no other build of `target` is running, so nothing beside it is in use."""
    for path in leftovers(target):
        _remove(path)


class Lock:
    """The lock of one output (`.site.lock` beside `site`): builds of it take turns. The system releases it
    when the process ends, however it ends, so a killed build never leaves it held."""

    def __init__(self, target: str):
        parent, base = _names(target)
        self.path = os.path.join(parent, f".{base}.lock")
        self.fd: int | None = None

    def acquire(self, waiting: Callable[[], None] | None = None) -> None:
        """Take the lock; if another build holds it, call `waiting()` once and wait for it."""
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: str, b: str) -> bool:
    """Swap the paths `a` and `b` in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), a)


def swap_into_place(built: str, target: str) -> None:
    """Publish the complete build folder `built` as `target`; on any failure `target` stays as it was."""
    parent, base = _names(target)
    target = os.path.join(parent, base)
    token = os.path.basename(built).rsplit("-", 1)[-1]
    published = os.path.join(parent, prefix(target, "published") + token)
    link = os.path.join(parent, prefix(target, "link") + token)
    old = _linked(target)
    os.rename(built, published)
    os.symlink(os.path.basename(published), link)
    if os.path.isdir(target) and not os.path.islink(target):
        # A real folder from an older build: exchanged with the link in one step where the system can.
        if _exchange(link, target):
            _remove(link)  # now the old folder
            return
        os.rename(target, os.path.join(parent, prefix(target, "old") + token))
    os.replace(link, target)  # the one step: `target` is the old site until here, the new one after
    if old is not None:
        _remove(old)


def replace_contents(built: str, target: str) -> None:
    """`mkdocs serve`'s own folder: it removes it as a folder when it stops, so it stays one. The server shows
    no page while a build runs, so two renames are enough there."""
    target = os.path.abspath(target)
    old = tempfile.mkdtemp(prefix=prefix(target, "old"), dir=os.path.dirname(target))
    os.rmdir(old)
    if os.path.exists(target):
        os.replace(target, old)
    os.replace(built, target)
    shutil.rmtree(old, ignore_errors=True)
