"""The yearly report (due each 20 November) of the whole region or of one unit, and its pages (`bao-cao/`).

`build(cat, year, unit)` gathers a report's figures once; the printable page, the spreadsheet, the CSV
and the Markdown text (generator.outputs.exports) all format that same object. A current commune's report
for any year includes the units merged into it, each entry still under its original unit's name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.outputs import stats
from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.common.text import admin_date, format_date

# The national heading of every administrative document.
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class GridRow:
    key: str
    values: list  # the row's label first, then texts or whole numbers
    url: str | None = None
    part: bool = False  # already counted in the row above it


@dataclass(frozen=True)
class Grid:
    """A table of a report: the same rows on the page, in the spreadsheet and in Markdown."""

    key: str
    caption: str
    head: list[str]
    rows: list[GridRow]
    foot: list | None = None


@dataclass(frozen=True)
class Item:
    """One entry as a report lists it; `unit` is the unit the entry names, as it was called then."""

    number: int
    record: Record = field(repr=False, compare=False)
    title: str
    type: str
    area: str
    unit: str
    current_unit: str
    organization: str
    year: int
    status: str
    summary: str
    authors: str
    applied_since: dt.date | None
    replicated_in: str
    recognition: str
    benefits: dict
    url: str


@dataclass(frozen=True)
class Report:
    year: int
    unit: str | None
    body_unit: str | None  # the unit whose Front issues the report (the district for the region, while it existed)
    body: tuple[str, str]  # name of the reporting body, two lines, upper case
    author: str  # the same name as a sentence writes it: 'Ủy ban MTTQ Việt Nam xã Đắk Wil'
    place: str
    date: dt.date
    title: str
    subtitle: str
    scope: str  # 'xã Đắk Wil', 'vùng Cư Jút'
    note: str
    overview: str
    by_area: Grid
    by_unit: Grid | None
    by_status: Grid
    by_level: Grid
    benefits: Grid
    items: list[Item]
    models: Grid
    incoming: Grid | None
    awards: Grid
    benefit_heads: list  # (key, column header) for each measured result the taxonomy defines
    # Shared by the reports of one catalogue and address: an entry's row, the same in each report listing it.
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def place_date(self) -> str:
        return f"{self.place}, {admin_date(self.date)}"

    @property
    def slug(self) -> str:
        return f"{urls.REPORT_FILE}-{self.year}" + (f"-{self.unit}" if self.unit else "")


def report_date(cat: Catalog, year: int) -> dt.date:
    month, day = (int(x) for x in cat.taxonomy.site.report_deadline.split("-"))
    return dt.date(year, month, day)


def report_units(cat: Catalog, year: int) -> list[str]:
    return [u.slug for u in stats.report_units(cat, year)]


def _region_unit(cat: Catalog, day: dt.date) -> str | None:
    """The unit over the whole region on that day (the district, until it was abolished)."""
    tax = cat.taxonomy
    parents = {u.parent for u in tax.units if u.parent}
    return next((u.slug for u in tax.units if u.slug in parents and u.valid_on(day)), None)


def _region_name(cat: Catalog) -> str:
    # region_full reads 'vùng Cư Jút (huyện Cư Jút cũ, …)': the part before the bracket names the region.
    return cat.taxonomy.site.region_full.split(" (")[0]


def _body_name(cat: Catalog) -> str:
    """'Ủy ban MTTQ Việt Nam': the body's name as document headers write it, with the taxonomy's abbreviation."""
    name = cat.taxonomy.site.front_body
    found = sorted((len(full), abbr, full) for abbr, full in cat.taxonomy.abbreviations.items() if full in name)
    if found:
        _, abbr, full = found[0]
        name = name.replace(full, abbr)
    return name


def _records(cat: Catalog, year: int, unit: str | None) -> list[Record]:
    """By area, then unit (taxonomy order), then title: the order a report reads in."""
    rank = cat.derived.get("report order")
    if rank is None:  # the whole catalogue ranked once; each report sorts its part by that rank
        order = {u.slug: i for i, u in enumerate(cat.taxonomy.sorted_units())}
        titles = cat.title_key
        ranked = sorted(cat.records, key=lambda r: (r.entry.area, order[r.entry.unit], titles[r.slug], r.slug))
        rank = cat.derived["report order"] = {r.slug: i for i, r in enumerate(ranked)}
    return sorted(stats.in_scope(cat, year, unit), key=lambda r: rank[r.slug])


def _count_grid(key: str, caption: str, corner: str, lines: list[tuple[str, str, list[Record], bool, str | None]],
                cat: Catalog, total: list[Record]) -> Grid:
    """Rows of (key, label, records, part, url) counted by type, with a total column and row."""
    types = cat.taxonomy.types
    rows = []
    for key_, label, records, part, url in lines:
        n = Counter(r.entry.type for r in records)
        rows.append(GridRow(key_, [label, *[n[t.slug] for t in types], len(records)], url, part))
    n = Counter(r.entry.type for r in total)
    return Grid(key, caption, [corner, *[t.plural for t in types], "Tổng"], rows,
                ["Tổng cộng", *[n[t.slug] for t in types], len(total)])


def _item(cat: Catalog, n: int, r: Record, site_url: str) -> Item:
    # An entry reads the same in every report that lists it (its year's, its unit's, its commune's): only
    # its number changes, so its fields are worked out once.
    memo = cat.derived.setdefault(("report items", site_url), {})
    fields = memo.get(r.slug)
    if fields is None:
        tax = cat.taxonomy
        e = r.entry
        area = tax.area_by_number[e.area]
        fields = memo[r.slug] = dict(
            title=e.title, type=tax.type_by_slug[e.type].name, area=f"{area.number}. {area.short}",
            unit=views.unit_name(cat, e.unit), current_unit=views.unit_name(cat, cat.current_unit(r)),
            organization=tax.org_by_slug[e.organization].name if e.organization else "",
            year=e.year, status=tax.status_by_slug[cat.status(r)].name, summary=e.summary,
            authors="; ".join(e.authors), applied_since=e.applied_since,
            replicated_in=stats.units_text(cat, e.replicated_in),
            recognition="; ".join(f"{rec.title} ({tax.level_by_slug[rec.level].name.lower()}, năm {rec.year})"
                                  for rec in e.recognition),
            benefits=dict(e.benefits), url=views.absolute(site_url, r.url) if site_url else r.url,
        )
    return Item(number=n, record=r, **fields)


def _note(cat: Catalog, year: int, unit: str | None) -> str:
    tax = cat.taxonomy
    if unit is None:
        return ""
    u = tax.unit_by_slug[unit]
    preds = tax.predecessors(unit)
    if preds and u.valid_from:
        names = stats.units_text(cat, preds)
        names = names[0].lower() + names[1:]
        before = year < u.valid_from.year
        return (f"{tax.unit_label(unit)[0].upper()}{tax.unit_label(unit)[1:]}, tỉnh {u.province}, được thành lập từ ngày "
                f"{format_date(u.valid_from)} trên cơ sở sắp xếp {names}. "
                + (f"Báo cáo năm {year} tổng hợp sáng kiến, mô hình của các đơn vị này" if before else
                   f"Báo cáo năm {year} gồm cả sáng kiến, mô hình của các đơn vị này trước khi sắp xếp")
                + ", mỗi mục ghi theo tên đơn vị cũ.")
    merged = views.merged_note(cat, unit)
    if merged:
        return f"Từ ngày {merged['since']}, đơn vị này {merged['text']}."
    return ""


def build(cat: Catalog, year: int, unit: str | None = None, site_url: str = "") -> Report:
    """The report of one year for the whole region (unit None) or one unit and those merged into it."""
    tax = cat.taxonomy
    site = tax.site
    day = report_date(cat, year)
    records = _records(cat, year, unit)
    if unit:
        body_unit, place, scope = unit, tax.unit_by_slug[unit].name, tax.unit_label(unit)
    else:
        body_unit, place, scope = _region_unit(cat, day), site.region, _region_name(cat)
    author = f"{_body_name(cat)} {tax.unit_label(body_unit) if body_unit else scope}"
    body = (_body_name(cat).upper(), (tax.unit_label(body_unit) if body_unit else scope).upper())

    area_lines = [(str(a.number), f"{a.number}. {a.short}", [r for r in records if r.entry.area == a.number], False,
                   urls.area(a.slug)) for a in tax.areas]
    by_area = _count_grid("linh-vuc", "Số sáng kiến, mô hình theo lĩnh vực và loại", "Lĩnh vực", area_lines, cat, records)

    by_unit = None
    lines = stats.unit_lines(cat, year=year) if unit is None else (
        stats.unit_lines(cat, only=unit, year=year) if len(stats.unit_members(cat, unit)) > 1 else [])
    if lines:
        units = [r.entry.unit for r in records]
        unit_rows = [(line.key, line.label, [r for r, u in zip(records, units) if u in line.values], line.part, line.url)
                     for line in lines]
        by_unit = _count_grid("don-vi", "Số sáng kiến, mô hình theo đơn vị" + (
            " (xã hiện nay gồm cả đơn vị cũ, các dòng thụt vào đã tính ở dòng trên)" if unit is None else ""),
            "Đơn vị", unit_rows, cat, records)

    statuses = stats.count_statuses(cat, records)
    by_status = Grid("trang-thai", "Số sáng kiến, mô hình theo trạng thái", ["Trạng thái", "Số mục"],
                     [GridRow(s.key, [s.label, s.count]) for s in statuses], ["Tổng cộng", len(records)])

    found = stats.unit_awards(cat, unit, year)
    levels = stats.count_awards(cat, found)
    by_level = Grid("khen-thuong", f"Số lượt khen thưởng trao trong năm {year}, theo cấp", ["Cấp khen thưởng", "Số lượt"],
                    [GridRow(lv.key, [lv.label, lv.count]) for lv in levels], ["Tổng cộng", len(found)])
    awards = Grid("khen-thuong-chi-tiet", f"Khen thưởng trong năm {year}",
                  ["Cấp khen thưởng", "Hình thức khen thưởng", "Sáng kiến, mô hình", "Đơn vị"],
                  [GridRow(a.record.slug, [tax.level_by_slug[a.level].name, a.title, a.record.entry.title,
                                           views.unit_name(cat, a.record.entry.unit)], a.record.url) for a in found])

    gains = stats.benefit_totals(cat, records)
    benefits = Grid("hieu-qua", "Tổng các con số hiệu quả các mục báo cáo",
                    ["Chỉ tiêu", "Tổng", "Đơn vị tính", "Số mục có số liệu"],
                    [GridRow(g.key, [g.name, g.total, g.unit, g.entries]) for g in gains])

    model_rows = [r for r in records if r.entry.type == "mo-hinh"]
    model_rows += [r for r in records if r.entry.type != "mo-hinh" and r.entry.replicated_in]
    models = Grid("nhan-rong", "Mô hình “Đoàn kết sáng tạo” và sáng kiến được nhân rộng",
                  ["Tên", "Đơn vị xây dựng", "Trạng thái", "Nhân rộng tại"],
                  [GridRow(r.slug, [r.entry.title, views.unit_name(cat, r.entry.unit), tax.status_by_slug[cat.status(r)].name,
                                    stats.units_text(cat, r.entry.replicated_in) or "Chưa nhân rộng"], r.url)
                   for r in model_rows])
    incoming = None
    if unit:
        members = stats.unit_members(cat, unit)
        coming = stats.replicated_into(cat, members, year)
        incoming = Grid("nhan-rong-den", "Sáng kiến, mô hình nơi khác được nhân rộng tại đơn vị",
                        ["Tên", "Đơn vị xây dựng", "Nhân rộng tại"],
                        [GridRow(r.slug, [r.entry.title, views.unit_name(cat, r.entry.unit),
                                          stats.units_text(cat, [s for s in r.entry.replicated_in if s in members])],
                                 r.url)
                         for r in coming])

    n = Counter(r.entry.type for r in records)
    kinds = ", ".join(f"{n[t.slug]} {t.name[0].lower()}{t.name[1:]}" for t in tax.types if n[t.slug])
    spread = sum(1 for r in records if r.entry.replicated_in)
    overview = (f"Trong năm {year}, {scope} có {len(records)} sáng kiến, mô hình được ghi nhận"
                + (f" ({kinds})" if kinds else "") + f"; {spread} mục đã được nhân rộng sang đơn vị khác; "
                f"{len(found)} lượt khen thưởng được trao trong năm.")

    return Report(
        year=year, unit=unit, body_unit=body_unit, body=body, author=author, place=place, date=day, title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện phong trào thi đua “{site.name}” năm {year}", scope=scope,
        note=_note(cat, year, unit), overview=overview, by_area=by_area, by_unit=by_unit, by_status=by_status,
        by_level=by_level, benefits=benefits, items=[_item(cat, i, r, site_url) for i, r in enumerate(records, 1)],
        models=models, incoming=incoming, awards=awards,
        benefit_heads=[(b.key, f"{b.name} ({b.unit})") for b in tax.benefits],
        cache=cat.derived.setdefault(("report rows", site_url), {}),
    )


def all_reports(cat: Catalog, site_url: str = "") -> list[Report]:
    out = []
    for year in sorted(cat.years):
        out.append(build(cat, year, None, site_url))
        out += [build(cat, year, unit, site_url) for unit in report_units(cat, year)]
    return out
