"""The site search index: folded syllables → documents, read by the browser a few small files at a time.

Vietnamese is written in syllables separated by spaces, and citizens type them without diacritics. Every
text is folded (lower case, tone and letter marks removed, đ → d) and cut into syllables; the index maps each
syllable, and each pair of neighbouring syllables in a title, summary or name ("ca phe", "dak wil"), to the
documents holding it with the weight of the place it was found. Keys are spread over shard files by CRC-32,
which assets/search-engine.js computes the same way, so a query of three words fetches about five files of a
few kilobytes, whatever the size of the catalogue; a general-purpose index (Pagefind, tried first) matches
typed syllables as prefixes and made a phone fetch a megabyte for "ca phe" at 10,000 entries.

Output, under urls.SEARCH_INDEX:
  k/<n>.json  shard n: {key: "<document id × 10 + weight, delta-coded, comma separated>"}; a posting in a
              title ends in ":" and the title's length in syllables ("803:7"): the ranking needs a title's
              length only where the query meets that title, and it comes with that posting
  d/<n>.json  documents n*BLOCK …: [url, title, summary, facts] each, what a result shows
  c/<n>.json  completions, shard n: {stem: …} for the syllable being typed (see _completions)
  f/<key>.json per entry document, its value of facet `key` (an index into the search page's options), or -1:
              fetched only to filter by that facet or to count results per value (the filter box open). One
              file for every facet grew with the catalogue (85 KB of a 148 KB first search at 30,000 entries).
Document ids follow the catalogue's order (newest first), hand-written pages after the entries.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Iterable
from itertools import repeat
from operator import sub
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import frontmatter

from generator.common import urls
from generator.pages.pages import Asset
from generator.common.text import nfc

# Documents per d/ file: a first page of ten results fetches at most ten small files, each with three entries it
# does not show (with eight a file, 13.5 KB of a first search at 100,000 entries; with four, 7.9 KB).
BLOCK = 4
SHARD_POSTINGS = 4096  # about this many (key, document) pairs per shard: ~5 KB compressed (a keystroke's cost)
# The cap only keeps a runaway catalogue's file count in bounds: at 4,096 shards, a 100,000-entry catalogue's
# shards held 22 KB each, and a third of a first search's shard bytes were other keys' postings.
MIN_SHARDS, MAX_SHARDS = 8, 16384

# Weights of the places a syllable is found (one digit); a document keeps the heaviest place of each key.
TITLE, NAME, SUMMARY, CONTEXT, BODY = 8, 6, 4, 2, 1
PAIRS_FROM = SUMMARY  # neighbouring pairs are indexed from summaries, names and titles only
COMMON_SHARE = 0.5  # a syllable in more than this share of entries' bodies is common (see build)…
COMMON_FROM = 500  # …in a catalogue this large; in a smaller one, content words could pass that share
STEM_LETTERS = 4  # a syllable being typed is completed from its first 1…4 letters (longer: filtered in the browser)
STEM_KEEP = 8  # completions kept per stem of a single syllable, the most frequent first
PAIR_KEEP = 48  # second syllables kept per "first syllable + first letter" stem
COMPLETION_BYTES = 12_000  # about this many bytes of completions per c/ shard (~4 KB compressed)

# A folded Vietnamese syllable: onset, vowels, final consonant; or a number. Body text also holds stray
# letters and fragments ("b", "c", "n" of abbreviations, pieces of codes) that are no word anyone types.
_VIETNAMESE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
                         r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_NUMBER = re.compile(r"[0-9]+")


@lru_cache(maxsize=1 << 18)  # a catalogue's bodies hold tens of thousands of distinct words, asked millions of times
def is_syllable(word: str) -> bool:
    """A folded Vietnamese syllable or a number: what may be indexed from a body."""
    return bool(_VIETNAMESE.fullmatch(word) or _NUMBER.fullmatch(word))


def _fold_table() -> list[str]:
    """Per code point below U+10000, what assets/search-engine.js makes of it: lower case, decomposed, marks
    U+0300–U+036F dropped, đ → d, and anything but a–z and 0–9 a space. One str.translate over a whole body
    then leaves only syllables and spaces: far cheaper than a regular expression over the text."""
    table = []
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            table.append(" ")
            continue
        folded = _MARKS.sub("", unicodedata.normalize("NFD", chr(cp).lower().replace("đ", "d")))
        table.append(_NOT_SYLLABLE.sub(" ", folded))
    return table


_MARKS = re.compile("[\u0300-\u036f]")
_NOT_SYLLABLE = re.compile("[^a-z0-9]")
_FOLD = _fold_table()
_SYLLABLE = re.compile(r"[a-z0-9]+")


def syllables(text: str) -> list[str]:
    """The folded syllables of `text` as the browser finds them: 'Máy sấy cà-phê Đắk Wil' → may say ca phe dak wil."""
    folded = text.translate(_FOLD)
    if folded.isascii():
        return folded.split()
    return _SYLLABLE.findall(folded.lower())  # characters past U+FFFF (emoji) were left in: they part words too


def shard_of(key: str, shards: int) -> int:
    """The shard file of a key: CRC-32 of its UTF-8 bytes (zlib's, in C: the index has ~10^5 keys per 10^4
    entries), computed alike in assets/search-engine.js."""
    return zlib.crc32(key.encode("utf-8")) % shards


@dataclass(frozen=True)
class Doc:
    """One searchable page: where it is, what a result shows, and the texts read with their weights."""

    url: str
    title: str
    summary: str
    facts: str  # "Sáng kiến · Xã Đắk Wil · 2024" under a result; empty for hand-written pages
    fields: tuple[tuple[int, str], ...]
    facets: dict[str, str] | None = None  # facet key → value, for entries


@dataclass(frozen=True)
class Index:
    assets: list[Asset]
    shards: int
    docs: int
    entries: int
    version: str  # digest of every file: the browser asks for ?v=<version>, so no stale piece mixes in
    common: list[str]  # syllables in most bodies: indexed outside bodies only, optional in a query
    facets: list[str]  # the keys of the f/ files

    completion_shards: int = 0

    def config(self) -> dict:
        return {"shards": self.shards, "docs": self.docs, "entries": self.entries, "block": BLOCK,
                "v": self.version, "common": self.common, "cshards": self.completion_shards, "facets": self.facets}


def _keys(doc: Doc) -> tuple[dict[str, int], set[str]]:
    """A document's keys found outside its body, with the heaviest weight each is found with, and the
    syllables found in its body only."""
    found: dict[str, int] = {}
    body: set[str] = set()
    for weight, text in sorted(doc.fields, key=lambda f: -f[0]):
        if weight == BODY:
            body.update(filter(is_syllable, set(syllables(text))))  # each distinct word asked once
            continue
        new = set(syllables(text)).difference(found)
        if weight >= PAIRS_FROM:
            # pairs never cross a "·" between two names: "Nguyễn Văn An · Trần Thị Bình" has no "an tran"
            for part in text.split("·"):
                words = syllables(part)
                new.update(set(map(" ".join, zip(words, words[1:]))).difference(found))
        found.update(dict.fromkeys(new, weight))
    return found, body.difference(found)


def _shard_count(postings: int, per_shard: int = SHARD_POSTINGS) -> int:
    n = MIN_SHARDS
    while n < MAX_SHARDS and n * per_shard < postings:
        n *= 2
    return n


def _completions(packed: dict[str, str], df: dict[str, int]) -> tuple[int, list[dict]]:
    """The completion shards: what a syllable still being typed may become, bounded per stem.

    - a single syllable's stem, its first 1…STEM_LETTERS letters ("p", "ph", "phe"): the STEM_KEEP most
      frequent indexed syllables starting so, as a list; the browser then reads their postings in k/;
    - after a first syllable, "ca p": {second syllable: postings} of every pair "ca p…" (the PAIR_KEEP most
      frequent), postings included, so typing "ca ph" costs this one file whatever the catalogue's size.
    Stems are spread by CRC-32 of "stem" like keys.
    """
    singles: defaultdict[str, list[str]] = defaultdict(list)
    pairs: defaultdict[str, list[str]] = defaultdict(list)
    for key in sorted(df, key=lambda k: (-df[k], k)):
        if " " in key:
            first, second = key.split(" ")
            pairs[f"{first} {second[0]}"].append(key)
            continue
        for n in range(1, min(len(key), STEM_LETTERS) + 1):
            if len(singles[key[:n]]) < STEM_KEEP:
                singles[key[:n]].append(key)
    stems: dict[str, object] = {stem: keys for stem, keys in singles.items()}
    for stem, keys in pairs.items():
        stems[stem] = {k.split(" ")[1]: packed[k] for k in keys[:PAIR_KEEP]}
    size = sum(len(k) + len(json.dumps(v, ensure_ascii=False)) for k, v in stems.items())
    count = _shard_count(size, COMPLETION_BYTES)
    shards: list[dict] = [{} for _ in range(count)]
    for stem, value in stems.items():
        shards[shard_of(stem, count)][stem] = value
    return count, shards


def pack(codes: array, titled: Iterable[int], lengths: list[str]) -> str:
    """A key's postings as the browser reads them (see the module's docstring). `titled`: the documents holding
    the key in their title; `lengths`: per document, ":" and its title's length in syllables.

    A file of every title's length, which every search fetched, was 56 KB of a 144 KB first search at 100,000
    entries, growing with the catalogue; the lengths of the titles a query meets add a few hundred bytes.
    """
    # ids rise, so each code exceeds the one before (by 10 × the id step, ± a weight below 10)
    parts = map(str, [codes[0], *map(sub, codes[1:], codes)])
    if not titled:
        return ",".join(parts)
    parts = list(parts)
    for doc in titled:  # a document is in a key's postings once: its posting is the first code from doc × 10
        parts[bisect_left(codes, doc * 10)] += lengths[doc]
    return ",".join(parts)


def _json(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if "\u2028" in text or "\u2029" in text:  # valid JSON, but a line end to older JavaScript and to editors
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8")


def _codes() -> array:
    return array("q")


def build(docs: Iterable[Doc], facet_values: dict[str, list[str]], entries: int) -> Index:
    """The index files of `docs` (the first `entries` of them are catalogue entries).

    `facet_values`: per facet key, its values in the search page's order; entries' facets index into them.
    Documents are read once, in order, and let go: only their postings and what a result shows are kept.
    Holding every document's keys until the common syllables were known (below) peaked at 420 MB at 10,000
    entries, more than the rest of the build kept; a posting is now 8 bytes in an array, not a Python int.
    """
    # One array of id*10+weight per key, filled by C-level map/deque: a (key, document) pair costs ~50 ns,
    # where a Python loop cost ten times that (2 million pairs at 10,000 entries). Body-only postings apart,
    # until it is known which syllables are common.
    outside: defaultdict[str, array] = defaultdict(_codes)
    inside: defaultdict[str, array] = defaultdict(_codes)
    titled: defaultdict[str, array] = defaultdict(_codes)  # key → the documents holding it in their title
    where = {key: {v: n for n, v in enumerate(values)} for key, values in facet_values.items()}
    facets: dict[str, list[int]] = {key: [] for key in facet_values}
    shown: list[list[str]] = []
    title_lengths: list[str] = []  # per document, ":" and its title's length in syllables (see pack)
    for i, doc in enumerate(docs):
        found, body = _keys(doc)
        for key in [k for k, w in found.items() if w == TITLE]:
            titled[key].append(i)
        deque(map(array.append, map(outside.__getitem__, found), map((i * 10).__add__, found.values())), maxlen=0)
        deque(map(array.append, map(inside.__getitem__, body), repeat(i * 10 + BODY)), maxlen=0)
        shown.append([doc.url, doc.title, doc.summary, doc.facts])
        title_lengths.append(f":{len(syllables(doc.title))}")
        if i < entries:
            for key, column in facets.items():
                column.append(where[key][doc.facets[key]] if doc.facets and key in doc.facets else -1)
    # Syllables in most entries' bodies ("của", "và", "người") tell nothing about an entry: their body
    # postings, half of the index, are left out and the browser treats them as optional words that only
    # add to a score (assets/search-engine.js). Where they stand in a title, summary or name, they are kept.
    common: list[str] = []
    if entries >= COMMON_FROM:
        # ids rise in each array: the entries' postings come before any hand-written page's
        common = sorted(k for k, codes in inside.items() if bisect_left(codes, entries * 10) > entries * COMMON_SHARE)
    for key in common:
        del inside[key]
    postings: dict[str, array] = outside
    for key, codes in inside.items():
        # a document holds a key outside its body or inside only, never both: one sorted run from two
        postings[key] = array("q", sorted(postings[key] + codes)) if key in postings else codes
    del inside
    count = _shard_count(sum(map(len, postings.values())))
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    packed: dict[str, str] = {}
    for key, codes in postings.items():
        packed[key] = pack(codes, titled.get(key, ()), title_lengths)
        shards[shard_of(key, count)][key] = packed[key]
    completion_count, completions = _completions(packed, {k: len(v) for k, v in postings.items()})
    del postings
    base = urls.SEARCH_INDEX
    assets = [Asset(f"{base}k/{n}.json", _json(shard)) for n, shard in enumerate(shards)]
    assets += [Asset(f"{base}c/{n}.json", _json(shard)) for n, shard in enumerate(completions)]
    for start in range(0, len(shown), BLOCK):
        assets.append(Asset(f"{base}d/{start // BLOCK}.json", _json(shown[start:start + BLOCK])))
    assets += [Asset(f"{base}f/{key}.json", _json(column)) for key, column in facets.items()]
    digest = hashlib.sha256()
    for a in assets:
        digest.update(a.path.encode() + b"\0" + a.content + b"\0")
    return Index(assets=assets, shards=count, docs=len(shown), entries=entries, version=digest.hexdigest()[:12],
                 common=common, facets=list(facets), completion_shards=completion_count)


# --- hand-written pages -------------------------------------------------------------------------------

_MD_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a link or image keeps its text
    (re.compile(r"\{:?[^}]*\}"), " "),  # attribute lists
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.|!!!|\?\?\?)\s*", re.M), ""),
    (re.compile(r"[*_`|~]+"), " "),
]


_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")


def indexed_text(markdown: str) -> str:
    """What the search reads of a Markdown body: its words, without link targets, addresses or tags. Syllables
    are cut out of it afterwards, so the rest of the Markdown syntax is harmless."""
    return _NOT_WORDS.sub(" ", markdown)


def markdown_text(markdown: str) -> str:
    """Readable text of hand-written Markdown, good enough to index and to quote (not to display as HTML)."""
    for pattern, repl in _MD_NOISE:
        markdown = pattern.sub(repl, markdown)
    return re.sub(r"[ \t]+", " ", markdown).strip()


_HEADING = re.compile(r"^#{1,6}\s.*$", re.M)


def _summary(text: str, limit: int = 220) -> str:
    first = next((p.strip() for p in text.split("\n\n") if p.strip()), "")
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(" .,;:") + "…"  # never "mục.…"


def hand_written(docs_dir: str | Path) -> list[Doc]:
    """The hand-written pages of the site folder (Markdown), except the home page."""
    folder = Path(docs_dir)
    out = []
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(folder).as_posix()
        if rel == "index.md":
            continue
        post = frontmatter.loads(nfc(path.read_text(encoding="utf-8-sig")))
        text = markdown_text(post.content)
        heading = re.search(r"^#\s+(.+)$", post.content, re.M)
        title = str(post.get("title") or (heading.group(1).strip() if heading else path.stem))
        stem = rel[:-3]
        url = stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
        # a result shows the page's opening words, not its headings
        summary = str(post.get("description") or _summary(markdown_text(_HEADING.sub("", post.content))))
        out.append(Doc(url=url, title=title, summary=summary, facts="",
                       fields=((TITLE, title), (SUMMARY, summary), (BODY, text))))
    return out

