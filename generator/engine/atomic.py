"""Put a finished build in place of the old one in one step, so readers never see half a site."""

from __future__ import annotations

import os
import shutil
import tempfile


def swap_into_place(built: str, target: str) -> None:
    """Replace `target` by the directory `built`; on any failure the old `target` stays as it was."""
    target = os.path.abspath(target)
    if not os.path.exists(target):
        os.replace(built, target)
        return
    parent = os.path.dirname(target)
    old = tempfile.mkdtemp(prefix=".site-old-", dir=parent)
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(built, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
