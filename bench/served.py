"""A built site served locally and opened in the Debian Chromium, as the benchmark's browser measurements
need it: bytes are counted as a web server would send them (gzip level 6), since the test server does not
compress."""

from __future__ import annotations

import functools
import gzip
import http.server
import socketserver
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Formats that are compressed already: servers send them as they are.
PRECOMPRESSED = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/avif", "font/woff2", "application/wasm",
                 "application/gzip", "application/zip")


def transfer_size(body: bytes, content_type: str = "") -> int:
    """Bytes on the wire: compressed formats as they are, the rest gzipped."""
    if content_type.split(";")[0].strip() in PRECOMPRESSED or body[:2] == b"\x1f\x8b":
        return len(body)
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2",
                      ".wasm": "application/wasm", ".svg": "image/svg+xml", ".webp": "image/webp"}

    def log_message(self, *args):
        pass


@contextmanager
def site_in_chromium(site_dir: str | Path):
    """(base URL of the served site, a headless Chromium browser); both stopped on leaving."""
    from playwright.sync_api import sync_playwright

    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield f"http://127.0.0.1:{httpd.server_address[1]}/", browser
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
