"""The editor's guide: its field reference is the model's, its values the taxonomy's, its messages the checker's."""

from __future__ import annotations

import ast
import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml

from generator.entries import check, mistakes, read, renderable, safety, validate
from generator.pages import guide
from generator.catalog import project
from generator.common import urls
from generator.entries.model import Entry, Recognition
from generator.outputs.site_content import build_site

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/dkst/"


@pytest.fixture(scope="module")
def markdown(catalog) -> str:
    return guide.guide_markdown(catalog, SITE_URL)


def section(text: str, heading: str) -> str:
    """The Markdown under a heading, up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + " ")
    rest = text[start + len(heading):]
    stop = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[: stop.start()] if stop else rest


def first_table_column(text: str) -> list[str]:
    rows = [ln for ln in text.splitlines() if ln.startswith("| ")][1:]  # skip the head row
    return [row.split("|")[1].strip().strip("`") for row in rows]


def test_the_field_reference_lists_exactly_the_models_fields_in_order(markdown):
    fields = section(markdown, "## Các trường của một mục")
    own = fields.split("### ")[0]
    assert first_table_column(own) == list(Entry.model_fields)
    assert first_table_column(section(markdown, "### Các trường của một lần khen thưởng")) == list(Recognition.model_fields)


def test_each_field_row_carries_the_models_title_description_and_requirement(markdown):
    own = section(markdown, "## Các trường của một mục").split("### ")[0]
    rows = {r.split("|")[1].strip().strip("`"): r for r in own.splitlines() if r.startswith("| `")}
    for name, info in Entry.model_fields.items():
        row = rows[name]
        assert f"| {info.title} |" in row
        assert guide.cell(info.description) in row
        assert ("| bắt buộc |" in row) == info.is_required()
    assert "số nguyên, từ 2000 đến 2100" in rows["year"]
    assert "ngày, dạng NĂM-THÁNG-NGÀY" in rows["applied_since"]
    assert "[Đơn vị](#don-vi)" in rows["unit"] and "[Đơn vị](#don-vi)" in rows["replicated_in"]


def test_every_taxonomy_value_is_listed_in_its_section(markdown, taxonomy):
    def codes(anchor: str) -> list[str]:
        return first_table_column(markdown.split(f"{{#{anchor}}}", 1)[1].split("\n### ", 1)[0])

    assert codes("linh-vuc") == [str(a.number) for a in taxonomy.areas]
    assert codes("loai") == [t.slug for t in taxonomy.types]
    assert codes("trang-thai") == [s.slug for s in taxonomy.statuses]
    assert codes("don-vi") == [u.slug for u in taxonomy.units]
    assert codes("to-chuc") == [o.slug for o in taxonomy.organizations]
    assert codes("cap-khen-thuong") == [lv.slug for lv in taxonomy.recognition_levels]
    assert codes("chi-so-hieu-qua") == [b.key for b in taxonomy.benefits]


def test_units_show_their_validity_and_succession(markdown):
    units = markdown.split("{#don-vi}", 1)[1].split("\n### ", 1)[0]
    row = next(ln for ln in units.splitlines() if ln.startswith("| `ea-po`"))
    assert "đến 30/6/2025" in row and "sáp nhập vào xã Đắk Wil (`dak-wil-2025`)" in row
    row = next(ln for ln in units.splitlines() if ln.startswith("| `dak-wil-2025`"))
    assert "từ 1/7/2025" in row and "thay cho xã Đắk Wil (`dak-wil`), xã Ea Pô (`ea-po`)" in row


def test_the_guide_is_a_generated_page_in_the_nav_and_linked_from_the_proposal_page(catalog):
    pages = {p.url: p for p in build_site(catalog, SITE_URL).pages}
    page = pages[urls.GUIDE]
    assert page.title == "Hướng dẫn biên tập" and page.kind == "guide"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    about = next(item["Giới thiệu"] for item in config["nav"] if isinstance(item, dict) and "Giới thiệu" in item)
    assert {"Hướng dẫn biên tập": "huong-dan-bien-tap/index.md"} in about
    assert "](huong-dan-bien-tap/index.md)" in (ROOT / "content/de-xuat.md").read_text(encoding="utf-8")


def test_the_new_file_link_opens_github_with_the_template_and_a_year_folder(catalog):
    url = guide.new_entry_url(catalog, SITE_URL)
    site = catalog.taxonomy.site
    assert url.startswith(f"{site.repo_url}/new/{site.edit_branch}/initiatives?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    year = max(r.entry.year for r in catalog.records)
    assert query["filename"] == [f"{year}/ten-sang-kien.md"]
    assert query["value"] == [guide.new_entry_template(catalog, SITE_URL)]
    assert len(url) < 8000, "GitHub answers 414 to longer addresses"


def test_the_template_filled_in_is_a_valid_entry(catalog, scratch):
    text = guide.new_entry_template(catalog, SITE_URL)
    year = max(r.entry.year for r in catalog.records)
    unit = next(u.slug for u in catalog.taxonomy.units_valid_in(year))
    filled = (text.replace('title: \n', 'title: "Tổ tự quản đường làng"\n').replace("type: \n", "type: mo-hinh\n")
              .replace("area: \n", "area: 1\n").replace("unit: \n", f"unit: {unit}\n")
              .replace("summary: \n", 'summary: "Các hộ cùng góp công giữ đường làng sạch đẹp, có lịch trực hằng tuần."\n'))
    # The body's example sentences are refused until replaced (test_new_entry covers that): write a real body.
    filled = filled.split("\n---\n", 1)[0] + "\n---\n\n" + "Các hộ trong thôn chia nhau trực quét dọn đường làng. " * 6
    scratch.write(f"initiatives/{year}/to-tu-quan.md", filled)
    proc = scratch.check()
    assert proc.returncode == 0, proc.stdout
    for name, info in Entry.model_fields.items():
        assert re.search(rf"^(# )?{name}:", text, re.M), name


# --- the checker's messages --------------------------------------------------------------------
def run_example(m: mistakes.Mistake, folder: Path) -> list:
    shutil.copy(ROOT / "taxonomy.yml", folder / "taxonomy.yml")
    for rel, data in m.files().items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel, target in m.links:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
    return project.load(folder).problems


def matches(shown: str, actual: str) -> bool:
    return actual == shown or (shown.endswith("…") and actual.startswith(shown[:-1]))


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, list]:
    return {m.slug: run_example(m, tmp_path_factory.mktemp(m.slug)) for m in mistakes.MISTAKES}


@pytest.mark.parametrize("m", mistakes.MISTAKES, ids=lambda m: m.slug)
def test_each_listed_example_really_produces_its_message(m, produced):
    problems = produced[m.slug]
    hits = [p for p in problems if matches(m.message, p.message)]
    assert hits, f"{m.slug}: the checker says\n" + "\n".join(p.message for p in problems)
    assert all(p.is_error != m.warning for p in hits)


def test_examples_have_unique_anchors_and_show_in_the_guide(markdown):
    slugs = [m.slug for m in mistakes.MISTAKES]
    assert len(slugs) == len(set(slugs))
    for m in mistakes.MISTAKES:
        assert f"{{#loi-{m.slug}}}" in markdown
        assert guide.message_markdown(m.message) in markdown


def _fragments(node) -> list[str]:
    """The literal text of a message expression (f-strings, concatenations, `.replace` receivers)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _fragments(node.left) + _fragments(node.right)
    if isinstance(node, ast.IfExp):
        return _fragments(node.body) + _fragments(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _fragments(node.func.value)
    return []


# Functions that take a message, and the position of the message among their arguments (`bad` words one in check_image).
MESSAGE_ARG = {"Problem": 2, "YamlProblem": 1, "bad": 0}
# Functions whose returns are messages (or (value, message) pairs).
MESSAGE_FUNCTIONS = ("_yaml_message", "_message", "_unit_fix", "unsafe_path", "symlink_message", "content_problem",
                     "_pixels_message", "local_file_problem")


def _message_expressions(module) -> list[tuple[str, ast.AST]]:
    """Every place the module words a message: Problem(…)/YamlProblem(…)/bad(…) calls and the returns of the functions
    that build messages."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MESSAGE_ARG:
            index = MESSAGE_ARG[node.func.id]
            arg = node.args[index] if len(node.args) > index else next(
                (k.value for k in node.keywords if k.arg == "message"), None)
            if arg is not None:
                out.append((f"{module.__name__}:{node.lineno}", arg))
        if isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and ret.value is not None:
                    value = ret.value.elts[1] if isinstance(ret.value, ast.Tuple) else ret.value
                    out.append((f"{module.__name__}:{ret.lineno}", value))
    return out


def message_kinds() -> dict[str, tuple[str, str]]:
    """Each message the checker can word, named by where it is, with its longest literal piece as signature.

    A message with no literal piece of at least 12 characters only passes on another module's text (or is the
    generic fallback): it is not a kind of its own."""
    kinds = {}
    for module in (read, validate, check, safety, renderable):
        for where, expr in _message_expressions(module):
            pieces = sorted((f.strip() for f in _fragments(expr)), key=len, reverse=True)
            if pieces and len(pieces[0]) >= 12:
                kinds[where] = (pieces[0], " ".join(pieces))
    return kinds


# Limits far above a real entry: the guide states them (from the same constants) instead of an example each.
LIMIT_WORDS = ("Tệp quá lớn", "quá dài", "quá nhiều giá trị", "MB, vượt giới hạn", "chỗ tương tự ở các dòng sau")
# check_image's OSError branch: on Python 3.11 the one way to reach it (a symlink loop) raises RuntimeError instead.
# A file that vanishes or loses its permission between listing and reading; a symlink that leaves initiatives/ is
# named by the symlink message before it could be resolved.
# PyYAML's own construction errors: every tag but the plain ones is refused before construction.
UNREACHABLE = ("không đọc được đường dẫn", "không đọc được tệp `", "symlink) trỏ ra ngoài thư mục",
               ". Hãy đặt giá trị trong dấu ngoặc kép.")


def test_the_message_kinds_are_found_in_the_checkers_code():
    kinds = message_kinds()
    assert len(kinds) >= 40
    signatures = [sig for sig, _ in kinds.values()]
    assert any("Dấu ngoặc kép mở ở dòng này" in s for s in signatures)
    assert any("không phải ngày hợp lệ" in s for s in signatures)
    assert any("không tồn tại trong năm" in s for s in signatures)


def test_every_message_kind_in_the_code_has_an_example_in_the_guide(produced):
    said = [p.message for problems in produced.values() for p in problems]
    missing = []
    for where, (signature, text) in message_kinds().items():
        if any(w in text for w in LIMIT_WORDS + UNREACHABLE):
            continue
        if not any(signature in message for message in said):
            missing.append(f"{where}: {signature}")
    assert not missing, "messages with no example in generator/mistakes.py:\n" + "\n".join(missing)


def test_the_limits_paragraph_states_the_checkers_limits(markdown):
    limits = section(markdown, "### Giới hạn kích thước")
    for value in (read.MAX_FILE_BYTES, read.MAX_FRONT_MATTER_CHARS, read.MAX_BODY_CHARS, read.MAX_YAML_NODES,
                  check.MAX_IMAGE_BYTES, safety.MAX_IMAGE_PIXELS, renderable.MAX_NESTING, renderable.MAX_MARK_RUN):
        assert f"{value:,}".replace(",", ".") in limits
