"""Printable A4 posters: one per entry, for a commune's notice board, with a QR code to the entry's page.

The QR code is an inline SVG made by segno from the entry's absolute URL (site_url in mkdocs.yml), so it
prints sharp at any size and a phone scanning the paper lands on the published page.
"""

from __future__ import annotations

from functools import lru_cache

import segno

from . import urls, views
from .catalog import Catalog, Record
from .pages import Asset, Page


@lru_cache(maxsize=None)
def qr_svg(url: str) -> str:
    # Level Q survives a crease, a stain or a pin through the paper; border 4 is the quiet zone scanners need.
    # A fixed mask: choosing the best of eight was most of segno's time (10 ms a code, minutes for a national
    # catalogue, see bench/); every mask is valid and scans. Never a Micro QR: phones' cameras may not read it.
    # Still ~3 ms a code: the cache spares `mkdocs serve` that cost on every rebuild.
    code = segno.make(url, error="q", micro=False, mask=0)
    return code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="poster__qr-code",
                           lineclass=None, title="Mã QR tới trang sáng kiến")


def poster_page(cat: Catalog, r: Record, site_url: str) -> Page:
    e = r.entry
    tax = cat.taxonomy
    page_url = views.absolute(site_url, r.url)
    area = tax.area_by_number[e.area]
    context = {
        "entry": views.card(cat, r),
        "area": f"Lĩnh vực {area.number}: {area.name}",
        "merged": views.merged_note(cat, e.unit),
        "page_url": page_url,
        "entry_url": r.url,
        "qr_svg": qr_svg(page_url),
        "site_name": tax.site.name,
        "front_body": tax.site.front_body,
        "region": tax.site.region,
    }
    return Page(url=urls.poster(r.slug), title=f"Áp phích: {e.title}", template="poster.html", context=context,
                description=e.summary, image=context["entry"]["image"], kind="poster", search=False)


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    return [poster_page(cat, r, site_url) for r in cat.records], []
