"""`generator new` scaffolds a valid, explained entry with a free Vietnamese-aware slug."""

from generator.cli.main import main


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
    assert main(["--root", str(scratch.root), "check"]) == 0, capsys.readouterr().out


def test_new_entry_picks_a_free_slug(capsys, scratch):
    base = ["--root", str(scratch.root), "new", "--no-input", "--title", "Đắk Wil", "--year", "2022"]
    assert main(base) == 0
    assert main(base) == 0
    assert (scratch.root / "initiatives/2022/dak-wil.md").exists()
    assert (scratch.root / "initiatives/2022/dak-wil-2.md").exists()


def test_new_without_title_is_a_usage_error(capsys, scratch):
    assert main(["--root", str(scratch.root), "new", "--no-input"]) == 2
    assert "Cần có tên sáng kiến" in capsys.readouterr().err
