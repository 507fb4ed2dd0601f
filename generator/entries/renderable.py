"""What the renderer can build: nesting and run limits of an entry's body, so nothing `check` accepts crashes a build.

Python-Markdown parses nested blocks (lists, block quotes, indented blocks, admonitions, definition lists) and
nested emphasis by recursion: a body line of 500 list markers (`- - - … x`) or 2,000 asterisks around a word
raises RecursionError in the build. Measured with the extensions of mkdocs.yml and Python's default recursion
limit of 1,000, a block level costs 2 to 5 frames (a list nested by indentation the most: 200 levels render,
250 do not) and emphasis fails between 1,000 and 2,000 markers; MkDocs itself calls the renderer 5
frames deep. The limits below keep a tenth of that room; no real entry comes near them (the samples nest 2).
"""

from __future__ import annotations

import re

from generator.common.problems import Problem

MAX_NESTING = 20  # block levels on one line: list markers, `>` quote marks, and every 4 columns of indentation
MAX_MARK_RUN = 100  # the same emphasis or bracket character (`*`, `_`, `[`, `]`) this many times in a row
TAB_COLUMNS = 4

# A line nested deeper than MAX_NESTING starts with more than MAX_NESTING of these characters (a marker is at least
# one, a level of indentation four): only such lines are measured.
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (MAX_NESTING + 1), re.M)
_MARKER = re.compile(r"(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))")
_LONG_RUN = re.compile(r"([*_\[\]])\1{%d,}" % MAX_MARK_RUN)


def nesting(line: str) -> int:
    """Block levels a line opens: `>` marks and list markers at its start, plus one per 4 columns of indentation."""
    depth = columns = 0
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch == " ":
            columns += 1
            i += 1
            continue
        if ch == "\t":
            columns += TAB_COLUMNS
            i += 1
            continue
        m = _MARKER.match(line, i)
        if not m:
            break
        depth += 1
        i = m.end()
        if i < n and line[i] in " \t":
            i += 1  # the space after a marker belongs to it
    return depth + columns // TAB_COLUMNS


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def render_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """Lines of a body the renderer cannot build, each with the limit it passes."""
    problems = []
    for m in _DEEP_PREFIX.finditer(body):
        end = body.find("\n", m.start())
        line = body[m.start(): end if end >= 0 else len(body)]
        depth = nesting(line)
        if depth > MAX_NESTING:
            problems.append(Problem(rel, body_line + _line_at(body, m.start()),
                                    f"Dòng này lồng {depth} cấp (mỗi dấu `>`, mỗi dấu đầu dòng danh sách `-`, `*`, `+`, `1.` "
                                    f"và mỗi 4 dấu cách thụt lề là một cấp), vượt giới hạn {MAX_NESTING} cấp mà trang "
                                    "dựng được. Hãy viết phẳng hơn: bỏ bớt dấu đầu dòng, tách thành nhiều đoạn hoặc danh sách ngắn."))
    for m in _LONG_RUN.finditer(body):
        problems.append(Problem(rel, body_line + _line_at(body, m.start()),
                                f"Dòng này có {len(m.group(0))} ký tự `{m.group(1)}` liền nhau, vượt giới hạn {MAX_MARK_RUN} "
                                "ký tự đánh dấu liền nhau mà trang dựng được. Hãy xóa bớt (để kẻ dòng, dùng `---` trên một dòng riêng)."))
    return problems
