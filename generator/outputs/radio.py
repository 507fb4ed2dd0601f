"""The radio bulletin ("Bản tin phát thanh"): for each month and each year, a text to read on the loudspeakers.

Written for the ear: a greeting, one spoken paragraph per entry, a closing. Abbreviations are expanded from
the taxonomy's list, numbers, dates and sums of money are said in words, Markdown, links and emoji dropped.
An entry belongs to the month it was applied from (applied_since); an entry without that date only to its year.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from generator.common import urls
from generator.outputs import plain
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.pages.pages import Asset, Page
from generator.common.text import date_words, expand_abbreviations, month_words, number_words, say_numbers

TITLE = "Bản tin phát thanh"
GREETING = "Kính thưa bà con!"
CLOSING = ("Bà con muốn tìm hiểu thêm hoặc có sáng kiến muốn đề xuất, xin liên hệ Ban Công tác Mặt trận "
           "ở thôn, bon, buôn, tổ dân phố hoặc Ủy ban Mặt trận Tổ quốc xã nơi mình sinh sống. "
           "Bản tin đến đây là hết. Cảm ơn bà con đã lắng nghe.")


# --- text for the ear ----------------------------------------------------------------------------
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>|\bhttps?://\S+|\bwww\.\S+")
_TAG = re.compile(r"<[^>]+>")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS = re.compile(r"(?<!\w)[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)")
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M)


@lru_cache(maxsize=None)  # a pure function of one character; a catalogue uses a few hundred distinct ones
def _is_emoji(ch: str) -> bool:
    # Pictographs are 'So'; skin tones, joiners and presentation selectors travel with them.
    return unicodedata.category(ch) in ("So", "Cs", "Co") or ch in "\u200d\ufe0e\ufe0f\u20e3" or "\U0001f3fb" <= ch <= "\U0001f3ff"


# Below U+2070 (Latin with every Vietnamese letter, combining marks, general punctuation) `_is_emoji` drops
# a few symbols only: a text made of the other characters there has nothing to drop, which one scan for
# any character outside them settles, instead of a lookup per character.
def _plain_ranges(end: int) -> str:
    """A character class body of every character below `end` that `_is_emoji` keeps."""
    out, start = [], None
    for i in range(end + 1):
        keep = i < end and not _is_emoji(chr(i))
        if keep and start is None:
            start = i
        elif not keep and start is not None:
            out.append(f"\\u{start:04x}-\\u{i - 1:04x}")
            start = None
    return "".join(out)


_MAYBE_EMOJI = re.compile(f"[^{_plain_ranges(0x2070)}]")
_SPACE_BEFORE = re.compile(r" ([,.;:!?…)])")  # after the spaces are made single: starts with a literal, found fast
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")


def strip_markup(text: str) -> str:
    """Markdown, HTML, links and emoji out; what is left is words and punctuation on one line.

    Each pattern runs only when the characters it needs are in the text: a bulletin of 10,000 entries
    passes 5 MB through here, and most sentences carry no markup at all."""
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text or "http" in text or "www." in text:
        text = _AUTOLINK.sub("", text)
        text = _TAG.sub("", text)
    if "\n" in text or _LINE_MARK.match(text):
        text = _LINE_MARK.sub("", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\1", text)
    text = text.replace("`", "")
    if _MAYBE_EMOJI.search(text):  # most text has none: one scan settles it
        emoji = [ch for ch in set(text) if _is_emoji(ch)]
        if emoji:
            text = text.translate(dict.fromkeys(map(ord, emoji)))
    text = " ".join(text.split())  # str.split and re's \s agree on what is a space
    if _SPACE_BEFORE.search(text):
        text = _SPACE_BEFORE.sub(r"\1", text)
    return _EMPTY_BRACKETS.sub("", text).strip() if "(" in text else text


def for_the_ear(text: str, abbreviations: dict[str, str]) -> str:
    """Everything a paragraph goes through before it is read aloud."""
    return say_numbers(expand_abbreviations(strip_markup(text), abbreviations))


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def entry_paragraph(cat: Catalog, r: Record) -> str:
    """One spoken paragraph: what, where, since when, the summary, the results, the honours."""
    tax = cat.taxonomy
    e = r.entry
    where = tax.unit_label(e.unit)
    now = tax.unit_label(cat.current_unit(r))
    if now != where:  # a commune merged into one of the same name needs no "nay thuộc"
        where += f", nay thuộc {now}"
    when = f"áp dụng từ {date_words(e.applied_since)}" if e.applied_since else f"năm {number_words(e.year)}"
    # Title first: a type name like "Mô hình “Đoàn kết sáng tạo”" before a quoted title is hard to follow by ear.
    parts = [f"“{e.title}”, {_lower_first(tax.type_by_slug[e.type].name)} của {where}, {when}."]
    if e.authors:
        parts.append(f"{views.label('authors')}: {_join(e.authors)}.")
    elif e.organization:
        parts.append(f"{views.label('organization')}: {tax.org_by_slug[e.organization].name}.")
    parts.append(_sentence(e.summary))
    if e.benefits:
        results = [f"{_lower_first(tax.benefit_by_key[k].name)} là {number_words(v)} {tax.benefit_by_key[k].unit}"
                   for k, v in e.benefits.items()]
        parts.append(f"{views.label('benefits')}: {'; '.join(results)}.")
    if e.replicated_in:
        parts.append(f"{views.label('replicated_in')}: {_join([tax.unit_label(s) for s in e.replicated_in])}.")
    if e.recognition:
        honours = [f"{rec.title}, năm {number_words(rec.year)}" for rec in e.recognition]
        parts.append(f"{views.label('recognition')}: {'; '.join(honours)}.")
    return for_the_ear(" ".join(p for p in parts if p), tax.abbreviations)


# --- bulletins -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bulletin:
    year: int
    month: int | None  # None: the whole year
    records: tuple[Record, ...]

    @property
    def url(self) -> str:
        return urls.bulletin(self.year, self.month)

    @property
    def text_url(self) -> str:
        return urls.bulletin_text(self.year, self.month)

    @property
    def period(self) -> str:
        """Written form, for headings: 'tháng 3/2022', 'năm 2022'."""
        return f"tháng {self.month}/{self.year}" if self.month else f"năm {self.year}"

    @property
    def period_words(self) -> str:
        """Spoken form: 'tháng ba năm hai nghìn không trăm hai mươi hai'."""
        year = f"năm {number_words(self.year)}"
        return f"{month_words(self.month)} {year}" if self.month else year


def _when(r: Record) -> tuple[int, int | None]:
    d = r.entry.applied_since
    return (d.year, d.month) if d else (r.year, None)


def _read_order(cat: Catalog, r: Record) -> tuple:
    # Oldest first inside a bulletin: it is a chronicle of the period. Entries without a date close the year.
    d = r.entry.applied_since or dt.date(r.year, 12, 31)
    return (d, cat.title_key[r.slug], r.slug)


def bulletins(cat: Catalog) -> list[Bulletin]:
    """Every year with entries, then each of its months with entries; newest year first, months in order."""
    by_year: dict[int, list[Record]] = {}
    for r in cat.records:
        by_year.setdefault(_when(r)[0], []).append(r)
    out = []
    for year in sorted(by_year, reverse=True):
        records = sorted(by_year[year], key=lambda r: _read_order(cat, r))
        out.append(Bulletin(year, None, tuple(records)))
        by_month: dict[int, list[Record]] = {}
        for r in records:
            if m := _when(r)[1]:
                by_month.setdefault(m, []).append(r)
        out += [Bulletin(year, m, tuple(by_month[m])) for m in sorted(by_month)]
    return out


def _count_words(cat: Catalog, records: tuple[Record, ...]) -> str:
    """'hai sáng kiến và một mô hình “Đoàn kết sáng tạo”', in the taxonomy's order of types."""
    counts = []
    for t in cat.taxonomy.types:
        n = sum(1 for r in records if r.entry.type == t.slug)
        if n:
            counts.append(f"{number_words(n)} {_lower_first(t.name)}")
    return _join(counts)


def heading(b: Bulletin, cat: Catalog) -> str:
    return f"{TITLE} “{cat.taxonomy.site.name}” {b.period_words}"


def spoken_paragraphs(cat: Catalog, b: Bulletin, said: dict[str, str] | None = None) -> list[str]:
    """The bulletin as read: title line, greeting, one paragraph per entry, closing.

    `said` keeps each entry's paragraph, which a month and its year both read.
    """
    said = {} if said is None else said
    site = cat.taxonomy.site
    intro = (f"{GREETING} Mời bà con nghe bản tin phong trào thi đua “{site.name}” {b.period_words} "
             f"trên địa bàn {site.region}. Bản tin giới thiệu {_count_words(cat, b.records)}.")
    for r in b.records:
        if r.slug not in said:
            said[r.slug] = plain.one_line(entry_paragraph(cat, r))  # read aloud and saved as one line
    return [heading(b, cat), for_the_ear(intro, cat.taxonomy.abbreviations),
            *(said[r.slug] for r in b.records), CLOSING]


def text_file(paragraphs: list[str]) -> bytes:
    # With a BOM, a browser or an old Notepad opening the file without a charset still reads UTF-8.
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8-sig")


def plain_text(cat: Catalog, b: Bulletin) -> bytes:
    return text_file(spoken_paragraphs(cat, b))


def bulletin_page(cat: Catalog, b: Bulletin, all_bulletins: list[Bulletin], paragraphs: list[str]) -> Page:
    same_kind = [x for x in all_bulletins if (x.month is None) == (b.month is None)]
    same_kind.sort(key=lambda x: (x.year, x.month or 0))
    i = same_kind.index(b)
    months = [{"title": f"Tháng {x.month}/{x.year}", "url": x.url, "text_url": x.text_url, "count": len(x.records)}
              for x in all_bulletins if x.year == b.year and x.month]
    context = {
        "heading": f"{TITLE} {b.period}",
        "period": b.period,
        "text_url": b.text_url,
        "title_line": paragraphs[0],
        "paragraphs": paragraphs[1:],
        "entries": views.cards(cat, list(b.records)),
        "months": months if b.month is None else [],
        "year_url": urls.bulletin(b.year) if b.month else None,
        "prev": {"title": same_kind[i - 1].period, "url": same_kind[i - 1].url} if i > 0 else None,
        "next": {"title": same_kind[i + 1].period, "url": same_kind[i + 1].url} if i + 1 < len(same_kind) else None,
        "index_url": urls.BULLETINS,
    }
    return Page(url=b.url, title=f"{TITLE} {b.period}", template="radio.html", context=context, kind="radio",
                description=f"Bản tin phát thanh “{cat.taxonomy.site.name}” {b.period}: "
                            f"{len(b.records)} sáng kiến, mô hình, viết sẵn để đọc trên loa truyền thanh.")


def index_page(cat: Catalog, all_bulletins: list[Bulletin]) -> Page:
    years = []
    for b in all_bulletins:
        item = {"title": b.period, "url": b.url, "text_url": b.text_url, "count": len(b.records)}
        if b.month is None:
            years.append({**item, "title": f"Cả năm {b.year}", "year": b.year, "months": []})
        else:
            years[-1]["months"].append({**item, "title": f"Tháng {b.month}"})
    intro = ("Mỗi tháng và mỗi năm có một bản tin viết sẵn để đọc trên loa truyền thanh xã, thôn, bon, buôn, tổ dân phố: "
             "chữ viết tắt đã được viết đầy đủ, con số, ngày tháng và số tiền đã được viết thành chữ. "
             "Mỗi bản tin có tệp văn bản (.txt) để tải về, in hoặc chép vào máy đọc.")
    return Page(url=urls.BULLETINS, title=TITLE, template="radio.html", kind="radio-index",
                context={"heading": TITLE, "intro": intro, "years": years}, description=intro)


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    all_bulletins = bulletins(cat)
    said: dict[str, str] = {}
    pages, assets = [index_page(cat, all_bulletins)], []
    for b in all_bulletins:
        paragraphs = spoken_paragraphs(cat, b, said)
        pages.append(bulletin_page(cat, b, all_bulletins, paragraphs))
        assets.append(Asset(b.text_url, text_file(paragraphs)))
    return pages, assets
