"""All valid entries with the taxonomy, indexed every way the pages and outputs need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from generator.catalog import related as relatedness
from generator.common import urls
from generator.entries.model import Entry
from generator.common.taxonomy import Taxonomy
from generator.common.text import sort_key


@dataclass(frozen=True)
class Record:
    """One published entry: the validated model plus what the files around it told us."""

    slug: str
    rel: str  # source file, relative to the project root
    entry: Entry
    body: str
    image_rel: str | None = None  # image file relative to the project root, checked to exist

    @property
    def url(self) -> str:
        return urls.entry(self.slug)

    @property
    def year(self) -> int:
        return self.entry.year


@dataclass
class Catalog:
    taxonomy: Taxonomy
    records: list[Record]
    # What other modules derive from the whole catalogue and reuse (report rows, sorted awards): a catalogue
    # does not change once made, so such work is done once per build instead of once per page or report.
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.records = sorted(self.records, key=self._newest_first)

    def _newest_first(self, record: Record) -> tuple:
        # Sorting newest first, ties broken by a stable, human order so output is deterministic.
        applied = record.entry.applied_since or dt.date(record.year, 1, 1)
        return (-record.year, -applied.toordinal(), self.title_key[record.slug], record.slug)

    def added_key(self, record: Record) -> tuple:
        """Most recently added first: `added` (the day the entry entered the catalogue), else, for an entry
        without it, the date it states (applied_since, else 1 January of its year); ties in catalogue order."""
        e = record.entry
        day = e.added or e.applied_since or dt.date(record.year, 1, 1)
        return (-day.toordinal(), self.position[record.slug])

    def recently_added(self, records: list[Record] | None = None) -> list[Record]:
        """Records (all, or the given ones) most recently added first: feeds, "Mới cập nhật", embeds."""
        return sorted(self.records if records is None else records, key=self.added_key)

    @cached_property
    def latest(self) -> list[Record]:
        """The whole catalogue, most recently added first."""
        return self.recently_added()

    @cached_property
    def title_key(self) -> dict[str, tuple]:
        """Slug → collation key of the entry's title: listings, reports and bulletins all sort by title."""
        return {r.slug: sort_key(r.entry.title) for r in self.records}

    @cached_property
    def position(self) -> dict[str, int]:
        """Slug → place in `records` (newest first), to put any subset back in catalogue order."""
        return {r.slug: i for i, r in enumerate(self.records)}

    # --- resolved labels -----------------------------------------------------------------------
    def status(self, record: Record) -> str:
        return record.entry.status or self.taxonomy.default_status

    def current_unit(self, record: Record) -> str:
        return self.taxonomy.successor(record.entry.unit)

    # --- indexes -------------------------------------------------------------------------------
    @cached_property
    def by_slug(self) -> dict[str, Record]:
        return {r.slug: r for r in self.records}

    def _group(self, key) -> dict:
        out: dict = defaultdict(list)
        for r in self.records:
            for k in key(r):
                out[k].append(r)
        return dict(out)

    @cached_property
    def by_area(self) -> dict[int, list[Record]]:
        return self._group(lambda r: [r.entry.area])

    @cached_property
    def by_unit(self) -> dict[str, list[Record]]:
        """Entries applied in the unit itself, or in any unit merged into it."""
        tax = self.taxonomy

        def keys(r: Record) -> list[str]:
            out, slug = [r.entry.unit], r.entry.unit
            while (nxt := tax.unit_by_slug[slug].merged_into) and nxt not in out:
                out.append(nxt)
                slug = nxt
            return out

        return self._group(keys)

    @cached_property
    def by_year(self) -> dict[int, list[Record]]:
        return self._group(lambda r: [r.year])

    @cached_property
    def by_type(self) -> dict[str, list[Record]]:
        return self._group(lambda r: [r.entry.type])

    @cached_property
    def by_organization(self) -> dict[str, list[Record]]:
        return self._group(lambda r: [r.entry.organization] if r.entry.organization else [])

    @cached_property
    def by_status(self) -> dict[str, list[Record]]:
        return self._group(lambda r: [self.status(r)])

    @cached_property
    def replicated_to(self) -> dict[str, list[Record]]:
        """Unit slug → entries replicated there."""
        return self._group(lambda r: list(dict.fromkeys(r.entry.replicated_in)))

    @cached_property
    def years(self) -> list[int]:
        return sorted(self.by_year, reverse=True)

    @cached_property
    def models(self) -> list[Record]:
        return [r for r in self.records if r.entry.type == "mo-hinh"]

    @cached_property
    def commended(self) -> list[Record]:
        return [r for r in self.records if r.entry.recognition]

    @cached_property
    def featured(self) -> list[Record]:
        return [r for r in self.records if r.entry.featured]

    RELATED_KEPT = 8  # related entries worked out per entry; pages show four

    @cached_property
    def _related_by_content(self) -> dict[str, list[Record]]:
        """Slug → entries about the same things, best first (catalog/related.py), for every entry at once."""
        tax = self.taxonomy
        places = relatedness.places_pattern([tax.unit_label(u.slug) for u in tax.units] + [u.name for u in tax.units])
        docs = [relatedness.terms(r.entry.title, r.entry.summary, r.entry.tags, places) for r in self.records]
        groups = [(self.current_unit(r), r.entry.area) for r in self.records]
        found = relatedness.related(docs, groups, self.RELATED_KEPT)
        return {r.slug: [self.records[j] for j in js] for r, js in zip(self.records, found)}

    def work_out_related(self) -> None:
        """Work out every entry's related entries now: they are found all at once, for the whole catalogue."""
        self._related_by_content  # noqa: B018 (a cached property, computed on first reading)

    def related(self, record: Record, limit: int = 4) -> list[Record]:
        """Entries about the same things (tags, title and summary words), the same unit then the same area
        breaking ties; if fewer share anything, entries of the same unit, then the same area, newest first.
        Never the entry itself."""
        out = self._related_by_content[record.slug][:limit]
        seen = {record.slug, *(r.slug for r in out)}  # slugs are unique in a catalogue: a slug stands for its record
        if len(out) == limit:
            return out
        unit = self.current_unit(record)
        # Walk the ready indexes and stop at `limit`: copying them for every entry made the site quadratic.
        for pool in (self.by_unit.get(unit, []), self.by_area.get(record.entry.area, [])):
            for r in pool:
                if r.slug not in seen:
                    seen.add(r.slug)
                    out.append(r)
                    if len(out) == limit:
                        return out
        return out
        return out
