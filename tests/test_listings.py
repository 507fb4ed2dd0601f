"""Listing pages without a browser: pagination stays short however long a listing grows, cards are shared."""

from __future__ import annotations

import pytest

from generator.pages import pages, views
from generator.common import urls


@pytest.mark.parametrize("page,total,shown", [
    (1, 1, [1]),
    (1, 5, [1, 2, 3, 4, 5]),
    (4, 8, [1, 2, 3, 4, 5, 6, 7, 8]),
    (1, 8, [1, 2, 3, None, 8]),
    (5, 125, [1, 2, 3, 4, 5, 6, 7, None, 125]),
    (60, 125, [1, None, 58, 59, 60, 61, 62, None, 125]),
    (125, 125, [1, None, 123, 124, 125]),
])
def test_a_page_links_the_first_the_last_and_its_neighbours(page, total, shown):
    assert pages.page_numbers(page, total) == shown


def test_every_page_of_a_long_listing_is_reachable_in_a_few_steps(catalog):
    records = catalog.records * 40  # a listing of many pages, whatever the sample holds
    made = pages.listing(catalog, "thu/", "Thử", records)
    assert len(made) == -(-len(records) // pages.PER_PAGE) > 9
    for n, page in enumerate(made, 1):
        pg = page.context["pagination"]
        links = [p for p in pg["pages"] if not p.get("gap")]
        assert len(pg["pages"]) <= 2 * pages.PAGES_AROUND + 5
        assert [p["number"] for p in links if p["current"]] == [n]
        assert all(p["url"] == urls.paged("thu/", p["number"]) for p in links)
        assert {1, len(made)} <= {p["number"] for p in links}


def test_cards_are_made_once_per_entry(catalog):
    r = catalog.records[0]
    assert views.card(catalog, r) is views.card(catalog, r)
    models = pages.models_pages(catalog)[0].context["cards"]
    assert all("replicated" not in views.card(catalog, catalog.by_slug[m["slug"]]) for m in models)


def test_the_model_programmes_are_a_listing_of_short_pages(catalog):
    many = catalog.models * 30  # far more than one page, whatever the sample holds
    made = pages.models_pages(catalog, many)
    assert len(made) == -(-len(many) // pages.PER_PAGE) > 1
    assert [p.url for p in made[:2]] == [urls.MODELS, urls.paged(urls.MODELS, 2)]
    assert all(len(p.context["cards"]) <= pages.PER_PAGE for p in made)
    assert sum(len(p.context["cards"]) for p in made) == len(many)
    assert made[1].title.endswith("trang 2") and made[1].context["pagination"]["current"] == 2
    assert pages.models_pages(catalog)[0].context["pagination"] is None  # the sample's few fit on one page
