"""What a browser transfers to show a page: the HTML and everything it loads, each response gzip-compressed
as a web server would send it (images and fonts as they are: they are compressed already).

    python bench/page_weight.py SITE_DIR [PATH …]   → JSON, one object per page
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import socketserver
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Formats that are compressed already: servers send them as they are.
PRECOMPRESSED = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/avif", "font/woff2", "application/wasm",
                 "application/gzip", "application/zip")
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "image", "font": "font"}


def transfer_size(body: bytes, content_type: str) -> int:
    if content_type.split(";")[0].strip() in PRECOMPRESSED or body[:2] == b"\x1f\x8b":
        return len(body)
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2",
                      ".wasm": "application/wasm", ".svg": "image/svg+xml", ".webp": "image/webp"}

    def log_message(self, *args):
        pass


def serve(site: Path):
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def weigh(site_dir: str | Path, paths: list[str], width: int = 1280, height: int = 800) -> dict[str, dict]:
    """For each site path: transferred bytes by kind (html, css, js, image, font, other), total, request count,
    and requests that left the site (there must be none)."""
    from playwright.sync_api import sync_playwright

    httpd = serve(Path(site_dir))
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
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
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out


if __name__ == "__main__":
    site, *wanted = sys.argv[1:]
    print(json.dumps(weigh(site, wanted or [""]), ensure_ascii=False, indent=2))
