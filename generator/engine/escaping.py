"""One escaping rule per output context in templates, enforced by the template environment itself.

- Text: our templates (those in `overrides/`) are compiled with autoescape on, so every `{{ value }}` is
  HTML-escaped unless it is already markup (a macro's output, `super()`, or a value marked `| safe`; the few
  `| safe` are listed and explained in tests/test_escaping.py). Material's own templates keep their setting.
- URLs: the `url` filter, used by our templates and Material's alike, percent-encodes every character that
  cannot stand in a URL (quotes, `<`, `>`, spaces, controls, non-ASCII) and then HTML-escapes what is left
  (`&`, `'`), returning markup. A file called `x"><script>….png` becomes `x%22%3E%3Cscript%3E….png`:
  still the address of that file, never a tag, whether the template autoescapes or not.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from jinja2 import pass_context
from markupsafe import Markup, escape

from generator.common.urls import percent_encoder

# What RFC 3986 allows unencoded in a URL (reserved and unreserved characters), plus "%" of an existing escape
# and the braces of the poster's `{slug}` placeholder (harmless once HTML-escaped, and kept for its script).
_URL_SAFE = "/:?#[]@!$&'()*+,;=~-._{}"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


_quote = percent_encoder(_URL_SAFE + "%")


def encode_url(url: str) -> str:
    """`url` with every character a URL cannot hold percent-encoded; existing `%XX` escapes are kept."""
    return _encoded(str(url))


@lru_cache(maxsize=16384)  # a page's links are mostly those of every other page at its depth (navigation, footer)
def _encoded(url: str) -> str:
    return "%25".join(map(_quote, _LONE_PERCENT.split(url)))


def url_markup(url: str) -> Markup:
    """A URL ready for an HTML attribute or text: percent-encoded, then HTML-escaped."""
    return escape(encode_url(url))


def safe_url_filter(normalize):
    """The template filter `url`: the engine's own `normalize(context, value)` (relative to the page), made safe."""

    @pass_context
    def url(context, value):
        return url_markup(normalize(context, value))

    return url


def autoescape_in(folder: str):
    """Jinja's `autoescape` setting: on for templates found in `folder` (ours), as before for the others."""
    folder = os.path.abspath(folder)
    ours: dict[str, bool] = {}

    def autoescape(name: str | None) -> bool:
        if name is None:
            return False
        if name not in ours:
            ours[name] = os.path.isfile(os.path.join(folder, name))
        return ours[name]

    return autoescape
