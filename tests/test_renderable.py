"""`check` accepts only what the build can render: a body that passes the render limits is converted by the real
renderer (Python-Markdown with the extensions of mkdocs.yml) without an exception, even called as deep in the stack
as MkDocs calls it; one past a limit is refused with the limit in the message."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.entries.renderable import MAX_MARK_RUN, MAX_NESTING, nesting, render_problems

ROOT = Path(__file__).resolve().parent.parent
# MkDocs calls Markdown.convert 5 frames deep (measured in a build of the samples); the tests call it 150 deeper.
CALLER_DEPTH = 150


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` tags; only its markdown_extensions are wanted here."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def _extensions() -> tuple[list[str], dict]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = _extensions()


def _deep(n: int, fn):
    return fn() if n == 0 else _deep(n - 1, fn)


def render(body: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return _deep(CALLER_DEPTH, lambda: md.convert(body))


def passes(body: str) -> bool:
    return not render_problems("initiatives/2022/x.md", body, 1)


PREFIXES = ["- ", "* ", "+ ", "1. ", "9) ", "> ", ">", "    ", "\t", "  ", " "]
INLINE = st.text(alphabet="*_[]()!`<>#:|-=~\\ axyz0{}.", max_size=60)
RUN = st.builds(lambda ch, n: ch * n, st.sampled_from("*_[]`>-"), st.integers(0, 2 * MAX_MARK_RUN + 50))
LINE = st.builds(lambda prefix, parts: "".join(prefix) + "".join(parts),
                 st.lists(st.sampled_from(PREFIXES), max_size=3 * MAX_NESTING),
                 st.lists(st.one_of(INLINE, RUN, st.sampled_from(["!!! note", "[a](b)", "x\n:   y", "| a | b |\n|---|---|"])),
                          max_size=4))
BODY = st.lists(LINE, min_size=1, max_size=12).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODY)
def test_what_passes_the_limits_renders(body):
    if passes(body):
        render(body)  # must not raise


@pytest.mark.parametrize("make", [
    lambda n: "- " * n + "x",
    lambda n: "> " * n + "x",
    lambda n: ">" * n + "x",
    lambda n: "1. " * n + "x",
    lambda n: "\n".join("    " * i + "- x" for i in range(n)),
    lambda n: "\n".join("    " * i + "!!! note\n" + "    " * (i + 1) + "x" for i in range(n)),
    lambda n: "\n\n".join("    " * i + "a\n" + "    " * i + ":   b" for i in range(n)),
    lambda n: "> - " * (n // 2) + "x",
], ids=["dashes", "quotes", "quotes-tight", "numbers", "indented-list", "admonitions", "definitions", "quote-list"])
def test_each_kind_of_nesting_at_the_limit_renders_and_past_it_is_refused(make):
    at_limit = make(MAX_NESTING)
    assert passes(at_limit)
    render(at_limit)
    # Well past the limit: refused, and the message states the limit.
    bomb = make(25 * MAX_NESTING)
    problems = render_problems("initiatives/2022/x.md", bomb, 9)
    assert problems
    assert f"vượt giới hạn {MAX_NESTING} cấp" in problems[0].message


def test_the_issues_500_markers_are_refused_at_their_line():
    body = "Đoạn đầu.\n\n" + "- " * 500 + "x\n"
    problems = render_problems("initiatives/2022/x.md", body, 8)
    assert [(p.line, p.message[:26]) for p in problems] == [(10, "Dòng này lồng 500 cấp (mỗi")]
    with pytest.raises(RecursionError):
        render(body)  # what the build met before the limit


def test_a_run_of_emphasis_marks_past_the_limit_is_refused():
    body = "*" * 2000 + "x" + "*" * 2000
    problems = render_problems("initiatives/2022/x.md", body, 1)
    assert problems and f"vượt giới hạn {MAX_MARK_RUN} ký tự đánh dấu" in problems[0].message
    with pytest.raises(RecursionError):
        render(body)
    render("*" * MAX_MARK_RUN + "x" + "*" * MAX_MARK_RUN)


def test_nesting_counts_markers_quotes_and_indentation():
    assert nesting("- - - x") == 3
    assert nesting("> > x") == 2
    assert nesting("        - x") == 3
    assert nesting("\t1. x") == 2
    assert nesting("Chữ - không phải danh sách") == 0
