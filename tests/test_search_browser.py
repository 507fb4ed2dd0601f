"""The "Tra cứu" page in headless Chromium on the built sample site: what citizens type finds the right entries first."""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.pages import search_page
from generator.common import urls
from generator.outputs.site_content import build_site
from generator.common.text import fold, tone_variants

pytestmark = pytest.mark.browser

RESULTS = ".dkst-find__results .dkst-result"


def wait_done(page) -> None:
    page.wait_for_function("() => { const r = document.getElementById('dkst-find');"
                           " return !r.hasAttribute('aria-busy') && r.querySelector('.dkst-find__status').textContent; }")


def search(tab, query: str = "", **filters: str):
    params = "&".join(f"{k}={v}" for k, v in ([("q", query)] if query else []) + list(filters.items()))
    page = tab.open(urls.SEARCH + (f"?{params}" if params else ""))
    wait_done(page)
    return page


def type_query(page, query: str) -> None:
    page.fill("#dkst-find-q", query)
    page.press("#dkst-find-q", "Enter")
    page.wait_for_timeout(50)
    wait_done(page)


def titles(page) -> list[str]:
    return page.locator(f"{RESULTS} .dkst-result__title").all_inner_texts()


def show_all(page) -> list[str]:
    more = page.locator(".dkst-find__more")
    for _ in range(100):
        if not more.is_visible():
            return titles(page)
        shown = page.locator(RESULTS).count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll({RESULTS!r}).length > {shown}")
    raise AssertionError("the “more results” button never goes away")


def count_in_status(page) -> int:
    return int(re.search(r"(\d+) (mục|kết quả)", page.locator(".dkst-find__status").inner_text()).group(1))


def test_a_title_typed_without_diacritics_finds_that_entry_first(tab, catalog):
    page = search(tab)
    for entry_type in ("sang-kien", "y-tuong", "sang-che", "mo-hinh"):
        record = catalog.by_type[entry_type][0]
        type_query(page, fold(record.entry.title))
        assert titles(page)[0] == record.entry.title, fold(record.entry.title)
    assert tab.outside_requests() == []
    assert tab.errors == []


def test_a_unit_name_with_d_for_đ_finds_that_units_entries_first(tab, catalog):
    tax = catalog.taxonomy
    units = {u.slug for u in tax.units if "Đắk Wil" in u.name}
    expected = {r.entry.title for r in catalog.records if r.entry.unit in units}
    assert len(expected) >= 3, "the samples should have several entries of Đắk Wil"
    page = search(tab, "dak wil")
    found = show_all(page)
    assert set(found[:len(expected)]) == expected
    # entries of communes merged into Đắk Wil name it too, so they follow
    merged = {r.entry.title for r in catalog.by_unit["dak-wil-2025"]}
    assert merged <= set(found)


def test_a_decomposed_query_finds_the_same_entries_as_a_composed_one(tab, catalog):
    record = next(r for r in catalog.records if "Tổ hòa giải" in r.entry.title)
    page = search(tab)
    type_query(page, "Tổ hòa giải")
    composed = show_all(page)
    decomposed_query = unicodedata.normalize("NFD", "Tổ hòa giải")
    assert decomposed_query != "Tổ hòa giải"
    type_query(page, decomposed_query)
    assert show_all(page) == composed
    assert composed[0] == record.entry.title


def test_old_and_new_tone_placement_find_the_same_entries(tab, catalog):
    # A title word spelled with the tone on the first vowel of oa/oe/uy ("hòa"); people also type "hoà".
    record, word = next((r, w) for r in catalog.records for w in r.entry.title.split() if tone_variants(w))
    other = next(v for v in tone_variants(word) if v != word)
    following = record.entry.title.split()[record.entry.title.split().index(word) + 1]
    page = search(tab)
    type_query(page, f"{word} {following}")
    as_written = show_all(page)
    type_query(page, f"{other} {following}")
    assert show_all(page) == as_written
    assert as_written[0] == record.entry.title


def test_pages_with_the_query_s_exact_diacritics_rank_first(tab, catalog):
    reconcile = next(r.entry.title for r in catalog.records if "hòa" in r.entry.title.lower().split())
    flowers = next(r.entry.title for r in catalog.records if "hoa" in r.entry.title.lower().split())
    page = search(tab, "hòa")
    found = show_all(page)
    assert found.index(reconcile) < found.index(flowers)
    type_query(page, "hoa")
    found = show_all(page)
    assert found.index(flowers) < found.index(reconcile)


def test_results_show_title_summary_unit_and_year(tab, catalog):
    record = next(r for r in catalog.records if r.entry.unit == "dak-wil")
    page = search(tab, fold(record.entry.title))
    first = page.locator(RESULTS).first
    assert first.locator(".dkst-result__title").inner_text() == record.entry.title
    assert first.locator(".dkst-result__title").get_attribute("href").endswith(f"/{record.url}")
    assert first.locator(".dkst-result__summary").inner_text() == record.entry.summary
    meta = first.locator(".dkst-result__meta").inner_text()
    assert "Xã Đắk Wil" in meta and str(record.entry.year) in meta


def test_browsing_one_area_and_one_year_without_a_query(tab, catalog):
    tax = catalog.taxonomy
    # the area and year with the most entries together
    area, year = max(((a, y) for a in catalog.by_area for y in catalog.years),
                     key=lambda ay: sum(1 for r in catalog.by_area[ay[0]] if r.year == ay[1]))
    expected = [r for r in catalog.by_area[area] if r.year == year]
    assert len(expected) > 1
    page = search(tab, linh_vuc=tax.area_by_number[area].slug, nam=str(year))
    assert count_in_status(page) == len(expected)
    assert sorted(show_all(page)) == sorted(r.entry.title for r in expected)

    def option_count(facet: str, slug: str) -> int:
        text = page.locator(f"select[name={facet}] option[value='{slug}']").inner_text()
        return int(re.search(r"\((\d+)\)$", text).group(1))

    # each facet counts what choosing that value would give, with the other facet kept
    for y in catalog.years:
        in_area = sum(1 for r in catalog.by_area[area] if r.year == y)
        if in_area:
            assert option_count("nam", str(y)) == in_area
    for a in tax.areas:
        in_year = sum(1 for r in catalog.by_year[year] if r.entry.area == a.number)
        if in_year:
            assert option_count("linh_vuc", a.slug) == in_year
    assert tab.errors == []


def test_browsing_with_no_query_and_no_filter_lists_every_entry_newest_first(tab, catalog):
    page = search(tab)
    assert count_in_status(page) == len(catalog.records)
    found = show_all(page)
    years = {r.entry.title: r.year for r in catalog.records}
    assert [years[t] for t in found] == sorted((years[t] for t in found), reverse=True)
    assert set(found) == set(years)


def test_filters_and_query_live_in_the_address(tab, browser, site_url, catalog):
    tax = catalog.taxonomy
    page = search(tab)
    page.select_option("select[name=linh_vuc]", tax.areas[1].slug)
    wait_done(page)
    page.select_option("select[name=nam]", "2023")
    wait_done(page)
    type_query(page, "may")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["may"], "linh_vuc": [tax.areas[1].slug], "nam": ["2023"]}
    shown = titles(page)
    assert shown

    from conftest import PageSession

    other = PageSession(browser, site_url)
    try:
        again = other.open(page.url[len(site_url):])
        wait_done(again)
        assert again.input_value("#dkst-find-q") == "may"
        assert again.input_value("select[name=linh_vuc]") == tax.areas[1].slug
        assert again.input_value("select[name=nam]") == "2023"
        assert titles(again) == shown
    finally:
        other.close()

    page.get_by_role("button", name="Bỏ lọc").click()
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["may"]}
    assert page.input_value("select[name=nam]") == ""
    assert len(show_all(page)) >= len(shown)

    page.go_back()
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == query
    assert page.input_value("select[name=nam]") == "2023"
    assert titles(page) == shown


def test_the_header_form_lands_on_the_search_page(tab, catalog):
    page = tab.open("")
    page.fill("#dkst-q", "dak wil")
    page.press("#dkst-q", "Enter")
    page.wait_for_url(re.compile(r"tra-cuu/\?q=dak\+wil"))
    wait_done(page)
    assert page.input_value("#dkst-find-q") == "dak wil"
    assert titles(page)


def test_hand_written_pages_are_found_too(tab):
    page = search(tab, "gioi thieu phong trao")
    assert titles(page)[0] == "Giới thiệu phong trào"


def test_only_entries_and_hand_written_pages_are_indexed(built_site, catalog, root):
    indexed = [doc[0] for block in sorted((built_site / urls.SEARCH_INDEX / "d").glob("*.json"),
                                          key=lambda p: int(p.stem))
               for doc in json.loads(block.read_text(encoding="utf-8"))]
    hand_written = sorted(f"{p.stem}/" for p in (root / "content").glob("*.md") if p.stem != "index")
    assert hand_written
    # entries first, newest first (the order of a search without a query), then the hand-written pages
    assert indexed == [r.url for r in catalog.records] + hand_written


def test_without_javascript_the_page_says_how_to_browse(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(site_url + urls.SEARCH)
        assert not page.locator(".dkst-find__form").is_visible()
        text = page.locator(".dkst-find__fallback").inner_text()
        assert "cần trình duyệt bật JavaScript" in text
        assert f"{len(catalog.records)} mục" in text
        links = page.locator(".dkst-find__fallback a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert any(h.endswith(urls.AREAS) for h in hrefs) and any(h.endswith(urls.YEARS) for h in hrefs)
    finally:
        context.close()


def test_when_the_search_engine_cannot_load_the_page_says_how_to_browse(tab):
    tab.page.route("**/assets/search-engine.js", lambda route: route.fulfill(status=404, body=""))
    page = tab.open(urls.SEARCH + "?q=dak+wil")
    fallback = page.locator(".dkst-find__fallback")
    fallback.wait_for(state="visible")
    assert "Không tải được công cụ tra cứu" in fallback.inner_text()
    assert not page.locator(".dkst-find__form").is_visible()


def test_other_pages_do_not_load_the_search_engine(tab, catalog):
    tab.open("")
    tab.open(catalog.records[0].url)
    assert not [u for u in tab.requests if f"/{urls.SEARCH_INDEX}" in u or "search-engine" in u]


def test_facet_files_are_fetched_only_when_filters_are_seen_or_chosen(tab, phone):
    facet_files = lambda session: [u for u in session.requests if f"/{urls.SEARCH_INDEX}f/" in u]  # noqa: E731
    page = search(phone, "dak wil")  # a phone: the filter box is folded, nothing counts per value
    assert count_in_status(page) > 0 and page.locator(RESULTS).count() > 0
    assert facet_files(phone) == []
    options = page.locator(".dkst-find__facet select").first.locator("option")
    before = options.all_inner_texts()
    page.locator(".dkst-find__filters summary").click()  # opened: the counts arrive
    page.wait_for_function("() => [...document.querySelectorAll('.dkst-find__facet option')].some("
                           "(o) => /\\(\\d+\\)$/.test(o.textContent))")
    assert facet_files(phone) and options.all_inner_texts() != before
    wait_done(page)
    assert count_in_status(page) > 0
    # a wide screen shows the box open, with counts from the start
    page = search(tab, "dak wil")
    assert facet_files(tab)
    assert any(re.search(r"\(\d+\)$", t) for t in page.locator(".dkst-find__facet option").all_inner_texts())
    # a filter chosen in the address is applied on a phone too, its facet's file alone fetched
    phone.requests.clear()
    page = search(phone, "", nam="2024")
    fetched = facet_files(phone)
    assert fetched and all("/f/nam.json" in u for u in fetched)
    assert count_in_status(page) > 0


def test_search_page_screenshots(tab, phone, artifacts):
    for session, name in ((tab, "desktop"), (phone, "phone")):
        page = search(session, "dak wil")
        page.screenshot(path=str(artifacts / f"search-{name}.png"), full_page=True)
        assert session.outside_requests() == []
        assert session.errors == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{name}: the page scrolls sideways"
