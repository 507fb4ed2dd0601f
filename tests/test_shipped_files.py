"""The site ships what it uses: no Material lunr search (ours is overrides/assets/search*.js) and no source
maps, and every page, search included, still loads everything it asks for."""

from __future__ import annotations

import re

import pytest


def test_no_source_map_and_no_lunr_search_is_shipped(built_site):
    shipped = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.endswith(".map")]
    assert not [p for p in shipped if p.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))]
    assert "assets/search.js" in shipped and "assets/search-engine.js" in shipped
    assert [p for p in shipped if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", p)]


@pytest.mark.browser
def test_pages_and_search_load_everything_they_ask_for(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    missing: list[str] = []
    try:
        tab = context.new_page()
        tab.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        tab.on("requestfailed", lambda r: missing.append(f"failed {r.url}"))
        for path in ("", "sang-kien/may-say-ca-phe-lo-dot-vo/", "thong-ke/", "nhung/moi-nhat/",
                     "ap-phich/?s=may-say-ca-phe-lo-dot-vo"):
            tab.goto(site_url + path, wait_until="networkidle")
        tab.goto(site_url + "tra-cuu/?q=c%C3%A0+ph%C3%AA", wait_until="networkidle")
        tab.wait_for_selector(".dkst-result", timeout=10_000)
        assert tab.locator(".dkst-result").count() > 0
        tab.goto(site_url, wait_until="networkidle")
        tab.fill("form.dkst-search input[name=q]", "dak wil")
        tab.press("form.dkst-search input[name=q]", "Enter")
        tab.wait_for_selector(".dkst-result", timeout=10_000)
    finally:
        context.close()
    assert not missing, missing
