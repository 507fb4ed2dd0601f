"""Rules that need more than one field, the file around an entry, or the whole catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from generator.entries.model import Entry
from generator.common.problems import WARNING, Problem
from generator.entries.read import Source
from generator.common.taxonomy import Taxonomy
from generator.common.text import format_date, slugify
from generator.entries import safety
from generator.entries.safety import IMAGE_TYPES, MAX_IMAGE_BYTES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YEAR_DIR = re.compile(r"[0-9]{4}")
MIN_BODY_CHARS = 200


def file_stem(rel: str) -> str:
    """PurePath(rel).stem of a POSIX path, without making a Path for each of 10,000 files (twice)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def check_location(src: Source, entry: Entry | None) -> list[Problem]:
    """initiatives/<year>/<slug>.md, with the folder year equal to `year` and a clean slug."""
    parts = src.rel.split("/")
    problems = []
    stem = file_stem(src.rel)
    if len(parts) != 3 or parts[0] != "initiatives" or not _YEAR_DIR.fullmatch(parts[1]):
        year = entry.year if entry else "NĂM"
        problems.append(Problem(src.rel, 0, f"Tệp mục phải nằm trong thư mục của năm: `initiatives/{year}/{slugify(stem) or 'ten-muc'}.md`."))
    elif entry and int(parts[1]) != entry.year:
        problems.append(Problem(src.rel, src.line_of("year"),
                                f"`year` là {entry.year} nhưng tệp nằm trong thư mục `initiatives/{parts[1]}/`. "
                                f"Hãy sửa `year`, hoặc chuyển tệp sang `initiatives/{entry.year}/`.", field="year"))
    if not SLUG.match(stem):
        problems.append(Problem(src.rel, 0,
                                f"Tên tệp `{stem}` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang "
                                f"(tên tệp là địa chỉ cố định của trang). Hãy đổi tên thành `{slugify(stem) or 'ten-muc'}.md`."))
    return problems


def _unit_fix(tax: Taxonomy, slug: str, year: int) -> str:
    unit = tax.unit_by_slug[slug]
    if unit.valid_until and year > unit.valid_until.year:
        succ = tax.successor(slug)
        return (f"{tax.unit_label(slug)} đã được sắp xếp vào {tax.unit_label(succ)} từ ngày "
                f"{format_date(unit.valid_until.fromordinal(unit.valid_until.toordinal() + 1))}. Hãy dùng `{succ}`.")
    if unit.valid_from and year < unit.valid_from.year:
        olds = tax.predecessors(slug)
        names = ", ".join(f"`{s}`" for s in olds)
        return (f"{tax.unit_label(slug)} mới được thành lập từ ngày {format_date(unit.valid_from)}. "
                + (f"Với năm {year} hãy dùng đơn vị cũ: {names}." if olds else ""))
    return ""


def check_units(src: Source, entry: Entry, tax: Taxonomy) -> list[Problem]:
    problems = []
    year = entry.year
    if not tax.unit_by_slug[entry.unit].valid_in_year(year):
        problems.append(Problem(src.rel, src.line_of("unit"),
                                f"`unit` (Đơn vị áp dụng): `{entry.unit}` không tồn tại trong năm {year}. {_unit_fix(tax, entry.unit, year)}",
                                field="unit"))
    seen = set()
    for i, slug in enumerate(entry.replicated_in):
        field = f"replicated_in.{i}"
        line = src.line_of(field)
        if slug == entry.unit:
            problems.append(Problem(src.rel, line, f"`replicated_in`: `{slug}` là chính đơn vị áp dụng; chỉ ghi các đơn vị khác đã nhân rộng.", field=field))
        elif slug in seen:
            problems.append(Problem(src.rel, line, f"`replicated_in`: `{slug}` được ghi hai lần; hãy xóa một dòng.", field=field))
        elif not tax.unit_by_slug[slug].valid_in_year(year):
            problems.append(Problem(src.rel, line, f"`replicated_in`: `{slug}` không tồn tại trong năm {year}. {_unit_fix(tax, slug, year)}", field=field))
        seen.add(slug)
    if entry.status == "nhan-rong" and not entry.replicated_in:
        problems.append(Problem(src.rel, src.line_of("status"),
                                "Trạng thái `nhan-rong` (đã nhân rộng) nhưng chưa ghi `replicated_in`: hãy liệt kê các đơn vị đã nhân rộng.",
                                field="status", severity=WARNING))
    return problems


def check_image(src: Source, entry: Entry, root: Path) -> tuple[str | None, list[Problem]]:
    """Resolve `image` next to the entry; it must stay inside initiatives/, exist, and be a small picture."""
    if not entry.image:
        return None, []
    line = src.line_of("image")
    value = entry.image

    def bad(msg: str) -> tuple[None, list[Problem]]:
        return None, [Problem(src.rel, line, f"`image` (Ảnh): {msg}", field="image")]

    if "://" in value or value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        return bad(f"`{value}` phải là đường dẫn tương đối tới tệp ảnh trong kho (ví dụ `ten-anh.jpg` đặt cạnh tệp mục), "
                   "không dùng đường dẫn tuyệt đối hay địa chỉ web.")
    base = (root / "initiatives").resolve()
    target = (src.path.parent / value)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python 3.11
        return bad(f"không đọc được đường dẫn `{value}`.")
    if not resolved.is_relative_to(base):
        return bad(f"`{value}` trỏ ra ngoài thư mục `initiatives/`. Hãy đặt ảnh cạnh tệp mục hoặc trong `initiatives/images/`.")
    if Path(value).suffix.lower() not in IMAGE_TYPES:
        return bad(f"loại tệp `{Path(value).suffix or '(không có đuôi)'}` không được nhận. Chỉ dùng ảnh {', '.join(sorted(IMAGE_TYPES))}.")
    if not resolved.is_file():
        return bad(f"không tìm thấy tệp `{value}` cạnh tệp mục. Hãy kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) "
                   "và chắc chắn ảnh đã được tải lên cùng mục.")
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        megabytes = f"{size / 1e6:.1f}".replace(".", ",")
        return bad(f"ảnh `{value}` nặng {megabytes} MB, vượt giới hạn {MAX_IMAGE_BYTES // 1_000_000} MB. "
                   "Ảnh chụp bằng điện thoại thường dưới giới hạn này: hãy chọn ảnh gốc nhỏ hơn hoặc lưu lại với chất "
                   "lượng thấp hơn. Không cần tự thu nhỏ ảnh: khi đăng, trang web tự làm các cỡ ảnh cho điện thoại "
                   "và xóa thông tin đi kèm ảnh (cả vị trí chụp).")
    return resolved.relative_to(root.resolve()).as_posix(), []


def check_body(src: Source) -> list[Problem]:
    text = src.body.strip()
    if not text:
        return [Problem(src.rel, src.body_line,
                        "Phần nội dung (bên dưới dòng `---` thứ hai) đang trống. Hãy mô tả: thực trạng, giải pháp, "
                        "điều kiện áp dụng, hiệu quả và cách nhân rộng.", field="")]
    if len(text) < MIN_BODY_CHARS:
        return [Problem(src.rel, src.body_line,
                        f"Phần nội dung rất ngắn ({len(text)} ký tự). Nên mô tả rõ thực trạng, giải pháp, điều kiện áp dụng và hiệu quả.",
                        severity=WARNING)]
    return []


def check_source(src: Source, entry: Entry, tax: Taxonomy, root: Path) -> tuple[str | None, list[Problem]]:
    """Every per-entry rule beyond the model; returns the resolved image path too."""
    problems = check_units(src, entry, tax) + check_body(src)
    image, image_problems = check_image(src, entry, root)
    problems += image_problems
    problems += safety.check_safety(src, entry, root)
    return image, problems


def check_duplicates(sources: list[Source]) -> list[Problem]:
    by_slug: dict[str, list[Source]] = {}
    for src in sources:
        by_slug.setdefault(file_stem(src.rel), []).append(src)
    problems = []
    for slug, group in sorted(by_slug.items()):
        if len(group) > 1:
            paths = ", ".join(s.rel for s in group)
            for src in group:
                problems.append(Problem(src.rel, 0, f"Tên tệp `{slug}` bị trùng ({paths}); mỗi mục cần một tên riêng vì tên tệp là địa chỉ trang. "
                                        "Hãy đổi tên một tệp, ví dụ thêm tên đơn vị vào cuối."))
    return problems
