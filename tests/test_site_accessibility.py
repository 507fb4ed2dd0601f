"""WCAG 2.1 AA on every kind of page, as a phone and a desktop show it, in the light and the dark scheme.

axe-core (bundled by axe-playwright-python) runs its WCAG 2.1 A and AA rules on each page in Debian's Chromium;
the page must also log no console error, fail no request, and never scroll sideways, down to a 320 px screen
(WCAG 1.4.10 reflow: 1280 px at 400 % zoom).

The site is served under the path of its `site_url`, with 404.html for a missing address, as GitHub Pages does:
the 404 page's links are absolute.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
import io
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from generator.common import urls

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE, DESKTOP = (390, 844), (1280, 800)


def page_kinds(catalog) -> dict[str, str]:
    """One address of every kind of page the site has."""
    tax = catalog.taxonomy
    entry = next((r for r in catalog.records if r.entry.image), catalog.records[0])  # with its picture
    unit = next(u for u in tax.units if u.current and catalog.by_unit.get(u.slug))
    year = catalog.years[-1]
    month = next((r.entry.applied_since.month for r in catalog.records if r.entry.applied_since
                  and r.entry.applied_since.year == year), None)
    return {
        "home": "",
        "area": urls.area(tax.areas[0].slug),
        "unit": urls.unit(unit.slug),
        "year": urls.year(year),
        "type": urls.entry_type("mo-hinh"),
        "organization": urls.organization(next(iter(catalog.by_organization))),
        "unit index": urls.UNITS,
        "models": urls.MODELS,
        "honours": urls.HONOURS,
        "entry": entry.url,
        "search": urls.SEARCH + "?q=dak%20wil",
        "statistics": urls.STATS,
        "report": urls.report(year),
        "unit report": urls.report(year, unit.slug),
        "report index": urls.REPORTS,
        "radio": urls.bulletin(year),
        "radio index": urls.BULLETINS,
        "embed": urls.EMBED_LATEST,
        "embed snippets": urls.EMBEDS,
        "poster": f"{urls.POSTER}?s={entry.slug}",
        "guide": urls.GUIDE,
        "open data": urls.OPEN_DATA,
        "hand-written": "gioi-thieu/",
        "404": "khong-co-trang-nay/",
    } | ({"radio month": urls.bulletin(year, month)} if month else {})


class _Pages(http.server.SimpleHTTPRequestHandler):
    """The built site under `prefix`; a missing file answers 404 with the site's 404.html."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix):]
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="module")
def pages_url(built_site, root):
    prefix = urlparse(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    handler = type("Handler", (_Pages,), {"prefix": prefix})
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _open(context, url: str, kind: str):
    """The page loaded and settled, with what went wrong while loading it."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None)
    response = page.goto(url, wait_until="networkidle")
    if kind == "404":
        assert response.status == 404
        # Chromium reports the document's own 404 as a console error too: that one is the point of the page.
        problems[:] = [p for p in problems if "404" not in p or "console" not in p]
    if kind == "search":
        page.wait_for_selector(".dkst-result")
        for toggle in page.locator(".dkst-find [aria-expanded='false']").all():  # facets shown, when they fold
            toggle.click()
        page.evaluate("document.querySelectorAll('.dkst-find details:not([open])').forEach(d => d.open = true)")
    if kind == "poster":
        page.wait_for_selector(".poster svg, svg", timeout=5000)
    return page, problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_kind_meets_wcag_21_aa_and_loads_cleanly(browser, pages_url, catalog, axe, size, scheme):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme, locale="vi-VN")
    failures: list[str] = []
    try:
        for kind, path in page_kinds(catalog).items():
            page, problems = _open(context, pages_url + path, kind)
            if page.locator("body[data-md-color-scheme]").count():
                expected = "slate" if scheme == "dark" else "default"
                assert page.get_attribute("body", "data-md-color-scheme") == expected, f"{kind}: scheme"
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                             "resultTypes": ["violations"]}).response
            for v in results["violations"]:
                failures.append(f"{kind} ({path}): {v['id']} on {len(v['nodes'])} element(s), first "
                                f"{v['nodes'][0]['target']}: {v['nodes'][0].get('failureSummary', '')[:200]}")
            failures += [f"{kind} ({path}): {p}" for p in problems]
            wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wider > 0:
                failures.append(f"{kind} ({path}): scrolls sideways by {wider} px")
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_no_page_kind_scrolls_sideways_on_a_320_px_screen(browser, pages_url, catalog):
    """320 CSS px: a desktop window of 1280 px at 400 % zoom (WCAG 1.4.10); 200 % zoom (640 px) lies between
    this and the phone size above."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="vi-VN")
    wide = []
    try:
        for kind, path in page_kinds(catalog).items():
            page, _ = _open(context, pages_url + path, kind)
            wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            title_cut = page.evaluate("""() => [...document.querySelectorAll('.md-header__topic:first-child .md-ellipsis,'
                + ' .dkst-search__input')].some(e => e.scrollWidth > e.clientWidth + 1)""")
            if wider > 0:
                wide.append(f"{kind}: {wider} px")
            if title_cut:
                wide.append(f"{kind}: the site's name or the search field is cut off in the header")
            page.close()
    finally:
        context.close()
    assert not wide, wide


def test_the_header_shows_the_whole_site_name_and_search_placeholder_on_a_phone(browser, pages_url, root):
    site_name = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(pages_url, wait_until="networkidle")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().strip() == site_name
    assert name.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1")
    field = page.locator(".dkst-search__input")
    placeholder_fits = field.evaluate("""e => { const c = document.createElement('canvas').getContext('2d');
        const s = getComputedStyle(e); c.font = s.fontSize + ' ' + s.fontFamily;
        return c.measureText(e.placeholder).width <= e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }""")
    assert placeholder_fits
    context.close()


def test_keyboard_focus_is_visible_in_the_header_and_the_page(browser, pages_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(pages_url + "thong-ke/", wait_until="networkidle")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return [e.tagName, e.className, s.outlineStyle, parseFloat(s.outlineWidth), !!e.closest('.md-header')]; }""")
        tag, cls, outline, width, in_header = style
        assert outline != "none" and width >= 2, f"no visible focus on <{tag} class='{cls}'>"
        seen.add(in_header)
    assert seen == {True, False}, "focus went through the header and into the page"
    region = page.locator(".dkst-table-wrap").first
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    assert page.locator(f"#{region.get_attribute('aria-labelledby')}").inner_text()
    context.close()


def test_reduced_motion_turns_transitions_off(browser, pages_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce", locale="vi-VN")
    page = context.new_page()
    page.goto(pages_url, wait_until="networkidle")
    durations = page.evaluate("""() => [...document.querySelectorAll('.md-header__topic, .md-sidebar, .md-top')]
        .map(e => parseFloat(getComputedStyle(e).transitionDuration))""")
    assert durations and max(durations) < 0.01
    context.close()


# --- valid, quiet pages: checked on the built files, no browser ------------------------------------------------
_ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]*)"[^>]*href="([^"]+)"')


def test_every_feed_a_page_links_has_the_sitemap_material_fetches_beside_it(built_site):
    """Material's script fetches sitemap.xml in the folder of every <link rel="alternate">: it must be there."""
    checked = 0
    for html_file in [built_site / "index.html", *sorted(built_site.glob("*/*/index.html"))]:
        for kind, href in _ALTERNATE.findall(html_file.read_text(encoding="utf-8")):
            assert kind in ("application/rss+xml", "application/atom+xml"), f"{html_file}: type={kind!r}"
            feed = (html_file.parent / href).resolve()
            assert feed.is_file(), f"{html_file}: {href}"
            assert (feed.parent / "sitemap.xml").is_file(), f"{html_file}: no sitemap.xml beside {href}"
            checked += 1
    assert checked > 10


def test_no_page_skips_a_heading_level(built_site, catalog):
    for path in [urls.area(catalog.taxonomy.areas[0].slug), urls.MODELS, urls.OPEN_DATA, "", urls.STATS,
                 catalog.records[0].url]:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        article = html[html.find('<article'):html.find("</article>")]
        levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", article)]
        assert levels and levels[0] == 1, path
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path}: h{before} then h{after}"
