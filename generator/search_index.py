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
from html.parser import HTMLParser
from pathlib import Path

from .text import fold, nfc, tone_variants

OUTPUT_SUBDIR = "pagefind"
LANGUAGE = "vi"
BODY_MARK = "data-pagefind-body"
ALIAS_FIELD = "aliases"  # Pagefind metadata is searchable; it never shows in excerpts

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_SKIPPED = {"script", "style", "template"}


class SearchIndexError(RuntimeError):
    pass


def typed_spellings(text: str) -> list[str]:
    """Spellings of the words of `text` that a search should also find it under, lower case, sorted.

    Words with đ as typed without it ('Đắk' → 'dak'), and the other tone placement of oa/oe/uy words
    ('hoà' → 'hòa', 'hòa' → 'hoà'). Spellings the text already contains are left out.
    """
    words = {w.lower() for w in re.findall(r"\w+", nfc(text))}
    extra = {fold(w) for w in words if "đ" in w}
    extra |= {v.lower() for v in tone_variants(" ".join(sorted(words)))}
    return sorted(extra - words)


class _IndexedText(HTMLParser):
    """Collects the text Pagefind indexes: inside data-pagefind-body, outside data-pagefind-ignore."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside body, ignored)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        names = {name for name, _ in attrs}
        inside, ignored = self.stack[-1][1:] if self.stack else (False, False)
        inside = inside or BODY_MARK in names
        ignored = ignored or "data-pagefind-ignore" in names or tag in _SKIPPED
        self.stack.append((tag, inside, ignored))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.parts.append(data)


def indexed_text(page_html: str) -> str:
    """The text of a page that Pagefind indexes (empty when the page has no data-pagefind-body)."""
    start = page_html.find(BODY_MARK)
    if start < 0:
        return ""
    parser = _IndexedText()
    # Everything before the first indexed element (head, header, navigation) cannot be indexed text.
    parser.feed(page_html[page_html.rfind("<", 0, start):])
    parser.close()
    return " ".join(parser.parts)


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
