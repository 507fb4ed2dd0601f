"""The body `python -m generator new` writes: headings to keep and example sentences that `check` refuses until an
editor replaces them (kept apart so that both the scaffold and the checker read the one text)."""

from __future__ import annotations

BODY = """## Thực trạng

Mô tả vấn đề, khó khăn trước khi có sáng kiến.

## Giải pháp

Sáng kiến làm gì, làm như thế nào.

## Điều kiện áp dụng

Cần những gì để nơi khác áp dụng được.

## Hiệu quả

Kết quả đạt được, có số liệu cụ thể nếu có.

## Cách nhân rộng

Các bước để đơn vị khác làm theo.
"""


def sentences() -> list[str]:
    """The example sentences of BODY (its headings may stay)."""
    return [line for line in BODY.splitlines() if line.strip() and not line.startswith("#")]


def headings() -> list[str]:
    """The section headings of BODY, without their '#': every entry written from it has them."""
    return [line.lstrip("#").strip() for line in BODY.splitlines() if line.startswith("#")]
