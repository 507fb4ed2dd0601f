"""A new entry file, with every field explained in Vietnamese comments taken from the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generator.entries.model import Entry, taxonomy_list
from generator.common.taxonomy import Taxonomy
from generator.common.text import slugify
from generator.entries.placeholders import BODY
from generator.entries.validate import allowed_values


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


# The questions of `new`, in the order they are asked (the year before the unit: a unit exists in some years only).
QUESTIONS = ("title", "type", "area", "year", "unit", "summary", "organization")


def answer_problems(name: str, value, values: dict, tax: Taxonomy) -> list[str]:
    """`check`'s messages for one answer to `new` (empty when it is valid), given the answers before it.

    The answer is validated in a whole entry (the other fields filled with valid stand-ins) by the same model and
    rules `check` uses, so `new` never writes what `check` refuses: a year in words, a type, area or unit not in the
    taxonomy, a unit that does not exist in the entry's year.
    """
    from generator.common.problems import Problem  # noqa: PLC0415
    from generator.entries.check import check_units  # noqa: PLC0415 (check imports this module)
    from generator.entries.read import Source  # noqa: PLC0415
    from generator.entries.validate import validate_entry  # noqa: PLC0415

    year = values.get("year") if isinstance(values.get("year"), int) else dt.date.today().year
    stand_in = {"title": "Tên sáng kiến", "type": tax.types[0].slug, "area": tax.areas[0].number,
                "unit": next((u.slug for u in tax.units_valid_in(year)), tax.units[0].slug), "year": year,
                "summary": "Một câu tóm tắt đủ dài cho việc kiểm tra."}
    data = {**stand_in, **{k: v for k, v in values.items() if k in stand_in and v not in (None, "")}, name: value}
    if isinstance(value, str) and name in ("area", "year") and value.strip().isdigit():
        data[name] = int(value.strip())
    src = Source(rel="", path=Path("."), data=data)
    entry, problems = validate_entry(src, tax)
    mine: list[Problem] = [p for p in problems if p.field.split(".")[0] == name or (not p.field and name == "year")]
    if entry is not None and name == "unit":
        mine += [p for p in check_units(src, entry, tax) if p.field == "unit"]
    return [p.message for p in mine]


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
            lines.append(f"# {name}: {_example(name, tax, year if isinstance(year, int) else None, values.get('unit'))}")
        lines.append("")
    lines[-1] = "---"
    return "\n".join(lines) + "\n" + BODY


def _example(name: str, tax: Taxonomy | None = None, year: int | None = None, unit: str | None = None) -> str:
    """An example value for an optional field, valid in an entry of `year` (its units exist that year)."""
    year = year or dt.date.today().year
    if name == "replicated_in" and tax is not None:
        others = [u.slug for u in tax.units_valid_in(year) if u.slug != unit]
        return json.dumps(others[:1], ensure_ascii=False) if others else "[]"
    return {
        "organization": "hoi-nong-dan",
        "authors": '["Chi hội Nông dân thôn 3"]',
        "status": "ap-dung",
        "applied_since": f"{year}-03-15",
        "added": f"{year}-03-20",
        "replicated_in": '["ea-po"]',
        "recognition": f'[{{level: huyen, year: {year}, title: "Giấy khen của Ủy ban MTTQ Việt Nam huyện"}}]',
        "benefits": "{beneficiaries: 120, savings_vnd: 50000000}",
        "image": "ten-anh.jpg",
        "image_alt": '"Mô tả ngắn nội dung ảnh"',
        "tags": '["cà phê", "tiết kiệm nước"]',
        "featured": "false",
        "public_contacts": '["Văn phòng UBND xã: 0261 3xxx xxx"]',
    }.get(name, '""')


def new_entry_path(root: Path, year: int, slug: str) -> Path:
    return root / "initiatives" / str(year) / f"{slug}.md"
