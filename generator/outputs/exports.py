"""A report (generator.outputs.reports.Report) as a spreadsheet, a CSV file or Markdown text.

The spreadsheet has two sheets, "Tổng hợp" (the totals) and "Danh sách" (one row per entry); the CSV is
the entry list, UTF-8 with a byte-order mark so Excel reads Vietnamese correctly. Every output is
byte-identical for the same catalogue: no clock, no random order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from typing import Callable

import xlsxwriter

from generator.pages import views
from generator.outputs import plain
from generator.common.text import format_date, format_number

from generator.outputs.reports import MOTTO, NATION, Grid, Item, Report

SUMMARY_SHEET = "Tổng hợp"
LIST_SHEET = "Danh sách"
NUMBER = "STT"
CURRENT_UNIT = "Đơn vị hiện nay"
LINK = "Địa chỉ trên trang"


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
    # A spreadsheet must show entry text as text, on one line (outputs/plain.py).
    return plain.csv_cell(value) if isinstance(value, str) else str(value)


def _rows_memo(rep: "Report", kind: str) -> dict:
    """Rows already written for another report of the same catalogue, by entry. An entry is listed
    in its year's region report and in one or two unit reports, the same but for its number."""
    return rep.cache.setdefault(kind, {})


def csv_text(rep: "Report") -> str:
    """The entry list; numbers without grouping and dates as YYYY-MM-DD, so a spreadsheet reads them as such."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    cols = entry_columns(rep)
    writer.writerow([c.head for c in cols])
    head = out.getvalue()
    rest = cols[1:]
    done = _rows_memo(rep, "csv")
    lines = [head]
    for item in rep.items:
        tail = done.get(item.record.slug)
        if tail is None:
            out.seek(0)
            out.truncate()
            writer.writerow([_csv_value(c.value(item)) for c in rest])
            tail = done[item.record.slug] = out.getvalue()
        # The first column is the entry's number, which never needs quoting.
        lines.append(f"{item.number},{tail}")
    return "".join(lines)


def csv_bytes(rep: "Report") -> bytes:
    return csv_text(rep).encode("utf-8-sig")


# --- XLSX --------------------------------------------------------------------------------------
# Written with XlsxWriter: text always through write_string (a value starting with "=" stays text, never a
# formula), dates and numbers as such, one format object per look.
_LOOKS = {
    "head": {"bold": True, "bg_color": "#FCE4EC", "border": 1, "text_wrap": True, "valign": "top"},
    "wrap": {"border": 1, "text_wrap": True, "valign": "top"},
    "top": {"border": 1, "valign": "top"},
    "bold": {"bold": True, "border": 1, "text_wrap": True, "valign": "top"},
    "date": {"border": 1, "valign": "top", "num_format": "DD/MM/YYYY"},
    "amount": {"border": 1, "valign": "top", "num_format": "#,##0"},
    "caption": {"bold": True},
    "title": {"bold": True, "font_size": 13},
    "place": {"italic": True},
    "text": {"text_wrap": True, "valign": "top"},
    "grid": {"border": 1},
}
_FONT = {"font_name": "Calibri", "font_size": 11}


def _put(sheet, row: int, col: int, value: object, look) -> None:
    """One cell, 1-based like the report's grids."""
    r, c = row - 1, col - 1
    if isinstance(value, str):
        if value:
            sheet.write_string(r, c, xlsx_text(value), look)
        else:
            sheet.write_blank(r, c, None, look)
    elif value is None:
        sheet.write_blank(r, c, None, look)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value, look)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime) else value, look)
    elif isinstance(value, (int, float)):
        sheet.write_number(r, c, value, look)
    else:
        sheet.write_string(r, c, xlsx_text(str(value)), look)


def xlsx_text(text: str) -> str:
    """Text a cell can hold: at most 32,767 characters (XlsxWriter escapes control characters itself)."""
    return text if len(text) <= 32767 else text[:32767]


def _put_grid(sheet, looks: dict, top: int, grid: "Grid") -> int:
    """Write a table with its caption; returns the next free row (one blank row after)."""
    _put(sheet, top, 1, grid.caption, looks["caption"])
    r = top + 1
    for c, head in enumerate(grid.head, 1):
        _put(sheet, r, c, head, looks["head"])
    for row in grid.rows:
        r += 1
        for c, value in enumerate(row.values, 1):
            if c == 1:
                _put(sheet, r, c, ("    " + value) if row.part else value,
                     looks["wrap"] if row.part or not grid.foot else looks["bold"])
            else:
                _put(sheet, r, c, value, looks["wrap"] if isinstance(value, str) else looks["top"])
    if not grid.rows:
        r += 1
        _put(sheet, r, 1, "Không có mục nào.", looks["top"])
    if grid.foot:
        r += 1
        for c, value in enumerate(grid.foot, 1):
            _put(sheet, r, c, value, looks["bold"])
    return r + 2


def _summary_sheet(sheet, looks: dict, rep: "Report") -> None:
    _put(sheet, 1, 1, f"{rep.body[0]} – {rep.body[1]}", looks["caption"])
    _put(sheet, 2, 1, f"{rep.title} {rep.subtitle}", looks["title"])
    _put(sheet, 3, 1, rep.place_date, looks["place"])
    row = 4
    for text in filter(None, (rep.note, rep.overview)):
        sheet.merge_range(row - 1, 0, row - 1, 5, xlsx_text(text), looks["text"])
        sheet.set_row(row - 1, 15 * (1 + len(text) // 110))
        row += 1
    row += 1
    for grid in filter(None, (rep.by_area, rep.by_unit, rep.by_status, rep.by_level, rep.benefits)):
        row = _put_grid(sheet, looks, row, grid)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 6, 16)
    sheet.set_paper(9)  # A4


def _text_len(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int):
        return len(format_number(value))
    return len(str(value))


def _list_row(item: "Item", cols: list[Column]) -> tuple[list[tuple[int, str, object, str]], tuple[int, ...]]:
    """An entry's non-empty cells after its number as (column, kind, value, look), kind being the XlsxWriter
    method to call ("string", "number", "datetime"), and how wide each value is."""
    plain = (NUMBER, views.label("year"))
    cells, widths = [], [0]
    for c, col in enumerate(cols, 1):
        value = col.value(item)
        widths.append(_text_len(value))
        if value is None or value == "":
            continue  # its border comes from the sheet's grid rule
        look = "wrap" if col.wrap else "top"
        if isinstance(value, str):
            cells.append((c, "string", xlsx_text(value), look))
        elif isinstance(value, dt.date):
            cells.append((c, "datetime", dt.datetime.combine(value, dt.time()), "date"))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            cells.append((c, "number", value, "amount" if col.head not in plain else look))
        else:
            cells.append((c, "string", xlsx_text(str(value)), look))
    return cells, tuple(widths)


def _list_sheet(sheet, looks: dict, rep: "Report") -> None:
    cols = entry_columns(rep)
    # Widths first: XlsxWriter's constant-memory mode writes each row as it comes, after the columns.
    rest = cols[1:]
    done = _rows_memo(rep, "xlsx")
    rows = []
    # Widths from the longest value of each column: the numbers run 1…n, so the last is the widest.
    lengths = [tuple(max(len(w) for w in col.head.split()) for col in cols)]
    if rep.items:
        lengths.append((_text_len(rep.items[-1].number),))
    for item in rep.items:
        got = done.get(item.record.slug)
        if got is None:
            got = done[item.record.slug] = _list_row(item, rest)
        rows.append((item.number, got[0]))
        lengths.append(got[1])
    for c, (col, longest) in enumerate(zip(cols, itertools.zip_longest(*lengths, fillvalue=0))):
        sheet.set_column(c, c, max(6, min(col.cap, max(longest) + 2)))
    for c, col in enumerate(cols, 1):
        _put(sheet, 1, c, col.head, looks["head"])
    top = looks["top"]
    write = {"string": sheet.write_string, "number": sheet.write_number, "datetime": sheet.write_datetime}
    for r, (number, cells) in enumerate(rows, 1):
        sheet.write_number(r, 0, number, top)
        for c, kind, value, look in cells:
            write[kind](r, c, value, looks[look])
    if rep.items:
        # One rule draws the grid of the whole list, empty cells included: writing 170,000 empty cells with a
        # border cost most of a second of the build at 10,000 entries.
        sheet.conditional_format(1, 0, len(rep.items), len(cols) - 1, {"type": "no_errors", "format": looks["grid"]})
    sheet.freeze_panes(1, 2)  # the header row and the entry's number and name stay in view
    sheet.set_landscape()  # twenty-odd columns: a printed list reads across
    sheet.set_paper(9)
    if rep.items:
        sheet.autofilter(0, 0, len(rep.items), len(cols) - 1)


def xlsx(rep: "Report") -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    looks = {name: wb.add_format({**_FONT, **look}) for name, look in _LOOKS.items()}
    _summary_sheet(wb.add_worksheet(SUMMARY_SHEET), looks, rep)
    _list_sheet(wb.add_worksheet(LIST_SHEET), looks, rep)
    # A fixed moment from the data (the report's date), so two builds give the same bytes.
    wb.set_properties({
        "title": f"{rep.title.capitalize()} {rep.subtitle[0].lower()}{rep.subtitle[1:]} – {rep.scope}",
        "author": rep.author, "created": dt.datetime.combine(rep.date, dt.time()), "language": "vi"})
    wb.close()
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
