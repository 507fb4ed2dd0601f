"""A build that fails, or is killed, leaves the published site/ exactly as it was; a good one replaces it whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ScratchProject
from test_check_messages import entry


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site-building-", ".site-old-", ".site-spool-")))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[ScratchProject, dict]:
    project = ScratchProject(tmp_path_factory.mktemp("atomic"), with_samples=True)
    proc = project.build()
    assert proc.returncode == 0, proc.stderr[-2000:]
    return project, _snapshot(project.root / "site")


def _failed_build(project, before, rel: str, text: str, *args: str, saying: str) -> None:
    """A build with `text` at `rel` fails with `saying` and leaves the published site and no leftovers."""
    added = project.write(rel, text)
    try:
        proc = project.build(*args)
    finally:
        added.unlink()
    assert proc.returncode != 0
    assert saying in proc.stderr
    assert _snapshot(project.root / "site") == before
    assert _leftovers(project.root) == []


def test_an_invalid_entry_leaves_the_previous_site(published):
    project, before = published
    _failed_build(project, before, "initiatives/2022/muc-loi.md", entry(unit="khong-co"),
                  saying="Không dựng trang vì có 1 lỗi")


def test_a_strict_warning_leaves_the_previous_site(published):
    project, before = published
    _failed_build(project, before, "content/trang-thu.md",
                  "# Trang thử\n\n[Liên kết hỏng](khong-co-trang-nay.md)\n", "--strict", saying="khong-co-trang-nay.md")


def test_a_page_that_takes_a_generated_address_leaves_the_previous_site_and_no_spool(published):
    project, before = published
    _failed_build(project, before, "content/thong-ke/index.md", "# Thống kê của tôi\n",
                  saying="trùng địa chỉ với một trang được tạo tự động")


def test_a_killed_build_leaves_the_previous_site(published):
    project, before = published
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project.root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        # Kill it while it writes pages into its temporary folder.
        while time.monotonic() < deadline and not any(
                (d / "sang-kien").exists() for d in project.root.glob(".site-building-*")):
            time.sleep(0.02)
        assert proc.poll() is None, "the build finished before it could be interrupted"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert _snapshot(project.root / "site") == before
    assert _leftovers(project.root)  # what a killed process leaves; never served…
    proc = project.build()  # …and removed by the next build, which changes nothing else
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _leftovers(project.root) == []
    assert {k: v[0] for k, v in _snapshot(project.root / "site").items()} == {k: v[0] for k, v in before.items()}


def test_a_good_build_replaces_the_site_in_one_piece(published):
    project, before = published
    new = project.write("initiatives/2022/muc-moi-them.md", entry(title='"Mục mới thêm để thử việc thay trang"'))
    try:
        proc = project.build()
    finally:
        new.unlink()
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = _snapshot(project.root / "site")
    assert "sang-kien/muc-moi-them/index.html" in after and "sang-kien/muc-moi-them/index.html" not in before
    assert _leftovers(project.root) == []


def test_files_made_before_rendering_are_moved_into_the_site_and_none_is_left_beside_it(published):
    """The API, reports and search files are written once, to a spool beside the site, then moved into it."""
    project, before = published
    assert any(k.startswith("api/") for k in before)
    reports = [k for k in before if k.startswith("bao-cao/") and k.endswith(".xlsx")]
    assert reports
    proc = project.build()
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = _snapshot(project.root / "site")
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert not list(project.root.glob(".site-spool-*"))
