"""The one date a build may stamp on the site, taken from the entries instead of the clock.

MkDocs writes the build date into sitemap.xml (`<lastmod>`) and into the gzip header of
sitemap.xml.gz. It honours SOURCE_DATE_EPOCH (the reproducible-builds convention), so the adapter sets
it to the newest date of the catalogue: the site changes date when its content does, not every day.
"""

from __future__ import annotations

import datetime as dt

from generator.catalog.catalog import Catalog


def newest_date(cat: Catalog) -> dt.date:
    """The latest date an entry states (added, else applied_since, else 1 January of its year)."""
    dates = [r.entry.added or r.entry.applied_since or dt.date(r.entry.year, 1, 1) for r in cat.records]
    return max(dates, default=dt.date(cat.taxonomy.site.first_year, 1, 1))


def source_date_epoch(cat: Catalog) -> str:
    day = newest_date(cat)
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))
