"""A filled GitHub issue form, as GitHub writes it into the issue's body, read back into an entry — and the way back.

GitHub renders a submitted form as one section per field, in the form's order: a `### <label>` line, a blank
line, then the answer; `_No response_` for an empty field, the chosen options joined by ", " for a dropdown that
takes several, and `- [X] <option>` / `- [ ] <option>` lines for checkboxes. Labels are found through the form
definitions of `generator.entries.issue_form` (made from the model's titles), so no second list of labels
exists; values are read by model field, so the proposal form's dropdowns and the correction form's text boxes
read the same.

The body is untrusted text from anyone on the internet: nothing here runs, evaluates or expands it; every value
goes to the Entry model and the checks, which report what is wrong in the same words as `check`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from generator.common.taxonomy import Taxonomy
from generator.common.text import format_number, nfc
from generator.entries import issue_form
from generator.entries.issue_form import (BODY_ID, BODY_KEPT, RECOGNITION_SEPARATOR, SLUG_ID, benefit_line, code_of,
                                          options)
from generator.entries.model import FIELD_ORDER, Entry, Recognition, taxonomy_list
from generator.entries.read import MAX_FILE_BYTES

NO_RESPONSE = "_No response_"
PREFILL_BODY_CHARS = 600  # of a body, carried by the correction link (a Vietnamese letter is 6–9 characters of a URL)
MAX_FIELD_CHARS = 5_000  # any box but the body; the model's own limits are far lower
_CHECKED = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*)$")
_URL = re.compile(r"https?://[^\s)\"'<>\]]+")
_DROPDOWNS = ("types", "areas", "units", "statuses", "organizations")
_LISTS_BY_LINE = ("authors", "public_contacts")
_YES = {"có", "co", "x", "true", "yes", "[x]"}
_NO = {"", "không", "khong", "false", "no", "[ ]"}
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u2028\u2029\ufffe\uffff\x85]")


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one box of the form: its label, and what to do."""

    label: str
    message: str


@dataclass
class Parsed:
    """What a form body says: the front-matter values given, the body, the picture's address, problems."""

    data: dict = field(default_factory=dict)
    body: str | None = None
    slug: str | None = None
    picture_url: str | None = None
    body_kept: bool = False  # the body ends with the prefill's "rest unchanged" line
    answered: set[str] = field(default_factory=set)  # boxes present in the body (even empty)
    problems: list[FieldProblem] = field(default_factory=list)


def fields(form: dict) -> list[dict]:
    return [el for el in form["body"] if "id" in el]


def label_of(form: dict, field_id: str) -> str:
    return next(el["attributes"]["label"] for el in fields(form) if el["id"] == field_id)


# --- body → sections ---------------------------------------------------------------------------------
def sections(body: str, form: dict) -> tuple[dict[str, str], list[FieldProblem]]:
    """Cut the body at the form's own headings, in the form's order; each field's raw answer by id."""
    text = nfc(body.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    out: dict[str, str] = {}
    problems: list[FieldProblem] = []
    elements = fields(form)
    found: list[tuple[int, str]] = []
    at = 0
    for el in elements:
        heading = f"### {el['attributes']['label']}"
        # The next line that is this field's heading; an edited issue may have lost one.
        idx = next((i for i in range(at, len(lines)) if lines[i].rstrip() == heading), None)
        if idx is None:
            if el.get("validations", {}).get("required"):
                problems.append(FieldProblem(el["attributes"]["label"],
                                             f"Không tìm thấy ô “{el['attributes']['label']}” trong nội dung issue (dòng "
                                             f"`{heading}`). Nếu đã sửa nội dung issue, hãy giữ nguyên các dòng bắt đầu "
                                             "bằng `###` và chỉ sửa phần bên dưới mỗi dòng."))
            continue
        found.append((idx, el["id"]))
        at = idx + 1
    for n, (idx, fid) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        value = "\n".join(lines[idx + 1:end]).strip("\n")
        out[fid] = "" if value.strip() == NO_RESPONSE else value
    return out, problems


# --- sections → values -------------------------------------------------------------------------------
_MAPS: dict[int, tuple[Taxonomy, dict]] = {}


def _maps(tax: Taxonomy) -> dict:
    """Per taxonomy list: option text → code (and code → itself), code → option text. Made once per taxonomy:
    every entry page's correction link reads them."""
    cached = _MAPS.get(id(tax))
    if cached is None or cached[0] is not tax:
        maps = {}
        for kind in _DROPDOWNS:
            opts = options(tax, kind)
            codes = {o: code_of(o) for o in opts}
            maps[kind] = ({**codes, **{c: c for c in codes.values()}}, {c: o for o, c in codes.items()})
        cached = _MAPS[id(tax)] = (tax, maps)
    return cached[1]


def _codes(tax: Taxonomy, kind: str) -> dict[str, str]:
    """Option text → code, and each code → itself: the proposal's dropdown text and the correction's code both read."""
    return _maps(tax)[kind][0]


def _one_of(tax: Taxonomy, kind: str, text: str) -> str:
    text = text.strip()
    return _codes(tax, kind).get(text, text)


def _many_of(tax: Taxonomy, kind: str, text: str) -> list[str]:
    """GitHub joins a multiple dropdown's options with ", ", and the options hold commas: match options first."""
    known = sorted(_codes(tax, kind), key=len, reverse=True)
    out: list[str] = []
    rest = " ".join(text.split())
    while rest:
        rest = rest.lstrip(" ,;")
        if not rest:
            break
        hit = next((k for k in known if rest.startswith(k) and (len(rest) == len(k) or rest[len(k)] in ",; ")), None)
        if hit is None:
            piece, _, rest = rest.partition(",")
            piece = piece.strip()
            if piece:
                out.append(piece)
            continue
        out.append(_codes(tax, kind)[hit])
        rest = rest[len(hit):]
    return out


def _number(text: str) -> int | str:
    """'50.000.000' or '50 000 000' → 50000000; anything else stays text for the model to report."""
    t = text.strip()
    compact = re.sub(r"(?<=\d)[.\s](?=\d{3}\b)", "", t)
    return int(compact) if re.fullmatch(r"[0-9]{1,15}", compact) else t


def _lines(text: str) -> list[str]:
    out = []
    for ln in text.split("\n"):
        ln = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", ln).strip()
        if ln:
            out.append(ln)
    return out


def _recognition(text: str, label: str, problems: list[FieldProblem]) -> list[dict]:
    out = []
    keys = list(Recognition.model_fields)
    for ln in _lines(text):
        m = re.fullmatch(r"(\S+)\s*[–—-]\s*(\d{4})\s*[–—-]\s*(.+)", ln)
        if not m:
            example = RECOGNITION_SEPARATOR.join(["huyen", "2022", "Giấy khen của Ủy ban MTTQ Việt Nam huyện"])
            problems.append(FieldProblem(label, f"Dòng “{ln[:120]}” chưa đúng dạng `cấp{RECOGNITION_SEPARATOR}năm"
                                                f"{RECOGNITION_SEPARATOR}hình thức`, ví dụ `{example}`. "
                                                "Mỗi lần khen thưởng viết trên một dòng."))
            continue
        out.append(dict(zip(keys, [m.group(1), int(m.group(2)), m.group(3).strip()])))
    return out


def _benefits(text: str, label: str, problems: list[FieldProblem]) -> dict:
    out: dict = {}
    for ln in _lines(text):
        key, colon, value = ln.partition(":")
        if not colon:
            problems.append(FieldProblem(label, f"Dòng “{ln[:120]}” thiếu dấu `:` trước con số. Mỗi dòng có dạng "
                                                "`tên chỉ số (mô tả): con số`, ví dụ `beneficiaries (Số người hưởng lợi, người): 120`."))
            continue
        # A description in brackets may itself hold a colon-free comma list: the key is the first word.
        key = key.strip().split("(")[0].split()[0] if key.strip() else ""
        if not value.strip():
            continue
        out[key] = _number(value)
    return out


def _picture_url(text: str) -> str | None:
    urls = _URL.findall(text)
    return urls[0] if urls else None


def to_values(raw: dict[str, str], form: dict, tax: Taxonomy) -> Parsed:
    """Each box's text → the value the entry key takes (None: empty). Text that does not fit stays text, so
    the model reports it with `check`'s message."""
    parsed = Parsed(answered=set(raw))
    for el in fields(form):
        if el["id"] not in raw:
            continue
        text = raw[el["id"]]
        fid = issue_form.field_name(el["id"])
        label = el["attributes"]["label"]
        if fid == SLUG_ID:
            parsed.slug = text.strip() or None
            continue
        if fid == BODY_ID:
            body = text.rstrip()
            if body.endswith(BODY_KEPT):
                parsed.body_kept = True
                body = body[: -len(BODY_KEPT)].rstrip()
            parsed.body = body + "\n" if body.strip() else None
            continue
        info = Entry.model_fields[fid]
        kind = taxonomy_list(info)
        if len(text) > MAX_FIELD_CHARS:
            parsed.problems.append(FieldProblem(label, f"Ô này dài {format_number(len(text))} ký tự, vượt giới hạn "
                                                       f"{format_number(MAX_FIELD_CHARS)} ký tự của một ô. Hãy rút gọn; "
                                                       "phần mô tả chi tiết viết vào ô “Nội dung”."))
            continue
        value: object
        if not text.strip() and fid != "featured":
            parsed.data[fid] = None
            continue
        if fid == "replicated_in":
            value = _many_of(tax, "units", text)
        elif kind in _DROPDOWNS:
            value = _one_of(tax, kind, text)
            if fid == "area" and str(value).isascii() and str(value).isdigit():
                value = int(value)
        elif fid == "year":
            value = _number(text)
        elif fid == "tags":
            value = [t.strip() for t in re.split(r"[,;\n]", text) if t.strip()]
        elif fid in _LISTS_BY_LINE:
            value = _lines(text)
        elif fid == "recognition":
            value = _recognition(text, label, parsed.problems)
        elif fid == "benefits":
            value = _benefits(text, label, parsed.problems)
        elif fid == "featured":
            boxes = [m.group(1) for ln in text.split("\n") if (m := _CHECKED.match(ln))]
            word = text.strip().lower()
            if boxes:
                value = any(b in "xX" for b in boxes)
            elif word in _YES or word in _NO:
                value = word in _YES
            else:
                value = text.strip()
        elif fid == "image":
            url = _picture_url(text)
            if url:
                parsed.picture_url = url
                continue
            value = text.strip()
        else:
            value = text.strip()
        parsed.data[fid] = None if value is False or value in ([], {}) else value
    return parsed


def parse(body: str, form: dict, tax: Taxonomy) -> Parsed:
    """The issue body → values. Oversized or binary bodies are refused before any parsing."""
    if len(body) > MAX_FILE_BYTES:
        return Parsed(problems=[FieldProblem("Nội dung issue", f"Nội dung issue quá dài ({format_number(len(body))} ký tự, "
                                             f"giới hạn {format_number(MAX_FILE_BYTES)}). Hãy rút gọn; một mục sáng kiến "
                                             "thường chỉ vài nghìn chữ.")])
    if "\x00" in body:
        return Parsed(problems=[FieldProblem("Nội dung issue", "Nội dung issue chứa ký tự rỗng (NUL). Hãy chép lại "
                                             "phần chữ vào mẫu, không dán dữ liệu nhị phân.")])
    raw, problems = sections(body, form)
    parsed = to_values(raw, form, tax)
    parsed.problems = problems + parsed.problems
    return parsed


# --- entry → form text (fixtures, prefill) ----------------------------------------------------------
def field_text(tax: Taxonomy, name: str, value: object, dropdown: bool = True) -> str:
    """What a form box holds for an entry value: the proposal's option text (dropdown), or the code."""
    if value is None or value == [] or value == {}:
        return ""
    kind = _KINDS.get(name)
    if name == "replicated_in":
        by_code = _maps(tax)["units"][1]
        return ", ".join(by_code.get(v, v) if dropdown else v for v in value)
    if kind in _DROPDOWNS:
        return _maps(tax)[kind][1].get(str(value), str(value)) if dropdown else str(value)
    if name == "featured":
        return ("có" if value else "không")
    if name == "tags":
        return ", ".join(value)
    if name in _LISTS_BY_LINE:
        return "\n".join(value)
    if name == "recognition":
        return "\n".join(RECOGNITION_SEPARATOR.join(str(_get(r, k)) for k in _RECOGNITION_KEYS) for r in value)
    if name == "benefits":
        return "\n".join(benefit_line(tax, k, v) for k, v in value.items())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_RECOGNITION_KEYS = tuple(Recognition.model_fields)
_KINDS = {name: taxonomy_list(info) for name, info in Entry.model_fields.items()}


def _get(obj, key):
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)


def prefill_cut(body: str) -> int:
    """Where the correction link cuts a long body: the last paragraph end within PREFILL_BODY_CHARS. The bot
    cuts the entry's body at the same place to put the rest back after the edited beginning."""
    if len(body) <= PREFILL_BODY_CHARS:
        return len(body)
    cut = body.rfind("\n\n", 0, PREFILL_BODY_CHARS)
    return cut if cut > 0 else PREFILL_BODY_CHARS


def prefill_body(body: str) -> str:
    """The body as the correction link carries it: whole when short, else its beginning and the "rest kept" line."""
    cut = prefill_cut(body)
    return body.strip("\n") if cut >= len(body) else body[:cut].rstrip("\n") + "\n\n" + BODY_KEPT


def render_body(form: dict, answers: dict[str, str], checked: dict[str, list[bool]] | None = None) -> str:
    """The issue body GitHub writes for a submitted form: answers by field id (missing or empty: no response)."""
    out = []
    for el in fields(form):
        label = el["attributes"]["label"]
        if el["type"] == "checkboxes":
            marks = (checked or {}).get(el["id"]) or [False] * len(el["attributes"]["options"])
            value = "\n".join(f"- [{'X' if on else ' '}] {o['label']}" for o, on in zip(el["attributes"]["options"], marks))
        else:
            value = answers.get(el["id"], "") or NO_RESPONSE
        out.append(f"### {label}\n\n{value}")
    return "\n\n".join(out)


def entry_answers(tax: Taxonomy, data: dict, body: str, form: dict) -> tuple[dict[str, str], dict[str, list[bool]]]:
    """An entry's values as the boxes of a form hold them (the proposal's dropdown text, the correction's codes),
    by the boxes' ids."""
    answers: dict[str, str] = {}
    checked: dict[str, list[bool]] = {}
    for el in fields(form):
        fid = issue_form.field_name(el["id"])
        if fid == BODY_ID:
            answers[el["id"]] = body.strip("\n")
        elif fid in Entry.model_fields:
            if el["type"] == "checkboxes":
                checked[el["id"]] = [bool(data.get(fid))]
            else:
                answers[el["id"]] = field_text(tax, fid, data.get(fid), dropdown=el["type"] == "dropdown")
    return answers, checked


# --- values → entry file ------------------------------------------------------------------------------
def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = json.dumps(str(value), ensure_ascii=False)
    # What YAML would not read back as written (line separators, C1 controls) is escaped; the rest stays as
    # typed, invisible characters included, so the checks find and name them at their line.
    return _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else _scalar(key)


def front_matter(data: dict) -> str:
    """Front-matter lines for values in the model's order: one item per line, as `fmt` writes them."""
    lines: list[str] = []
    order = {k: i for i, k in enumerate(FIELD_ORDER)}
    for key in sorted(data, key=lambda k: (order.get(k, len(order)), k)):
        value = data[key]
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        lines.append(f"  {'- ' if first else '  '}{k}: {_scalar(v)}")
                        first = False
                else:
                    lines.append(f"  - {_scalar(item)}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {_key(k)}: {_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines)


def entry_text(data: dict, body: str) -> str:
    return "---\n" + front_matter(data) + "\n---\n\n" + body.strip("\n") + "\n"


def _top_level_blocks(front: str) -> list[tuple[str, int, int]]:
    """(key, first line, line after its value) of each top-level key, comments above a key left to that key."""
    from generator.entries.read import load_yaml

    _, lines = load_yaml(front, 1)
    tops = sorted((line - 1, key) for key, line in lines.items() if "." not in key)
    rows = front.split("\n")
    out = []
    for n, (start, key) in enumerate(tops):
        end = tops[n + 1][0] if n + 1 < len(tops) else len(rows)
        while end > start + 1 and (not rows[end - 1].strip() or rows[end - 1].startswith("#")):
            end -= 1
        out.append((key, start, end))
    return out


def replace_fields(text: str, changes: dict, body: str | None = None) -> str:
    """An entry file with only the given keys rewritten (None: removed) and, if given, a new body; every other
    line as it was. New keys go at the end of the front matter, where `fmt` puts them in the model's order."""
    from generator.entries.read import split_front_matter

    split = split_front_matter(text, "")
    if not isinstance(split, tuple):
        raise ValueError("front matter")
    front, _, old_body, _ = split
    rows = front.split("\n")
    out: list[str] = []
    at = 0
    seen = set()
    for key, start, end in _top_level_blocks(front):
        out += rows[at:start]
        at = end
        seen.add(key)
        if key not in changes:
            out += rows[start:end]
        elif changes[key] not in (None, [], {}):
            out += front_matter({key: changes[key]}).split("\n")
    out += rows[at:]
    added = {k: v for k, v in changes.items() if k not in seen and v not in (None, [], {})}
    if added:
        while out and not out[-1].strip():
            out.pop()
        out += front_matter(added).split("\n")
    tail = old_body if body is None else "\n" + body.strip("\n") + "\n"
    return "---\n" + "\n".join(out).strip("\n") + "\n---\n" + tail
