"""Everything the site publishes, from the catalogue: pages and assets. Engine-independent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.outputs import api, embeds, feeds, posters, radio, report_pages, stats
from generator.pages import guide, search_page
from generator.pages import pages as page_kinds
from generator.catalog.catalog import Catalog
from generator.pages.pages import Asset, Page
from generator.pages.pictures import Pictures, derive_all
from generator.pages.search_index import Doc

# Modules that each contribute pages and assets through `contribute(catalog, site_url)`; the search page
# also indexes the hand-written pages, which only the engine adapter can list (see build_site).
CONTRIBUTORS = (guide, feeds, api, embeds, posters, radio, stats, report_pages)


@dataclass
class SiteContent:
    pages: list[Page]
    assets: list[Asset]
    home: dict  # context for the hand-written home page
    notes: list[str] = field(default_factory=list)  # Vietnamese warnings for the log (pictures not published)


def _contributors():
    return (module.contribute for module in CONTRIBUTORS)


def _kept(assets: list[Asset]) -> list[Asset]:
    return assets


def build_site(cat: Catalog, site_url: str, hand_written: list[Doc] = (), pictures: Pictures | None = None,
               spool: Callable[[list[Asset]], list[Asset]] = _kept) -> SiteContent:
    """`hand_written`: the site's own Markdown pages as the search reads them (search_index.hand_written).
    `pictures`: where the project's pictures are made; without it the site shows none.
    `spool`: given each contributor's assets as they are made, returns what to keep of them (the engine
    writes their bytes to disk and keeps the file names: engine/spool.py)."""
    notes: list[str] = []
    if pictures is not None:
        cat.derived["pictures"], notes = derive_all(cat, pictures)
    pages = page_kinds.all_pages(cat, site_url)
    assets = spool(page_kinds.media_assets(cat))
    more_pages, more_assets = search_page.contribute(cat, site_url, hand_written)
    pages += more_pages
    assets += spool(more_assets)
    for contribute in _contributors():
        more_pages, more_assets = contribute(cat, site_url)
        pages += more_pages
        assets += spool(more_assets)
    urls_seen: set[str] = set()
    for p in pages:
        if p.url in urls_seen:
            raise ValueError(f"two generated pages share the URL {p.url!r}")
        urls_seen.add(p.url)
    return SiteContent(pages=pages, assets=assets, home=page_kinds.home_context(cat), notes=notes)
