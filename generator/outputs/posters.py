"""Printable A4 posters for a commune's notice board, with a QR code to the entry's page.

One page (`ap-phich/?s=<slug>`) prints any entry: overrides/assets/ap-phich.js fetches the entry's API file
(api/v1/entries/<slug>.json) and draws the QR code to its absolute URL (site_url in mkdocs.yml) as inline SVG,
with the vendored encoder in overrides/assets/vendor/qrcode.js. Posters are printed rarely: a QR code and a
rendered page per entry cost every build most of a minute of CPU at 10,000 entries (see bench/); the browser
of the one person printing pays a few milliseconds.

The build only hands the page the names the API file gives as slugs (types, areas, units, statuses), so the
poster reads as the entry page does without a second download.
"""

from __future__ import annotations

import json

from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog
from generator.pages.pages import Asset, Page

# Replaced by the slug in the browser; a slug is [a-z0-9-] only (generator.entries.check), so never holds braces.
SLUG_FIELD = "{slug}"


def labels(cat: Catalog) -> dict:
    """What a poster writes for each slug or number of an entry's API file."""
    tax = cat.taxonomy
    units = {}
    for u in tax.units:
        merged = views.merged_note(cat, u.slug)
        units[u.slug] = views.unit_name(cat, u.slug) + (f", {merged['text']}" if merged else "")
    return {
        "types": {t.slug: t.name for t in tax.types},
        "areas": {str(a.number): f"Lĩnh vực {a.number}: {a.name}" for a in tax.areas},
        "units": units,
        "statuses": {s.slug: s.name for s in tax.statuses},
    }


def poster_page(cat: Catalog) -> Page:
    site = cat.taxonomy.site
    context = {
        "site_name": site.name,
        "front_body": site.front_body,
        "region": site.region,
        "api_entry": urls.api_entry(SLUG_FIELD),
        "slug_field": SLUG_FIELD,
        "param": urls.POSTER_PARAM,
        "search_url": urls.SEARCH,
        "labels": json.dumps(labels(cat), ensure_ascii=False, separators=(",", ":"), sort_keys=True),
    }
    return Page(url=urls.POSTER, title="Áp phích in", template="poster.html", context=context, kind="poster",
                description="In áp phích khổ A4 của một sáng kiến, có mã QR dẫn tới trang sáng kiến, để dán ở bảng tin.")


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    return [poster_page(cat)], []
