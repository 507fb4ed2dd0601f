"""The README's two commands on a machine whose Python refuses system-wide installs (Debian's own, PEP 668)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEBIAN_PYTHON = "/usr/bin/python3"  # `make test` installs Debian's python3 when it is missing


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory) -> Path:
    """The repository's files as a fresh clone has them (tracked and new, not ignored), without its .venv."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    dest = tmp_path_factory.mktemp("fresh") / "repo"
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _make(copy: Path, *targets: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-C", str(copy), *targets, f"PYTHON={DEBIAN_PYTHON}"], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=900)


def test_debian_python_refuses_system_wide_installs():
    # The premise of the next test: this interpreter is externally managed, as on a stock Debian 12.
    proc = subprocess.run([DEBIAN_PYTHON, "-m", "pip", "install", "--dry-run", "--no-deps", "six"],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "externally-managed-environment" in proc.stdout + proc.stderr


def test_make_installs_into_a_project_venv_and_serves_on_an_externally_managed_python(clean_copy):
    install = _make(clean_copy, "install")
    assert install.returncode == 0, install.stdout + install.stderr
    venv_python = clean_copy / ".venv" / "bin" / "python"
    base = subprocess.run([str(venv_python), "-c", "import sys, generator; print(sys.base_prefix, generator.__file__)"],
                          capture_output=True, text=True, check=True, cwd=clean_copy.parent).stdout.split()
    assert base[0] == "/usr", "the venv is made from the Python given, here Debian's"
    assert base[1].startswith(str(clean_copy)), "the project is installed from this copy, not from another clone"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["make", "-C", str(clean_copy), "serve", f"PYTHON={DEBIAN_PYTHON}",
                               f"SERVE_ADDR=127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    try:
        # The address the README gives, and an example from it pasted after that address.
        address = f"http://127.0.0.1:{port}/doan-ket-sang-tao/"
        deadline = time.monotonic() + 180
        page = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                page = urllib.request.urlopen(address, timeout=5).read().decode()
                break
            except OSError:
                time.sleep(1)
        assert page is not None, server.stdout.read() if server.poll() is not None else "no answer in 180 s"
        assert "Đoàn kết sáng tạo" in page
        search = urllib.request.urlopen(address + "tra-cuu/?q=dak%20wil", timeout=10)
        assert search.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
