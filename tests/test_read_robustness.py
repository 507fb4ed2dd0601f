"""Whatever bytes an editor commits, the loader answers with problems, never a traceback."""

from __future__ import annotations

import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import project
from generator.entries.read import read_source
from generator.common.taxonomy import Taxonomy
from generator.entries.validate import validate_entry

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_TAX: list[Taxonomy] = []


def _taxonomy(root) -> Taxonomy:
    if not _TAX:
        _TAX.append(project.load_taxonomy(root))
    return _TAX[0]


def _load(tmp_path, root, raw: bytes):
    path = tmp_path / "initiatives" / "2022" / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    src = read_source(path, tmp_path)
    entry, problems = validate_entry(src, _taxonomy(root))
    for p in src.problems + problems:
        assert p.path == "initiatives/2022/x.md" and p.line >= 0 and p.message
    return src, entry


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(tmp_path, root, raw):
    _load(tmp_path, root, raw)


@SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes_after_a_fence_never_crash(tmp_path, root, raw):
    _load(tmp_path, root, b"---\n" + raw + b"\n---\nbody\n")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["title", "type", "area", "unit", "year", "summary", "recognition", "benefits",
                                        "authors", "applied_since", "replicated_in", "tags", "x"]) | st.text(max_size=8),
                       yaml_values, max_size=8))
def test_random_yaml_front_matter_never_crashes(tmp_path, root, data):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\nNội dung.\n"
    _load(tmp_path, root, text.encode("utf-8"))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab: -\"'\t\n[]{}&*!|>#%@`,?é\u0301đ")), max_size=200))
def test_yaml_punctuation_soup_never_crashes(tmp_path, root, text):
    _load(tmp_path, root, ("---\n" + text + "\n---\n").encode("utf-8"))


def test_billion_laughs_is_refused_quickly(tmp_path, root):
    lol = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lol.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    src, entry = _load(tmp_path, root, ("---\n" + "\n".join(lol) + "\n---\n").encode())
    assert time.perf_counter() - start < 5
    assert entry is None
    [problem] = src.problems
    assert problem.line == 3 and "bí danh YAML" in problem.message


def test_huge_file_is_refused_without_parsing(tmp_path, root):
    src, entry = _load(tmp_path, root, b"---\ntitle: x\n---\n" + b"a" * 2_000_000)
    assert entry is None
    assert "Tệp quá lớn" in src.problems[0].message and "1.000.000" in src.problems[0].message


def test_duplicate_key_is_reported_not_overwritten(tmp_path, root):
    src, _ = _load(tmp_path, root, "---\ntitle: \"Một\"\ntype: mo-hinh\ntitle: \"Hai\"\n---\n".encode())
    [problem] = src.problems
    assert problem.line == 4 and "`title` xuất hiện hai lần (dòng 2 và dòng 4)" in problem.message


def test_yes_no_stay_words_and_dates_stay_checkable(tmp_path, root):
    src, _ = _load(tmp_path, root, b"---\ntags: [no, on, yes]\napplied_since: 2022-03-15\n---\n")
    assert src.data["tags"] == ["no", "on", "yes"]
    assert src.data["applied_since"] == "2022-03-15"
