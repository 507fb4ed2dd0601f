"""The statistics pages: every figure checked against the sample entries counted independently."""

from __future__ import annotations

import re

import pytest

from generator.pages import charts
from generator.outputs import stats
from generator.common import urls
from sample_counts import load, number, tables


@pytest.fixture(scope="module")
def sample(root):
    return load(root)


def page_tables(built_site, url: str):
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    return html, tables(html)


def counts_of(table) -> dict[str, int]:
    return {key: number(cells[-1]) for key, part, cells in table.rows}


# --- the counting functions, without a build -----------------------------------------------------
def test_one_way_counts_match_the_entry_files(catalog, sample):
    records = catalog.records
    assert len(records) == len(sample.entries)
    assert {r.key: r.count for r in stats.count_areas(catalog, records)} == {
        str(a["number"]): sample.count(lambda e: e["area"])[a["number"]] for a in sample.taxonomy["areas"]}
    assert {r.key: r.count for r in stats.count_types(catalog, records)} == {
        t["slug"]: sample.count(lambda e: e["type"])[t["slug"]] for t in sample.taxonomy["types"]}
    assert {r.key: r.count for r in stats.count_statuses(catalog, records)} == {
        s["slug"]: sample.count(sample.status)[s["slug"]] for s in sample.taxonomy["statuses"]}
    orgs = sample.count(lambda e: e.get("organization") or stats.NO_ORGANIZATION_KEY)
    assert {r.key: r.count for r in stats.count_organizations(catalog, records)} == dict(orgs)
    assert {int(r.key): r.count for r in stats.count_years(records)} == dict(sample.count(lambda e: e["year"]))


def test_every_entry_counts_under_exactly_one_group_unit_and_parts_add_up(catalog, sample):
    rows = stats.count_units(catalog, catalog.records)
    groups = {r.key: r.count for r in rows if not r.part}
    assert groups == {g: n for g, n in sample.count(lambda e: sample.group(e["unit"])).items()} | {
        g: 0 for g in groups if g not in sample.count(lambda e: sample.group(e["unit"]))}
    assert sum(groups.values()) == len(sample.entries)
    # Each group line equals the sum of the part lines under it.
    current, parts = None, {}
    for r in rows:
        if not r.part:
            current = r.key
            parts[current] = []
        else:
            parts[current].append(r.count)
    for key, values in parts.items():
        if values:
            assert sum(values) == groups[key], key
    # Former units are listed on lines of their own, under their old names.
    labels = [r.label for r in rows if r.part]
    assert "Xã Đắk Wil (cũ, đến 30/6/2025)" in labels and "Thị trấn Ea T'ling" in labels


def test_commendations_of_a_year_are_those_awarded_that_year(catalog, sample):
    for year in (None, 2022, 2023, 2024):
        found = stats.awards(catalog, catalog.records, year)
        assert {r.key: r.count for r in stats.count_awards(catalog, found) if r.count} == dict(sample.awards(year))


def test_benefit_totals_match_the_entry_files(catalog, sample):
    for year in (None, 2022, 2023):
        got = {g.key: (g.total, g.entries) for g in stats.benefit_totals(catalog, stats.in_scope(catalog, year))}
        assert got == sample.benefits(year)


def test_bar_chart_is_a_named_image_with_every_value_in_its_description():
    svg = charts.bar_chart("c1", "Số mục <theo> lĩnh vực", [("Một & hai", 13), ("Ba", 0), ("Bốn", 1234)])
    assert 'role="img"' in svg and 'aria-labelledby="c1-t c1-d"' in svg
    assert "<title id=\"c1-t\">Số mục &lt;theo&gt; lĩnh vực</title>" in svg
    assert "Một &amp; hai: 13 mục; Ba: 0 mục; Bốn: 1.234 mục" in svg
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[1] > widths[0] * 50  # the zero bar is not drawn; lengths are to scale
    assert charts.bar_chart("c1", "t", [("a", 1)]) == charts.bar_chart("c1", "t", [("a", 1)])
    assert "Không có số liệu" in charts.bar_chart("c2", "t", [])


# --- the built pages -----------------------------------------------------------------------------
def test_statistics_page_shows_the_independent_counts(built_site, sample):
    html, t = page_tables(built_site, urls.STATS)
    areas = sample.count(lambda e: e["area"])
    assert counts_of(t["linh-vuc"]) == {str(a["number"]): areas[a["number"]] for a in sample.taxonomy["areas"]}
    assert number(t["linh-vuc"].foot[-1]) == len(sample.entries)
    types = sample.count(lambda e: e["type"])
    assert counts_of(t["loai"]) == {ty["slug"]: types[ty["slug"]] for ty in sample.taxonomy["types"]}
    statuses = sample.count(sample.status)
    assert counts_of(t["trang-thai"]) == {s["slug"]: statuses[s["slug"]] for s in sample.taxonomy["statuses"]}
    assert counts_of(t["to-chuc"]) == dict(sample.count(lambda e: e.get("organization") or stats.NO_ORGANIZATION_KEY))
    assert counts_of(t["nam"]) == {str(y): n for y, n in sample.count(lambda e: e["year"]).items()}
    awards = sample.awards()
    assert counts_of(t["khen-thuong"]) == {lv["slug"]: awards[lv["slug"]] for lv in sample.taxonomy["recognition_levels"]}
    gains = sample.benefits()
    got = {key: (number(cells[1]), number(cells[3])) for key, cells in t["hieu-qua"].by_key().items()}
    assert got == gains
    # Area × year: every cell.
    grid = t["linh-vuc-nam"]
    years = [int(y) for y in grid.head[1:-1]]
    cross = sample.count(lambda e: (e["area"], e["year"]))
    for key, cells in grid.by_key().items():
        assert [number(c) for c in cells[1:-1]] == [cross[(int(key), y)] for y in years]
    charts_drawn = html.count('<svg class="dkst-chart__svg" role="img"')
    assert charts_drawn >= 8 and charts_drawn == html.count('<title id="bieu-do-')


def test_statistics_by_unit_include_merged_units_and_totals_add_up(built_site, sample):
    _, t = page_tables(built_site, urls.STATS)
    table = t["don-vi"]
    groups = sample.count(lambda e: sample.group(e["unit"]))
    own = sample.count(lambda e: e["unit"])
    group_rows = [(k, cells) for k, part, cells in table.rows if not part]
    part_rows = [(k, cells) for k, part, cells in table.rows if part]
    assert {k: number(c[-1]) for k, c in group_rows} == {k: groups[k] for k, _ in group_rows}
    assert {k: number(c[-1]) for k, c in part_rows} == {k: own[k] for k, _ in part_rows}
    assert sum(number(c[-1]) for _, c in group_rows) == number(table.foot[-1]) == len(sample.entries)
    # Every unit of the taxonomy appears: current communes as groups, former units as their parts (or alone).
    shown = {k for k, _, _ in table.rows}
    assert shown == {u["slug"] for u in sample.taxonomy["units"]}
    # The unit × area cross table agrees with the same counts.
    cross = t["don-vi-linh-vuc"]
    for key, part, cells in cross.rows:
        members = {key} if part else sample.members(key)
        assert number(cells[-1]) == sum(own[m] for m in members)


@pytest.mark.parametrize("year", [2022, 2023, 2025])
def test_year_page_counts_that_year(built_site, sample, year):
    _, t = page_tables(built_site, urls.stats_year(year))
    areas = sample.count(lambda e: e["area"], year=year)
    assert counts_of(t["linh-vuc"]) == {str(a["number"]): areas[a["number"]] for a in sample.taxonomy["areas"]}
    groups = sample.count(lambda e: sample.group(e["unit"]), year=year)
    assert {k: number(c[-1]) for k, part, c in t["don-vi"].rows if not part} == {
        k: groups[k] for k, part, _ in t["don-vi"].rows if not part}
    awards = sample.awards(year)
    assert counts_of(t["khen-thuong"]) == {lv["slug"]: awards[lv["slug"]] for lv in sample.taxonomy["recognition_levels"]}


def test_current_commune_page_includes_its_predecessors(built_site, sample):
    _, t = page_tables(built_site, urls.stats_unit("dak-wil-2025"))
    entries = sample.select(unit="dak-wil-2025")
    assert {e["unit"] for e in entries} == {"dak-wil", "ea-po", "dak-wil-2025"}
    areas = sample.count(lambda e: e["area"], unit="dak-wil-2025")
    assert counts_of(t["linh-vuc"]) == {str(a["number"]): areas[a["number"]] for a in sample.taxonomy["areas"]}
    own = sample.count(lambda e: e["unit"], unit="dak-wil-2025")
    assert counts_of(t["don-vi"]) == {k: own[k] for k in ("dak-wil-2025", "dak-wil", "ea-po")}
    labels = [cells[0] for _, _, cells in t["don-vi"].rows]
    assert "Xã Đắk Wil (cũ, đến 30/6/2025)" in labels and "Xã Ea Pô" in labels


def test_years_and_units_are_chosen_by_links_without_script(built_site, catalog):
    html = (built_site / urls.STATS / "index.html").read_text(encoding="utf-8")
    for y in catalog.years:
        assert f'href="{y}/"' in html and (built_site / urls.stats_year(y) / "index.html").exists()
    for u in catalog.taxonomy.units:
        assert f'href="don-vi/{u.slug}/"' in html and (built_site / urls.stats_unit(u.slug) / "index.html").exists()
    assert "dkst-stats" in html and "<script>" not in html.split('class="md-content"', 1)[1].split("</article>")[0]


def test_each_chart_has_a_data_table_beside_it(built_site):
    html = (built_site / urls.STATS / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="dkst-stat__block dkst-stat__block--chart">(.*?</table>)', html, re.S)
    assert len(blocks) >= 8
    for block in blocks:
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", block, re.S).group(1)
        bars = [item.rsplit(": ", 1)[1].split(" ")[0] for item in desc.split("; ")]
        (table,) = tables(block).values()
        assert bars == [cells[-1] for _, part, cells in table.rows if not part]


def test_cross_tables_agree_with_counting_each_entry(catalog):
    """Cross tables count by field values; each cell must equal the entries that match both lines."""
    records = catalog.records
    for rows, cols in [(stats.unit_lines(catalog), stats.area_lines(catalog)),
                       (stats.area_lines(catalog), stats.year_lines(records)),
                       (stats.unit_lines(catalog, year=2024), stats.year_lines(records))]:
        m = stats.cross(records, rows, cols)
        assert m.cells == [[sum(1 for r in records if row.match(r) and col.match(r)) for col in cols] for row in rows]
        assert m.row_totals == [sum(1 for r in records if row.match(r)) for row in rows]
        assert m.col_totals == [sum(1 for r in records if col.match(r)) for col in cols]


def test_awards_of_a_unit_are_its_entries_commendations_in_order(catalog):
    levels = [lv.slug for lv in reversed(catalog.taxonomy.recognition_levels)]
    for unit in [None, *[u.slug for u in catalog.taxonomy.units]]:
        for year in [None, *catalog.years]:
            got = stats.unit_awards(catalog, unit, year)
            expected = [(r.slug, rec.title) for r in stats.in_scope(catalog, None, unit) for rec in r.entry.recognition
                        if year is None or rec.year == year]
            assert sorted((a.record.slug, a.title) for a in got) == sorted(expected)
            keys = [(levels.index(a.level), -a.year) for a in got]
            assert keys == sorted(keys)
