"""Untrusted content: what the validator reports and what the build strips.

Entries arrive by pull request from many hands and are published as they are. Two layers keep a careless
or hostile entry from harming readers:

- `check_safety` reports, at its line, everything an editor should fix: HTML the site would strip,
  personal data, invisible or direction-changing characters, local links that leave the repository.
- `clean_html` is applied by the build to every entry page whether or not the checks ran: an nh3
  allow-list of what Markdown produces. The validator teaches; the sanitiser is what protects.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from generator.entries.model import Entry
from generator.common.problems import Problem
from generator.entries.read import Source

# --- the allow-list -----------------------------------------------------------------------------
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sup", "sub", "abbr",
    "div",  # admonitions (`!!! note`)
})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
    **{h: {"id"} for h in _HEADINGS},  # the anchors the table of contents links to
}
# The classes Markdown's admonition extension writes; any other class is dropped.
ADMONITION_KINDS = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
})
ALLOWED_CLASSES = {"div": {"admonition", *ADMONITION_KINDS}, "p": {"admonition-title"}}
# Column alignment of Markdown tables (mkdocs.yml sets use_align_attribute: the CSP forbids inline style).
ALLOWED_VALUES = {cell: {"align": {"left", "center", "right"}} for cell in ("th", "td")}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with their content: their text is code or markup, never reading matter.
_DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "textarea", "select",
                      "svg", "math", "xmp", "noembed", "noframes"}


_SAFE_ID = re.compile(r"^[^\s\"'<>&`=]+$")


def _scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, tabs/newlines removed, edges stripped."""
    u = re.sub(r"[\t\n\r]", "", html.unescape(url)).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                           "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                           "\x1c\x1d\x1e\x1f ")
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", u)
    return m.group(1).lower() if m else None


def _is_remote(url: str) -> bool:
    u = html.unescape(url).strip()
    return _scheme(u) is not None or u.startswith(("//", "\\\\", "/\\", "\\/"))


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src" and _is_remote(value):
        return None  # pictures come from the repository only: a page makes no request elsewhere
    if attr == "id" and (value.startswith("__") or not _SAFE_ID.match(value)):
        return None  # Material's own components use `__` ids (`__config`, `__drawer`); a heading must not shadow them
    return value


@lru_cache(maxsize=1)
def _body_cleaner():
    import nh3  # the build's, not the checker's: `check` starts without it

    # One cleaner per process: nh3.clean() rebuilt the whole configuration for each of 10,000 entry pages.
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()},
        tag_attribute_values={tag: {a: set(v) for a, v in attrs.items()} for tag, attrs in ALLOWED_VALUES.items()},
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    )


@lru_cache(maxsize=1)
def _text_cleaner():
    import nh3

    return nh3.Cleaner(tags=set(), clean_content_tags=_DROP_WITH_CONTENT, attributes={})


def clean_html(html_text: str) -> str:
    """The HTML of an entry body, reduced to what Markdown produces: no script, no handler, no foreign URL."""
    return _body_cleaner().clean(html_text)


_MARKUP_CHARS = re.compile("[&<>\xa0]")


def clean_text(html_text: str) -> str:
    """Markup reduced to escaped text, for labels a theme prints as HTML (table-of-contents titles)."""
    if not _MARKUP_CHARS.search(html_text):
        return html_text  # what the cleaner returns for text without &, <, > or a no-break space
    return _text_cleaner().clean(html_text)


def clean_toc(items) -> None:
    """Table-of-contents items of an entry page (objects with title, id, children), made safe in place.

    The theme prints their title as HTML and their id inside an href, and Markdown's attr_list lets an
    editor set any id (`{: id='x" onmouseover=…' }`): drop markup from titles and ids that are not plain.
    """
    for item in items:
        item.title = clean_text(item.title)
        if not _SAFE_ID.match(item.id or "") or item.id.startswith("__"):
            item.id = ""
        clean_toc(item.children)


# --- files an entry publishes --------------------------------------------------------------------
ENTRIES_DIR = "initiatives"
IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".webp"}  # what `image` may name
MAX_IMAGE_BYTES = 10_000_000  # a phone photo is 3–5 MB; the build makes the published sizes (pages/pictures.py)
LINKED_TYPES = {".pdf": 10_000_000}  # besides the picture types of `image`


def _allowed_types() -> dict[str, int]:
    return {**{t: MAX_IMAGE_BYTES for t in IMAGE_TYPES}, **LINKED_TYPES}


def _megabytes(n: int) -> str:
    text = f"{n / 1e6:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def local_file_problem(root: Path, entry_path: Path, target: str) -> tuple[str | None, str | None]:
    """Check a relative link from an entry to a file: (project path, None) or (None, what is wrong)."""
    value = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        return None, (f"`{target}` là đường dẫn tuyệt đối. Hãy đặt tệp cạnh tệp mục và ghi tên tệp, ví dụ `(ten-tep.pdf)`; "
                      "để dẫn tới trang web khác, ghi đủ địa chỉ bắt đầu bằng `https://`.")
    suffix = posixpath.splitext(value)[1].lower()
    if suffix == ".md":
        return None, (f"`{target}` dẫn tới tệp Markdown. Để dẫn tới một mục khác, hãy ghi đủ địa chỉ trang của mục đó "
                      "(bắt đầu bằng `https://`).")
    base = (root / ENTRIES_DIR).resolve()
    folder = entry_path.parent
    lexical = Path(posixpath.normpath((folder / value).as_posix()))
    if not lexical.is_relative_to(root / ENTRIES_DIR) and not lexical.is_relative_to(base):
        return None, (f"`{target}` trỏ ra ngoài thư mục `initiatives/`. Chỉ dẫn tới tệp đặt cạnh tệp mục "
                      "hoặc trong `initiatives/`.")
    types = _allowed_types()
    if suffix == ".svg":
        return None, (f"`{target}`: không nhận tệp .svg vì loại tệp này có thể chứa mã chạy được. "
                      f"Hãy lưu ảnh dưới dạng {', '.join(sorted(t for t in types if t != '.pdf'))}.")
    if suffix not in types:
        return None, (f"`{target}`: loại tệp `{suffix or '(không có đuôi)'}` không được nhận. "
                      f"Chỉ dẫn tới ảnh ({', '.join(sorted(t for t in types if t != '.pdf'))}) hoặc tệp .pdf.")
    try:
        resolved = (folder / value).resolve()
    except (OSError, RuntimeError):
        return None, f"không đọc được đường dẫn `{target}`."
    if not resolved.is_relative_to(base):
        return None, (f"`{target}` là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục `initiatives/`. "
                      "Hãy chép chính tệp đó vào cạnh tệp mục.")
    if not resolved.is_file():
        return None, (f"không tìm thấy tệp `{target}` cạnh tệp mục. Hãy kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) "
                      "và chắc chắn tệp đã được tải lên cùng mục.")
    size = resolved.stat().st_size
    limit = types[suffix]
    if size > limit:
        return None, (f"tệp `{target}` nặng {_megabytes(size)} MB, vượt giới hạn {_megabytes(limit)} MB cho tệp {suffix}. "
                      "Hãy thu nhỏ tệp trước khi tải lên.")
    return resolved.relative_to(root.resolve()).as_posix(), None


def publishable(root: Path, rel: str) -> bool:
    """Whether a project file may be copied into the site (the build asks even when checks were skipped)."""
    path = root / rel
    parts = rel.split("/")
    if len(parts) < 2 or parts[0] != ENTRIES_DIR:
        return False
    return local_file_problem(root, path.parent / "_", parts[-1])[1] is None


# --- what the validator reports -----------------------------------------------------------------
_EVENT = re.compile(r"^on", re.I)
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
              "srcset", "ping", "longdesc", "manifest", "codebase", "dynsrc", "lowsrc"}
_TAG_REASONS = {
    "script": "có thể chạy mã trên máy người xem",
    "iframe": "nhúng một trang khác vào trang",
    "frame": "nhúng một trang khác vào trang",
    "object": "nhúng nội dung chạy được",
    "embed": "nhúng nội dung chạy được",
    "applet": "nhúng nội dung chạy được",
    "style": "thay đổi giao diện của cả trang",
    "link": "tải tệp từ nơi khác",
    "meta": "thay đổi cách trình duyệt xử lý trang",
    "base": "đổi địa chỉ gốc của mọi liên kết",
    "form": "tạo biểu mẫu thu thập thông tin",
    "input": "tạo biểu mẫu thu thập thông tin",
    "button": "tạo biểu mẫu thu thập thông tin",
    "textarea": "tạo biểu mẫu thu thập thông tin",
    "select": "tạo biểu mẫu thu thập thông tin",
    "svg": "có thể chứa mã chạy được",
    "math": "có thể chứa mã chạy được",
}


def _tag_message(tag: str) -> str:
    reason = _TAG_REASONS.get(tag)
    why = f" vì {reason}" if reason else ""
    return (f"Thẻ HTML `<{tag}>` không được dùng trong nội dung{why}; khi dựng trang thẻ này bị xóa. "
            "Hãy viết bằng cú pháp Markdown thông thường (đoạn văn, `## tiêu đề`, `- danh sách`, `[chữ](địa chỉ)`).")


def _url_message(what: str, url: str, scheme: str) -> str:
    return (f"{what} `{_shown(url)}` dùng giao thức `{scheme}:` không được phép (chỉ nhận "
            f"{', '.join(f'`{s}:`' for s in sorted(LINK_SCHEMES))} hoặc tệp đặt cạnh tệp mục); khi dựng trang liên kết này bị xóa.")


def _line_finder(text: str):
    """offset → number of line breaks before it, by bisection (counting each time would be quadratic)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    return lambda offset: bisect.bisect_left(breaks, offset)


def _mask(text: str, pattern: re.Pattern) -> str:
    """Blank out matches, keeping newlines so positions still give the right line."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[^<>\s]*>|<[^<>!\s]+@[^@<>\s]+>")


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def _shown(value: str, limit: int = 80) -> str:
    """A value as it can be quoted in a one-line message."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
_TAG_OPEN = re.compile(r"<(/?)([a-zA-Z][^\s/>\x00]*)")
_SPACE = " \t\n\r\f"


def html_tags(text: str):
    """(offset, name, [(attribute, value, offset)]) of each tag, the way a browser tokenises them.

    Written by hand rather than with html.parser, whose handling of unterminated tags is quadratic:
    every character is looked at a bounded number of times, so any body is scanned in linear time.
    Like a browser, an unterminated tag or comment swallows the rest of the text. End tags come as
    ('/name', []).
    """
    n = len(text)
    i = 0
    while True:
        i = text.find("<", i)
        if i < 0:
            return
        if text.startswith("<!--", i):
            close = text.find("-->", i + 4)
            if close < 0:
                return
            i = close + 3
            continue
        m = _TAG_OPEN.match(text, i)
        if not m:
            if text.startswith(("<!", "<?"), i):  # doctype, bogus comment
                close = text.find(">", i)
                if close < 0:
                    return
                i = close + 1
            else:
                i += 1
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        j = m.end()
        attrs: list[tuple[str, str, int]] = []
        while True:
            while j < n and (text[j] in _SPACE or text[j] == "/"):
                j += 1
            if j >= n:
                return
            if text[j] == ">":
                j += 1
                break
            k = j + 1
            while k < n and text[k] not in _SPACE and text[k] not in "/>=":
                k += 1
            attr, at = text[j:k].lower(), j
            while k < n and text[k] in _SPACE:
                k += 1
            value = ""
            if k < n and text[k] == "=":
                k += 1
                while k < n and text[k] in _SPACE:
                    k += 1
                if k < n and text[k] in "\"'":
                    close = text.find(text[k], k + 1)
                    if close < 0:
                        return
                    value, k = text[k + 1: close], close + 1
                else:
                    start = k
                    while k < n and text[k] not in _SPACE and text[k] != ">":
                        k += 1
                    value = text[start:k]
            attrs.append((attr, html.unescape(value), at))
            j = k
        if closing:
            yield i, "/" + name, []
            i = j
            continue
        yield i, name, attrs
        i = j
        if name in _RAW_TEXT:  # its content is text up to the matching end tag
            close = re.compile(rf"</{re.escape(name)}[\s/>]", re.I).search(text, i)
            if close is None:
                return
            i = close.start()


def _scan_tags(text: str, report) -> None:
    """Report refused tags and attributes: `report(offset, message)`."""
    refused: list[str] = []  # open refused elements: what is inside goes with them, one report is enough
    for offset, tag, attrs in html_tags(text):
        if tag.startswith("/"):
            if tag[1:] in refused:
                while refused and refused.pop() != tag[1:]:
                    pass
            continue
        if refused:
            continue
        if tag not in ALLOWED_TAGS:
            report(offset, _tag_message(tag))
            if tag not in _VOID and tag not in _RAW_TEXT:
                refused.append(tag)
            continue
        allowed = (ALLOWED_ATTRIBUTES.get(tag, set()) | set(ALLOWED_VALUES.get(tag, {}))
                   | ({"class"} if tag in ALLOWED_CLASSES else set()))
        for name, value, at in attrs:
            if _EVENT.match(name):
                report(at, f"Thuộc tính `{name}` của thẻ `<{tag}>` chạy mã trên máy người xem; "
                           "không được dùng và bị xóa khi dựng trang.")
            elif name in _URL_ATTRS and _scheme(value) and _scheme(value) not in LINK_SCHEMES:
                report(at, _url_message(f"Thuộc tính `{name}` của thẻ `<{tag}>`:", value, _scheme(value) or ""))
            elif tag == "img" and name == "src" and _is_remote(value):
                report(at, f"Ảnh `{_shown(value)}` lấy từ trang web khác. Hãy tải ảnh lên cạnh tệp mục "
                           "và chèn bằng `![mô tả](ten-anh.jpg)`.")
            elif name in ("href", "src") and not _is_remote(value) and not value.startswith("#") and value.strip():
                report(at, f"Thẻ `<{tag}>` dẫn tới tệp `{_shown(value)}` sẽ không tìm thấy trên trang web. "
                           "Hãy dùng cú pháp Markdown `[chữ](ten-tep.pdf)` hoặc `![mô tả](ten-anh.jpg)`.")
            elif name == "style":
                report(at, f"Thuộc tính `style` của thẻ `<{tag}>` không được dùng (giao diện do trang quyết định); "
                           "bị xóa khi dựng trang.")
            elif name not in allowed:
                report(at, f"Thuộc tính `{name}` của thẻ `<{tag}>` không được dùng và bị xóa khi dựng trang.")


# Bounded repeats: a body of brackets must not make the scan quadratic.
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\n(?!\n)|\[[^\[\]\n]{0,300}\]){0,1000}\]\(\s*<?"
                          r"([^()\s>]*(?:\([^()\s]{0,300}\)[^()\s>]*){0,10})")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_ATTR_PAIR = re.compile(r"([\w:-]+)=(\"[^\"]*\"|'[^']*'|[^\s}]+)")


def _body_markup(src: Source, root: Path | None) -> list[tuple[int, str]]:
    """Raw HTML, link destinations and attribute lists of the body, with their lines."""
    found: list[tuple[int, str]] = []
    # Every scan below needs a character most bodies lack (` < [ {): those that cannot match are skipped,
    # which keeps checking a national catalogue fast (see bench/) without changing what is found.
    body = src.body
    if "`" in body:
        body = _mask(body, _CODE_SPAN)
    if "<" in body:
        body = _mask(body, _AUTOLINK)
    first = src.body_line

    line_at = None

    def at(offset: int) -> int:
        nonlocal line_at
        if line_at is None:  # made for the first finding: most bodies have none
            line_at = _line_finder(body)
        return first + line_at(offset)

    if "<" in body:
        _scan_tags(body, lambda offset, msg: found.append((at(offset), msg)))

    for m in _INLINE_LINK.finditer(body) if "[" in body else ():
        found += [(at(m.start()), msg) for msg in _destination(m.group(2), m.group(1) == "!", src, root)]
    for m in _REFERENCE.finditer(body) if "[" in body else ():
        url = m.group(1)
        msgs = _destination(url, False, src, root)
        if not msgs and not _is_remote(url) and not url.startswith("#"):
            msgs = [f"Liên kết kiểu tham chiếu `[…]: {url}` tới tệp trong kho không được chuyển địa chỉ khi dựng trang. "
                    f"Hãy viết trực tiếp `[chữ]({url})`."]
        found += [(at(m.start()), msg) for msg in msgs]
    for m in _ATTR_LIST.finditer(body) if "{" in body else ():
        for key, value in _ATTR_PAIR.findall(m.group(1)):
            value = value.strip("\"'")
            if _EVENT.match(key) or key.lower() == "style":
                found.append((at(m.start()), f"Thuộc tính `{key}` trong `{{: … }}` không được dùng và bị xóa khi dựng trang."))
            elif key.lower() == "id" and not _SAFE_ID.match(value):
                found.append((at(m.start()), f"Mã neo `id` trong `{{: … }}` chỉ gồm chữ, số và dấu gạch ngang; "
                                             f"`{_shown(value)}` bị bỏ."))
            elif _scheme(value) and _scheme(value) not in LINK_SCHEMES:
                found.append((at(m.start()), _url_message(f"Thuộc tính `{key}`:", value, _scheme(value) or "")))
    return found


def _destination(url: str, image: bool, src: Source, root: Path | None) -> list[str]:
    what = "Ảnh" if image else "Liên kết"
    scheme = _scheme(url)
    if not url or url.startswith("#"):
        return []
    if scheme and scheme not in LINK_SCHEMES and not re.fullmatch(r"[a-z]", scheme):
        return [_url_message(f"{what}", url, scheme)]
    if image and _is_remote(url) and not re.match(r"^[A-Za-z]:", url):
        return [f"Ảnh `{url}` lấy từ trang web khác; trang chỉ hiển thị ảnh có trong kho (không tải gì từ nơi khác). "
                "Hãy tải ảnh lên cạnh tệp mục và ghi `![mô tả](ten-anh.jpg)`."]
    if (_is_remote(url) and not re.match(r"^[A-Za-z]:", url)) or root is None:
        return []
    _, problem = local_file_problem(root, src.path, url)
    return [f"{what}: {problem}"] if problem else []


# --- personal data ------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE = re.compile(r"""
    (?<![\w.+=])
    (?:
        (?:\+|00)[ \t]?84[ \t.\-]?(?:\(0\)[ \t.\-]?)?\d{1,4}(?:[ \t.\-]?\d{1,4}){1,4}
      | \(?0\d{1,4}\)?(?:[ \t.\-]?\d{1,4}){1,4}
    )
    (?![\w])
    """, re.X)
_ID_NUMBER = re.compile(r"(?<![\w.,/:=#\-])(\d{12}|\d{9})(?![\w]|[.,/\-]\d)")
_ID_WORDS = re.compile(r"(?:CMND|CCCD|CMTND|căn cước|chứng minh(?: nhân dân)?|số định danh)[^\d\n]{0,25}(\d[\d .\-]{7,20}\d)", re.I)
# Nine digits with nothing but separators between them: every phone number (ten digits or more), ID number
# (9 or 12) and _ID_WORDS number has such a run, while most texts (dates, sums under 100 million) have none.
# Possessive `*+`: the separators are never digits, so giving some back cannot help; a quarter faster.
_NUMBER = re.compile(r"\d(?:[\s.\-()+]*+\d){8}")
# The words _ID_WORDS starts with, lower case. Its re.I also equates ı with i and ſ with s, and İ lowers to
# i + U+0307: the hint folds those the same way, so it never misses a text the regex would match.
_ID_HINTS = ("cmnd", "cccd", "cmtnd", "căn cước", "chứng minh", "số định danh")
_ID_HINT_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})
# How far before its number an _ID_WORDS match can start: its longest words, then up to 25 other characters.
_ID_WORDS_REACH = len("chứng minh nhân dân") + 25


def _may_name_id(text: str) -> bool:
    low = text.lower()
    if "ı" in low or "ſ" in low or "\u0307" in low:  # translate() is slow: only when it can change anything
        low = low.translate(_ID_HINT_FOLD)
    return any(hint in low for hint in _ID_HINTS)


_MONEY_AFTER = re.compile(r"[ \t]*(?:đồng|đ\b|vnđ|vnd|₫|triệu|tỷ|nghìn|ngàn)", re.I)  # used with .match(text, pos)


def _digits(text: str) -> str:
    d = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") or text.lstrip().startswith("00"):
        d = d[2:] if d.startswith("00") else d
        d = "0" + d[2:].lstrip("0") if d.startswith("84") else d
    return d


def _is_phone(found: str) -> bool:
    """Vietnamese numbers since 2017: mobile 0 + 9 digits, landline 0 + 2xx + 8 digits."""
    digits = _digits(found)
    if not digits.startswith("0") or digits.startswith("00") or len(digits) < 10:
        return False
    if digits[1] == "2":
        return len(digits) == 11
    if digits[1] in "35789":
        return len(digits) == 10
    return len(digits) in (10, 11)


def _phone_in(run: str) -> str | None:
    """The phone number a run of digit groups starts with ('0905 123 456 15' → '0905 123 456')."""
    for m in re.finditer(r"\d(?=\D|$)", run):
        if _is_phone(run[: m.end()]):
            return run[: m.end()]
    return None


_RUN_REST = re.compile(r"[\d\s.\-()+]*")


def _number_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the stretches of digits, spaces and `.-()+` that hold nine digits (a _NUMBER).

    Every phone and ID number found stands inside one: _PHONE and _ID_NUMBER match nothing but such characters,
    and a finding has nine digits or more. A match cannot span two stretches, so scanning each stretch on its
    own finds what a scan of the whole text finds; money amounts (`150.000.000 đồng`, common in reports) are then
    looked at, not every character of the body around them.
    """
    runs = []
    found = _NUMBER.search(text)
    while found:
        start = found.start()
        while start and (text[start - 1].isdecimal() or text[start - 1].isspace() or text[start - 1] in ".-()+"):
            start -= 1  # the same characters as \d and \s (Unicode) and the separators
        end = _RUN_REST.match(text, found.end()).end()
        runs.append((start, end))
        found = _NUMBER.search(text, end)
    return runs


def personal_data(text: str) -> list[tuple[int, str, str]]:
    """(character offset, kind, value) of each e-mail address, phone number or ID number in a text."""
    # Scans that cannot match are skipped (an address needs @, a phone or ID number nine digits or more, _ID_WORDS
    # one of its words): the same findings, fast enough for a national catalogue (see bench/).
    runs = _number_runs(text)
    has_number = bool(runs)
    if not has_number and "@" not in text:
        return []
    out: list[tuple[int, str, str]] = []
    taken = bytearray(len(text))  # characters already part of a finding (a list of ranges would be quadratic)

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)
    for m in _EMAIL.finditer(text) if "@" in text else ():
        out.append((m.start(), "email", m.group(0)))
        take(m.start(), m.end())
    if not has_number:
        return sorted(out)
    # The number of an _ID_WORDS finding is a stretch's, so its words stand just before one: only there are they
    # looked for, not in the whole (lower-cased) text.
    may_name_id = any(_may_name_id(text[max(0, start - _ID_WORDS_REACH): end]) for start, end in runs)
    for m in _ID_WORDS.finditer(text) if may_name_id else ():
        if len(re.sub(r"\D", "", m.group(1))) in (9, 12):
            out.append((m.start(1), "id", m.group(1).strip()))
            take(m.start(1), m.end(1))
    # Each stretch is scanned with two characters after it in view: the most any lookahead reads past a match.
    for start, end in runs:
        for m in _PHONE.finditer(text, start, end + 2):
            if taken[m.start()]:
                continue
            value = _phone_in(m.group(0).strip())
            if value:
                out.append((m.start(), "phone", value))
                take(m.start(), m.start() + len(value))
    for start, end in runs:
        for m in _ID_NUMBER.finditer(text, start, end + 2):
            if taken[m.start()] or _MONEY_AFTER.match(text, m.end()):
                continue
            out.append((m.start(), "id", m.group(1)))
    return sorted(out)


def _contact_key(kind: str, value: str) -> str:
    return value.strip().lower() if kind == "email" else _digits(value)


_KIND_WORDS = {"email": "địa chỉ thư điện tử", "phone": "số điện thoại", "id": "số giấy tờ tùy thân (CMND/CCCD)"}


def _personal_message(kind: str, value: str) -> str:
    if kind == "id":
        return (f"Nội dung có dãy số `{value}` giống {_KIND_WORDS[kind]}. Không đăng số giấy tờ của công dân; "
                "hãy xóa dãy số này (nếu là số tiền, hãy viết có dấu chấm, ví dụ `150.000.000 đồng`).")
    return (f"Nội dung có {_KIND_WORDS[kind]} `{value}`. Không đăng thông tin liên lạc cá nhân. Nếu đây là "
            f"{_KIND_WORDS[kind]} công khai của cơ quan, tổ chức, hãy ghi đúng giá trị này vào trường `public_contacts`.")


def _text_values(value, out: list[str]) -> list[str]:
    """The strings `_strings` yields, in the same order, without their paths."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _text_values(v, out)
    elif isinstance(value, list):
        for v in value:
            _text_values(v, out)
    return out


def _strings(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}.{i}" if path else str(i))


# --- invisible and direction-changing characters ----------------------------------------------
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_TRICKS = re.compile("[" + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]")


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


# --- look-alike letters -------------------------------------------------------------------------
# Letters of other scripts that look like Latin ones, as they turn up in copied text and in spoofing.
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "һ": "h", "ո": "n", "ս": "u", "ց": "g",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "﹣": "-", "－": "-",
})


def lookalikes(value: str) -> tuple[str, list[str]]:
    """`value` with look-alike letters replaced by the Latin ones, and a description of each replaced letter."""
    folded = unicodedata.normalize("NFKC", value).translate(_CONFUSABLES)
    odd = []
    for ch in dict.fromkeys(value):
        if ch.isascii():
            continue
        if unicodedata.normalize("NFKC", ch).translate(_CONFUSABLES).isascii():
            odd.append(f"`{ch}` ({_char_name(ch)})")
    return folded, odd


def lookalike_hint(value: str, known: set[str]) -> str | None:
    """A message when a code only fails because some letters merely look Latin, e.g. Cyrillic `о` in `ea-pо`."""
    folded, odd = lookalikes(value)
    if folded != value and folded in known and odd:
        return (f"`{value}` có chữ trông giống chữ Latinh nhưng là ký tự khác: {', '.join(odd)} "
                f"(thường do chép từ văn bản khác). Có phải ý bạn là `{folded}`? Hãy gõ lại mã bằng bàn phím.")
    return None


# --- the checks -------------------------------------------------------------------------------
def _path_problems(src: Source) -> list[Problem]:
    """Folders and file names in plain ASCII: they become addresses, and look-alikes would spoof one."""
    if src.rel.isascii() and src.rel.isprintable():  # the usual case, decided without a loop in Python
        return []
    bad = [ch for ch in src.rel if not ch.isascii() or not ch.isprintable()]
    if not bad:
        return []
    names = ", ".join(dict.fromkeys(_char_name(ch) if not ch.isprintable() or ch in BIDI_CONTROLS | INVISIBLE
                                    else f"`{ch}`" for ch in bad))
    return [Problem(src.rel, 0, f"Đường dẫn tệp `{src.rel}` có ký tự không được dùng ({names}); tên thư mục và tên tệp "
                    "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")]


def _character_problems(src: Source) -> list[Problem]:
    problems = []
    if not _TRICKS.search(src.text):  # one scan of the whole file; lines are looked at only when needed
        return problems
    for number, text in enumerate(src.text.split("\n"), start=1):
        chars = list(dict.fromkeys(_TRICKS.findall(text)))
        if not chars:
            continue
        bidi = any(ch in BIDI_CONTROLS for ch in chars)
        kind = "ký tự đổi chiều chữ" if bidi else "ký tự vô hình"
        why = ("có thể làm chữ hiển thị khác với nội dung thật" if bidi
               else "không nhìn thấy được nhưng làm sai việc tra cứu và so khớp")
        column = min(text.index(ch) for ch in chars) + 1
        problems.append(Problem(src.rel, number,
                                f"Dòng này có {kind} ({', '.join(_char_name(ch) for ch in chars)}) ở cột {column}, {why}. "
                                "Hãy xóa ký tự đó (thường do chép từ trang web hoặc tin nhắn) rồi gõ lại đoạn chữ."))
    return problems


def _personal_problems(src: Source, entry: Entry) -> list[Problem]:
    public = set()
    for contact in entry.public_contacts:
        for _, kind, value in personal_data(contact) or [(0, "email" if "@" in contact else "phone", contact)]:
            public.add(_contact_key(kind, value))
    problems = []
    # The values come from the front matter's text: with no @, no nine-digit number and no escape (`\x40`)
    # in that text, no value holds an address or a number, and the usual entry is done without listing them.
    head = src.text[: len(src.text) - len(src.body)]
    values = _text_values(src.data or {}, []) if not head or "@" in head or "\\" in head or _NUMBER.search(head) else []
    # One look at all the values together (joined by a character no finding can span) spares scanning them
    # one by one in the usual entry, which has neither an @ nor a long number in its front matter.
    joined = "\x00".join(values)
    strings = list(_strings(src.data or {}, "")) if "@" in joined or _NUMBER.search(joined) else []
    for path, value in strings:
        if path.split(".")[0] == "public_contacts":
            continue
        for _, kind, found in personal_data(value):
            if _contact_key(kind, found) not in public:
                problems.append(Problem(src.rel, src.line_of(path), _personal_message(kind, found), field=path))
    in_body = personal_data(src.body)
    line_at = _line_finder(src.body) if in_body else None
    for offset, kind, found in in_body:
        if _contact_key(kind, found) not in public:
            problems.append(Problem(src.rel, src.body_line + line_at(offset), _personal_message(kind, found)))
    return problems


MAX_REPORTS = 100  # per kind and file: a body of ten thousand bad tags needs one message, not ten thousand


def _capped(src: Source, problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_REPORTS:
        return problems
    rest = len(problems) - MAX_REPORTS
    return problems[:MAX_REPORTS] + [Problem(src.rel, problems[MAX_REPORTS].line,
                                             f"Còn {rest} chỗ tương tự ở các dòng sau; sửa các chỗ trên rồi chạy lại kiểm tra.")]


def check_safety(src: Source, entry: Entry, root: Path | None = None) -> list[Problem]:
    """Everything in an entry that the site must not publish, each at its line."""
    problems = _path_problems(src) + _capped(src, _character_problems(src)) + _capped(src, _personal_problems(src, entry))
    problems += _capped(src, [Problem(src.rel, line, message) for line, message in _body_markup(src, root)])
    return problems
