"""The site swap is one step: interrupted at any rename, the previous site is intact and complete; builds of one
output take turns; what interrupted builds leave is removed by the next; a failure of the system is one
Vietnamese line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path
from unittest import mock

import pytest

from conftest import ScratchProject
from generator.engine import atomic


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _a_build(parent: Path, target: Path, marker: str) -> str:
    built = Path(atomic.building_dir(str(target)))
    for i in range(20):
        (built / f"d{i % 4}").mkdir(exist_ok=True)
        (built / f"d{i % 4}" / f"{i}.html").write_text(f"{marker} {i}", encoding="utf-8")
    (built / "index.html").write_text(marker, encoding="utf-8")
    return str(built)


def _published(tmp_path: Path, real_folder: bool) -> tuple[Path, dict]:
    target = tmp_path / "site"
    if real_folder:  # a site/ written by a build from before the link scheme
        target.mkdir(parents=True)
        (target / "index.html").write_text("cũ", encoding="utf-8")
        (target / "d0").mkdir()
        (target / "d0" / "0.html").write_text("cũ 0", encoding="utf-8")
    else:
        atomic.swap_into_place(_a_build(tmp_path, target, "cũ"), str(target))
    return target, _tree(target)


STEPS = ("rename", "replace", "symlink", "_exchange")


def _count_steps(tmp_path, real_folder) -> int:
    target, _ = _published(tmp_path, real_folder)
    built = _a_build(tmp_path, target, "mới")
    calls = []
    originals = {name: getattr(os, name) if name != "_exchange" else atomic._exchange for name in STEPS}
    with mock.patch.multiple(os, **{n: _counting(originals[n], calls) for n in STEPS if n != "_exchange"}), \
            mock.patch.object(atomic, "_exchange", _counting(originals["_exchange"], calls)):
        atomic.swap_into_place(built, str(target))
    return len(calls)


def _counting(original, calls, fail_at=None):
    def step(*args, **kwargs):
        calls.append(original)
        if fail_at is not None and len(calls) == fail_at:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    return step


@pytest.mark.parametrize("real_folder", [False, True], ids=["link", "folder-from-before"])
def test_an_interrupted_swap_leaves_the_previous_site_at_every_step(tmp_path, real_folder):
    steps = _count_steps(tmp_path / "count", real_folder)
    assert steps >= 3
    for n in range(1, steps + 1):
        root = tmp_path / f"at-{n}"
        root.mkdir()
        target, before = _published(root, real_folder)
        built = _a_build(root, target, "mới")
        calls: list = []
        with mock.patch.multiple(os, **{s: _counting(getattr(os, s), calls, n) for s in STEPS if s != "_exchange"}), \
                mock.patch.object(atomic, "_exchange", _counting(atomic._exchange, calls, n)):
            with pytest.raises(KeyboardInterrupt):
                atomic.swap_into_place(built, str(target))
        assert _tree(target) == before, f"interrupted at step {n} of {steps}"
        # The next build (holding the lock) removes what this one left, and publishes whole.
        atomic.remove_leftovers(str(target))
        assert atomic.leftovers(str(target)) == []
        assert _tree(target) == before
        atomic.swap_into_place(_a_build(root, target, "mới"), str(target))
        assert _tree(target)["index.html"] == "mới".encode()
        assert sorted(p.name for p in root.iterdir() if p.name != ".site.lock") == sorted(
            ["site", os.readlink(target)])


def test_the_published_site_is_a_link_that_the_pages_upload_follows(tmp_path):
    """GitHub Pages' upload runs `tar --dereference --hard-dereference --directory site/ … .`."""
    target, before = _published(tmp_path, real_folder=False)
    assert target.is_symlink()
    out = tmp_path / "artifact.tar"
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", f"{target}/", "-cf", str(out),
                    "--exclude=.git", "--exclude=.github", "."], check=True)
    with tarfile.open(out) as tar:
        members = tar.getmembers()
        assert not [m.name for m in members if m.issym() or m.islnk()]
        assert {m.name.removeprefix("./") for m in members if m.isfile()} == set(before)


# --- whole builds --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ScratchProject:
    project = ScratchProject(tmp_path_factory.mktemp("swap"), with_samples=True)
    proc = project.build()
    assert proc.returncode == 0, proc.stderr[-2000:]
    return project


def _leftovers(project) -> list[str]:
    return [os.path.basename(p) for p in atomic.leftovers(str(project.root / "site"))]


def test_two_builds_at_once_both_succeed_one_after_the_other(project):
    procs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results):
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    assert (project.root / "site" / "index.html").is_file()
    assert (project.root / "site" / "sang-kien" / "may-say-ca-phe-lo-dot-vo" / "index.html").is_file()
    assert _leftovers(project) == []


def test_a_build_waits_while_another_holds_the_lock(project):
    lock = atomic.Lock(str(project.root / "site"))
    lock.acquire()
    released = False
    try:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not list(project.root.glob(".site.lock")):
            time.sleep(0.05)
        time.sleep(4)  # long enough to load the entries and reach the lock
        assert proc.poll() is None, "the build did not wait for the lock"
        assert not list(project.root.glob(".site-building-*")), "the build started writing while locked"
        threading.Timer(0, lock.release).start()
        released = True
        _, err = proc.communicate(timeout=300)
    finally:
        if not released:
            lock.release()
    assert proc.returncode == 0, err[-2000:]
    assert "Một lần dựng khác đang ghi vào" in err
    assert _leftovers(project) == []


FAULT = """
import errno, os, sys
from unittest import mock
import mkdocs.utils
from mkdocs.__main__ import cli

kind, where, at = sys.argv[1], sys.argv[2], int(sys.argv[3])
code = {"ENOSPC": errno.ENOSPC, "EACCES": errno.EACCES}[kind]
calls = []

def fail(original):
    def call(*args, **kwargs):
        calls.append(1)
        if len(calls) == at:
            raise OSError(code, os.strerror(code), str(args[-1]))
        return original(*args, **kwargs)
    return call

target = {"pages": (mkdocs.utils, "write_file"), "swap": (os, "symlink"), "start": (os, "chmod")}[where]
with mock.patch.object(target[0], target[1], fail(getattr(*target))):
    cli(["build"])
"""


@pytest.mark.parametrize("kind,where,at,words", [
    ("ENOSPC", "pages", 3, "Hết chỗ trống trên đĩa"),
    ("EACCES", "pages", 3, "Không có quyền ghi"),
    ("EACCES", "swap", 1, "Không có quyền ghi"),
    ("EACCES", "start", 1, "Không có quyền ghi"),
])
def test_a_failing_disk_is_one_vietnamese_line_and_the_site_stays(project, kind, where, at, words):
    before = _tree(project.root / "site")
    proc = subprocess.run([sys.executable, "-c", FAULT, kind, where, str(at)], cwd=project.root, capture_output=True,
                          text=True)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = [ln for ln in proc.stderr.splitlines() if words in ln]
    assert len(errors) == 1 and "trang web cũ" in errors[0] and "vẫn giữ nguyên" in errors[0], proc.stderr[-2000:]
    assert _tree(project.root / "site") == before
    proc = project.build()  # the next build cleans up after it
    assert proc.returncode == 0 and _leftovers(project) == []


def test_ctrl_c_during_a_build_is_one_vietnamese_line_and_the_site_stays(project):
    before = _tree(project.root / "site")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project.root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            (d / "sang-kien").exists() for d in project.root.glob(".site-building-*")):
        time.sleep(0.02)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in err, err[-3000:]
    assert "Đã dừng giữa chừng" in err
    assert _tree(project.root / "site") == before
    assert _leftovers(project) == []  # it removed its own folder on the way out
