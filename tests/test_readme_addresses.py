"""Every address of the preview the README gives is where `make serve` serves it, and leads to a real page."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PREVIEW = re.compile(r"http://127\.0\.0\.1:8000/[^\s`)<>]*")


def _mount() -> str:
    # mkdocs serve mounts the site at site_url's path (e.g. /doan-ket-sang-tao/).
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urllib.parse.urlsplit(config["site_url"]).path


def test_the_readme_gives_the_address_make_serve_really_serves():
    found = PREVIEW.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert found, "the README names the preview address"
    wrong = [u for u in found if not urllib.parse.urlsplit(u.rstrip(".,")).path.startswith(_mount())]
    assert not wrong, f"addresses outside {_mount()}: {wrong}"


def test_every_preview_address_in_the_readme_is_a_page_of_the_built_site(built_site):
    for url in PREVIEW.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        path = urllib.parse.urlsplit(url.rstrip(".,")).path[len(_mount()):]
        target = built_site / urllib.parse.unquote(path)
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        assert target.is_file(), f"{url}: no {target.relative_to(built_site)} in the built site"
