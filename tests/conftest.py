"""Shared fixtures: the project, a scratch project to put bad entries in, the built site, a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def loaded():
    from generator.catalog import project

    return project.load(ROOT)


@pytest.fixture(scope="session")
def catalog(loaded):
    return loaded.catalog


@pytest.fixture(scope="session")
def taxonomy(catalog):
    return catalog.taxonomy


class ScratchProject:
    """A copy of the project's data and theme in a temporary folder, with entries a test writes."""

    def __init__(self, path: Path, with_samples: bool):
        self.root = path
        for name in ("taxonomy.yml", "mkdocs.yml"):
            shutil.copy(ROOT / name, path / name)
        for name in ("overrides", "content"):
            shutil.copytree(ROOT / name, path / name)
        if with_samples:
            shutil.copytree(ROOT / "initiatives", path / "initiatives")
        else:
            (path / "initiatives").mkdir()

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")
        return target

    def check(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(self.root), "check", *args],
                              capture_output=True, text=True, cwd=self.root)

    def build(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], capture_output=True, text=True, cwd=self.root)


@pytest.fixture
def scratch(tmp_path) -> ScratchProject:
    """An empty project (taxonomy, theme, hand-written pages; no entries)."""
    return ScratchProject(tmp_path, with_samples=False)


@pytest.fixture
def scratch_with_samples(tmp_path) -> ScratchProject:
    return ScratchProject(tmp_path, with_samples=True)


VALID_ENTRY = """---
title: "Máy sấy cà phê tận dụng nhiệt"
type: sang-che
area: 2
unit: ea-po
year: 2022
summary: "Nông dân tự chế máy sấy cà phê dùng nhiệt từ lò đốt vỏ, giảm chi phí và giữ chất lượng hạt."
status: ap-dung
---

## Thực trạng

Mỗi mùa thu hoạch, các hộ trồng cà phê ở xã Ea Pô phơi cà phê trên sân đất, gặp mưa thì hạt bị mốc.
Chi phí thuê máy sấy cao, nhiều hộ phải bán cà phê tươi với giá thấp.

## Giải pháp

Tận dụng vỏ cà phê làm chất đốt, dẫn khí nóng qua ống trao đổi nhiệt vào buồng sấy có quạt đảo.
"""


@pytest.fixture(scope="session")
def valid_entry_text() -> str:
    return VALID_ENTRY


# --- the built site, once per session ------------------------------------------------------------
@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real sample site, built with the real command (`mkdocs build --strict`)."""
    out = tmp_path_factory.mktemp("site") / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_dir(path: Path) -> tuple[str, socketserver.TCPServer]:
    handler = functools.partial(_QuietHandler, directory=str(path))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/", httpd


@pytest.fixture(scope="session")
def site_url(built_site):
    url, httpd = serve_dir(built_site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class PageSession:
    """A browser tab that records every request, so a test can assert nothing leaves the site."""

    def __init__(self, browser, base: str, width: int = 1280, height: int = 900):
        self.base = base
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str = ""):
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.base) or u.startswith("data:") or u.startswith("blob:"))]

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, site_url):
    session = PageSession(browser, site_url)
    yield session
    session.close()


@pytest.fixture
def phone(browser, site_url):
    session = PageSession(browser, site_url, width=360, height=740)
    yield session
    session.close()


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames or "tab" in item.fixturenames or "phone" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
