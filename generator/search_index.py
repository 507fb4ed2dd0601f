"""Build the Pagefind search index of a built site (the pagefind wheel ships its binary: nothing is downloaded).

Pagefind folds tone marks but not the stroke of đ, and treats the two tone placements of oa/oe/uy
('hoà'/'hòa') as different spellings. So the indexer reads a copy of every indexed page with one more
hidden metadata field listing the spellings people type that the page's text does not contain:
its words with đ written with d, and the other tone placement. The pages people are served stay as built.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .text import fold, nfc, tone_variants

OUTPUT_SUBDIR = "pagefind"
LANGUAGE = "vi"
BODY_MARK = "data-pagefind-body"
ALIAS_FIELD = "aliases"  # Pagefind metadata is searchable; it never shows in excerpts

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class SearchIndexError(RuntimeError):
    pass


def typed_spellings(text: str) -> list[str]:
    """Spellings of the words of `text` that a search should also find it under, lower case, sorted.

    Words with đ as typed without it ('Đắk' → 'dak'), and the other tone placement of oa/oe/uy words
    ('hoà' → 'hòa', 'hòa' → 'hoà'). Spellings the text already contains are left out.
    """
    words = set(re.findall(r"\w+", nfc(text).lower()))
    extra: set[str] = set()
    for word in words:
        extra.update(_spellings_of(word))
    return sorted(extra - words)


@lru_cache(maxsize=200_000)
def _spellings_of(word: str) -> tuple[str, ...]:
    # A catalogue repeats its vocabulary from page to page: each word is worked out once per build.
    out = [fold(word)] if "đ" in word else []
    return tuple(out + [v.lower() for v in tone_variants(word)])


# The indexed text is cut out of the page with a few patterns rather than a full HTML parser: the pages
# are our own templates' output, and a parser took most of the indexing time of a large catalogue.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a tag's attributes, with '>' allowed inside quotes
_START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*){_TAG_BODY}>")
_ANY_TAG = re.compile(rf"<!--.*?-->|<[/!?]?[a-zA-Z]{_TAG_BODY}>", re.S)
_UNREAD = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_CLOSERS: dict[str, re.Pattern] = {}


def _element_at(page: str, mark: int) -> tuple[int, int, int, int] | None:
    """For an attribute found at `mark`: where its element starts, its content starts and ends, the element ends."""
    start = page.rfind("<", 0, mark)
    tag = _START_TAG.match(page, start) if start >= 0 else None
    if tag is None or tag.end() <= mark:
        return None  # the text appears in content, not inside a tag
    name = tag.group(1).lower()
    if name in _VOID or tag.group(0).endswith("/>"):
        return start, tag.end(), tag.end(), tag.end()
    closer = _CLOSERS.get(name)
    if closer is None:
        closer = _CLOSERS[name] = re.compile(rf"<(/?){name}\b{_TAG_BODY}>", re.I)
    depth = 1
    for m in closer.finditer(page, tag.end()):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return start, tag.end(), m.start(), m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return start, tag.end(), len(page), len(page)


def _elements_marked(page: str, attribute: str):
    """(start, content start, content end, end) of each outermost element carrying `attribute`."""
    pos = 0
    while (mark := page.find(attribute, pos)) >= 0:
        found = _element_at(page, mark)
        if found is None:
            pos = mark + len(attribute)
            continue
        yield found
        pos = max(found[3], mark + len(attribute))


def _text(fragment: str) -> str:
    fragment = _UNREAD.sub(" ", fragment)
    while (cut := next(_elements_marked(fragment, "data-pagefind-ignore"), None)) is not None:
        fragment = fragment[:cut[0]] + " " + fragment[cut[3]:]
    return html.unescape(_ANY_TAG.sub(" ", fragment))


def indexed_text(page_html: str) -> str:
    """The text of a page that Pagefind indexes: inside data-pagefind-body, outside data-pagefind-ignore,
    scripts and styles (empty when the page has no data-pagefind-body)."""
    return " ".join(_text(page_html[inner:end]) for _, inner, end, _ in _elements_marked(page_html, BODY_MARK))


def with_spellings(page_html: str) -> str:
    """The page as the indexer reads it: the hidden alias field added before </body>."""
    spellings = typed_spellings(indexed_text(page_html))
    if not spellings:
        return page_html
    field = f'<span hidden data-pagefind-meta="{ALIAS_FIELD}">{html.escape(" ".join(spellings))}</span>'
    cut = page_html.rfind("</body>")
    if cut < 0:
        return page_html + field
    return page_html[:cut] + field + page_html[cut:]


def prepare(site_dir: Path, work_dir: Path) -> int:
    """Copy the indexed pages of `site_dir` into `work_dir` with their spellings; return how many."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == OUTPUT_SUBDIR:
            continue
        text = path.read_text(encoding="utf-8")
        if BODY_MARK not in text:
            continue
        target = work_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_spellings(text), encoding="utf-8")
        count += 1
    return count


def run(site_dir: str) -> None:
    """Index the built site in `site_dir` into `site_dir/pagefind/`; raise SearchIndexError when it fails."""
    site = Path(site_dir)
    output = site / OUTPUT_SUBDIR
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix="dkst-index-") as work:
        pages = prepare(site, Path(work))
        if pages == 0:
            raise SearchIndexError("không có trang nào để lập chỉ mục (không trang nào có data-pagefind-body)")
        cmd = [sys.executable, "-m", "pagefind", "--site", work, "--output-path", str(output),
               "--force-language", LANGUAGE, "--quiet"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as err:
            raise SearchIndexError(f"không chạy được Pagefind: {err}") from err
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip() or f"Pagefind kết thúc với mã {proc.returncode}"
        raise SearchIndexError(detail)
    check_output(output, pages)


def check_output(output: Path, pages: int) -> None:
    """The bundle exists and holds every page given to the indexer."""
    entry = output / "pagefind-entry.json"
    if not (output / "pagefind.js").is_file() or not entry.is_file():
        raise SearchIndexError(f"Pagefind không tạo ra {output}/pagefind.js và pagefind-entry.json")
    indexed = sum(lang.get("page_count", 0) for lang in json.loads(entry.read_text(encoding="utf-8"))["languages"].values())
    if indexed != pages:
        raise SearchIndexError(f"Pagefind chỉ lập chỉ mục {indexed} trong {pages} trang")
