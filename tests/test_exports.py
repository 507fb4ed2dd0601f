"""Report exports: the spreadsheet and CSV read back and compared with independent counts; byte-identical output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter

import openpyxl
import pytest

from generator.outputs import exports, reports
from generator.common import urls
from generator.pages import views
from sample_counts import load


@pytest.fixture(scope="module")
def sample(root):
    return load(root)


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def summary_block(ws, caption: str) -> dict[str, list]:
    """The table under a caption on the "Tổng hợp" sheet: row label → the row's values."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == caption)
    out = {}
    for r in rows[start + 2:]:
        if r[0] is None:
            break
        out[r[0].strip()] = list(r[1:])
    return out


def list_rows(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:]]


@pytest.mark.parametrize("year,unit", [(2022, None), (2023, None), (2022, "cu-jut-2025"), (2024, "dak-wil-2025"),
                                       (2023, "nam-dong")])
def test_xlsx_cells_match_independent_counts(catalog, sample, year, unit):
    rep = reports.build(catalog, year, unit)
    wb = workbook(exports.xlsx(rep))
    assert wb.sheetnames == [exports.SUMMARY_SHEET, exports.LIST_SHEET]
    summary, listing = wb[exports.SUMMARY_SHEET], wb[exports.LIST_SHEET]
    entries = sample.select(year, unit)

    areas = summary_block(summary, rep.by_area.caption)
    types = [t["slug"] for t in sample.taxonomy["types"]]
    by_type = Counter((e["area"], e["type"]) for e in entries)
    for a in sample.taxonomy["areas"]:
        label = next(k for k in areas if k.startswith(f"{a['number']}. "))
        assert areas[label][:len(types) + 1] == [by_type[(a["number"], t)] for t in types] + \
            [sum(1 for e in entries if e["area"] == a["number"])]
    assert areas["Tổng cộng"][len(types)] == len(entries)

    statuses = summary_block(summary, rep.by_status.caption)
    n = Counter(sample.status(e) for e in entries)
    assert {k: v[0] for k, v in statuses.items()} == {s["name"]: n[s["slug"]] for s in sample.taxonomy["statuses"]} | {
        "Tổng cộng": len(entries)}

    levels = summary_block(summary, rep.by_level.caption)
    awards = sample.awards(year, unit)
    assert {k: v[0] for k, v in levels.items()} == {lv["name"]: awards[lv["slug"]] for lv in
                                                    sample.taxonomy["recognition_levels"]} | {"Tổng cộng": sum(awards.values())}

    gains = summary_block(summary, rep.benefits.caption)
    totals = sample.benefits(year, unit)
    assert {k: (v[0], v[2]) for k, v in gains.items()} == {b["name"]: totals[b["key"]] for b in sample.taxonomy["benefits"]}

    rows = list_rows(listing)
    assert sorted(r[views.label("title")] for r in rows) == sorted(e["title"] for e in entries)
    assert [r[exports.NUMBER] for r in rows] == list(range(1, len(entries) + 1))
    by_title = {e["title"]: e for e in entries}
    for r in rows:
        e = by_title[r[views.label("title")]]
        unit_def = sample.unit(e["unit"])
        assert r[views.label("unit")].lower().startswith(
            f"{sample.taxonomy['unit_kinds'][unit_def['kind']]} {unit_def['name']}".lower())
        assert r[views.label("year")] == year and r[views.label("summary")] == e["summary"]
        for b in sample.taxonomy["benefits"]:
            assert r[f"{b['name']} ({b['unit']})"] == e.get("benefits", {}).get(b["key"])
        if e.get("applied_since"):
            assert r[views.label("applied_since")].date() == e["applied_since"]


def test_xlsx_layout_reads_well(catalog):
    rep = reports.build(catalog, 2022)
    wb = workbook(exports.xlsx(rep))
    ws = wb[exports.LIST_SHEET]
    head = [c.value for c in ws[1]]
    for field in ("title", "type", "area", "unit", "organization", "year", "status", "summary", "authors",
                  "applied_since", "replicated_in", "recognition"):
        assert views.label(field) in head
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(head))}{len(rep.items) + 1}"
    widths = {ws.cell(1, c).value: ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, len(head) + 1)}
    assert widths[exports.NUMBER] <= 8 and round(widths[views.label("summary")]) == 61 and 30 <= widths[views.label("title")] <= 46
    assert all(6 <= w <= 61 for w in widths.values())  # XlsxWriter adds its 0.71 of padding
    assert all(ws.cell(1, c).font.b for c in range(1, len(head) + 1))
    summary = wb[exports.SUMMARY_SHEET]
    assert summary["A1"].value == "ỦY BAN MTTQ VIỆT NAM – HUYỆN CƯ JÚT"
    assert summary["A3"].value == "Cư Jút, ngày 20 tháng 11 năm 2022"


def test_xlsx_is_byte_identical_across_runs_and_processes(root, tmp_path, catalog):
    first = exports.xlsx(reports.build(catalog, 2023, "dak-wil-2025"))
    assert exports.xlsx(reports.build(catalog, 2023, "dak-wil-2025")) == first
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"r{seed}.xlsx"
        proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "report", "--year", "2023",
                               "--unit", "dak-wil-2025", "--output", str(target)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        # XlsxWriter stamps every member with one fixed date; the document's own date is the report's.
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2023-11-20T00:00:00Z" in core and core.count("2023-11-20T00:00:00Z") == 2


def test_site_assets_are_the_same_bytes_as_the_command_writes(built_site, root, catalog, tmp_path):
    site_url = "https://mttq-cujut.github.io/doan-ket-sang-tao/"
    assert site_url in (root / "mkdocs.yml").read_text(encoding="utf-8")
    rep = reports.build(catalog, 2022, "cu-jut-2025", site_url)
    assert (built_site / urls.report_file(2022, "cu-jut-2025", "xlsx")).read_bytes() == exports.xlsx(rep)
    assert (built_site / urls.report_file(2022, "cu-jut-2025", "csv")).read_bytes() == exports.csv_bytes(rep)
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "report", "--year", "2022",
                           "--unit", "cu-jut-2025", "--format", "csv"], capture_output=True)
    assert proc.returncode == 0 and proc.stdout == exports.csv_bytes(rep)


def test_csv_is_utf8_with_bom_and_counts_match(built_site, sample):
    data = (built_site / urls.report_file(2023, None, "csv")).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert unicodedata.is_normalized("NFC", text) and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    entries = sample.select(2023)
    assert len(rows) == len(entries)
    area_names = {f"{a['number']}. {a['short']}": a["number"] for a in sample.taxonomy["areas"]}
    assert Counter(area_names[r[views.label("area")]] for r in rows) == Counter(e["area"] for e in entries)
    status_names = {s["name"]: s["slug"] for s in sample.taxonomy["statuses"]}
    assert Counter(status_names[r[views.label("status")]] for r in rows) == Counter(sample.status(e) for e in entries)
    assert sorted(r[views.label("title")] for r in rows) == sorted(e["title"] for e in entries)
    households = sum(int(r["Số hộ hưởng lợi (hộ)"]) for r in rows if r["Số hộ hưởng lợi (hộ)"])
    assert households == sample.benefits(2023)["households"][0]
    assert all(r[exports.LINK].startswith("https://") and "/sang-kien/" in r[exports.LINK] for r in rows)


def test_markdown_report_has_the_header_totals_and_entries(catalog, sample):
    text = exports.markdown(reports.build(catalog, 2024, "dak-wil-2025"))
    assert text.startswith("**ỦY BAN MTTQ VIỆT NAM**  \n**XÃ ĐẮK WIL**")
    assert "*Đắk Wil, ngày 20 tháng 11 năm 2024*" in text and "# BÁO CÁO" in text
    for e in sample.select(2024, "dak-wil-2025"):
        assert e["title"] in text
    assert f"| **Tổng cộng** |" in text and f"**{len(sample.select(2024, 'dak-wil-2025'))}** |" in text


def test_report_command_refuses_unknown_or_absent_units(root):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "report", *args],
                              capture_output=True, text=True)

    bad = run("--year", "2026", "--unit", "khong-co", "--format", "md")
    assert bad.returncode == 2 and "Không có đơn vị mã `khong-co`" in bad.stderr
    gone = run("--year", "2026", "--unit", "ea-po", "--format", "md")
    assert gone.returncode == 2 and "không tồn tại trong năm 2026" in gone.stderr and "dak-wil-2025" in gone.stderr
    assert run("--year", "2026", "--format", "xlsx", "--output", "-").returncode == 2
    ok = run("--year", "2025", "--unit", "dak-wil", "--format", "md")
    assert ok.returncode == 0 and "XÃ ĐẮK WIL" in ok.stdout


def test_report_command_stops_on_broken_entries(scratch, valid_entry_text):
    scratch.write("initiatives/2022/hong.md", valid_entry_text.replace("area: 2", "area: 9"))
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(scratch.root), "report", "--year", "2022",
                           "--format", "csv"], capture_output=True, text=True)
    assert proc.returncode == 1 and "hong.md" in proc.stdout and "Không lập báo cáo" in proc.stderr


def test_xlsx_keeps_every_text_as_text(catalog):
    """Text that looks like a formula, a number or an escape stays the text it was, spaces and line breaks
    included; characters XML cannot carry are escaped by XlsxWriter, never break the file."""
    import xlsxwriter

    texts = ["=1+1", "+84 262", "-5", "@SUM(A1)", "    thụt vào", "cuối  ", "a & b < c > d \"e\" 'f'", "_x0041_ và _x00",
             "dòng 1\ndòng 2", "😀 ☎ Đắk Wil", "https://example.org/=x"]
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = wb.add_format({"bold": True})
    sheet = wb.add_worksheet("Thử nghiệm")
    for r, text in enumerate(texts, 1):
        exports._put(sheet, r, 1, text, bold)
    exports._put(sheet, len(texts) + 1, 1, dt.date(2024, 2, 29), wb.add_format({"num_format": "DD/MM/YYYY"}))
    exports._put(sheet, len(texts) + 1, 2, 50_000_000, None)
    exports._put(sheet, len(texts) + 2, 1, "điều khiển\x01\x0b\x1f vẫn đọc được", None)
    wb.close()
    data = out.getvalue()
    ws = workbook(data)["Thử nghiệm"]
    got = [ws.cell(r, 1).value for r in range(1, len(texts) + 1)]
    assert got == texts
    assert all(ws.cell(r, 1).data_type == "s" and ws.cell(r, 1).font.b for r in range(1, len(texts) + 1))
    assert ws.cell(len(texts) + 1, 1).value == dt.datetime(2024, 2, 29) and ws.cell(len(texts) + 1, 2).value == 50_000_000
    assert ws.cell(len(texts) + 2, 1).value.startswith("điều khiển")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist())
