"""The input side of the hostile corpus: every way a file can try to get something past `check`.

The data files of tests/hostile/initiatives/ carry their cases, one per line, and tests/hostile/expected.tsv says
where each must be reported and with which Vietnamese words. Cases that cannot be data files — symbolic links,
binary pictures and documents, other encodings, hostile file names — are made here at run time, in a copy.
Every case is asserted by file, line and words; no other problem may appear in those files, and no traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import zlib
from pathlib import Path

import pytest

from conftest import ScratchProject
from generator.catalog import project
from generator.entries import safety
from generator.entries.mistakes import png

HOSTILE = Path(__file__).resolve().parent / "hostile"
CORPUS = HOSTILE / "initiatives"


def _rows() -> list[tuple[str, int, str]]:
    rows = []
    for line in (HOSTILE / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, number, words = line.split("\t")
            rows.append((f"initiatives/{path}", int(number), words))
    return rows


DATA_ROWS = _rows()

HEAD = ("---\ntitle: \"Mục thử tạo lúc chạy\"\ntype: sang-kien\narea: 1\nunit: ea-po\nyear: 2024\n"
        "summary: \"Mục thử trong bộ mẫu tấn công, tệp được tạo khi chạy kiểm thử.\"\n")
INTRO = ("Đoạn mở đầu bình thường của một mục thử trong bộ mẫu tấn công: các tệp đi kèm mục này được tạo khi chạy "
         "kiểm thử vì chúng là liên kết tượng trưng, tệp nhị phân, tệp có bảng mã khác hoặc tệp có tên nguy hiểm "
         "mà kho mã không nên chứa sẵn.\n")


def entry(extra: str = "", body: str = "") -> str:
    return HEAD + extra + "---\n\n" + INTRO + body


def _gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def _jpeg_named_webp() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), (200, 100, 50)).save(out, "JPEG")
    return out.getvalue()


# (path under the project, bytes) made at run time, and the rows they must produce.
RUNTIME_FILES: dict[str, bytes] = {
    # Pictures and documents that are not what their names say, and a decompression bomb.
    "initiatives/2024/bom-giai-nen.png": png(30000, 30000),
    "initiatives/2024/bom-rong.png": png(100000, 1000),
    "initiatives/2024/png-doi-ten.jpg": png(4, 4),
    "initiatives/2024/png-cut.png": png(4, 4)[:30],
    "initiatives/2024/gif-doi-ten.png": _gif(),
    "initiatives/2024/jpeg-doi-ten.webp": _jpeg_named_webp(),
    "initiatives/2024/nen-doi-ten.pdf": b"PK\x03\x04" + zlib.compress(b"x" * 100),
    "initiatives/2024/anh-that.png": png(4, 4),
    "initiatives/2024/tep-that.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "initiatives/2024/tep-anh.md": entry("image: bom-giai-nen.png\n", "\n![bom](bom-rong.png)\n\n![png](png-doi-ten.jpg)\n\n"
                                         "![cut](png-cut.png)\n\n![gif](gif-doi-ten.png)\n\n![jpeg](jpeg-doi-ten.webp)\n\n"
                                         "[nén](nen-doi-ten.pdf)\n\n![đúng](anh-that.png)\n\n[đúng](tep-that.pdf)\n"),
    # Other encodings and bytes that are not text.
    "initiatives/2024/bang-ma-cu.md": unicodedata.normalize("NFD", entry()).encode("cp1258", errors="replace"),
    "initiatives/2024/utf-16.md": entry().encode("utf-16"),
    "initiatives/2024/byte-rong.md": entry().encode("utf-8") + b"\x00",
    "initiatives/2024/latin-1.md": entry(body="Ghi ch\xe9 cu\xf4i.\n").encode("latin-1", errors="replace"),
    "initiatives/2024/to-hop-nfd.md": entry(body="Chữ tổ hợp: ".encode().decode() + "Vie\u0302\u0323t Nam.\n").encode("utf-8"),
    # Names: an entry's own path, and a picture whose name would break out of an attribute.
    "initiatives/2024/tên-có-dấu.md": entry().encode("utf-8"),
    "initiatives/2024/\"><svg onload=alert(1)>.md": entry().encode("utf-8"),
    "initiatives/2024/\"><img src=x onerror=alert(1)>.png": png(4, 4),
    "initiatives/2024/ten-anh-xau.md": entry("image: \"\\\"><img src=x onerror=alert(1)>.png\"\n").encode("utf-8"),
    "initiatives/2024/bi-mat.md": entry(body="Nội dung thật, được liên kết tới.\n").encode("utf-8"),
}
RUNTIME_ROWS = [
    ("initiatives/2024/tep-anh.md", 8, "ảnh `bom-giai-nen.png` quá lớn (30.000 × 30.000 điểm ảnh), vượt giới hạn 50.000.000 điểm ảnh"),
    ("initiatives/2024/tep-anh.md", 13, "ảnh `bom-rong.png` quá lớn (100.000 × 1.000 điểm ảnh)"),
    ("initiatives/2024/tep-anh.md", 15, "là ảnh PNG nhưng tên có đuôi `.jpg`"),
    ("initiatives/2024/tep-anh.md", 17, "tệp ảnh `png-cut.png` bị hỏng"),
    ("initiatives/2024/tep-anh.md", 19, "không phải ảnh thật (nội dung là một loại ảnh khác)"),
    ("initiatives/2024/tep-anh.md", 21, "là ảnh JPEG nhưng tên có đuôi `.webp`"),
    ("initiatives/2024/tep-anh.md", 23, "không phải tệp PDF thật (nội dung là tệp nén hoặc tệp Office)"),
    ("initiatives/2024/bang-ma-cu.md", 2, "không được lưu bằng bảng mã UTF-8"),
    ("initiatives/2024/utf-16.md", 1, "byte rỗng (NUL)"),
    ("initiatives/2024/byte-rong.md", 11, "byte rỗng (NUL)"),
    ("initiatives/2024/latin-1.md", 2, "không được lưu bằng bảng mã UTF-8"),
    ("initiatives/2024/to-hop-nfd.md", 11, "Unicode tổ hợp (NFD)"),
    ("initiatives/2024/tên-có-dấu.md", 0, "Tên tệp `tên-có-dấu` không hợp lệ"),
    ("initiatives/2024/tên-có-dấu.md", 0, "có ký tự không được dùng (`ê`, `ó`, `ấ`)"),
    ("initiatives/2024/\"><svg onload=alert(1)>.md", 0, "không hợp lệ: chỉ dùng chữ thường không dấu"),
    ("initiatives/2024/ten-anh-xau.md", 8, "tên tệp `\"><img src=x onerror=alert(1)>.png` có ký tự không được dùng (`\"`, `>`, `<`, U+0020 SPACE, `=`, `(`, `)`)"),
    ("initiatives/2024/ten-anh-xau.md", 8, "a–z, A–Z, 0–9, `-`, `_`, `.` và `/`"),
]
# Symbolic links, each named with its target: (link, target, rows).
LINKS = [
    ("initiatives/2024/mat-khau.md", "/etc/passwd", "initiatives/2024/mat-khau.md"),
    ("initiatives/2024/ban-sao.md", "bi-mat.md", "initiatives/2024/ban-sao.md"),
    ("initiatives/2024/ngoai-kho.md", "../../../ngoai/ngoai.md", "initiatives/2024/ngoai-kho.md"),
    ("initiatives/2025", "2024", "initiatives/2025"),
    ("initiatives/2024/anh-lien-ket.png", "anh-that.png", "initiatives/2024/anh-lien-ket.png"),
    ("initiatives/2024/tai-lieu.pdf", "/etc/hostname", "initiatives/2024/tai-lieu.pdf"),
    ("content/gioi-thieu-2.md", "/etc/passwd", "content/gioi-thieu-2.md"),
    ("content/tai-lieu", "../initiatives/2024", "content/tai-lieu"),
]
LINK_USER = entry("image: anh-lien-ket.png\n", "\n[Tài liệu](tai-lieu.pdf)\n")
LINK_ROWS = [(path, 0, f"`{path}` là liên kết tượng trưng (symlink) trỏ tới `{target}`") for path, target, _ in LINKS] + [
    ("initiatives/2024/dung-lien-ket.md", 8, "`image` (Ảnh): `initiatives/2024/anh-lien-ket.png` là liên kết tượng trưng (symlink) trỏ tới `anh-that.png`"),
    ("initiatives/2024/dung-lien-ket.md", 13, "Liên kết: `initiatives/2024/tai-lieu.pdf` là liên kết tượng trưng (symlink) trỏ tới `/etc/hostname`"),
]
ALL_ROWS = DATA_ROWS + RUNTIME_ROWS + LINK_ROWS


def make_hostile(root: Path) -> None:
    """The corpus with its run-time cases, in a project at `root`."""
    shutil.rmtree(root / "initiatives", ignore_errors=True)
    shutil.copytree(CORPUS, root / "initiatives")
    (root / "ngoai").mkdir(exist_ok=True)
    (root / "ngoai/ngoai.md").write_text(entry(body="Nội dung nằm ngoài kho mục.\n"), encoding="utf-8")
    for rel, data in RUNTIME_FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (root / "initiatives/2024/dung-lien-ket.md").write_text(LINK_USER, encoding="utf-8")
    for link, target, _ in LINKS:
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / link)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[ScratchProject, list[dict]]:
    project_dir = ScratchProject(tmp_path_factory.mktemp("hostile-input"), with_samples=False)
    make_hostile(project_dir.root)
    proc = project_dir.check("--format", "json")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    return project_dir, json.loads(proc.stdout)


def test_the_corpus_holds_at_least_120_cases():
    assert len(ALL_ROWS) >= 120
    assert len({(p, line) for p, line, _ in DATA_ROWS}) >= 100


def test_every_case_is_reported_at_its_file_and_line_in_vietnamese(hostile):
    _, problems = hostile
    found = [(p["path"], p["line"], p["message"]) for p in problems]
    missing = [row for row in ALL_ROWS if not any(f == row[0] and line == row[1] and row[2] in m for f, line, m in found)]
    assert not missing, "không báo:\n" + "\n".join(map(str, missing)) + "\n\nđã báo:\n" + "\n".join(
        f"{f}:{line}: {m[:160]}" for f, line, m in found if any(f == r[0] for r in missing))


def test_no_other_problem_is_reported_in_those_files(hostile):
    _, problems = hostile
    places = {(p, line) for p, line, _ in ALL_ROWS}
    mine = {p for p, _, _ in ALL_ROWS}
    extra = [f"{p['path']}:{p['line']}: {p['message'][:160]}" for p in problems
             if p["path"] in mine and (p["path"], p["line"]) not in places]
    assert not extra, "báo thừa:\n" + "\n".join(extra)


def test_the_real_files_beside_the_bad_ones_pass(hostile):
    _, problems = hostile
    assert not [p for p in problems if "anh-that.png" in p["message"] and "liên kết tượng trưng" not in p["message"]]
    assert not [p for p in problems if "tep-that.pdf" in p["message"]]


def test_text_output_has_one_line_per_problem_and_no_traceback(hostile):
    project_dir, problems = hostile
    proc = project_dir.check()
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    assert len(lines) == len(problems)
    assert all(re.match(r"^(initiatives|content)/[^\n]+?:\d+: \S", ln) for ln in lines)


def test_the_summary_counts_every_entry_file_including_unreadable_ones(hostile):
    project_dir, _ = hostile
    files = [p for p in project.entry_files(project_dir.root)]
    assert any(p.name == "bang-ma-cu.md" for p in files)  # unreadable, still an entry file
    proc = project_dir.check()
    assert f"Đã kiểm tra {len(files)} mục." in proc.stderr


@pytest.mark.parametrize("link", [link for link, _, _ in LINKS if link.startswith("initiatives/")])
def test_no_symlink_is_read_or_published(hostile, link):
    project_dir, _ = hostile
    loaded = project.load(project_dir.root)
    assert not any(r.rel == link or r.rel.startswith(link + "/") for r in loaded.records)
    assert link not in loaded.sources
    if not link.endswith(".md") and "." in link.rsplit("/", 1)[-1]:
        assert not safety.publishable(project_dir.root, link)


def test_unsafe_and_fake_files_are_never_publishable(hostile):
    project_dir, _ = hostile
    root = project_dir.root
    for rel in RUNTIME_FILES:
        if rel.endswith(".md"):
            continue
        expected = rel in ("initiatives/2024/anh-that.png", "initiatives/2024/tep-that.pdf")
        assert safety.publishable(root, rel) is expected, rel
    for rel in ("initiatives/2023/trang-html.png", "initiatives/2023/trang-svg.jpg", "initiatives/2023/van-ban.pdf",
                "initiatives/2023/tep-rong.webp"):
        assert not safety.publishable(root, rel), rel


def test_an_unrenderable_entry_is_never_published_even_unchecked(hostile):
    project_dir, _ = hostile
    loaded = project.load(project_dir.root)
    assert "long-nhau-qua-sau" not in {r.slug for r in loaded.records}


def test_a_broken_file_gets_every_stages_problems_in_one_pass(hostile):
    _, problems = hostile
    said = {(p["line"], p["message"][:30]) for p in problems if p["path"] == "initiatives/2023/mot-lan-du-loi.md"}
    assert len(said) == 3, said  # the YAML error, the phone number and the script tag, in one run
    kinds = [p["message"] for p in problems if p["path"] == "initiatives/2023/truong-sai-va-noi-dung.md"]
    assert len(kinds) == 3, kinds  # a field error, then the body's iframe and address
