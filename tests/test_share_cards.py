"""Share cards: links shared on Zalo and Facebook show a title, a summary, an image and the canonical URL."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from PIL import Image

from generator.common import urls


@pytest.fixture(scope="session")
def public_url(root) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _meta(page: str, prop: str) -> str | None:
    m = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', page)
    return html.unescape(m.group(1)) if m else None


def test_default_share_image_is_a_1200x630_png(root, built_site):
    for path in (root / "overrides/assets/chia-se.png", built_site / "assets/chia-se.png"):
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (1200, 630)


def test_entry_page_has_open_graph_twitter_and_canonical(built_site, catalog, public_url):
    with_image = next(r for r in catalog.records if r.image_rel)
    without = next(r for r in catalog.records if not r.image_rel)
    for r in (with_image, without):
        page = (built_site / r.url / "index.html").read_text(encoding="utf-8")
        url = public_url + r.url
        assert re.search(rf'<link rel="canonical" href="{re.escape(url)}">', page)
        assert _meta(page, "og:url") == url
        assert _meta(page, "og:locale") == "vi_VN"
        assert _meta(page, "og:type") == "article"
        assert _meta(page, "og:title") == r.entry.title
        assert _meta(page, "og:description") == r.entry.summary
        assert _meta(page, "twitter:card") == "summary_large_image"
        image = _meta(page, "og:image")
        assert image == _meta(page, "twitter:image") and image.startswith(public_url)
        published = built_site / image[len(public_url):]
        assert published.is_file(), image
    assert _meta((built_site / without.url / "index.html").read_text(encoding="utf-8"), "og:image") == \
        public_url + "assets/chia-se.png"


def test_listing_and_home_share_the_default_image(built_site, public_url):
    for path in ("", urls.AREAS, urls.BULLETINS):
        page = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert _meta(page, "og:image") == public_url + "assets/chia-se.png", path
        assert _meta(page, "og:locale") == "vi_VN"
