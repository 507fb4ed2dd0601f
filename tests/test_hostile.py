"""A corpus of hostile entries (tests/hostile/): the validator reports each trick at its line, and a build
that skips the checks still publishes none of the payloads — checked in the files and in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ScratchProject, serve_dir

CORPUS = Path(__file__).resolve().parent / "hostile" / "initiatives"

# (file, line, words the message must contain): every error the corpus must produce, and no other.
EXPECTED = [
    ("billion-laughs.md", 9, "bí danh YAML"),
    ("don-vi-gia-chu.md", 5, "U+043E CYRILLIC SMALL LETTER O"),
    ("don-vi-gia-chu.md", 5, "Có phải ý bạn là `ea-po`?"),
    ("ky-tu-vo-hinh.md", 2, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("ky-tu-vo-hinh.md", 7, "U+200B ZERO WIDTH SPACE"),
    ("ky-tu-vo-hinh.md", 8, "U+200D ZERO WIDTH JOINER"),
    ("ky-tu-vo-hinh.md", 13, "U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
    ("ky-tu-vo-hinh.md", 14, "U+FEFF"),
    ("lien-ket-markdown.md", 12, "giao thức `javascript:`"),
    ("lien-ket-markdown.md", 14, "giao thức `javascript:`"),
    ("lien-ket-markdown.md", 16, "giao thức `data:`"),
    ("lien-ket-markdown.md", 18, "lấy từ trang web khác"),
    ("lien-ket-markdown.md", 20, "giao thức `vbscript:`"),
    ("lien-ket-markdown.md", 24, "giao thức `javascript:`"),
    ("lien-ket-markdown.md", 26, "`<javascript:alert('auto')>`"),
    ("lien-ket-tep.md", 8, "`image` (Ảnh): `../../../../../../etc/passwd` trỏ ra ngoài"),
    ("lien-ket-tep.md", 13, "trỏ ra ngoài thư mục `initiatives/`"),
    ("lien-ket-tep.md", 14, "`../../taxonomy.yml` trỏ ra ngoài"),
    ("lien-ket-tep.md", 15, "đường dẫn tuyệt đối"),
    ("lien-ket-tep.md", 16, "không tìm thấy tệp `so-do-khong-co.png`"),
    ("lien-ket-tep.md", 17, "loại tệp `.docx` không được nhận"),
    ("lien-ket-tep.md", 18, "không nhận tệp .svg"),
    ("lien-ket-tep.md", 19, "tệp Markdown"),
    ("the-html-nguy-hiem.md", 14, "`<script>`"),
    ("the-html-nguy-hiem.md", 16, "`<iframe>`"),
    ("the-html-nguy-hiem.md", 18, "`<style>`"),
    ("the-html-nguy-hiem.md", 20, "`<form>`"),
    ("the-html-nguy-hiem.md", 22, "`<meta>`"),
    ("the-html-nguy-hiem.md", 24, "`<object>`"),
    ("the-html-nguy-hiem.md", 25, "`<embed>`"),
    ("the-html-nguy-hiem.md", 29, "`onmouseover`"),  # the third line of a tag written on three lines
    ("the-html-nguy-hiem.md", 33, "`<svg>`"),
    ("thong-tin-ca-nhan.md", 7, "thư điện tử `hoa.nguyen@gmail.com`"),
    ("thong-tin-ca-nhan.md", 9, "số điện thoại `0905 123 456`"),
    ("thong-tin-ca-nhan.md", 21, "số điện thoại `0986-555-444`"),
    ("thong-tin-ca-nhan.md", 22, "số điện thoại `(0261) 3 861 222`"),
    ("thong-tin-ca-nhan.md", 23, "số điện thoại `+84 912 345 678`"),
    ("thong-tin-ca-nhan.md", 24, "`066 123 456 789` giống số giấy tờ"),
    ("thong-tin-ca-nhan.md", 25, "`241234567` giống số giấy tờ"),
    ("thuoc-tinh-chay-ma.md", 12, "`onerror`"),
    ("thuoc-tinh-chay-ma.md", 12, "dẫn tới tệp `x`"),
    ("thuoc-tinh-chay-ma.md", 14, "giao thức `javascript:`"),  # href=" javascript:…"
    ("thuoc-tinh-chay-ma.md", 16, "giao thức `javascript:`"),  # javascript&colon;
    ("thuoc-tinh-chay-ma.md", 18, "giao thức `javascript:`"),  # &#106;avascript:
    ("thuoc-tinh-chay-ma.md", 20, "giao thức `javascript:`"),  # a newline inside the scheme
    ("thuoc-tinh-chay-ma.md", 23, "giao thức `data:`"),
    ("thuoc-tinh-chay-ma.md", 25, "giao thức `vbscript:`"),
    ("thuoc-tinh-chay-ma.md", 27, "`style`"),
    ("thuoc-tinh-chay-ma.md", 29, "`onclick` trong `{: … }`"),
    ("thuoc-tinh-chay-ma.md", 31, "Mã neo `id`"),
]
# Entries that must come out clean: their payloads are for the build (escaping), not for the editor.
CLEAN = {"tieu-de-chay-ma.md", "cong-thuc-bang-tinh.md"}


def copy_corpus(project: ScratchProject) -> None:
    shutil.rmtree(project.root / "initiatives")
    shutil.copytree(CORPUS, project.root / "initiatives")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> ScratchProject:
    project = ScratchProject(tmp_path_factory.mktemp("hostile"), with_samples=False)
    copy_corpus(project)
    return project


# --- the validator ---------------------------------------------------------------------------------
def test_every_trick_is_reported_at_its_line(hostile_project):
    proc = hostile_project.check("--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    # The 2022 folder holds the cases listed here; the others are listed in hostile/expected.tsv (test_hostile_input).
    errors = [p for p in json.loads(proc.stdout) if p["severity"] == "error" and p["path"].startswith("initiatives/2022/")]
    found = [(p["path"].rsplit("/", 1)[-1], p["line"], p["message"]) for p in errors]
    found = [f for f in found if not f[0].startswith("out-")]  # out-*: payloads for the outputs (test_hostile_outputs.py)
    missing = [e for e in EXPECTED if not any(f == e[0] and line == e[1] and e[2] in msg for f, line, msg in found)]
    assert not missing, "không báo:\n" + "\n".join(map(str, missing))
    expected_places = {(f, line) for f, line, _ in EXPECTED}
    unexpected = [p for p in found if (p[0], p[1]) not in expected_places]
    assert not unexpected, "báo thừa:\n" + "\n".join(map(str, unexpected))
    assert not {f for f, _, _ in found} & CLEAN


def test_messages_are_vietnamese_and_one_line(hostile_project):
    proc = hostile_project.check()
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    assert len(lines) >= len(EXPECTED)
    for line in lines:
        assert re.match(r"^initiatives/20(22|23)/[a-z-]+\.md:\d+: ", line), line


# --- resources: a clear error, quickly, never a traceback -----------------------------------------
HEAD = "---\ntitle: \"Mục thử tài nguyên\"\ntype: sang-kien\narea: 1\nunit: ea-po\nyear: 2022\n"
SUMMARY = "summary: \"Mục thử: một tệp lớn hơn mọi mục thật rất nhiều lần.\"\n"


OVERSIZED = {
    "front-matter-khong-lo.md": (lambda: HEAD + SUMMARY + "tags:\n" + "  - \"từ khóa rất dài\"\n" * 5000 + "---\n\nNội dung.\n",
                                 1, "Phần thông tin đầu tệp quá dài (giới hạn 64.000 ký tự)"),
    "noi-dung-khong-lo.md": (lambda: HEAD + SUMMARY + "---\n\n" + "Một câu trong phần nội dung rất dài.\n" * 12000,
                             9, "Nội dung quá dài"),
    "tep-khong-lo.md": (lambda: HEAD + SUMMARY + "---\n\n" + "x" * 1_200_000, 1, "Tệp quá lớn"),
    "nhieu-gia-tri.md": (lambda: HEAD + SUMMARY + "tags: [" + ", ".join(["a"] * 6000) + "]\n---\n\nNội dung.\n",
                         2, "quá nhiều giá trị"),
    "billion-laughs.md": (lambda: (CORPUS / "2022" / "billion-laughs.md").read_text(encoding="utf-8"), 9, "bí danh YAML"),
}


@pytest.mark.parametrize("name", sorted(OVERSIZED))
def test_oversized_input_is_refused_fast(scratch, name):
    make, line, words = OVERSIZED[name]
    scratch.write(f"initiatives/2022/{name}", make())
    start = time.perf_counter()
    proc = scratch.check()
    elapsed = time.perf_counter() - start
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"initiatives/2022/{name}:{line}: " in proc.stdout, proc.stdout[:500]
    assert words in proc.stdout, proc.stdout[:500]
    assert elapsed < 10, f"{elapsed:.1f} s"


# --- the build, with the checks skipped -----------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[ScratchProject, Path]:
    """The corpus built with `skip_check: true` (sanitising is never skipped)."""
    project = ScratchProject(tmp_path_factory.mktemp("hostile-build"), with_samples=False)
    copy_corpus(project)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - doan-ket-sang-tao\n" in text
    config.write_text(text.replace("\n  - doan-ket-sang-tao\n", "\n  - doan-ket-sang-tao:\n      skip_check: true\n"),
                      encoding="utf-8")
    proc = project.build()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "skip_check: initiatives/2022/the-html-nguy-hiem.md:14:" in proc.stderr
    return project, project.root / "site"


BUILT = ["the-html-nguy-hiem", "thuoc-tinh-chay-ma", "lien-ket-markdown", "tieu-de-chay-ma", "thong-tin-ca-nhan",
         "ky-tu-vo-hinh", "lien-ket-tep", "cong-thuc-bang-tinh"]
# Raw forms of the front-matter payloads: escaped, they may appear; raw, never in markup.
RAW_PAYLOADS = ["<script>window.__pwned='title'", "<img src=x onerror=", "</title><script>", "<svg onload=",
                "<iframe src=//evil.example>", "\" onerror=\"alert('alt')", "<script>alert('summary2')"]
SITE_MARKUP = (".html", ".xml", ".svg")


class _Dangerous(HTMLParser):
    """Markup a page must not contain: handlers, script URLs, scripts carrying a payload, foreign frames."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if value and name in ("href", "src", "action", "formaction", "data", "poster") and re.match(
                    r"\s*(javascript|vbscript|data):", value, re.I):
                self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("object", "embed", "base") or (tag == "meta" and a.get("http-equiv", "").lower() == "refresh"):
            self.found.append(f"<{tag}>")
        if tag == "iframe" and not (a.get("src") or "").startswith(("moi-nhat/", "../", "./")):
            self.found.append(f"<iframe src={a.get('src')}>")
        if tag == "form" and "evil" in (a.get("action") or ""):
            self.found.append("<form action=evil>")
        if tag == "script":
            self.script = a

    def handle_data(self, data):
        if self.script is not None and re.search(r"alert\(|__pwned|evil\.example", data):
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None


def test_hostile_entries_are_built_when_checks_are_skipped(hostile_site):
    _, site = hostile_site
    for slug in BUILT:
        assert (site / "sang-kien" / slug / "index.html").is_file(), slug
    # Entries whose front matter is unusable never become pages, even with checks skipped.
    assert not (site / "sang-kien" / "billion-laughs").exists()
    assert not (site / "sang-kien" / "don-vi-gia-chu").exists()


def test_no_page_carries_a_payload(hostile_site):
    _, site = hostile_site
    offenders = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in SITE_MARKUP + (".js",) or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        parser = _Dangerous()
        if path.suffix in SITE_MARKUP:
            parser.feed(text)
        raw = [p for p in RAW_PAYLOADS if p in text]
        if parser.found or raw:
            offenders[path.relative_to(site).as_posix()] = parser.found[:5] + raw
    assert not offenders, offenders


def test_front_matter_payloads_are_shown_as_text(hostile_site):
    _, site = hostile_site
    page = (site / "sang-kien/tieu-de-chay-ma/index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;window.__pwned=&#39;title&#39;" in page
    assert "&lt;/title&gt;&lt;script&gt;alert(&#39;author&#39;)&lt;/script&gt;" in page
    assert 'alt="&#34; onerror=&#34;alert(&#39;alt&#39;)&#34; x=&#34;"' in page


def test_data_files_keep_payloads_as_data(hostile_site):
    _, site = hostile_site
    title = "<script>window.__pwned='title';alert('title')</script> Máy sấy \"có\" ký tự & đặc biệt"
    texts = []
    for path in sorted(site.rglob("*.json")):
        if "pagefind" in path.parts:
            continue
        texts.append(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False))
    assert any(json.dumps(title, ensure_ascii=False) in t for t in texts), "the title should travel as data"


def test_spreadsheets_never_run_entry_text_as_a_formula(hostile_site):
    _, site = hostile_site
    import openpyxl

    books = sorted(site.rglob("*.xlsx"))
    assert books
    for book in books:
        wb = openpyxl.load_workbook(book)
        formulas = [f"{ws.title}!{c.coordinate}" for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert not formulas, (book, formulas)
        with zipfile.ZipFile(book) as z:
            assert not any("<f>" in z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    for table in sorted(site.rglob("*.csv")):
        for line in table.read_text(encoding="utf-8-sig").splitlines():
            for cell in re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,]*)', line):
                value = cell.strip('"')
                assert not value.startswith(("=", "+", "@")), (table, value[:60])


def test_unsafe_files_are_not_copied(hostile_site):
    _, site = hostile_site
    media = sorted(p.relative_to(site).as_posix() for p in (site / "media").rglob("*") if p.is_file())
    assert "media/2022/huong-dan.pdf" in media and "media/2022/anh-dung.png" in media
    assert not [m for m in media if m.endswith((".svg", ".docx"))], media
    for path in site.rglob("*"):
        if path.is_file() and path.suffix not in (".png", ".pdf", ".xlsx", ".gz"):
            assert "root:x:0:0" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_every_page_has_a_content_security_policy(hostile_site):
    _, site = hostile_site
    missing = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
               if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")]
    assert not missing, missing


# --- in the browser --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    url, httpd = serve_dir(hostile_site[1])
    yield url
    httpd.shutdown()


def _pages_with_payload_text(site: Path) -> list[str]:
    out = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"pwned|alert\(|evil\.example", text):
            rel = path.relative_to(site).as_posix()
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_no_payload_runs_in_chromium(browser, hostile_site, hostile_url, artifacts):
    _, site = hostile_site
    shown = _pages_with_payload_text(site)
    assert "sang-kien/tieu-de-chay-ma/" in shown and "nam/2022/" in shown
    paths = sorted(set(shown) | {f"sang-kien/{slug}/" for slug in BUILT})
    paths += ["tra-cuu/?q=th%E1%BB%AD", "tra-cuu/?q=M%C3%A1y+s%E1%BA%A5y"]  # results drawn from the index
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    failures: dict[str, list[str]] = {}
    try:
        for path in paths:
            page = context.new_page()
            seen: list[str] = []
            page.on("dialog", lambda d, seen=seen: (seen.append(f"dialog: {d.message}"), d.dismiss()))
            page.on("request", lambda r, seen=seen: seen.append(f"request: {r.url}")
                    if not r.url.startswith((hostile_url, "data:", "blob:")) else None)
            page.on("console", lambda m, seen=seen: seen.append(f"csp: {m.text[:160]}")
                    if "Content Security Policy" in m.text else None)
            page.goto(hostile_url + path, wait_until="load")
            if path.startswith("tra-cuu/"):
                page.wait_for_selector(".dkst-result", timeout=10_000)
            # What an attacker hopes a reader does: move the mouse over, and focus, every element.
            page.evaluate("""() => document.querySelectorAll('body *').forEach(e => {
                for (const kind of ['mouseover', 'mouseenter', 'focus', 'toggle']) e.dispatchEvent(new Event(kind));
            })""")
            page.wait_for_timeout(100)
            state = page.evaluate("""() => ({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
                scriptUrls: [...document.querySelectorAll('[href],[src],[action]')].map(e =>
                    e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
                    .filter(u => /^\\s*(javascript|vbscript|data):/i.test(u)),
                body: [...document.querySelectorAll('.dkst-entry__body script, .dkst-entry__body iframe,'
                    + ' .dkst-entry__body svg, .dkst-entry__body style, .dkst-entry__body form,'
                    + ' .dkst-entry__body object, .dkst-entry__body embed')].map(e => e.tagName),
                styled: [...document.querySelectorAll('.dkst-entry__body [style]')].map(e => e.getAttribute('style')),
            })""")
            problems = list(seen)
            if state["pwned"] is not None:
                problems.append(f"window.__pwned = {state['pwned']}")
            problems += [f"handler {h}" for h in state["handlers"]]
            problems += [f"url {u}" for u in state["scriptUrls"]]
            problems += [f"element {t}" for t in state["body"]]
            problems += [f"style {s}" for s in state["styled"]]
            if problems:
                failures[path] = problems
            if path == "sang-kien/the-html-nguy-hiem/":
                page.screenshot(path=str(artifacts / "hostile-entry.png"), full_page=True)
            page.close()
    finally:
        context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)[:4000]


def test_the_sanitised_page_keeps_the_editors_text(browser, hostile_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(hostile_url + "sang-kien/the-html-nguy-hiem/", wait_until="networkidle")
        body = page.inner_text(".dkst-entry__body")
        assert "Đoạn văn bình thường đứng trước các thẻ nguy hiểm" in body
        assert "Thẻ nhiều dòng có thuộc tính chạy mã ở dòng thứ ba." in body
        assert "<script>" in body  # the inline code span, shown as text
        page.goto(hostile_url + "sang-kien/tieu-de-chay-ma/", wait_until="networkidle")
        assert page.inner_text("h1").startswith("<script>window.__pwned='title'")
        assert page.title().endswith("Đoàn kết sáng tạo – Cư Jút")
    finally:
        context.close()
