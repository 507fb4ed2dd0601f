"""The site's URL scheme, in one place. These paths are public and must stay stable.

Each function returns a path relative to the site root, ending in '/' for pages.
An entry's URL depends on its slug only, so correcting its year or unit never breaks a shared link.
"""

from __future__ import annotations

ENTRY = "sang-kien"


def entry(slug: str) -> str:
    return f"{ENTRY}/{slug}/"


def poster(slug: str) -> str:
    return f"{ENTRY}/{slug}/ap-phich/"


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
