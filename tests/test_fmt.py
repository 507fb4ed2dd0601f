"""`generator fmt` rewrites entries in the canonical form, idempotently, and never changes a value, a comment or the body."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.entries import fmt, read
from generator.catalog import project
from generator.cli.main import main
from generator.entries.model import FIELD_ORDER
from generator.common.text import nfc

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = project.load_taxonomy(ROOT)
SAMPLES = project.entry_files(ROOT)


def parsed(raw: bytes) -> tuple[dict, str]:
    """Front matter data and body of file bytes, read the way the validator reads them."""
    text, _ = read.decode(raw, "x.md")
    assert text is not None
    front, first, body, _ = read.split_front_matter(text, "x.md")
    data, _ = read.load_yaml(front, first)
    return data or {}, body


def body_lines(body: str) -> list[str]:
    lines = [ln.rstrip() for ln in nfc(body).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def comments(raw: bytes) -> list[str]:
    text = nfc((raw[3:] if raw.startswith(fmt.BOM) else raw).decode("utf-8").replace("\r\n", "\n"))
    front = text.split("\n---", 1)[0]
    return sorted(ln.strip() for ln in front.split("\n") if ln.lstrip().startswith("#"))


def assert_canonical(raw: bytes, result: fmt.Result, spaces_in_values: bool = False) -> None:
    """Everything the formatter promises, checked against the original bytes."""
    assert not result.refused, [p.text() for p in result.refused]
    out = result.formatted
    assert out is not None
    before, before_body = parsed(raw)
    after, after_body = parsed(out)
    assert after == fmt._deep_nfc(before)
    assert body_lines(after_body) == body_lines(before_body)
    assert comments(out) == comments(raw)
    text = out.decode("utf-8")
    assert not out.startswith(fmt.BOM) and "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert text.endswith("\n") and not text.endswith("\n\n")
    front = text.split("\n---\n", 1)[0]
    if not spaces_in_values:
        assert not [ln for ln in front.split("\n") if ln != ln.rstrip()]
    ranks = [FIELD_ORDER.index(k) for k in after if k in FIELD_ORDER]
    assert ranks == sorted(ranks), list(after)
    again = fmt.format_bytes(out, result.rel)
    assert again.formatted == out, "formatting twice must change nothing"
    assert again.changes == [] and not again.changed


# --- the sample entries ------------------------------------------------------------------------
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_entry_is_preserved_and_formatting_is_idempotent(path):
    raw = path.read_bytes()
    assert_canonical(raw, fmt.format_bytes(raw, path.relative_to(ROOT).as_posix()))


def test_samples_exist():
    assert len(SAMPLES) >= 20


# --- hypothesis-generated entries --------------------------------------------------------------
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
VIET = LETTERS + LETTERS.upper()[:20] + "     "
PUNCT = ",.:;!?“”'()-–#&*%@/"


def words(min_size: int, max_size: int, punct: bool = True):
    alphabet = VIET + (PUNCT if punct else "")
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size).map(lambda s: " ".join(s.split())).filter(
        lambda s: len(s) >= min_size)


def quoted(value: str, style: str) -> str:
    """A YAML scalar for a text value, in the quoting an editor might use."""
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value  # plain: only offered for values made of letters and spaces


def plain_ok(value: str) -> bool:
    return bool(value) and bool(re.fullmatch(r"[^\W\d_][\w ]*[^\W_]|[^\W\d_]", value)) and value.lower() not in (
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf")


@st.composite
def scalar_text(draw, value: str) -> str:
    styles = ["double", "single"] + (["plain"] if plain_ok(value) else [])
    return quoted(value, draw(st.sampled_from(styles)))


@st.composite
def entries(draw):
    tax = TAXONOMY
    year = draw(st.integers(2017, 2026))
    units = [u.slug for u in tax.units_valid_in(year)]
    data: dict = {
        "title": draw(words(3, 60)),
        "type": draw(st.sampled_from([t.slug for t in tax.types])),
        "area": draw(st.sampled_from([a.number for a in tax.areas])),
        "unit": draw(st.sampled_from(units)),
        "year": year,
        "summary": draw(words(20, 120)),
    }
    optional = {
        "organization": st.sampled_from([o.slug for o in tax.organizations]),
        "authors": st.lists(words(2, 30), min_size=1, max_size=3),
        "status": st.sampled_from([s.slug for s in tax.statuses]),
        "applied_since": st.dates(dt.date(2000, 1, 1), dt.date(year, 12, 31)).map(lambda d: d.isoformat()),
        "replicated_in": st.lists(st.sampled_from(units), min_size=1, max_size=3, unique=True),
        "recognition": st.lists(st.fixed_dictionaries({
            "level": st.sampled_from([lv.slug for lv in tax.recognition_levels]),
            "year": st.integers(2017, 2026),
            "title": words(3, 40)}), min_size=1, max_size=2),
        "benefits": st.dictionaries(st.sampled_from([b.key for b in tax.benefits]), st.integers(0, 10**9), min_size=1),
        "image_alt": words(3, 40),
        "tags": st.lists(words(1, 20, punct=False), min_size=1, max_size=4),
        "featured": st.booleans(),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        data[key] = draw(optional[key])
    return data


@st.composite
def rendered(draw):
    """An entry as a careless editor might type it: any key order, flow or block lists, odd indents,
    comments, blank lines, trailing spaces, NFD text, CRLF, a BOM, a missing or doubled final newline."""
    data = draw(entries())
    keys = draw(st.permutations(list(data)))
    lines: list[str] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append("")
        if draw(st.integers(0, 3)) == 0:
            lines.append("# " + draw(words(1, 30)))
        value = data[key]
        lines += draw(render_value(key, value))
    # Trailing blanks, but no tab on an empty line: YAML itself refuses that (the validator reports it).
    lines = [ln + draw(st.sampled_from(["", "", " ", "   "] + (["\t"] if ln else []))) for ln in lines]
    body = draw(st.lists(words(1, 80), min_size=0, max_size=4))
    body_text = "\n".join(f"{p}{draw(st.sampled_from(['', ' ', '  ']))}" for p in body)
    text = "---\n" + "\n".join(lines) + "\n---\n" + (("\n" + body_text) if body else "")
    text += draw(st.sampled_from(["", "\n", "\n\n", "\n  \n"]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if draw(st.booleans()):
        raw = fmt.BOM + raw
    return data, raw


@st.composite
def render_value(draw, key: str, value) -> list[str]:
    def scalar(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        return draw(scalar_text(v))

    def flow(v) -> str:
        if isinstance(v, list):
            return "[" + ", ".join(flow(x) for x in v) + "]"
        if isinstance(v, dict):
            items = list(v.items())
            if draw(st.booleans()):
                items = draw(st.permutations(items))
            return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in items) + "}"
        return scalar(v) if not isinstance(v, str) else json.dumps(v, ensure_ascii=False)

    if not isinstance(value, (list, dict)):
        return [f"{key}: {scalar(value)}"]
    if draw(st.booleans()):
        return [f"{key}: {flow(value)}"]
    indent = " " * draw(st.sampled_from([2, 4] if isinstance(value, dict) else [0, 2, 4]))
    out = [f"{key}:"]
    if isinstance(value, dict):
        return out + [f"{indent}{k}: {scalar(x)}" for k, x in value.items()]
    for item in value:
        if isinstance(item, dict):
            pairs = list(item.items())
            out.append(f"{indent}- {pairs[0][0]}: {scalar(pairs[0][1])}")
            out += [f"{indent}  {k}: {scalar(x)}" for k, x in pairs[1:]]
        elif draw(st.integers(0, 5)) == 0:
            out.append(f"{indent}# " + draw(words(1, 20)))
            out.append(f"{indent}- {scalar(item)}")
        else:
            out.append(f"{indent}- {scalar(item)}")
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rendered())
def test_generated_entries_keep_their_data_and_format_idempotently(case):
    data, raw = case
    result = fmt.format_bytes(raw, "initiatives/2022/x.md")
    assert_canonical(raw, result)
    after, _ = parsed(result.formatted)
    assert after == fmt._deep_nfc(data)
    if not any(ln.lstrip().startswith("#") for ln in raw.decode("utf-8-sig").split("\n---")[0].splitlines()[1:]):
        # Without a comment in the way, every list ends up one item per line.
        front = result.formatted.decode().split("\n---\n", 1)[0]
        assert not re.search(r"^\w+: [\[{].+", front, re.M), front


# --- what fmt changes, told line by line ------------------------------------------------------
MESSY = (
    "\ufeff---\r\n"
    "tags: [\"cà phê\", \"sấy\"]\r\n"
    "title: \"Máy sấy cà phê\"   \r\n"
    "# Loại: sáng chế\r\n"
    "type: sang-che\r\n"
    "area: 2\r\n"
    "unit: ea-po\r\n"
    "year: 2022\r\n"
    "summary: \"Nông dân tự chế máy sấy cà phê dùng nhiệt từ lò đốt vỏ, giảm chi phí.\"\r\n"
    "---\r\n"
    "\r\n"
    + unicodedata.normalize("NFD", "Nội dung mô tả sáng kiến.") + "\r\n\r\n\r\n"
)


def test_check_reports_each_change_by_line_in_vietnamese_and_writes_nothing(scratch, capsys):
    path = scratch.write("initiatives/2022/may-say.md", MESSY.encode("utf-8"))
    before = path.read_bytes()
    code = main(["--root", str(scratch.root), "fmt", "--check"])
    out = capsys.readouterr()
    assert code == 1
    assert path.read_bytes() == before
    lines = out.out.splitlines()
    rel = "initiatives/2022/may-say.md"
    assert f"{rel}:1: Tệp có ký tự BOM ở đầu (thường do Notepad thêm vào); sẽ bỏ đi." in lines
    assert any(ln.startswith(f"{rel}:1: Tệp dùng kiểu xuống dòng của Windows (CRLF)") for ln in lines)
    assert any(ln.startswith(f"{rel}:2: Các trường chưa theo thứ tự của mẫu: `title` phải đứng trước `tags`") for ln in lines)
    assert any(ln.startswith(f"{rel}:2: `tags` sẽ được viết lại theo kiểu chuẩn") for ln in lines)
    assert any(ln.startswith(f"{rel}:3: Có dấu cách thừa ở cuối dòng") for ln in lines)
    assert any(ln.startswith(f"{rel}:12: Chữ Việt ở dạng Unicode tổ hợp (NFD)") for ln in lines)
    assert any(ln.startswith(f"{rel}:13: Có dòng trống thừa ở cuối tệp") for ln in lines)
    assert all(re.match(rf"^{re.escape(rel)}:\d+: \S", ln) for ln in lines), lines
    assert "python -m generator fmt" in out.err


def test_fmt_writes_the_canonical_form_and_then_check_passes(scratch, capsys):
    path = scratch.write("initiatives/2022/may-say.md", MESSY.encode("utf-8"))
    os.chmod(path, 0o640)
    assert main(["--root", str(scratch.root), "fmt", str(path)]) == 0
    assert "Đã định dạng lại initiatives/2022/may-say.md" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: \"Máy sấy cà phê\"\n"
        "# Loại: sáng chế\n"
        "type: sang-che\n"
        "area: 2\n"
        "unit: ea-po\n"
        "year: 2022\n"
        "summary: \"Nông dân tự chế máy sấy cà phê dùng nhiệt từ lò đốt vỏ, giảm chi phí.\"\n"
        "tags:\n"
        "  - \"cà phê\"\n"
        "  - \"sấy\"\n"
        "---\n"
        "\n"
        "Nội dung mô tả sáng kiến.\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["may-say.md"], "no temporary file left behind"
    assert main(["--root", str(scratch.root), "fmt", "--check"]) == 0


def test_comments_travel_with_the_key_below_and_lists_with_comments_stay_as_written():
    raw = (
        "---\n"
        "# Tệp do chi hội gửi\n"
        "\n"
        "# Từ khóa\n"
        "tags: [\"a\", \"b\"]  # để tra cứu\n"
        "title: \"Tên\"\n"
        "authors:\n"
        "    - \"Ông A\"\n"
        "    # - \"Ông B\"\n"
        "type: sang-kien\n"
        "---\n"
        "Nội dung.\n"
    ).encode()
    result = fmt.format_bytes(raw, "x.md")
    assert result.formatted.decode() == (
        "---\n"
        "# Tệp do chi hội gửi\n"
        "\n"
        "title: \"Tên\"\n"
        "type: sang-kien\n"
        "authors:\n"
        "    - \"Ông A\"\n"
        "    # - \"Ông B\"\n"
        "# Từ khóa\n"
        "tags: [\"a\", \"b\"]  # để tra cứu\n"
        "---\n"
        "Nội dung.\n"
    )


def test_multiline_values_and_markdown_line_breaks_keep_their_spaces():
    raw = (
        "---\n"
        "title: \"Tên\"\n"
        "summary: |\n"
        "  Dòng một   \n"
        "\n"
        "\n"
        "  dòng hai\n"
        "---\n"
        "Dòng có ngắt dòng  \n"
        "dòng sau   \n"
        "\n"
    ).encode()
    result = fmt.format_bytes(raw, "x.md")
    assert_canonical(raw, result, spaces_in_values=True)
    text = result.formatted.decode()
    assert "  Dòng một   \n\n\n  dòng hai\n" in text
    assert text.endswith("---\nDòng có ngắt dòng  \ndòng sau\n")


@pytest.mark.parametrize("text, words", [
    ("title: x\n---\n", "Thiếu phần thông tin"),
    ("---\ntitle: \"x\n---\n", "Dấu ngoặc kép"),
    ("---\ntitle: a\ntitle: b\n---\n", "xuất hiện hai lần"),
    ("---\n- a\n- b\n---\n", "không phải các cặp"),
])
def test_a_file_that_cannot_be_read_is_refused_and_left_alone(scratch, capsys, text, words):
    path = scratch.write("initiatives/2022/hong.md", text)
    assert main(["--root", str(scratch.root), "fmt"]) == 1
    out = capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == text
    assert out.startswith("initiatives/2022/hong.md:") and "Không định dạng tệp này vì" in out and words in out


def test_nothing_is_written_when_the_result_would_change_a_value(scratch, capsys, monkeypatch):
    """The last line of defence: a formatter bug that alters data is caught by re-parsing, and the file kept."""
    path = scratch.write("initiatives/2022/x.md", "---\ntitle:   \"Tên\"\nyear: 2022\n---\nA\n")
    real = fmt._format_front
    monkeypatch.setattr(fmt, "_format_front", lambda *a: (real(*a)[0].replace("2022", "2023"), []))
    assert main(["--root", str(scratch.root), "fmt"]) == 1
    assert "vẫn giữ nguyên mọi giá trị" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == "---\ntitle:   \"Tên\"\nyear: 2022\n---\nA\n"


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "x.md"
    path.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fmt.os, "replace", boom)
    with pytest.raises(OSError):
        fmt.write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]


def test_fmt_is_registered_in_the_cli_help(capsys):
    with pytest.raises(SystemExit):
        main(["fmt", "--help"])
    assert "--check" in capsys.readouterr().out
