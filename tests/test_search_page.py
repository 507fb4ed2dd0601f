"""The "Tra cứu" page's data: facet values in reading order, their address-bar slugs, the tone table."""

from __future__ import annotations

import json

import pytest

from generator.pages import pages, search_page, views
from generator.common import urls
from generator.outputs.site_content import build_site
from generator.common.text import sort_key, tone_old_style


def test_the_search_page_is_published_at_tra_cuu(catalog):
    content = build_site(catalog, "https://example.org/")
    found = [p for p in content.pages if p.url == urls.SEARCH]
    assert len(found) == 1
    page = found[0]
    assert (page.title, page.template, page.kind, page.search) == ("Tra cứu", "search.html", "search", False)
    data = json.loads(page.context["script_data"])
    assert data["tones"] == search_page.tone_table()
    assert data["perPage"] == search_page.PER_PAGE


def test_facets_carry_exactly_the_filters_entry_pages_carry(catalog):
    values = search_page.facet_values(catalog)
    carried: dict[str, set[str]] = {}
    for r in catalog.records:
        for key, value in pages.search_filters(catalog, r).items():
            carried.setdefault(key, set()).add(value)
    assert {k: {o["value"] for o in v} for k, v in values.items() if v} == carried


def test_facet_labels_are_the_entry_field_labels(catalog):
    facets = search_page.search_page(catalog).context["facets"]
    assert [f["label"] for f in facets] == [views.label(f.field) for f in search_page.FACETS]


def test_facet_values_are_in_reading_order_with_stable_slugs(catalog):
    values = search_page.facet_values(catalog)
    tax = catalog.taxonomy
    areas = sorted({r.entry.area for r in catalog.records})
    assert [o["slug"] for o in values["linh_vuc"]] == [tax.area_by_number[n].slug for n in areas]
    assert [o["slug"] for o in values["nam"]] == [str(y) for y in catalog.years]
    units = {catalog.current_unit(r) for r in catalog.records}
    assert [o["slug"] for o in values["don_vi"]] == sorted(units, key=lambda s: sort_key(tax.unit_title(s)))
    for options in values.values():
        slugs = [o["slug"] for o in options]
        assert len(slugs) == len(set(slugs))


def test_merged_units_are_offered_under_their_successor(catalog):
    tax = catalog.taxonomy
    units = {o["slug"] for o in search_page.facet_values(catalog)["don_vi"]}
    merged = {r.entry.unit for r in catalog.records if tax.unit_by_slug[r.entry.unit].merged_into}
    assert merged, "the samples should include entries of merged units"
    assert not units & merged
    assert {tax.successor(u) for u in merged} <= units


def _apply(table: dict, word: str) -> str:
    """How assets/search.js applies the table to one lower-case word."""
    if any(word.endswith(k) for k in table["keep"]):
        return word
    old = table["endings"].get(word[-2:])
    return word[:-2] + old if old else word


@pytest.mark.parametrize("word", ["hoà", "hòa", "thuý", "thúy", "khoẻ", "quý", "quỳnh", "hoàn", "toà", "hoạ", "uỷ",
                                  "xoè", "hoa", "tuy", "oà"])
def test_the_tone_table_places_tones_as_text_py_does(word):
    assert _apply(search_page.tone_table(), word) == tone_old_style(word)


def test_a_first_search_asks_for_its_scripts_and_facets_before_the_stylesheets_hold_the_page(built_site):
    """On slow mobile data each step is a round trip: the search scripts are requested with
    the page (before Material's stylesheet, which the inline scripts after it wait for), and a search opened
    from a link starts from the head; the bench (bench/slow_search.py) times what this buys."""
    html = (built_site / urls.SEARCH / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    stylesheet = head.index("stylesheets/main.")
    for needed in ('href="../assets/search-engine.js"', 'rel="modulepreload" href="../assets/search.js"',
                   'src="../assets/search-start.js"',
                   'rel="preload" as="style" href="../assets/search.css"'):
        assert -1 < head.find(needed) < stylesheet, needed
    assert "lengths.json" not in html  # a title's length travels with its postings (search_index.pack)
