"""The benchmark's own parts: synthetic entries are valid and varied, the bare baseline mirrors the project,
and the report table marks each budget from the numbers it is given. No timing is asserted here."""

from __future__ import annotations

import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import baseline  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402
from report import Row  # noqa: E402

from generator.catalog import project  # noqa: E402

N = 60


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    # Without the Debian text sources the samples supply the words: the entries are just as valid.
    return synth.generate(tmp_path_factory.mktemp("synth") / "project", N, seed=7, require_sources=False)


@pytest.fixture(scope="module")
def loaded(synthetic):
    return project.load(synthetic)


def test_synthetic_entries_load_without_a_single_problem(loaded):
    assert len(loaded.catalog.records) == N
    assert [p.text() for p in loaded.problems] == []


def test_synthetic_entries_cover_the_taxonomy(loaded):
    cat = loaded.catalog
    tax = cat.taxonomy
    assert set(cat.by_area) == {a.number for a in tax.areas}
    assert set(cat.by_type) == {t.slug for t in tax.types}
    assert len(cat.years) >= 5
    assert len({r.entry.unit for r in cat.records}) >= 6
    assert cat.commended and any(r.entry.replicated_in for r in cat.records)
    assert any(r.entry.benefits for r in cat.records) and any(r.image_rel for r in cat.records)


def test_units_are_valid_in_the_entry_year(loaded):
    tax = loaded.catalog.taxonomy
    for r in loaded.catalog.records:
        assert tax.unit_by_slug[r.entry.unit].valid_in_year(r.year), r.rel
        assert all(tax.unit_by_slug[u].valid_in_year(r.year) for u in r.entry.replicated_in), r.rel


def test_text_is_varied_not_a_few_repeated_words(loaded):
    words = Counter(w.lower() for r in loaded.catalog.records for w in r.body.split())
    assert len(words) > 400
    titles = [r.entry.title for r in loaded.catalog.records]
    assert len(set(titles)) > 0.8 * len(titles)


def test_same_seed_gives_the_same_files(synthetic, tmp_path):
    again = synth.generate(tmp_path / "again", N, seed=7, require_sources=False)
    files = sorted(p.relative_to(synthetic).as_posix() for p in (synthetic / "initiatives").rglob("*.md"))
    assert files == sorted(p.relative_to(again).as_posix() for p in (again / "initiatives").rglob("*.md"))
    for rel in files[:10]:
        assert (synthetic / rel).read_bytes() == (again / rel).read_bytes()


def test_baseline_is_the_same_markdown_as_plain_material_pages(synthetic, tmp_path):
    plain = baseline.make_plain(synthetic, tmp_path / "plain")
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((synthetic / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    assert config["nav"] == ours["nav"]
    assert config["theme"]["name"] == "material" and "custom_dir" not in config["theme"]
    pages = list((plain / "docs" / "sang-kien").glob("*.md"))
    assert len(pages) == N
    for title, rel in baseline._nav_files(config["nav"]):
        assert (plain / "docs" / rel).is_file(), rel
    sample = sorted((synthetic / "initiatives").rglob("*.md"))[0]
    body = sample.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()
    assert body in (plain / "docs" / "sang-kien" / sample.name).read_text(encoding="utf-8")
    assert all("template:" not in p.read_text(encoding="utf-8") for p in (plain / "docs").rglob("*.md"))


def test_floor_parses_every_front_matter(synthetic):
    import floor

    assert floor.parse_all(synthetic) == N


def test_report_marks_ratio_budgets_at_their_sizes():
    under = report.judge(Row("build CPU", 10000, 120.0, "s", 100.0))
    over = report.judge(Row("build CPU", 10000, 130.0, "s", 100.0))
    elsewhere = report.judge(Row("build CPU", 1000, 500.0, "s", 100.0))
    assert (under.ok, over.ok, elsewhere.ok) == (True, False, None)
    assert report.judge(Row("check CPU", 1000, 3.0, "s", 1.0)).ok is True
    assert report.judge(Row("check CPU", 1000, 3.1, "s", 1.0)).ok is False
    assert report.judge(Row("check CPU", 100, 9.0, "s", 1.0)).ok is None


def test_report_marks_size_budgets_in_kilobytes():
    assert report.judge(Row("entry page", 100, 150 * 1024, "B")).ok is True
    assert report.judge(Row("entry page", 100, 150 * 1024 + 1, "B")).ok is False
    assert report.judge(Row("first search", 10000, 149 * 1024, "B")).ok is True
    assert report.judge(Row("first search", 100000, 151 * 1024, "B")).ok is False
    assert report.judge(Row("first search", 1000, 900 * 1024, "B")).ok is None
    assert report.judge(Row("home page", 10000, 10**9, "B")).ok is None


def test_table_shows_value_baseline_ratio_budget_and_result():
    rows = [report.judge(Row("build CPU", 10000, 130.0, "s", 100.0, note="vs bare")),
            report.judge(Row("entry page", 10000, 80 * 1024, "B")),
            report.judge(Row("home page", 10000, 90 * 1024, "B"))]
    lines = report.table(rows).splitlines()
    assert lines[0].split("|")[1:-1] == [c.ljust(len(c)) for c in lines[0].split("|")[1:-1]]
    assert "130.00 s" in lines[2] and "100.00 s" in lines[2] and "1.30×" in lines[2] and "FAIL" in lines[2]
    assert "80.0 KB" in lines[3] and "≤ 150 KB" in lines[3] and "PASS" in lines[3]
    assert "PASS" not in lines[4] and "FAIL" not in lines[4]
    assert report.all_met(rows) is False
    assert report.all_met(rows[1:]) is True


def test_without_the_debian_sources_the_samples_supply_the_words(monkeypatch):
    def missing():
        raise synth.MissingSource("not installed")

    monkeypatch.setattr(synth, "_prose", missing)
    monkeypatch.setattr(synth, "_syllables", missing)
    with pytest.raises(synth.MissingSource):
        synth.load_corpus.__wrapped__(synth.REPO, True)
    corpus = synth.load_corpus.__wrapped__(synth.REPO, False)
    assert len(corpus.prose) > 100 and len(corpus.syllables) > 100


@pytest.mark.browser
def test_first_search_bytes_count_the_scripts_and_index_files_a_search_fetches(built_site):
    import search_bytes

    # in a thread of its own: the session's browser fixture keeps an event loop running in this one, where
    # Playwright's sync API refuses to start a second browser
    with ThreadPoolExecutor(1) as pool:
        found = pool.submit(search_bytes.first_search_bytes, built_site, "dak wil").result()
        wide = pool.submit(search_bytes.first_search_bytes, built_site, "dak wil", search_bytes.WIDE).result()
        files = pool.submit(search_bytes.fetched_search_files, built_site, "nuoc sach").result()
    # "wil" may still be being typed: its completions are read too; a phone folds the filters (no counts)
    assert set(found["by_kind"]) == {"script", "shard", "completions", "documents"}
    assert set(wide["by_kind"]) == set(found["by_kind"]) | {"facets"} and wide["bytes"] > found["bytes"]
    # search.js, the engine, and search-start.js, which starts a linked search from the page's head
    assert found["by_kind"]["script"]["files"] == 3
    assert 0 < found["bytes"] < found["raw_bytes"]
    assert all(f in search_bytes.SCRIPTS or f.startswith("tra-cuu/chi-muc/") for f in files)
    assert any(f.startswith("tra-cuu/chi-muc/k/") for f in files)
