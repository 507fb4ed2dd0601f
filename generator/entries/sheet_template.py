"""The spreadsheet template: one row per entry, the columns and their lists taken from the model and the taxonomy.

`columns` defines the sheet "Sáng kiến" (one column per front-matter field an editor fills, the body's sections
as long-text columns, and the entry's file name); `workbook_bytes` writes it with XlsxWriter: dropdown lists
(Excel data validation) fed from a hidden sheet "Danh mục", a sheet "Hướng dẫn" explaining every column, a
sheet "Ví dụ" with one real entry, frozen header, sensible widths. `entry_row` turns an entry into the row the
template holds, so `export` fills the same template and `import` reads both back the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from generator.common.taxonomy import Taxonomy
from generator.entries.issue_form import options, unit_option
from generator.entries.model import MAX_YEAR, MIN_YEAR, Entry, Recognition, is_stamped, taxonomy_list
from generator.entries.scaffold import BODY

SHEET = "Sáng kiến"
GUIDE_SHEET = "Hướng dẫn"
EXAMPLE_SHEET = "Ví dụ"
LISTS_SHEET = "Danh mục"
SLUG = "slug"
SLUG_TITLE = "Tên tệp (để trống với mục mới)"
REQUIRED_MARK = " *"
YES, NO = "Có", "Không"
ROWS_WITH_LISTS = 1000  # rows below the header that carry the dropdowns in a blank template
MAX_CELL = 32767  # the most characters a spreadsheet cell holds
# The body's sections, in order, from the new-entry scaffold ("## Thực trạng" …).
SECTIONS = tuple(line[3:].strip() for line in BODY.splitlines() if line.startswith("## "))


@dataclass(frozen=True)
class Column:
    """One column of the sheet: what it holds (`key`), its header, how a cell is read and written."""

    key: str  # a field ("unit"), a part of one ("recognition.level", "benefits.households"), "body.N" or "slug"
    title: str
    kind: str  # text, long, int, date, list, choice, units, money, bool
    description: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = field(default=())  # (label shown, code stored)
    strict: bool = True  # a dropdown that refuses other values (one value per cell)
    width: int = 20

    @property
    def header(self) -> str:
        return self.title + (REQUIRED_MARK if self.required else "")

    @property
    def field(self) -> str:
        """The front-matter key the column fills ("" for the body and the file name)."""
        return "" if self.key.startswith("body.") or self.key == SLUG else self.key.split(".")[0]


def _choices(tax: Taxonomy, kind: str, year: int | None, unit: str | None) -> tuple[tuple[str, str], ...]:
    if kind == "units":
        units = tax.units_valid_in(year) if year else tax.units
        if unit:
            wanted = {unit, *tax.predecessors(unit)}
            units = [u for u in units if u.slug in wanted]
        return tuple((unit_option(tax, u.slug), u.slug) for u in units)
    if kind == "areas":
        return tuple((label, str(a.number)) for label, a in zip(options(tax, kind), tax.areas))
    if kind == "recognition_levels":
        return tuple((f"{lv.name} ({lv.slug})", lv.slug) for lv in tax.recognition_levels)
    items = {"types": tax.types, "statuses": tax.statuses, "organizations": tax.organizations}[kind]
    return tuple((label, item.slug) for label, item in zip(options(tax, kind), items))


_WIDTHS = {"text": 30, "long": 60, "int": 8, "date": 12, "list": 30, "choice": 30, "units": 24, "money": 16, "bool": 10}


def _col(key: str, title: str, kind: str, description: str = "", required: bool = False, **more) -> Column:
    return Column(key, title, kind, description, required, width=more.pop("width", _WIDTHS[kind]), **more)


def columns(tax: Taxonomy, year: int | None = None, unit: str | None = None) -> list[Column]:
    """Every column of the sheet, in the model's field order, then the body's sections and the file name.

    With `year`, the unit dropdown lists only the units that exist in that year; with `unit`, only that unit and
    the units merged into it."""
    out: list[Column] = []
    for name, info in Entry.model_fields.items():
        if is_stamped(name):
            continue
        kind_list = taxonomy_list(info)
        title, desc, required = info.title or name, info.description or "", info.is_required()
        if name == "recognition":
            for part, sub in Recognition.model_fields.items():
                if part == "level":
                    out.append(_col(f"{name}.{part}", sub.title, "choice", sub.description or "", strict=False,
                                    choices=_choices(tax, "recognition_levels", year, None), width=18))
                else:
                    out.append(_col(f"{name}.{part}", sub.title, "int" if part == "year" else "list",
                                    sub.description or "", width=10 if part == "year" else 40))
        elif name == "benefits":
            for b in tax.benefits:
                out.append(_col(f"{name}.{b.key}", f"{title}: {b.name} ({b.unit})", "money", desc))
        elif name == "replicated_in":
            out.append(_col(name, title, "units", desc))
        elif kind_list:
            width = 40 if kind_list == "units" else 30
            out.append(_col(name, title, "choice", desc, required, choices=_choices(tax, kind_list, year, unit), width=width))
        elif name == "featured":
            out.append(_col(name, title, "bool", desc, choices=((YES, "true"), (NO, "false"))))
        elif name in ("year",):
            out.append(_col(name, title, "int", desc, required))
        elif name == "applied_since":
            out.append(_col(name, title, "date", desc))
        elif name in ("authors", "tags", "public_contacts"):
            out.append(_col(name, title, "list", desc))
        elif name == "summary":
            out.append(_col(name, title, "long", desc, required, width=50))
        else:
            out.append(_col(name, title, "text", desc, required, width=40 if name == "title" else 24))
    for i, heading in enumerate(SECTIONS):
        out.append(_col(f"body.{i}", heading, "long", f"Phần “{heading}” của nội dung mục; xuống dòng trong ô bằng Alt+Enter."))
    out.append(_col(SLUG, SLUG_TITLE, "text", "Tên tệp của mục đã có (chữ thường không dấu, gạch ngang), để cập nhật đúng mục đó. "
                    "Mục mới: để trống, tên tệp được lấy từ tên sáng kiến.", width=28))
    return out


# --- the body -----------------------------------------------------------------------------------
_HEADING = re.compile(r"^## +(.+?)\s*$")


def split_body(body: str) -> list[str]:
    """The text under each of the template's sections. Text before the first section goes to the first one,
    a section the template does not know stays, with its heading, under the one before it."""
    texts = [[] for _ in SECTIONS]
    current = 0
    for line in body.split("\n"):
        m = _HEADING.match(line)
        if m and m.group(1) in SECTIONS:
            current = SECTIONS.index(m.group(1))
            continue
        texts[current].append(line)
    return ["\n".join(lines).strip("\n").strip() for lines in texts]


def join_body(sections: list[str]) -> str:
    """The body from the sections' texts: the filled ones, each under its heading."""
    parts = [f"## {heading}\n\n{text.strip()}" for heading, text in zip(SECTIONS, sections) if text.strip()]
    return "\n\n".join(parts) + "\n" if parts else ""


# --- an entry as a row --------------------------------------------------------------------------
def entry_row(entry: Entry, body: str, slug: str, tax: Taxonomy, cols: list[Column]) -> list[object]:
    """The cells of the row that holds an entry, in the columns' order."""
    labels = {c.key: {code: label for label, code in c.choices} for c in cols if c.choices}
    sections = split_body(body)
    row: list[object] = []
    for col in cols:
        key = col.key
        if key == SLUG:
            row.append(slug)
        elif key.startswith("body."):
            row.append(sections[int(key[5:])])
        elif key.startswith("recognition."):
            part = key.split(".")[1]
            values = [getattr(r, part) for r in entry.recognition]
            if part == "level":
                values = [labels[key].get(v, v) for v in values]
            if len(values) == 1 and isinstance(values[0], int):
                row.append(values[0])
            else:
                row.append("\n".join(str(v) for v in values) if values else None)
        elif key.startswith("benefits."):
            row.append(entry.benefits.get(key.split(".", 1)[1]))
        else:
            value = getattr(entry, key)
            if value in (None, [], {}):
                row.append(None)
            elif col.kind == "choice":
                code = str(value)
                label = labels[key].get(code)
                if label is None and key == "unit":  # a unit outside this template's year: still named in full
                    label = unit_option(tax, code) if code in tax.unit_by_slug else code
                row.append(label or code)
            elif col.kind == "bool":
                row.append(YES if value else None)
            elif col.kind in ("list", "units"):
                row.append("\n".join(value))
            else:
                row.append(value)
    return row


# --- the workbook -------------------------------------------------------------------------------
def _formats(wb) -> dict:
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
    return {
        "head": wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#FCE4EC", "border": 1}),
        "head_required": wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#F8BBD0", "border": 1}),
        "cell": wb.add_format({**base, "text_wrap": True}),
        "date": wb.add_format({**base, "num_format": "DD/MM/YYYY"}),
        "money": wb.add_format({**base, "num_format": "#,##0"}),
        "int": wb.add_format({**base, "num_format": "0"}),
        "title": wb.add_format({**base, "bold": True, "font_size": 14}),
        "text": wb.add_format({**base, "text_wrap": True}),
    }


def _write(ws, r: int, c: int, value: object, col: Column, fmt: dict) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_string(r, c, YES if value else NO, fmt["cell"])
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt["date"])
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt["money"] if col.kind == "money" else fmt["int"])
    else:
        text = str(value)
        ws.write_string(r, c, text if len(text) <= MAX_CELL else text[:MAX_CELL], fmt["cell"])


def _entry_sheet(wb, name: str, cols: list[Column], rows: list[list[object]], fmt: dict, list_ranges: dict,
                 with_lists: bool) -> None:
    ws = wb.add_worksheet(name)
    for c, col in enumerate(cols):
        ws.write_string(0, c, col.header, fmt["head_required" if col.required else "head"])
        ws.set_column(c, c, col.width, fmt["date"] if col.kind == "date" else None)
    ws.set_row(0, 45)
    widths = [c.width for c in cols]
    for r, row in enumerate(rows, 1):
        for c, (value, col) in enumerate(zip(row, cols)):
            _write(ws, r, c, value, col, fmt)
        ws.set_row(r, min(_height([v if isinstance(v, str) else "" for v in row], widths), 409))  # 409: Excel's tallest row
    ws.freeze_panes(1, 1)  # the header and the initiative's name stay in view
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(0)  # printed: the header on each page
    if not with_lists:
        return
    last = max(ROWS_WITH_LISTS, len(rows) + 200)
    for c, col in enumerate(cols):
        if col.key in list_ranges:
            ws.data_validation(1, c, last, c, {
                "validate": "list", "source": list_ranges[col.key],
                "error_type": "stop" if col.strict else "warning",
                "error_title": col.title[:32], "error_message": "Hãy chọn một giá trị trong danh sách."[:255],
                "input_title": col.title[:32], "input_message": "Chọn trong danh sách."})
        elif col.kind == "int" and col.key == "year":
            ws.data_validation(1, c, last, c, {"validate": "integer", "criteria": "between", "minimum": MIN_YEAR,
                                               "maximum": MAX_YEAR, "error_title": col.title[:32],
                                               "error_message": f"Năm gồm bốn chữ số, từ {MIN_YEAR} đến {MAX_YEAR}."})


def _lists_sheet(wb, cols: list[Column], fmt: dict) -> dict[str, str]:
    ws = wb.add_worksheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    c = 0
    for col in cols:
        if not col.choices:
            continue
        ws.write_string(0, c, col.title, fmt["head"])
        for r, (label, _) in enumerate(col.choices, 1):
            ws.write_string(r, c, label, fmt["cell"])
        ws.set_column(c, c, 40)
        letter = xl_col_to_name(c)
        ranges[col.key] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(col.choices) + 1}"
        c += 1
    ws.hide()
    return ranges


def _allowed(col: Column, tax: Taxonomy) -> str:
    if col.choices:
        return "\n".join(label for label, _ in col.choices)
    return {
        "int": f"Số nguyên, ví dụ {dt.date.today().year}." if col.key == "year" else "Số nguyên.",
        "date": "Ngày/tháng/năm, ví dụ 15/03/2022 (hoặc 2022-03-15).",
        "list": "Mỗi dòng trong ô một mục (xuống dòng trong ô: Alt+Enter), hoặc ngăn cách bằng dấu chấm phẩy.",
        "units": "Mã hoặc tên đơn vị, mỗi dòng một đơn vị: " + ", ".join(u.slug for u in tax.units) + ".",
        "money": "Số nguyên: 50.000.000, 50,000,000 hay 50 triệu đều được.",
        "long": "Văn bản; xuống dòng trong ô bằng Alt+Enter.",
    }.get(col.kind, "Văn bản.")


def _height(texts, widths) -> float:
    """Row height (points) for wrapped texts in columns of these widths: spreadsheet programs do not grow a
    row for wrapped text written by a library."""
    lines = 1
    for text, width in zip(texts, widths):
        lines = max(lines, sum(max(1, -(-len(part) * 11 // (10 * max(width - 1, 1)))) for part in str(text).split("\n")))
    return 16.0 * lines


def _guide_sheet(wb, cols: list[Column], tax: Taxonomy, fmt: dict) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    ws.write_string(0, 0, f"Mẫu nhập sáng kiến “{tax.site.name}” – {tax.site.front_body} {tax.site.region}", fmt["title"])
    lines = [
        f"Điền mỗi sáng kiến, mô hình vào một dòng của trang “{SHEET}”, bắt đầu từ dòng 2. Cột có dấu * là bắt buộc.",
        "Ô có danh sách: bấm vào ô rồi chọn ở mũi tên bên phải. Không đổi tên cột, không xóa dòng tiêu đề; "
        "có thể thêm trang tính khác để ghi chú, trang đó không được đọc.",
        f"Trang “{EXAMPLE_SHEET}” có một mục mẫu đã điền. Xong, lưu tệp (.xlsx, .xls hoặc .csv) và gửi cho ban biên tập.",
    ]
    widths = (6, 30, 9, 60, 60)
    for r, text in enumerate(lines, 1):
        ws.merge_range(r, 0, r, len(widths) - 1, text, fmt["text"])
        ws.set_row(r, _height([text], [sum(widths)]))
    top = len(lines) + 2
    for c, head in enumerate(("Cột", "Tên cột", "Bắt buộc", "Cách điền", "Giá trị hợp lệ")):
        ws.write_string(top, c, head, fmt["head"])
    for i, col in enumerate(cols):
        r = top + 1 + i
        cells = (xl_col_to_name(i), col.title, YES if col.required else "", col.description, _allowed(col, tax))
        for c, text in enumerate(cells):
            ws.write_string(r, c, text, fmt["cell"])
        ws.set_row(r, _height(cells, widths))
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()  # opens on the guide: an officer reads it first


def workbook_bytes(tax: Taxonomy, rows: list[list[object]] | None = None, year: int | None = None, unit: str | None = None,
                   example: list[object] | None = None, cols: list[Column] | None = None) -> bytes:
    """The template, blank or holding `rows` (from `entry_row`), as .xlsx bytes; the same input, the same bytes."""
    cols = cols or columns(tax, year, unit)
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    fmt = _formats(wb)
    # XlsxWriter orders sheets as they are made: the entries sheet comes first and refers to the lists sheet,
    # written last, by the ranges `_lists_sheet` gives them (the same arithmetic, checked below).
    list_cols = [c for c in cols if c.choices]
    ranges = {col.key: f"='{LISTS_SHEET}'!${xl_col_to_name(i)}$2:${xl_col_to_name(i)}${len(col.choices) + 1}"
              for i, col in enumerate(list_cols)}
    _entry_sheet(wb, SHEET, cols, rows or [], fmt, ranges, with_lists=True)
    _guide_sheet(wb, cols, tax, fmt)
    if example:
        _entry_sheet(wb, EXAMPLE_SHEET, cols, [example], fmt, {}, with_lists=False)
    if _lists_sheet(wb, cols, fmt) != ranges:
        raise AssertionError("dropdown ranges and the lists sheet disagree")
    title = f"Mẫu nhập sáng kiến “{tax.site.name}”" + (f" năm {year}" if year else "")
    wb.set_properties({"title": title, "author": tax.site.front_body, "language": "vi",
                       "created": dt.datetime(tax.site.first_year, 1, 1)})
    wb.close()
    return out.getvalue()
