"""Embeds: tiny chrome-less pages for an <iframe> on the Front's or a commune's web page, and the page of snippets.

They need no script, open their links outside the frame, stay out of the search index and may be framed by
any site (the static host sends no X-Frame-Options; the template adds no CSP frame-ancestors).
"""

from __future__ import annotations

import html

from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.pages.pages import Asset, Page

LATEST = 5  # entries in an embed: a box on someone else's page must stay short
# The iframe height a snippet suggests, in CSS px, from the tallest each part of the embed can be at any width:
# overrides/assets/nhung.css clamps every block to a number of lines (root font 15 px, line height 1.4).
_FRAME = 18 + 76 + 29 + 35  # body padding, head (brand line, two-line title, rule), "see all" line, two-line footer
_ITEM = 128  # one entry: two lines of title, two of type · unit · year, two of summary, padding and rule
_SLACK = 8  # rounding of fractional line boxes between browsers


def embed_height(items: int) -> int:
    """The height (px) that shows an embed of `items` entries whole at any width (an empty one shows a line)."""
    return _FRAME + _ITEM * max(items, 1) + _SLACK


def _embed(cat: Catalog, url: str, heading: str, records: list[Record], more_url: str, more_text: str) -> Page:
    context = {
        "heading": heading,
        "cards": views.cards(cat, records[:LATEST]),
        "count": len(records),
        "more_url": more_url,
        "more_text": more_text,
        "site_name": cat.taxonomy.site.name,
        "front_body": cat.taxonomy.site.front_body,
        "height": embed_height(min(len(records), LATEST)),
    }
    return Page(url=url, title=heading, template="embed.html", context=context, kind="embed", search=False,
                description=f"{heading}: {cat.taxonomy.site.name}.")


def embed_pages(cat: Catalog) -> list[Page]:
    tax = cat.taxonomy
    pages = [_embed(cat, urls.EMBED_LATEST, "Sáng kiến mới cập nhật", cat.latest, "", "Xem tất cả sáng kiến")]
    for area in tax.areas:
        pages.append(_embed(cat, urls.embed_area(area.slug), f"Lĩnh vực {area.number}: {area.short}",
                            cat.recently_added(cat.by_area.get(area.number, [])), urls.area(area.slug), "Xem tất cả trong lĩnh vực"))
    for unit in tax.sorted_units():
        pages.append(_embed(cat, urls.embed_unit(unit.slug), tax.unit_title(unit.slug),
                            cat.recently_added(cat.by_unit.get(unit.slug, [])), urls.unit(unit.slug), "Xem tất cả của đơn vị"))
    return pages


def snippet(site_url: str, embed_url: str, title: str, height: int) -> str:
    """The HTML a web editor pastes: a plain iframe with an accessible title, as tall as the embed can be."""
    src = views.absolute(site_url, embed_url)
    def attr(value: str) -> str:  # double-quoted attributes: keep apostrophes (Ea T'ling) readable
        return html.escape(value, quote=False).replace('"', "&quot;")

    return (f'<iframe src="{attr(src)}" title="{attr(title)}" width="100%" height="{height}" '
            f'style="border:0;max-width:40rem" loading="lazy"></iframe>')


def help_page(cat: Catalog, site_url: str, embeds: list[Page]) -> Page:
    tax = cat.taxonomy
    by_url = {p.url: p for p in embeds}

    def item(url: str) -> dict:
        page = by_url[url]
        return {"title": page.title, "url": url, "count": page.context["count"],
                "snippet": snippet(site_url, url, f"{page.title} – {tax.site.name}", page.context["height"])}

    units = tax.sorted_units()
    groups = [
        {"title": "Sáng kiến mới nhất của cả vùng", "items": [item(urls.EMBED_LATEST)]},
        {"title": "Theo lĩnh vực", "items": [item(urls.embed_area(a.slug)) for a in tax.areas]},
        {"title": "Theo xã hiện nay", "items": [item(urls.embed_unit(u.slug)) for u in units if u.current]},
        {"title": "Theo đơn vị trước ngày sắp xếp", "items": [item(urls.embed_unit(u.slug)) for u in units if not u.current]},
    ]
    intro = (f"Trang thông tin điện tử của Mặt trận, của xã hay của trường học có thể hiện danh sách {LATEST} sáng kiến "
             "mới nhất ngay trên trang của mình: chép đoạn mã dưới đây và dán vào chỗ muốn hiện "
             "(ở chế độ soạn thảo HTML). Danh sách tự cập nhật mỗi khi có sáng kiến mới, không cần chạy mã JavaScript, "
             "bấm vào một mục sẽ mở trang sáng kiến trong thẻ mới.")
    return Page(url=urls.EMBEDS, title="Nhúng vào website", template="embed-help.html", kind="embed-help",
                context={"heading": "Nhúng vào website", "intro": intro, "groups": groups,
                         "preview": urls.EMBED_LATEST, "height": by_url[urls.EMBED_LATEST].context["height"]},
                description=intro)


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    embeds = embed_pages(cat)
    return [help_page(cat, site_url, embeds), *embeds], []
