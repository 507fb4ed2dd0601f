"""A new entry file, with every field explained in Vietnamese comments taken from the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.entries.model import Entry, taxonomy_list
from generator.common.taxonomy import Taxonomy
from generator.common.text import slugify
from generator.entries.validate import allowed_values

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


def free_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:60].strip("-") or "sang-kien"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def stamp_added(values: dict, today: dt.date | None = None) -> dict:
    """The values with `added` (the day the entry entered the catalogue) set to today unless already given.

    Every way in calls it: `new`, the spreadsheet import and the issue-form bot."""
    if values.get("added"):
        return values
    return {**values, "added": today or dt.date.today()}


def _yaml_scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def render_entry(values: dict, tax: Taxonomy) -> str:
    """Front matter with a comment above each field; given values filled in, optional ones left as examples.

    `added` is stamped with today's date when the values do not bring one."""
    values = stamp_added(values)
    year = values.get("year")
    lines = ["---"]
    for name, info in Entry.model_fields.items():
        kind = taxonomy_list(info)
        required = info.is_required()
        lines.append(f"# {info.title}{' (bắt buộc)' if required else ' (không bắt buộc)'}: {info.description}")
        if kind and kind not in ("benefits",):
            lines.append(f"# Giá trị hợp lệ: {allowed_values(tax, kind, year)}")
        if kind == "benefits":
            lines.append(f"# Các chỉ số: {allowed_values(tax, kind)}")
        if name in values and values[name] not in (None, "", []):
            value = values[name]
            if isinstance(value, list):
                lines.append(f"{name}:")
                lines += [f"  - {_yaml_scalar(v)}" for v in value]
            else:
                lines.append(f"{name}: {_yaml_scalar(value)}")
        elif required:
            lines.append(f"{name}: ")
        else:
            lines.append(f"# {name}: {_example(name)}")
        lines.append("")
    lines[-1] = "---"
    return "\n".join(lines) + "\n" + BODY


def _example(name: str) -> str:
    return {
        "organization": "hoi-nong-dan",
        "authors": '["Chi hội Nông dân thôn 3"]',
        "status": "ap-dung",
        "applied_since": "2022-03-15",
        "added": "2022-03-20",
        "replicated_in": '["ea-po"]',
        "recognition": '[{level: huyen, year: 2022, title: "Giấy khen của Ủy ban MTTQ Việt Nam huyện"}]',
        "benefits": "{beneficiaries: 120, savings_vnd: 50000000}",
        "image": "ten-anh.jpg",
        "image_alt": '"Mô tả ngắn nội dung ảnh"',
        "tags": '["cà phê", "tiết kiệm nước"]',
        "featured": "false",
        "public_contacts": '["Văn phòng UBND xã: 0261 3xxx xxx"]',
    }.get(name, '""')


def new_entry_path(root: Path, year: int, slug: str) -> Path:
    return root / "initiatives" / str(year) / f"{slug}.md"
