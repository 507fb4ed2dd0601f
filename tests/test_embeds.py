"""Embeds: chrome-less, script-free pages another site can frame; the snippets page; none in the search index."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest

from conftest import serve_dir
from generator.outputs import embeds
from generator.common import urls


def _embed_urls(catalog) -> list[str]:
    tax = catalog.taxonomy
    return ([urls.EMBED_LATEST] + [urls.embed_area(a.slug) for a in tax.areas]
            + [urls.embed_unit(u.slug) for u in tax.units])


def test_every_embed_is_generated_with_the_latest_entries(catalog):
    pages = {p.url: p for p in embeds.embed_pages(catalog)}
    assert set(pages) == set(_embed_urls(catalog))
    latest = pages[urls.EMBED_LATEST].context["cards"]
    assert [c["slug"] for c in latest] == [r.slug for r in catalog.records[:embeds.LATEST]]
    unit = next(u for u in catalog.taxonomy.units if u.current and catalog.taxonomy.predecessors(u.slug))
    cards = pages[urls.embed_unit(unit.slug)].context["cards"]
    assert [c["slug"] for c in cards] == [r.slug for r in catalog.by_unit.get(unit.slug, [])[:embeds.LATEST]]
    assert all(not p.search for p in pages.values())


def test_embed_pages_have_no_chrome_no_script_and_open_links_outside(built_site, catalog):
    for url in _embed_urls(catalog):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert "<script" not in html.lower(), url
        assert "md-header" not in html and "md-sidebar" not in html, url
        assert '<meta name="robots" content="noindex">' in html, url
        assert "x-frame-options" not in html.lower() and "frame-ancestors" not in html.lower(), url
        assert ' style="' not in html, "no inline CSS: one stylesheet file"
        links = re.findall(r"<a [^>]*>", html)
        assert links and all('target="_blank"' in a and 'rel="noopener"' in a for a in links), url
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert len(stylesheets) == 1 and stylesheets[0].endswith("assets/nhung.css")


def test_embeds_are_not_in_the_search_index(built_site):
    indexed = [doc[0] for block in sorted((built_site / urls.SEARCH_INDEX / "d").glob("*.json"))
               for doc in json.loads(block.read_text(encoding="utf-8"))]
    assert indexed, "the search index should hold the entries"
    assert not [u for u in indexed if u.startswith((urls.EMBEDS, urls.POSTER))]


def test_snippets_page_gives_absolute_iframe_code_for_every_embed(built_site, catalog, root):
    import html as html_lib

    import yaml

    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    page = (built_site / urls.EMBEDS / "index.html").read_text(encoding="utf-8")
    snippets = [html_lib.unescape(s) for s in re.findall(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)]
    srcs = [re.search(r'<iframe src="([^"]+)"', s).group(1) for s in snippets]
    assert srcs == [site_url + u for u in _embed_urls_in_help_order(catalog)]
    assert all('title="' in s and "<script" not in s for s in snippets)


def _embed_urls_in_help_order(catalog) -> list[str]:
    tax = catalog.taxonomy
    units = tax.sorted_units()
    return ([urls.EMBED_LATEST] + [urls.embed_area(a.slug) for a in tax.areas]
            + [urls.embed_unit(u.slug) for u in units if u.current]
            + [urls.embed_unit(u.slug) for u in units if not u.current])


@pytest.fixture
def host_page(tmp_path, site_url):
    """A page of 'another website' on another port that frames the embed with the snippet's code."""
    snippet = embeds.snippet(site_url, urls.EMBED_LATEST, "Sáng kiến mới", embeds.embed_height(embeds.LATEST))
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trang xã</title>'
        f"<h1>Trang thông tin điện tử xã</h1>{snippet}</html>", encoding="utf-8")
    url, httpd = serve_dir(tmp_path)
    yield url
    httpd.shutdown()


def test_an_embed_shows_inside_an_iframe_on_another_site(browser, host_page, site_url, catalog, artifacts):
    assert host_page.split(":")[2] != site_url.split(":")[2], "two different origins"
    context = browser.new_context(viewport={"width": 900, "height": 900}, locale="vi-VN")
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((host_page, site_url)) else None)
    page.goto(host_page, wait_until="networkidle")
    frame = page.frame_locator("iframe")
    titles = frame.locator(".nhung__link").all_inner_texts()
    assert titles == [r.entry.title for r in catalog.records[:embeds.LATEST]]
    assert frame.locator("h1").inner_text() == "Sáng kiến mới cập nhật"
    page.screenshot(path=str(artifacts / "embed-in-iframe.png"))
    assert not outside
    target = frame.locator(".nhung__link").first.get_attribute("target")
    assert target == "_blank"
    context.close()


@pytest.mark.parametrize("width", [280, 390, 640])
def test_the_snippet_height_shows_every_embed_whole_at_any_width(browser, site_url, built_site, root, width):
    """Each snippet's iframe is at least as tall as its embed's content, from a narrow phone column to the
    snippet's widest (40rem): the list is never cut off at the bottom of someone else's page."""
    import yaml

    public = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    help_page = (built_site / urls.EMBEDS / "index.html").read_text(encoding="utf-8")
    snippets = [html_lib.unescape(s) for s in re.findall(r"<textarea[^>]*>(.*?)</textarea>", help_page, re.S)]
    heights = {re.search(r'<iframe src="([^"]+)"', s).group(1): int(re.search(r'height="(\d+)"', s).group(1))
               for s in snippets}
    assert len(set(heights.values())) > 1, "heights follow the number of entries shown"
    context = browser.new_context(viewport={"width": width, "height": 400}, locale="vi-VN")
    page = context.new_page()
    try:
        for url, height in heights.items():
            page.goto(site_url + url.removeprefix(public), wait_until="load")
            needed = page.evaluate("document.documentElement.scrollHeight")
            assert needed <= height, f"{url} at {width} px needs {needed} px, the snippet gives {height}"
    finally:
        context.close()
