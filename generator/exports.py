"""A report (generator.reports.Report) as a spreadsheet, a CSV file or Markdown text.

The spreadsheet has two sheets, "Tổng hợp" (the totals) and "Danh sách" (one row per entry); the CSV is
the entry list, UTF-8 with a byte-order mark so Excel reads Vietnamese correctly. Every output is
byte-identical for the same catalogue: no clock, no random order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from copy import copy
from typing import TYPE_CHECKING, Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from . import views
from .text import format_date, format_number

if TYPE_CHECKING:
    from .reports import Grid, Item, Report

SUMMARY_SHEET = "Tổng hợp"
LIST_SHEET = "Danh sách"
NUMBER = "STT"
CURRENT_UNIT = "Đơn vị hiện nay"
LINK = "Địa chỉ trên trang"
# The national heading of every administrative document.
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Column:
    """One column of the entry list: header, value of an item, widest it may grow, wrapped or not."""

    def __init__(self, head: str, value: Callable[["Item"], object], cap: int = 30, wrap: bool = False):
        self.head, self.value, self.cap, self.wrap = head, value, cap, wrap


def entry_columns(rep: "Report") -> list[Column]:
    cols = [
        Column(NUMBER, lambda i: i.number, 6),
        Column(views.label("title"), lambda i: i.title, 45, wrap=True),
        Column(views.label("type"), lambda i: i.type, 18, wrap=True),
        Column(views.label("area"), lambda i: i.area, 26, wrap=True),
        Column(views.label("unit"), lambda i: i.unit, 28, wrap=True),
        Column(CURRENT_UNIT, lambda i: i.current_unit, 28, wrap=True),
        Column(views.label("organization"), lambda i: i.organization, 28, wrap=True),
        Column(views.label("year"), lambda i: i.year, 8),
        Column(views.label("status"), lambda i: i.status, 14),
        Column(views.label("summary"), lambda i: i.summary, 60, wrap=True),
        Column(views.label("authors"), lambda i: i.authors, 40, wrap=True),
        Column(views.label("applied_since"), lambda i: i.applied_since, 12),
        Column(views.label("replicated_in"), lambda i: i.replicated_in, 40, wrap=True),
        Column(views.label("recognition"), lambda i: i.recognition, 50, wrap=True),
    ]
    for key, head in rep.benefit_heads:
        cols.append(Column(head, lambda i, k=key: i.benefits.get(k), 16, wrap=True))
    cols.append(Column(LINK, lambda i: i.url, 60))
    return cols


# --- CSV ---------------------------------------------------------------------------------------
def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # A spreadsheet runs a cell starting with = + - @ as a formula; entry text must stay text.
    return "'" + text if isinstance(value, str) and text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def csv_text(rep: "Report") -> str:
    """The entry list; numbers without grouping and dates as YYYY-MM-DD, so a spreadsheet reads them as such."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    cols = entry_columns(rep)
    writer.writerow([c.head for c in cols])
    for item in rep.items:
        writer.writerow([_csv_value(c.value(item)) for c in cols])
    return out.getvalue()


def csv_bytes(rep: "Report") -> bytes:
    return csv_text(rep).encode("utf-8-sig")


# --- XLSX --------------------------------------------------------------------------------------
class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members carry one fixed timestamp instead of the time of writing."""

    def __init__(self, file, stamp: tuple[int, int, int, int, int, int]):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self._stamp = stamp

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet to a temporary file first, which would bring in that file's time.
        with open(filename, "rb") as fh:
            self.writestr(arcname or str(filename), fh.read())


_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="FCE4EC")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_LOOKS = {
    "head": {"font": _BOLD, "fill": _HEAD_FILL, "border": _BOX, "alignment": _WRAP},
    "wrap": {"border": _BOX, "alignment": _WRAP},
    "top": {"border": _BOX, "alignment": _TOP},
    "bold": {"font": _BOLD, "border": _BOX, "alignment": _WRAP},
    "date": {"border": _BOX, "alignment": _TOP, "number_format": "DD/MM/YYYY"},
    "amount": {"border": _BOX, "alignment": _TOP, "number_format": "#,##0"},
}


class _Sheet:
    """Writes cells with a few fixed looks. openpyxl hashes every style object each time one is set,
    which made the site build slow; a look is set once per workbook, then its style record is copied."""

    def __init__(self, ws, done: dict):
        self.ws, self.done = ws, done

    def put(self, row: int, col: int, value, look: str | None = None):
        cell = self.ws.cell(row, col, value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl makes "=…" a formula; entry text must stay text
        if look in self.done:
            cell._style = copy(self.done[look])
        elif look:
            for attr, style in _LOOKS[look].items():
                setattr(cell, attr, style)
            self.done[look] = copy(cell._style)
        return cell


def _put_grid(sheet: _Sheet, top: int, grid: "Grid") -> int:
    """Write a table with its caption; returns the next free row (one blank row after)."""
    sheet.put(top, 1, grid.caption).font = _BOLD
    r = top + 1
    for c, head in enumerate(grid.head, 1):
        sheet.put(r, c, head, "head")
    for row in grid.rows:
        r += 1
        for c, value in enumerate(row.values, 1):
            if c == 1:
                sheet.put(r, c, ("    " + value) if row.part else value, "wrap" if row.part or not grid.foot else "bold")
            else:
                sheet.put(r, c, value, "wrap" if isinstance(value, str) else "top")
    if not grid.rows:
        r += 1
        sheet.put(r, 1, "Không có mục nào.", "top")
    if grid.foot:
        r += 1
        for c, value in enumerate(grid.foot, 1):
            sheet.put(r, c, value, "bold")
    return r + 2


def _summary_sheet(sheet: _Sheet, rep: "Report") -> None:
    ws = sheet.ws
    ws.title = SUMMARY_SHEET
    sheet.put(1, 1, f"{rep.body[0]} – {rep.body[1]}").font = _BOLD
    sheet.put(2, 1, f"{rep.title} {rep.subtitle}").font = Font(bold=True, size=13)
    sheet.put(3, 1, rep.place_date).font = Font(italic=True)
    row = 4
    for text in filter(None, (rep.note, rep.overview)):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.put(row, 1, text).alignment = _WRAP
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 110)
        row += 1
    row += 1
    for grid in filter(None, (rep.by_area, rep.by_unit, rep.by_status, rep.by_level, rep.benefits)):
        row = _put_grid(sheet, row, grid)
    ws.column_dimensions["A"].width = 48
    for c in range(2, 8):
        ws.column_dimensions[get_column_letter(c)].width = 16


def _text_len(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int):
        return len(format_number(value))
    return len(str(value))


def _list_sheet(sheet: _Sheet, rep: "Report") -> None:
    ws = sheet.ws
    cols = entry_columns(rep)
    plain_numbers = (NUMBER, views.label("year"))
    for c, col in enumerate(cols, 1):
        sheet.put(1, c, col.head, "head")
    for r, item in enumerate(rep.items, 2):
        for c, col in enumerate(cols, 1):
            value = col.value(item)
            if isinstance(value, dt.date):
                look = "date"
            elif isinstance(value, int) and col.head not in plain_numbers:
                look = "amount"
            else:
                look = "wrap" if col.wrap else "top"
            sheet.put(r, c, value, look)
    for c, col in enumerate(cols, 1):
        longest = max([_text_len(col.value(i)) for i in rep.items] + [max(len(w) for w in col.head.split())])
        ws.column_dimensions[get_column_letter(c)].width = max(6, min(col.cap, longest + 2))
    ws.freeze_panes = "C2"  # the header row and the entry's number and name stay in view
    if rep.items:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rep.items) + 1}"


def xlsx(rep: "Report") -> bytes:
    wb = Workbook()
    done: dict = {}
    _summary_sheet(_Sheet(wb.active, done), rep)
    _list_sheet(_Sheet(wb.create_sheet(LIST_SHEET), done), rep)
    # A fixed moment from the data (the report's date), so two builds give the same bytes.
    moment = dt.datetime.combine(rep.date, dt.time())
    props = wb.properties
    props.created = props.modified = moment
    props.creator = props.lastModifiedBy = rep.author
    props.title = f"{rep.title.capitalize()} {rep.subtitle[0].lower()}{rep.subtitle[1:]} – {rep.scope}"
    props.language = "vi"
    out = io.BytesIO()
    ExcelWriter(wb, _FixedTimeZip(out, moment.timetuple()[:6])).save()
    return out.getvalue()


# --- Markdown ----------------------------------------------------------------------------------
def _md_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list], numeric: list[bool] | None = None) -> list[str]:
    numeric = numeric or [False] * len(head)
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return lines


def _md_grid(grid: "Grid") -> list[str]:
    rows = [[("— " + r.values[0]) if r.part else r.values[0], *r.values[1:]] for r in grid.rows]
    if grid.foot:
        rows.append([f"**{_md_cell(v)}**" for v in grid.foot])
    if not rows:
        return [f"*{grid.caption}*", "", "Không có mục nào.", ""]
    sample = grid.rows[0].values if grid.rows else grid.foot
    numeric = [isinstance(v, int) for v in sample]
    return [f"*{grid.caption}*", "", *_md_table(grid.head, rows, numeric), ""]


def markdown(rep: "Report") -> str:
    lines = [
        f"**{rep.body[0]}**  ", f"**{rep.body[1]}**", "",
        f"**{NATION}**  ", f"**{MOTTO}**", "",
        f"*{rep.place_date}*", "",
        f"# {rep.title}", "", f"## {rep.subtitle}", "",
    ]
    lines += [t for text in filter(None, (rep.note, rep.overview)) for t in (text, "")]
    lines += ["## I. Tổng hợp", ""]
    for grid in filter(None, (rep.by_area, rep.by_unit, rep.by_status)):
        lines += _md_grid(grid)
    lines += ["## II. Danh sách sáng kiến, mô hình", ""]
    if rep.items:
        lines += _md_table([NUMBER, views.label("title"), views.label("unit"), views.label("type"),
                            views.label("status"), views.label("summary")],
                           [[i.number, i.title, i.unit, i.type, i.status, i.summary] for i in rep.items],
                           [True, False, False, False, False, False])
        lines.append("")
    else:
        lines += ["Không có mục nào.", ""]
    lines += ["## III. Mô hình và nhân rộng", ""]
    lines += _md_grid(rep.models)
    if rep.incoming:
        lines += _md_grid(rep.incoming)
    lines += ["## IV. Khen thưởng", ""]
    lines += _md_grid(rep.by_level)
    if rep.awards.rows:
        lines += _md_grid(rep.awards)
    lines += ["## V. Hiệu quả đo được", ""]
    lines += _md_grid(rep.benefits)
    return "\n".join(lines).rstrip("\n") + "\n"
