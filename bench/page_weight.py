"""What a browser transfers to show a page: the HTML and everything it loads, each response gzip-compressed
as a web server would send it (images and fonts as they are: they are compressed already).

    python bench/page_weight.py SITE_DIR [PATH …]   → JSON, one object per page
"""

from __future__ import annotations

import json
import sys
from urllib.parse import urlsplit

from served import site_in_chromium, transfer_size

KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "image", "font": "font"}


def weigh(site_dir, paths: list[str], width: int = 1280, height: int = 800) -> dict[str, dict]:
    """For each site path: transferred bytes by kind (html, css, js, image, font, other), total, request count,
    and requests that left the site (there must be none)."""
    out: dict[str, dict] = {}
    with site_in_chromium(site_dir) as (base, browser):
        for path in paths:
            # A fresh context per page: an empty cache, as for a first visit.
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            responses = []
            outside: list[str] = []
            page.on("response", lambda r: responses.append(r))
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
            page.goto(base + path, wait_until="load", timeout=60_000)
            # Everything it loads: scroll to the end so lazy images come in too.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle", timeout=60_000)
            sizes: dict[str, int] = {}
            seen = set()
            for response in responses:
                url = response.url
                # Error pages count too: a host sends its 404 page for what Material probes.
                if not url.startswith(base) or url in seen or 300 <= response.status < 400:
                    continue
                seen.add(url)
                try:
                    body = response.body()
                except Exception:  # a response the page dropped (navigation): nothing was kept
                    continue
                kind = KINDS.get(response.request.resource_type, "other")
                sizes[kind] = sizes.get(kind, 0) + transfer_size(body, response.headers.get("content-type", ""))
            out[path] = {"bytes": sum(sizes.values()), "requests": len(seen), "by_kind": dict(sorted(sizes.items())),
                         "outside": sorted(set(outside)), "files": sorted(urlsplit(u).path for u in seen)}
            context.close()
    return out


if __name__ == "__main__":
    site, *wanted = sys.argv[1:]
    print(json.dumps(weigh(site, wanted or [""]), ensure_ascii=False, indent=2))
