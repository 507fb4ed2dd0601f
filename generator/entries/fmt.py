"""`python -m generator fmt`: rewrite entry files in one canonical form without losing a byte of meaning.

The canonical form: UTF-8 without BOM, LF line endings, NFC text, front-matter keys in the model's order,
lists written one item per line (`  - item`), no trailing spaces, no runs of blank lines, one final newline.

Comments are kept: a comment line travels with the key below it, an indented comment stays with the list it
sits in. A value is never retyped: the scalar text the editor wrote (quotes and all) is reused verbatim, and a
list that holds a comment or a multi-line value is left exactly as written. After formatting, the result is
parsed again; unless its data equals the original's (NFC) and the body and comment lines are unchanged apart
from the normalisation, nothing is written.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from generator.common import legacy_fonts
from generator.entries import read
from generator.entries.model import FIELD_ORDER, Recognition
from generator.common.problems import WARNING, Problem, format_problems
from generator.common.text import nfc

BOM = b"\xef\xbb\xbf"
FENCE = "---"
RECOGNITION_ORDER = list(Recognition.model_fields)
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Result:
    """What formatting one file found: the canonical bytes, the changes they make, or why it was refused."""

    rel: str
    original: bytes
    formatted: bytes | None = None
    changes: list[Problem] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


class Refused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# --- whole file --------------------------------------------------------------------------------
def format_bytes(raw: bytes, rel: str) -> Result:
    """Format one entry file's bytes. Never raises on bad input: a file it cannot handle is refused."""
    result = Result(rel=rel, original=raw)
    text, problems = read.decode(raw, rel)
    if text is None:
        result.refused = [_refusal(p) for p in problems]
        return result
    notes: list[tuple[int, str]] = []
    try:
        plain = (raw[3:] if raw.startswith(BOM) else raw).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        plain = None
    if plain is None or (not plain.isascii() and legacy_fonts.detect(plain)):
        # Typed with a legacy font (TCVN3, VNI): read.decode converted it; writing it back is the fix.
        plain = text
        notes.append((1, "Tệp gõ bằng bảng mã cũ (TCVN3 hoặc VNI); sẽ chuyển sang Unicode (UTF-8)."))
    if raw.startswith(BOM):
        notes.append((1, "Tệp có ký tự BOM ở đầu (thường do Notepad thêm vào); sẽ bỏ đi."))
    if b"\r" in raw:
        notes.append((raw[: raw.index(b"\r")].count(b"\n") + 1,
                      "Tệp dùng kiểu xuống dòng của Windows (CRLF); sẽ đổi sang kiểu LF."))
    if text != plain:
        first = next(i for i, (a, b) in enumerate(zip(plain.split("\n"), text.split("\n"))) if a != b)
        notes.append((first + 1, "Chữ Việt ở dạng Unicode tổ hợp (NFD); sẽ đổi sang dạng dựng sẵn (NFC)."))
    try:
        out, more = _format_text(text, plain, rel)
    except Refused as err:
        result.refused = [Problem(rel, err.line, err.message)]
        return result
    result.formatted = out.encode("utf-8")
    if result.formatted != raw:
        found = sorted(set(notes + more)) or [(1, "Tệp chưa đúng cách viết chuẩn.")]
        result.changes = [Problem(rel, line, msg) for line, msg in found]
    return result


def _refusal(p: Problem) -> Problem:
    return Problem(p.path, p.line, f"Không định dạng tệp này vì: {p.message}")


def _format_text(text: str, plain: str, rel: str) -> tuple[str, list[tuple[int, str]]]:
    split = read.split_front_matter(text, rel)
    if isinstance(split, Problem):
        raise Refused(split.line, f"Không định dạng tệp này vì: {split.message}")
    front, first_line, body, body_line = split
    lines = text.split("\n")
    notes: list[tuple[int, str]] = []
    if lines[0] != FENCE or lines[body_line - 2] != FENCE:
        notes.append((1 if lines[0] != FENCE else body_line - 1,
                      "Dòng mở và dòng đóng phần thông tin phải đúng là `---`, không thêm gì khác."))
    data = _parse(front, first_line)
    original = read.split_front_matter(plain, rel)
    if isinstance(original, Problem) or _deep_nfc(_parse(original[0], first_line)) != data:
        raise Refused(first_line, "Không định dạng tệp này vì đổi sang dạng NFC làm thay đổi dữ liệu; hãy sửa tay.")
    new_front = None
    # First every normalisation; if a value would change, again leaving the lines of multi-line values alone.
    for careful in (False, True):
        candidate, front_notes = _format_front(front, first_line, careful)
        if _parse(candidate, first_line) == data and _comment_lines(candidate) == _comment_lines(front):
            new_front = candidate
            break
    if new_front is None:
        raise Refused(first_line, "Không định dạng được phần thông tin mà vẫn giữ nguyên mọi giá trị; tệp được để nguyên.")
    new_body, body_notes = _format_body(body, body_line)
    if _body_lines(new_body) != _body_lines(body):
        raise Refused(body_line, "Không định dạng được phần nội dung mà vẫn giữ nguyên từng chữ; tệp được để nguyên.")
    ending = "\n".join(ln.rstrip() for ln in text.split("\n"))
    if not ending.endswith("\n"):
        notes.append((len(lines), "Cuối tệp thiếu dấu xuống dòng; sẽ thêm."))
    elif ending.endswith("\n\n"):
        notes.append((len(ending.rstrip("\n").split("\n")) + 1, "Có dòng trống thừa ở cuối tệp; sẽ bỏ."))
    out = FENCE + "\n" + (new_front + "\n" if new_front else "") + FENCE + "\n" + new_body
    return out, notes + front_notes + body_notes


def _parse(front: str, first_line: int) -> object:
    try:
        data, _ = read.load_yaml(front, first_line)
    except read.YamlProblem as err:
        raise Refused(err.line, f"Không định dạng tệp này vì: {err.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Refused(first_line, "Không định dạng tệp này vì phần thông tin đầu tệp không phải các cặp `tên_trường: giá trị`.")
    return data


def _deep_nfc(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_deep_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_deep_nfc(k): _deep_nfc(v) for k, v in value.items()}
    return value


def _comment_lines(front: str) -> list[str]:
    """Whole-line comments, sorted: formatting may move them with their key, never drop or change one."""
    return sorted(ln.strip() for ln in front.split("\n") if ln.lstrip().startswith("#"))


def _body_lines(body: str) -> list[str]:
    lines = [ln.rstrip() for ln in body.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- body --------------------------------------------------------------------------------------
_HARD_BREAK = re.compile(r"\S {2,}$")


def _format_body(body: str, body_line: int) -> tuple[str, list[tuple[int, str]]]:
    """Trailing spaces go, except a Markdown line break (two spaces before the next line of a paragraph)."""
    lines = body.split("\n")
    out = []
    stripped_at: list[int] = []
    for i, ln in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        new = ln if _HARD_BREAK.search(ln) and following.strip() else ln.rstrip()
        if new != ln:
            stripped_at.append(body_line + i)
        out.append(new)
    while out and not out[-1]:
        out.pop()
    notes = [(stripped_at[0], _trailing_message(len(stripped_at), "phần nội dung"))] if stripped_at else []
    return ("\n".join(out) + "\n" if out else ""), notes


def _trailing_message(count: int, where: str) -> str:
    return f"Có dấu cách thừa ở cuối dòng ({count} dòng trong {where}); sẽ xóa."


# --- front matter ------------------------------------------------------------------------------
@dataclass
class _Chunk:
    key: str
    key_line: int  # index in the front-matter lines
    lines: list[str]  # the leading comments, the key and its value, the comments that belong to the value
    value: object  # the composed value node
    key_node: object
    offset: int  # index of the chunk's first line in the front-matter lines


def _format_front(front: str, first_line: int, careful: bool) -> tuple[str, list[tuple[int, str]]]:
    lines = front.split("\n")
    notes: list[tuple[int, str]] = []
    root = yaml.compose(front, Loader=_Composer)
    if root is None or not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value or any(
            k.start_mark.column != 0 for k, _ in root.value):
        return _tidy(lines, _multiline_scalar_lines(root), careful, first_line, notes), notes
    header, chunks, footer = _chunks(front, lines, root)
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    ranked = [c for _, c in sorted(enumerate(chunks), key=lambda ic: (order.get(ic[1].key, len(order)), ic[0]))]
    if [c.key_line for c in ranked] != [c.key_line for c in chunks]:
        here, due = next((c, r) for c, r in zip(chunks, ranked) if c is not r)
        notes.append((here.key_line + first_line,
                      f"Các trường chưa theo thứ tự của mẫu: `{due.key}` phải đứng trước `{here.key}`; "
                      "sẽ sắp xếp lại (các dòng chú thích đi theo trường ngay dưới chúng)."))
    out: list[str] = list(header)
    origin: list[int] = list(range(len(header)))  # where each output line was in the editor's file
    for chunk in ranked:
        block = chunk.lines
        where = list(range(chunk.offset, chunk.offset + len(block)))
        own_end = _own_end_line(front, chunk)
        begin, stop = chunk.key_line - chunk.offset, own_end - chunk.offset + 1
        # A comment under the value (a list item set aside, say) is aligned with it: keep the value as written.
        emitted = None if any(ln.strip() for ln in block[stop:]) else _canonical(front, chunk)
        if emitted is not None:
            if [ln.rstrip() for ln in block[begin:stop]] != emitted:
                what = ("mỗi mục một dòng, bắt đầu bằng `- `" if isinstance(chunk.value, yaml.SequenceNode)
                        else "mỗi cặp `tên: giá trị` một dòng")
                notes.append((chunk.key_line + first_line,
                              f"`{chunk.key}` sẽ được viết lại theo kiểu chuẩn: {what}, thụt lề hai dấu cách."))
                block = block[:begin] + emitted + block[stop:]
                where = where[:begin] + [chunk.key_line] * len(emitted) + where[stop:]
        out += block
        origin += where
    out += footer
    origin += list(range(len(lines) - len(footer), len(lines)))
    # Lines moved: find again which lines lie inside multi-line values, in the new text.
    protected = _multiline_scalar_lines(yaml.compose("\n".join(out), Loader=_Composer))
    return _tidy(out, protected, careful, first_line, notes, origin), notes


def _tidy(lines: list[str], protected: set[int], careful: bool, first_line: int,
          notes: list[tuple[int, str]], origin: list[int] | None = None) -> str:
    """Trailing spaces off, runs of blank lines to one, no blank line at either end of the front matter.

    Careful: lines inside a multi-line value keep their spaces and blank lines (they may be part of it)."""
    origin = origin if origin is not None else list(range(len(lines)))
    out: list[str] = []
    trailing: list[int] = []
    dropped: list[int] = []
    for i, ln in enumerate(lines):
        keep = careful and i in protected
        new = ln if keep else ln.rstrip()
        if new != ln:
            trailing.append(origin[i])
        if not new and not keep and (not out or not out[-1]):
            dropped.append(origin[i])
            continue
        out.append(new)
    while out and not out[-1]:
        dropped.append(origin[len(out) - 1])
        out.pop()
    if trailing:
        notes.append((min(trailing) + first_line, _trailing_message(len(trailing), "phần thông tin")))
    if dropped:
        notes.append((min(dropped) + first_line,
                      "Có dòng trống thừa trong phần thông tin (ở đầu, ở cuối hoặc nhiều dòng liền nhau); sẽ bỏ bớt."))
    return "\n".join(out)


def _multiline_scalar_lines(node) -> set[int]:
    """Lines inside a value that spans lines: their spaces and blank lines may be part of the value."""
    out: set[int] = set()
    if node is None:
        return out

    def walk(n) -> None:
        if isinstance(n, yaml.ScalarNode):
            if n.end_mark.line > n.start_mark.line:
                out.update(range(n.start_mark.line + 1, n.end_mark.line + 1))
            return
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                walk(item)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                walk(k)
                walk(v)

    walk(node)
    return out


def _content_end(node) -> int:
    """Index just past the last character that belongs to a node (block collections end at the next key)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _content_end(last[1] if isinstance(node, yaml.MappingNode) else last)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def _own_end_line(front: str, chunk: _Chunk) -> int:
    end = _content_end(chunk.value)
    start = chunk.value.start_mark.index
    while end > start and front[end - 1] in " \t\n":
        end -= 1
    return max(_line_of(front, end - 1) if end > start else chunk.key_line, chunk.key_line)


def _is_free(ln: str) -> bool:
    """A line that belongs to no value: blank, or a comment starting at the left margin."""
    return not ln.strip() or ln.startswith("#")


def _chunks(front: str, lines: list[str], root) -> tuple[list[str], list[_Chunk], list[str]]:
    """Cut the front matter into one block per top-level key, each with the comments that go with it."""
    pairs = root.value
    starts: list[int] = []
    ends: list[int] = []
    for key, value in pairs:
        line = key.start_mark.line
        starts.append(line)
        probe = _Chunk(key=key.value, key_line=line, lines=[], value=value, key_node=key, offset=line)
        ends.append(_own_end_line(front, probe))
    # Leading block of each key: the blank lines and margin comments right above it.
    lead: list[int] = []
    for i, line in enumerate(starts):
        floor = ends[i - 1] + 1 if i else 0
        j = line
        while j > floor and _is_free(lines[j - 1]):
            j -= 1
        lead.append(j)
    header: list[str] = []
    first = lead[0]
    pre = lines[first:starts[0]]
    if "" in [ln.strip() for ln in pre]:
        cut = max(i for i, ln in enumerate(pre) if not ln.strip()) + 1
        header = lines[:first + cut]
        lead[0] = first + cut
    else:
        header = lines[:first]
    # What follows the last value: indented comments stay with it, the rest stays at the bottom.
    last_end = ends[-1]
    j = last_end + 1
    while j < len(lines) and lines[j].strip() and not lines[j].startswith("#") and lines[j].lstrip().startswith("#"):
        j += 1
    footer = lines[j:]
    chunks = []
    for i, (key, value) in enumerate(pairs):
        stop = lead[i + 1] if i + 1 < len(pairs) else j
        chunks.append(_Chunk(key=key.value, key_line=starts[i], lines=lines[lead[i]:stop], value=value,
                             key_node=key, offset=lead[i]))
    return header, chunks, footer


# --- canonical collections ---------------------------------------------------------------------
class _Keep(Exception):
    """A value that must stay as written (a comment inside, a value over several lines, a complex key)."""


def _canonical(front: str, chunk: _Chunk) -> list[str] | None:
    """The canonical lines of a top-level key whose value is a list or mapping, or None to keep it as written."""
    value = chunk.value
    if isinstance(value, yaml.ScalarNode):
        return None
    if not isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
        return None
    try:
        if _has_comment(front, chunk.key_node.start_mark.index, _line_end(front, _content_end(value)), value):
            raise _Keep
        key = _scalar_text(front, chunk.key_node)
        if value.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map") or getattr(value, "anchor", None):
            raise _Keep
        if not value.value:
            return [f"{key}: {'[]' if isinstance(value, yaml.SequenceNode) else '{}'}"]
        return [f"{key}:"] + _emit(front, value, 2, chunk.key)
    except _Keep:
        return None


def _line_end(text: str, index: int) -> int:
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl


def _has_comment(front: str, start: int, end: int, node) -> bool:
    """A `#` that starts a comment anywhere between start and end (outside the node's scalars)."""
    spans = sorted(_scalar_spans(node))
    i = start
    for a, b in spans + [(end, end)]:
        segment = front[i:a] if a > i else ""
        if re.search(r"(^|[ \t\n,\[{])#", segment):
            return True
        i = max(i, b)
    return False


def _scalar_spans(node):
    if isinstance(node, yaml.ScalarNode):
        yield node.start_mark.index, node.end_mark.index
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalar_spans(item)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _scalar_spans(k)
            yield from _scalar_spans(v)


def _scalar_text(front: str, node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _Keep
    text = front[node.start_mark.index:node.end_mark.index]
    if "\n" in text or node.style in ("|", ">"):
        raise _Keep
    return text


def _emit(front: str, node, indent: int, path: str) -> list[str]:
    """Block-style lines of a non-empty collection, reusing every scalar's source text."""
    pad = " " * indent
    out: list[str] = []
    if getattr(node, "anchor", None):
        raise _Keep
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                text = _scalar_text(front, item)
                out.append(f"{pad}- {text}" if text else f"{pad}-")
            elif not item.value:
                out.append(f"{pad}- {'[]' if isinstance(item, yaml.SequenceNode) else '{}'}")
            elif isinstance(item, yaml.MappingNode):
                inner = _emit(front, item, indent + 2, f"{path}.item")
                out.append(f"{pad}- {inner[0][indent + 2:]}")
                out += inner[1:]
            else:
                out.append(f"{pad}-")
                out += _emit(front, item, indent + 2, f"{path}.item")
        return out
    pairs = list(node.value)
    if path == "recognition.item":
        rank = {k: i for i, k in enumerate(RECOGNITION_ORDER)}
        pairs.sort(key=lambda kv: rank.get(getattr(kv[0], "value", ""), len(rank)))
    for k, v in pairs:
        key = _scalar_text(front, k)
        if not key or key.startswith(("?", "-")):
            raise _Keep
        if isinstance(v, yaml.ScalarNode):
            text = _scalar_text(front, v)
            out.append(f"{pad}{key}: {text}" if text else f"{pad}{key}:")
        elif not v.value:
            out.append(f"{pad}{key}: {'[]' if isinstance(v, yaml.SequenceNode) else '{}'}")
        else:
            out.append(f"{pad}{key}:")
            out += _emit(front, v, indent + 2, f"{path}.{k.value}")
    return out


# --- files and command -------------------------------------------------------------------------
def entry_paths(root: Path, paths: list[Path] | None) -> list[Path]:
    if not paths:
        return read.entry_files(root)
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.md") if q.name.lower() != "readme.md")
        else:
            out.append(p)
    return out


def _rel(path: Path, root: Path) -> str:
    full = path.resolve()
    return full.relative_to(root).as_posix() if full.is_relative_to(root) else path.as_posix()


def format_file(path: Path, root: Path) -> Result:
    rel = _rel(path, root.resolve())
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Result(rel=rel, original=b"", refused=[Problem(rel, 0, f"Không đọc được tệp: {err.strerror}.")])
    return format_bytes(raw, rel)


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the file and rename over it: a crash leaves the old file or the new one, never half."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fmt", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def cmd_fmt(args) -> int:
    root = Path(args.root).resolve()
    paths = entry_paths(root, [Path(p) for p in args.paths] if args.paths else None)
    changed: list[Result] = []
    refused: list[Problem] = []
    for path in paths:
        result = format_file(path, root)
        refused += result.refused
        if result.changed:
            changed.append(result)
            if not args.check:
                write_atomically(path, result.formatted)  # type: ignore[arg-type]
    if args.check:
        problems = [p for r in changed for p in r.changes] + refused
        if args.format == "github":
            # On a pull request these are reminders on the lines concerned; `check` reports the real errors.
            problems = [replace(p, severity=WARNING) for p in problems]
        if problems:
            sys.stdout.write(format_problems(problems, args.format) + "\n")
        if changed:
            sys.stderr.write(f"{len(changed)} tệp chưa đúng cách viết chuẩn. Chạy `python -m generator fmt` để sửa tự động.\n")
        elif not refused:
            sys.stderr.write(f"Đã kiểm tra {len(paths)} tệp: tất cả đã đúng cách viết chuẩn.\n")
        return 1 if problems else 0
    if refused:
        sys.stdout.write(format_problems(refused, args.format) + "\n")
    for r in changed:
        sys.stdout.write(f"Đã định dạng lại {r.rel}\n")
    sys.stderr.write(f"Đã định dạng lại {len(changed)} trong {len(paths)} tệp.\n")
    return 1 if refused else 0


def register(subparsers) -> None:
    p = subparsers.add_parser("fmt", help="chuẩn hóa cách viết các tệp mục (NFC, thứ tự trường, danh sách, dấu cách)")
    p.add_argument("paths", nargs="*", help="tệp hoặc thư mục cần chuẩn hóa (mặc định: mọi mục trong initiatives/)")
    p.add_argument("--check", action="store_true", help="chỉ báo những chỗ cần sửa, không ghi tệp; trả về 1 nếu cần sửa")
    p.add_argument("--format", choices=["text", "github"], default="text", help="dạng báo (với --check)")
    p.set_defaults(func=cmd_fmt)
