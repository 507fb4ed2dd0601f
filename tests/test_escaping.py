"""One escaping rule per output context: our templates autoescape, URLs are percent-encoded and escaped, and the
few values printed as markup are listed here with the reason they are safe."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.engine import escaping
from hostile_site import hostile_out_project, hostile_out_site  # noqa: F401  (fixtures)

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"

# Every `| safe` in our templates, and why the value is markup we made (a new one must be added here, with a reason).
SAFE = {
    ("entry.html", "page.content"): "entry body: Markdown rendered, then sanitised by safety.clean_html (nh3)",
    ("home.html", "page.content"): "content/index.md, written by the maintainers",
    ("partials/content.html", "page.content"): "hand-written pages and generated pages rendered by MkDocs",
    ("partials/nav.html", "item.render(nav_item, path, 1) | replace(' tabindex=\"\"', '')"):
        "Material's nav-item macro (a template that escapes its own values), rendered from mkdocs.yml's nav",
    ("main.html", "super()"): "the block of Material's base.html this block wraps",
    ("stats.html", "b.chart"): "SVG drawn by pages/charts.py, which escapes every label",
}
# Attributes that hold a URL: their value goes through `url` (relative to the page) or `href` (absolute).
URL_ATTRS = re.compile(r'\b(href|src|action|data-api|data-index|data-engine|data-root)="([^"]*)"')


def _templates():
    return sorted(p for p in OVERRIDES.rglob("*.html"))


def test_url_filter_encodes_then_escapes():
    assert escaping.url_markup('media/2022/x"><script>alert(1)</script>.png') == Markup(
        "media/2022/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E.png")
    assert escaping.url_markup("a b?x=1&y='2'#c") == Markup("a%20b?x=1&amp;y=&#39;2&#39;#c")
    assert escaping.encode_url("ảnh/đẹp.png") == "%E1%BA%A3nh/%C4%91%E1%BA%B9p.png"
    assert escaping.encode_url("100%25/50%") == "100%25/50%25"  # an escape is kept, a lone % is encoded
    assert escaping.encode_url("line\nbreak\u2028") == "line%0Abreak%E2%80%A8"
    assert escaping.encode_url("api/{slug}.json") == "api/{slug}.json"  # the poster's placeholder


def test_url_filter_is_markup_in_templates_that_do_not_autoescape():
    env = jinja2.Environment(autoescape=False)
    env.filters["url"] = escaping.safe_url_filter(lambda context, value: "../" + value)
    out = env.from_string('<img src="{{ x | url }}">').render(x='a"><b onerror=alert(1)>.png')
    assert out == '<img src="../a%22%3E%3Cb%20onerror=alert(1)%3E.png">'


def test_our_templates_autoescape_and_others_keep_their_setting(tmp_path):
    (tmp_path / "ours.html").write_text("{{ x }}", encoding="utf-8")
    auto = escaping.autoescape_in(str(tmp_path))
    assert auto("ours.html") is True
    assert auto("base.html") is False
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=auto)
    assert env.get_template("ours.html").render(x="<script>") == "&lt;script&gt;"


def test_every_markup_value_in_our_templates_is_listed_with_its_reason():
    found = set()
    for path in _templates():
        rel = path.relative_to(OVERRIDES).as_posix()
        for expr in re.findall(r"\{\{\s*(.+?)\s*\|\s*safe\s*\}\}", path.read_text(encoding="utf-8")):
            found.add((rel, expr))
    assert found == set(SAFE), f"unlisted: {found - set(SAFE)}; gone: {set(SAFE) - found}"
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") or "| safe" in text, path
        assert "autoescape false" not in text and "Markup(" not in text, path


def test_every_url_attribute_goes_through_a_url_filter():
    unfiltered = []
    for path in _templates():
        for attr, value in URL_ATTRS.findall(path.read_text(encoding="utf-8")):
            for expr in re.findall(r"\{\{(.*?)\}\}", value):
                if not re.search(r"\|\s*(url|href)\s*$", expr.strip()):
                    unfiltered.append(f"{path.relative_to(OVERRIDES)}: {attr}={{{{{expr}}}}}")
    assert not unfiltered, unfiltered


def test_a_hostile_image_path_never_reaches_the_built_pages(hostile_out_site):
    # A picture name with markup is refused by check (the safe character set) and, checks skipped, never
    # published: neither the name nor the file reaches the site, so nothing of it can be read as markup.
    site = hostile_out_site
    entry = (site / "sang-kien/out-anh-chay-ma/index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    for page in (entry, home):
        assert "<script>window.__pwned" not in page
        assert not re.search(r'(src|srcset)="[^"]*out-x', page)  # (the correction link may carry it, encoded)
    refresh = (site / "sang-kien/out-anh-lam-moi-trang/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in refresh
    assert not list((site / "media").rglob("out-x*"))


def test_percent_encoding_matches_the_standard_library():
    import random
    from urllib.parse import quote

    from generator.common.urls import percent_encoder

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0, 128)] + list("Đắk Wil “”–…ơư\u00a0\u200b") + ["\U0001f600"]
    for safe in ("", "/:?#[]@!$&'()*+,;=~-._{}%"):
        encode = percent_encoder(safe)
        for _ in range(2000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(30)))
            assert encode(text) == quote(text, safe=safe)
