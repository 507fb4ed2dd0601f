"""Run the Pagefind indexer over a built site (the pagefind wheel ships its binary: nothing is downloaded)."""

from __future__ import annotations

import subprocess
import sys


class SearchIndexError(RuntimeError):
    pass


def run(site_dir: str) -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", site_dir, "--output-subdir", "pagefind", "--silent"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SearchIndexError((proc.stderr or proc.stdout).strip() or f"pagefind exited with {proc.returncode}")
