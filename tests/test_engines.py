"""The site builds the same with ProperDocs, the maintained fork of MkDocs, as with MkDocs itself."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _differences(cmp: filecmp.dircmp, prefix: str = "") -> list[str]:
    out = [f"{prefix}{n}" for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
    for name, sub in cmp.subdirs.items():
        out += _differences(sub, f"{prefix}{name}/")
    return out


def test_properdocs_builds_the_same_site_byte_for_byte(built_site, tmp_path):
    out = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # shallow=False: compare contents, not only sizes and times.
    cmp = filecmp.dircmp(built_site, out)
    filecmp.clear_cache()
    diffs = _differences(cmp)
    mismatched = [p for p in _all_files(built_site) if not filecmp.cmp(built_site / p, out / p, shallow=False)] \
        if not diffs else diffs
    assert not mismatched, f"ProperDocs and MkDocs differ in: {mismatched[:20]}"
    assert (out / "index.html").is_file()


def _all_files(base: Path) -> list[Path]:
    return [p.relative_to(base) for p in base.rglob("*") if p.is_file()]
