"""Counting the sample catalogue the long way, without the generator: the yardstick for the statistics tests.

Entry files are read with python-frontmatter and the taxonomy with PyYAML directly, so a mistake in
the reader, the catalogue or the counting functions cannot hide in both sides of a comparison.
Also a small HTML table reader for the built pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import yaml


@dataclass
class Sample:
    taxonomy: dict
    entries: list[dict]  # front matter + "slug"

    def unit(self, slug: str) -> dict:
        return next(u for u in self.taxonomy["units"] if u["slug"] == slug)

    def group(self, slug: str) -> str:
        """The unit an entry's figures end up under: follow `merged_into` to the end."""
        while self.unit(slug).get("merged_into"):
            slug = self.unit(slug)["merged_into"]
        return slug

    def members(self, slug: str) -> set[str]:
        """The unit and every unit merged into it, directly or not."""
        out = set()
        for u in self.taxonomy["units"]:
            s = u["slug"]
            while s != slug and self.unit(s).get("merged_into"):
                s = self.unit(s)["merged_into"]
            if s == slug:
                out.add(u["slug"])
        return out

    def status(self, e: dict) -> str:
        return e.get("status") or next(s["slug"] for s in self.taxonomy["statuses"] if s.get("default"))

    def select(self, year: int | None = None, unit: str | None = None) -> list[dict]:
        members = self.members(unit) if unit else None
        return [e for e in self.entries if (year is None or e["year"] == year) and (members is None or e["unit"] in members)]

    def count(self, key, year: int | None = None, unit: str | None = None) -> Counter:
        return Counter(key(e) for e in self.select(year, unit))

    def awards(self, year: int | None = None, unit: str | None = None) -> Counter:
        """Commendations per level; with a year, those awarded in that year (to entries of any year)."""
        return Counter(rec["level"] for e in self.select(None, unit) for rec in e.get("recognition", [])
                       if year is None or rec["year"] == year)

    def benefits(self, year: int | None = None, unit: str | None = None) -> dict[str, tuple[int, int]]:
        out = {}
        for b in self.taxonomy["benefits"]:
            values = [e["benefits"][b["key"]] for e in self.select(year, unit) if b["key"] in e.get("benefits", {})]
            out[b["key"]] = (sum(values), len(values))
        return out


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def load(root: Path) -> Sample:
    taxonomy = _nfc(yaml.safe_load((root / "taxonomy.yml").read_text(encoding="utf-8")))
    entries = []
    for path in sorted((root / "initiatives").glob("*/*.md")):
        post = frontmatter.load(path)
        entries.append({**_nfc(post.metadata), "slug": path.stem})
    return Sample(taxonomy, entries)


def number(text: str) -> int:
    """'12.802' → 12802."""
    return int(text.replace(".", ""))


# --- reading tables out of the built HTML ----------------------------------------------------------
@dataclass
class Table:
    rows: list[tuple[str, bool, list[str]]] = field(default_factory=list)  # (data-key, part?, cell texts)
    foot: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)

    def by_key(self) -> dict[str, list[str]]:
        return {key: cells for key, _, cells in self.rows}


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, Table] = {}
        self.current: Table | None = None
        self.section = ""
        self.row: list[str] | None = None
        self.row_key = ""
        self.row_part = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-table" in a:
            self.current = self.tables.setdefault(a["data-table"], Table())
        elif self.current is None:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.row, self.row_key = [], a.get("data-key", "")
            self.row_part = "dkst-table__part" in (a.get("class") or "")
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.section == "thead":
                self.current.head = self.row
            elif self.section == "tfoot":
                self.current.foot = self.row
            elif self.row_key:
                self.current.rows.append((self.row_key, self.row_part, self.row))
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(html: str) -> dict[str, Table]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables
