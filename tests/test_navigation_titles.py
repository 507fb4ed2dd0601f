"""Every page of the built site names each navigation link the same way, whatever was rendered before it.

The engine lets go of a generated page's Markdown and HTML once the page is written (memory at 10,000 entries);
MkDocs derives some titles from them, so a page rendered later must still see its neighbours' titles.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<',
                       re.S)


def test_each_navigation_link_has_one_title_on_every_page(built_site):
    titles: dict[str, set[str]] = defaultdict(set)
    pages = sorted(built_site.rglob("index.html"))
    for page in pages:
        folder = posixpath.dirname(page.relative_to(built_site).as_posix())
        for href, title in _NAV_LINK.findall(page.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(folder, href)) if not href.startswith("http") else href
            titles[target].add(title)
    assert len(pages) > 50 and len(titles) > 5
    assert {t: names for t, names in titles.items() if len(names) != 1 or not all(names) or "None" in names} == {}


def test_no_navigation_label_has_an_empty_tabindex(built_site):
    """Material's `tabindex=""` on section labels is an error to the Nu HTML checker; our nav partial drops it."""
    pages = sorted(built_site.rglob("*.html"))
    assert [p.relative_to(built_site).as_posix() for p in pages if 'tabindex=""' in p.read_text(encoding="utf-8")] == []
    assert any('class="md-nav__link" for="__nav_' in p.read_text(encoding="utf-8") for p in pages[:20])
