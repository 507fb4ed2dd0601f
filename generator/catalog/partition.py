"""A partition of the catalogue: the entries of a few units, for a site built for those units alone.

A national catalogue is built as independent partitions (one per province, say), each its own build; see
bench/README.md, "Beyond one machine". A partition names units; it holds the entries whose unit is one of
them or was merged, directly or not, into one of them (a current commune's partition keeps its predecessors'
entries, as its listing does). The taxonomy stays whole, so every link to a unit page still resolves.
"""

from __future__ import annotations

from generator.common.problems import Problem
from generator.common.taxonomy import Taxonomy


def unknown_units(taxonomy: Taxonomy, units: list[str], where: str) -> list[Problem]:
    """A partition naming a unit the taxonomy does not know: one problem per name, with the valid ones."""
    known = taxonomy.unit_by_slug
    return [Problem(where, 1, f"Phân vùng `units` nêu `{u}`, không phải mã đơn vị nào trong danh mục. "
                              f"Các mã hợp lệ: {', '.join(sorted(known))}.") for u in units if u not in known]


def select(records: list, taxonomy: Taxonomy, units: list[str]) -> list:
    """The records of the partition, in their order; every record when `units` is empty."""
    if not units:
        return records
    wanted = set(units)
    return [r for r in records if not wanted.isdisjoint(_chain(taxonomy, r.entry.unit))]


def _chain(taxonomy: Taxonomy, slug: str) -> list[str]:
    """The unit and every unit it was merged into, in order (a commune → the commune it became → …)."""
    out, seen = [slug], {slug}
    while (nxt := taxonomy.unit_by_slug[slug].merged_into) and nxt not in seen:
        out.append(nxt)
        seen.add(nxt)
        slug = nxt
    return out
