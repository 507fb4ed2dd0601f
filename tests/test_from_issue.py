"""From a filled issue form to an entry file: bodies rendered as GitHub renders them, generated from the form
definitions and hand-written as GitHub prints them, parsed back through the same forms, written in fmt's form,
checked with check's messages; hostile bodies answered with a comment and nothing else."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.catalog import project
from generator.cli import from_issue
from generator.entries import fmt, issue_body, issue_form
from generator.entries.model import Entry
from generator.entries.read import read_source

ROOT = Path(__file__).resolve().parent.parent

# Every key of the model with a valid value: the round trip must carry each one.
FULL = {
    "title": "Tổ hòa giải “Ba cùng” ở bon Buôr",
    "type": "mo-hinh",
    "area": 1,
    "unit": "nam-dong",
    "year": 2023,
    "summary": "Tổ hòa giải cùng ăn, cùng ở, cùng làm với bà con để giải quyết mâu thuẫn ngay tại bon, không để kéo dài.",
    "organization": "mttq",
    "authors": ["Ban Công tác Mặt trận bon Buôr", "Chi hội Phụ nữ bon Buôr"],
    "status": "nhan-rong",
    "applied_since": "2023-02-01",
    "replicated_in": ["ea-po", "cu-knia"],
    "recognition": [{"level": "huyen", "year": 2023, "title": "Giấy khen của Ủy ban MTTQ Việt Nam huyện Cư Jút"},
                    {"level": "xa", "year": 2023, "title": "Giấy khen của UBND xã Nam Dong"}],
    "benefits": {"households": 120, "savings_vnd": 15000000},
    "image": "hoa-giai.jpg",
    "image_alt": "Tổ hòa giải họp tại nhà văn hóa bon",
    "tags": ["hòa giải", "đoàn kết"],
    "featured": True,
    "public_contacts": ["Văn phòng UBND xã Nam Dong: 0261 3500 111"],
}
BODY = ("## Thực trạng\n\nMâu thuẫn đất đai, nước tưới giữa các hộ trong bon thường kéo dài, có vụ phải lên xã. "
        "Bà con ngại đi xa, nhiều việc nhỏ thành lớn.\n\n## Giải pháp\n\nTổ hòa giải gồm già làng, trưởng bon, "
        "chi hội trưởng; mỗi tháng họp một lần tại nhà văn hóa, đến tận nhà các hộ có mâu thuẫn để nghe và giải thích.\n")


def test_the_model_and_the_full_example_agree(taxonomy):
    assert list(FULL) == list(Entry.model_fields) or set(Entry.model_fields) - set(FULL) <= {"added"}
    Entry.model_validate(FULL, context={"taxonomy": taxonomy})


@pytest.fixture
def project_dir(tmp_path) -> Path:
    """A copy of the project's data: the taxonomy and the sample entries."""
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    shutil.copytree(ROOT / "initiatives", tmp_path / "initiatives")
    return tmp_path


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def event(body: str, label: str = issue_form.PROPOSAL_LABEL, action: str = "opened", number: int = 42) -> dict:
    return {"action": action, "issue": {"number": number, "title": "[Đề xuất] ", "body": body,
                                        "labels": [{"name": label}]}}


def proposal_body(taxonomy, data: dict, body: str = BODY) -> str:
    form = issue_form.issue_form(taxonomy)
    answers, checked = issue_body.entry_answers(taxonomy, data, body, form)
    return issue_body.render_body(form, answers, checked)


# --- the round trip --------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["proposal", "correction"])
def test_every_model_field_round_trips_through_the_form_body(taxonomy, which):
    form = issue_form.issue_form(taxonomy) if which == "proposal" else issue_form.correction_form(taxonomy)
    answers, checked = issue_body.entry_answers(taxonomy, FULL, BODY, form)
    if which == "correction":
        answers[issue_form.SLUG_ID] = "to-hoa-giai"
    text = issue_body.render_body(form, answers, checked)
    parsed = issue_body.parse(text, form, taxonomy)
    assert parsed.problems == []
    assert {k: v for k, v in parsed.data.items() if v is not None} == FULL
    assert parsed.body == BODY
    assert parsed.slug == (None if which == "proposal" else "to-hoa-giai")


def test_the_generated_body_looks_like_githubs(taxonomy):
    text = proposal_body(taxonomy, {"title": "Tên thử", "replicated_in": ["ea-po", "cu-knia"]})
    assert text.startswith("### Tên sáng kiến\n\nTên thử\n\n### Loại\n\n_No response_\n\n")
    assert ("### Nhân rộng tại\n\nxã Ea Pô, tỉnh Đắk Nông (ea-po, đến 30/6/2025), "
            "xã Cư K'nia, tỉnh Đắk Nông (cu-knia, đến 30/6/2025)\n") in text
    assert f"### Nổi bật\n\n- [ ] {issue_form.FEATURED_OPTION}\n" in text


def test_the_written_file_is_in_fmts_canonical_form_and_passes_check(project_dir, taxonomy):
    data = {**FULL, "image": None}
    out = from_issue.propose(project_dir, event(proposal_body(taxonomy, data)))
    assert out.ok, out.problems
    raw = (project_dir / out.rel).read_bytes()
    assert fmt.format_bytes(raw, out.rel).formatted == raw
    assert out.rel == "initiatives/2023/to-hoa-giai-ba-cung-o-bon-buor.md"
    src = read_source(project_dir / out.rel, project_dir)
    assert {k: v for k, v in src.data.items() if k != "added"} == {k: v for k, v in data.items() if v is not None}
    assert project.load(project_dir, [project_dir / out.rel]).errors == []


def test_a_proposal_is_stamped_with_the_day_it_entered_the_catalogue(project_dir, taxonomy, monkeypatch):
    monkeypatch.setattr(from_issue, "entry_date", lambda: dt.date(2026, 12, 3))
    out = from_issue.propose(project_dir, event(proposal_body(taxonomy, {**FULL, "image": None})))
    text = (project_dir / out.rel).read_text(encoding="utf-8")
    assert "added: 2026-12-03" in text


# --- as GitHub really prints them --------------------------------------------------------------------
# Copied from an issue opened with the form: CRLF inside text areas, `_No response_`, options as shown.
GITHUB_PRINTED = (
    "### Tên sáng kiến\n\nBếp ăn bán trú cho học sinh bon xa\n\n### Loại\n\nMô hình “Đoàn kết sáng tạo” (mo-hinh)\n\n"
    "### Lĩnh vực\n\n3. Đơn vị sự nghiệp\n\n### Đơn vị áp dụng\n\nxã Đắk D'rông, tỉnh Đắk Nông (dak-drong, đến 30/6/2025)\n\n"
    "### Năm\n\n2024\n\n### Tóm tắt\n\nPhụ huynh góp gạo, rau; nhà trường và Mặt trận vận động mạnh thường quân nấu "
    "bữa trưa cho học sinh ở xa.\n\n### Tổ chức chủ trì\n\n_No response_\n\n### Tác giả\n\n- Chi hội Phụ nữ bon Bu "
    "Đắk\r\n- Trường Tiểu học Đắk D'rông\n\n### Trạng thái\n\n_No response_\n\n### Áp dụng từ ngày\n\n_No response_\n\n"
    "### Nhân rộng tại\n\n_No response_\n\n### Khen thưởng\n\n_No response_\n\n### Hiệu quả đo được\n\n"
    "beneficiaries (Số người hưởng lợi, người): 85\r\nhouseholds (Số hộ hưởng lợi, hộ): \r\nsavings_vnd (Số tiền làm "
    "lợi, tiết kiệm, đồng): 12.500.000\r\nhours_saved (Số giờ công tiết kiệm mỗi năm, giờ): \r\nincome_vnd (Thu nhập "
    "tăng thêm mỗi năm, đồng): \r\narea_ha (Diện tích áp dụng, ha): \r\n\n### Ảnh\n\n_No response_\n\n### Mô tả ảnh\n\n"
    "_No response_\n\n### Từ khóa\n\nbán trú, giáo dục\n\n### Nổi bật\n\n- [X] Đề nghị giới thiệu mục này trên trang "
    "chủ (ban biên tập quyết định)\n\n### Liên hệ công khai\n\n_No response_\n\n### Nội dung\n\n## Thực trạng\r\n\r\n"
    "Học sinh bon Bu Đắk đi học cách trường 7 km, trưa không về kịp, nhiều em bỏ bữa hoặc nghỉ học buổi chiều.\r\n\r\n"
    "## Giải pháp\r\n\r\nMỗi hộ góp 5 kg gạo một tháng, Chi hội Phụ nữ nhận nấu theo lịch; nhà trường bố trí phòng ăn, "
    "Mặt trận xã vận động mạnh thường quân hỗ trợ thịt, cá mỗi tuần.\r\n\r\n## Điều kiện áp dụng\r\n\r\n\r\n\r\n"
    "## Hiệu quả\r\n\r\n\r\n\r\n## Cách nhân rộng\r\n"
)


def test_a_body_as_github_prints_it_becomes_a_clean_entry(project_dir, taxonomy):
    out = from_issue.propose(project_dir, event(GITHUB_PRINTED))
    assert out.ok, out.problems
    src = read_source(project_dir / out.rel, project_dir)
    assert src.data["type"] == "mo-hinh" and src.data["area"] == 3 and src.data["unit"] == "dak-drong"
    assert src.data["authors"] == ["Chi hội Phụ nữ bon Bu Đắk", "Trường Tiểu học Đắk D'rông"]
    assert src.data["benefits"] == {"beneficiaries": 85, "savings_vnd": 12500000}
    assert src.data["featured"] is True and src.data["tags"] == ["bán trú", "giáo dục"]
    assert "organization" not in src.data and "\r" not in (project_dir / out.rel).read_text(encoding="utf-8")


def test_empty_optional_fields_leave_no_key(project_dir, taxonomy):
    required = {k: FULL[k] for k, info in Entry.model_fields.items() if info.is_required()}
    out = from_issue.propose(project_dir, event(proposal_body(taxonomy, required)))
    assert out.ok, out.problems
    src = read_source(project_dir / out.rel, project_dir)
    assert set(src.data) - {"added"} == set(required)


# --- problems: the form's label, check's message -----------------------------------------------------
def test_problems_name_the_form_box_and_use_checks_message(project_dir, taxonomy):
    before = snapshot(project_dir)
    bad = {**FULL, "image": None, "year": 2026, "area": "sáu", "applied_since": "2023-02-30"}
    text = proposal_body(taxonomy, bad).replace("Tổ chức chủ trì\n\nỦy ban Mặt trận Tổ quốc Việt Nam (mttq)",
                                                "Tổ chức chủ trì\n\nHội Nông Dân")
    out = from_issue.propose(project_dir, event(text))
    assert not out.ok
    by_label = {p.label: p.message for p in out.problems}
    assert "Lĩnh vực" in by_label and "phải là một số nguyên" in by_label["Lĩnh vực"]
    assert "Có phải ý bạn là `hoi-nong-dan`?" in by_label["Tổ chức chủ trì"]
    assert "không có thật" in by_label["Áp dụng từ ngày"]
    comment = from_issue.comment(out, taxonomy)
    assert comment.startswith("### Đề xuất chưa hợp lệ:")
    assert "- **Lĩnh vực**:" in comment and "- **Tổ chức chủ trì**:" in comment
    assert snapshot(project_dir) == before, "a refused proposal leaves the tree as it was"


def test_units_checked_against_the_year_as_check_does(project_dir, taxonomy):
    out = from_issue.propose(project_dir, event(proposal_body(taxonomy, {**FULL, "image": None, "year": 2026,
                                                                        "replicated_in": []})))
    messages = [p.message for p in out.problems if p.label == "Đơn vị áp dụng"]
    assert messages and "không tồn tại trong năm 2026" in messages[0] and "`nam-dong-2025`" in messages[0]


def test_an_edited_issue_is_read_again(project_dir, taxonomy):
    """First the form with a mistake; the person edits the body (headings kept) and the bot runs again."""
    bad = proposal_body(taxonomy, {**FULL, "image": None, "summary": "Ngắn quá."})
    first = from_issue.propose(project_dir, event(bad))
    assert [p.label for p in first.problems] == ["Tóm tắt"]
    edited = bad.replace("### Tóm tắt\n\nNgắn quá.", "### Tóm tắt\r\n\r\n" + FULL["summary"]).replace("\n", "\r\n")
    second = from_issue.propose(project_dir, event(edited, action="edited"))
    assert second.ok, second.problems


def test_an_edit_that_loses_a_heading_is_explained(project_dir, taxonomy):
    text = proposal_body(taxonomy, {**FULL, "image": None}).replace("### Tên sáng kiến", "Tên sáng kiến")
    out = from_issue.propose(project_dir, event(text))
    assert out.problems[0].label == "Tên sáng kiến" and "`### Tên sáng kiến`" in out.problems[0].message


# --- hostile bodies ---------------------------------------------------------------------------------
HOSTILE = {
    "shell": {"title": "Sáng kiến $(touch PWNED) `touch PWNED2` ; rm -rf / && echo ${HOME} | cat > PWNED3"},
    "html": {"summary": "Tóm tắt <script>alert(1)</script> <img src=x onerror=alert(2)> đủ dài để qua độ dài tối thiểu."},
    "formula": {"title": "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\")"},
    "bidi": {"title": "Máy sấy \u202egnp.exe\u202c cà phê"},
    "zero-width": {"summary": "Máy sấy cà phê\u200b tự chế giúp các hộ sấy nhanh hơn, sạch hơn và không lo mưa."},
    "lookalike": {"unit": "ea-p\u043e"},
    "huge": {"summary": "Rất dài. " * 130_000},  # over 1 MB: the whole body is refused
    "long": {"title": "Dài " * 20_000},  # one box far over its limit
    "path": {"title": "../../../../etc/passwd", "image": "../../../../etc/passwd"},
    "personal": {"summary": "Liên hệ anh Hòa số 0905 123 456 hoặc hoa.nguyen@gmail.com để được hướng dẫn chi tiết."},
}


@pytest.mark.parametrize("trick", sorted(HOSTILE))
def test_hostile_bodies_get_a_clear_comment_and_nothing_else(project_dir, taxonomy, trick, tmp_path_factory):
    data = {**FULL, "image": None, **HOSTILE[trick]}
    body = BODY + ("\n<iframe src=\"https://evil.example\"></iframe>\n" if trick == "html" else "")
    event_file = tmp_path_factory.mktemp("event") / "event.json"
    event_file.write_text(json.dumps(event(proposal_body(taxonomy, data, body))), encoding="utf-8")
    before = snapshot(project_dir)
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(project_dir), "from-issue", str(event_file)],
                          capture_output=True, text=True, cwd=project_dir, timeout=120)
    comment = proc.stdout
    if trick in ("shell", "formula"):
        # Harmless as data: the title is written quoted, and nothing ran.
        assert proc.returncode == 0, comment
        after = snapshot(project_dir)
        new = sorted(set(after) - set(before))
        assert len(new) == 1 and new[0].startswith("initiatives/2023/")
        assert read_source(project_dir / new[0], project_dir).data["title"] == data["title"]
    else:
        assert proc.returncode == 1, comment
        assert comment.startswith("### Đề xuất chưa hợp lệ:")
        assert snapshot(project_dir) == before
    assert not list(project_dir.rglob("PWNED*")) and not list(Path.cwd().glob("PWNED*"))
    prose = re.sub(r"`[^`\n]*`", "", comment)  # GitHub shows code spans as text
    assert "<script" not in prose and "<iframe" not in prose and "<img" not in prose
    assert len(comment) < 20_000
    expected = {"html": "`<iframe>`", "bidi": "U+202E", "zero-width": "U+200B", "lookalike": "CYRILLIC",
                "huge": "quá dài", "long": "vượt giới hạn", "path": "trỏ ra ngoài", "personal": "số điện thoại"}
    if trick in expected:
        assert expected[trick] in comment


def test_a_body_over_the_size_limit_is_refused_before_parsing(project_dir, taxonomy):
    out = from_issue.propose(project_dir, event("### Tên sáng kiến\n\n" + "a" * 1_100_000))
    assert [p.label for p in out.problems] == ["Nội dung issue"] and "quá dài" in out.problems[0].message


def test_the_comment_defuses_mentions_and_markup(taxonomy):
    out = from_issue.Outcome(kind="proposal", rel="initiatives/2023/x.md",
                             data={"title": "@mttq-cujut/admins #1 **đậm** <b>x</b> | ô"})
    text = from_issue.comment(out, taxonomy)
    assert "@mttq-cujut" not in text and "#1 " not in text and "<b>" not in text and "**đậm**" not in text
    assert "| Tên sáng kiến | " in text and text.count("\n| ") == 2  # the header row and one value row


# --- corrections ------------------------------------------------------------------------------------
def correction_body(taxonomy, root: Path, slug: str, change) -> str:
    path = next(root.glob(f"initiatives/*/{slug}.md"))
    src = read_source(path, root)
    form = issue_form.correction_form(taxonomy)
    answers, _ = issue_body.entry_answers(taxonomy, src.data, src.body, form)
    answers[issue_form.SLUG_ID] = slug
    change(answers)
    return issue_body.render_body(form, answers)


def test_a_correction_changes_only_the_fields_that_differ(project_dir, taxonomy):
    slug = "may-say-ca-phe-lo-dot-vo"
    path = next(project_dir.glob(f"initiatives/*/{slug}.md"))
    before = path.read_text(encoding="utf-8").split("\n")
    new_summary = "Máy sấy cà phê tự chế dùng vỏ cà phê làm chất đốt, sấy nhanh, sạch, không lo mưa trái mùa."
    text = correction_body(taxonomy, project_dir, slug, lambda a: a.update(summary=new_summary))
    out = from_issue.propose(project_dir, event(text, label=issue_form.CORRECTION_LABEL))
    assert out.ok, out.problems
    assert out.changed == ["summary"] and out.written == [out.rel]
    after = path.read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert changed[0][1] == f'summary: "{new_summary}"'
    assert "- **Tóm tắt**:" in from_issue.comment(out, taxonomy)


def test_a_correction_can_clear_a_field_and_keep_a_long_body(project_dir, taxonomy):
    slug = "may-say-ca-phe-lo-dot-vo"
    path = next(project_dir.glob(f"initiatives/*/{slug}.md"))
    src = read_source(path, project_dir)
    cut = issue_body.prefill_cut(src.body)
    assert cut < len(src.body), "the sample body is longer than a link carries"

    def change(a):
        a["tags"] = ""
        a[issue_form.correction_id("body")] = src.body[:cut].replace("Mùa thu hoạch", "Vụ thu hoạch") + "\n\n" + issue_form.BODY_KEPT

    out = from_issue.propose(project_dir, event(correction_body(taxonomy, project_dir, slug, change),
                                                label=issue_form.CORRECTION_LABEL))
    assert out.ok, out.problems
    assert out.changed == ["tags", "body"]
    new = read_source(path, project_dir)
    assert "tags" not in new.data
    assert new.body.replace("Vụ thu hoạch", "Mùa thu hoạch").strip() == src.body.strip()


def test_a_correction_without_a_change_or_for_an_unknown_entry_is_explained(project_dir, taxonomy):
    same = correction_body(taxonomy, project_dir, "may-say-ca-phe-lo-dot-vo", lambda a: None)
    out = from_issue.propose(project_dir, event(same, label=issue_form.CORRECTION_LABEL))
    assert [p.label for p in out.problems] == ["Mã mục"] and "Không có ô nào khác" in out.problems[0].message
    unknown = same.replace("may-say-ca-phe-lo-dot-vo", "../../etc/passwd", 1)
    out = from_issue.propose(project_dir, event(unknown, label=issue_form.CORRECTION_LABEL))
    assert [p.label for p in out.problems] == ["Mã mục"] and "Không có mục nào" in out.problems[0].message


# --- the command ------------------------------------------------------------------------------------
def test_the_command_writes_the_comment_and_the_workflow_outputs(project_dir, taxonomy, tmp_path):
    event_file = tmp_path / "event.json"
    event_file.write_text(json.dumps(event(proposal_body(taxonomy, {**FULL, "image": None}), number=7)), encoding="utf-8")
    outputs = tmp_path / "github_output"
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(project_dir), "from-issue", str(event_file),
                           "--comment", str(tmp_path / "comment.md"), "--github-output", str(outputs)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith("### Đề xuất hợp lệ")
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    assert values["ok"] == "true" and values["path"] == "initiatives/2023/to-hoa-giai-ba-cung-o-bon-buor.md"
    assert values["pr_title"] == f"Đề xuất: {FULL['title']} (#7)"


def test_an_unreadable_event_file_is_a_usage_error(tmp_path):
    (tmp_path / "event.json").write_text("{not json", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "generator", "from-issue", str(tmp_path / "event.json")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "Không đọc được tệp sự kiện" in proc.stderr


# --- the hostile corpus through the form ---------------------------------------------------------------
HOSTILE_CORPUS = ROOT / "tests/hostile/initiatives/2022"


def _corpus_entries() -> list[str]:
    return sorted(p.name for p in HOSTILE_CORPUS.glob("*.md") if read_source(p, HOSTILE_CORPUS).data)


@pytest.mark.parametrize("name", _corpus_entries())
def test_the_hostile_corpus_sent_through_the_form(project_dir, taxonomy, name):
    """Each hostile entry's values and body, typed into the form: refused with a comment where `check` refuses
    the file (the same words), and whatever happens nothing is written outside initiatives/."""
    from test_hostile import CLEAN, EXPECTED

    src = read_source(HOSTILE_CORPUS / name, HOSTILE_CORPUS)
    data = {k: v for k, v in src.data.items() if k in Entry.model_fields}
    before = snapshot(project_dir)
    out = from_issue.propose(project_dir, event(proposal_body(taxonomy, data, src.body)))
    after = snapshot(project_dir)
    outside = {k for k in set(before) | set(after) if not k.startswith("initiatives/") and before.get(k) != after.get(k)}
    assert not outside
    comment = from_issue.comment(out, taxonomy)
    prose = re.sub(r"`[^`\n]*`", "", comment)
    assert "<script" not in prose and "<iframe" not in prose and "javascript:" not in prose
    if name in CLEAN:
        return
    if name in {f for f, _, _ in EXPECTED}:
        assert not out.ok and comment.startswith("### Đề xuất chưa hợp lệ:"), name
        assert after == before


# The correction form as GitHub prints it after someone changed two boxes of a prefilled link (CRLF in text areas,
# boxes emptied by hand read `_No response_`).
CORRECTION_PRINTED = (
    "### Mã mục\n\nmay-say-ca-phe-lo-dot-vo\n\n### Tên sáng kiến\n\nMáy sấy cà phê tận dụng nhiệt từ lò đốt vỏ\n\n"
    "### Loại\n\nsang-che\n\n### Lĩnh vực\n\n2\n\n### Đơn vị áp dụng\n\ndak-wil\n\n### Năm\n\n2022\n\n### Tóm tắt\n\n"
    "Máy sấy cà phê do một nông dân xã Đắk Wil tự chế tạo, dùng vỏ cà phê làm chất đốt thay củi, giúp các hộ sấy "
    "nhanh, sạch và không lo mưa trái mùa.\n\n### Tổ chức chủ trì\n\nhoi-nong-dan\n\n### Tác giả\n\nÔng Lê Văn Thành, "
    "thôn 8\r\nChi hội Nông dân thôn 8\n\n### Trạng thái\n\nap-dung\n\n### Áp dụng từ ngày\n\n2022-10-20\n\n"
    "### Nhân rộng tại\n\nea-po, cu-knia\n\n### Khen thưởng\n\nhuyen – 2022 – Giấy khen của Ủy ban MTTQ Việt Nam huyện "
    "Cư Jút\n\n### Hiệu quả đo được\n\nhouseholds (Số hộ hưởng lợi, hộ): 35\r\nsavings_vnd (Số tiền làm lợi, tiết kiệm, "
    "đồng): 180000000\n\n### Ảnh\n\nmay-say-ca-phe-lo-dot-vo.png\n\n### Mô tả ảnh\n\nHình minh họa máy sấy hình trụ đặt "
    "cạnh lò đốt có ống khói, phía sau là đồi cà phê\n\n### Từ khóa\n\ncà phê, cơ khí, sau thu hoạch\n\n### Nổi bật\n\n"
    "không\n\n### Liên hệ công khai\n\n_No response_\n\n### Nội dung\n\n_No response_"
)


def test_a_correction_as_github_prints_it_changes_those_two_fields(project_dir, taxonomy):
    path = project_dir / "initiatives/2022/may-say-ca-phe-lo-dot-vo.md"
    before = read_source(path, project_dir)
    out = from_issue.propose(project_dir, event(CORRECTION_PRINTED, label=issue_form.CORRECTION_LABEL))
    assert out.ok, out.problems
    assert out.changed == ["authors", "replicated_in"]
    after = read_source(path, project_dir)
    assert after.data["authors"] == ["Ông Lê Văn Thành, thôn 8", "Chi hội Nông dân thôn 8"]
    assert after.data["replicated_in"] == ["ea-po", "cu-knia"]
    assert {k: v for k, v in after.data.items() if k not in out.changed} == \
        {k: v for k, v in before.data.items() if k not in out.changed}
    assert after.body == before.body
