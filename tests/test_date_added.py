"""`added`, the day an entry entered the catalogue: stamped by every way in, and what "latest" orders by."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator.catalog import project
from generator.entries.scaffold import render_entry, stamp_added
from generator.outputs import embeds, feeds
from generator.pages.pages import home_context

ROOT = Path(__file__).resolve().parents[1]


def test_stamp_added_fills_today_and_keeps_a_given_date():
    assert stamp_added({"title": "x"}, dt.date(2026, 11, 20))["added"] == dt.date(2026, 11, 20)
    assert stamp_added({"added": dt.date(2023, 1, 2)})["added"] == dt.date(2023, 1, 2)


def test_new_entry_is_stamped_with_today(tmp_path):
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "new", "--no-input",
                    "--title", "Tổ tự quản đường làng", "--type", "mo-hinh", "--area", "1", "--unit", "ea-po",
                    "--year", "2023", "--summary", "Một câu tóm tắt đủ dài để hợp lệ cho mục này."],
                   check=True, capture_output=True)
    text = next((tmp_path / "initiatives" / "2023").glob("*.md")).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["added"] == dt.date.today()


def test_render_entry_writes_added_as_a_plain_date():
    tax = project.load_taxonomy(ROOT)
    text = render_entry({"title": "Tên", "added": dt.date(2024, 5, 6)}, tax)
    assert "\nadded: 2024-05-06\n" in text


def _move_added(tmp_path: Path, slug_year: tuple[str, int], day: str) -> Path:
    shutil.copytree(ROOT / "initiatives", tmp_path / "initiatives")
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    slug, year = slug_year
    path = tmp_path / "initiatives" / str(year) / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.split("\n") if not ln.startswith("added:")]
    lines.insert(1, f"added: {day}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return tmp_path


def test_an_old_entry_added_today_leads_feeds_home_and_embeds(tmp_path):
    cat = project.load(ROOT).catalog
    oldest = min(cat.records, key=lambda r: (r.year, r.entry.applied_since or dt.date(r.year, 1, 1)))
    future = (max(r.entry.added or r.entry.applied_since or dt.date(r.year, 1, 1) for r in cat.records)
              + dt.timedelta(days=1)).isoformat()
    root = _move_added(tmp_path, (oldest.slug, oldest.year), future)
    cat = project.load(root).catalog
    assert cat.latest[0].slug == oldest.slug
    assert cat.records[0].slug != oldest.slug  # listings keep their order by year
    site_feed = feeds.feed_sets(cat)[0][3]
    assert site_feed[0].slug == oldest.slug
    assert feeds.entry_date(site_feed[0]).date().isoformat() == future
    assert home_context(cat)["latest"][0]["title"] == oldest.entry.title
    assert embeds.embed_pages(cat)[0].context["cards"][0]["title"] == oldest.entry.title


def test_entries_without_added_keep_todays_order():
    cat = project.load(ROOT).catalog
    plain = [r for r in cat.records if r.entry.added is None]
    assert cat.recently_added(plain) == sorted(
        plain, key=lambda r: (-(r.entry.applied_since or dt.date(r.year, 1, 1)).toordinal(), cat.position[r.slug]))
