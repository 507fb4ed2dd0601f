"""The office's spreadsheet round trip: template → filled by an office (and passed through LibreOffice, as
.xlsx, .xls and .csv) → import → the same entry files; export → import --update → byte-identical files;
a hostile sheet gives one Vietnamese line per problem and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from generator.catalog import project
from generator.entries import sheet_import, sheet_template
from generator.entries.model import Entry, is_stamped

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^[^›\n]+(?: › [^›\n]+(?: › [A-Z]+\d+(?: \([^)]+\))?)?)?: ")


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True)


def blank_project(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "taxonomy.yml", path / "taxonomy.yml")
    (path / "initiatives").mkdir(exist_ok=True)
    return path


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "initiatives").rglob("*")) if p.is_file()}


# --- what offices type ------------------------------------------------------------------------------
ROWS = [
    {   # typed the usual way, with the dropdowns' labels, an Excel date and money with dots
        "Tên sáng kiến": "Tổ tự quản đường làng sáng – xanh – sạch",
        "Loại": "Mô hình “Đoàn kết sáng tạo” (mo-hinh)",
        "Lĩnh vực": "1. Cơ quan của hệ thống chính trị",
        "Đơn vị áp dụng": "xã Ea Pô, tỉnh Đắk Nông (ea-po, đến 30/6/2025)",
        "Năm": 2023,
        "Tóm tắt": "  Mỗi thôn lập một tổ tự quản giữ đường làng sáng đèn, trồng cây xanh và thu gom rác mỗi sáng chủ nhật.  ",
        "Tổ chức chủ trì": "Hội Liên hiệp Phụ nữ (hoi-lhpn)",
        "Tác giả": "Chi hội Phụ nữ thôn 2\nChi hội Phụ nữ thôn 5",
        "Áp dụng từ ngày": dt.datetime(2023, 3, 15),
        "Cấp khen thưởng": "Cấp huyện (huyen)",
        "Năm khen thưởng": 2023,
        "Hình thức khen thưởng": "Giấy khen của Ủy ban MTTQ Việt Nam huyện Cư Jút",
        "Hiệu quả đo được: Số hộ hưởng lợi (hộ)": "1.250",
        "Hiệu quả đo được: Số tiền làm lợi, tiết kiệm (đồng)": "50.000.000",
        "Thực trạng": "Đường liên thôn tối, rác thải ven đường nhiều, người dân đi lại ban đêm khó khăn và mất an toàn.",
        "Giải pháp": "Mỗi hộ góp 20.000 đồng một tháng để thắp đèn.\n\nChủ nhật đầu tháng, cả thôn ra quân dọn vệ sinh và trồng cây.",
        "Hiệu quả": "Sau một năm, 12 km đường có đèn chiếu sáng, 3.000 cây xanh được trồng và chăm sóc.",
    },
    {   # codes instead of labels, a text date in Vietnamese order, money in words, a VNI-typed cell
        "Tên sáng kiến": "Máy tách hạt mắc ca cải tiến",
        "Loại": "sang-che",
        "Lĩnh vực": 2,
        "Đơn vị áp dụng": "dak-wil",
        "Năm": "2024",
        "Tóm tắt": "Máy tách hạt mắc ca do nông dân tự chế, tách nhanh gấp năm lần làm tay và ít vỡ hạt.",
        "Tác giả": "Ñoaøn Vaên Huøng",
        "Áp dụng từ ngày": "05/08/2024",
        "Hiệu quả đo được: Số tiền làm lợi, tiết kiệm (đồng)": "120 triệu",
        "Từ khóa": "mắc ca; cơ khí",
        "Thực trạng": "Tách hạt mắc ca bằng tay chậm, hay vỡ hạt, mỗi người chỉ tách được vài chục ký một ngày.",
        "Giải pháp": "Máy dùng hai trục cao su quay ngược chiều, khe hở chỉnh được theo cỡ hạt; động cơ 1 kW.",
    },
]


def fill(template: bytes, rows: list[dict], sheet: str = sheet_template.SHEET) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb[sheet]
    heads = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    for r, row in enumerate(rows, 2):
        for title, value in row.items():
            cell = ws.cell(r, heads[title], value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even "=…"
    wb.active = wb.sheetnames.index(sheet)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """The template, filled as an office would, and what LibreOffice makes of it as .xlsx, .xls and .csv
    (LibreOffice is slow to start: once per session, with a profile of its own)."""
    work = tmp_path_factory.mktemp("office")
    blank_project(work / "p")
    assert run(work / "p", "template", "--output", str(work / "mau.xlsx")).returncode == 0
    filled = work / "da-dien.xlsx"
    filled.write_bytes(fill((work / "mau.xlsx").read_bytes(), ROWS))
    out = {"filled": filled}
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    for ext, target in (("xlsx", "xlsx:Calc MS Excel 2007 XML"), ("xls", "xls:MS Excel 97"),
                        ("csv", "csv:Text - txt - csv (StarCalc):44,34,76,1")):
        folder = work / f"lo-{ext}"
        proc = subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(folder), str(filled)],
                              capture_output=True, text=True, timeout=240)
        made = folder / f"da-dien.{ext}"
        assert made.exists(), (proc.stdout, proc.stderr)
        out[ext] = made
    return out


def imported(tmp_path: Path, sheet: Path) -> dict[str, bytes]:
    root = blank_project(tmp_path / sheet.parent.name / sheet.name.replace(".", "-"))
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return files_of(root)


def test_template_columns_come_from_the_model_and_lists_from_the_taxonomy(taxonomy):
    cols = sheet_template.columns(taxonomy, 2022)
    titles = [c.title for c in cols]
    for name, info in Entry.model_fields.items():
        if name in ("recognition", "benefits") or is_stamped(name):
            continue
        assert info.title in titles
    assert [c.title for c in cols if c.key.startswith("body.")] == list(sheet_template.SECTIONS)
    units = dict((code, label) for label, code in next(c for c in cols if c.key == "unit").choices)
    assert set(units) == {u.slug for u in taxonomy.units_valid_in(2022)}
    assert "dak-wil-2025" not in units
    only = dict((code, label) for label, code in next(c for c in sheet_template.columns(taxonomy, 2022, "dak-wil-2025")
                                                      if c.key == "unit").choices)
    assert set(only) == {"dak-wil", "ea-po"}


def test_filled_template_imports_to_canonical_entries(tmp_path):
    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    sheet = tmp_path / "da-dien.xlsx"
    sheet.write_bytes(fill(mau.read_bytes(), ROWS))
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The VNI-typed cell is converted and said so, at its cell.
    assert re.search(r"da-dien\.xlsx › Sáng kiến › H3 \(Tác giả\): cảnh báo: .*VNI", proc.stdout), proc.stdout
    written = files_of(root)
    assert sorted(written) == ["initiatives/2023/to-tu-quan-duong-lang-sang-xanh-sach.md",
                               "initiatives/2024/may-tach-hat-mac-ca-cai-tien.md"]
    first = written["initiatives/2023/to-tu-quan-duong-lang-sang-xanh-sach.md"].decode()
    assert "type: mo-hinh\narea: 1\nunit: ea-po\nyear: 2023\n" in first
    assert f"added: {dt.date.today().isoformat()}\n" in first
    assert "applied_since: 2023-03-15\n" in first and "  households: 1250\n  savings_vnd: 50000000\n" in first
    assert '  - level: huyen\n    year: 2023\n    title: "Giấy khen' in first
    assert "## Giải pháp\n\nMỗi hộ góp 20.000 đồng một tháng để thắp đèn.\n\nChủ nhật" in first
    second = written["initiatives/2024/may-tach-hat-mac-ca-cai-tien.md"].decode()
    assert 'authors:\n  - "Đoàn Văn Hùng"\n' in second and "applied_since: 2024-08-05\n" in second
    assert "savings_vnd: 120000000" in second and 'tags:\n  - "mắc ca"\n  - "cơ khí"\n' in second
    assert run(root, "check").returncode == 0
    assert run(root, "fmt", "--check").returncode == 0


def test_libreoffice_xlsx_xls_and_csv_import_to_the_same_entries(office_files, tmp_path):
    expected = imported(tmp_path, office_files["filled"])
    assert len([k for k in expected if k.endswith(".md")]) == 2
    for ext in ("xlsx", "xls", "csv"):
        assert imported(tmp_path, office_files[ext]) == expected, ext


def test_dropdowns_survive_libreoffice(office_files):
    wb = openpyxl.load_workbook(office_files["xlsx"])
    ws = wb[sheet_template.SHEET]
    heads = {str(c.value).removesuffix(" *"): c.column_letter for c in ws[1] if c.value}
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    covered = {str(dv.sqref).split(":")[0].rstrip("0123456789") for dv in lists}
    for title in ("Loại", "Lĩnh vực", "Đơn vị áp dụng", "Tổ chức chủ trì", "Trạng thái", "Cấp khen thưởng", "Nổi bật"):
        assert heads[title] in covered, title
    assert all(sheet_template.LISTS_SHEET in dv.formula1 for dv in lists)


def test_export_then_import_update_leaves_every_file_byte_identical(scratch_with_samples, tmp_path):
    root = scratch_with_samples.root
    before = files_of(root)
    out = tmp_path / "xuat.xlsx"
    proc = run(root, "export", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    proc = run(root, "import", str(out), "--update")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert files_of(root) == before
    assert "giữ nguyên" in proc.stderr


def test_import_update_changes_only_what_the_row_changes(scratch_with_samples, tmp_path):
    root = scratch_with_samples.root
    out = tmp_path / "xuat.xlsx"
    assert run(root, "export", "--year", "2022", "--unit", "dak-wil", "--output", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    ws = wb[sheet_template.SHEET]
    heads = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    slug = ws.cell(2, heads[sheet_template.SLUG_TITLE]).value
    ws.cell(2, heads["Tóm tắt"], "Một tóm tắt mới, viết lại cho dễ đọc trên loa phát thanh của xã.")
    wb.save(out)
    path = next((root / "initiatives").rglob(f"{slug}.md"))
    before = path.read_text(encoding="utf-8")
    others = {k: v for k, v in files_of(root).items() if not k.endswith(f"/{slug}.md")}
    assert run(root, "import", str(out)).returncode == 1  # without --update: reported, nothing written
    proc = run(root, "import", str(out), "--update")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = path.read_text(encoding="utf-8")
    assert 'summary: "Một tóm tắt mới' in after
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]  # the body is kept
    assert {k: v for k, v in files_of(root).items() if not k.endswith(f"/{slug}.md")} == others


def test_dry_run_writes_nothing(tmp_path):
    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    sheet = tmp_path / "da-dien.xlsx"
    sheet.write_bytes(fill(mau.read_bytes(), ROWS))
    proc = run(root, "import", str(sheet), "--dry-run")
    assert proc.returncode == 0 and "Sẽ tạo mới: initiatives/2023/" in proc.stdout
    assert files_of(root) == {}


@pytest.mark.parametrize("text, amount", [("50.000.000", 50_000_000), ("50,000,000", 50_000_000), ("50 000 000", 50_000_000),
                                          ("50 triệu", 50_000_000), ("1,5 tỷ", 1_500_000_000), ("2 tỉ", 2_000_000_000),
                                          ("300 nghìn đồng", 300_000), (50000000.0, 50_000_000), ("1250", 1250)])
def test_money_as_offices_write_it(text, amount):
    assert sheet_import.parse_money(text) == amount


def test_money_that_is_not_a_whole_number_is_left_for_the_model_to_name():
    assert sheet_import.parse_money("khoảng 50 triệu") == "khoảng 50 triệu"
    assert sheet_import.parse_money("50.5") == "50.5"


# --- hostile sheets ----------------------------------------------------------------------------------
def _good(title: str, **more) -> dict:
    row = dict(ROWS[0])
    row["Tên sáng kiến"] = title
    row.update(more)
    return row


def _check_lines(proc, expected: list[str], root: Path) -> list[str]:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    for ln in lines:
        assert LINE.match(ln), ln
    for want in expected:
        assert any(re.search(want, ln) for ln in lines), (want, lines)
    assert files_of(root) == {}, "nothing is written when a row has an error"
    return lines


def test_hostile_rows_each_name_their_cell(tmp_path):
    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    rows = [
        _good("Đèn đường năng lượng mặt trời", **{"Đơn vị áp dụng": "dak-wil-2025", "Năm": 2022,
                                                 "Áp dụng từ ngày": dt.datetime(2022, 5, 1)}),
        _good("Vườn rau an toàn", **{"Lĩnh vực": 9}),
        _good("Sân chơi cho trẻ em", **{"Áp dụng từ ngày": "31/02/2023"}),
        _good("Sân chơi cho trẻ em"),
        _good("Bếp ăn bán trú", **{"Tóm tắt": '=HYPERLINK("http://lua-dao.example","Bấm vào đây để nhận quà tặng")'}),
        _good("Nước sạch cho bản", **{"Áp dụng từ ngày": "hôm qua"}),
    ]
    sheet = tmp_path / "xau.xlsx"
    sheet.write_bytes(fill(mau.read_bytes(), rows))
    lines = _check_lines(run(root, "import", str(sheet)), [
        r"^xau\.xlsx › Sáng kiến › D2 \(Đơn vị áp dụng\): .*không tồn tại trong năm 2022",
        r"^xau\.xlsx › Sáng kiến › C3 \(Lĩnh vực\): ",
        r"^xau\.xlsx › Sáng kiến › J4 \(Áp dụng từ ngày\): .*không có thật",
        r"^xau\.xlsx › Sáng kiến › A5 \(Tên sáng kiến\): Trùng với dòng 4",
        r"^xau\.xlsx › Sáng kiến › F6 \(Tóm tắt\): Ô chứa công thức",
        r"^xau\.xlsx › Sáng kiến › J7 \(Áp dụng từ ngày\): .*không phải ngày hợp lệ",
    ], root)
    assert len([ln for ln in lines if "cảnh báo" not in ln]) == 6, lines


def test_hostile_csv_huge_cell_and_formula(tmp_path):
    root = blank_project(tmp_path / "p")
    heads = ["Tên sáng kiến", "Loại", "Lĩnh vực", "Đơn vị áp dụng", "Năm", "Tóm tắt", "Thực trạng"]
    summary = "Một tóm tắt đủ dài cho một sáng kiến của xã trong năm nay."
    body = "Nội dung " * 50
    rows = [heads,
            ["Sáng kiến một", "sang-kien", "1", "ea-po", "2022", summary, "x" * 10_000_000],
            ["Sáng kiến hai", "sang-kien", "1", "ea-po", "2022", "=HYPERLINK(\"http://x\",\"quà\")", body]]
    import csv as csv_module

    buf = io.StringIO()
    csv_module.writer(buf).writerows(rows)
    sheet = tmp_path / "xau.csv"
    sheet.write_bytes(buf.getvalue().encode("utf-8-sig"))
    _check_lines(run(root, "import", str(sheet)), [
        r"^xau\.csv › CSV › G2 \(Thực trạng\): Ô dài 10\.000\.000 ký tự",
        r"^xau\.csv › CSV › F3 \(Tóm tắt\): Ô chứa công thức",
    ], root)


def test_csv_in_windows_1258_is_read(tmp_path):
    root = blank_project(tmp_path / "p")
    text = ("Tên sáng kiến,Loại,Lĩnh vực,Đơn vị áp dụng,Năm,Tóm tắt,Thực trạng\r\n"
            "Tủ sách cộng đồng,mo-hinh,3,ea-po,2022,Tủ sách đặt ở nhà văn hóa thôn cho mọi người mượn đọc miễn phí.,"
            + "Thôn xa trung tâm, trẻ em ít sách đọc, người lớn không có chỗ tìm tài liệu về trồng trọt. " * 3 + "\r\n")
    sheet = tmp_path / "cu.csv"
    # Windows-1258 has the letters with ^, breve and horn, and the five tones as combining marks after them.
    def letter(ch: str) -> str:
        parts = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in parts[1:] if m in "\u0302\u0306\u031b")
        return unicodedata.normalize("NFC", parts[0] + shape) + "".join(m for m in parts[1:] if m not in shape)

    sheet.write_bytes("".join(letter(ch) for ch in text).encode("cp1258"))
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [(rel, data)] = files_of(root).items()
    assert rel == "initiatives/2022/tu-sach-cong-dong.md" and "Tủ sách cộng đồng" in data.decode()


def test_a_hundred_thousand_empty_rows_and_another_sheet(tmp_path):
    import xlsxwriter

    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    wb = openpyxl.load_workbook(io.BytesIO(fill(mau.read_bytes(), ROWS[:1])))
    wb.create_sheet("Ghi chú").cell(1, 1, "Danh sách gửi ngày 10/11")
    ws = wb[sheet_template.SHEET]
    ws.cell(100_002, 1).number_format = "@"  # a formatted cell far below: Excel keeps the empty rows
    ws.cell(100_002, 2, "")
    sheet = tmp_path / "dai.xlsx"
    wb.save(sheet)
    assert xlsxwriter  # the template writer is the library under test elsewhere
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "“Ghi chú”" in proc.stdout and len(files_of(root)) == 1


@pytest.mark.parametrize("name, content, message", [
    ("trang-web.xls", b"<html><body><table><tr><td>Ten</td></tr></table></body></html>", "trang web \\(HTML\\)"),
    ("hong.xlsx", b"PK\x03\x04" + b"\x00" * 200, "bị hỏng"),
    ("mat-khau.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500,
     "mật khẩu"),
    ("rong.csv", b"", "trống"),
    ("ngau-nhien.xlsx", bytes(range(256)) * 40, "bị hỏng"),
])
def test_unreadable_files_say_why_in_one_line(tmp_path, name, content, message):
    root = blank_project(tmp_path / "p")
    sheet = tmp_path / name
    sheet.write_bytes(content)
    lines = _check_lines(run(root, "import", str(sheet)), [rf"^{re.escape(name)}: .*{message}"], root)
    assert len(lines) == 1


def test_a_zip_claiming_gigabytes_is_refused_before_it_is_inflated(tmp_path):
    import struct

    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    raw = bytearray(fill(mau.read_bytes(), ROWS[:1]))
    # A forged zip states a huge inflated size in its central directory; that is what the reader trusts.
    at = raw.find(b"PK\x01\x02")
    assert at > 0
    struct.pack_into("<I", raw, at + 24, 0xF000_0000)
    sheet = tmp_path / "gia.xlsx"
    sheet.write_bytes(bytes(raw))
    lines = _check_lines(run(root, "import", str(sheet)), [r"^gia\.xlsx: .*giải nén ra 4\.0[0-9.]+ byte, vượt giới hạn"], root)
    assert len(lines) == 1


def test_the_whole_catalogue_exported_is_within_the_import_limits():
    # The benchmark's 100,000-entry export: 82,070,164 bytes unpacking to 376,113,190; both limits leave room.
    assert sheet_import.MAX_FILE_BYTES >= 2 * 82_070_164
    assert sheet_import.MAX_UNPACKED_BYTES >= 2 * 376_113_190


def test_missing_required_columns_are_named(tmp_path):
    root = blank_project(tmp_path / "p")
    sheet = tmp_path / "thieu.csv"
    sheet.write_text("Tên sáng kiến,Loại,Lĩnh vực,Năm\nA,sang-kien,1,2022\n", encoding="utf-8")
    _check_lines(run(root, "import", str(sheet)), [r"Thiếu cột bắt buộc “Đơn vị áp dụng”", r"Thiếu cột bắt buộc “Tóm tắt”"], root)


def test_existing_entry_is_never_silently_overwritten(scratch_with_samples, tmp_path, catalog):
    root = scratch_with_samples.root
    record = catalog.records[0]
    row = _good(record.entry.title, **{sheet_template.SLUG_TITLE: record.slug})
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    sheet = tmp_path / "trung.xlsx"
    sheet.write_bytes(fill(mau.read_bytes(), [row]))
    before = files_of(root)
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 1 and f"Đã có mục `{record.rel}`" in proc.stdout and "--update" in proc.stdout
    assert files_of(root) == before


def test_the_site_offers_the_current_template_first_on_the_guide(built_site, catalog):
    published = built_site / "huong-dan-bien-tap" / "mau-sang-kien.xlsx"
    from generator.pages import guide

    assert published.read_bytes() == guide.sheet_template_bytes(catalog)
    wb = openpyxl.load_workbook(published)
    assert wb.sheetnames[:2] == [sheet_template.SHEET, sheet_template.GUIDE_SHEET]
    html = (built_site / "huong-dan-bien-tap" / "index.html").read_text(encoding="utf-8")
    link = html.index('href="mau-sang-kien.xlsx"')
    assert link < html.index('id="tren-github"') and link < html.index('id="quy-trinh"')


def test_a_title_row_merged_above_hidden_and_empty_columns(tmp_path):
    """What offices do to a sheet: a merged title above the header, a column hidden, an empty column inserted,
    spaces around values."""
    root = blank_project(tmp_path / "p")
    mau = tmp_path / "mau.xlsx"
    assert run(root, "template", "--output", str(mau)).returncode == 0
    wb = openpyxl.load_workbook(io.BytesIO(fill(mau.read_bytes(), ROWS[:1])))
    ws = wb[sheet_template.SHEET]
    ws.insert_rows(1, 2)
    ws.cell(1, 1, "DANH SÁCH SÁNG KIẾN XÃ EA PÔ NĂM 2023")
    ws.merge_cells("A1:F1")
    ws.insert_cols(3)
    ws.column_dimensions["H"].hidden = True
    ws.cell(4, 1, "   " + ws.cell(4, 1).value + "   ")
    sheet = tmp_path / "sua.xlsx"
    wb.save(sheet)
    proc = run(root, "import", str(sheet))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [(rel, data)] = files_of(root).items()
    assert rel == "initiatives/2023/to-tu-quan-duong-lang-sang-xanh-sach.md"
    assert 'title: "Tổ tự quản đường làng sáng – xanh – sạch"\n' in data.decode()
