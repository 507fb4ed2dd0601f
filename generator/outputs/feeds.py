"""RSS 2.0 and Atom feeds of the latest entries: the whole site, each content area, each unit.

Built with ElementTree so every text is escaped by the serializer. An item's id is its page URL
(stable: it depends on the slug only), items come most recently added first, and an item's date comes from
the entry (`added`, the day it entered the catalogue; else applied_since, else 1 January of its year), never
from the build clock, so the same entries give byte-identical feeds.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from generator.common import urls
from generator.outputs import plain
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.pages.pages import Asset, Page

FEED_SIZE = 50  # items per feed: readers only show the latest ones
VIETNAM = dt.timezone(dt.timedelta(hours=7))
ATOM_NS = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("atom", ATOM_NS)


def entry_date(r: Record) -> dt.datetime:
    day = r.entry.added or r.entry.applied_since or dt.date(r.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def _feed_date(cat: Catalog, records: list[Record]) -> dt.datetime:
    if records:
        return max(entry_date(r) for r in records)
    # An empty feed still needs a date; the movement's first year is as stable as it gets.
    return dt.datetime(cat.taxonomy.site.first_year, 1, 1, tzinfo=VIETNAM)


def site_title(cat: Catalog) -> str:
    site = cat.taxonomy.site
    return f"{site.name} – {site.region}"


def _item_html(cat: Catalog, r: Record) -> str:
    """The feed item's body: the summary and where it comes from, as HTML (the serializer escapes it again)."""
    c = views.card(cat, r)

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    return (f"<p>{esc(c['summary'])}</p>"
            f"<p>{esc(c['type'])} · {esc(c['unit'])} · {c['year']} · Lĩnh vực {c['area_number']}: {esc(c['area'])}</p>")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        # XML 1.0 cannot carry these control characters even escaped; drop them rather than emit a broken feed.
        # And a feed's texts are one line each: CR, U+2028 and U+2029 become spaces (outputs/plain.py).
        el.text = plain.one_line(_NOT_XML.sub("", text))
    return el


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def rss(cat: Catalog, site_url: str, base: str, title: str, description: str, records: list[Record]) -> bytes:
    records = records[:FEED_SIZE]
    root = ET.Element("rss", {"version": "2.0"})
    ch = _sub(root, "channel")
    _sub(ch, "title", title)
    _sub(ch, "link", views.absolute(site_url, base))
    _sub(ch, "description", description or title)
    _sub(ch, "language", "vi")
    _sub(ch, "copyright", cat.taxonomy.site.front_body)
    _sub(ch, "lastBuildDate", format_datetime(_feed_date(cat, records)))
    _sub(ch, f"{{{ATOM_NS}}}link", href=views.absolute(site_url, urls.feed(base, "rss")), rel="self",
         type="application/rss+xml")
    for r in records:
        item = _sub(ch, "item")
        link = views.absolute(site_url, r.url)
        _sub(item, "title", r.entry.title)
        _sub(item, "link", link)
        _sub(item, "guid", link, isPermaLink="true")
        _sub(item, "pubDate", format_datetime(entry_date(r)))
        _sub(item, "description", _item_html(cat, r))
        tax = cat.taxonomy
        _sub(item, "category", tax.area_by_number[r.entry.area].name)
        _sub(item, "category", tax.type_by_slug[r.entry.type].name)
    return _serialize(root)


def atom(cat: Catalog, site_url: str, base: str, title: str, description: str, records: list[Record]) -> bytes:
    records = records[:FEED_SIZE]
    # Unprefixed Atom elements under a literal xmlns: what feed readers expect to see.
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "vi"})
    self_url = views.absolute(site_url, urls.feed(base, "atom"))
    _sub(root, "id", self_url)
    _sub(root, "title", title)
    if description:
        _sub(root, "subtitle", description)
    _sub(root, "updated", _feed_date(cat, records).isoformat())
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(root, "link", rel="alternate", type="text/html", href=views.absolute(site_url, base))
    author = _sub(root, "author")
    _sub(author, "name", cat.taxonomy.site.front_body)
    tax = cat.taxonomy
    for r in records:
        item = _sub(root, "entry")
        link = views.absolute(site_url, r.url)
        _sub(item, "id", link)
        _sub(item, "title", r.entry.title)
        _sub(item, "link", rel="alternate", type="text/html", href=link)
        stamp = entry_date(r).isoformat()
        _sub(item, "published", stamp)
        _sub(item, "updated", stamp)
        _sub(item, "summary", r.entry.summary, type="text")
        _sub(item, "content", _item_html(cat, r), type="html")
        _sub(item, "category", term=tax.area_by_number[r.entry.area].slug,
             label=tax.area_by_number[r.entry.area].name)
        _sub(item, "category", term=r.entry.type, label=tax.type_by_slug[r.entry.type].name)
    return _serialize(root)


def feed_sets(cat: Catalog) -> list[tuple[str, str, str, list[Record]]]:
    """(listing base, title, description, records) of every feed: the site, each area, each unit."""
    tax = cat.taxonomy
    out = [("", site_title(cat), "Sáng kiến, ý tưởng mới, sáng chế và mô hình mới cập nhật.", cat.latest)]
    for area in tax.areas:
        out.append((urls.area(area.slug), f"Lĩnh vực {area.number}: {area.name} – {site_title(cat)}",
                    area.description, cat.recently_added(cat.by_area.get(area.number, []))))
    for unit in tax.sorted_units():
        # by_unit already includes the entries of units merged into this one.
        out.append((urls.unit(unit.slug), f"{tax.unit_title(unit.slug)} – {site_title(cat)}",
                    f"Sáng kiến, mô hình của {tax.unit_label(unit.slug)}.",
                    cat.recently_added(cat.by_unit.get(unit.slug, []))))
    return out


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    assets = []
    for base, title, description, records in feed_sets(cat):
        assets.append(Asset(urls.feed(base, "rss"), rss(cat, site_url, base, title, description, records)))
        assets.append(Asset(urls.feed(base, "atom"), atom(cat, site_url, base, title, description, records)))
    return [], assets
