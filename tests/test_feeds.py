"""RSS and Atom feeds: every feed parses cleanly, ids are stable, dates come from the entries."""

from __future__ import annotations

import datetime as dt
import html
import re

import feedparser
import pytest

from generator.outputs import feeds
from generator.catalog import project
from generator.common import urls

SITE = "https://mttq.example.vn/dkst/"


@pytest.fixture(scope="module")
def feed_files(catalog):
    _, assets = feeds.contribute(catalog, SITE)
    return {a.path: a.content for a in assets}


def test_every_feed_parses_cleanly(feed_files, catalog):
    tax = catalog.taxonomy
    expected = {"rss.xml", "atom.xml"}
    for base in [urls.area(a.slug) for a in tax.areas] + [urls.unit(u.slug) for u in tax.units]:
        expected |= {urls.feed(base, "rss"), urls.feed(base, "atom")}
    assert set(feed_files) == expected
    for path, content in feed_files.items():
        parsed = feedparser.parse(content)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path.endswith("rss.xml") else "atom10"), path
        assert parsed.feed.language.startswith("vi") if "language" in parsed.feed else True


def test_site_feed_lists_the_latest_entries_with_stable_ids_and_entry_dates(feed_files, catalog):
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse(feed_files[name])
        records = catalog.latest[:feeds.FEED_SIZE]
        assert [e.title for e in parsed.entries] == [r.entry.title for r in records]
        for item, r in zip(parsed.entries, records):
            assert item.id == item.link == SITE + f"sang-kien/{r.slug}/"
            day = r.entry.added or r.entry.applied_since or dt.date(r.year, 1, 1)
            # Local midnight in Vietnam of the entry's day (feedparser's *_parsed would shift it to UTC).
            if name == "rss.xml":
                assert item.published == day.strftime("%a, %d %b %Y 00:00:00 +0700")
            else:
                assert item.published == f"{day.isoformat()}T00:00:00+07:00"
            assert r.entry.summary in html.unescape(item.summary)


def test_feed_date_is_the_newest_entry_not_the_build_time(feed_files, catalog):
    newest = max(feeds.entry_date(r) for r in catalog.records)
    rss = feedparser.parse(feed_files["rss.xml"]).feed
    atom = feedparser.parse(feed_files["atom.xml"]).feed
    assert dt.datetime(*rss.updated_parsed[:6], tzinfo=dt.timezone.utc) == newest
    assert dt.datetime(*atom.updated_parsed[:6], tzinfo=dt.timezone.utc) == newest
    again = {a.path: a.content for a in feeds.contribute(catalog, SITE)[1]}
    assert again == feed_files


def test_unit_feed_includes_the_entries_of_merged_predecessors(feed_files, catalog):
    tax = catalog.taxonomy
    merged = [u for u in tax.units if u.current and tax.predecessors(u.slug) and catalog.by_unit.get(u.slug)]
    assert merged, "the samples should have a commune formed by merging others"
    for unit in merged:
        parsed = feedparser.parse(feed_files[urls.feed(urls.unit(unit.slug), "atom")])
        titles = {e.title for e in parsed.entries}
        expected = catalog.by_unit[unit.slug][:feeds.FEED_SIZE]
        assert titles == {r.entry.title for r in expected}
        assert any(r.entry.unit != unit.slug for r in expected)


def test_area_feed_has_only_that_area(feed_files, catalog):
    for area in catalog.taxonomy.areas:
        parsed = feedparser.parse(feed_files[urls.feed(urls.area(area.slug), "rss")])
        assert len(parsed.entries) == len(catalog.by_area.get(area.number, []))
        assert parsed.feed.link == SITE + urls.area(area.slug)


def test_markup_in_entries_is_escaped(scratch):
    scratch.write("initiatives/2022/ky-tu-dac-biet.md", """---
title: "Máy <b>cắt</b> cỏ & “bền” </title><script>x</script>"
type: sang-kien
area: 2
unit: ea-po
year: 2022
summary: "Tóm tắt có <em>thẻ</em>, dấu & và ]]> để thử cách thoát ký tự trong nguồn tin."
---

Nội dung của mục.
""")
    loaded = project.load(scratch.root)
    assert not loaded.errors, [p.text() for p in loaded.problems]
    _, assets = feeds.contribute(loaded.catalog, SITE)
    for asset in assets:
        if asset.path not in ("rss.xml", "atom.xml"):
            continue
        assert b"<script>" not in asset.content and b"<b>" not in asset.content
        parsed = feedparser.parse(asset.content)
        assert parsed.bozo == 0
        assert parsed.entries[0].title == "Máy <b>cắt</b> cỏ & “bền” </title><script>x</script>"


def test_empty_feed_is_still_valid(scratch):
    loaded = project.load(scratch.root)
    _, assets = feeds.contribute(loaded.catalog, SITE)
    for asset in assets[:2]:
        parsed = feedparser.parse(asset.content)
        assert parsed.bozo == 0 and parsed.entries == []


def test_pages_link_their_feeds(built_site, catalog):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="rss\.xml">', home)
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="atom\.xml">', home)
    assert re.search(r'class="dkst-feed-links">[^<]*<a href="rss\.xml"', home), "a visible RSS link on the home page"
    area = catalog.taxonomy.areas[0]
    listing = (built_site / urls.area(area.slug) / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/rss+xml"' in listing and 'href="rss.xml"' in listing
    assert re.search(r'class="dkst-feed-links">.*?href="rss\.xml"', listing)
    unit = next(u for u in catalog.taxonomy.units if u.current)
    listing = (built_site / urls.unit(unit.slug) / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in listing and 'href="atom.xml"' in listing
    for path in ("rss.xml", "atom.xml", urls.feed(urls.unit(unit.slug), "rss")):
        assert feedparser.parse((built_site / path).read_bytes()).bozo == 0
