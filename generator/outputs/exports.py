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

from generator.pages import views
from generator.outputs import plain
from generator.outputs import xlsx as xl
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
_LOOKS = {
    "head": xl.Look(bold=True, fill="FCE4EC", border=True, wrap=True, top=True),
    "wrap": xl.Look(border=True, wrap=True, top=True),
    "top": xl.Look(border=True, top=True),
    "bold": xl.Look(bold=True, border=True, wrap=True, top=True),
    "date": xl.Look(border=True, top=True, number_format="DD/MM/YYYY"),
    "amount": xl.Look(border=True, top=True, number_format="#,##0"),
    "caption": xl.Look(bold=True),
    "title": xl.Look(bold=True, size=13),
    "place": xl.Look(italic=True),
    "text": xl.Look(wrap=True, top=True),
}
# Style numbers in the workbook: the looks in the order above, after the default look (0).
_S = {name: i for i, name in enumerate(_LOOKS, 1)}


def _put_grid(sheet: xl.Sheet, top: int, grid: "Grid") -> int:
    """Write a table with its caption; returns the next free row (one blank row after)."""
    sheet.put(top, 1, grid.caption, _S["caption"])
    r = top + 1
    for c, head in enumerate(grid.head, 1):
        sheet.put(r, c, head, _S["head"])
    for row in grid.rows:
        r += 1
        for c, value in enumerate(row.values, 1):
            if c == 1:
                sheet.put(r, c, ("    " + value) if row.part else value,
                          _S["wrap"] if row.part or not grid.foot else _S["bold"])
            else:
                sheet.put(r, c, value, _S["wrap"] if isinstance(value, str) else _S["top"])
    if not grid.rows:
        r += 1
        sheet.put(r, 1, "Không có mục nào.", _S["top"])
    if grid.foot:
        r += 1
        for c, value in enumerate(grid.foot, 1):
            sheet.put(r, c, value, _S["bold"])
    return r + 2


def _summary_sheet(sheet: xl.Sheet, rep: "Report") -> None:
    sheet.put(1, 1, f"{rep.body[0]} – {rep.body[1]}", _S["caption"])
    sheet.put(2, 1, f"{rep.title} {rep.subtitle}", _S["title"])
    sheet.put(3, 1, rep.place_date, _S["place"])
    row = 4
    for text in filter(None, (rep.note, rep.overview)):
        sheet.merge(f"A{row}:F{row}")
        sheet.put(row, 1, text, _S["text"])
        sheet.heights[row] = 15 * (1 + len(text) // 110)
        row += 1
    row += 1
    for grid in filter(None, (rep.by_area, rep.by_unit, rep.by_status, rep.by_level, rep.benefits)):
        row = _put_grid(sheet, row, grid)
    sheet.widths[1] = 48
    for c in range(2, 8):
        sheet.widths[c] = 16


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


def _list_row(item: "Item", cols: list[Column], letters: list[str]) -> tuple[str, tuple[int, ...]]:
    """An entry's cells after its number (`xl.ROW` where the row number goes) and how wide each value is."""
    plain = (NUMBER, views.label("year"))
    cells, widths = [], [0]
    for col, letter in zip(cols, letters):
        value = col.value(item)
        look = _S["wrap"] if col.wrap else _S["top"]
        if isinstance(value, dt.date):
            look = _S["date"]
        elif isinstance(value, int) and col.head not in plain:
            look = _S["amount"]
        cells.append(xl.cell_xml(f"{letter}{xl.ROW}", value, look))
        widths.append(_text_len(value))
    return "".join(cells), tuple(widths)


def _list_sheet(sheet: xl.Sheet, rep: "Report") -> None:
    cols = entry_columns(rep)
    letters = [xl.column_letter(c) for c in range(1, len(cols) + 1)]
    for c, col in enumerate(cols, 1):
        sheet.put(1, c, col.head, _S["head"])
    rest = cols[1:]
    done = _rows_memo(rep, "xlsx")
    # Widths from the longest value of each column: the numbers run 1…n, so the last is the widest.
    lengths = [tuple(max(len(w) for w in col.head.split()) for col in cols)]
    if rep.items:
        lengths.append((_text_len(rep.items[-1].number),))
    number_style = _S["top"]
    for r, item in enumerate(rep.items, 2):
        got = done.get(item.record.slug)
        if got is None:
            got = done[item.record.slug] = _list_row(item, rest, letters[1:])
        sheet.put_cells(r, f'<c r="A{r}" s="{number_style}"><v>{item.number}</v></c>' + got[0], len(cols))
        lengths.append(got[1])
    for c, (col, longest) in enumerate(zip(cols, itertools.zip_longest(*lengths, fillvalue=0)), 1):
        sheet.widths[c] = max(6, min(col.cap, max(longest) + 2))
    sheet.freeze = "C2"  # the header row and the entry's number and name stay in view
    sheet.landscape = True  # twenty-odd columns: a printed list reads across
    if rep.items:
        sheet.auto_filter = f"A1:{letters[-1]}{len(rep.items) + 1}"


def xlsx(rep: "Report") -> bytes:
    wb = xl.Workbook(list(_LOOKS.values()))
    _summary_sheet(wb.add_sheet(SUMMARY_SHEET), rep)
    _list_sheet(wb.add_sheet(LIST_SHEET), rep)
    # A fixed moment from the data (the report's date), so two builds give the same bytes.
    wb.moment = dt.datetime.combine(rep.date, dt.time())
    wb.creator = rep.author
    wb.title = f"{rep.title.capitalize()} {rep.subtitle[0].lower()}{rep.subtitle[1:]} – {rep.scope}"
    wb.language = "vi"
    return wb.save()


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
