"""A partition: the site built for a few units alone (the first piece of a national catalogue in partitions)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from test_links import broken_links, site_url

from generator.catalog import partition, project

UNITS = ["dak-wil-2025", "nam-dong-2025"]
# The units whose entries a partition of UNITS holds: themselves and the communes merged into them on 1/7/2025.
MEMBERS = {"dak-wil-2025", "dak-wil", "ea-po", "nam-dong-2025", "nam-dong", "dak-drong"}


@pytest.fixture(scope="module")
def partition_site(tmp_path_factory):
    from conftest import ScratchProject

    scratch = ScratchProject(tmp_path_factory.mktemp("partition"), with_samples=True)
    config = (scratch.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - doan-ket-sang-tao\n", "  - doan-ket-sang-tao:\n      units: [" + ", ".join(UNITS) + "]\n")
    (scratch.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    proc = scratch.build("--strict", "-d", "built")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    loaded = project.load(scratch.root)
    expected = {r.slug for r in loaded.records if r.entry.unit in MEMBERS}
    others = {r.slug for r in loaded.records} - expected
    assert expected and others, "the samples have entries inside and outside the partition"
    return scratch.root / "built", expected, others


def _slugs_in(text: str) -> set[str]:
    return set(re.findall(r"sang-kien/([a-z0-9-]+)/", text))


def test_the_partition_holds_its_units_and_their_predecessors(loaded):
    chosen = partition.select(loaded.records, loaded.taxonomy, UNITS)
    assert {r.entry.unit for r in chosen} == MEMBERS
    assert partition.select(loaded.records, loaded.taxonomy, []) == loaded.records


def test_a_partition_naming_an_unknown_unit_is_refused_in_vietnamese(scratch_with_samples):
    config = (scratch_with_samples.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - doan-ket-sang-tao\n", "  - doan-ket-sang-tao:\n      units: [dak-wil-2025, dak-wll]\n")
    (scratch_with_samples.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    proc = scratch_with_samples.build()
    assert proc.returncode != 0
    assert "`dak-wll`, không phải mã đơn vị nào trong danh mục" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_listings_feeds_api_and_search_hold_the_partitions_entries_only(partition_site):
    site, expected, others = partition_site
    api = json.loads((site / "api/v1/entries.json").read_text(encoding="utf-8"))
    assert {e["slug"] for e in api["entries"]} == expected
    assert {p.name for p in (site / "sang-kien").iterdir() if p.is_dir()} == expected
    rss = ET.parse(site / "rss.xml").getroot()
    assert _slugs_in(" ".join(link.text for link in rss.iter("link") if link.text)) <= expected
    for listing in ("nam", "linh-vuc", "don-vi", "loai", "to-chuc"):
        for page in (site / listing).rglob("index.html"):
            assert not _slugs_in(page.read_text(encoding="utf-8")) & others, page
    search_docs = " ".join(p.read_text(encoding="utf-8") for p in (site / "tra-cuu/chi-muc/d").glob("*.json"))
    assert _slugs_in(search_docs) == expected
    # A unit outside the partition keeps its page (links to it resolve) and shows none of its entries.
    assert not _slugs_in((site / "don-vi/cu-jut-2025/index.html").read_text(encoding="utf-8")) & others


def test_every_link_inside_the_partition_resolves(partition_site):
    site, _, _ = partition_site
    assert not broken_links(site, site_url())
