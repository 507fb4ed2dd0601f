"""Printable posters: one page (ap-phich/?s=<slug>) draws any entry's A4 poster in the browser, from the
entry's API file, with a QR code that leads back to the entry."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
import yaml
import zxingcpp
from PIL import Image

from generator.outputs import posters
from generator.common import urls

QR_LIBRARY = "assets/vendor/qrcode.js"


@pytest.fixture(scope="session")
def public_url(root) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _samples(catalog) -> list:
    """The first entry, the longest slug (the densest QR code), one with an image, one of a merged commune."""
    tax = catalog.taxonomy
    records = catalog.records
    chosen = [records[0], max(records, key=lambda r: len(r.slug)),
              next(r for r in records if r.image_rel),
              next(r for r in records if tax.unit_by_slug[r.entry.unit].merged_into)]
    return list({r.slug: r for r in chosen}.values())


# --- the build -------------------------------------------------------------------------------------
def test_the_build_makes_one_poster_page_not_one_per_entry(built_site, catalog):
    assert (built_site / urls.POSTER / "index.html").is_file()
    assert not list(built_site.glob("sang-kien/*/ap-phich")), "no per-entry poster page"
    pages, assets = posters.contribute(catalog, "https://mttq.example.vn/dkst/")
    assert [p.url for p in pages] == [urls.POSTER] and not assets
    sitemap = (built_site / "sitemap-1.xml").read_text(encoding="utf-8")
    assert not re.search(r"<loc>[^<]*/sang-kien/[^<]+/ap-phich/", sitemap)


def test_the_qr_library_is_vendored_with_its_licence_and_loaded_by_the_poster_page_only(built_site, root):
    source = (root / "overrides" / QR_LIBRARY).read_text(encoding="utf-8")
    assert "Copyright (c) 2009 Kazuhiko Arase" in source and "MIT license" in source
    licence = (root / "overrides/assets/vendor/LICENSE-qrcode-generator.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in licence
    assert (built_site / QR_LIBRARY).is_file()
    loading = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                     if "pagefind" not in p.parts and "qrcode.js" in p.read_text(encoding="utf-8"))
    assert loading == [f"{urls.POSTER}index.html"]


def test_every_entry_page_links_the_poster_page_with_its_slug(built_site, catalog):
    for r in catalog.records:
        html = (built_site / r.url / "index.html").read_text(encoding="utf-8")
        assert f'href="../../{urls.POSTER}?{urls.POSTER_PARAM}={r.slug}"' in html, r.slug
        assert (built_site / urls.api_entry(r.slug)).is_file(), "the poster reads the entry's API file"


def test_the_poster_page_names_every_slug_an_entry_can_hold(catalog):
    labels = posters.labels(catalog)
    tax = catalog.taxonomy
    for r in catalog.records:
        e = r.entry
        assert labels["types"][e.type] == tax.type_by_slug[e.type].name
        assert labels["areas"][str(e.area)].startswith(f"Lĩnh vực {e.area}: ")
        assert labels["units"][e.unit].startswith(tax.unit_title(e.unit))
        assert labels["statuses"][catalog.status(r)] == tax.status_by_slug[catalog.status(r)].name
    merged = next(u for u in tax.units if u.merged_into)
    assert ", nay thuộc " in labels["units"][merged.slug]


def test_the_poster_page_text_is_nfc(built_site, root):
    for path in (built_site / urls.POSTER / "index.html", root / "overrides/assets/ap-phich.js"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path


# --- in the browser --------------------------------------------------------------------------------
def _decode(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png)).convert("L")
    return [b.text for b in zxingcpp.read_barcodes(image)]


def _watch_policy(tab) -> list[str]:
    seen: list[str] = []
    tab.page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    return seen


def _open_poster(tab, slug: str | None, state: str = "ready"):
    page = tab.open(urls.POSTER if slug is None else urls.poster(slug))
    page.wait_for_selector(f"body[data-state={state}]", state="attached", timeout=10_000)
    return page


def test_the_poster_shows_the_entry_and_a_qr_code_to_its_address(tab, catalog, public_url, artifacts):
    tax = catalog.taxonomy
    violations = _watch_policy(tab)
    for r in _samples(catalog):
        e = r.entry
        page = _open_poster(tab, r.slug)
        poster = page.locator("main.poster")
        assert poster.is_visible() and page.locator(".poster__tools").is_visible()
        assert page.title().startswith(f"Áp phích: {e.title} – ")
        assert page.locator(".poster__title").text_content() == e.title
        assert page.locator(".poster__summary").text_content() == e.summary
        assert page.locator(".poster__kicker").text_content() == (
            f"{tax.type_by_slug[e.type].name} · Lĩnh vực {e.area}: {tax.area_by_number[e.area].name}")
        unit = page.locator(".poster__unit").text_content()
        assert unit.startswith(tax.unit_title(e.unit))
        if tax.unit_by_slug[e.unit].merged_into:
            assert f"nay thuộc {tax.unit_label(tax.successor(e.unit))}" in unit
        assert page.locator(".poster__year").text_content() == str(e.year)
        assert page.locator(".poster__state").text_content() == tax.status_by_slug[catalog.status(r)].name
        entry_url = f"{public_url}{urls.entry(r.slug)}"
        assert page.locator(".poster__url").text_content() == entry_url
        image = page.locator(".poster__image")
        if r.image_rel:
            assert image.is_visible() and image.evaluate("i => i.complete && i.naturalWidth > 0")
            assert image.get_attribute("alt") == (e.image_alt or e.title)
        else:
            assert not image.is_visible()
        svg = page.locator("svg.poster__qr-code")
        assert svg.count() == 1
        assert _decode(svg.screenshot()) == [entry_url], r.slug
        if r.image_rel:
            page.screenshot(path=str(artifacts / "poster.png"), full_page=True)
        page.locator(".poster__back").click()
        page.wait_for_load_state()
        assert page.url == tab.base + r.url, "the back link leads to the entry page"
    assert not tab.outside_requests()
    assert not tab.errors and not violations, (tab.errors, violations)


def test_the_poster_fits_a_360px_phone(phone, catalog, artifacts):
    r = next(r for r in catalog.records if r.image_rel)
    page = _open_poster(phone, r.slug)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _decode(page.locator("svg.poster__qr-code").screenshot())
    page.screenshot(path=str(artifacts / "poster-phone.png"), full_page=True)


def test_the_poster_prints_on_one_a4_page_without_the_screen_tools(tab, catalog, artifacts):
    r = max((r for r in catalog.records if r.image_rel), key=lambda r: len(r.entry.summary))  # the fullest page
    page = _open_poster(tab, r.slug)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "poster.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]", pdf), "A4 is 595 × 842 pt"
    page.emulate_media(media="print")
    assert not page.locator(".poster__tools").is_visible()
    png = page.locator("svg.poster__qr-code").screenshot()
    assert _decode(png), "the printed QR code still decodes"


def _assert_message(page, title: str, tab) -> None:
    message = page.locator(".poster__message--error")
    assert message.is_visible() and not page.locator("main.poster").is_visible()
    assert message.locator("h1").text_content() == title
    hrefs = [a.get_attribute("href") for a in message.locator("a").all()]
    assert f"../{urls.SEARCH}" in hrefs and "../" in hrefs, hrefs
    assert not tab.outside_requests() and not tab.errors


@pytest.mark.parametrize("slug", ["khong-co-sang-kien-nay", "../../index", "a b"])
def test_an_unknown_slug_says_so_and_links_search_and_home(tab, slug):
    violations = _watch_policy(tab)
    page = _open_poster(tab, slug, state="error")
    _assert_message(page, "Không tìm thấy sáng kiến", tab)
    assert "Không có sáng kiến nào mang mã" in page.locator(".poster__message-text").text_content()
    assert not violations


def test_without_a_slug_the_page_asks_for_an_entry(tab):
    page = _open_poster(tab, None, state="error")
    _assert_message(page, "Chưa chọn sáng kiến", tab)
    page.locator(f'.poster__message--error a[href="../{urls.SEARCH}"]').click()
    page.wait_for_load_state()
    assert page.url == tab.base + urls.SEARCH


def test_without_javascript_the_page_says_it_needs_it(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + urls.poster(catalog.records[0].slug), wait_until="load")
        text = page.locator("body").inner_text()
        assert "Cần bật JavaScript để in áp phích" in text
        assert page.locator(f'a[href="../{urls.SEARCH}"]').first.is_visible()
        assert not page.locator("main.poster").is_visible()
    finally:
        context.close()


def test_the_entry_page_poster_link_opens_its_poster(tab, catalog, public_url):
    r = catalog.records[0]
    page = tab.open(r.url)
    page.get_by_role("link", name="Áp phích in (mã QR)").click()
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=10_000)
    assert page.url == tab.base + urls.poster(r.slug)
    assert page.locator(".poster__title").text_content() == r.entry.title
    assert _decode(page.locator("svg.poster__qr-code").screenshot()) == [f"{public_url}{r.url}"]
