"""The "Tra cứu" page: search and facets over the Pagefind index, run in the browser by assets/search.js.

The page carries everything the script needs and cannot derive: the facet values in their reading
order (with short slugs for the address bar) and the tone-placement table, generated from text.py.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from string import ascii_lowercase

from . import urls, views
from .catalog import Catalog, Record
from .pages import Asset, Page, search_filters
from .text import nfc, sort_key, tone_old_style

PER_PAGE = 10
TITLE = "Tra cứu"
HEADING = "Tra cứu sáng kiến"
DESCRIPTION = ("Tìm sáng kiến, ý tưởng, sáng chế và mô hình “Đoàn kết sáng tạo” theo từ khóa, có dấu hay không dấu, "
               "và lọc theo lĩnh vực, đơn vị, năm, loại, trạng thái, tổ chức chủ trì.")


@dataclass(frozen=True)
class Facet:
    key: str  # the data-pagefind-filter name on entry pages and the query parameter
    field: str  # the Entry field it comes from: its label is the facet's label
    browse: str | None  # the index page that lists the same values, for visitors without script


FACETS = (
    Facet("linh_vuc", "area", urls.AREAS),
    Facet("don_vi", "unit", urls.UNITS),
    Facet("nam", "year", urls.YEARS),
    Facet("loai", "type", urls.TYPES),
    Facet("trang_thai", "status", None),
    Facet("to_chuc", "organization", urls.ORGANIZATIONS),
)


def _slug_and_order(cat: Catalog, r: Record, key: str) -> tuple[str, tuple]:
    """The address-bar slug of a record's facet value and where the value sorts in the list."""
    tax = cat.taxonomy
    e = r.entry
    if key == "linh_vuc":
        return tax.area_by_number[e.area].slug, (e.area,)
    if key == "don_vi":
        unit = cat.current_unit(r)
        return unit, sort_key(tax.unit_title(unit))
    if key == "nam":
        return str(e.year), (-e.year,)
    if key == "loai":
        return e.type, ([t.slug for t in tax.types].index(e.type),)
    if key == "trang_thai":
        status = cat.status(r)
        return status, ([s.slug for s in tax.statuses].index(status),)
    if key == "to_chuc":
        return e.organization, sort_key(tax.org_by_slug[e.organization].name)
    raise ValueError(f"entry pages carry a search filter {key!r} that the search page does not know")


def facet_values(cat: Catalog) -> dict[str, list[dict]]:
    """Per facet key, the values entries carry, in reading order: [{'slug', 'value'}].

    The values are the entries' own data-pagefind-filter texts (pages.search_filters), so the two cannot drift.
    """
    found: dict[str, dict[str, tuple]] = {f.key: {} for f in FACETS}
    slugs: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    for r in cat.records:
        for key, value in search_filters(cat, r).items():
            slug, order = _slug_and_order(cat, r, key)
            if slugs[key].setdefault(slug, value) != value:
                raise ValueError(f"search filter {key}={slug!r} has two texts: {slugs[key][slug]!r}, {value!r}")
            found[key][value] = (order, slug)
    return {key: [{"slug": slug, "value": value} for value, (_, slug) in sorted(values.items(), key=lambda kv: kv[1])]
            for key, values in found.items()}


@lru_cache(maxsize=1)
def tone_table() -> dict:
    """text.tone_old_style as data the browser can apply to a typed query.

    `endings`: a word's last two letters in the new placement → the old one ('oà' → 'òa').
    `keep`: three-letter endings that stay as they are ('quý', where u belongs to the consonant).
    Found by asking tone_old_style about every vowel pair with every combining mark, so nothing is listed twice.
    """
    vowels = "aeiouy"
    marks = [chr(c) for c in range(0x300, 0x370)]
    endings = {}
    for first in vowels:
        for second in vowels:
            for mark in marks:
                pair = nfc(first + second + mark)
                if len(pair) != 2 or unicodedata.combining(pair[-1]):
                    continue
                old = tone_old_style(pair)
                if old != pair:
                    endings[pair] = old
    keep = sorted(onset + pair for pair in endings for onset in ascii_lowercase
                  if tone_old_style(onset + pair) == onset + pair)
    return {"endings": dict(sorted(endings.items())), "keep": keep}


def search_page(cat: Catalog) -> Page:
    values = facet_values(cat)
    facets = [{"key": f.key, "label": views.label(f.field), "browse": f.browse, "options": values[f.key]}
              for f in FACETS if values[f.key]]
    script = {"tones": tone_table(), "perPage": PER_PAGE, "sort": "year"}
    context = {
        "heading": HEADING,
        "facets": facets,
        "browse": [{"title": f["label"], "url": f["browse"]} for f in facets if f["browse"]]
                  + [{"title": "Mô hình", "url": urls.MODELS}],
        "script_data": json.dumps(script, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "total": len(cat.records),
    }
    return Page(url=urls.SEARCH, title=TITLE, template="search.html", context=context, description=DESCRIPTION,
                kind="search")


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    return [search_page(cat)], []
