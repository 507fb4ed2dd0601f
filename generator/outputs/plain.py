"""Text as every data output needs it: on one line, and never run as a formula by a spreadsheet.

- `one_line`: the line and paragraph separators an entry's one-line fields may still carry (CR, U+2028,
  U+2029, NEL, vertical tab, form feed…) become spaces. Feeds, CSV cells and radio text are written through
  it; JSON escapes them instead (`json_text`), so the data stays exact.
- `spreadsheet_text`: a cell a spreadsheet would run as a formula gets a leading apostrophe. What starts a
  formula is judged after compatibility normalisation (NFKC), so the full-width `＝`, the small `﹦` or the
  superscript `⁺` count as `=` and `+`; and it is judged at the start of the cell and after each `;`, the
  separator of our joined lists (authors, tags…) and of spreadsheets set to a Vietnamese list separator, so
  `An; =HYPERLINK(…)` is caught in the middle too.
"""

from __future__ import annotations

import re

# Characters str.splitlines() breaks at (what a reader may take for a line end), but the plain line feed a
# multi-line text legitimately has is handled by the caller.
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{_BREAKS}]+")

_FORMULA_SIGNS = "=+-@"
# Every character NFKC turns into a formula sign (tests/test_outputs_plain.py derives the list from Unicode
# again: scanning it here would cost every build a fifth of a second).
_LIKE_SIGNS = "+-=@⁺⁼₊₌⩵⩶﬩﹢﹣﹦﹫＋－＝＠"
_STARTS_FORMULA = re.compile(f"^[\\s]*(?=[{re.escape(_LIKE_SIGNS)}])|^(?=[\\t\\r])")
_JOINED_FORMULA = re.compile(f"(;\\s*)(?=[{re.escape(_LIKE_SIGNS)}])")


def one_line(text: str) -> str:
    """`text` with every line or paragraph separator (runs of them) replaced by one space."""
    return _BREAK.sub(" ", text) if _BREAK.search(text) else text


def spreadsheet_text(text: str) -> str:
    """`text` as a spreadsheet cell that stays text: an apostrophe before anything that would start a formula."""
    if _JOINED_FORMULA.search(text):
        text = _JOINED_FORMULA.sub(r"\1'", text)
    if _STARTS_FORMULA.search(text):
        text = "'" + text
    return text


def csv_cell(value):
    """A CSV cell: text on one line that never runs as a formula; numbers and other values as they are."""
    if isinstance(value, str):
        return spreadsheet_text(one_line(value))
    return value


def json_text(encoded: str) -> str:
    """JSON text with U+2028 and U+2029 escaped: valid JSON either way, but raw they end a line in
    JavaScript before ES2019 and in many editors and log viewers."""
    if "\u2028" in encoded or "\u2029" in encoded:
        return encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return encoded
