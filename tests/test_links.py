"""Every internal link and anchor of the built sample site resolves: a crawl of all its pages."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Attributes that make a browser fetch or navigate; `content` only for the share-card metas that hold URLs.
_LINKING = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
            ("iframe", "src"), ("form", "action"), ("audio", "src"), ("video", "src"), ("video", "poster")}
_URL_METAS = {"og:url", "og:image", "twitter:image"}


def site_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_url:\s*[\"']?([^\"'\s]+)", text, re.M).group(1)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (what, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        for name, value in attrs:
            if (tag, name) in _LINKING and value is not None:
                self.links.append((f"<{tag} {name}>", value))
            if tag in ("img", "source") and name == "srcset" and value:
                self.links += [(f"<{tag} srcset>", part.split()[0]) for part in value.split(",") if part.strip()]
        if tag == "meta" and (a.get("property") in _URL_METAS or a.get("name") in _URL_METAS) and a.get("content"):
            self.links.append((f"<meta {a.get('property') or a.get('name')}>", a["content"]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _target(site: Path, page_rel: str, url: str, base_url: str) -> tuple[str, str] | None:
    """(site path of the target, anchor) for an internal URL; None for outside links."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
        page_rel = ""
        absolute = True
    else:
        absolute = url.startswith("/") and not url.startswith("//")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if absolute:
        # Material's 404 page links from the site root: the site is served under the site_url's path.
        prefix = urlsplit(base_url).path
        if not path.startswith(prefix) and path != "/":
            return (path.lstrip("/"), parts.fragment)
        path = path[len(prefix):] if path.startswith(prefix) else ""
        resolved = path
    elif path == "":
        resolved = page_rel
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
        if path.endswith("/") and not resolved.endswith("/"):
            resolved += "/"
        if resolved == ".":
            resolved = ""
    return resolved, parts.fragment


def _file_for(site: Path, rel: str) -> Path | None:
    if rel.startswith("..") or rel.startswith("/"):
        return None
    candidate = site / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path, base_url: str) -> list[str]:
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken = []
    for rel, path in pages.items():
        for what, url in page(path).links:
            if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            found = _target(site, rel, url, base_url)
            if found is None:
                continue
            target_rel, anchor = found
            target = _file_for(site, target_rel)
            if target is None:
                broken.append(f"{rel}: {what} {url} → không có tệp `{target_rel}`")
                continue
            if anchor and target.suffix == ".html" and anchor not in page(target).ids:
                broken.append(f"{rel}: {what} {url} → không có neo `#{anchor}` trong {target.relative_to(site)}")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    problems = broken_links(built_site, site_url())
    assert not problems, f"{len(problems)} liên kết hỏng:\n" + "\n".join(problems[:40])


def test_the_crawler_notices_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="top"><a href="a/">a</a> <a href="#top">top</a></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../">home</a> <a href="../b/">missing</a> <a href="../#nowhere">anchor</a>'
        '<img src="../media/x.png"> <a href="https://example.org/x">outside</a>'
        '<meta property="og:url" content="https://site.example/sub/a/">'
        '<meta property="og:image" content="https://site.example/sub/none.png">', encoding="utf-8")
    problems = broken_links(tmp_path, "https://site.example/sub/")
    assert len(problems) == 4, problems
    assert any("`b/`" in p for p in problems) and any("#nowhere" in p for p in problems)
    assert any("media/x.png" in p for p in problems) and any("none.png" in p for p in problems)

