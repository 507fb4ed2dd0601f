"""The public site as a citizen sees it, in headless Chromium: every way in, content checked against the entries."""

from __future__ import annotations

import pytest

from generator.common import urls


def text_of(page, selector: str = "article, .md-content") -> str:
    return page.locator(selector).first.inner_text()


def test_home_page_shows_the_areas_with_counts_and_latest_entries(tab, catalog):
    page = tab.open("")
    assert page.title() == "Đoàn kết sáng tạo – Cư Jút"
    areas = page.locator(".dkst-areas li").all_inner_texts()
    assert len(areas) == 5
    for area, item in zip(catalog.taxonomy.areas, areas):
        assert area.name in item
        assert f"{len(catalog.by_area.get(area.number, []))} mục" in item
    latest = page.locator(".dkst-card__title").all_inner_texts()[:6]
    assert latest == [r.entry.title for r in catalog.records[:6]]
    for way in ("Lĩnh vực", "Đơn vị", "Năm", "Tra cứu"):
        assert page.get_by_role("link", name=way, exact=True).count() >= 1
    assert tab.outside_requests() == []
    assert tab.errors == []


@pytest.mark.parametrize("kind", ["area", "unit", "year", "type", "organization"])
def test_every_listing_kind_lists_its_entries_newest_first(tab, catalog, kind):
    tax = catalog.taxonomy
    key, records = {
        "area": lambda: (urls.area(tax.areas[0].slug), catalog.by_area[1]),
        "unit": lambda: (urls.unit("ea-po"), catalog.by_unit["ea-po"]),
        "year": lambda: (urls.year(2023), catalog.by_year[2023]),
        "type": lambda: (urls.entry_type("mo-hinh"), catalog.by_type["mo-hinh"]),
        "organization": lambda: (urls.organization("hoi-nong-dan"), catalog.by_organization["hoi-nong-dan"]),
    }[kind]()
    page = tab.open(key)
    titles = page.locator(".dkst-cards").first.locator(".dkst-card__title").all_inner_texts()
    assert titles == [r.entry.title for r in records[:24]]
    assert f"{len(records)} mục" in page.locator(".dkst-count").inner_text()
    assert tab.outside_requests() == []


def test_index_pages_list_every_way_in(tab, catalog):
    page = tab.open(urls.UNITS)
    items = page.locator(".dkst-index li a").all_inner_texts()
    assert len(items) == len(catalog.taxonomy.units)
    assert "Xã Đắk Wil (tỉnh Lâm Đồng, từ 1/7/2025)" in items
    page = tab.open(urls.YEARS)
    assert page.locator(".dkst-index li a").all_inner_texts() == [f"Năm {y}" for y in catalog.years]


@pytest.mark.parametrize("entry_type", ["sang-kien", "y-tuong", "sang-che", "mo-hinh"])
def test_entry_page_of_each_type_shows_its_metadata_and_body(tab, catalog, entry_type):
    record = catalog.by_type[entry_type][0]
    e = record.entry
    tax = catalog.taxonomy
    page = tab.open(record.url)
    assert page.locator("h1").inner_text() == e.title
    assert page.locator(".dkst-entry__summary").inner_text() == e.summary
    facts = page.locator(".dkst-facts").inner_text()
    assert tax.type_by_slug[e.type].name in facts
    assert tax.area_by_number[e.area].name in facts
    assert tax.unit_title(e.unit) in facts
    assert str(e.year) in facts
    assert tax.status_by_slug[catalog.status(record)].name in facts
    for author in e.authors:
        assert author in facts
    for rec in e.recognition:
        assert rec.title in facts
    first_heading = next(line[3:] for line in record.body.splitlines() if line.startswith("## "))
    assert page.locator(".dkst-entry__body h2").first.inner_text() == first_heading
    edit = page.get_by_role("link", name="Sửa mục này trên kho mã nguồn")
    assert edit.get_attribute("href").endswith(f"/edit/main/{record.rel}")
    share = [a.get_attribute("href") for a in page.locator(".dkst-share__link").all()]
    assert any(h.startswith("https://sp.zalo.me/share_to_zalo?u=") for h in share)
    assert any(h.startswith("https://www.facebook.com/sharer/sharer.php?u=") for h in share)
    assert tab.outside_requests() == []


def test_merged_commune_entry_says_where_it_belongs_now(tab, catalog):
    record = catalog.by_unit["ea-po"][0]
    page = tab.open(record.url)
    note = page.locator(".dkst-merged").inner_text()
    assert "nay thuộc xã Đắk Wil, tỉnh Lâm Đồng" in note and "1/7/2025" in note


def test_current_commune_lists_its_predecessors_entries(tab, catalog):
    tax = catalog.taxonomy
    page = tab.open(urls.unit("dak-wil-2025"))
    assert page.locator("h1").inner_text() == "Xã Đắk Wil (tỉnh Lâm Đồng, từ 1/7/2025)"
    intro = page.locator(".dkst-intro").inner_text()
    assert "xã Đắk Wil" in intro and "xã Ea Pô" in intro
    expected = [r for r in catalog.records if tax.successor(r.entry.unit) == "dak-wil-2025"]
    cards = page.locator(".dkst-cards").first.locator(".dkst-card")
    assert cards.count() == len(expected) > 3
    units = cards.locator(".dkst-card__unit").all_inner_texts()
    assert any(u.startswith("Xã Ea Pô") for u in units)
    assert any(u.startswith("Xã Đắk Wil (cũ") for u in units)


def test_former_unit_page_points_to_its_successor(tab):
    page = tab.open(urls.unit("cu-knia"))
    box = page.locator(".dkst-merged-box")
    assert "Từ ngày 1/7/2025" in box.inner_text() and "xã Cư Jút" in box.inner_text()
    box.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.url.endswith("/" + urls.unit("cu-jut-2025"))


def test_models_and_honour_roll(tab, catalog):
    page = tab.open(urls.MODELS)
    assert page.locator(".dkst-model").count() == len(catalog.models)
    spread = next(r for r in catalog.models if r.entry.replicated_in)
    block = page.locator(".dkst-model", has_text=spread.entry.title)
    for slug in spread.entry.replicated_in:
        assert catalog.taxonomy.unit_title(slug) in block.inner_text()
    page = tab.open(urls.HONOURS)
    levels = page.locator(".dkst-honours h2").all_inner_texts()
    assert levels[0].startswith("Cấp") and len(levels) >= 2
    total = sum(len(r.entry.recognition) for r in catalog.commended)
    assert page.locator(".dkst-honours li").count() == total


def test_hand_written_pages_are_reachable_from_the_navigation(tab):
    page = tab.open("")
    for name in ("Giới thiệu phong trào", "Cách đề xuất sáng kiến", "Liên hệ"):
        link = page.locator(".md-nav a", has_text=name).first
        assert link.count() == 1


def test_navigation_does_not_list_entries(tab, catalog):
    page = tab.open("")
    nav_links = page.locator(".md-sidebar--primary a").all_inner_texts()
    assert not set(nav_links) & {r.entry.title for r in catalog.records}
    assert len(nav_links) < 40


PHONE_PAGES = ["", urls.area("he-thong-chinh-tri"), urls.unit("dak-wil-2025"), urls.MODELS, urls.HONOURS,
               urls.UNITS, "gioi-thieu/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_horizontal_scroll_on_a_360px_phone(phone, path):
    page = phone.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.outside_requests() == []


def test_no_horizontal_scroll_on_entry_pages_on_a_phone(phone, catalog):
    for record in catalog.records:
        page = phone.open(record.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, record.url


def test_entry_prints_without_navigation(tab, catalog):
    page = tab.open(catalog.records[0].url)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".dkst-entry__actions"):
        assert not page.locator(selector).first.is_visible()
    assert page.locator("h1").is_visible()


def test_screenshots(browser, site_url, artifacts, catalog):
    """Screenshots to look at: the home page and an entry page, desktop and phone."""
    from conftest import PageSession

    record = catalog.by_slug["may-say-ca-phe-lo-dot-vo"]
    for width, tag in ((1280, "desktop"), (360, "phone")):
        s = PageSession(browser, site_url, width=width, height=800)
        for path, name in (("", "home"), (record.url, "entry")):
            s.open(path).screenshot(path=str(artifacts / f"{name}-{tag}.png"), full_page=True)
        s.close()
    assert (artifacts / "entry-phone.png").stat().st_size > 10_000
