"""How many bytes a visitor's browser downloads for a first search: the search scripts and index files.

Measured, not estimated: the real "Tra cứu" page of a built site is opened with `?q=<query>` in headless
Chromium, and every file it fetches for the search (its three scripts, the index shards, the facets, the
result documents) is counted once at the size a server sends it compressed: gzip level 6, what web
servers commonly use, since the local test server does not compress.

    python bench/search_bytes.py site "dak wil"
    python bench/search_bytes.py --typing site "may say ca phe"   # extra bytes per keystroke

Typing a title letter by letter (results come as one types), every keystroke is counted by the files it
fetched that no keystroke before had fetched: what the phone downloads more for that letter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from generator.common import urls
from served import site_in_chromium, transfer_size

SCRIPTS = ("assets/search.js", "assets/search-engine.js", "assets/search-start.js")


def kind_of(rel: str) -> str:
    """What a fetched search file is: script, shard (k/), completions (c/), documents (d/) or facets."""
    if rel in SCRIPTS:
        return "script"
    inside = rel[len(urls.SEARCH_INDEX):]
    return {"k": "shard", "d": "documents", "c": "completions", "f": "facets"}.get(inside.split("/", 1)[0],
                                                                                inside.rsplit(".", 1)[0])


def _is_search_file(rel: str) -> bool:
    return rel in SCRIPTS or rel.startswith(urls.SEARCH_INDEX)


PHONE = {"width": 390, "height": 844}  # the citizen's phone: the filter box folded, no counts per value
WIDE = {"width": 1280, "height": 800}  # a desktop: the filter box open, counts per value from the start


def fetched_search_files(site_dir: str | Path, query: str, timeout_ms: int = 60_000, viewport: dict = PHONE) -> list[str]:
    """Site paths of the search files the search page fetches until its first results are on screen."""
    seen: list[str] = []

    def record(request) -> None:
        rel = unquote(urlsplit(request.url).path).lstrip("/")
        if _is_search_file(rel) and rel not in seen:
            seen.append(rel)

    with site_in_chromium(site_dir) as (base, browser):
        page = browser.new_page(viewport=viewport)
        page.on("request", record)
        page.goto(f"{base}{urls.SEARCH}?q={quote(query)}", wait_until="load", timeout=timeout_ms)
        page.wait_for_function(
            "() => { const r = document.getElementById('dkst-find');"
            " return r && !r.hasAttribute('aria-busy') && r.querySelector('.dkst-find__status').textContent; }",
            timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
    return seen


def first_search_bytes(site_dir: str | Path, query: str, viewport: dict = PHONE) -> dict:
    """Bytes the browser downloads for the first search of `query`, on a phone unless `viewport` says otherwise.

    Returns {'query', 'files', 'bytes' (as sent, compressed), 'raw_bytes' (as stored in the site),
    'by_kind': {kind: {'files', 'bytes'}}}, kind being script, shard, documents or facets.
    """
    site = Path(site_dir)
    by_kind: dict[str, dict[str, int]] = {}
    total = raw = 0
    files = fetched_search_files(site_dir, query, viewport=viewport)
    for rel in files:
        data = (site / rel).read_bytes()
        size = transfer_size(data)
        total += size
        raw += len(data)
        k = by_kind.setdefault(kind_of(rel), {"files": 0, "bytes": 0})
        k["files"] += 1
        k["bytes"] += size
    return {"query": query, "files": len(files), "bytes": total, "raw_bytes": raw,
            "by_kind": dict(sorted(by_kind.items()))}


def keystroke_bytes(site_dir: str | Path, text: str, timeout_ms: int = 60_000) -> list[int]:
    """Compressed bytes of the search files first fetched after each letter of `text`, typed one by one on
    an open search page (its scripts, facets and first results already loaded), each letter waited for."""
    site = Path(site_dir)
    seen: set[str] = set()
    fresh: list[str] = []

    def record(request) -> None:
        rel = unquote(urlsplit(request.url).path).lstrip("/")
        if _is_search_file(rel) and rel not in seen:
            seen.add(rel)
            fresh.append(rel)

    out = []
    with site_in_chromium(site_dir) as (base, browser):
        page = browser.new_page()
        page.on("request", record)
        page.goto(f"{base}{urls.SEARCH}", wait_until="load", timeout=timeout_ms)
        page.wait_for_function("() => !document.getElementById('dkst-find').hasAttribute('aria-busy')", timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        box = page.locator("#dkst-find-q")
        for n, letter in enumerate(text, 1):
            fresh.clear()
            box.press_sequentially(letter)
            typed = text[:n].strip()
            if len(typed) == 1:  # a lone first letter starts no search (assets/search.js)
                page.wait_for_timeout(400)
            elif typed:
                page.wait_for_function(
                    "q => { const r = document.getElementById('dkst-find'); return !r.hasAttribute('aria-busy')"
                    " && r.querySelector('.dkst-find__status').textContent.includes(`“${q}”`); }",
                    arg=typed, timeout=timeout_ms)
                page.wait_for_load_state("networkidle", timeout=timeout_ms)
            out.append(sum(transfer_size((site / rel).read_bytes()) for rel in fresh))
    return out


def main(argv: list[str]) -> int:
    typing = argv[:1] == ["--typing"]
    argv = argv[1:] if typing else argv
    if len(argv) != 2:
        print("usage: python bench/search_bytes.py [--typing] SITE_DIR QUERY", file=sys.stderr)
        return 2
    if typing:
        sizes = keystroke_bytes(argv[0], argv[1])
        print(json.dumps({"query": argv[1], "per_keystroke": sizes,
                          "median": sorted(sizes)[len(sizes) // 2], "max": max(sizes)}, ensure_ascii=False))
        return 0
    print(json.dumps(first_search_bytes(argv[0], argv[1]), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
