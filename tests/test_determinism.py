"""Same input, same bytes: the sample site built twice, in two folders, under different clocks and hash seeds."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ScratchProject


def _build(root: Path, tz: str, seed: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(TZ=tz, PYTHONHASHSEED=seed, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "site"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    first = ScratchProject(tmp_path_factory.mktemp("build-a"), with_samples=True)
    elsewhere = tmp_path_factory.mktemp("build-b") / "a folder" / "nested deeper"  # paths must not leak in
    elsewhere.mkdir(parents=True)
    second = ScratchProject(elsewhere, with_samples=True)
    # Opposite sides of the date line, and different hash seeds: a clock or a set order would show.
    return (_tree(_build(first.root, "Pacific/Kiritimati", "1")),
            _tree(_build(second.root, "America/Adak", "2")))


def test_two_builds_are_byte_identical(two_builds):
    a, b = two_builds
    assert len(a) > 300
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    different = [name for name in a if a[name] != b[name]]
    assert not different, different[:20]


def test_no_file_carries_the_build_date(two_builds, catalog):
    a, _ = two_builds
    entry_dates = {r.entry.applied_since for r in catalog.records if r.entry.applied_since}
    today = dt.date.today()
    if today in entry_dates or (today - dt.timedelta(days=1)) in entry_dates:
        pytest.skip("an entry carries today's date")
    stamps = [today.isoformat(), (today - dt.timedelta(days=1)).isoformat(), f"{today.day}/{today.month}/{today.year}"]
    carrying = [name for name, data in a.items() if not name.endswith((".png", ".gz", ".xlsx"))
                and any(s.encode() in data for s in stamps)]
    assert not carrying, carrying[:20]


def test_the_sitemap_is_dated_by_the_newest_entry(two_builds, catalog):
    a, _ = two_builds
    newest = max(r.entry.added or r.entry.applied_since or dt.date(r.entry.year, 1, 1) for r in catalog.records)
    dates = set(re.findall(rb"<lastmod>([^<]+)</lastmod>", a["sitemap.xml"]))
    assert dates == {newest.isoformat().encode()}
