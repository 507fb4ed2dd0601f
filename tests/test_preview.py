"""`mkdocs serve` in Chromium: the open page reloads by itself when an entry changes, under the site's policy;
a broken entry shows the same messages as `check` in the browser instead of a spinner, and the page comes back
by itself once the file is fixed. The built site's policy is the same as without the preview."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from generator.common import urls
from generator.engine import preview
from test_check_messages import entry

START = time.time()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_reload_script_is_mkdocs_own_reading_its_numbers_from_the_tag():
    from mkdocs import livereload

    script = preview.reload_script(livereload._SCRIPT_TEMPLATE_STR).decode("utf-8")
    assert "${" not in script and "document.currentScript" in script
    assert script.startswith(livereload._SCRIPT_TEMPLATE_STR.split("livereload(${epoch}")[0])
    with pytest.raises(ValueError):
        preview.reload_script("var changed = 1;")


def test_the_error_page_escapes_the_messages():
    page = preview.error_page(["initiatives/2022/x.md:5: `<script>` không được dùng"], "<script src=/r.js></script>")
    text = page.decode("utf-8")
    assert "`&lt;script&gt;` không được dùng" in text and "<script>` không" not in text
    assert text.count("<script") == 1 and "script-src 'self';" in text


@pytest.fixture
def served(scratch):
    path = scratch.write("initiatives/2022/may-say-ca-phe.md", entry())
    port = _free_port()
    log = open(scratch.root.parent / f"serve-{port}.log", "w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=scratch.root, stdout=subprocess.DEVNULL, stderr=log, text=True)
    site_url = yaml.safe_load((scratch.root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    url = f"http://127.0.0.1:{port}{urllib.parse.urlsplit(site_url).path}sang-kien/may-say-ca-phe/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                break
        except OSError:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(log.read()[-3000:])
            time.sleep(0.5)
    try:
        yield path, url, scratch
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _until(tab, condition, timeout=60.0) -> None:
    """Poll the page from outside (wait_for_function evaluates a string, which the page's policy forbids)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition(tab):
                return
        except Exception:  # noqa: BLE001: the page is reloading
            pass
        time.sleep(0.2)
    raise AssertionError(f"not reached in {timeout} s: {tab.url}")


def _h1(tab) -> str:
    return tab.evaluate("() => (document.querySelector('h1') || {innerText: ''}).innerText")


def _watch(browser, url):
    context = browser.new_context()
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    tab.goto(url, wait_until="load")
    return context, tab, violations


@pytest.mark.browser
def test_the_open_page_reloads_when_the_entry_changes(browser, served):
    path, url, scratch = served
    context, tab, violations = _watch(browser, url)
    try:
        assert tab.inner_text("h1").startswith("Máy sấy cà phê tận dụng nhiệt")
        assert tab.locator(f'script[src="{preview.RELOAD_PATH}"]').count() == 1
        tab.wait_for_timeout(500)  # the reload script starts polling on "load"
        path.write_text(entry(title='"Máy sấy cà phê cải tiến lần hai"'), encoding="utf-8")
        _until(tab, lambda t: "cải tiến lần hai" in _h1(t))
        assert violations == []
        # The files made before rendering (spooled, engine/spool.py) follow the rebuild too, and none is left over.
        api = urllib.parse.urljoin(url, "../../" + urls.api_entry("may-say-ca-phe"))
        with urllib.request.urlopen(api, timeout=10) as response:
            assert json.load(response)["entry"]["title"] == "Máy sấy cà phê cải tiến lần hai"
        assert not [p for p in Path(tempfile.gettempdir()).glob(".*-spool-*") if p.stat().st_mtime > START]
    finally:
        context.close()


@pytest.mark.browser
def test_a_broken_entry_shows_the_check_messages_and_the_page_recovers(browser, served):
    path, url, scratch = served
    good = path.read_text(encoding="utf-8")
    expected = [ln for ln in scratch.check().stdout.splitlines() if ln.strip()]
    context, tab, violations = _watch(browser, url)
    try:
        tab.wait_for_timeout(500)
        path.write_text(good.replace("area: 2", "area: 7"), encoding="utf-8")
        tab.wait_for_selector("#dkst-preview-errors", timeout=60_000)
        shown = tab.inner_text("#dkst-preview-errors").splitlines()
        broken = scratch.check()
        assert broken.returncode == 1
        assert shown == [ln for ln in broken.stdout.splitlines() if ln.strip()] != expected
        assert any(line.startswith("initiatives/2022/may-say-ca-phe.md:4: `area`") for line in shown), shown
        assert "Chưa dựng được trang" in tab.inner_text("h1")
        path.write_text(good.replace("tận dụng nhiệt", "đã sửa lại"), encoding="utf-8")
        _until(tab, lambda t: "đã sửa lại" in _h1(t))
        assert tab.locator("#dkst-preview-errors").count() == 0
        assert violations == []
    finally:
        context.close()


def test_a_built_site_is_not_touched_by_the_preview(built_site):
    page = (built_site / "sang-kien/may-say-ca-phe-lo-dot-vo/index.html").read_text(encoding="utf-8")
    assert preview.RELOAD_PATH not in page and "livereload" not in page
    assert not (built_site / preview.RELOAD_PATH.lstrip("/")).exists()
