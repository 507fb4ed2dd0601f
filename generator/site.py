"""Everything the site publishes, from the catalogue: pages and assets. Engine-independent."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from . import pages as page_kinds
from .catalog import Catalog
from .pages import Asset, Page

# Modules that each contribute pages and assets through `contribute(catalog, site_url)`.
CONTRIBUTORS = (
    "generator.search_page",
    "generator.guide",
    "generator.feeds",
    "generator.api",
    "generator.embeds",
    "generator.posters",
    "generator.radio",
    "generator.stats",
    "generator.reports",
)


@dataclass
class SiteContent:
    pages: list[Page]
    assets: list[Asset]
    home: dict  # context for the hand-written home page


def _contributors():
    for name in CONTRIBUTORS:
        try:
            module = import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:
                raise
            continue
        yield module.contribute


def build_site(cat: Catalog, site_url: str) -> SiteContent:
    pages = page_kinds.all_pages(cat, site_url)
    assets = page_kinds.media_assets(cat)
    for contribute in _contributors():
        more_pages, more_assets = contribute(cat, site_url)
        pages += more_pages
        assets += more_assets
    urls_seen: set[str] = set()
    for p in pages:
        if p.url in urls_seen:
            raise ValueError(f"two generated pages share the URL {p.url!r}")
        urls_seen.add(p.url)
    return SiteContent(pages=pages, assets=assets, home=page_kinds.home_context(cat))
