"""The GitHub issue forms "Đề xuất sáng kiến" and "Sửa mục sáng kiến", generated from the Entry model and the taxonomy.

One form field per entry key (same id, the model's title as label and its description as help), plus one for
the body; `generator.entries.issue_body` reads the filled form back through these same definitions, so the
labels live here and in the model only. Dropdowns list the taxonomy's values with their codes. Stamped
fields (`added`) are left out: the bot that turns an issue into an entry fills them (scaffold.stamp_added).

The correction form has the same fields under the same labels, plus the entry's code; every field is a text
box (GitHub prefills text boxes from the query string, not dropdowns or checkboxes), so the "Đề xuất sửa mục
này" link of an entry page opens it with the entry's current values in place. Regenerate both with
`python -m generator issue-form`; a test checks the committed files are current.
"""

from __future__ import annotations

import re

import yaml

from generator.entries.model import Entry, Recognition, is_stamped, taxonomy_list
from generator.entries.scaffold import BODY
from generator.common.taxonomy import Taxonomy
from generator.common.text import format_date

FORM_PATH = ".github/ISSUE_TEMPLATE/de-xuat-sang-kien.yml"
CORRECTION_PATH = ".github/ISSUE_TEMPLATE/sua-sang-kien.yml"
BODY_ID = "body"
SLUG_ID = "slug"
SLUG_LABEL = "Mã mục"
BODY_LABEL = "Nội dung"
PROPOSAL_LABEL = "đề xuất"  # the issue label each form sets; the bot's workflow runs for these two
CORRECTION_LABEL = "sửa mục"
FEATURED_OPTION = "Đề nghị giới thiệu mục này trên trang chủ (ban biên tập quyết định)"
RECOGNITION_SEPARATOR = " – "
# GitHub's own query parameters of a new issue: a correction-form box under one of these ids could not be
# prefilled (`title=` sets the issue's title), so the correction form names those boxes `entry_<key>`.
GITHUB_QUERY_PARAMETERS = frozenset({"title", "body", "labels", "assignees", "template", "milestone", "projects", "type"})
CORRECTION_ID_PREFIX = "entry_"
# Written by the prefill when an entry's body is too long for a link: the bot keeps the rest of the body.
BODY_KEPT = "(… phần còn lại của nội dung được giữ nguyên, không cần chép lại)"
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


def benefit_line(tax: Taxonomy, key: str, value: object = "") -> str:
    """One line of the benefits box: `key (name, unit): value`."""
    b = tax.benefit_by_key[key]
    return f"{b.key} ({b.name}, {b.unit}): {value}"


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
            name, options=[{"label": FEATURED_OPTION}])}
    if name == "recognition":
        levels = ", ".join(f"{lv.slug} ({lv.name})" for lv in tax.recognition_levels)
        parts = RECOGNITION_SEPARATOR.join(f"{Recognition.model_fields[k].title}" for k in Recognition.model_fields)
        return {"type": "textarea", "id": name, "attributes": _attrs(
            name, description=f"{Entry.model_fields[name].description} Mỗi dòng một lần khen thưởng: {parts}. "
                              f"Các cấp: {levels}.",
            placeholder=RECOGNITION_SEPARATOR.join(["huyen", "2022", "Giấy khen của Ủy ban MTTQ Việt Nam huyện"]))}
    if name == "benefits":
        lines = "\n".join(benefit_line(tax, b.key) for b in tax.benefits)
        return {"type": "textarea", "id": name, "attributes": _attrs(name, value=lines + "\n")}
    if name == "image":
        return {"type": "textarea", "id": name, "attributes": _attrs(
            name, description=f"{Entry.model_fields[name].description} Ở mẫu này: kéo thả ảnh (jpg, png, dưới 10 MB) "
                              "vào ô, máy sẽ tải ảnh về đặt cạnh tệp mục.")}
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
        "label": BODY_LABEL,
        "description": "Phần nội dung của mục: thực trạng, giải pháp, điều kiện áp dụng, hiệu quả (có số liệu nếu có) "
                       "và cách nhân rộng. Viết dưới mỗi tiêu đề có sẵn.",
        "value": headings + "\n"}, "validations": {"required": True}}


def issue_form(tax: Taxonomy) -> dict:
    intro = (
        f"Cảm ơn bạn đóng góp cho danh mục “{tax.site.name}”. Mỗi ô dưới đây ứng với một trường của tệp mục; "
        "ô có dấu * là bắt buộc. **Nội dung gửi ở đây được công khai ngay**: không ghi số điện thoại, thư điện tử, "
        "số căn cước hay địa chỉ nhà của cá nhân. Máy kiểm tra đề xuất ngay và trả lời bằng một bình luận; "
        "khi đề xuất hợp lệ, máy tạo yêu cầu hợp nhất để ban biên tập xem lại rồi đưa vào danh mục. "
        "Khi máy báo lỗi, bấm “Edit” ở nội dung issue để sửa; máy kiểm tra lại sau mỗi lần sửa."
    )
    return {
        "name": "Đề xuất sáng kiến",
        "description": "Gửi một sáng kiến, ý tưởng mới, sáng chế hoặc mô hình “Đoàn kết sáng tạo” để đưa vào danh mục.",
        "title": "[Đề xuất] ",
        "labels": [PROPOSAL_LABEL],
        "body": [{"type": "markdown", "attributes": {"value": intro}}]
                + [field(tax, name) for name in Entry.model_fields if not is_stamped(name)] + [body_field()],
    }


def correction_id(name: str) -> str:
    """The correction form's id of an entry key (or of the body): the key, unless GitHub reads it itself."""
    return CORRECTION_ID_PREFIX + name if name in GITHUB_QUERY_PARAMETERS else name


def field_name(element_id: str) -> str:
    """The entry key (or the body) a box of either form stands for."""
    name = element_id.removeprefix(CORRECTION_ID_PREFIX)
    return name if element_id != name and name in GITHUB_QUERY_PARAMETERS else element_id


def correction_field(tax: Taxonomy, name: str) -> dict:
    """The correction form's box for one entry key: the proposal's field as a text box, never required."""
    element = field(tax, name)
    attrs = dict(element["attributes"])
    kind = element["type"]
    attrs.pop("value", None)
    attrs.pop("multiple", None)
    choices = attrs.pop("options", None)
    if kind == "dropdown":
        codes = ", ".join(code_of(o) for o in choices)
        attrs["description"] = f"{attrs['description']} Ghi mã{' (mỗi mã cách nhau dấu phẩy)' if name == 'replicated_in' else ''}: {codes}."
    elif kind == "checkboxes":
        attrs["description"] = f"{attrs['description']} Ghi `có` hoặc `không`."
    box = "textarea" if kind == "textarea" or name == "replicated_in" else "input"
    return {"type": box, "id": correction_id(name), "attributes": attrs}


def correction_form(tax: Taxonomy) -> dict:
    intro = (
        "Đề xuất sửa một mục đã có trong danh mục. Mở mẫu này bằng đường dẫn “Đề xuất sửa mục này” ở cuối trang "
        "của mục: các ô đã điền sẵn giá trị hiện tại. Chỉ sửa ô cần sửa; ô nào để nguyên thì mục giữ nguyên. "
        "Xóa hết chữ trong một ô (trừ ô Nội dung) là bỏ trường đó. **Nội dung gửi ở đây được công khai ngay**: "
        "không ghi số điện thoại, thư điện tử, số căn cước hay địa chỉ nhà của cá nhân. Máy sẽ kiểm tra và tạo "
        "yêu cầu hợp nhất chỉ với những trường đã sửa; ban biên tập xem lại trước khi đưa lên trang."
    )
    slug = {"type": "input", "id": SLUG_ID, "attributes": {
        "label": SLUG_LABEL,
        "description": "Mã của mục cần sửa: phần cuối địa chỉ trang của mục, cũng là tên tệp (ví dụ "
                       "may-say-ca-phe-lo-dot-vo). Đã điền sẵn khi mở từ trang của mục; đừng đổi."},
        "validations": {"required": True}}
    body = body_field()
    body["attributes"] = {**body["attributes"], "description": "Phần nội dung của mục. Để trống nếu giữ nguyên nội dung."}
    body["attributes"].pop("value", None)
    body.pop("validations", None)
    body["id"] = correction_id(BODY_ID)
    return {
        "name": "Sửa mục sáng kiến",
        "description": "Đề xuất sửa thông tin của một sáng kiến đã có trong danh mục.",
        "title": "[Sửa mục] ",
        "labels": [CORRECTION_LABEL],
        "body": [{"type": "markdown", "attributes": {"value": intro}}, slug]
                + [correction_field(tax, name) for name in Entry.model_fields] + [body],
    }


def form_text(form: dict) -> str:
    return HEADER + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=120)


def issue_form_text(tax: Taxonomy) -> str:
    return form_text(issue_form(tax))


def correction_form_text(tax: Taxonomy) -> str:
    return form_text(correction_form(tax))


def generated_forms(tax: Taxonomy) -> dict[str, str]:
    """Every generated form: path → text."""
    return {FORM_PATH: issue_form_text(tax), CORRECTION_PATH: correction_form_text(tax)}
