"""The radio bulletin is written for the ear: words, not digits, abbreviations or Markdown."""

from __future__ import annotations

import re

import pytest

from generator.catalog import project
from generator.outputs import radio
from generator.common import urls
from generator.common.text import expand_abbreviations, money_words, say_numbers

SCRATCH_ENTRY = """---
title: "Đường bê tông nhờ góp công, góp của"
type: sang-kien
area: 2
unit: ea-po
year: 2022
summary: "Từ ngày 15/3/2022, HTX và UBND xã góp **50.000.000 đồng** làm đường bê tông 🚜, xem [bài viết](https://example.org/bai-viet)."
authors: ["UBND xã Ea Pô"]
applied_since: 2022-03-15
benefits:
  households: 120
  savings_vnd: 50000000
---

Nội dung **không** được đọc trên loa: bản tin chỉ dùng phần tóm tắt.
"""

EXPECTED_PARAGRAPH = (
    "“Đường bê tông nhờ góp công, góp của”, sáng kiến của xã Ea Pô, nay thuộc xã Đắk Wil, "
    "áp dụng từ ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai. "
    "Tác giả: Ủy ban nhân dân xã Ea Pô. "
    "Từ ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai, hợp tác xã và Ủy ban nhân dân xã góp "
    "năm mươi triệu đồng làm đường bê tông, xem bài viết. "
    "Hiệu quả đo được: số hộ hưởng lợi là một trăm hai mươi hộ; "
    "số tiền làm lợi, tiết kiệm là năm mươi triệu đồng."
)

EXPECTED_MONTH_TEXT = "\n\n".join([
    "Bản tin phát thanh “Đoàn kết sáng tạo” tháng ba năm hai nghìn không trăm hai mươi hai",
    "Kính thưa bà con! Mời bà con nghe bản tin phong trào thi đua “Đoàn kết sáng tạo” tháng ba năm hai nghìn "
    "không trăm hai mươi hai trên địa bàn Cư Jút. Bản tin giới thiệu một sáng kiến.",
    EXPECTED_PARAGRAPH,
    "Bà con muốn tìm hiểu thêm hoặc có sáng kiến muốn đề xuất, xin liên hệ Ban Công tác Mặt trận ở thôn, bon, buôn, "
    "tổ dân phố hoặc Ủy ban Mặt trận Tổ quốc xã nơi mình sinh sống. Bản tin đến đây là hết. "
    "Cảm ơn bà con đã lắng nghe.",
]) + "\n"


@pytest.fixture
def scratch_catalog(scratch):
    scratch.write("initiatives/2022/duong-be-tong-gop-cong.md", SCRATCH_ENTRY)
    loaded = project.load(scratch.root)
    assert not loaded.errors, [p.text() for p in loaded.problems]
    return loaded.catalog


def test_an_entry_is_read_word_for_word(scratch_catalog):
    record = scratch_catalog.by_slug["duong-be-tong-gop-cong"]
    assert radio.entry_paragraph(scratch_catalog, record) == EXPECTED_PARAGRAPH


def test_the_month_text_file_is_the_whole_bulletin_word_for_word(scratch_catalog):
    _, assets = radio.contribute(scratch_catalog, "https://example.org/")
    files = {a.path: a.content for a in assets}
    assert set(files) == {urls.bulletin_text(2022), urls.bulletin_text(2022, 3)}
    raw = files["ban-tin/2022/03.txt"]
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so a browser or Notepad reads UTF-8 without being told"
    assert raw.decode("utf-8-sig") == EXPECTED_MONTH_TEXT
    # The year holds the same single entry.
    assert EXPECTED_PARAGRAPH in files["ban-tin/2022.txt"].decode("utf-8-sig")


@pytest.mark.parametrize("written, spoken", [
    ("15/3/2022", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai"),
    ("ngày 15/3/2022", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai"),
    ("Ngày 1/7/2025", "Ngày mồng một tháng bảy năm hai nghìn không trăm hai mươi lăm"),
    ("50.000.000 đồng", "năm mươi triệu đồng"),
    ("1.080.000.000 đồng", "một tỷ không trăm tám mươi triệu đồng"),
    ("2.050.000 đồng", "hai triệu không trăm năm mươi nghìn đồng"),
    ("tháng 4/2023", "tháng tư năm hai nghìn không trăm hai mươi ba"),
    ("tháng 4", "tháng tư"),
    ("3 tháng", "ba tháng"),
    ("lần thứ 4", "lần thứ tư"),
    ("1,5 tấn", "một phẩy năm tấn"),
    ("giảm 20%", "giảm hai mươi phần trăm"),
    ("khối 4–5", "khối bốn đến năm"),
    ("vụ 2025–2026", "vụ hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm hai mươi sáu"),
    ("lúc 7h30", "lúc bảy giờ ba mươi"),
    ("60°C", "sáu mươi độ C"),
    ("thôn 21, 105 hộ", "thôn hai mươi mốt, một trăm linh năm hộ"),
    ("số 0262", "số không hai sáu hai"),
])
def test_numbers_dates_and_money_are_said_in_words(written, spoken):
    assert say_numbers(written) == spoken


def test_money_words():
    assert money_words(50_000_000) == "năm mươi triệu đồng"
    assert money_words(180_000_000) == "một trăm tám mươi triệu đồng"


def test_abbreviations_expand_as_whole_words_with_their_case(taxonomy):
    table = taxonomy.abbreviations
    assert expand_abbreviations("UBND xã và HĐND xã", table) == "Ủy ban nhân dân xã và Hội đồng nhân dân xã"
    assert expand_abbreviations("HTX Tân Lập", table) == "Hợp tác xã Tân Lập"  # a sentence start keeps its capital
    assert expand_abbreviations("TDP 5 và UBMTTQ", table) == "Tổ dân phố 5 và Ủy ban Mặt trận Tổ quốc"
    assert expand_abbreviations("HTXanh, htx, xUBND", table) == "HTXanh, htx, xUBND"
    assert expand_abbreviations("3 ha lúa", table) == "3 héc-ta lúa"


def test_markdown_links_and_emoji_are_dropped():
    text = "**Nổi bật** 🎉: xem [trang](https://x.org/a) và <https://x.org/b>, _nghiêng_ `mã` ![ảnh](a.png) 👍🏽 ✅."
    assert radio.strip_markup(text) == "Nổi bật: xem trang và, nghiêng mã."


@pytest.mark.parametrize("text,said", [
    ("Giải thưởng © 2024 ® ☎ ♥ ★", "Giải thưởng 2024"),  # symbols among Latin letters, and beyond them
    ("  - Gạch đầu dòng\n# Tiêu đề\n> Trích dẫn\n1. Một", "Gạch đầu dòng Tiêu đề Trích dẫn Một"),
    ("Khoảng\u00a0trắng\t lạ \u2003 , hết (\u00a0) .", "Khoảng trắng lạ, hết ."),
    ("Không có gì để bỏ.", "Không có gì để bỏ."),
])
def test_markup_symbols_and_spaces_are_dropped_whatever_the_text_holds(text, said):
    assert radio.strip_markup(text) == said


def test_every_bulletin_has_no_digit_and_no_abbreviation(catalog):
    abbreviations = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, catalog.taxonomy.abbreviations)) + r")(?!\w)")
    for b in radio.bulletins(catalog):
        text = radio.plain_text(catalog, b).decode("utf-8-sig")
        assert not re.search(r"\d", text), (b.period, re.search(r".{30}\d.{30}", text))
        assert not abbreviations.search(text), (b.period, abbreviations.search(text))
        assert not re.search(r"[*_`\[\]#]|https?:", text), b.period


def test_entries_fall_in_the_month_they_were_applied_and_in_that_year(catalog):
    all_bulletins = radio.bulletins(catalog)
    years = {b.year: b for b in all_bulletins if b.month is None}
    for b in all_bulletins:
        for r in b.records:
            if b.month:
                assert (r.entry.applied_since.year, r.entry.applied_since.month) == (b.year, b.month)
            assert r in years[b.year].records
    undated = [r for r in catalog.records if not r.entry.applied_since]
    assert undated, "the samples should include an entry without a date"
    for r in undated:
        assert r in years[r.year].records
        assert not any(r in b.records for b in all_bulletins if b.month)
    assert sum(len(b.records) for b in years.values()) == len(catalog.records)


def test_bulletin_pages_and_files_are_published(built_site, catalog):
    for b in radio.bulletins(catalog):
        page = (built_site / b.url / "index.html").read_text(encoding="utf-8")
        assert "Bản tin phát thanh" in page
        assert (built_site / b.text_url).read_bytes() == radio.plain_text(catalog, b)
    index = (built_site / urls.BULLETINS / "index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="ban-tin/"' in home, "the nav links the radio bulletin"
    assert "2022/10/" in index
