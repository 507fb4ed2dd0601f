"""The site's URL scheme, in one place. These paths are public and must stay stable.

Each function returns a path relative to the site root, ending in '/' for pages.
An entry's URL depends on its slug only, so correcting its year or unit never breaks a shared link.
"""

from __future__ import annotations

ENTRY = "sang-kien"


def entry(slug: str) -> str:
    return f"{ENTRY}/{slug}/"


# One page prints every entry's poster, in the browser, from the entry's API file: per-entry poster pages
# cost a QR code and a rendered page per entry on every build, for something printed rarely.
POSTER = "ap-phich/"
POSTER_PARAM = "s"


def poster(slug: str) -> str:
    return f"{POSTER}?{POSTER_PARAM}={slug}"


def area(slug: str) -> str:
    return f"linh-vuc/{slug}/"


def unit(slug: str) -> str:
    return f"don-vi/{slug}/"


def year(y: int) -> str:
    return f"nam/{y}/"


def entry_type(slug: str) -> str:
    return f"loai/{slug}/"


def organization(slug: str) -> str:
    return f"to-chuc/{slug}/"


def paged(base: str, page: int) -> str:
    """Page 1 is the listing itself; later pages are `…/trang-2/`."""
    return base if page == 1 else f"{base}trang-{page}/"


def src_uri(url: str) -> str:
    """The virtual Markdown file a page URL is generated from ('' → 'index.md')."""
    return f"{url}index.md" if url else "index.md"


AREAS = "linh-vuc/"
UNITS = "don-vi/"
YEARS = "nam/"
TYPES = "loai/"
ORGANIZATIONS = "to-chuc/"
MODELS = "mo-hinh/"
HONOURS = "vinh-danh/"
SEARCH = "tra-cuu/"
SEARCH_INDEX = "tra-cuu/chi-muc/"  # the search index files (generator/search_index.py)


# --- Sharing: feeds, open data, embeds, radio bulletins ---------------------------------------------
FEED_FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def feed(base: str, fmt: str) -> str:
    """A listing's feed sits in the listing's folder: 'linh-vuc/x/rss.xml'; the site's at the root."""
    return f"{base}{fmt}.xml"


def feeds(base: str, title: str) -> list[dict]:
    """The <link rel="alternate"> entries of a listing: one per feed format."""
    return [{"title": f"{title} ({label})", "label": label, "url": feed(base, fmt), "type": mime}
            for fmt, mime, label in FEED_FORMATS]


API = "api/v1/"
OPEN_DATA = "du-lieu-mo/"
EMBEDS = "nhung/"
EMBED_LATEST = "nhung/moi-nhat/"
BULLETINS = "ban-tin/"


def api_entry(slug: str) -> str:
    return f"{API}entries/{slug}.json"


def embed_area(slug: str) -> str:
    return f"{EMBEDS}linh-vuc/{slug}/"


def embed_unit(slug: str) -> str:
    return f"{EMBEDS}don-vi/{slug}/"


def bulletin(year: int, month: int | None = None) -> str:
    return f"{BULLETINS}{year}/" if month is None else f"{BULLETINS}{year}/{month:02d}/"


def bulletin_text(year: int, month: int | None = None) -> str:
    return f"{BULLETINS}{year}.txt" if month is None else f"{BULLETINS}{year}/{month:02d}.txt"


# --- statistics and reports (generator.outputs.stats, generator.outputs.reports) -------------------------------
STATS = "thong-ke/"
REPORTS = "bao-cao/"
REPORT_FILE = "bao-cao"  # stem of a report's spreadsheet, CSV and Word document


def stats_year(y: int) -> str:
    return f"{STATS}{y}/"


def stats_unit(slug: str) -> str:
    return f"{STATS}don-vi/{slug}/"


def report(y: int, unit: str | None = None) -> str:
    """The whole region's report of a year, or one unit's."""
    return f"{REPORTS}{y}/" if unit is None else f"{REPORTS}{y}/{unit}/"


def report_file(y: int, unit: str | None, ext: str) -> str:
    return f"{report(y, unit)}{REPORT_FILE}.{ext}"


GUIDE = "huong-dan-bien-tap/"  # the editor's guide (generator/guide.py)
SHEET_TEMPLATE = GUIDE + "mau-sang-kien.xlsx"  # the spreadsheet template offices fill (entries/sheet_template.py)


_ALWAYS_SAFE = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"


def percent_encoder(safe: str = ""):
    """`urllib.parse.quote(text, safe=safe)` for str, as a function made once: one lookup per UTF-8 byte in a
    table, all in C (`map` over the bytes). quote's per-byte Python loop was a second of CPU per build at
    10,000 entries (prefilled correction links, every URL the templates write)."""
    keep = set(_ALWAYS_SAFE) | set(safe.encode("ascii"))
    table = [chr(b) if b in keep else f"%{b:02X}" for b in range(256)]
    pick = table.__getitem__

    def encode(text: str) -> str:
        return "".join(map(pick, text.encode("utf-8")))

    return encode
