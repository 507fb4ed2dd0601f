"""A Content-Security-Policy for each rendered page, as a `<meta>` the page itself satisfies.

The site is static (GitHub Pages sets no headers we control), so the policy travels in the page. Inline
scripts are allowed by the SHA-256 of their exact text, and only when that text is one the templates we ship
can write (`TemplateScripts`: every inline `<script>` of the theme's and our templates, rendered with what the
engine alone decides — the page's `base_url` and the site configuration). The finished page is only asked
which of those it holds, so a script that reached a page any other way, even one copied from a page, is not
allowed unless it is byte for byte one of ours. No WebAssembly, no `eval`.

A policy delivered by `<meta>` cannot carry `frame-ancestors`, `report-uri` or `sandbox` (browsers ignore
them there), so framing stays allowed: the embed pages (`nhung/…`) are meant to be framed by other sites.
Protection against being framed would have to come from an HTTP header.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Collection
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


def policy(html: str, allowed: Collection[str] = ()) -> str:
    """The policy of `html`: its inline scripts that are in `allowed` (see TemplateScripts), in page order."""
    scripts = " ".join(["'self'", *[h for h in inline_script_hashes(html) if h in allowed]])
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


def add_policy(html: str, allowed: Collection[str] = ()) -> str:
    """The page with its policy `<meta>` first in `<head>` (after the charset), so it covers every script;
    only the inline scripts in `allowed` may run.

    A page that already states a policy is left alone: two policies would both apply.
    """
    head_end = html.find("</head>")
    if _states_policy(html, head_end if head_end >= 0 else len(html)):
        return html  # a <meta> policy only counts in <head>
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, allowed)}">'
    return f"{html[: anchor.end()]}\n  {meta}{html[anchor.end():]}"


# What a template script may depend on: values the engine sets, never an entry's. Anything else and the
# script is not allowed at all (it would be blocked, and the browser tests would see the violation).
_ENGINE_VALUES = frozenset({"base_url", "config"})


class TemplateScripts:
    """The inline scripts the templates we ship can write, as CSP sources, for a page's `base_url`.

    `env` is the Jinja environment the site is rendered with (its filters render the scripts' expressions);
    `folders` are the theme's template folders, first match wins (ours, then Material's), as for the pages.
    """

    def __init__(self, env, folders: list[str], values: dict):
        self.env = env
        self.values = values
        self.sources: list[str] = []  # script bodies as template text
        seen: set[str] = set()
        for folder in folders:
            for base, dirs, files in os.walk(folder):
                dirs.sort()
                for name in sorted(files):
                    if not name.endswith(".html"):
                        continue
                    rel = os.path.relpath(os.path.join(base, name), folder)
                    if rel in seen:
                        continue  # overridden by a template of an earlier folder
                    seen.add(rel)
                    with open(os.path.join(base, name), encoding="utf-8") as f:
                        self._collect(f.read())
        self._by_base: dict[str, frozenset[str]] = {}

    def _collect(self, template: str) -> None:
        from jinja2 import meta

        for attrs, body in _inline_scripts(template):
            kind = _TYPE.search(attrs)
            if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _JS_TYPES) or "{%" in body:
                continue
            if "{{" in body and not meta.find_undeclared_variables(self.env.parse(body)) <= _ENGINE_VALUES:
                continue
            self.sources.append(body)

    def allowed(self, base_url: str) -> frozenset[str]:
        """CSP sources of every template script as the engine renders it on a page with this `base_url`."""
        if base_url not in self._by_base:
            context = {**self.values, "base_url": base_url}
            self._by_base[base_url] = frozenset(
                _source(self.env.from_string(body).render(context) if "{{" in body else body)
                for body in self.sources)
        return self._by_base[base_url]
