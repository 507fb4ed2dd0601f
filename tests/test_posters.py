"""Printable posters: one A4 page per entry whose QR code, as the browser draws it, leads back to the entry."""

from __future__ import annotations

import io
import re

import pytest
import yaml
import zxingcpp
from PIL import Image

from generator import posters, urls


@pytest.fixture(scope="session")
def public_url(root) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def test_every_entry_has_a_poster_with_title_summary_unit_year_and_qr(built_site, catalog, public_url):
    for r in catalog.records:
        html = (built_site / urls.poster(r.slug) / "index.html").read_text(encoding="utf-8")
        assert "md-header" not in html and "<script" not in html.lower()
        for text in (r.entry.title, r.entry.summary, catalog.taxonomy.unit_title(r.entry.unit), str(r.entry.year)):
            assert text.replace("'", "&#39;") in html or text in html, (r.slug, text)
        assert len(re.findall(r"<svg[^>]*class=\"poster__qr-code\"", html)) == 1
        assert f"{public_url}sang-kien/{r.slug}/" in html
        entry_page = (built_site / r.url / "index.html").read_text(encoding="utf-8")
        assert 'href="ap-phich/"' in entry_page, "the entry page links its poster"


def test_qr_code_is_made_from_the_absolute_entry_url(catalog):
    r = catalog.records[0]
    page = posters.poster_page(catalog, r, "https://mttq.example.vn/dkst/")
    assert page.context["page_url"] == f"https://mttq.example.vn/dkst/sang-kien/{r.slug}/"
    assert page.context["qr_svg"] == posters.qr_svg(page.context["page_url"])
    assert page.context["qr_svg"].startswith("<svg") and "<script" not in page.context["qr_svg"]


def _decode(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png)).convert("L")
    return [b.text for b in zxingcpp.read_barcodes(image)]


def test_the_qr_code_the_page_shows_decodes_to_the_entry_url(tab, catalog, public_url, artifacts):
    longest = max(catalog.records, key=lambda r: len(r.slug))
    for r in {catalog.records[0].slug: catalog.records[0], longest.slug: longest}.values():
        page = tab.open(urls.poster(r.slug))
        png = page.locator("svg.poster__qr-code").screenshot()
        assert _decode(png) == [f"{public_url}sang-kien/{r.slug}/"], r.slug
    page.screenshot(path=str(artifacts / "poster.png"), full_page=True)
    assert not tab.outside_requests()


def test_the_poster_prints_on_one_a4_page_without_the_screen_tools(tab, catalog, artifacts):
    r = next((r for r in catalog.records if r.image_rel), catalog.records[0])  # an image makes the page fuller
    page = tab.open(urls.poster(r.slug))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "poster.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]", pdf), "A4 is 595 × 842 pt"
    page.emulate_media(media="print")
    assert not page.locator(".poster__tools").is_visible()
    png = page.locator("svg.poster__qr-code").screenshot()
    assert _decode(png), "the printed QR code still decodes"
