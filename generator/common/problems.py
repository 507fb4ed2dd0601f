"""A problem found in an editor's file, and the ways it is printed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the whole file is concerned
    message: str  # Vietnamese, says what is wrong and how to fix it
    field: str = ""  # the front-matter key concerned, dotted for nested ones ("recognition.1.level")
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self) -> str:
        where = f"{self.path}:{max(self.line, 1)}"
        label = "" if self.is_error else "cảnh báo: "
        return f"{where}: {label}{self.message}"

    def github(self) -> str:
        # GitHub workflow commands: data must escape %, CR and LF; properties also ':' and ','.
        def esc(s: str, prop: bool = False) -> str:
            s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return s.replace(":", "%3A").replace(",", "%2C") if prop else s

        kind = "error" if self.is_error else "warning"
        title = f"Trường `{self.field}`" if self.field else "Nội dung mục"
        return (
            f"::{kind} file={esc(self.path, True)},line={max(self.line, 1)},"
            f"title={esc(title, True)}::{esc(self.message)}"
        )


def sort_problems(problems) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.field, p.message))


def format_problems(problems, fmt: str = "text") -> str:
    problems = sort_problems(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in problems)
    if fmt == "markdown":
        return markdown(problems)
    return "\n".join(p.text() for p in problems)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(problems) -> str:
    """Every problem in one Markdown table, for a pull request's comment and job summary (GitHub shows only
    ten annotations of a step)."""
    problems = sort_problems(problems)
    head = f"**Kiểm tra các tệp mục: {summary_line(problems)}**"
    if not problems:
        return head
    rows = [head, "", "| Tệp | Dòng | Mức | Thông báo và cách sửa |", "|---|---:|---|---|"]
    for p in problems:
        level = "lỗi" if p.is_error else "cảnh báo"
        rows.append(f"| `{_cell(p.path)}` | {max(p.line, 1)} | {level} | {_cell(p.message)} |")
    return "\n".join(rows)


def summary_line(problems) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Không có lỗi nào."
    return f"Tìm thấy {errors} lỗi và {warnings} cảnh báo."
