"""Counting the catalogue, and the statistics pages (`thong-ke/`).

The counting functions are pure: records in, rows of counts out, every list taken from the taxonomy.
Units follow the 2025 arrangement: a current commune's figure includes the units merged into it, and
each former unit is still shown on its own line, so the reader can check that the totals add up.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable

from generator.pages import charts, views
from generator.common import urls
from generator.catalog.catalog import Catalog, Record
from generator.pages.pages import Asset, LazyContext, Page
from generator.common.text import format_date, format_number, sort_key

NO_ORGANIZATION = "Không ghi tổ chức chủ trì"
NO_ORGANIZATION_KEY = "khong-ghi"


@dataclass(frozen=True)
class Row:
    """One line of a count: what is counted, how many, where to read more."""

    key: str
    label: str
    count: int
    url: str | None = None
    short: str = ""  # label for a chart bar, when the full one is long
    part: bool = False  # a line already included in the line above it (a former unit of a commune)


# What a line of a count looks at in an entry (attrgetter reads it in C: counts go over every entry many times).
FIELDS: dict[str, Callable[[Record], object]] = {
    "area": attrgetter("entry.area"),
    "year": attrgetter("entry.year"),
    "unit": attrgetter("entry.unit"),
}


@dataclass(frozen=True)
class Line:
    """One row or column of a cross table: a label and which records belong to it, those whose field
    `by` (a key of FIELDS) is one of `values`. Counting by field values, not by a test per record and
    line, keeps a table of every unit × year linear in the number of entries."""

    key: str
    label: str
    by: str
    values: frozenset
    url: str | None = None
    part: bool = False

    def match(self, r: Record) -> bool:
        return FIELDS[self.by](r) in self.values


def line_counts(lines: list[Line], records: list[Record]) -> list[int]:
    """How many of the records each line holds."""
    n = {by: Counter(map(FIELDS[by], records)) for by in {line.by for line in lines}}
    return [sum(n[line.by][v] for v in line.values) for line in lines]


@dataclass
class Matrix:
    rows: list[Line]
    cols: list[Line]
    cells: list[list[int]]
    row_totals: list[int]
    col_totals: list[int]
    total: int


@dataclass(frozen=True)
class BenefitTotal:
    key: str
    name: str
    unit: str
    total: int
    entries: int


@dataclass(frozen=True)
class Award:
    level: str
    year: int
    title: str
    record: Record = field(compare=False)


# --- scopes ------------------------------------------------------------------------------------
def in_scope(cat: Catalog, year: int | None = None, unit: str | None = None) -> list[Record]:
    """Entries of a year and/or a unit (a current unit includes the units merged into it), newest first."""
    if not unit:
        return list(cat.records) if year is None else list(cat.by_year.get(year, []))
    if year is None:
        return list(cat.by_unit.get(unit, []))
    # Statistics and reports ask for every unit × year: the unit's entries are split by year once.
    by_year = cat.derived.setdefault("unit by year", {}).get(unit)
    if by_year is None:
        by_year = cat.derived["unit by year"][unit] = {}
        for r in cat.by_unit.get(unit, []):
            by_year.setdefault(r.entry.year, []).append(r)
    return list(by_year.get(year, []))


def unit_members(cat: Catalog, slug: str) -> list[str]:
    """The unit itself, then every unit merged into it (collation order)."""
    memo = cat.derived.setdefault("unit members", {})
    if slug not in memo:
        memo[slug] = (slug, *cat.taxonomy.predecessors(slug))
    return list(memo[slug])


def unit_groups(cat: Catalog) -> list[str]:
    """Units no other unit took over (current communes, then abolished ones): every entry counts in exactly one."""
    units = [u for u in cat.taxonomy.sorted_units() if not u.merged_into]
    return [u.slug for u in units if u.current] + [u.slug for u in units if not u.current]


# --- one-way counts ----------------------------------------------------------------------------
def count_areas(cat: Catalog, records: list[Record]) -> list[Row]:
    n = Counter(map(FIELDS["area"], records))
    return [Row(str(a.number), f"{a.number}. {a.name}", n[a.number], urls.area(a.slug), short=f"{a.number}. {a.short}")
            for a in cat.taxonomy.areas]


def count_years(records: list[Record]) -> list[Row]:
    n = Counter(map(FIELDS["year"], records))
    return [Row(str(y), str(y), n[y], urls.year(y)) for y in sorted(n)]


def count_types(cat: Catalog, records: list[Record]) -> list[Row]:
    n = Counter(map(attrgetter("entry.type"), records))
    return [Row(t.slug, t.name, n[t.slug], urls.entry_type(t.slug)) for t in cat.taxonomy.types]


def count_statuses(cat: Catalog, records: list[Record]) -> list[Row]:
    n = Counter(map(cat.status, records))
    return [Row(s.slug, s.name, n[s.slug]) for s in cat.taxonomy.statuses]


def count_organizations(cat: Catalog, records: list[Record]) -> list[Row]:
    """Organisations that led at least one entry, most first; entries naming none on a last line."""
    tax = cat.taxonomy
    n = Counter(map(attrgetter("entry.organization"), records))
    rows = [Row(o.slug, o.name, n[o.slug], urls.organization(o.slug), short=o.short) for o in tax.organizations if n[o.slug]]
    rows.sort(key=lambda row: (-row.count, sort_key(row.label)))
    if n[None]:
        rows.append(Row(NO_ORGANIZATION_KEY, NO_ORGANIZATION, n[None]))
    return rows


def unit_lines(cat: Catalog, *, only: str | None = None, year: int | None = None) -> list[Line]:
    """Rows for counting by unit: each group unit, then (as parts) each unit whose entries it includes.

    A part line is already counted in its group line; a group with no predecessors has no parts.
    With `only`, the lines of that unit alone (its own entries and each predecessor's). With `year`,
    only units that existed that year (a group stays when one of its members did).
    """
    tax = cat.taxonomy
    out: list[Line] = []

    def existed(slugs: list[str]) -> bool:
        return year is None or any(tax.unit_by_slug[s].valid_in_year(year) for s in slugs)

    for slug in [only] if only else unit_groups(cat):
        members = unit_members(cat, slug)
        if not only and existed(members):
            out.append(Line(slug, tax.unit_title(slug), "unit", frozenset(members), urls.stats_unit(slug)))
        if len(members) > 1:
            for m in members:
                if not existed([m]):
                    continue
                label = (f"Ghi cho chính {tax.unit_label(m)} (từ {_since(cat, m)})" if m == slug
                         else tax.unit_title(m))
                # The commune's own line has no page of its own: its page is the group's, predecessors included.
                out.append(Line(m, label, "unit", frozenset([m]), None if m == slug else urls.stats_unit(m),
                                part=not only))
    return out


def units_text(cat: Catalog, slugs: list[str]) -> str:
    """'Xã Tâm Thắng, xã Trúc Sơn': a list of unit names as running text."""
    names = [views.unit_name(cat, s) for s in dict.fromkeys(slugs)]
    return ", ".join(n if i == 0 else n[0].lower() + n[1:] for i, n in enumerate(names))


def _since(cat: Catalog, slug: str) -> str:
    unit = cat.taxonomy.unit_by_slug[slug]
    return format_date(unit.valid_from) if unit.valid_from else ""


def count_units(cat: Catalog, records: list[Record], year: int | None = None) -> list[Row]:
    """Per group unit (current communes include their predecessors), each followed by its parts."""
    lines = unit_lines(cat, year=year)
    return [Row(line.key, line.label, n, line.url, part=line.part) for line, n in zip(lines, line_counts(lines, records))]


def cross(records: list[Record], rows: list[Line], cols: list[Line]) -> Matrix:
    """Counts of records in each row × column; totals add up the lines that are not parts."""
    pairs = {(a, b): Counter(zip(map(FIELDS[a], records), map(FIELDS[b], records)))
             for a in {row.by for row in rows} for b in {col.by for col in cols}}
    cells = [[sum(pairs[row.by, col.by][x, y] for x in row.values for y in col.values) for col in cols] for row in rows]
    if len(pairs) == 1:  # the usual table, one field down and one across: the totals are its margins
        (counted,) = pairs.values()
        down, across = Counter(), Counter()
        for (x, y), n in counted.items():
            down[x] += n
            across[y] += n
        row_totals = [sum(down[v] for v in row.values) for row in rows]
        col_totals = [sum(across[v] for v in col.values) for col in cols]
    else:
        row_totals, col_totals = line_counts(rows, records), line_counts(cols, records)
    return Matrix(rows, cols, cells, row_totals, col_totals, len(records))


def area_lines(cat: Catalog) -> list[Line]:
    return [Line(str(a.number), f"{a.number}. {a.short}", "area", frozenset([a.number]), urls.area(a.slug))
            for a in cat.taxonomy.areas]


def year_lines(records: list[Record]) -> list[Line]:
    return [Line(str(y), str(y), "year", frozenset([y]), urls.year(y)) for y in sorted({r.entry.year for r in records})]


# --- commendations, replication, benefits --------------------------------------------------------
def _all_awards(cat: Catalog) -> list[Award]:
    """Every commendation of the catalogue, in the order `awards` gives, sorted once per catalogue."""
    found = cat.derived.get("awards")
    if found is None:
        rank = {lv.slug: i for i, lv in enumerate(reversed(cat.taxonomy.recognition_levels))}
        titles = cat.title_key
        keys: dict[str, tuple] = {}  # award titles repeat ("Giấy khen của Chủ tịch UBND xã …")
        found = [Award(rec.level, rec.year, rec.title, r) for r in cat.records for rec in r.entry.recognition]
        found.sort(key=lambda a: (rank[a.level], -a.year, titles[a.record.slug],
                                  keys.get(a.title) or keys.setdefault(a.title, sort_key(a.title))))
        cat.derived["awards"] = found
    return found


def awards(cat: Catalog, records: list[Record], year: int | None = None) -> list[Award]:
    """Commendations of these entries (in `year`, when given: the year it was awarded), highest level first.

    `records` are entries of `cat` in its order (as `in_scope` gives them): the catalogue's commendations are
    sorted once, and those that tie on every key keep that order."""
    found = _all_awards(cat)
    if len(records) != len(cat.records):
        wanted = {r.slug for r in records}
        found = [a for a in found if a.record.slug in wanted]
    return found[:] if year is None else [a for a in found if a.year == year]


def unit_awards(cat: Catalog, unit: str | None, year: int | None = None) -> list[Award]:
    """`awards` of a unit's entries (a current unit's include its predecessors'; every entry's for None),
    found once per unit for the statistics and reports of all its years."""
    memo = cat.derived.setdefault("unit awards", {})
    found = memo.get(unit)
    if found is None:
        found = memo[unit] = awards(cat, in_scope(cat, None, unit))
    return found[:] if year is None else [a for a in found if a.year == year]


def count_awards(cat: Catalog, found: list[Award]) -> list[Row]:
    """Commendations (lượt) per level, highest first."""
    n = Counter(a.level for a in found)
    return [Row(lv.slug, lv.name, n[lv.slug]) for lv in reversed(cat.taxonomy.recognition_levels)]


def replicated(records: list[Record]) -> list[Record]:
    """Entries that spread to other units, model programmes first."""
    spread = [r for r in records if r.entry.replicated_in]
    return [r for r in spread if r.entry.type == "mo-hinh"] + [r for r in spread if r.entry.type != "mo-hinh"]


def replicated_into(cat: Catalog, units: list[str], year: int | None = None) -> list[Record]:
    """Entries from elsewhere replicated in any of these units."""
    wanted = frozenset(units)
    memo = cat.derived.setdefault("replicated into", {})
    found = memo.get(wanted)
    if found is None:  # every year of the same units: found once, in catalogue order
        found = {r.slug: r for u in wanted for r in cat.replicated_to.get(u, []) if r.entry.unit not in wanted}
        found = memo[wanted] = sorted(found.values(), key=lambda r: cat.position[r.slug])
    return [r for r in found if year is None or r.entry.year == year]


def count_replication_targets(cat: Catalog, records: list[Record]) -> list[Row]:
    """How many of these entries each unit took up, most first."""
    tax = cat.taxonomy
    n = Counter(s for r in records for s in dict.fromkeys(r.entry.replicated_in))
    rows = [Row(s, tax.unit_title(s), c, urls.unit(s)) for s, c in n.items()]
    rows.sort(key=lambda row: (-row.count, sort_key(row.label)))
    return rows


def benefit_totals(cat: Catalog, records: list[Record]) -> list[BenefitTotal]:
    sums = {b.key: [0, 0] for b in cat.taxonomy.benefits}  # total, entries: one pass over the records
    for r in records:
        for key, value in r.entry.benefits.items():
            if (found := sums.get(key)) is not None:
                found[0] += value
                found[1] += 1
    return [BenefitTotal(b.key, b.name, b.unit, *sums[b.key]) for b in cat.taxonomy.benefits]


# --- tables and sections for the templates -----------------------------------------------------------
def cell(text, url: str | None = None, num: bool = False) -> dict:
    return {"text": format_number(text) if isinstance(text, int) else str(text), "url": url, "num": num or isinstance(text, int)}


def table(key: str, caption: str, head: list[str], rows: list[dict], foot: list[dict] | None = None) -> dict:
    # A short table is kept on one printed page; a long one may break between rows.
    return {"key": key, "caption": caption, "head": head, "rows": rows, "foot": foot, "keep": len(rows) <= 8}


def row(key: str, cells: list[dict], part: bool = False) -> dict:
    return {"key": key, "cells": cells, "part": part}


def rows_table(key: str, caption: str, head: list[str], rows: list[Row], total: bool = True) -> dict:
    body = [row(r.key, [cell(r.label, r.url), cell(r.count)], r.part) for r in rows]
    foot = [cell("Tổng cộng"), cell(sum(r.count for r in rows if not r.part))] if total else None
    return table(key, caption, head, body, foot)


def matrix_table(key: str, caption: str, corner: str, m: Matrix) -> dict:
    head = [corner, *[c.label for c in m.cols], "Tổng"]
    body = [row(line.key, [cell(line.label, line.url), *[cell(v) for v in values], cell(total)], line.part)
            for line, values, total in zip(m.rows, m.cells, m.row_totals)]
    foot = [cell("Tổng cộng"), *[cell(v) for v in m.col_totals], cell(m.total)]
    return table(key, caption, head, body, foot)


def chart(key: str, title: str, rows: list[Row], unit: str = "mục") -> str:
    return charts.bar_chart(f"bieu-do-{key}", title, [(r.short or r.label, r.count) for r in rows if not r.part], unit)


def _section(key: str, title: str, *, intro: str = "", blocks: list[dict]) -> dict:
    return {"id": key, "title": title, "intro": intro, "blocks": blocks}


def _block(tbl: dict, svg: str | None = None) -> dict:
    return {"chart": svg, "table": tbl}


def merge_day(cat: Catalog) -> str:
    """'1/7/2025': the day the first merged units were taken over (from the taxonomy, not written here)."""
    days = [u.valid_until for u in cat.taxonomy.units if u.merged_into and u.valid_until]
    return format_date(min(days) + dt.timedelta(days=1)) if days else ""


def unit_note(cat: Catalog) -> str:
    return (f"Số của mỗi xã hiện nay đã gồm số của các đơn vị cũ được sắp xếp vào xã từ ngày {merge_day(cat)} "
            "(các dòng thụt vào, ghi theo tên cũ). Dòng “Tổng cộng” chỉ cộng các dòng in đậm.")


def sections(cat: Catalog, *, year: int | None = None, unit: str | None = None) -> list[dict]:
    """Every count of one scope (all, a year, a unit), as sections of chart + table."""
    tax = cat.taxonomy
    records = in_scope(cat, year, unit)
    out: list[dict] = []

    areas = count_areas(cat, records)
    out.append(_section("linh-vuc", "Theo lĩnh vực thi đua", blocks=[
        _block(rows_table("linh-vuc", "Số mục theo lĩnh vực", ["Lĩnh vực", "Số mục"], areas),
               chart("linh-vuc", "Số mục theo lĩnh vực", areas))]))

    if year is None:
        years = count_years(records)
        blocks = [_block(rows_table("nam", "Số mục theo năm", ["Năm", "Số mục"], years),
                         chart("nam", "Số mục theo năm", years))]
        if records:
            blocks.append(_block(matrix_table("linh-vuc-nam", "Số mục theo lĩnh vực và năm", "Lĩnh vực",
                                              cross(records, area_lines(cat), year_lines(records)))))
        out.append(_section("nam", "Theo năm", blocks=blocks))

    members = unit_members(cat, unit) if unit else None
    if unit is None:
        units = count_units(cat, records, year)
        blocks = [_block(rows_table("don-vi", "Số mục theo đơn vị", ["Đơn vị", "Số mục"], units),
                         chart("don-vi", "Số mục theo đơn vị (xã hiện nay gồm cả đơn vị cũ)", units))]
        cols = area_lines(cat)
        blocks.append(_block(matrix_table("don-vi-linh-vuc", "Số mục theo đơn vị và lĩnh vực", "Đơn vị",
                                          cross(records, unit_lines(cat, year=year), cols))))
        if year is None and records:
            blocks.append(_block(matrix_table("don-vi-nam", "Số mục theo đơn vị và năm", "Đơn vị",
                                              cross(records, unit_lines(cat), year_lines(records)))))
        out.append(_section("don-vi", "Theo đơn vị", intro=unit_note(cat), blocks=blocks))
    elif len(members) > 1:
        lines = unit_lines(cat, only=unit, year=year)
        parts = [Row(line.key, line.label, n, line.url) for line, n in zip(lines, line_counts(lines, records))]
        blocks = [_block(rows_table("don-vi", "Số mục theo đơn vị ghi trong mục", ["Đơn vị", "Số mục"], parts),
                         chart("don-vi", "Số mục theo đơn vị ghi trong mục", parts))]
        if records:
            blocks.append(_block(matrix_table("don-vi-nam", "Số mục theo đơn vị và năm", "Đơn vị",
                                              cross(records, lines, year_lines(records)))))
        out.append(_section("don-vi", "Theo đơn vị trước và sau sắp xếp", blocks=blocks, intro=(
            f"{tax.unit_title(unit)} gồm các sáng kiến ghi cho chính xã và cho các đơn vị cũ được sắp xếp vào xã; "
            "mỗi mục vẫn ghi theo tên đơn vị cũ.")))

    types = count_types(cat, records)
    out.append(_section("loai", "Theo loại", blocks=[
        _block(rows_table("loai", "Số mục theo loại", ["Loại", "Số mục"], types), chart("loai", "Số mục theo loại", types))]))
    statuses = count_statuses(cat, records)
    out.append(_section("trang-thai", "Theo trạng thái", blocks=[
        _block(rows_table("trang-thai", "Số mục theo trạng thái", ["Trạng thái", "Số mục"], statuses),
               chart("trang-thai", "Số mục theo trạng thái", statuses))]))
    orgs = count_organizations(cat, records)
    out.append(_section("to-chuc", "Theo tổ chức chủ trì", blocks=[
        _block(rows_table("to-chuc", "Số mục theo tổ chức chủ trì", ["Tổ chức", "Số mục"], orgs),
               chart("to-chuc", "Số mục theo tổ chức chủ trì", orgs))]))

    # Commendations of a year are those awarded in it, whatever the entry's own year.
    found = unit_awards(cat, unit, year)
    levels = count_awards(cat, found)
    honoured = len({a.record.slug for a in found})
    out.append(_section("khen-thuong", "Khen thưởng theo cấp", blocks=[
        _block(rows_table("khen-thuong", "Số lượt khen thưởng theo cấp", ["Cấp khen thưởng", "Số lượt"], levels),
               chart("khen-thuong", "Số lượt khen thưởng theo cấp", levels, "lượt"))],
        intro=(f"{len(found)} lượt khen thưởng cho {honoured} sáng kiến, mô hình"
               + (f", trao trong năm {year}." if year else ".") + " Danh sách chi tiết ở trang Vinh danh.")))

    spread = replicated(records)
    rep_rows = [row(r.slug, [cell(r.entry.title, r.url), cell(tax.type_by_slug[r.entry.type].name),
                             cell(views.unit_name(cat, r.entry.unit), urls.unit(r.entry.unit)),
                             cell(units_text(cat, r.entry.replicated_in)),
                             cell(len(dict.fromkeys(r.entry.replicated_in)))]) for r in spread]
    targets = count_replication_targets(cat, spread)
    blocks = []
    if spread:
        blocks.append(_block(rows_table("nhan-rong-tai", "Số sáng kiến, mô hình được nhân rộng tới mỗi đơn vị",
                                        ["Đơn vị nhân rộng", "Số mục"], targets, total=False),
                             chart("nhan-rong-tai", "Số sáng kiến, mô hình được nhân rộng tới mỗi đơn vị", targets)))
    blocks.append(_block(table("nhan-rong", "Sáng kiến, mô hình đã nhân rộng sang đơn vị khác",
                               ["Tên", "Loại", "Đơn vị xây dựng", "Nhân rộng tại", "Số đơn vị"], rep_rows)))
    if unit:
        incoming = replicated_into(cat, members, year)
        blocks.append(_block(table("nhan-rong-den", "Sáng kiến, mô hình nơi khác được nhân rộng tại đơn vị",
                                   ["Tên", "Loại", "Đơn vị xây dựng"],
                                   [row(r.slug, [cell(r.entry.title, r.url), cell(tax.type_by_slug[r.entry.type].name),
                                                 cell(views.unit_name(cat, r.entry.unit), urls.unit(r.entry.unit))])
                                    for r in incoming])))
    models = [r for r in records if r.entry.type == "mo-hinh"]
    out.append(_section("nhan-rong", "Nhân rộng mô hình", blocks=blocks, intro=(
        f"{len(models)} mô hình “Đoàn kết sáng tạo”, {sum(1 for r in models if r.entry.replicated_in)} mô hình "
        f"đã được nhân rộng; tổng cộng {len(spread)} sáng kiến, mô hình được nhân rộng sang đơn vị khác.")))

    gains = benefit_totals(cat, records)
    out.append(_section("hieu-qua", "Hiệu quả đo được", intro=(
        "Cộng các con số hiệu quả các mục tự báo cáo; mục không ghi số liệu không được tính."), blocks=[
        _block(table("hieu-qua", "Tổng các con số hiệu quả", ["Chỉ tiêu", "Tổng", "Đơn vị tính", "Số mục có số liệu"],
                     [row(g.key, [cell(g.name), cell(g.total), cell(g.unit), cell(g.entries)]) for g in gains]))]))
    return out


# --- pages -------------------------------------------------------------------------------------
def _choices(cat: Catalog, *, year: int | None, unit: str | None) -> dict:
    tax = cat.taxonomy
    years = [{"text": "Tất cả các năm", "url": urls.STATS, "current": year is None and unit is None}]
    years += [{"text": str(y), "url": urls.stats_year(y), "current": y == year} for y in sorted(cat.years)]
    groups = unit_groups(cat)
    current = [{"text": tax.unit_title(s), "url": urls.stats_unit(s), "current": s == unit} for s in groups
               if tax.unit_by_slug[s].current]
    former = [{"text": tax.unit_title(u.slug), "url": urls.stats_unit(u.slug), "current": u.slug == unit}
              for u in tax.sorted_units() if not u.current]
    return {"years": years, "current_units": current, "former_units": former,
            "former_title": f"Đơn vị trước ngày {merge_day(cat)}"}


def _summary(cat: Catalog, records: list[Record]) -> str:
    tax = cat.taxonomy
    n = Counter(r.entry.type for r in records)
    parts = [f"{n[t.slug]} {t.name[0].lower()}{t.name[1:]}" for t in tax.types if n[t.slug]]
    return f"{len(records)} mục" + (f": {', '.join(parts)}." if parts else ".")


def _page(cat: Catalog, url: str, heading: str, intro: str, *, year: int | None = None, unit: str | None = None,
          reports: list[dict] | None = None) -> Page:
    records = in_scope(cat, year, unit)
    summary = _summary(cat, records)

    def context() -> dict:
        return {
            "heading": heading,
            "intro": intro,
            "summary": summary,
            "total": len(records),
            "choices": _choices(cat, year=year, unit=unit),
            "sections": sections(cat, year=year, unit=unit),
            "reports": reports or [],
            "merged": views.merged_note(cat, unit) if unit else None,
            "listing_url": urls.unit(unit) if unit else (urls.year(year) if year else None),
        }

    return Page(url=url, title=heading, template="stats.html", context=LazyContext(context), kind="stats",
                description=f"{heading}: {summary}")


def overview_page(cat: Catalog) -> Page:
    site = cat.taxonomy.site
    reports = [{"text": f"Báo cáo năm {y}", "url": urls.report(y)} for y in sorted(cat.years)]
    return _page(cat, urls.STATS, "Thống kê", f"Số liệu phong trào “{site.name}” {site.region_full}, "
                 "tính từ các mục trong cơ sở dữ liệu, cập nhật mỗi khi trang được dựng lại.", reports=reports)


def year_page(cat: Catalog, year: int) -> Page:
    return _page(cat, urls.stats_year(year), f"Thống kê năm {year}",
                 f"Các mục của năm {year}; khen thưởng tính theo năm được trao.", year=year,
                 reports=[{"text": f"Báo cáo năm {year}", "url": urls.report(year)}])


def unit_page(cat: Catalog, slug: str) -> Page:
    tax = cat.taxonomy
    preds = tax.predecessors(slug)
    intro = (f"Gồm cả các mục của {', '.join(tax.unit_label(s) for s in preds)} trước khi sắp xếp." if preds else
             "Các mục ghi cho đơn vị này.")
    reports = [{"text": f"Báo cáo năm {y}", "url": urls.report(y, slug)} for y in sorted(cat.years)
               if slug in {u.slug for u in report_units(cat, y)}]
    return _page(cat, urls.stats_unit(slug), f"Thống kê: {tax.unit_title(slug)}", intro, unit=slug, reports=reports)


def report_units(cat: Catalog, year: int):
    """Units with a report for a year: those that existed that year, and every current commune."""
    return [u for u in cat.taxonomy.sorted_units() if u.valid_in_year(year) or u.current]


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    pages = [overview_page(cat)]
    pages += [year_page(cat, y) for y in sorted(cat.years)]
    pages += [unit_page(cat, u.slug) for u in cat.taxonomy.sorted_units()]
    return pages, []
