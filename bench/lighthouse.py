"""Lighthouse (mobile: a mid-range phone on slow 4G, simulated) on the pages a citizen opens first.

    python bench/lighthouse.py [SITE_DIR] [--runs N] [--out FILE]

Builds the sample site when no SITE_DIR is given, serves it on 127.0.0.1 gzip-compressed with keep-alive (as
any web host sends it: HTTP/1.1, gzip level 6; images as they are), and runs npm's `lighthouse` with Debian's
Chromium on each page. Prints, per page, the four category scores and LCP, FCP, TBT and CLS (median of the runs),
and writes them as JSON beside the other results.

Lighthouse comes from npm (Node ≥ 18): `npm install --prefix bench/.lighthouse lighthouse@12` once (the
script does it when it is missing; Lighthouse 13 needs Node 22, Debian 12 ships 20). Nothing else is fetched.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "bench" / ".lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "listing": "linh-vuc/he-thong-chinh-tri/",
    "entry": "sang-kien/may-say-ca-phe-lo-dot-vo/",
    "search": "tra-cuu/?q=dak%20wil",
    "statistics": "thong-ke/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"LCP": "largest-contentful-paint", "FCP": "first-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift"}
AS_IS = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff2", ".gz", ".zip", ".xlsx")


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as every real host
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".svg": "image/svg+xml",
                      ".webp": "image/webp", ".js": "text/javascript"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path.split("?", 1)[0])
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            path, status = os.path.join(self.directory, "404.html"), 404
        body = Path(path).read_bytes()
        gzipped = not path.endswith(AS_IS)
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(path))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site_dir: Path):
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(site_dir)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS), "lighthouse@12"], check=True)
    return LIGHTHOUSE


def audit(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([str(ensure_lighthouse()), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    row = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    row |= {m: report["audits"][key]["numericValue"] for m, key in METRICS.items()}
    row["lighthouse"] = report["lighthouseVersion"]
    return row


def build_sample(into: Path) -> Path:
    site = into / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lighthouse.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dkst-lighthouse-") as tmp:
        site = args.site or build_sample(Path(tmp))
        httpd, base = serve(site)
        results = {}
        try:
            for name, path in PAGES.items():
                runs = [audit(base + path, Path(tmp) / f"{name}-{i}.json") for i in range(args.runs)]
                row = {k: statistics.median(r[k] for r in runs) for k in (*CATEGORIES, *METRICS)}
                row["lighthouse"] = runs[0]["lighthouse"]
                results[name] = row
                print(f"{name:11} perf {row['performance']:3.0f}  a11y {row['accessibility']:3.0f}  "
                      f"best {row['best-practices']:3.0f}  seo {row['seo']:3.0f}  LCP {row['LCP'] / 1000:.2f} s  "
                      f"FCP {row['FCP'] / 1000:.2f} s  TBT {row['TBT']:.0f} ms  CLS {row['CLS']:.3f}", flush=True)
        finally:
            httpd.shutdown()
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    budget_met = all(r["performance"] >= 98 and r["LCP"] <= 1500 and min(r[c] for c in CATEGORIES[1:]) == 100
                     for r in results.values())
    return 0 if budget_met else 1


if __name__ == "__main__":
    sys.exit(main())
