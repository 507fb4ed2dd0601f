"""Bar charts as inline SVG, drawn at build time: no chart library and no script in the browser.

A chart is an image with a name (`role="img"`, `<title>`, `<desc>` listing every value); the page shows
the same figures in a table beside it, for screen readers and for copying.
"""

from __future__ import annotations

from html import escape

from generator.common.text import format_number

WIDTH = 360  # viewBox units; narrow so that on a phone the text stays close to its nominal size
ROW = 44  # one bar: its label line above, the bar below
BAR = 16
LABEL_SIZE = 14
VALUE_ROOM = 72  # space kept right of the longest bar for its value
PAD = 4


def _num(x: float) -> str:
    # Fixed precision keeps the output byte-identical across platforms.
    return f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, int]], unit: str = "mục") -> str:
    """Horizontal bars, one per (label, value), in the given order; the longest bar is the largest value."""
    e = lambda s: escape(s, quote=True)  # noqa: E731
    height = PAD * 2 + ROW * max(len(bars), 1)
    top = max((v for _, v in bars), default=0)
    span = WIDTH - VALUE_ROOM - PAD
    desc = "; ".join(f"{label}: {format_number(value)} {unit}" for label, value in bars) or "Không có số liệu."
    out = [
        f'<svg class="dkst-chart__svg" role="img" aria-labelledby="{e(chart_id)}-t {e(chart_id)}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{e(chart_id)}-t">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-d">{e(desc)}</desc>',
    ]
    for i, (label, value) in enumerate(bars):
        y = PAD + i * ROW
        width = span * value / top if top else 0
        out.append(f'<text class="dkst-chart__label" x="{PAD}" y="{_num(y + LABEL_SIZE)}" font-size="{LABEL_SIZE}">{e(label)}</text>')
        if value:
            out.append(f'<rect class="dkst-chart__bar" x="{PAD}" y="{_num(y + LABEL_SIZE + 5)}" '
                       f'width="{_num(max(width, 2))}" height="{BAR}" rx="2" fill="#b71c1c"/>')
        out.append(f'<text class="dkst-chart__value" x="{_num(PAD + width + 6)}" y="{_num(y + LABEL_SIZE + 5 + BAR - 3)}" '
                   f'font-size="{LABEL_SIZE}" font-weight="700">{e(format_number(value))}</text>')
    out.append("</svg>")
    return "\n".join(out)
