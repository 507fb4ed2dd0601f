"""The GitHub issue form "Đề xuất sáng kiến", generated from the Entry model and the taxonomy.

One form field per entry key (same id, the model's title as label and its description as help), plus one for
the body, so a maintainer turns an issue into an entry by copying field after field. Dropdowns list the
taxonomy's values with their codes. Regenerate with `python -m generator issue-form`; a test checks the
committed file is current.
"""

from __future__ import annotations

import re

import yaml

from generator.entries.model import Entry, Recognition, taxonomy_list
from generator.entries.scaffold import BODY
from generator.common.taxonomy import Taxonomy
from generator.common.text import format_date

FORM_PATH = ".github/ISSUE_TEMPLATE/de-xuat-sang-kien.yml"
BODY_ID = "body"
HEADER = "# Generated from generator/entries/model.py and taxonomy.yml by `python -m generator issue-form`; do not edit.\n"


# --- the options of each dropdown, with the code a maintainer copies into the entry -------------
def unit_option(tax: Taxonomy, slug: str) -> str:
    unit = tax.unit_by_slug[slug]
    span = []
    if unit.valid_from:
        span.append(f"từ {format_date(unit.valid_from)}")
    if unit.valid_until:
        span.append(f"đến {format_date(unit.valid_until)}")
    when = f", {' '.join(span)}" if span else ""
    return f"{tax.unit_label(slug)}, tỉnh {unit.province} ({slug}{when})"


def options(tax: Taxonomy, kind: str) -> list[str]:
    if kind == "types":
        return [f"{t.name} ({t.slug})" for t in tax.types]
    if kind == "areas":
        return [f"{a.number}. {a.name}" for a in tax.areas]
    if kind == "units":
        return [unit_option(tax, u.slug) for u in tax.units]
    if kind == "statuses":
        return [f"{s.name} ({s.slug})" for s in tax.statuses]
    if kind == "organizations":
        return [f"{o.name} ({o.slug})" for o in tax.organizations]
    raise KeyError(kind)


def code_of(option: str) -> str:
    """The code inside a dropdown option: 'xã Ea Pô, tỉnh Đắk Nông (ea-po, đến 30/6/2025)' → 'ea-po'."""
    if re.match(r"^\d+\. ", option):
        return option.split(".", 1)[0]
    return option.rsplit("(", 1)[1].split(",")[0].rstrip(")")


def _kind(name: str) -> str | None:
    return taxonomy_list(Entry.model_fields[name])


# --- fields -----------------------------------------------------------------------------------
def _attrs(name: str, **more) -> dict:
    info = Entry.model_fields[name]
    return {"label": info.title, "description": info.description, **more}


def _required(name: str) -> dict:
    return {"validations": {"required": True}} if Entry.model_fields[name].is_required() else {}


def field(tax: Taxonomy, name: str) -> dict:
    """The form element for one entry key."""
    kind = _kind(name)
    if name == "replicated_in":
        return {"type": "dropdown", "id": name, "attributes": _attrs(name, multiple=True, options=options(tax, "units"))}
    if kind in ("types", "areas", "units", "statuses", "organizations"):
        return {"type": "dropdown", "id": name, "attributes": _attrs(name, options=options(tax, kind)), **_required(name)}
    if name == "featured":
        return {"type": "checkboxes", "id": name, "attributes": _attrs(
            name, options=[{"label": "Đề nghị giới thiệu mục này trên trang chủ (ban biên tập quyết định)"}])}
    if name == "recognition":
        levels = ", ".join(f"{lv.slug} ({lv.name})" for lv in tax.recognition_levels)
        parts = " – ".join(f"{Recognition.model_fields[k].title}" for k in Recognition.model_fields)
        return {"type": "textarea", "id": name, "attributes": _attrs(
            name, description=f"{Entry.model_fields[name].description} Mỗi dòng một lần khen thưởng: {parts}. "
                              f"Các cấp: {levels}.",
            placeholder="huyen – 2022 – Giấy khen của Ủy ban MTTQ Việt Nam huyện")}
    if name == "benefits":
        lines = "\n".join(f"{b.key} ({b.name}, {b.unit}): " for b in tax.benefits)
        return {"type": "textarea", "id": name, "attributes": _attrs(name, value=lines + "\n")}
    if name == "image":
        return {"type": "textarea", "id": name, "attributes": _attrs(
            name, description=f"{Entry.model_fields[name].description} Ở mẫu này: kéo thả ảnh (jpg, png, dưới 10 MB) "
                              "vào ô, ban biên tập sẽ đặt ảnh cạnh tệp mục.")}
    if name in ("authors", "public_contacts"):
        return {"type": "textarea", "id": name, "attributes": _attrs(name, placeholder="Mỗi dòng một mục")}
    if name == "summary":
        return {"type": "textarea", "id": name, "attributes": _attrs(name), **_required(name)}
    if name == "applied_since":
        return {"type": "input", "id": name, "attributes": _attrs(name, placeholder="2022-03-15")}
    if name == "year":
        return {"type": "input", "id": name, "attributes": _attrs(name, placeholder="2022"), **_required(name)}
    if name == "tags":
        return {"type": "input", "id": name, "attributes": _attrs(name, placeholder="cà phê, tiết kiệm nước")}
    return {"type": "input", "id": name, "attributes": _attrs(name), **_required(name)}


def body_field() -> dict:
    headings = "\n\n".join(ln for ln in BODY.splitlines() if ln.startswith("## "))
    return {"type": "textarea", "id": BODY_ID, "attributes": {
        "label": "Nội dung",
        "description": "Phần nội dung của mục: thực trạng, giải pháp, điều kiện áp dụng, hiệu quả (có số liệu nếu có) "
                       "và cách nhân rộng. Viết dưới mỗi tiêu đề có sẵn.",
        "value": headings + "\n"}, "validations": {"required": True}}


def issue_form(tax: Taxonomy) -> dict:
    intro = (
        f"Cảm ơn bạn đóng góp cho danh mục “{tax.site.name}”. Mỗi ô dưới đây ứng với một trường của tệp mục; "
        "ô có dấu * là bắt buộc. **Nội dung gửi ở đây được công khai ngay**: không ghi số điện thoại, thư điện tử, "
        "số căn cước hay địa chỉ nhà của cá nhân. Ban biên tập sẽ đọc, hỏi thêm nếu cần, rồi đưa đề xuất vào danh mục."
    )
    return {
        "name": "Đề xuất sáng kiến",
        "description": "Gửi một sáng kiến, ý tưởng mới, sáng chế hoặc mô hình “Đoàn kết sáng tạo” để đưa vào danh mục.",
        "title": "[Đề xuất] ",
        "labels": ["đề xuất"],
        "body": [{"type": "markdown", "attributes": {"value": intro}}]
                + [field(tax, name) for name in Entry.model_fields] + [body_field()],
    }


def issue_form_text(tax: Taxonomy) -> str:
    return HEADER + yaml.safe_dump(issue_form(tax), allow_unicode=True, sort_keys=False, width=120)
