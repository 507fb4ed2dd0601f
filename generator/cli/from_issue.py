"""`python -m generator from-issue EVENT.json`: a filled issue form becomes an entry file, or a list of what to fix.

Reads a GitHub `issues` event payload (the file GitHub Actions gives in GITHUB_EVENT_PATH: the body is read from
it, never through a shell), parses the form "Đề xuất sáng kiến" or "Sửa mục sáng kiến" (by the issue's label),
writes `initiatives/<year>/<slug>.md` in `fmt`'s canonical form (and the picture beside it), checks it with the
same code as `check`, and prints a Vietnamese Markdown comment: every problem under the form box it concerns,
with `check`'s message, or a summary of the proposed entry. When anything is wrong, what it wrote is taken back:
the tree is as it was. It writes nothing outside `initiatives/`, except the files named by --comment and
--github-output.

Exit status: 0 the entry is written and clean, 1 problems (the comment says which), 2 the event file is unusable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog import project
from generator.common.problems import Problem
from generator.common.taxonomy import Taxonomy
from generator.entries import fmt, issue_body, picture
from generator.entries.check import SLUG
from generator.entries.issue_body import FieldProblem
from generator.entries.issue_form import (BODY_ID, BODY_KEPT, BODY_LABEL, CORRECTION_LABEL, SLUG_LABEL,
                                          correction_form, issue_form)
from generator.entries.model import MAX_YEAR, MIN_YEAR, Entry
from generator.entries.read import ENTRIES_DIR, entry_files, read_source
from generator.entries.scaffold import free_slug, stamp_added

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def entry_date() -> dt.date:
    """The date a proposal enters the catalogue: the one place the bot reads the clock."""
    return dt.date.today()


@dataclass
class Outcome:
    kind: str  # "proposal" or "correction"
    problems: list[FieldProblem] = field(default_factory=list)
    warnings: list[FieldProblem] = field(default_factory=list)
    rel: str | None = None  # the entry file written
    written: list[str] = field(default_factory=list)  # every file written (entry, picture), relative
    removed: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # the proposed front matter
    changed: list[str] = field(default_factory=list)  # correction: the keys that differ
    title: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and self.rel is not None


class _Files:
    """Writes under initiatives/ only, remembering what was there so that everything can be taken back."""

    def __init__(self, root: Path):
        self.root = root
        self.base = (root / ENTRIES_DIR).resolve()
        self.saved: dict[Path, bytes | None] = {}

    def target(self, rel: str) -> Path:
        path = self.root / rel
        parent = path.parent.resolve()
        if not (parent == self.base or parent.is_relative_to(self.base)) or path.is_symlink():
            raise ValueError(f"refusing to write outside {ENTRIES_DIR}/: {rel}")
        return parent / path.name

    def write(self, rel: str, data: bytes) -> None:
        path = self.target(rel)
        if path not in self.saved:
            self.saved[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        fmt.write_atomically(path, data)

    def remove(self, rel: str) -> None:
        path = self.target(rel)
        if path.exists():
            if path not in self.saved:
                self.saved[path] = path.read_bytes()
            path.unlink()

    def undo(self) -> None:
        for path, before in self.saved.items():
            if before is None:
                path.unlink(missing_ok=True)
                try:
                    path.parent.rmdir()  # a year folder made for this proposal alone
                except OSError:
                    pass
            else:
                fmt.write_atomically(path, before)


# --- the two forms ---------------------------------------------------------------------------------
def _label(name: str) -> str:
    return Entry.model_fields[name].title if name in Entry.model_fields else BODY_LABEL


def _year_of(value: object) -> int:
    return value if isinstance(value, int) and MIN_YEAR <= value <= MAX_YEAR else entry_date().year


def _canonical(text: str, rel: str) -> bytes:
    result = fmt.format_bytes(text.encode("utf-8"), rel)
    return result.formatted if result.formatted is not None else text.encode("utf-8")


def _place_picture(files: _Files, tax: Taxonomy, url: str, folder: str, slug: str, out: Outcome,
                   fetcher=picture.fetch) -> str | None:
    try:
        data, ext = fetcher(url, tax.site.attachment_urls)
    except picture.PictureError as err:
        out.problems.append(FieldProblem(_label("image"), str(err)))
        return None
    name = f"{slug}.{ext}"
    files.write(f"{folder}/{name}", data)
    return name


def _proposal(root: Path, tax: Taxonomy, parsed: issue_body.Parsed, files: _Files, out: Outcome, fetcher) -> None:
    data = {k: v for k, v in parsed.data.items() if v is not None}
    data = stamp_added(data, entry_date())
    taken = {p.stem for p in entry_files(root)}
    title = data.get("title")
    slug = free_slug(title if isinstance(title, str) else "", taken)
    folder = f"{ENTRIES_DIR}/{_year_of(data.get('year'))}"
    if parsed.picture_url:
        name = _place_picture(files, tax, parsed.picture_url, folder, slug, out, fetcher)
        if name:
            data["image"] = name
    out.rel = f"{folder}/{slug}.md"
    out.data = data
    files.write(out.rel, _canonical(issue_body.entry_text(data, parsed.body or ""), out.rel))


def _correction(root: Path, tax: Taxonomy, parsed: issue_body.Parsed, files: _Files, out: Outcome, fetcher) -> None:
    slug = (parsed.slug or "").strip()
    found = [p for p in entry_files(root) if p.stem == slug] if SLUG.match(slug) else []
    if not found:
        out.problems.append(FieldProblem(SLUG_LABEL, f"Không có mục nào mang mã `{slug[:80]}`. Hãy mở mẫu sửa bằng "
                                                     "đường dẫn “Đề xuất sửa mục này” ở cuối trang của mục."))
        return
    path = found[0]
    rel = path.relative_to(root).as_posix()
    src = read_source(path, root)
    if src.data is None:
        out.problems.append(FieldProblem(SLUG_LABEL, "Tệp của mục này đang có lỗi nên chưa sửa qua mẫu được; "
                                                     "ban biên tập sẽ sửa trực tiếp."))
        return
    old = src.data
    changes = {k: v for k, v in parsed.data.items() if k in Entry.model_fields and old.get(k) != v
               and not (v is None and old.get(k) in (None, [], {}, False))}
    body = None
    if parsed.body is not None:
        new_body = parsed.body
        if parsed.body_kept:
            new_body = parsed.body.rstrip("\n") + src.body[issue_body.prefill_cut(src.body):]
        if new_body.strip() != src.body.strip():
            body = new_body
    year = changes.get("year", old.get("year"))
    folder = f"{ENTRIES_DIR}/{_year_of(year)}" if "year" in changes else rel.rsplit("/", 1)[0]
    if parsed.picture_url:
        name = _place_picture(files, tax, parsed.picture_url, folder, slug, out, fetcher)
        if name and name != old.get("image"):
            changes["image"] = name
    out.changed = [k for k in Entry.model_fields if k in changes] + ([BODY_ID] if body is not None else [])
    if not out.changed and not out.problems:
        out.problems.append(FieldProblem(SLUG_LABEL, "Không có ô nào khác với mục hiện tại, nên không có gì để sửa. "
                                                     "Hãy sửa ô cần sửa rồi lưu lại."))
        return
    new_rel = f"{folder}/{path.name}"
    text = issue_body.replace_fields(src.text, changes, body)
    if new_rel != rel:
        files.remove(rel)
        image = changes.get("image", old.get("image"))
        beside = path.parent / str(image) if isinstance(image, str) and "/" not in image else None
        if beside is not None and beside.is_file() and "image" not in changes:
            files.write(f"{folder}/{image}", beside.read_bytes())
            files.remove(f"{rel.rsplit('/', 1)[0]}/{image}")
    out.rel = new_rel
    out.data = {**{k: v for k, v in old.items()}, **changes}
    files.write(new_rel, _canonical(text, new_rel))


# --- check, the same code as `python -m generator check` --------------------------------------------
def _field_of(problem: Problem, src) -> str:
    top = problem.field.split(".")[0] if problem.field else ""
    if top in Entry.model_fields:
        return _label(top)
    if src is not None:
        if problem.line >= src.body_line:
            return BODY_LABEL
        keys = sorted((line, key) for key, line in src.lines.items() if "." not in key)
        above = [key for line, key in keys if line <= problem.line]
        if above and problem.line > 1:
            return _label(above[-1])
    return "Tệp mục"


def _check(root: Path, out: Outcome) -> None:
    loaded = project.load(root, [root / out.rel])
    src = loaded.sources.get(out.rel)
    for p in loaded.problems:
        (out.problems if p.is_error else out.warnings).append(FieldProblem(_field_of(p, src), p.message))


def propose(root: Path, event: dict, fetcher=picture.fetch) -> Outcome:
    """Read the event, write the entry, check it; on any problem take every write back."""
    root = root.resolve()
    tax = project.load_taxonomy(root)
    issue = event.get("issue") if isinstance(event.get("issue"), dict) else {}
    labels = {lb.get("name") for lb in issue.get("labels") or [] if isinstance(lb, dict)}
    kind = "correction" if CORRECTION_LABEL in labels else "proposal"
    form = correction_form(tax) if kind == "correction" else issue_form(tax)
    body = issue.get("body") if isinstance(issue.get("body"), str) else ""
    out = Outcome(kind=kind)
    parsed = issue_body.parse(body, form, tax)
    out.problems += parsed.problems
    if any(p.label == "Nội dung issue" for p in parsed.problems):
        return out
    files = _Files(root)
    try:
        (_correction if kind == "correction" else _proposal)(root, tax, parsed, files, out, fetcher)
        if out.rel is not None:
            _check(root, out)
    except BaseException:
        files.undo()
        raise
    title = out.data.get("title")
    out.title = title if isinstance(title, str) else ""
    if out.problems:
        files.undo()
        out.rel = None
        return out
    out.written = sorted(p.relative_to(root).as_posix() for p, _ in files.saved.items() if p.exists())
    out.removed = sorted(p.relative_to(root).as_posix() for p, _ in files.saved.items() if not p.exists())
    return out


# --- the comment -------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def plain(text: str, limit: int = 300) -> str:
    """User text shown in a comment as text: no HTML, no Markdown, no mention or reference, one line."""
    one = " ".join(str(text).split())
    if len(one) > limit:
        one = one[: limit - 1] + "…"
    one = html.escape(one, quote=False)
    one = _MD_SPECIAL.sub(r"\\\1", one)
    return one.replace("@", "@\u2060").replace("#", "#\u2060")


def message(text: str) -> str:
    """A check message, which quotes values in backticks: code spans as written (GitHub shows them as text),
    the words around them without HTML, mentions or references."""
    parts = re.split(r"(`[^`\n]*`)", " ".join(text.split()))
    return "".join(part if i % 2 else html.escape(part, quote=False).replace("@", "@\u2060").replace("#", "#\u2060")
                   for i, part in enumerate(parts))


def _shown(tax: Taxonomy, name: str, value: object) -> str:
    return plain(issue_body.field_text(tax, name, value).replace("\n", "; "), 200)


def comment(out: Outcome, tax: Taxonomy) -> str:
    noun = "Đề xuất sửa mục" if out.kind == "correction" else "Đề xuất"
    lines: list[str] = []
    if out.problems:
        lines += [f"### {noun} chưa hợp lệ: {len(out.problems)} lỗi cần sửa", "",
                  "Hãy bấm **Edit** (Sửa) ở nội dung issue này, sửa các ô dưới đây rồi lưu lại; máy kiểm tra lại sau "
                  "mỗi lần sửa.", ""]
        lines += [f"- **{plain(p.label, 80)}**: {message(p.message)}" for p in out.problems]
    else:
        where = f"`{out.rel}`"
        if out.kind == "correction":
            lines += [f"### {noun} hợp lệ", "", f"Máy sẽ mở yêu cầu hợp nhất sửa tệp {where}, chỉ ở các trường dưới đây. "
                      "Ban biên tập xem lại trước khi hợp nhất; thay đổi chỉ lên trang sau khi được hợp nhất.", ""]
            shown = [k for k in out.changed if k != BODY_ID]
            lines += [f"- **{_label(k)}**: {_shown(tax, k, out.data.get(k)) or '(bỏ trống)'}" for k in shown]
            if BODY_ID in out.changed:
                lines.append(f"- **{BODY_LABEL}**: được viết lại theo nội dung issue.")
        else:
            lines += [f"### {noun} hợp lệ", "", f"Máy sẽ mở yêu cầu hợp nhất thêm tệp {where}. Ban biên tập xem lại "
                      "trước khi hợp nhất; mục chỉ lên trang sau khi được hợp nhất.", "", "| Ô | Giá trị |", "|---|---|"]
            for name in Entry.model_fields:
                value = out.data.get(name)
                if value not in (None, [], {}, False):
                    lines.append(f"| {_label(name)} | {_shown(tax, name, value)} |")
    if out.warnings:
        lines += ["", "Cảnh báo (không bắt buộc sửa):", ""]
        lines += [f"- **{plain(p.label, 80)}**: {message(p.message)}" for p in out.warnings]
    return "\n".join(lines) + "\n"


def _one_line(text: str, limit: int = 120) -> str:
    one = " ".join(re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", " ", text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def outputs(out: Outcome, number: object) -> dict[str, str]:
    """Single-line values for the workflow's next steps (GITHUB_OUTPUT)."""
    n = number if isinstance(number, int) else 0
    title = _one_line(out.title) or "mục mới"
    pr = f"Sửa mục: {title} (#{n})" if out.kind == "correction" else f"Đề xuất: {title} (#{n})"
    return {"ok": "true" if out.ok else "false", "kind": out.kind, "path": out.rel or "", "pr_title": pr,
            "files": " ".join(out.written + out.removed)}


def cmd_from_issue(args) -> int:
    root = Path(args.root)
    try:
        event = json.loads(Path(args.event).read_text(encoding="utf-8"))
        if not isinstance(event, dict):
            raise ValueError
    except (OSError, ValueError):
        sys.stderr.write(f"Không đọc được tệp sự kiện `{args.event}` (cần tệp JSON của sự kiện `issues` do GitHub ghi).\n")
        return EXIT_USAGE
    out = propose(root, event)
    text = comment(out, project.load_taxonomy(root))
    if args.comment:
        Path(args.comment).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.github_output:
        number = (event.get("issue") or {}).get("number") if isinstance(event.get("issue"), dict) else None
        with open(args.github_output, "a", encoding="utf-8") as fh:
            for key, value in outputs(out, number).items():
                fh.write(f"{key}={value}\n")
    return EXIT_OK if out.ok else EXIT_PROBLEMS


def register(subparsers) -> None:
    p = subparsers.add_parser("from-issue", help="tạo (hoặc sửa) tệp mục từ một issue điền theo mẫu, báo lỗi theo từng ô")
    p.add_argument("event", help="tệp JSON của sự kiện `issues` (GITHUB_EVENT_PATH)")
    p.add_argument("--comment", help="ghi bình luận Markdown vào tệp này thay vì in ra")
    p.add_argument("--github-output", help="ghi thêm các giá trị cho bước sau của workflow vào tệp này (GITHUB_OUTPUT)")
    p.set_defaults(func=cmd_from_issue)
