"""The built sample site satisfies its own Content-Security-Policy: no page, search included, trips it."""

from __future__ import annotations

import re
from pathlib import Path


def _one_page_per_kind(site: Path) -> list[str]:
    """The first page of each folder at each depth: every template the site uses, in a few dozen pages."""
    chosen: dict[tuple[str, int], str] = {}
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        key = (rel.split("/")[0], rel.count("/")) if rel != "." else ("", -1)
        chosen.setdefault(key, "" if rel == "." else rel + "/")
    return sorted(chosen.values())


def test_every_html_file_states_a_policy(built_site):
    missing = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
               if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")]
    assert not missing, missing[:20]


def test_the_policy_comes_before_any_script(built_site):
    for page in sorted(built_site.rglob("*.html"))[:200]:
        text = page.read_text(encoding="utf-8")
        if "<script" in text:
            assert text.index("Content-Security-Policy") < text.index("<script"), page


def test_no_page_violates_the_policy(browser, site_url, built_site):
    paths = _one_page_per_kind(built_site) + ["404.html", "tra-cuu/?q=c%C3%A0+ph%C3%AA"]
    assert len(paths) > 15
    context = browser.new_context()
    violations: dict[str, list[str]] = {}
    try:
        for path in paths:
            page = context.new_page()
            seen: list[str] = []
            page.on("console", lambda m, seen=seen: seen.append(m.text[:200])
                    if "Content Security Policy" in m.text else None)
            page.goto(site_url + path, wait_until="networkidle")
            if path.startswith("tra-cuu/"):
                page.wait_for_selector(".dkst-result", timeout=10_000)  # Pagefind ran its WebAssembly
            if seen:
                violations[path] = seen
            page.close()
    finally:
        context.close()
    assert not violations, violations


def test_the_policy_blocks_an_injected_script(browser, site_url):
    """The guard works: a script the build did not hash does not run, even if it reached a page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", policy)
        ran = page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__injected = 1'; document.head.append(s); return window.__injected === 1; }""")
        assert ran is False
    finally:
        context.close()
