"""A reader: spreadsheet rows (.xlsx, .xls, .csv) → entry files in `fmt`'s canonical form.

Each row of the sheet "Sáng kiến" (or of the first sheet whose header row has the template's columns) becomes
`initiatives/<year>/<slug>.md`. Cells are read the way offices type them: Excel dates or `dd/mm/yyyy` text,
money as `50.000.000`, `50,000,000` or `50 triệu`, line breaks and spaces, formulas (their cached value),
hidden and empty columns, text typed with the legacy fonts (TCVN3, VNI: converted, and said so). Every row is
then validated and checked exactly as `check` does an entry file, and every problem is reported at its cell:
`FILE › Sheet › C12 (Đơn vị áp dụng): message`. Nothing is written unless no row has an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.common import legacy_fonts
from generator.common.problems import ERROR, WARNING, Problem
from generator.common.taxonomy import Taxonomy
from generator.common.text import fold, format_number, nfc
from generator.entries import read
from generator.entries.check import SLUG as SLUG_PATTERN, check_source
from generator.entries.model import FIELD_ORDER, Entry, Recognition
from generator.entries.scaffold import free_slug, stamp_added
from generator.entries.sheet_template import (REQUIRED_MARK, SHEET, SLUG, YES, Column, columns, join_body, split_body)
from generator.entries.validate import _candidates, validate_entry

# The whole catalogue exported (`export`) must come back in: 100,000 synthetic initiatives with long texts
# export to 82 MB that unpack to 376 MB. What bounds memory is the unpacked size (openpyxl holds every shared
# string), so that is capped too: a small zip claiming gigabytes is refused before anything is inflated, and
# Python's zip reader never inflates a member past the size it declares.
MAX_FILE_BYTES = 250_000_000
MAX_UNPACKED_BYTES = 1_500_000_000
MAX_CELL_CHARS = 32_767  # what Excel itself holds in a cell; only a CSV can bring more
HEADER_SCAN_ROWS = 20  # the header row is looked for among the first rows (a title may stand above it)
_FORMULA = re.compile(r"^=\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^=\s*[A-Z]{1,3}[0-9]+")
# A date typed as text, Vietnamese order or ISO; a time after it (a date cell saved as CSV) is dropped.
_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?"
_DATE_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})" + _TIME + "$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_LIST_SPLIT = re.compile(r"\s*(?:\n|;)\s*")
_MONEY_WORDS = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 1_000_000_000, "ti": 1_000_000_000}
_MONEY = re.compile(r"^(\d[\d.,\s]*)\s*(nghin|ngan|trieu|ty|ti)?\s*(?:dong|d|vnd)?$")


# --- where problems are ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SheetProblem:
    """A problem at a file, a sheet or a cell, printed `FILE › Sheet › C12 (Đơn vị áp dụng): message`."""

    where: str
    message: str
    severity: str = ERROR
    order: tuple = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self) -> str:
        return f"{self.where}: {'' if self.is_error else 'cảnh báo: '}{self.message}"


@dataclass
class Planned:
    """What one row does to the catalogue."""

    row: int
    rel: str
    content: bytes | None  # None when the entry file stays as it is
    action: str  # "tạo mới", "cập nhật", "giữ nguyên"


@dataclass
class Result:
    problems: list[SheetProblem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    rows: int = 0

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.is_error]


class Unreadable(Exception):
    """The file cannot be read as a sheet at all; the message says why and what to do."""


# --- reading the file ------------------------------------------------------------------------------
@dataclass
class Table:
    sheet: str
    rows: list[tuple[int, list[object]]]  # (row number, cell values) of the non-empty rows
    notes: list[str] = field(default_factory=list)  # other sheets skipped, …


def _sniff(raw: bytes, name: str) -> str:
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<meta", b"<body")):
        raise Unreadable("Tệp này thực ra là một trang web (HTML) được đặt tên như bảng tính (thường do phần mềm "
                         "“xuất ra Excel” tạo ra). Hãy mở tệp bằng Excel hoặc LibreOffice rồi chọn Lưu thành… → "
                         "“Sổ làm việc Excel (.xlsx)” và gửi lại tệp .xlsx.")
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # The compound-file format: an .xls, or an .xlsx locked with a password (Excel wraps those in it).
        return "xls-or-encrypted"
    return "csv" if name.lower().endswith((".csv", ".txt")) else "unknown"


_PASSWORD = ("Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu "
             "(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu → xóa mật khẩu), lưu lại rồi gửi lại.")
_CORRUPT = ("Tệp bị hỏng hoặc không phải bảng tính nên không đọc được{why}. Hãy mở tệp bằng Excel hoặc LibreOffice, "
            "lưu lại dạng .xlsx rồi gửi lại; nếu không mở được, xin đơn vị gửi lại tệp gốc.")


def read_table(path: Path, wanted_headers: set[str]) -> Table:
    """The sheet holding the entries and its rows. Raises Unreadable with a Vietnamese message."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise Unreadable(f"Không đọc được tệp: {err.strerror}.") from None
    if size > MAX_FILE_BYTES:
        raise Unreadable(f"Tệp quá lớn ({format_number(size)} byte, giới hạn {format_number(MAX_FILE_BYTES)} byte). "
                         "Hãy xóa các trang tính, hình ảnh không cần thiết, hoặc chia thành nhiều tệp.")
    raw = path.read_bytes()
    if not raw.strip():
        raise Unreadable("Tệp trống, không có dòng nào.")
    kind = _sniff(raw, path.name)
    if kind == "xlsx":
        return _read_xlsx(raw, wanted_headers)
    if kind == "xls-or-encrypted":
        return _read_xls(raw, wanted_headers)
    if kind == "csv":
        return _read_csv(raw)
    if path.suffix.lower() == ".ods":
        raise Unreadable("Tệp .ods (LibreOffice) chưa được nhận trực tiếp. Hãy mở bằng LibreOffice, chọn Lưu thành… → "
                         "“Excel 2007-365 (.xlsx)” rồi nhập tệp .xlsx.")
    raise Unreadable(_CORRUPT.format(why=""))


def _pick_sheet(names: list[str], headers_of, wanted: set[str]) -> tuple[str, list[str]]:
    """The sheet named "Sáng kiến", else the first whose top rows hold the template's headers."""
    notes = []
    if SHEET in names:
        chosen = SHEET
    else:
        chosen = next((n for n in names if _header_score(headers_of(n), wanted) >= 3), names[0] if names else "")
    from generator.entries.sheet_template import EXAMPLE_SHEET, GUIDE_SHEET, LISTS_SHEET

    others = [n for n in names if n != chosen and n not in (GUIDE_SHEET, LISTS_SHEET, EXAMPLE_SHEET)]
    if others and chosen:
        notes.append(f"Chỉ đọc trang “{chosen}”; các trang khác ({', '.join(f'“{n}”' for n in others)}) được bỏ qua.")
    return chosen, notes


def _header_score(rows: list[list[object]], wanted: set[str]) -> int:
    return max((sum(_header_key(v) in wanted for v in row) for row in rows), default=0)


def _unpacked_bytes(raw: bytes) -> int:
    """What the zip's members declare they inflate to (0 when it is no readable zip: openpyxl will say so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0


def _read_xlsx(raw: bytes, wanted: set[str]) -> Table:
    import openpyxl  # only when a spreadsheet is imported

    unpacked = _unpacked_bytes(raw)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(f"Tệp nén {format_number(len(raw))} byte nhưng giải nén ra {format_number(unpacked)} byte, "
                         f"vượt giới hạn {format_number(MAX_UNPACKED_BYTES)} byte (tệp hỏng hoặc bị làm giả). "
                         "Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx; nếu vẫn lớn, chia thành nhiều tệp.")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as err:
        raise Unreadable(_CORRUPT.format(why=f" ({type(err).__name__})")) from None
    except Exception as err:  # openpyxl raises many kinds on broken XML inside the zip
        raise Unreadable(_CORRUPT.format(why=f" ({type(err).__name__})")) from None
    try:
        def top(name):
            return [list(r) for r in wb[name].iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)]

        name, notes = _pick_sheet(wb.sheetnames, top, wanted)
        rows = []
        for number, values in enumerate(wb[name].iter_rows(values_only=True), 1):
            if any(v is not None and v != "" for v in values):
                rows.append((number, list(values)))
        return Table(name, rows, notes)
    except Exception as err:
        raise Unreadable(_CORRUPT.format(why=f" ({type(err).__name__})")) from None
    finally:
        wb.close()


def _read_xls(raw: bytes, wanted: set[str]) -> Table:
    import xlrd  # only when an Excel 97-2003 file is imported

    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    except xlrd.biffh.XLRDError as err:
        if "encrypt" in str(err).lower():
            raise Unreadable(_PASSWORD) from None
        raise Unreadable(_CORRUPT.format(why="")) from None
    except Exception:
        # An .xlsx locked with a password is a compound file holding "EncryptedPackage", not a workbook.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in raw:
            raise Unreadable(_PASSWORD) from None
        raise Unreadable(_CORRUPT.format(why="")) from None

    def cell(sheet, r: int, c: int) -> object:
        kind = sheet.cell_type(r, c)
        value = sheet.cell_value(r, c)
        if kind == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(value, book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return value
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(value)
        if kind == xlrd.XL_CELL_ERROR:
            return None
        return value

    try:
        def top(name):
            sh = book.sheet_by_name(name)
            return [[cell(sh, r, c) for c in range(sh.ncols)] for r in range(min(sh.nrows, HEADER_SCAN_ROWS))]

        name, notes = _pick_sheet(book.sheet_names(), top, wanted)
        sh = book.sheet_by_name(name)
        rows = []
        for r in range(sh.nrows):
            values = [cell(sh, r, c) for c in range(sh.ncols)]
            if any(v is not None and v != "" for v in values):
                rows.append((r + 1, values))
        return Table(name, rows, notes)
    finally:
        book.release_resources()


def _read_csv(raw: bytes) -> Table:
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            windows = legacy_fonts.decode_windows_1258(raw)  # Excel's "CSV" on a Vietnamese Windows
            if windows is not None:
                text = windows
                notes.append("Tệp CSV không phải UTF-8; đã đọc theo bảng mã Windows-1258 (chữ Việt của Windows).")
            else:  # TCVN3 or VNI bytes: each cell's letters are converted below, and said so
                text = raw.decode("latin-1")
    text = nfc(text)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(MAX_FILE_BYTES)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, 1):
            if any(v.strip() for v in values):
                rows.append((number, [v if v != "" else None for v in values]))
    except csv.Error as err:
        raise Unreadable(f"Tệp CSV hỏng ở dòng {reader.line_num}: {err}. Hãy mở bằng Excel và lưu lại dạng .xlsx.") from None
    return Table("CSV", rows, notes)


# --- headers --------------------------------------------------------------------------------------
def _header_key(value: object) -> str:
    if not isinstance(value, str):
        return ""
    text = value.replace("\n", " ").strip()
    if text.endswith(REQUIRED_MARK.strip()):
        text = text[:-1]
    return fold(" ".join(text.split()))


# --- cells → values ---------------------------------------------------------------------------------
class _Bad(Exception):
    """A cell that cannot be used at all (formula text, far too long); the message says how to fix it."""


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, bool):
        return YES if value else ""
    return str(value)


def _date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value).strip()
    if m := _DATE_DMY.match(text):
        d, mth, y = (int(g) for g in m.groups())
        return f"{y:04d}-{mth:02d}-{d:02d}"  # an impossible date (31/02) is left to the model to name
    if m := _DATE_YMD.match(text):
        y, mth, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mth:02d}-{d:02d}"
    return text


def _int(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    text = _text(value).strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else text


def parse_money(value: object) -> object:
    """50.000.000, 50,000,000, 50 000 000, 50 triệu, 1,5 tỷ → whole numbers; anything else as it was."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else value
    text = fold(_text(value)).replace("\u00a0", " ").strip()
    m = _MONEY.match(text)
    if not m:
        return _text(value).strip()
    digits, word = m.group(1).strip(), m.group(2)
    if word:
        number = digits.replace(" ", "").replace(".", "#").replace(",", ".") if "," in digits else digits.replace(" ", "")
        if number.count(".") > 1 or "#" in number:
            number = number.replace("#", "").replace(".", "") if number.count(".") > 1 else number.replace("#", "")
        try:
            amount = float(number) * _MONEY_WORDS[word]
        except ValueError:
            return _text(value).strip()
        return int(round(amount))
    plain = re.sub(r"[.,\s]", "", digits)
    groups = re.split(r"[.,\s]", digits)
    # Thousands separators: every group after the first has three digits ("50.000.000", "50,000,000").
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return _text(value).strip()
    return int(plain)


def _lookup(col: Column, tax: Taxonomy) -> dict[str, str]:
    """Folded spellings a cell may hold → the code: the dropdown's label, the code, the name."""
    out = {}
    kind = {"type": "types", "area": "areas", "unit": "units", "organization": "organizations", "status": "statuses",
            "replicated_in": "units"}.get(col.key)
    if kind:
        out.update({fold(k): v for k, v in _candidates(tax, kind).items()})
    if col.key == "recognition.level":
        for lv in tax.recognition_levels:
            out[fold(lv.slug)] = lv.slug
            out[fold(lv.name)] = lv.slug
    if col.key == "unit" or col.key == "replicated_in":
        from generator.entries.issue_form import unit_option

        out.update({fold(unit_option(tax, u.slug)): u.slug for u in tax.units})
    out.update({fold(label): code for label, code in col.choices})
    return out


def _code(text: str, table: dict[str, str]) -> str:
    """The code a cell names; remembered per column, as a sheet repeats the same few labels on every row."""
    memo = table.get(_MEMO)
    if memo is None:
        memo = table[_MEMO] = {}  # type: ignore[assignment]
    found = memo.get(text)
    if found is None:
        found = memo[text] = _find_code(text, table)
    return found


_MEMO = "\x00memo"  # a key no folded text can be


def _find_code(text: str, table: dict[str, str]) -> str:
    key = fold(" ".join(text.split()))
    if key in table:
        return table[key]
    m = re.search(r"\(([a-z0-9-]+)(?:,[^)]*)?\)\s*$", text)  # "… (ea-po, đến 30/6/2025)"
    if m and fold(m.group(1)) in table:
        return table[fold(m.group(1))]
    m = re.match(r"^(\d+)\s*[.)-]", text)  # "2. Doanh nghiệp …"
    if m:
        return m.group(1)
    return text


# --- a row → the entry's data ------------------------------------------------------------------------
@dataclass
class _Row:
    number: int
    data: dict = field(default_factory=dict)
    sections: list[str] | None = None
    slug: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # column key → cell reference ("C12")
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (column key, message, severity)
    rejected: set[str] = field(default_factory=set)  # cells refused outright: what follows from their absence is not said again


def _col_letter(index: int) -> str:
    """0 → 'A', 26 → 'AA'."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _row_values(number: int, values: list[object], mapping: dict[int, Column], lookups: dict[str, dict],
                letters: dict[int, str]) -> _Row:
    """One sheet row → the entry's front-matter values, the body's sections, the file name, and the problems
    of cells that cannot be used at all."""
    row = _Row(number)
    sections = [""] * sum(1 for c in mapping.values() if c.key.startswith("body."))
    recognition: dict[str, list] = {}
    any_body = False
    for index, col in mapping.items():
        value = values[index] if index < len(values) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        row.cells[col.key] = f"{letters[index]}{number}"
        if isinstance(value, str):
            text = nfc(value.replace("\r\n", "\n").replace("\r", "\n"))
            if len(text) > MAX_CELL_CHARS:
                row.problems.append((col.key, f"Ô dài {format_number(len(text))} ký tự, vượt giới hạn "
                                              f"{format_number(MAX_CELL_CHARS)} ký tự của một ô bảng tính. Hãy rút gọn nội dung.", ERROR))
                row.rejected.add(col.key)
                continue
            if _FORMULA.match(text.strip()):
                shown = text.strip()[:40] + ("…" if len(text.strip()) > 40 else "")
                row.problems.append((col.key, f"Ô chứa công thức `{shown}` chứ không phải văn bản; trang web không chạy "
                                              "công thức. Hãy gõ thẳng nội dung (với liên kết, chép địa chỉ vào phần nội dung).", ERROR))
                row.rejected.add(col.key)
                continue
            converted, legacy = legacy_fonts.convert(text)
            if legacy:
                row.problems.append((col.key, f"Chữ trong ô được gõ bằng bảng mã cũ {legacy_fonts.NAMES[legacy]}; "
                                              "đã tự chuyển sang Unicode. Hãy xem lại chữ đã chuyển.", WARNING))
                text = converted
            value = text.strip()
            # Line breaks and runs of spaces stay only where they mean something: the body, lists, one line
            # per commendation. A title or a summary is one line (the model says so): a break becomes a space.
            if col.key == "summary" or (col.kind not in ("long", "list", "units") and not col.key.startswith("recognition.")):
                value = " ".join(value.split())
        key = col.key
        if key == SLUG:
            row.slug = _text(value).strip()
        elif key.startswith("body."):
            sections[int(key[5:])] = _text(value).strip()
            any_body = True
        elif key.startswith("recognition."):
            part = key.split(".")[1]
            items = [value] if not isinstance(value, str) else [v for v in _LIST_SPLIT.split(value) if v]
            if part == "level":
                items = [_code(str(v), lookups[key]) for v in items]
            elif part == "year":
                items = [_int(v) for v in items]
            recognition[part] = items
        elif key.startswith("benefits."):
            row.data.setdefault("benefits", {})[key.split(".", 1)[1]] = parse_money(value)
        elif col.kind == "choice":
            code = _code(_text(value).strip(), lookups[key])
            row.data[key] = int(code) if key == "area" and code.isascii() and code.isdigit() else code
        elif col.kind == "units":
            row.data[key] = [_code(v, lookups[key]) for v in _LIST_SPLIT.split(_text(value)) if v]
        elif col.kind == "list":
            row.data[key] = [v for v in _LIST_SPLIT.split(_text(value)) if v]
        elif col.kind == "int":
            row.data[key] = _int(value)
        elif col.kind == "date":
            row.data[key] = _date(value)
        elif col.kind == "bool":
            text = fold(_text(value).strip())
            row.data[key] = text in ("co", "x", "true", "1", "yes")
            if row.data[key] is False:
                del row.data[key]
        elif col.kind == "money":
            row.data[key] = parse_money(value)
        else:
            row.data[key] = _text(value).strip()
    if recognition:
        count = max(len(v) for v in recognition.values())
        parts = list(Recognition.model_fields)
        if any(len(recognition.get(p, [])) != count for p in parts):
            for p in parts:
                if len(recognition.get(p, [])) != count:
                    row.problems.append((f"recognition.{p}", f"Khen thưởng ghi {count} dòng nhưng ô này có "
                                                             f"{len(recognition.get(p, []))}; mỗi lần khen thưởng cần đủ cấp, năm và hình thức, "
                                                             "mỗi thứ một dòng trong ô, theo cùng thứ tự.", ERROR))
        else:
            row.data["recognition"] = [{p: recognition[p][i] for p in parts} for i in range(count)]
    row.sections = sections if any_body else None
    return row


# --- the entry file's text -------------------------------------------------------------------------
_PLAIN_SCALAR = re.compile(r"^[a-z0-9][a-z0-9._/-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _scalar(value: object, plain_ok: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _DATE_TEXT.match(text) and plain_ok:
        return text
    if plain_ok and _PLAIN_SCALAR.match(text) and text not in _YAML_WORDS and not re.fullmatch(r"[0-9._-]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)


_PLAIN_FIELDS = {"type", "unit", "organization", "status", "applied_since", "added", "replicated_in", "image"}


def front_matter_lines(data: dict) -> tuple[list[str], dict[str, int]]:
    """Canonical front-matter lines (the model's key order, one list item per line) and each key's line
    (dotted, 1-based from the first line after `---`)."""
    lines: list[str] = []
    where: dict[str, int] = {}
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    for key in sorted(data, key=lambda k: (order.get(k, len(order)), k)):
        value = data[key]
        where[key] = len(lines) + 2
        plain = key in _PLAIN_FIELDS
        if isinstance(value, list):
            if not value:
                lines.append(f"{key}: []")
                continue
            lines.append(f"{key}:")
            for i, item in enumerate(value):
                where[f"{key}.{i}"] = len(lines) + 2
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        where[f"{key}.{i}.{k}"] = len(lines) + 2
                        lines.append(f"{'  - ' if first else '    '}{k}: {_scalar(v, k == 'level')}")
                        first = False
                else:
                    lines.append(f"  - {_scalar(item, plain)}")
        elif isinstance(value, dict):
            if not value:
                lines.append(f"{key}: {{}}")
                continue
            lines.append(f"{key}:")
            for k, v in value.items():
                where[f"{key}.{k}"] = len(lines) + 2
                lines.append(f"  {k}: {_scalar(v, False)}")
        else:
            lines.append(f"{key}: {_scalar(value, plain)}")
    return lines, where


def entry_text(data: dict, body: str) -> tuple[str, dict[str, int], int, str]:
    """The whole entry file (fmt's canonical form), each key's line, the body's first line and the body as written."""
    lines, where = front_matter_lines(data)
    head = "---\n" + "".join(ln + "\n" for ln in lines) + "---\n"
    if body and not body.startswith("\n"):
        body = "\n" + body  # a blank line between the front matter and the body, as the samples have it
    return head + body, where, len(lines) + 3, body


# --- the whole import ------------------------------------------------------------------------------
def _source(rel: str, root: Path, data: dict, lines: dict[str, int], text: str, body: str, body_line: int) -> read.Source:
    return read.Source(rel=rel, path=root / rel, text=text, data=data, lines=lines, body=body, body_line=body_line)


def _column_of(p: Problem, row: _Row, lines: dict[str, int], body_line: int, section_lines: list[tuple[int, str]]) -> str:
    """The column key a check problem belongs to."""
    if p.field:
        parts = p.field.split(".")
        if parts[0] == "recognition" and len(parts) >= 3:
            return f"recognition.{parts[2]}"
        if parts[0] == "recognition":
            return "recognition.title"
        if parts[0] == "benefits" and len(parts) >= 2:
            return f"benefits.{parts[1]}"
        return parts[0]
    if p.line >= body_line and not section_lines:
        return "body.0"
    if p.line >= body_line and section_lines:
        key = section_lines[0][1]
        for start, k in section_lines:
            if p.line >= start:
                key = k
        return key
    if p.line > 1:
        best = ""
        for k, ln in lines.items():
            if ln <= p.line and (not best or ln >= lines[best]):
                best = k
        if best:
            return _column_of(Problem(p.path, p.line, p.message, field=best), row, {}, body_line, section_lines)
    return "title"


def import_sheet(path: Path, root: Path, tax: Taxonomy, update: bool = False, today: dt.date | None = None,
                 shown_name: str | None = None) -> Result:
    """Read a sheet and plan the entry files; every problem found, nothing written."""
    root = root.resolve()
    name = shown_name or path.name
    result = Result()
    cols = columns(tax)
    by_header = {}
    for col in cols:
        by_header.setdefault(_header_key(col.title), col)
    try:
        table = read_table(path, set(by_header))
    except Unreadable as err:
        result.problems.append(SheetProblem(name, str(err)))
        return result
    place = f"{name} › {table.sheet}"
    for note in table.notes:
        result.problems.append(SheetProblem(name, note, WARNING))
    # The header row: the top row holding most of the template's column titles.
    header_at, best = None, 0
    for number, values in table.rows[:HEADER_SCAN_ROWS]:
        score = sum(_header_key(v) in by_header for v in values)
        if score > best:
            header_at, best = number, score
    if header_at is None or best < 3:
        result.problems.append(SheetProblem(place, "Không tìm thấy dòng tiêu đề của mẫu (các cột “Tên sáng kiến”, “Loại”, "
                                                   "“Lĩnh vực”, “Đơn vị áp dụng”…). Hãy dùng mẫu tải từ trang Hướng dẫn biên tập "
                                                   "và giữ nguyên dòng tiêu đề."))
        return result
    header = dict(table.rows)[header_at]
    mapping: dict[int, Column] = {}
    for index, value in enumerate(header):
        key = _header_key(value)
        if not key:
            continue
        col = by_header.get(key)
        ref = f"{place} › {_col_letter(index)}{header_at}"
        if col is None:
            result.problems.append(SheetProblem(ref, f"Cột “{' '.join(str(value).split())}” không có trong mẫu nên được bỏ qua.", WARNING))
        elif col in mapping.values():
            result.problems.append(SheetProblem(ref, f"Cột “{col.title}” có hai lần; hãy xóa một cột.", ERROR))
        else:
            mapping[index] = col
    missing = [c for c in cols if c.required and c not in mapping.values()]
    for col in missing:
        result.problems.append(SheetProblem(place, f"Thiếu cột bắt buộc “{col.title}”. Hãy dùng mẫu mới nhất, giữ nguyên các cột.", ERROR))
    if missing:
        return result
    titles = {c.key: c.title for c in cols}
    letters = {index: _col_letter(index) for index in mapping}
    lookups = {c.key: _lookup(c, tax) for c in cols if c.kind in ("choice", "units")}
    existing = {p.stem: p for p in read.entry_files(root)}
    seen: dict[str, int] = {}
    body_cols = [c.key for c in cols if c.key.startswith("body.")]
    today = today or dt.date.today()
    for number, values in table.rows:
        if number <= header_at:
            continue
        row = _row_values(number, values, mapping, lookups, letters)
        if not row.data and row.sections is None and not row.slug:
            continue
        result.rows += 1
        out: list[tuple[str, str, str]] = list(row.problems)
        data = row.data
        title = data.get("title") if isinstance(data.get("title"), str) else ""
        slug = row.slug or (free_slug(title, set()) if title else "")
        if row.slug and not SLUG_PATTERN.match(row.slug):
            out.append((SLUG, f"Tên tệp `{row.slug}` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang. "
                              "Để trống ô này với mục mới.", ERROR))
            slug = ""
        body = join_body(row.sections) if row.sections is not None else ""
        year = data.get("year") if isinstance(data.get("year"), int) else None
        old = existing.get(slug) if slug else None
        action = "tạo mới"
        if slug and slug in seen:
            out.append(("title", f"Trùng với dòng {seen[slug]}: hai dòng cùng tên tệp `{slug}` (cùng tên sáng kiến). "
                                 "Nếu là hai mục khác nhau, hãy đặt tên khác nhau; nếu là một, hãy xóa một dòng.", ERROR))
        elif slug:
            seen[slug] = number
        if old is not None and not update:
            rel_old = old.relative_to(root).as_posix()
            out.append(("title" if not row.slug else SLUG,
                        f"Đã có mục `{rel_old}` cùng tên tệp `{slug}`. Nếu dòng này cập nhật mục đó, chạy lại lệnh với "
                        "`--update`; nếu là mục khác, hãy đổi tên sáng kiến.", ERROR))
        old_src = None
        if old is not None and update:
            old_src = read.read_source(old, root)
            if old_src.data is None:
                out.append(("title", f"Mục đã có `{old_src.rel}` đang lỗi nên không cập nhật được: "
                                     + "; ".join(p.message for p in old_src.problems[:2]), ERROR))
                old_src = None
            else:
                merged = dict(old_src.data)
                merged.update(data)
                data = merged
                old_sections = split_body(old_src.body)
                if row.sections is None or row.sections == old_sections:
                    body = old_src.body
                action = "cập nhật"
        if old_src is None:
            data = stamp_added(data, today)
        year = data.get("year") if isinstance(data.get("year"), int) else year
        if old_src is not None:
            rel = old_src.rel
        else:
            rel = f"{read.ENTRIES_DIR}/{year if year else 'NAM'}/{slug or 'ten-muc'}.md"
        text, lines, body_line, written_body = entry_text(data, body)
        src = _source(rel, root, data, lines, text, written_body, body_line)
        entry, problems = validate_entry(src, tax)
        if entry is not None:
            problems = problems + check_source(src, entry, tax, root)[1]
        section_lines = []
        if written_body:
            offset = body_line
            for i, line in enumerate(written_body.split("\n")):
                if line.startswith("## ") and line[3:].strip() in [titles[k] for k in body_cols]:
                    section_lines.append((offset + i, next(k for k in body_cols if titles[k] == line[3:].strip())))
        for p in problems:
            key = _column_of(p, row, lines, body_line, section_lines)
            if key in row.rejected or (key.startswith("body.") and any(k.startswith("body.") for k in row.rejected)):
                continue
            out.append((key, p.message, p.severity))
        if old_src is not None and entry is not None:
            old_entry, _ = validate_entry(old_src, tax)
            if old_entry is not None and old_entry == entry and written_body == old_src.body:
                action = "giữ nguyên"
        for key, message, severity in out:
            if key not in row.cells and not any(c.key == key for c in mapping.values()):
                key = "title"  # a field the sheet has no column for (`added`): the row's first cell
            ref = row.cells.get(key) or f"{_col_letter(next(i for i, c in mapping.items() if c.key == key))}{number}"
            label = titles.get(key, "")
            where = f"{place} › {ref}" + (f" ({label})" if label else "")
            result.problems.append(SheetProblem(where, message, severity, (number, key)))
        result.planned.append(Planned(number, rel, None if action == "giữ nguyên" else text.encode("utf-8"), action))
    result.problems.sort(key=lambda p: p.order)
    return result


def write_planned(result: Result, root: Path) -> list[str]:
    """Write what an error-free import planned; returns the files written."""
    from generator.entries.fmt import write_atomically

    written = []
    for plan in result.planned:
        if plan.content is None:
            continue
        target = root / plan.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if plan.action == "cập nhật":
            write_atomically(target, plan.content)  # an editor's file is replaced whole or not at all
        else:
            # A new file: "x" refuses to replace one that appeared since the sheet was read; no fsync per file
            # (the sheet itself is the copy to import again), which was half the time of writing 5,000 entries.
            with open(target, "xb") as fh:
                fh.write(plan.content)
        written.append(plan.rel)
    return written
