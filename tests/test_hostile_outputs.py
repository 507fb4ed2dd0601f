"""The hostile corpus (tests/hostile/, the `out-*` entries aimed at the outputs included) built with the checks
skipped, crawled page by page in headless Chromium on a 390 px phone: no dialog, no script of an entry runs,
no policy violation, no request off the site, no navigation away, and no page wider than the screen."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from conftest import serve_dir
from hostile_site import hostile_out_project, hostile_out_site  # noqa: F401  (fixtures)

WIDTH = 390


@pytest.fixture(scope="module")
def hostile_out_url(hostile_out_site):
    url, httpd = serve_dir(hostile_out_site)
    yield url
    httpd.shutdown()


def _every_page(site) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix()[: -len("index.html")] for p in site.rglob("index.html"))
    pages.append("404.html")
    entries = sorted(p.name for p in (site / "sang-kien").iterdir() if p.is_dir())
    pages += [f"ap-phich/?s={slug}" for slug in entries]  # the poster draws each entry from the API
    pages += [f"tra-cuu/?q={quote(q)}" for q in ("thử", "mục thử công thức", "dòng ngắt")]
    return pages


@pytest.mark.browser
def test_every_page_of_the_hostile_site_is_harmless_and_fits_a_phone(browser, hostile_out_site, hostile_out_url):
    site, base = hostile_out_site, hostile_out_url
    pages = _every_page(site)
    assert "sang-kien/out-anh-chay-ma/" in pages and "nhung/moi-nhat/" in pages and len(pages) > 60
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, locale="vi-VN")
    failures: dict[str, list[str]] = {}
    try:
        tab = context.new_page()
        seen: list[str] = []
        tab.on("dialog", lambda d: (seen.append(f"dialog: {d.message}"), d.dismiss()))
        tab.on("request", lambda r: seen.append(f"request off the site: {r.url}")
               if not r.url.startswith((base, "data:", "blob:")) else None)
        tab.on("console", lambda m: seen.append(f"console: {m.text[:200]}")
               if "Content Security Policy" in m.text or "Refused" in m.text else None)
        tab.on("framenavigated", lambda f: seen.append(f"navigated to {f.url}")
               if f == tab.main_frame and not f.url.startswith(base) else None)
        tab.on("pageerror", lambda e: seen.append(f"script error: {e}"))
        for path in pages:
            seen.clear()
            tab.goto(base + path, wait_until="load")
            if path.startswith("ap-phich/"):
                tab.wait_for_selector(".poster:not([hidden]), .poster__message:not([hidden])", timeout=10_000)
            elif path.startswith("tra-cuu/"):
                tab.wait_for_selector(".dkst-result", timeout=10_000)  # results drawn from the index
            # What an attacker hopes a reader does: move the mouse over, and focus, every element.
            tab.evaluate("""() => document.querySelectorAll('body *').forEach(e => {
                for (const kind of ['mouseover', 'mouseenter', 'focus']) e.dispatchEvent(new Event(kind)); })""")
            tab.wait_for_timeout(150)  # a meta refresh of 0 s, a timer: time to fire if anything could
            state = tab.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                width: document.documentElement.scrollWidth,
                url: location.href,
                refresh: [...document.querySelectorAll('meta[http-equiv]')].map(m => m.httpEquiv.toLowerCase())
                    .filter(h => h === 'refresh'),
            })""")
            problems = list(seen)
            if state["pwned"] is not None:
                problems.append(f"window.__pwned = {state['pwned']}")
            if state["width"] > WIDTH:
                problems.append(f"{state['width']} px wide")
            if not state["url"].startswith(base):
                problems.append(f"now at {state['url']}")
            if state["refresh"]:
                problems.append("meta refresh")
            if problems:
                failures[path] = problems
    finally:
        context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)[:4000]


@pytest.mark.browser
def test_the_hostile_image_is_left_out_and_nothing_runs(browser, hostile_out_url):
    """A picture name with markup is never published: no image of it, and nothing else happens."""
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(hostile_out_url + "sang-kien/out-anh-chay-ma/", wait_until="networkidle")
        loaded = tab.evaluate("""() => [...document.querySelectorAll('img')]
            .filter(i => i.src.includes('out-x')).map(i => i.naturalWidth > 0)""")
        assert loaded == []
        assert tab.evaluate("window.__pwned === undefined")
    finally:
        context.close()
