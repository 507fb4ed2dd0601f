"""A Content-Security-Policy for each rendered page, as a `<meta>` the page itself satisfies.

The site is static (GitHub Pages sets no headers we control), so the policy travels in the page. Inline
scripts are allowed by the SHA-256 of their exact text: only the scripts the theme and our templates
emit run, and anything that slipped through sanitising would not. No WebAssembly, no `eval`.

A policy delivered by `<meta>` cannot carry `frame-ancestors`, `report-uri` or `sandbox` (browsers ignore
them there), so framing stays allowed: the embed pages (`nhung/…`) are meant to be framed by other sites.
Protection against being framed would have to come from an HTTP header.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

# Lower-case tags only: our templates write them so, and str.find skips from one to the next where a
# case-insensitive pattern reads every character of 11,000 pages. A script written in other case is not hashed
# and so never runs, and a body that a browser would end earlier (at "</SCRIPT>") hashes differently and is
# blocked too: both are the safe side.
_OPEN, _CLOSE = "<script", "</script"
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"""\bsrc\s*=""", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}
_EXISTING = re.compile(r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy""")  # on lower-cased text
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@lru_cache(maxsize=256)  # pages of a site share a handful of inline scripts
def _source(body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _inline_scripts(html: str):
    """(attributes, body) of each `<script>` element, in document order."""
    at = html.find(_OPEN)
    while at >= 0:
        after = at + len(_OPEN)
        tag_end = html.find(">", after)
        if tag_end < 0:
            return
        if html[after] in " \t\n\r\f/>":  # <script…>, not <scripts>
            close = html.find(_CLOSE, tag_end)
            if close < 0:
                return
            yield html[after:tag_end], html[tag_end + 1:close]
            at = html.find(_OPEN, close + len(_CLOSE))
        else:
            at = html.find(_OPEN, after)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts a browser would run, in document order."""
    out: list[str] = []
    for attrs, body in _inline_scripts(html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue  # data blocks (application/json) are never executed
        source = _source(body)
        if source not in out:
            out.append(source)
    return out


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # No inline style: scripts style elements through the CSSOM (which CSP allows), tables align with
        # align="…", and a style attribute that slipped past sanitising could not restyle the page.
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def _states_policy(html: str, head_end: int) -> bool:
    """Whether a `<meta>` before `head_end` states a policy. Tags are found in lower case, like the scripts: a
    policy in an upper-case tag goes unseen and ours is added beside it, and two policies only restrict more."""
    at = html.find("<meta", 0, head_end)
    while at >= 0:
        end = html.find(">", at)
        tag = html[at:end + 1].lower()
        if "content-security-policy" in tag and _EXISTING.match(tag):
            return True
        at = html.find("<meta", at + 5, head_end)
    return False


def add_policy(html: str) -> str:
    """The page with its policy `<meta>` first in `<head>` (after the charset), so it covers every script.

    A page that already states a policy is left alone: two policies would both apply.
    """
    head_end = html.find("</head>")
    if _states_policy(html, head_end if head_end >= 0 else len(html)):
        return html  # a <meta> policy only counts in <head>
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return f"{html[: anchor.end()]}\n  {meta}{html[anchor.end():]}"
