"""Data outputs keep entry text harmless: CSV cells never start a formula (after NFKC, and after each `;` of a
joined list), and no JSON, feed, CSV or radio text carries a raw line or paragraph separator."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from generator.outputs import plain
from hostile_site import hostile_out_project, hostile_out_site  # noqa: F401  (fixtures)

SIGNS = "=+-@"


def _starts_formula(text: str) -> bool:
    """What a spreadsheet may run: NFKC text starting (after spaces) with = + - @, or with a tab or CR."""
    if text[:1] in ("\t", "\r"):
        return True
    return unicodedata.normalize("NFKC", text).lstrip()[:1] in tuple(SIGNS)


def test_the_look_alike_signs_are_every_character_nfkc_makes_a_sign():
    derived = {chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF
               and unicodedata.normalize("NFKC", chr(c))[:1] in SIGNS}
    assert set(plain._LIKE_SIGNS) == derived


@pytest.mark.parametrize("text,cell", [
    ("＝HYPERLINK(\"https://evil.example/\")", "'＝HYPERLINK(\"https://evil.example/\")"),
    ("﹦1+1", "'﹦1+1"),
    ("An; =HYPERLINK(\"x\",\"y\")", "An; '=HYPERLINK(\"x\",\"y\")"),
    ("An;＠SUM(1)", "An;'＠SUM(1)"),
    ("\t=1", "'\t=1"),
    ("\r=2", "' =2"),
    ("  +3", "'  +3"),
    ("-2+3", "'-2+3"),
    ("Dòng\u2028ngắt\u2029ẩn\r\nhết", "Dòng ngắt ẩn hết"),
    ("Giảm 5%, tiết kiệm - 3 ngày; đạt", "Giảm 5%, tiết kiệm - 3 ngày; đạt"),
])
def test_a_csv_cell_stays_text_on_one_line(text, cell):
    assert plain.csv_cell(text) == cell
    assert plain.csv_cell(2022) == 2022


def test_json_escapes_the_separators_javascript_reads_as_line_ends():
    encoded = plain.json_text(json.dumps("a\u2028b\u2029c", ensure_ascii=False))
    assert encoded == '"a\\u2028b\\u2029c"' and json.loads(encoded) == "a\u2028b\u2029c"


def _cells(path):
    for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
        yield from row


def test_no_csv_cell_of_the_hostile_site_starts_a_formula(hostile_out_site):
    tables = sorted(hostile_out_site.rglob("*.csv"))
    assert tables
    found = []
    for table in tables:
        for cell in _cells(table):
            for i, part in enumerate(cell.split(";")):
                if _starts_formula(part if i == 0 else part.lstrip()) and not part.lstrip().startswith("'"):
                    found.append((table.name, cell[:80]))
    assert not found, found
    rows = list(_cells(hostile_out_site / "api/v1/entries.csv"))
    assert "An; '=HYPERLINK(\"https://evil.example/\",\"bấm\"); '=2+3; '＋cmd|' /C calc'!A0; '＠SUM(1)" in rows
    assert "'＝HYPERLINK(\"https://evil.example/\",\"bấm\")" in rows


def test_no_data_file_carries_a_raw_line_separator(hostile_out_site):
    site = hostile_out_site
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".json", ".xml", ".csv", ".txt"):
            continue
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".csv":
            text = text.replace("\r\n", "\n")  # the line ends of CSV itself
        for ch in ("\u2028", "\u2029", "\r"):
            if ch in text:
                found.append((path.relative_to(site).as_posix(), f"U+{ord(ch):04X}"))
    assert not found, found
    entry = json.loads((site / "api/v1/entries/out-xuong-dong-an.json").read_text(encoding="utf-8"))
    assert "\u2028" in entry["entry"]["summary"]  # JSON keeps the data exact, escaped
    feed = ET.parse(site / "rss.xml").getroot()
    titles = [t.text for t in feed.iter("title")]
    assert any(t and t.startswith("Dòng ngắt ẩn và CR") for t in titles), titles
    radio = [p.read_text(encoding="utf-8-sig") for p in site.rglob("ban-tin/**/*.txt")]
    assert any("Dòng ngắt ẩn và CR" in t for t in radio)
