"""The report pages (`bao-cao/`): each yearly report printable, with its spreadsheet and CSV files, and their index."""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.common import urls
from generator.common.text import format_date
from generator.outputs import exports, report_docx, stats
from generator.outputs.reports import MOTTO, NATION, Grid, Report, all_reports, build, report_date, report_units
from generator.pages import views
from generator.pages.pages import Asset, LazyContext, Page


DOCUMENT_LINK = "Tải báo cáo (Word)"
# What the officer still does with the Word file: the catalogue fills the figures, a person the rest.
DOCUMENT_NOTE = ("Bản Word đã có sẵn tiêu đề, số liệu, các bảng và danh sách sáng kiến; cán bộ điền số và ngày "
                 "văn bản, các phần để trống (dòng “……”): công tác tuyên truyền, đánh giá chung, phương hướng năm "
                 "sau, đề xuất, kiến nghị; ghi họ tên người ký, rồi in, ký và đóng dấu.")


def _html_table(g: Grid) -> dict:
    rows = [stats.row(r.key, [stats.cell(r.values[0], r.url), *[stats.cell(v) for v in r.values[1:]]], r.part)
            for r in g.rows]
    foot = [stats.cell(v) for v in g.foot] if g.foot else None
    return stats.table(g.key, g.caption, g.head, rows, foot)


def report_page(cat: Catalog, rep: Report) -> Page:
    heading = f"Báo cáo năm {rep.year}: {rep.scope}"
    description = f"{rep.subtitle} – {rep.scope}. {rep.overview}"
    return Page(url=urls.report(rep.year, rep.unit), title=heading, template="report.html",
                context=LazyContext(lambda: report_context(rep, heading)), kind="report", description=description)


def report_context(rep: Report, heading: str) -> dict:
    return {
        "heading": heading,
        "report": {
            "body": rep.body, "nation": NATION, "motto": MOTTO, "place_date": rep.place_date,
            "title": rep.title, "subtitle": rep.subtitle, "scope": rep.scope[0].upper() + rep.scope[1:],
            "note": rep.note, "overview": rep.overview,
        },
        "document": {"text": DOCUMENT_LINK, "url": urls.report_file(rep.year, rep.unit, "docx"), "note": DOCUMENT_NOTE},
        "files": [{"text": "Bảng tính Excel (XLSX)", "url": urls.report_file(rep.year, rep.unit, "xlsx")},
                  {"text": "Tệp CSV", "url": urls.report_file(rep.year, rep.unit, "csv")}],
        "by_area": _html_table(rep.by_area),
        "by_unit": _html_table(rep.by_unit) if rep.by_unit else None,
        "by_status": _html_table(rep.by_status),
        "items": [{"number": i.number, "title": i.title, "url": i.record.url, "summary": i.summary, "unit": i.unit,
                   "type": i.type, "area": i.area, "status": i.status, "slug": i.record.slug} for i in rep.items],
        "item_head": ["STT", views.label("title"), views.label("unit"), views.label("type"), views.label("status")],
        "models": _html_table(rep.models),
        "incoming": _html_table(rep.incoming) if rep.incoming else None,
        "by_level": _html_table(rep.by_level),
        "awards": _html_table(rep.awards),
        "benefits": _html_table(rep.benefits),
        "stats_url": urls.stats_unit(rep.unit) if rep.unit else urls.stats_year(rep.year),
        "index_url": urls.REPORTS,
        "listing_url": urls.unit(rep.unit) if rep.unit else urls.year(rep.year),
    }


def index_page(cat: Catalog, reports: list[Report]) -> Page:
    tax = cat.taxonomy
    years = []
    for year in sorted({r.year for r in reports}, reverse=True):
        mine = [r for r in reports if r.year == year]

        def item(r: Report) -> dict:
            label = tax.unit_title(r.unit) if r.unit else f"Toàn {r.scope}"
            return {"text": label, "url": urls.report(r.year, r.unit), "count": len(r.items),
                    "docx": urls.report_file(r.year, r.unit, "docx"), "xlsx": urls.report_file(r.year, r.unit, "xlsx"), "csv": urls.report_file(r.year, r.unit, "csv")}

        region = [item(r) for r in mine if r.unit is None]
        current = [item(r) for r in mine if r.unit and tax.unit_by_slug[r.unit].current]
        former = [item(r) for r in mine if r.unit and not tax.unit_by_slug[r.unit].current]
        groups = [g for g in ({"title": "Toàn vùng", "items": region},
                              {"title": "Các xã hiện nay (gồm cả đơn vị cũ)", "items": current},
                              {"title": f"Đơn vị trước ngày {stats.merge_day(cat)}", "items": former}) if g["items"]]
        years.append({"year": year, "deadline": format_date(report_date(cat, year)), "groups": groups})
    intro = (f"Báo cáo kết quả phong trào thi đua “{tax.site.name}” của từng năm, cho toàn vùng và cho từng đơn vị, "
             "lập từ cơ sở dữ liệu sáng kiến. Mỗi báo cáo in được ra khổ A4, tải được dưới dạng bảng tính và dưới dạng "
             "văn bản Word (tệp bao-cao.docx cạnh mỗi báo cáo) để cán bộ điền phần còn để trống, ký và gửi.")
    return Page(url=urls.REPORTS, title="Báo cáo hằng năm", template="report-index.html", kind="report-index",
                context={"heading": "Báo cáo hằng năm", "intro": intro, "years": years}, description=intro)


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    try:
        reports = all_reports(cat, site_url)
        pages = [index_page(cat, reports)] + [report_page(cat, rep) for rep in reports]
        assets = []
        for rep in reports:
            assets.append(Asset(urls.report_file(rep.year, rep.unit, "xlsx"), exports.xlsx(rep)))
            assets.append(Asset(urls.report_file(rep.year, rep.unit, "csv"), exports.csv_bytes(rep)))
            assets.append(Asset(urls.report_file(rep.year, rep.unit, "docx"), report_docx.docx(cat, rep)))
        return pages, assets
    finally:
        # The entries' rows served this build's reports only (50 MB at 10,000 entries): the rendering needs it more.
        # Emptied, not only dropped: the report pages, made as they are rendered, keep their reports (rep.cache).
        cat.derived.pop(("report rows", site_url), {}).clear()
        cat.derived.pop(("report items", site_url), None)
        cat.derived.pop(report_docx.TEMPLATE_KEY, None)  # and the Word documents' rows
