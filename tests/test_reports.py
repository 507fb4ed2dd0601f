"""Yearly reports: who gets one, what it gathers (merged units under their old names), how it prints."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.outputs import reports
from generator.common import urls
from generator.catalog.catalog import Catalog, Record
from generator.entries.model import Entry
from generator.common.text import admin_date
from sample_counts import load, number, tables


@pytest.fixture(scope="module")
def sample(root):
    return load(root)


def report_html(built_site, year: int, unit: str | None = None) -> str:
    return (built_site / urls.report(year, unit) / "index.html").read_text(encoding="utf-8")


def test_admin_date_pads_days_below_ten_and_the_first_two_months():
    assert admin_date(dt.date(2022, 11, 20)) == "ngày 20 tháng 11 năm 2022"
    assert admin_date(dt.date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"
    assert admin_date(dt.date(2024, 3, 9)) == "ngày 09 tháng 3 năm 2024"


def test_reports_exist_for_units_of_that_year_and_every_current_commune(catalog, sample):
    units = sample.taxonomy["units"]
    for year in catalog.years:
        expected = {u["slug"] for u in units if not u.get("valid_until")}
        for u in units:
            start = u["valid_from"].year if u.get("valid_from") else 0
            end = u["valid_until"].year if u.get("valid_until") else 9999
            if start <= year <= end:
                expected.add(u["slug"])
        assert set(reports.report_units(catalog, year)) == expected
    assert set(reports.report_units(catalog, 2026)) == {"dak-wil-2025", "nam-dong-2025", "cu-jut-2025"}


def test_current_commune_report_gathers_merged_units_under_their_old_names(catalog, sample):
    rep = reports.build(catalog, 2022, "dak-wil-2025")
    expected = {e["slug"]: e["unit"] for e in sample.entries if e["year"] == 2022 and e["unit"] in ("dak-wil", "ea-po")}
    assert expected, "the sample should have 2022 entries in the units merged into Đắk Wil"
    assert {i.record.slug: i.record.entry.unit for i in rep.items} == expected
    tax = catalog.taxonomy
    for item in rep.items:
        assert item.unit == tax.unit_title(expected[item.record.slug])  # the old name, not the new commune's
        assert item.current_unit == "Xã Đắk Wil (tỉnh Lâm Đồng, từ 1/7/2025)"
    assert {i.unit for i in rep.items} == {"Xã Đắk Wil (cũ, đến 30/6/2025)", "Xã Ea Pô"}
    assert "được thành lập từ ngày 1/7/2025 trên cơ sở sắp xếp" in rep.note
    assert rep.by_area.foot[-1] == len(expected)
    assert rep.body == ("ỦY BAN MTTQ VIỆT NAM", "XÃ ĐẮK WIL")
    assert rep.place_date == "Đắk Wil, ngày 20 tháng 11 năm 2022"


def test_current_commune_report_page_lists_entries_under_old_unit_names(built_site, catalog, sample):
    html = report_html(built_site, 2022, "cu-jut-2025")
    members = sample.members("cu-jut-2025")
    expected = {e["slug"]: e for e in sample.entries if e["year"] == 2022 and e["unit"] in members}
    items = tables(html)["danh-sach"]
    assert {key for key, _, _ in items.rows} == set(expected)
    units = {u["slug"]: u for u in sample.taxonomy["units"]}
    kinds = sample.taxonomy["unit_kinds"]
    for key, _, cells in items.rows:
        unit = units[expected[key]["unit"]]
        assert cells[2].lower().startswith(f"{kinds[unit['kind']]} {unit['name']}".lower())
        assert expected[key]["title"] in cells[1] and expected[key]["summary"] in cells[1]
    by_unit = tables(html)["don-vi"]
    own = sample.count(lambda e: e["unit"], year=2022, unit="cu-jut-2025")
    assert {k: number(c[-1]) for k, _, c in by_unit.rows} == {k: own[k] for k, _, _ in by_unit.rows}
    assert number(by_unit.foot[-1]) == len(expected)


def test_region_report_page_has_the_administrative_header_and_totals(built_site, sample):
    html = report_html(built_site, 2022)
    assert "ỦY BAN MTTQ VIỆT NAM" in html and "HUYỆN CƯ JÚT" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "Cư Jút, ngày 20 tháng 11 năm 2022" in html
    assert "Kết quả thực hiện phong trào thi đua “Đoàn kết sáng tạo” năm 2022" in html
    t = tables(html)
    areas = sample.count(lambda e: e["area"], year=2022)
    types = [ty["slug"] for ty in sample.taxonomy["types"]]
    by_type = sample.count(lambda e: (e["area"], e["type"]), year=2022)
    for key, cells in t["linh-vuc"].by_key().items():
        assert [number(c) for c in cells[1:]] == [by_type[(int(key), ty)] for ty in types] + [areas[int(key)]]
    assert number(t["linh-vuc"].foot[-1]) == len(sample.select(year=2022))
    awards = sample.awards(2022)
    assert {k: number(c[-1]) for k, c in t["khen-thuong"].by_key().items()} == {
        lv["slug"]: awards[lv["slug"]] for lv in sample.taxonomy["recognition_levels"]}
    models = {e["slug"] for e in sample.select(year=2022) if e["type"] == "mo-hinh" or e.get("replicated_in")}
    assert {k for k, _, _ in t["nhan-rong"].rows} == models


def test_after_the_district_was_abolished_the_region_report_names_the_region(catalog):
    rep = reports.build(catalog, 2026)
    assert rep.body == ("ỦY BAN MTTQ VIỆT NAM", "VÙNG CƯ JÚT")
    assert rep.place_date == "Cư Jút, ngày 20 tháng 11 năm 2026"


def test_every_report_page_links_its_spreadsheet_and_csv(built_site, catalog):
    index = (built_site / urls.REPORTS / "index.html").read_text(encoding="utf-8")
    for year in catalog.years:
        for unit in [None, *reports.report_units(catalog, year)]:
            html = report_html(built_site, year, unit)
            assert 'href="bao-cao.xlsx"' in html and 'href="bao-cao.csv"' in html
            for ext in ("xlsx", "csv"):
                assert (built_site / urls.report_file(year, unit, ext)).stat().st_size > 0
            assert f'href="{urls.report(year, unit)[len(urls.REPORTS):]}"' in index


def _record(tax, slug: str, **fields) -> Record:
    data = {"title": "Sáng kiến thử nghiệm " + slug, "type": "sang-kien", "area": 1, "unit": "ea-po", "year": 2023,
            "summary": "Một sáng kiến dùng để kiểm tra cách báo cáo tính khen thưởng theo năm."} | fields
    return Record(slug=slug, rel=f"initiatives/{data['year']}/{slug}.md",
                  entry=Entry.model_validate(data, context={"taxonomy": tax}), body="")


def test_commendations_count_in_the_year_they_were_awarded(taxonomy):
    late = _record(taxonomy, "khen-muon", recognition=[{"level": "tinh", "year": 2024, "title": "Bằng khen của tỉnh"}])
    cat = Catalog(taxonomy, [late, _record(taxonomy, "khong-khen", year=2024, unit="dak-wil")])
    in_2023, in_2024 = reports.build(cat, 2023, "dak-wil-2025"), reports.build(cat, 2024, "dak-wil-2025")
    assert [i.record.slug for i in in_2023.items] == ["khen-muon"] and in_2023.by_level.foot[-1] == 0
    assert [i.record.slug for i in in_2024.items] == ["khong-khen"] and in_2024.by_level.foot[-1] == 1
    assert [r.values[2] for r in in_2024.awards.rows] == [late.entry.title]


def test_report_page_prints_on_a4_without_the_site_around_it(tab, artifacts, catalog):
    page = tab.open(urls.report(2022, "cu-jut-2025"))
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".dkst-report__files"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".dkst-report__head").is_visible()
    head = page.locator(".dkst-report__head").inner_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head and "Cư Jút, ngày 20 tháng 11 năm 2022" in head
    page.screenshot(path=str(artifacts / "report-print.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "report-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    assert tab.outside_requests() == [] and tab.errors == []
