"""`template`, `import`, `export`: the office's spreadsheet round trip, thin over entries/ and outputs/."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.catalog import project
from generator.common.problems import format_problems
from generator.entries.fmt import write_atomically

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser("template", help="tạo mẫu bảng tính (.xlsx) để các đơn vị điền sáng kiến",
                              description="Tạo mẫu bảng tính nhập sáng kiến: cột lấy từ mô hình, danh sách chọn lấy từ danh mục.")
    p.add_argument("--year", type=int, help="năm: danh sách đơn vị chỉ gồm các đơn vị có trong năm đó")
    p.add_argument("--unit", help="mã đơn vị: danh sách đơn vị chỉ gồm đơn vị này (và các đơn vị cũ sáp nhập vào)")
    p.add_argument("--output", required=True, help="tệp ghi ra, ví dụ mau-sang-kien.xlsx")
    p.set_defaults(func=cmd_template)

    p = subparsers.add_parser("import", help="nhập bảng tính (.xlsx, .xls, .csv) thành các tệp mục",
                              description="Mỗi dòng của bảng tính thành một tệp initiatives/NĂM/TÊN-TỆP.md. Có lỗi ở bất kỳ "
                                          "dòng nào thì không ghi tệp nào.")
    p.add_argument("file", help="tệp bảng tính các đơn vị gửi về")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và cho biết sẽ ghi những tệp nào, không ghi")
    p.add_argument("--update", action="store_true", help="cập nhật mục đã có cùng tên tệp (gộp các trường; giữ nội dung "
                                                         "nếu dòng không mang nội dung mới)")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("export", help="xuất các mục ra bảng tính theo đúng mẫu nhập",
                              description="Ghi các mục (một năm, một đơn vị, hoặc tất cả) vào mẫu bảng tính.")
    p.add_argument("--year", type=int, help="chỉ các mục của năm này")
    p.add_argument("--unit", help="chỉ các mục của đơn vị này (gồm các đơn vị cũ sáp nhập vào)")
    p.add_argument("--output", required=True, help="tệp ghi ra, ví dụ sang-kien-2022.xlsx")
    p.set_defaults(func=cmd_export)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)  # never half a file where a spreadsheet program may open it


def _check_unit(tax, unit: str | None) -> bool:
    if unit is not None and unit not in tax.unit_by_slug:
        sys.stderr.write(f"Không có đơn vị mã `{unit}`. Các mã: {', '.join(u.slug for u in tax.units)}\n")
        return False
    return True


def cmd_template(args) -> int:
    from generator.entries import sheet_template

    root = Path(args.root)
    loaded = project.load(root)
    tax = loaded.taxonomy
    if not _check_unit(tax, args.unit):
        return EXIT_USAGE
    cols = sheet_template.columns(tax, args.year, args.unit)
    example = None
    if loaded.records:
        r = loaded.catalog.records[0]
        example = sheet_template.entry_row(r.entry, r.body, r.slug, tax, cols)
    _write(Path(args.output), sheet_template.workbook_bytes(tax, [], args.year, args.unit, example, cols))
    sys.stderr.write(f"Đã ghi mẫu {args.output}.\n")
    return EXIT_OK


def cmd_export(args) -> int:
    from generator.outputs import sheet_export

    root = Path(args.root)
    loaded = project.load(root)
    if loaded.errors:
        sys.stdout.write(format_problems(loaded.problems) + "\n")
        sys.stderr.write("Không xuất vì có lỗi trong các tệp mục; sửa rồi chạy lại (python -m generator check).\n")
        return EXIT_PROBLEMS
    if not _check_unit(loaded.taxonomy, args.unit):
        return EXIT_USAGE
    data, count = sheet_export.export_bytes(loaded.catalog, args.year, args.unit)
    _write(Path(args.output), data)
    sys.stderr.write(f"Đã ghi {args.output} ({count} mục).\n")
    return EXIT_OK


def cmd_import(args) -> int:
    from generator.entries import sheet_import

    root = Path(args.root).resolve()
    path = Path(args.file)
    if not path.is_file():
        sys.stderr.write(f"Không tìm thấy tệp `{args.file}`.\n")
        return EXIT_USAGE
    tax = project.load_taxonomy(root)
    result = sheet_import.import_sheet(path, root, tax, update=args.update)
    for p in result.problems:
        sys.stdout.write(p.text() + "\n")
    errors = len(result.errors)
    if errors:
        sys.stderr.write(f"Đã đọc {result.rows} dòng: {errors} lỗi. Không ghi tệp nào; sửa bảng tính rồi nhập lại.\n")
        return EXIT_PROBLEMS
    counts = {a: sum(p.action == a for p in result.planned) for a in ("tạo mới", "cập nhật", "giữ nguyên")}
    summary = ", ".join(f"{n} {a}" for a, n in counts.items() if n) or "không có dòng nào"
    if args.dry_run:
        for plan in result.planned:
            if plan.content is not None:
                sys.stdout.write(f"Sẽ {plan.action}: {plan.rel}\n")
        sys.stderr.write(f"Đã đọc {result.rows} dòng ({summary}); chạy thử nên không ghi tệp nào.\n")
        return EXIT_OK
    for rel in sheet_import.write_planned(result, root):
        sys.stdout.write(f"Đã ghi {rel}\n")
    sys.stderr.write(f"Đã đọc {result.rows} dòng: {summary}. Kiểm tra lại: python -m generator check\n")
    return EXIT_OK
