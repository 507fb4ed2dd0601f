"""Every mistake an editor can make comes back as PATH:LINE: a Vietnamese message naming the field and the fix."""

from __future__ import annotations

import json
import re

import pytest

from generator.cli.main import main

ENTRY = "initiatives/2022/may-say-ca-phe.md"


def run_check(capsys, scratch, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(scratch.root), "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def entry(**overrides: str | None) -> str:
    """A valid entry with some front-matter lines replaced (value None drops the key)."""
    fields = {
        "title": '"Máy sấy cà phê tận dụng nhiệt"',
        "type": "sang-che",
        "area": "2",
        "unit": "ea-po",
        "year": "2022",
        "summary": '"Nông dân tự chế máy sấy cà phê dùng nhiệt từ lò đốt vỏ, giảm chi phí và giữ chất lượng hạt."',
    }
    extra = {k: v for k, v in overrides.items() if k not in fields}
    fields.update({k: v for k, v in overrides.items() if k in fields})
    lines = [f"{k}: {v}" for k, v in {**fields, **extra}.items() if v is not None]
    body = ("Mỗi mùa thu hoạch, các hộ trồng cà phê ở xã Ea Pô phơi cà phê trên sân đất, gặp mưa thì hạt bị mốc. "
            "Nông dân tận dụng vỏ cà phê làm chất đốt, dẫn khí nóng qua ống trao đổi nhiệt vào buồng sấy có quạt đảo. "
            "Máy giảm thời gian sấy còn hai ngày và tiết kiệm chi phí thuê máy cho các hộ trong thôn.\n")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def lines_of(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.strip()]


def test_valid_entry_passes(capsys, scratch):
    scratch.write(ENTRY, entry())
    code, out, err = run_check(capsys, scratch)
    assert code == 0, out
    assert out == ""
    assert "Không có lỗi nào" in err


def test_sample_entries_are_clean(capsys, root):
    code = main(["--root", str(root), "check", "--strict"])
    out = capsys.readouterr().out
    assert code == 0, out


@pytest.mark.parametrize("text, line, words", [
    (entry(authors='\n\t- "Ông A"'), 9, "Tab"),
    (entry().replace("type: sang-che", "  type: sang-che"), 3, "Thụt lề"),
    (entry(summary='"Nông dân tự chế máy sấy'), 7, "ngoặc kép"),
    (entry(title="Mô hình: Tổ hòa giải"), 2, "hai chấm"),
])
def test_broken_yaml_is_reported_at_its_line(capsys, scratch, text, line, words):
    scratch.write(ENTRY, text)
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:{line}: ")
    assert words.lower() in msg.lower()
    assert "Traceback" not in out


def test_missing_front_matter(capsys, scratch):
    scratch.write(ENTRY, "# Máy sấy cà phê\n\nNội dung.\n")
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    assert f"{ENTRY}:1: Thiếu phần thông tin (front matter)" in out
    assert "`---`" in out


def test_unclosed_front_matter(capsys, scratch):
    scratch.write(ENTRY, entry().replace("\n---\n\n", "\n\n", 1))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    assert f"{ENTRY}:1: " in out and "không có dòng `---` đóng lại" in out


def test_legacy_encoding_is_explained(capsys, scratch):
    scratch.write(ENTRY, entry().encode("utf-8").replace("Máy sấy".encode(), "Máy sấy".encode("cp1258", errors="replace")))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:2: ")
    assert "UTF-8" in msg and "TCVN3" in msg and "Lưu thành" in msg


def test_bom_and_crlf_are_accepted(capsys, scratch):
    scratch.write(ENTRY, b"\xef\xbb\xbf" + entry().replace("\n", "\r\n").encode("utf-8"))
    code, out, _ = run_check(capsys, scratch)
    assert code == 0, out


def test_nfd_text_is_accepted_with_a_warning(capsys, scratch):
    import unicodedata

    scratch.write(ENTRY, unicodedata.normalize("NFD", entry()))
    code, out, _ = run_check(capsys, scratch)
    assert code == 0
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:2: cảnh báo: ") and "NFD" in msg and "fmt" in msg
    code, out, _ = run_check(capsys, scratch, "--strict")
    assert code == 1


def test_nfd_text_is_normalised_in_the_catalog(scratch):
    import unicodedata

    from generator.catalog import project

    scratch.write(ENTRY, unicodedata.normalize("NFD", entry()))
    [record] = project.load(scratch.root).catalog.records
    assert record.entry.title == "Máy sấy cà phê tận dụng nhiệt"
    assert unicodedata.is_normalized("NFC", record.body)


def test_unknown_key_suggests_the_right_one(capsys, scratch):
    scratch.write(ENTRY, entry(titel='"x"'))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:8: Trường `titel` không có trong mẫu")
    assert "Có phải ý bạn là `title`?" in msg


@pytest.mark.parametrize("override, line, words", [
    ({"area": "hai"}, 4, ["`area` (Lĩnh vực)", "số nguyên", "1 – Cơ quan của hệ thống chính trị", "5 – Cộng đồng người Việt Nam ở nước ngoài"]),
    ({"area": "7"}, 4, ["`7` không phải lĩnh vực", "2 – Doanh nghiệp, hợp tác xã"]),
    ({"year": "hai nghìn"}, 6, ["`year` (Năm)", "số nguyên"]),
    ({"title": "2022"}, 2, ["`title` (Tên sáng kiến)", "văn bản", "ngoặc kép"]),
    ({"authors": '"Ông A"'}, 8, ["`authors` (Tác giả)", "danh sách", "- "]),
    ({"featured": '"có"'}, 8, ["`featured` (Nổi bật)", "`true` hoặc `false`"]),
    ({"benefits": "{savings: 5}"}, 8, ["`savings` không phải chỉ số hiệu quả", "savings_vnd"]),
])
def test_wrong_types_name_the_field_and_the_fix(capsys, scratch, override, line, words):
    scratch.write(ENTRY, entry(**override))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:{line}: "), msg
    for w in words:
        assert w in msg


def test_impossible_date(capsys, scratch):
    scratch.write(ENTRY, entry(applied_since="2022-02-30"))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:8: `applied_since` (Áp dụng từ ngày)")
    assert "không có thật" in msg


def test_date_in_vietnamese_order_gets_the_format(capsys, scratch):
    scratch.write(ENTRY, entry(applied_since="15/3/2022"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert "NĂM-THÁNG-NGÀY" in msg and "2022-03-15" in msg


def test_date_after_the_entry_year(capsys, scratch):
    scratch.write(ENTRY, entry(applied_since="2023-05-01"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:8: ") and "muộn hơn năm của mục (2022)" in msg


@pytest.mark.parametrize("year", ["1999", "20222"])
def test_year_out_of_range(capsys, scratch, year):
    scratch.write(f"initiatives/{year}/may-say-ca-phe.md", entry(year=year))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    assert f"initiatives/{year}/may-say-ca-phe.md:6: `year` (Năm): năm `{year}` nằm ngoài khoảng cho phép" in out


def test_duplicate_slugs_across_years(capsys, scratch):
    scratch.write(ENTRY, entry())
    scratch.write("initiatives/2023/may-say-ca-phe.md", entry(year="2023"))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    msgs = lines_of(out)
    assert len(msgs) == 2
    assert all("`may-say-ca-phe` bị trùng" in m for m in msgs)
    assert msgs[0].startswith(ENTRY + ":1: ") and msgs[1].startswith("initiatives/2023/may-say-ca-phe.md:1: ")


def test_unit_merged_before_the_entry_year(capsys, scratch):
    scratch.write("initiatives/2026/may-say-ca-phe.md", entry(year="2026"))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith("initiatives/2026/may-say-ca-phe.md:5: `unit` (Đơn vị áp dụng): `ea-po` không tồn tại trong năm 2026")
    assert "xã Đắk Wil" in msg and "1/7/2025" in msg and "`dak-wil-2025`" in msg


def test_new_commune_before_it_existed(capsys, scratch):
    scratch.write(ENTRY, entry(unit="nam-dong-2025"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:5: ") and "`dak-drong`" in msg and "`nam-dong`" in msg


def test_replicated_in_unit_not_valid(capsys, scratch):
    scratch.write(ENTRY, entry(replicated_in="\n  - dak-wil\n  - cu-jut-2025"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:10: `replicated_in`: `cu-jut-2025` không tồn tại trong năm 2022")


def test_near_miss_unit_gets_did_you_mean(capsys, scratch):
    scratch.write(ENTRY, entry(unit="ea-poo"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:5: `unit` (Đơn vị áp dụng): `ea-poo` không phải đơn vị")
    assert "Có phải ý bạn là `ea-po`?" in msg
    assert "`ea-tling` (thị trấn Ea T'ling)" in msg


def test_unit_written_as_its_name(capsys, scratch):
    scratch.write(ENTRY, entry(unit='"Đắk Wil"'))
    code, out, _ = run_check(capsys, scratch)
    assert "Có phải ý bạn là `dak-wil`?" in out


def test_missing_image(capsys, scratch):
    scratch.write(ENTRY, entry(image="may-say.jpg"))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:8: `image` (Ảnh): không tìm thấy tệp `may-say.jpg`")


def test_empty_body(capsys, scratch):
    scratch.write(ENTRY, entry().split("---\n\n")[0] + "---\n\n")
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:9: Phần nội dung") and "đang trống" in msg


def test_short_body_is_a_warning_only(capsys, scratch):
    scratch.write(ENTRY, entry().split("---\n\n")[0] + "---\n\nMáy sấy tốt.\n")
    code, out, _ = run_check(capsys, scratch)
    assert code == 0
    assert f"{ENTRY}:9: cảnh báo: Phần nội dung rất ngắn" in out
    assert run_check(capsys, scratch, "--strict")[0] == 1


def test_overlong_summary(capsys, scratch):
    scratch.write(ENTRY, entry(summary='"' + "Nông dân tự chế máy sấy. " * 14 + '"'))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:7: `summary` (Tóm tắt) dài ") and "vượt giới hạn 300 ký tự" in msg


def test_missing_required_field(capsys, scratch):
    scratch.write(ENTRY, entry(summary=None))
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith(f"{ENTRY}:1: Thiếu trường bắt buộc `summary` (Tóm tắt).")


def test_file_outside_a_year_folder(capsys, scratch):
    scratch.write("initiatives/may-say-ca-phe.md", entry())
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith("initiatives/may-say-ca-phe.md:1: Tệp mục phải nằm trong thư mục của năm: `initiatives/2022/may-say-ca-phe.md`")


def test_folder_year_disagrees(capsys, scratch):
    scratch.write("initiatives/2023/may-say-ca-phe.md", entry())
    code, out, _ = run_check(capsys, scratch)
    [msg] = lines_of(out)
    assert msg.startswith("initiatives/2023/may-say-ca-phe.md:6: `year` là 2022 nhưng tệp nằm trong thư mục `initiatives/2023/`")


def test_bad_file_name(capsys, scratch):
    scratch.write("initiatives/2022/Máy sấy.md", entry())
    code, out, _ = run_check(capsys, scratch)
    assert "Tên tệp `Máy sấy` không hợp lệ" in out and "`may-say.md`" in out


def test_every_problem_in_one_run(capsys, scratch):
    scratch.write(ENTRY, entry(area="9", unit="ea-poo", titel='"x"'))
    scratch.write("initiatives/2022/khac.md", "không có front matter\n")
    code, out, _ = run_check(capsys, scratch)
    assert len(lines_of(out)) == 4


def test_github_format(capsys, scratch):
    scratch.write(ENTRY, entry(unit="ea-poo"))
    code, out, _ = run_check(capsys, scratch, "--format", "github")
    assert code == 1
    [msg] = lines_of(out)
    assert msg.startswith(f"::error file={ENTRY},line=5,title=Trường `unit`::`unit` (Đơn vị áp dụng)")


def test_json_format(capsys, scratch):
    scratch.write(ENTRY, entry(unit="ea-poo"))
    code, out, _ = run_check(capsys, scratch, "--format", "json")
    assert code == 1
    [problem] = json.loads(out)
    assert problem["path"] == ENTRY and problem["line"] == 5 and problem["field"] == "unit"
    assert problem["severity"] == "error"


def test_check_only_named_paths(capsys, scratch):
    scratch.write(ENTRY, entry())
    scratch.write("initiatives/2022/khac.md", "không có front matter\n")
    code, out, _ = run_check(capsys, scratch, str(scratch.root / ENTRY))
    assert code == 0
    code, out, _ = run_check(capsys, scratch, str(scratch.root / "initiatives/2022/khac.md"))
    assert code == 1


def test_usage_error_exits_2(capsys, scratch):
    with pytest.raises(SystemExit) as exc:
        main(["--root", str(scratch.root), "check", "--format", "xml"])
    assert exc.value.code == 2
    assert "Lỗi cách dùng lệnh" in capsys.readouterr().err


def test_broken_taxonomy_is_reported(capsys, scratch):
    text = (scratch.root / "taxonomy.yml").read_text(encoding="utf-8")
    scratch.write("taxonomy.yml", text.replace("merged_into: dak-wil-2025", "merged_into: dak-wil-2052", 1))
    code, out, _ = run_check(capsys, scratch)
    assert code == 1
    assert re.match(r"taxonomy\.yml:\d+: Danh mục", out)
    assert "dak-wil-2052" in out
