"""Turn the built sitemap into a small sitemap index pointing at the full list.

Material's script fetches `sitemap.xml` beside every `<link rel="alternate">` of a page (it takes them for
language versions), and our pages link their RSS/Atom feeds that way. With 10,000 entries the full sitemap
is 4 MB (300 KB compressed), which every visitor's phone would download with the first page it opens. An
index of one line costs nothing to fetch; search engines read the full list from `sitemap-1.xml`.

The same script fetches `sitemap.xml` beside a listing's own feeds too (`linh-vuc/<slug>/sitemap.xml`): each
such folder gets a copy of the index, so a listing logs no 404 (two per page before, one per feed link).
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

SITEMAP = "sitemap.xml"
FULL = "sitemap-1.xml"


def _gzip(data: bytes, mtime: int) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=mtime)


def index_sitemap(site_dir: str | os.PathLike, site_url: str, feed_folders=()) -> None:
    """Move sitemap.xml (and .gz) to sitemap-1.xml and write an index in its place, and a copy of the index in
    each of `feed_folders` (site-relative, "" or ending in "/"); no-op without a sitemap."""
    site = Path(site_dir)
    full = site / SITEMAP
    if not full.is_file() or not site_url:
        return
    data = full.read_bytes()
    if b"<sitemapindex" in data:
        _beside_feeds(site, data, feed_folders)
        return
    dates = sorted(set(re.findall(rb"<lastmod>([^<]+)</lastmod>", data)))
    lastmod = f"\n    <lastmod>{dates[-1].decode()}</lastmod>" if dates else ""
    index = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             f'  <sitemap>\n    <loc>{site_url.rstrip("/")}/{FULL}</loc>{lastmod}\n  </sitemap>\n'
             '</sitemapindex>\n').encode()
    os.replace(full, site / FULL)
    full.write_bytes(index)
    _beside_feeds(site, index, feed_folders)
    packed = site / f"{SITEMAP}.gz"
    if packed.is_file():
        # Same header time as MkDocs gave the full list (the catalogue's date), so builds stay byte-identical.
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        os.replace(packed, site / f"{FULL}.gz")
        packed.write_bytes(_gzip(index, mtime))


def _beside_feeds(site: Path, index: bytes, feed_folders) -> None:
    for folder in sorted(set(feed_folders)):
        target = site / folder / SITEMAP
        if folder and target.parent.is_dir() and not target.exists():
            target.write_bytes(index)
