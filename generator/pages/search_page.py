"""The "Tra cứu" page and its index: search and facets run in the browser by assets/search.js.

The page carries everything the script needs and cannot derive: the facet values in their reading
order (with short slugs for the address bar), the tone-placement table generated from text.py, and the
shape and version of the index (generator/search_index.py) built here from the same catalogue.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from string import ascii_lowercase

from generator.pages import search_index, views
from generator.common import urls
from generator.catalog.catalog import Catalog, Record
from generator.entries import placeholders
from generator.pages.pages import Asset, Page, search_filters
from generator.pages.search_index import Doc
from generator.common.text import nfc, sort_key, tone_old_style

PER_PAGE = 10
# From this width the filter box is open, counting results per value: search.js opens it and search-start.js
# fetches what the counts need. The same breakpoint folds the facets into columns in assets/search.css.
FILTERS_OPEN = "(min-width: 45em)"
TITLE = "Tra cứu"
HEADING = "Tra cứu sáng kiến"
DESCRIPTION = ("Tìm sáng kiến, ý tưởng, sáng chế và mô hình “Đoàn kết sáng tạo” theo từ khóa, có dấu hay không dấu, "
               "và lọc theo lĩnh vực, đơn vị, năm, loại, trạng thái, tổ chức chủ trì.")


@dataclass(frozen=True)
class Facet:
    key: str  # the query parameter
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


def _slug(cat: Catalog, r: Record, key: str) -> str:
    """The address-bar slug of a record's facet value."""
    e = r.entry
    if key == "linh_vuc":
        return cat.taxonomy.area_by_number[e.area].slug
    if key == "don_vi":
        return cat.current_unit(r)
    if key == "nam":
        return str(e.year)
    if key == "loai":
        return e.type
    if key == "trang_thai":
        return cat.status(r)
    if key == "to_chuc":
        return e.organization
    raise ValueError(f"entry pages carry a search filter {key!r} that the search page does not know")


def _order(cat: Catalog, key: str, slug: str) -> tuple:
    """Where a facet value sorts in the list."""
    tax = cat.taxonomy
    if key == "linh_vuc":
        return (next(a.number for a in tax.areas if a.slug == slug),)
    if key == "don_vi":
        return sort_key(tax.unit_title(slug))
    if key == "nam":
        return (-int(slug),)
    if key == "loai":
        return ([t.slug for t in tax.types].index(slug),)
    if key == "trang_thai":
        return ([s.slug for s in tax.statuses].index(slug),)
    return sort_key(tax.org_by_slug[slug].name)


def facet_values(cat: Catalog) -> dict[str, list[dict]]:
    """Per facet key, the values entries carry, in reading order: [{'slug', 'value'}].

    The values are the entries' own filter texts (pages.search_filters), so the two cannot drift.
    """
    found: dict[str, dict[str, tuple]] = {f.key: {} for f in FACETS}
    slugs: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    for r in cat.records:
        for key, value in search_filters(cat, r).items():
            slug = _slug(cat, r, key)
            if slugs[key].setdefault(slug, value) != value:
                raise ValueError(f"search filter {key}={slug!r} has two texts: {slugs[key][slug]!r}, {value!r}")
            if value not in found[key]:
                found[key][value] = (_order(cat, key, slug), slug)
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


# The scaffold's section headings ("## Giải pháp") stand in nearly every body and say nothing about it; indexed,
# they made "giải", "pháp", "hiệu", "quả"… common syllables, optional in a query ("hòa giải" then found any
# entry of the commune typed with it).
_TEMPLATE_HEADINGS = re.compile(
    r"^#{1,6}[ \t]*(?:" + "|".join(map(re.escape, placeholders.headings())) + r")[ \t#]*$", re.M | re.I)


def entry_doc(cat: Catalog, r: Record) -> Doc:
    """What the search reads of an entry, and what a result shows of it."""
    tax = cat.taxonomy
    e = r.entry
    unit = tax.unit_title(e.unit)
    current = tax.unit_title(cat.current_unit(r))
    names = [unit, tax.type_by_slug[e.type].name, *e.tags, *e.authors]
    if e.organization:
        names.append(tax.org_by_slug[e.organization].name)
    context = [tax.area_by_number[e.area].short, tax.status_by_slug[cat.status(r)].name,
               *(tax.unit_title(u) for u in e.replicated_in), *(rec.title for rec in e.recognition)]
    if current != unit:
        context.append(current)
    # A title naming the entry's own commune ("… ở thôn 3, xã Cư K'nia") says no more than its unit does: there
    # the name weighs as the unit's (every entry of Cư K'nia alike), and the words of what it is about decide
    # "cư k'nia trường" between them.
    title = e.title
    for own in {tax.unit_by_slug[e.unit].name, tax.unit_by_slug[cat.current_unit(r)].name}:
        title = re.sub(re.escape(own), " · ", title, flags=re.IGNORECASE)
    fields = ((search_index.TITLE, title), (search_index.NAME, " · ".join(names)),
              (search_index.SUMMARY, e.summary), (search_index.CONTEXT, " · ".join(context)),
              (search_index.BODY, search_index.indexed_text(_TEMPLATE_HEADINGS.sub("", r.body))))
    facts = " · ".join([tax.type_by_slug[e.type].name, unit, str(e.year)])
    return Doc(url=r.url, title=e.title, summary=e.summary, facts=facts, fields=fields,
               facets=search_filters(cat, r))


def search_index_of(cat: Catalog, hand_written: list[Doc] = (), facets: dict | None = None) -> search_index.Index:
    values = {key: [o["value"] for o in options] for key, options in (facets or facet_values(cat)).items()}
    # made one at a time as the index reads them: an entry's document holds its whole body's text
    docs = chain((entry_doc(cat, r) for r in cat.records), hand_written)
    return search_index.build(docs, values, entries=len(cat.records))


def search_page(cat: Catalog, index: search_index.Index | None = None, values: dict | None = None) -> Page:
    values = values or facet_values(cat)
    index = index or search_index_of(cat, facets=values)
    facets = [{"key": f.key, "label": views.label(f.field), "browse": f.browse, "options": values[f.key]}
              for f in FACETS if values[f.key]]
    script = {"tones": tone_table(), "perPage": PER_PAGE, "filtersOpen": FILTERS_OPEN, "index": index.config()}
    context = {
        "heading": HEADING,
        "facets": facets,
        "browse": [{"title": f["label"], "url": f["browse"]} for f in facets if f["browse"]]
                  + [{"title": "Mô hình", "url": urls.MODELS}],
        "script_data": json.dumps(script, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "total": len(cat.records),
        "index_url": urls.SEARCH_INDEX,
    }
    return Page(url=urls.SEARCH, title=TITLE, template="search.html", context=context, description=DESCRIPTION,
                kind="search")


def contribute(cat: Catalog, site_url: str, hand_written: list[Doc] = ()) -> tuple[list[Page], list[Asset]]:
    """The search page and its index; `hand_written`: the site's own pages (search_index.hand_written)."""
    values = facet_values(cat)
    index = search_index_of(cat, hand_written, values)
    return [search_page(cat, index, values)], index.assets
