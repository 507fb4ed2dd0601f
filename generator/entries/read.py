"""Bytes → text → front matter with line numbers + body. The only module that opens editors' files.

Never raises on bad input: every defect becomes a Problem with the line it is on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.common import legacy_fonts
from generator.common.problems import ERROR, WARNING, Problem
from generator.common.text import format_number, nfc

# Far above any real entry (the longest sample is a few KB); stops a hostile file exhausting memory.
MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 64_000
MAX_BODY_CHARS = 400_000
MAX_YAML_NODES = 5_000

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """YAML without surprises for editors: dates stay text until the model checks them (so 2022-02-30
    is reported, not a crash) and only true/false are booleans (so `no` or `on` stay words)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL, _SEQ, _MAP = (_TAG + t for t in ("str", "int", "bool", "null", "seq", "map"))
_MERGE, _FLOAT = _TAG + "merge", _TAG + "float"
# What plain data resolves to; any other tag was written on purpose (`!!binary`, `!!set`, `!!python/…`, `!x`).
_PLAIN_TAGS = frozenset({_STR, _INT, _BOOL, _NULL, _FLOAT})
# The implicit resolvers a plain scalar can meet, by its first character (PyYAML concatenates two lists for
# every scalar of every file); our loader has no path resolvers, so nothing else decides a tag.
_WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
_BY_FIRST = {first: tuple(resolvers) + _WILDCARD
             for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None}
assert not _Loader.yaml_path_resolvers


ENTRIES_DIR = "initiatives"


# Folders an editor writes in: nothing in them may be a symbolic link (the build would publish its target).
EDITOR_DIRS = (ENTRIES_DIR, "content")


def entry_files(root: Path) -> list[Path]:
    """Every entry file of a project, in a stable order; symbolic links (and what lies under a linked folder) are
    left out, so a link to a file elsewhere is never read, let alone published: `symlinks` reports them."""
    base = root / ENTRIES_DIR
    if not base.is_dir() or base.is_symlink():
        return []
    out: list[Path] = []
    todo = [str(base)]
    while todo:  # scandir's entries know whether they are links without another system call per file
        with os.scandir(todo.pop()) as found:
            for item in found:
                if item.is_symlink():
                    continue
                if item.is_dir():
                    todo.append(item.path)
                # A folder named like an entry is listed too: reading it fails, and `check` says so.
                if item.name.endswith(".md") and item.name.lower() != "readme.md":
                    out.append(Path(item.path))
    return sorted(out)


def symlinks(root: Path) -> list[tuple[str, str]]:
    """(project path, target as written in the link) of every symbolic link under initiatives/ and content/."""
    found = []
    for top in EDITOR_DIRS:
        base = root / top
        if base.is_symlink():
            found.append((top, os.readlink(base)))
            continue
        for folder, dirs, names in os.walk(base):
            for name in dirs + names:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    found.append((Path(path).relative_to(root).as_posix(), os.readlink(path)))
    return sorted(found)


def _resolve(self, kind, value, implicit):
    """Resolver.resolve with the same answers, quicker: the C parser calls it for every node."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _BY_FIRST.get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _resolve


@dataclass
class Source:
    """One editor's file as read: normalised text, front matter, where each key stands, and the body."""

    rel: str
    path: Path
    text: str = ""
    data: dict | None = None
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    has_body: bool = False  # the front matter was found and closed: `body` is the file's body (maybe empty)

    def line_of(self, dotted: str) -> int:
        """Line of a key, falling back to its parent key ('recognition.0.level' → 'recognition.0')."""
        parts = dotted.split(".")
        while parts:
            key = ".".join(parts)
            if key in self.lines:
                return self.lines[key]
            parts.pop()
        return 1


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM), any line endings, normalised to NFC; say what was normalised."""
    problems: list[Problem] = []
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(rel, 0, f"Tệp quá lớn ({format_number(len(raw))} byte, giới hạn {format_number(MAX_FILE_BYTES)} byte). "
                              "Một mục sáng kiến thường chỉ vài nghìn byte: hãy rút gọn nội dung hoặc tách ảnh ra tệp riêng.")]
    if b"\x00" in raw:
        return None, [Problem(rel, raw[: raw.index(b"\x00")].count(b"\n") + 1,
                              "Tệp chứa byte rỗng (NUL), không phải tệp văn bản. Hãy lưu lại dưới dạng văn bản thuần (Markdown, UTF-8).")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    legacy = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        legacy = legacy_fonts.decode_bytes(raw)  # typed with .VnTime (TCVN3) or VNI-Times and saved as such
        if legacy:
            text = legacy[0]
        else:
            line = raw[: err.start].count(b"\n") + 1
            return None, [Problem(rel, line,
                              "Tệp không được lưu bằng bảng mã UTF-8 (có thể là bảng mã cũ TCVN3, VNI hoặc Windows-1258). "
                              "Hãy mở tệp và lưu lại với bảng mã UTF-8: trong Notepad chọn Tệp → Lưu thành… → Mã hóa: UTF-8; "
                                  "với văn bản gõ bằng Unikey theo bảng mã cũ, dùng chức năng chuyển mã của Unikey sang Unicode.")]
    if legacy is None and not text.isascii() and (found := legacy_fonts.detect(text)):
        legacy = legacy_fonts.to_unicode(text, found), found  # legacy letters pasted into a UTF-8 file
        text = legacy[0]
    if legacy:
        problems.append(Problem(rel, 1, f"Tệp được gõ bằng bảng mã cũ {legacy_fonts.NAMES[legacy[1]]}; đã tự chuyển sang "
                                "Unicode để kiểm tra. Chạy `python -m generator fmt` để lưu lại tệp bằng Unicode (UTF-8).",
                                severity=WARNING))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    normal = nfc(text)
    if normal != text:
        first = next(i for i, (a, b) in enumerate(zip(text.splitlines(), normal.splitlines())) if a != b)
        problems.append(Problem(rel, first + 1,
                                "Văn bản có chữ Việt ở dạng Unicode tổ hợp (NFD); trang web dùng dạng dựng sẵn (NFC) nên vẫn hiển thị đúng. "
                                "Để sửa hẳn trong tệp, chạy `python -m generator fmt` hoặc gõ lại bằng bộ gõ Unicode dựng sẵn.",
                                severity=WARNING))
    return normal, problems


_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_CLOSE_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)  # _CLOSE on a line of the whole text


def split_front_matter(text: str, rel: str) -> tuple[str, int, str, int] | Problem:
    """Return (front matter, its first line, body, body's first line) or the problem."""
    # The usual file, sliced where its fences are rather than split into lines and joined again.
    first_end = text.find("\n")
    if first_end >= 0 and _FENCE.match(text, 0, first_end):
        close = _CLOSE_LINE.search(text, first_end + 1)
        if close is not None:
            front = text[first_end + 1: close.start() - 1]
            if len(front) <= MAX_FRONT_MATTER_CHARS:
                end = close.end()
                return front, 2, text[end + 1:] if end < len(text) else "", text.count("\n", 0, end) + 2
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        first = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
        if first < len(lines) and _FENCE.match(lines[first]):
            return Problem(rel, first + 1, "Dòng `---` mở đầu phần thông tin phải là dòng đầu tiên của tệp; hãy xóa các dòng trống phía trên nó.")
        return Problem(rel, 1, "Thiếu phần thông tin (front matter) ở đầu tệp. Tệp phải bắt đầu bằng một dòng `---`, "
                       "tiếp theo là các trường như `title: …`, rồi một dòng `---` nữa trước phần nội dung.")
    for i in range(1, len(lines)):
        if _CLOSE.match(lines[i]):
            front = "\n".join(lines[1:i])
            if len(front) > MAX_FRONT_MATTER_CHARS:
                return Problem(rel, 1, f"Phần thông tin đầu tệp quá dài (giới hạn {MAX_FRONT_MATTER_CHARS:,} ký tự). "
                               "Hãy chuyển phần mô tả xuống nội dung bên dưới dòng `---`.".replace(",", "."))
            return front, 2, "\n".join(lines[i + 1:]), i + 2
    return Problem(rel, 1, "Phần thông tin đầu tệp mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại. "
                   "Hãy thêm một dòng chỉ có `---` sau trường cuối cùng, trước phần nội dung.")


def _yaml_message(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    problem = (err.problem or "").lower()
    context = (err.context or "").lower()
    # The C parser does not name the character, so look at the line itself.
    source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "tab" in problem or (
            "cannot start any token" in problem and "\t" in source_line):
        return line, "Có ký tự Tab dùng để thụt lề; YAML chỉ chấp nhận dấu cách. Hãy thay Tab bằng hai dấu cách."
    if "quoted scalar" in context:
        start = err.context_mark.line + 1 if err.context_mark else line
        return start, "Dấu ngoặc kép mở ở dòng này chưa được đóng. Hãy thêm dấu `\"` ở cuối giá trị."
    if "mapping values are not allowed" in problem:
        return line, ("Dấu hai chấm `:` đặt sai chỗ. Nếu giá trị có chứa dấu `:`, hãy đặt cả giá trị trong dấu ngoặc kép, "
                      "ví dụ `title: \"Mô hình: Tổ hòa giải\"`; nếu không, kiểm tra lại phần thụt lề.")
    if "could not find expected ':'" in problem or "simple key" in context:
        return line, "Thiếu dấu `:` sau tên trường, hoặc một giá trị bị xuống dòng. Mỗi dòng phải có dạng `tên_trường: giá trị`."
    if "expected <block end>" in problem or "indentation" in problem or "block mapping" in context or "block collection" in context:
        return line, ("Thụt lề không đúng. Các trường chính phải bắt đầu sát lề trái; các mục con của một danh sách "
                      "phải thụt vào cùng một số dấu cách, bắt đầu bằng `- `.")
    if "found undefined alias" in problem or "alias" in problem:
        return line, "Không dùng neo và bí danh YAML (`&tên`, `*tên`) trong tệp mục; hãy viết trực tiếp giá trị."
    return line, f"Lỗi cú pháp YAML ({err.problem or err.context}). Hãy kiểm tra dấu ngoặc kép, dấu `:` và phần thụt lề ở dòng này."


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict[str, int]]:
    """Parse YAML; return the value and the line of every key (dotted paths). Raises YamlProblem."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            line, message = _yaml_message(err, text)
            raise YamlProblem(line + first_line - 1, message) from None
        except yaml.YAMLError as err:
            raise YamlProblem(first_line, f"Lỗi cú pháp YAML: {err}") from None
        if node is None:
            return None, {}
        used_at = node.start_mark.line + first_line
        # A node reached twice is an alias, and an alias needs an anchor (`&`): without one, none is looked for.
        anchored = "&" in text
        source = text.split("\n")
        try:
            lines: dict[str, int] = {}
            return _walk(node, "", lines, first_line, set() if anchored else None, [0], used_at, True, source), lines
        except _Slow:
            pass
        lines = {}
        _walk(node, "", lines, first_line, set() if anchored else None, [0], used_at, False, source)
        try:
            return loader.construct_document(node), lines
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = (mark.line + first_line) if mark else first_line
            raise YamlProblem(line, f"Giá trị YAML không đọc được: {getattr(err, 'problem', err)}. "
                              "Hãy đặt giá trị trong dấu ngoặc kép.") from None
        except (ValueError, KeyError, TypeError, OverflowError):  # `!!int abc`: PyYAML's constructors raise these
            line = _bad_scalar_line(node, first_line)
            raise YamlProblem(line, "Giá trị YAML không đọc được: giá trị không đúng với thẻ kiểu `!!…` đặt trước nó. "
                              "Hãy bỏ thẻ `!!…` và đặt giá trị trong dấu ngoặc kép.") from None
    finally:
        loader.dispose()


def _bad_scalar_line(node, first_line: int) -> int:
    """The line of the first scalar whose explicit tag PyYAML cannot construct (`!!int abc`, `!!bool maybe`)."""
    todo = [node]
    while todo:
        current = todo.pop(0)
        if isinstance(current, yaml.ScalarNode):
            if current.tag in (_INT, _FLOAT, _BOOL) and _resolve(None, yaml.ScalarNode, current.value, (True, False)) != current.tag:
                return current.start_mark.line + first_line
        elif isinstance(current, yaml.SequenceNode):
            todo += current.value
        elif isinstance(current, yaml.MappingNode):
            todo += [v for pair in current.value for v in pair]
    return first_line


class _Slow(Exception):
    """A node `_walk` does not build: floats, explicit tags, merge keys and other rarities."""


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _scalar(node) -> object:
    """What SafeConstructor makes of the scalars entries are written with; _Slow for any other."""
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _INT and _DECIMAL.fullmatch(value):
        return int(value)
    if tag == _NULL:
        return None
    if tag == _BOOL and value in _BOOLS:
        return _BOOLS[value]
    raise _Slow


def _walk(node, prefix: str, lines: dict[str, int], first_line: int, seen: set[int] | None, count: list[int],
          used_at: int, build: bool, source: list[str] | None = None) -> object:
    """Record key lines; refuse aliases (a node reached twice), duplicate keys and oversized trees.

    With `build`, also return the value SafeConstructor would make, or raise _Slow at a node it does not know
    (then the caller walks again without building and lets PyYAML construct): its generic constructor costs
    more than parsing, and a usual entry holds nothing but strings, whole numbers, booleans, lists and mappings.
    `used_at` is the line that refers to this node: for an alias, where it is used, not where it was defined.
    """
    if seen is not None:
        if id(node) in seen:
            raise YamlProblem(used_at,
                              "Không dùng neo và bí danh YAML (`&tên`, `*tên`) trong tệp mục; hãy viết trực tiếp giá trị.")
        seen.add(id(node))
    count[0] += 1
    if count[0] > MAX_YAML_NODES:
        raise YamlProblem(first_line, f"Phần thông tin có quá nhiều giá trị (hơn {MAX_YAML_NODES:,}); một mục thật không cần nhiều như vậy.".replace(",", "."))
    kind = type(node)
    if kind is yaml.MappingNode:
        if node.tag != _MAP:
            raise YamlProblem(node.start_mark.line + first_line,
                              f"Không dùng thẻ kiểu YAML `{node.tag.replace(_TAG, '!!')}` trong tệp mục; hãy viết các trường "
                              "dạng `tên: giá trị`.")
        mapping = {}
        keys_here: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + first_line
            if type(key_node) is not yaml.ScalarNode:
                raise YamlProblem(line, "Tên trường phải là một chữ đơn giản, ví dụ `title`.")
            key = key_node.value
            if key_node.tag == _MERGE or (key == "<<" and not key_node.style):
                raise YamlProblem(line, "Không dùng khóa gộp YAML `<<:` trong tệp mục (nó chép các trường từ chỗ khác "
                                  "một cách ngầm); hãy viết trực tiếp từng trường.")
            if key_node.tag != _STR:
                raise YamlProblem(line, f"Tên trường `{key}` phải là chữ, ví dụ `title`, không phải số, `true`/`false` "
                                  "hay `~`. Nếu đây là một giá trị, hãy viết nó sau dấu `:` của một trường.")
            if key in keys_here:
                raise YamlProblem(line, f"Trường `{key}` xuất hiện hai lần (dòng {keys_here[key]} và dòng {line}). "
                                  "Hãy gộp lại thành một, nếu không giá trị đầu sẽ bị mất.")
            keys_here[key] = line
            path = f"{prefix}{key}"
            lines[path] = line
            value = _walk(value_node, path + ".", lines, first_line, seen, count, line, build, source)
            if build:
                mapping[_scalar(key_node)] = value
        return mapping
    if kind is yaml.SequenceNode:
        if node.tag != _SEQ:
            raise YamlProblem(node.start_mark.line + first_line,
                              f"Không dùng thẻ kiểu YAML `{node.tag.replace(_TAG, '!!')}` trong tệp mục; hãy viết danh sách "
                              "mỗi mục trên một dòng bắt đầu bằng `- `.")
        items = []
        for i, item in enumerate(node.value):
            path = f"{prefix}{i}"
            lines[path] = item.start_mark.line + first_line
            items.append(_walk(item, path + ".", lines, first_line, seen, count, used_at, build, source))
        return items
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(node.start_mark.line + first_line,
                          f"Không dùng thẻ kiểu YAML `{node.tag.replace(_TAG, '!!')}` trong tệp mục; hãy viết giá trị thuần: "
                          "chữ trong dấu ngoặc kép, số, `true` hoặc `false`.")
    if not node.style and node.end_mark.line > node.start_mark.line and source is not None:
        _misindented_item(node, source, first_line)
    return _scalar(node) if build else None


def _misindented_item(node, source: list[str], first_line: int) -> None:
    """A plain value that runs on to a line starting with `- `: a list item indented one space off (YAML then reads
    `- ea-po` and ` - nam-dong` as the one value `ea-po - nam-dong`)."""
    for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(source))):
        if source[index].lstrip(" ").startswith("- "):
            above = source[index - 1]
            raise YamlProblem(index + first_line,
                              f"Mục danh sách `{source[index].strip()}` thụt lề lệch so với dòng trên "
                              f"(`{above.strip()}`), nên được đọc thành một phần của giá trị ở dòng trên. Các dòng `- ` "
                              "của cùng một danh sách phải bắt đầu ở cùng một cột: hãy thêm hoặc bớt dấu cách cho thẳng hàng.")


def read_source(path: Path, root: Path) -> Source:
    """Read one entry file. The result always exists; `data` is None when the file cannot be used."""
    whole, base = str(path), str(root)
    if whole.startswith(base) and whole[len(base): len(base) + 1] == os.sep and not base.endswith(os.sep):
        rel = whole[len(base) + 1:].replace(os.sep, "/")  # what relative_to + as_posix make of it, without parsing
    else:
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = path.as_posix()
    src = Source(rel=rel, path=path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        src.problems.append(Problem(rel, 0, f"Không đọc được tệp: {err.strerror}."))
        return src
    text, problems = decode(raw, rel)
    src.problems += problems
    if text is None:
        return src
    src.text = text
    split = split_front_matter(text, rel)
    if isinstance(split, Problem):
        src.problems.append(split)
        return src
    front, first_line, body, body_line = split
    if len(body) > MAX_BODY_CHARS:
        src.problems.append(Problem(rel, body_line, f"Nội dung quá dài ({format_number(len(body))} ký tự, giới hạn {format_number(MAX_BODY_CHARS)}). "
                                    "Hãy rút gọn, hoặc tách thành nhiều mục."))
        return src
    src.body, src.body_line, src.has_body = body, body_line, True
    try:
        data, lines = load_yaml(front, first_line)
    except YamlProblem as err:
        src.problems.append(Problem(rel, err.line, err.message))
        return src
    if data is None:
        data = {}
    if not isinstance(data, dict):
        src.problems.append(Problem(rel, first_line, "Phần thông tin đầu tệp phải là danh sách các trường dạng `tên_trường: giá trị`."))
        return src
    src.data, src.lines = data, lines
    return src


def read_yaml_file(path: Path, root: Path) -> tuple[object, dict[str, int], list[Problem]]:
    """Read a whole YAML data file (the taxonomy) with the same care as entries."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, {}, [Problem(rel, 0, f"Không đọc được tệp: {err.strerror}.")]
    text, problems = decode(raw, rel)
    if text is None:
        return None, {}, problems
    try:
        data, lines = load_yaml(text, 1)
    except YamlProblem as err:
        return None, {}, problems + [Problem(rel, err.line, err.message)]
    return data, lines, problems
