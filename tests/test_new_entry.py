"""`generator new` scaffolds a valid, explained entry with a free Vietnamese-aware slug, and never writes what
`check` refuses: every answer and flag is validated with check's messages."""

import builtins
import re
import sys

import pytest

from generator.cli.main import main
from generator.entries.scaffold import BODY


def test_new_entry_from_flags_is_valid_after_writing_the_body(capsys, scratch):
    args = ["--root", str(scratch.root), "new", "--no-input", "--title", "Tổ hòa giải ở Đắk Wil", "--type", "mo-hinh",
            "--area", "1", "--unit", "dak-wil", "--year", "2023",
            "--summary", "Tổ hòa giải gồm già làng và cựu chiến binh giúp bà con giải quyết mâu thuẫn ngay tại thôn."]
    assert main(args) == 0
    path = scratch.root / "initiatives/2023/to-hoa-giai-o-dak-wil.md"
    text = path.read_text(encoding="utf-8")
    assert "# Lĩnh vực (bắt buộc): Số của một trong năm nội dung thi đua" in text
    assert "# Giá trị hợp lệ: 1 – Cơ quan của hệ thống chính trị" in text
    assert 'title: "Tổ hòa giải ở Đắk Wil"' in text
    assert "## Thực trạng" in text
    capsys.readouterr()
    # The example sentences of the body are refused until replaced, each named with its line.
    assert main(["--root", str(scratch.root), "check"]) == 1
    out = capsys.readouterr().out
    body_start = text.count("\n", 0, text.index("## Thực trạng")) + 1
    assert (f"to-hoa-giai-o-dak-wil.md:{body_start + 2}: Phần nội dung còn câu mẫu “Mô tả vấn đề, khó khăn trước khi có "
            "sáng kiến.” do lệnh `new` tạo ra. Hãy thay câu mẫu này") in out
    assert out.count("còn câu mẫu") == 5
    written = "\n".join(line if line.startswith("#") or not line.strip() else
                        "Tổ hòa giải gồm già làng, trưởng thôn và cựu chiến binh, họp mỗi tháng một lần để nghe bà con "
                        "trình bày và cùng tìm cách giải quyết mâu thuẫn ngay tại thôn." for line in BODY.splitlines())
    path.write_text(text.replace(BODY, written + "\n"), encoding="utf-8")
    assert main(["--root", str(scratch.root), "check"]) == 0, capsys.readouterr().out


def test_the_scaffolds_examples_are_valid_in_the_entrys_year(capsys, scratch):
    args = ["--root", str(scratch.root), "new", "--no-input", "--title", "Đèn năng lượng mặt trời", "--type", "sang-kien",
            "--area", "1", "--unit", "dak-wil-2025", "--year", "2026",
            "--summary", "Các hộ góp tiền lắp đèn năng lượng mặt trời chiếu sáng đường thôn vào ban đêm."]
    assert main(args) == 0
    path = scratch.root / "initiatives/2026/den-nang-luong-mat-troi.md"
    text = path.read_text(encoding="utf-8")
    assert '["ea-po"]' not in text  # ea-po was merged into dak-wil-2025 in 2025
    # Uncomment every example: the entry must still be valid (apart from the placeholder body).
    uncommented = re.sub(r"^# ([a-z_]+: )", r"\1", text, flags=re.M)
    uncommented = uncommented.replace("image: ten-anh.jpg\n", "").replace('image_alt: "Mô tả ngắn nội dung ảnh"\n', "")
    path.write_text(uncommented.replace(BODY, "Đèn chiếu sáng đường thôn. " * 12 + "\n"), encoding="utf-8")
    capsys.readouterr()
    code = main(["--root", str(scratch.root), "check"])
    assert code == 0, capsys.readouterr().out


@pytest.mark.parametrize("flag, value, words", [
    ("--year", "hai nghìn", "`year` (Năm) phải là một số nguyên"),
    ("--type", "sáng kiến", "Có phải ý bạn là `sang-kien`?"),
    ("--area", "7", "`7` không phải lĩnh vực nào trong danh mục"),
    ("--unit", "ea-po", "`ea-po` không tồn tại trong năm 2026"),
    ("--title", "ab", "quá ngắn"),
])
def test_a_refused_flag_is_a_usage_error_with_checks_message(capsys, scratch, flag, value, words):
    args = ["--root", str(scratch.root), "new", "--no-input", "--title", "Tổ hòa giải", "--year", "2026", flag, value]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{flag}: " in err and words in err, err
    assert "Traceback" not in err
    assert not list((scratch.root / "initiatives").rglob("*.md")) if (scratch.root / "initiatives").exists() else True


def test_every_interactive_answer_is_validated_and_asked_again(capsys, scratch, monkeypatch):
    answers = iter(["Tổ hòa giải ở thôn", "sáng kiến", "mo-hinh", "7", "1", "hai nghìn", "2026", "ea-po", "dak-wil-2025",
                    "Tổ hòa giải gồm già làng giúp bà con giải quyết mâu thuẫn ngay tại thôn."])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert main(["--root", str(scratch.root), "new"]) == 0
    err = capsys.readouterr().err
    assert "`sáng kiến` không phải loại nào trong danh mục" in err
    assert "`7` không phải lĩnh vực nào" in err
    assert "hiện đang là `hai nghìn`" in err
    assert "`ea-po` không tồn tại trong năm 2026" in err
    assert err.count("Hãy trả lời lại.") == 4
    text = (scratch.root / "initiatives/2026/to-hoa-giai-o-thon.md").read_text(encoding="utf-8")
    assert "type: \"mo-hinh\"" in text and "area: 1\n" in text and "year: 2026\n" in text
    assert "unit: \"dak-wil-2025\"" in text


def test_new_entry_picks_a_free_slug(capsys, scratch):
    base = ["--root", str(scratch.root), "new", "--no-input", "--title", "Đắk Wil", "--year", "2022"]
    assert main(base) == 0
    assert main(base) == 0
    assert (scratch.root / "initiatives/2022/dak-wil.md").exists()
    assert (scratch.root / "initiatives/2022/dak-wil-2.md").exists()


def test_new_without_title_is_a_usage_error(capsys, scratch):
    assert main(["--root", str(scratch.root), "new", "--no-input"]) == 2
    assert "Cần có tên sáng kiến" in capsys.readouterr().err
