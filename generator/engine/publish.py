"""What the engine adapter hands to templates: page sources, ready contexts and site-wide globals."""

from __future__ import annotations

from generator.outputs import feeds
from generator.entries import safety
from generator.common import urls
from generator.catalog.catalog import Catalog
from generator.pages.pages import Page, made
from generator.outputs.site_content import SiteContent


def page_source(page: Page) -> str:
    """The virtual Markdown file of a generated page: its body, after one blank line.

    Its title and template travel as metadata (page_meta), not as YAML front matter, which MkDocs parses with
    PyYAML's pure-Python loader (0.5 s for 11,000 generated pages). The blank line stops MkDocs from reading an
    entry body that opens with "Video: …" (any ASCII "Key: value" line) as MultiMarkdown metadata.
    """
    return f"\n{page.markdown}\n"


def page_meta(page: Page) -> dict:
    """The metadata of a generated page, as front matter would have given it."""
    meta = {"title": page.title, "template": page.template}
    if page.description:
        meta["description"] = page.description
    return meta


def site_globals(cat: Catalog, content: SiteContent) -> dict:
    tax = cat.taxonomy
    return {
        "site": tax.site,
        "areas": tax.areas,
        "home": content.home,
        "total": len(cat.records),
        "feeds": urls.feeds("", feeds.site_title(cat)),
    }


def page_globals(page: Page | None, src_uri: str, content: SiteContent | None) -> dict:
    """Context of one page: a generated page's own, or the home page's for the hand-written index.md."""
    if page is not None:
        return {"kind": page.kind, "search": page.search, "image": page.image, **made(page.context)}
    if src_uri == "index.md" and content is not None:
        return {"kind": "home", "search": False, "image": None, **content.home}
    return {"kind": "content", "search": True, "image": None}


def clean_html(html: str) -> str:
    return safety.clean_html(html)
