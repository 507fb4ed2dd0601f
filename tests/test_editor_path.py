"""From a citizen's issue or an editor's edit to the live page: the issue form maps onto the entry keys one to one,
every entry page links to its source for editing, and the guide is on the built site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import issue_form as issue_form_cli
from generator.entries import issue_form
from generator.common import urls
from generator.pages import views
from generator.entries.model import Entry, Recognition, is_stamped

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / issue_form.FORM_PATH


@pytest.fixture(scope="module")
def form() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def fields(form: dict) -> list[dict]:
    return [f for f in form["body"] if "id" in f]


def test_the_committed_form_is_generated_from_the_model_and_taxonomy(taxonomy):
    assert FORM.read_text(encoding="utf-8") == issue_form.issue_form_text(taxonomy), \
        "run `python -m generator issue-form` to regenerate the issue form"
    assert issue_form_cli.main(["--root", str(ROOT), "--check"]) == 0


def test_form_fields_and_entry_keys_map_one_to_one(form):
    ids = [f["id"] for f in fields(form)]
    # Stamped fields (`added`) are filled by the bot that makes the entry, never asked of the proposer.
    assert ids == [n for n in Entry.model_fields if not is_stamped(n)] + [issue_form.BODY_ID]
    for f in fields(form)[:-1]:
        info = Entry.model_fields[f["id"]]
        assert f["attributes"]["label"] == info.title
        assert info.description in f["attributes"]["description"]
        assert f.get("validations", {}).get("required", False) == info.is_required(), f["id"]


def test_dropdowns_offer_exactly_the_taxonomy_values(form, taxonomy):
    by_id = {f["id"]: f for f in fields(form)}
    expected = {
        "type": [t.slug for t in taxonomy.types],
        "area": [str(a.number) for a in taxonomy.areas],
        "unit": [u.slug for u in taxonomy.units],
        "status": [s.slug for s in taxonomy.statuses],
        "organization": [o.slug for o in taxonomy.organizations],
        "replicated_in": [u.slug for u in taxonomy.units],
    }
    for key, slugs in expected.items():
        f = by_id[key]
        assert f["type"] == "dropdown"
        assert [issue_form.code_of(o) for o in f["attributes"]["options"]] == slugs, key
    assert by_id["replicated_in"]["attributes"]["multiple"] is True
    assert "xã Ea Pô, tỉnh Đắk Nông (ea-po, đến 30/6/2025)" in by_id["unit"]["attributes"]["options"]
    for level in taxonomy.recognition_levels:
        assert f"{level.slug} ({level.name})" in by_id["recognition"]["attributes"]["description"]
    for part in Recognition.model_fields.values():
        assert part.title in by_id["recognition"]["attributes"]["description"]
    assert [ln.split(" ")[0] for ln in by_id["benefits"]["attributes"]["value"].splitlines()] == \
        [b.key for b in taxonomy.benefits]


def test_a_filled_in_form_becomes_a_valid_entry(form, taxonomy, scratch):
    """What a maintainer does with an issue: each answer goes to the key of the same name."""
    by_id = {f["id"]: f for f in fields(form)}
    answers = {
        "title": "Tổ tự quản đường làng xanh",
        "type": by_id["type"]["attributes"]["options"][3],
        "area": by_id["area"]["attributes"]["options"][0],
        "unit": next(o for o in by_id["unit"]["attributes"]["options"] if "(nam-dong," in o),
        "year": "2023",
        "summary": "Các hộ trong thôn cùng góp công trồng hoa, quét dọn và giữ đường làng sạch đẹp theo lịch trực hằng tuần.",
        "organization": by_id["organization"]["attributes"]["options"][0],
    }
    front = []
    for key, answer in answers.items():
        value = issue_form.code_of(answer) if by_id[key]["type"] == "dropdown" else answer
        front.append(f"{key}: {value}" if key in ("area", "year") else f'{key}: "{value}"')
    body = by_id[issue_form.BODY_ID]["attributes"]["value"].replace(
        "## Thực trạng\n", "## Thực trạng\n\nĐường làng nhiều rác, mùa mưa lầy lội; các hộ chưa có lịch dọn chung. "
        "Ban Công tác Mặt trận thôn họp dân, chia đường thành từng đoạn, mỗi nhóm hộ nhận một đoạn để trồng hoa và giữ sạch.\n")
    scratch.write("initiatives/2023/to-tu-quan-duong-lang.md", "---\n" + "\n".join(front) + "\n---\n\n" + body)
    proc = scratch.check()
    assert proc.returncode == 0, proc.stdout
    assert [ln[3:] for ln in body.splitlines() if ln.startswith("## ")] == \
        ["Thực trạng", "Giải pháp", "Điều kiện áp dụng", "Hiệu quả", "Cách nhân rộng"]


def test_issue_form_has_a_command(capsys, tmp_path):
    (tmp_path / "taxonomy.yml").write_bytes((ROOT / "taxonomy.yml").read_bytes())
    assert issue_form_cli.main(["--root", str(tmp_path), "--check"]) == 1
    assert issue_form_cli.main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / issue_form.FORM_PATH).read_text(encoding="utf-8") == FORM.read_text(encoding="utf-8")
    assert issue_form_cli.main(["--root", str(tmp_path), "--check"]) == 0


# --- the edit link -----------------------------------------------------------------------------
def test_every_entry_links_to_its_source_file_for_editing(catalog):
    site = catalog.taxonomy.site
    for r in catalog.records:
        url = views.edit_url(catalog, r)
        assert url == f"{site.repo_url}/edit/{site.edit_branch}/{r.rel}"
        assert (ROOT / r.rel).is_file()
        assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+/edit/[\w.-]+/initiatives/\d{4}/[a-z0-9-]+\.md", url)


def test_built_entry_pages_show_the_edit_link(built_site, catalog):
    for r in catalog.records:
        page = (built_site / r.url / "index.html").read_text(encoding="utf-8")
        assert f'href="{html.escape(views.edit_url(catalog, r))}"' in page, r.rel


def test_the_built_guide_is_reachable_from_the_proposal_page(built_site, catalog):
    guide = (built_site / urls.GUIDE / "index.html").read_text(encoding="utf-8")
    assert "<h1" in guide and "Hướng dẫn biên tập" in guide
    assert f'href="{html.escape(catalog.taxonomy.site.repo_url)}/new/' in guide
    assert 'id="cac-truong"' in guide and 'id="thong-bao-loi"' in guide
    proposal = (built_site / "de-xuat/index.html").read_text(encoding="utf-8")
    assert 'href="../huong-dan-bien-tap/"' in proposal

