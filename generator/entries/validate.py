"""Front matter → Entry, with every model error turned into a Vietnamese Problem at its line."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.entries.model import SUMMARY_MAX, Entry, Recognition
from generator.common.problems import Problem
from generator.entries.read import Source
from generator.entries.safety import lookalike_hint
from generator.common.taxonomy import Taxonomy
from generator.common.text import fold, slugify


def _label(field: str) -> str:
    """'recognition.0.level' → 'recognition[1].level (Cấp khen thưởng)'."""
    parts = field.split(".")
    shown = []
    model: Any = Entry
    title = ""
    for part in parts:
        if part.isascii() and part.isdigit() and shown:  # "²".isdigit() is True too
            shown[-1] += f"[{int(part) + 1}]"
            continue
        shown.append(part)
        info = getattr(model, "model_fields", {}).get(part)
        if info is not None:
            title = info.title or ""
            model = Recognition if part == "recognition" else None
    name = ".".join(shown)
    return f"`{name}` ({title})" if title else f"`{name}`"


def allowed_values(tax: Taxonomy, kind: str, year: int | None = None) -> str:
    """The allowed values of a taxonomy list, spelled out for an editor."""
    if kind == "areas":
        return "; ".join(f"{a.number} – {a.name}" for a in tax.areas)
    if kind == "types":
        return ", ".join(f"`{t.slug}` ({t.name})" for t in tax.types)
    if kind == "statuses":
        return ", ".join(f"`{s.slug}` ({s.name})" for s in tax.statuses)
    if kind == "recognition_levels":
        return ", ".join(f"`{lv.slug}` ({lv.name})" for lv in tax.recognition_levels)
    if kind == "organizations":
        return ", ".join(f"`{o.slug}` ({o.name})" for o in tax.organizations)
    if kind == "benefits":
        return ", ".join(f"`{b.key}` ({b.name}, {b.unit})" for b in tax.benefits)
    if kind == "units":
        units = tax.units_valid_in(year) if year else tax.units
        return ", ".join(f"`{u.slug}` ({tax.unit_label(u.slug)})" for u in units)
    raise KeyError(kind)


def _candidates(tax: Taxonomy, kind: str) -> dict[str, str]:
    """Folded spellings an editor might write → the slug they mean."""
    out: dict[str, str] = {}
    if kind == "units":
        for u in tax.units:
            out.setdefault(slugify(u.name), u.slug)
            out[u.slug] = u.slug
    elif kind == "areas":
        for a in tax.areas:
            out[slugify(a.short)] = str(a.number)
            out[a.slug] = str(a.number)
    elif kind == "benefits":
        out = {b.key: b.key for b in tax.benefits}
    else:
        for item in getattr(tax, kind):
            out[item.slug] = item.slug
            out[slugify(item.name)] = item.slug
    return out


def suggest(tax: Taxonomy, kind: str, value: object) -> str | None:
    cands = _candidates(tax, kind)
    key = slugify(str(value))
    if key in cands and cands[key] != str(value):
        return cands[key]
    import difflib  # only for a wrong value: a valid catalogue is checked without it

    close = difflib.get_close_matches(key, list(cands), n=1, cutoff=0.75)
    return cands[close[0]] if close else None


_TYPE_WORDS = {
    "string_type": "phải là một đoạn văn bản; hãy đặt giá trị trong dấu ngoặc kép, ví dụ `\"…\"`",
    "int_type": "phải là một số nguyên, không đặt trong dấu ngoặc kép",
    "int_parsing": "phải là một số nguyên (chỉ gồm chữ số, không có dấu chấm, dấu cách hay chữ)",
    "int_from_float": "phải là một số nguyên, không có phần thập phân",
    "bool_type": "chỉ nhận `true` hoặc `false`",
    "bool_parsing": "chỉ nhận `true` hoặc `false`",
    "list_type": "phải là một danh sách, mỗi mục trên một dòng bắt đầu bằng `- `",
    "dict_type": "phải là các cặp `tên: giá trị` thụt vào dưới tên trường",
    "model_type": "phải là một nhóm trường `level`, `year`, `title` thụt vào dưới dấu `- `",
    "model_attributes_type": "phải là một nhóm trường `level`, `year`, `title` thụt vào dưới dấu `- `",
}


def _message(err: dict, tax: Taxonomy, data: dict) -> str:
    kind = err["type"]
    field = ".".join(str(p) for p in err["loc"])
    label = _label(field)
    ctx = err.get("ctx") or {}
    value = err.get("input")
    year = data.get("year") if isinstance(data.get("year"), int) else None
    if kind == "missing":
        desc = Entry.model_fields.get(field)
        hint = f" {desc.description}" if desc is not None and desc.description else ""
        return f"Thiếu trường bắt buộc {label}.{hint}"
    if kind == "extra_forbidden":
        top = field.split(".")[-1]
        known = list(Recognition.model_fields) if field.startswith("recognition.") else list(Entry.model_fields)
        import difflib

        close = difflib.get_close_matches(top.lower(), known, n=1, cutoff=0.6)
        by_title = {fold(info.title or ""): name for name, info in Entry.model_fields.items()}
        guess = close[0] if close else by_title.get(fold(top).replace("_", " "))
        hint = f" Có phải ý bạn là `{guess}`?" if guess else ""
        return (f"Trường `{top}` không có trong mẫu mục sáng kiến.{hint} "
                f"Các trường được dùng: {', '.join(f'`{k}`' for k in known)}.")
    if kind == "taxonomy":
        which = ctx["field"]
        bad = ctx["value"]
        guess = suggest(tax, which, bad)
        hint = f" Có phải ý bạn là `{guess}`?" if guess else ""
        lookalike = lookalike_hint(str(bad), set(_candidates(tax, which).values()))
        if lookalike:
            hint = f" {lookalike}"
        what = {"units": "đơn vị", "areas": "lĩnh vực", "types": "loại", "statuses": "trạng thái",
                "organizations": "tổ chức", "recognition_levels": "cấp khen thưởng", "benefits": "chỉ số hiệu quả"}[which]
        return (f"{label}: `{bad}` không phải {what} nào trong danh mục.{hint} "
                f"Giá trị hợp lệ: {allowed_values(tax, which, year)}.")
    if kind in ("date_form", "date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        reason = str(ctx.get("error", ""))
        if "outside expected range" in reason or "range" in reason:
            return f"{label}: ngày `{value}` không có thật (tháng đó không có ngày này). Hãy kiểm tra lại ngày, tháng."
        return f"{label}: `{value}` không phải ngày hợp lệ. Hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ `2022-03-15`."
    if kind == "applied_after_year":
        return (f"`applied_since` (Áp dụng từ ngày) muộn hơn năm của mục ({ctx['year']}). "
                "Hãy sửa ngày áp dụng, hoặc sửa `year` cho đúng năm được công nhận.")
    if kind == "multiline":
        return f"{label} phải viết trên một dòng, không xuống dòng."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        if field in ("year",) or field.endswith(".year"):
            return f"{label}: năm `{value}` nằm ngoài khoảng cho phép ({ctx.get('ge', 2000)}–{ctx.get('le', 2100)}). Hãy viết đủ bốn chữ số, ví dụ 2022."
        return f"{label}: giá trị `{value}` không được âm."
    if kind == "string_too_long":
        if field == "summary":
            return (f"{label} dài {len(value)} ký tự, vượt giới hạn {SUMMARY_MAX} ký tự. "
                    "Hãy rút gọn thành một hai câu; phần chi tiết đưa xuống nội dung bên dưới.")
        return f"{label} dài {len(value)} ký tự, vượt giới hạn {ctx.get('max_length')} ký tự. Hãy rút gọn."
    if kind == "string_too_short":
        if not str(value).strip():
            return f"{label} đang để trống. Hãy điền nội dung."
        return f"{label} quá ngắn (ít nhất {ctx.get('min_length')} ký tự). Hãy viết đầy đủ hơn."
    if kind in _TYPE_WORDS:
        extra = ""
        if field == "area":
            extra = f" Năm lĩnh vực: {allowed_values(tax, 'areas')}."
            guess = suggest(tax, "areas", value)
            if guess:
                extra = f" Có phải ý bạn là `{guess}`?" + extra
        return f"{label} {_TYPE_WORDS[kind]}; hiện đang là `{value}`.{extra}"
    return f"{label}: {err['msg']}."


def validate_entry(src: Source, tax: Taxonomy) -> tuple[Entry | None, list[Problem]]:
    """Validate a read source's front matter; None when it does not make a usable entry."""
    if src.data is None:
        return None, []
    data = src.data
    try:
        return Entry.model_validate(data, context={"taxonomy": tax}), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            field = ".".join(str(p) for p in err["loc"])
            line = src.line_of(field) if field else src.line_of("applied_since")
            problems.append(Problem(src.rel, line, _message(err, tax, data), field=field))
        return None, problems
