"""The 20 November report as a Word document: read back with python-docx and compared with independent counts;
converted to PDF by LibreOffice and checked as the officer will print it; byte-identical for the same data."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from docx.shared import Mm, Pt

from generator.common import urls
from generator.common.taxonomy import parse_taxonomy
from generator.outputs import report_docx, report_pages, reports
from generator.outputs.reports import MOTTO, NATION
from sample_counts import load, number

SITE = "https://mttq-cujut.github.io/doan-ket-sang-tao/"
MANY = (2022, None)  # the report with the most entries in the samples
NONE = (2024, "huyen-cu-jut")  # a unit with no entry that year
COMMUNE = (2022, "cu-jut-2025")  # a commune of 2025 reporting the entries of the communes merged into it


@pytest.fixture(scope="module")
def sample(root):
    return load(root)


def document(catalog, year, unit, site_url=""):
    rep = reports.build(catalog, year, unit, site_url)
    return rep, docx.Document(io.BytesIO(report_docx.docx(catalog, rep)))


def texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def table_by_head(doc, *head: str):
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:len(head)] == list(head)]
    assert len(found) == 1, head
    return texts(found[0])


def counts(rows: list[list[str]]) -> dict[str, list[int]]:
    """Row label → numbers, for a table of counts (header row left out)."""
    return {r[0]: [number(v) for v in r[1:]] for r in rows[1:]}


def written_blanks(doc) -> dict[str, list[str]]:
    """Each heading → the paragraphs under it, up to the next heading."""
    out, current = {}, None
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            current = out.setdefault(p.text, [])
        elif current is not None and p.text:
            current.append(p.text)
    return out


@pytest.mark.parametrize("year,unit", [MANY, COMMUNE, NONE, (2024, "dak-wil-2025"), (2023, "nam-dong")])
def test_docx_figures_match_independent_counts(catalog, sample, year, unit):
    rep, doc = document(catalog, year, unit)
    entries = sample.select(year, unit)
    types = sample.taxonomy["types"]

    areas = counts(table_by_head(doc, "Lĩnh vực"))
    by_type = Counter((e["area"], e["type"]) for e in entries)
    for a in sample.taxonomy["areas"]:
        row = areas[f"{a['number']}. {a['short']}"]
        assert row == [by_type[(a["number"], t["slug"])] for t in types] + [sum(by_type[(a["number"], t["slug"])] for t in types)]
    assert areas["Tổng cộng"][-1] == len(entries)
    assert [h for h in table_by_head(doc, "Lĩnh vực")[0][1:-1]] == [t["plural"] for t in types]

    levels = counts(table_by_head(doc, "Cấp khen thưởng", "Số lượt"))
    awards = sample.awards(year, unit)
    assert levels == {lv["name"]: [awards[lv["slug"]]] for lv in sample.taxonomy["recognition_levels"]} | {
        "Tổng cộng": [sum(awards.values())]}

    gains = {r[0]: r[1:] for r in table_by_head(doc, "Chỉ tiêu")[1:]}
    totals = sample.benefits(year, unit)
    assert {k: (number(v[0]), v[1], number(v[2])) for k, v in gains.items()} == {
        b["name"]: (totals[b["key"]][0], b["unit"], totals[b["key"]][1]) for b in sample.taxonomy["benefits"]}

    models = table_by_head(doc, "Tên", "Đơn vị xây dựng", "Trạng thái")[1:]
    expected = {e["title"] for e in entries if e["type"] == "mo-hinh" or e.get("replicated_in")}
    assert {r[0] for r in models if r[0] != "Không có mục nào."} == expected

    items = table_by_head(doc, *report_docx.ITEM_HEAD)[1:]
    if not entries:
        assert [set(r) for r in items] == [{"Không có mục nào."}]
        return
    assert [int(r[0]) for r in items] == list(range(1, len(entries) + 1))
    by_title = {e["title"]: e for e in entries}
    assert sorted(r[1] for r in items) == sorted(by_title)
    orgs = {o["slug"]: o["name"] for o in sample.taxonomy["organizations"]}
    kinds = {t["slug"]: t["name"] for t in types}
    for r in items:
        e = by_title[r[1]]
        unit_def = sample.unit(e["unit"])
        assert r[2].lower().startswith(f"{sample.taxonomy['unit_kinds'][unit_def['kind']]} {unit_def['name']}".lower())
        assert r[3] == orgs.get(e.get("organization"), "") and r[4] == kinds[e["type"]]
        for b in sample.taxonomy["benefits"]:
            value = e.get("benefits", {}).get(b["key"])
            line = f"{b['name']}: {f'{value:,}'.replace(',', '.')} {b['unit']}" if value is not None else None
            assert (line in r[5].split("\n")) if line else (b["name"] not in r[5])


def test_a_commune_report_gathers_the_entries_of_the_units_merged_into_it(catalog, sample):
    rep, doc = document(catalog, *COMMUNE)
    items = table_by_head(doc, *report_docx.ITEM_HEAD)[1:]
    old = {sample.unit(e["unit"])["name"] for e in sample.select(*COMMUNE)}
    assert len(items) == len(sample.select(*COMMUNE)) >= 2 and len(old) >= 2
    assert all(any(name in r[2] for name in old) for r in items)
    units = counts(table_by_head(doc, "Đơn vị"))  # a row per former unit, the total under them
    assert {k for k in units if k != "Tổng cộng"} == {r[2] for r in items}
    assert sum(v[-1] for k, v in units.items() if k != "Tổng cộng") == units["Tổng cộng"][-1] == len(items)


def test_docx_is_laid_out_as_an_administrative_document(catalog, taxonomy):
    rep, doc = document(catalog, *COMMUNE)
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    def within(value, low, high):  # Word keeps twips: 15 mm is 850.4 twips, stored as 850
        return Mm(low - 0.05) <= value <= Mm(high + 0.05)

    assert within(section.top_margin, 20, 25) and within(section.bottom_margin, 20, 25)
    assert within(section.left_margin, 30, 35) and within(section.right_margin, 15, 20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    # Page numbers from page 2: a PAGE field in the header, an empty header on the first page.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and not section.first_page_header.paragraphs[0].text
    assert "PAGE" not in section.first_page_header._element.xml

    head = doc.tables[0]
    assert not head.style or head.style.name != "Table Grid"
    left, right = head.rows[0].cells
    assert left.text.split("\n") == ["ỦY BAN MTTQ VIỆT NAM", "XÃ CƯ JÚT", "BAN THƯỜNG TRỰC", "", "Số: ……/BC-MTTQ-BTT"]
    assert right.text.split("\n") == [NATION, MOTTO, "", "Cư Jút, ngày …… tháng …… năm ……"]
    # The short rules: a bottom border under the issuer and under the motto.
    assert left._tc.xml.count("<w:bottom ") == 1 and right._tc.xml.count("<w:bottom ") == 1
    body = [p.text for p in doc.paragraphs if p.text]
    assert body[:2] == ["BÁO CÁO", "Kết quả thực hiện phong trào thi đua “Đoàn kết sáng tạo” năm 2022"]

    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [report_docx.PROPAGANDA[0], report_docx.RESULTS, report_docx.ASSESSMENT[0],
                        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023", report_docx.PROPOSALS]
    last = doc.tables[-1]
    recipients, signature = last.rows[0].cells
    assert recipients.text.split("\n") == [
        "Nơi nhận:", "- Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lâm Đồng (để báo cáo);",
        "- Thường trực Đảng ủy xã Cư Jút;", "- Ủy ban nhân dân xã Cư Jút;", "- Các tổ chức thành viên;", "- Lưu: VT."]
    assert signature.text.split("\n")[:2] == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
    assert doc.core_properties.author == rep.author and doc.core_properties.language == "vi-VN"


def test_what_only_a_person_writes_is_left_blank(catalog):
    rep, doc = document(catalog, *MANY)
    blanks = written_blanks(doc)
    manual = [*report_docx.PROPAGANDA[1], *report_docx.ASSESSMENT[1], "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023",
              report_docx.PROPOSALS]
    for heading in manual:
        assert blanks[heading] and all(set(line) == {"…"} for line in blanks[heading][:2]), heading
    for heading in (report_docx.PROPAGANDA[0], report_docx.ASSESSMENT[0]):
        assert blanks[heading] == []  # straight to its numbered parts
    # The number, the date and the signatory's name are blanks too; the year is the only date the document states.
    assert "Số: ……/BC-MTTQ-BTT" in doc.tables[0].rows[0].cells[0].text
    assert doc.tables[-1].rows[0].cells[1].text.rstrip().endswith("……")
    opening = next(p.text for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    assert "Kế hoạch số ……/KH-MTTQ-BTT ngày ……" in opening and "Ban Thường trực Ủy ban MTTQ Việt Nam huyện Cư Jút" in opening
    assert rep.overview in [p.text for p in doc.paragraphs]


def test_letterhead_and_recipients_come_from_the_taxonomy(scratch_with_samples):
    tax_path = scratch_with_samples.root / "taxonomy.yml"
    data = yaml.safe_load(tax_path.read_text(encoding="utf-8"))
    data["site"]["report_document"]["signatory"] = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    unit = next(u for u in data["units"] if u["slug"] == "nam-dong-2025")
    unit["report_document"] = {"place": "Nam Dong, Lâm Đồng", "issuer": "Ban Thường trực xã",
                               "recipients": ["Đảng ủy {đơn vị}", "Lưu: VP"]}
    tax_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = scratch_with_samples.root / "out.docx"
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(scratch_with_samples.root), "report",
                           "--year", "2025", "--unit", "nam-dong-2025", "--format", "docx", "--output", str(target)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "……" in proc.stderr and "tuyên truyền" in proc.stderr  # says what the officer still fills in
    doc = docx.Document(str(target))
    left, right = doc.tables[0].rows[0].cells
    assert "BAN THƯỜNG TRỰC XÃ" in left.text and right.text.endswith("Nam Dong, Lâm Đồng, ngày …… tháng …… năm ……")
    recipients, signature = doc.tables[-1].rows[0].cells
    assert recipients.text.split("\n")[1:] == ["- Đảng ủy xã Nam Dong;", "- Lưu: VP."]
    assert signature.text.split("\n")[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_taxonomy_refuses_an_unknown_word_in_braces_and_a_missing_setting(root):
    data = yaml.safe_load((root / "taxonomy.yml").read_text(encoding="utf-8"))
    data["site"]["report_document"]["recipients"] = ["Đảng ủy {xã}"]
    with pytest.raises(ValueError, match="chỉ được dùng {cấp trên} và {đơn vị}"):
        parse_taxonomy(data)
    del data["site"]["report_document"]["recipients"]
    with pytest.raises(ValueError, match="phải có `recipients`"):
        parse_taxonomy(data)


def test_docx_is_byte_identical_with_fixed_dates(root, tmp_path, catalog):
    rep = reports.build(catalog, 2023, "dak-wil-2025")
    first = report_docx.docx(catalog, rep)
    assert report_docx.docx(catalog, reports.build(catalog, 2023, "dak-wil-2025")) == first
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"r{seed}.docx"
        proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "report", "--year", "2023",
                               "--unit", "dak-wil-2025", "--format", "docx", "--output", str(target)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 20, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        names = set(z.namelist())
        xml = "".join(z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels")))
    assert re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", core) == ["2023-11-20T00:00:00Z"] * 2
    assert re.findall(r"\b20\d\d-\d\d-\d\dT", xml) == ["2023-11-20T"] * 2  # no other date anywhere inside
    assert "word/document.xml" in names and not names & {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"}
    assert unicodedata.is_normalized("NFC", xml)
    assert run_report(root, "--year", "2023", "--format", "docx", "--output", "-").returncode == 2


def run_report(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "report", *args],
                          capture_output=True, text=True)


def test_every_report_page_links_its_word_document(built_site, catalog):
    index = (built_site / urls.REPORTS / "index.html").read_text(encoding="utf-8")
    for year in catalog.years:
        for unit in [None, *reports.report_units(catalog, year)]:
            page = (built_site / urls.report(year, unit) / "index.html").read_text(encoding="utf-8")
            assert f'href="bao-cao.docx" download class="dkst-report__document">{report_pages.DOCUMENT_LINK}</a>' in page
            assert report_pages.DOCUMENT_NOTE in page
            assert (built_site / urls.report_file(year, unit, "docx")).read_bytes()[:2] == b"PK"
            assert f'href="{urls.report_file(year, unit, "docx")[len(urls.REPORTS):]}" download>Word</a>' in index
    rep = reports.build(catalog, 2022, "cu-jut-2025", SITE)
    assert (built_site / urls.report_file(2022, "cu-jut-2025", "docx")).read_bytes() == report_docx.docx(catalog, rep)


# --- as printed: LibreOffice's PDF -----------------------------------------------------------------
A4 = (595.3, 841.9)  # points
MM = 72 / 25.4
VI_DICTIONARY = Path("/usr/share/hunspell/vi_VN.dic")  # Debian hunspell-vi, installed by `make test`
ABBREVIATIONS = {"STT"}  # số thứ tự; roman numerals number the sections


@pytest.fixture(scope="session")
def printed(tmp_path_factory, catalog) -> dict[tuple, Path]:
    """The documents of a report with many entries and of one with none, converted once by LibreOffice headless
    with a profile of its own (a running LibreOffice or another test's profile cannot interfere)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed (Debian libreoffice-writer; `make test` installs it)"
    work = tmp_path_factory.mktemp("docx-pdf")
    files = {}
    for key in (MANY, NONE, COMMUNE):
        rep = reports.build(catalog, *key)
        files[key] = work / f"{rep.slug}.docx"
        files[key].write_bytes(report_docx.docx(catalog, rep))
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to",
                           "pdf", "--outdir", str(work), *map(str, files.values())], capture_output=True, text=True,
                          timeout=300)
    pdfs = {k: v.with_suffix(".pdf") for k, v in files.items()}
    assert all(p.exists() for p in pdfs.values()), proc.stdout + proc.stderr
    return pdfs


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def pdf_words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) for every word, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for n, page in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            out.append((n, *map(float, m.groups()[:4]), m.group(5)))
    return out


@pytest.mark.parametrize("key", [MANY, NONE], ids=["many", "none"])
def test_printed_document_is_a4_with_the_decree_margins(printed, key):
    info = subprocess.run(["pdfinfo", str(printed[key])], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert abs(float(size[1]) - A4[0]) < 1 and abs(float(size[2]) - A4[1]) < 1
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    words = pdf_words(printed[key])
    assert {w[0] for w in words} == set(range(1, pages + 1))
    body = [w for w in words if not (w[0] > 1 and w[4] < 20 * MM)]  # all but the page numbers in the header
    assert abs(min(w[1] for w in body) - 30 * MM) < 2  # lines to write on start at the left margin
    assert max(w[3] for w in body) <= A4[0] - 15 * MM + 1
    assert min(w[2] for w in body) >= 20 * MM - 1 and max(w[4] for w in body) <= A4[1] - 20 * MM + 1
    # Page numbers: none on page 1, then 2, 3… centred at the top.
    numbers = {w[0]: w for w in words if w[0] > 1 and w[4] < 20 * MM}
    assert sorted(numbers) == list(range(2, pages + 1)) and all(w[5] == str(p) for p, w in numbers.items())
    assert all(abs((w[1] + w[3]) / 2 - (30 * MM + (A4[0] - 15 * MM)) / 2) < 3 for w in numbers.values())


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_printed_pages_hold_the_motto_subject_and_no_english(printed, sample):
    many, none = (pdf_pages(printed[k]) for k in (MANY, NONE))
    assert 2 <= len(none) <= 5 and len(many) > len(none)
    for pages in (many, none):
        flat = " ".join(" ".join(pages).split())
        assert NATION in flat and MOTTO in flat and "BÁO CÁO" in flat
        assert "Kết quả thực hiện phong trào thi đua “Đoàn kết sáng tạo” năm" in flat
        assert "Nơi nhận:" in flat and "TM. BAN THƯỜNG TRỰC" in flat and "CHỦ TỊCH" in flat
    # Every word is a Vietnamese syllable or a name from the catalogue's own data (units, titles, symbols).
    syllables = {line.split("/")[0].strip().lower() for line in VI_DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]}
    data = " ".join(strings(sample.taxonomy) + strings(sample.entries))  # values only: the YAML's comments are English
    known = {w.lower() for w in re.findall(r"[^\W\d_]+", data)}
    for pages in (many, none):
        words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", " ".join(pages)))
        foreign = sorted({w for w in words if w.lower() not in syllables and w.lower() not in known
                          and w not in ABBREVIATIONS and not re.fullmatch("[IVX]+", w)})
        assert not foreign


def test_printed_pages_render_for_a_look(printed, artifacts):
    """PNG renders of the first and last pages (test-artifacts/docx-*.png) for a person to look at."""
    for key, name in ((MANY, "many"), (NONE, "none")):
        for page, suffix in ((1, "first"), (len(pdf_pages(printed[key])), "last")):
            stem = artifacts / f"docx-{name}-{suffix}"
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", "-f", str(page), "-l", str(page),
                            str(printed[key]), str(stem)], check=True)
            assert stem.with_suffix(".png").stat().st_size > 5000


def test_entry_text_stays_text_in_the_document(taxonomy):
    from generator.catalog.catalog import Catalog, Record
    from generator.entries.model import Entry

    title = 'Sáng kiến <w:p> & “trích dẫn” </w:t></w:r> ]]> \ue000 cuối  '
    data = {"title": title, "type": "sang-kien", "area": 1, "unit": "ea-po", "year": 2023, "organization": "hoi-nong-dan",
            "summary": "Một sáng kiến có chữ giống thẻ XML, để kiểm tra văn bản Word giữ nguyên chữ.",
            "benefits": {"households": 12}}
    try:
        entry = Entry.model_validate(data, context={"taxonomy": taxonomy})
    except ValueError:  # the model refuses the private-use character: the rest is still worth checking
        data["title"] = title.replace("\ue000 ", "")
        entry = Entry.model_validate(data, context={"taxonomy": taxonomy})
    cat = Catalog(taxonomy, [Record(slug="the-xml", rel="initiatives/2023/the-xml.md", entry=entry, body="")])
    doc = docx.Document(io.BytesIO(report_docx.docx(cat, reports.build(cat, 2023, "dak-wil-2025"))))
    row = table_by_head(doc, *report_docx.ITEM_HEAD)[1]
    assert row[:2] == ["1", entry.title.replace("\ue000", "")] and "<w:p> & “trích dẫn” </w:t></w:r> ]]>" in row[1]
    assert row[3:] == ["Hội Nông dân", "Sáng kiến", "Số hộ hưởng lợi: 12 hộ"]
    assert report_docx.text_xml("a\x01b\x0bc\nd") == 'abc</w:t><w:br/><w:t xml:space="preserve">d'


def test_the_region_report_after_the_district_has_its_own_recipients(catalog):
    rep, doc = document(catalog, 2026, None)
    recipients = doc.tables[-1].rows[0].cells[0].text.split("\n")
    assert recipients == ["Nơi nhận:", "- Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lâm Đồng (để báo cáo);",
                          "- Ban Thường trực Ủy ban MTTQ Việt Nam các xã trong vùng Cư Jút;", "- Lưu: VT."]
    assert doc.tables[0].rows[0].cells[0].text.split("\n")[:3] == ["ỦY BAN MTTQ VIỆT NAM", "VÙNG CƯ JÚT", "BAN THƯỜNG TRỰC"]
