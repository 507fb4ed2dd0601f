"""`python -m generator report`: write a yearly report as XLSX, CSV, Markdown or a Word document, the same as the site links."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from generator.catalog import project
from generator.common.problems import format_problems
from generator.entries.fmt import write_atomically

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("xlsx", "csv", "md", "docx")
BINARY = ("xlsx", "docx")  # files, never printed to the terminal


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="xuất báo cáo kết quả một năm (toàn vùng hoặc một đơn vị) ra XLSX, CSV, Markdown hoặc văn bản Word (DOCX)",
        description="Xuất báo cáo kết quả phong trào của một năm, giống bản trên trang bao-cao/.")
    p.add_argument("--year", type=int, required=True, help="năm báo cáo, ví dụ 2022")
    p.add_argument("--unit", help="mã đơn vị (xem taxonomy.yml); bỏ trống để báo cáo toàn vùng")
    p.add_argument("--format", choices=FORMATS, default="xlsx", help="dạng tệp (mặc định: xlsx)")
    p.add_argument("--output", help="tệp ghi ra; mặc định bao-cao-NĂM[-ĐƠN-VỊ].xlsx (hoặc .docx), còn csv và md in ra màn hình; "
                                    "dùng - để in ra màn hình")
    p.set_defaults(func=cmd_report)


def _site_url(root: Path) -> str:
    """The public address from mkdocs.yml, so the entry links in the spreadsheet are the real ones."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    return str(config.get("site_url") or "") if isinstance(config, dict) else ""


def cmd_report(args) -> int:
    # Imported here: only this command needs the report modules, not every `check`.
    from generator.outputs import exports, report_docx, reports

    root = Path(args.root)
    loaded = project.load(root)
    if loaded.errors:
        sys.stdout.write(format_problems(loaded.problems) + "\n")
        sys.stderr.write("Không lập báo cáo vì có lỗi trong các tệp mục; sửa rồi chạy lại "
                         "(kiểm tra nhanh: python -m generator check).\n")
        return EXIT_PROBLEMS
    cat = loaded.catalog
    tax = cat.taxonomy
    if args.unit is not None:
        if args.unit not in tax.unit_by_slug:
            sys.stderr.write(f"Không có đơn vị mã `{args.unit}`. Các mã có báo cáo năm {args.year}: "
                             + ", ".join(reports.report_units(cat, args.year)) + "\n")
            return EXIT_USAGE
        if args.unit not in reports.report_units(cat, args.year):
            sys.stderr.write(f"{tax.unit_title(args.unit)} không tồn tại trong năm {args.year}. Các mã có báo cáo "
                             f"năm {args.year}: " + ", ".join(reports.report_units(cat, args.year)) + "\n")
            return EXIT_USAGE
    rep = reports.build(cat, args.year, args.unit, _site_url(root))
    if args.format == "xlsx":
        data = exports.xlsx(rep)
    elif args.format == "docx":
        data = report_docx.docx(cat, rep)
    elif args.format == "csv":
        data = exports.csv_bytes(rep)
    else:
        data = exports.markdown(rep).encode("utf-8")
    output = args.output or (f"{rep.slug}.{args.format}" if args.format in BINARY else "-")
    if output == "-":
        if args.format in BINARY:
            what = "Bảng tính XLSX" if args.format == "xlsx" else "Văn bản Word (DOCX)"
            sys.stderr.write(f"{what} không in ra màn hình được; dùng --output TỆP.{args.format}\n")
            return EXIT_USAGE
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)  # never leave half a file where a spreadsheet program may open it
    sys.stderr.write(f"Đã ghi {target} ({len(rep.items)} mục).\n")
    if args.format == "docx":
        sys.stderr.write("Trong văn bản còn để trống (dòng “……”) số và ngày văn bản, công tác tuyên truyền, đánh giá "
                         "chung, phương hướng năm sau, đề xuất và họ tên người ký: điền vào rồi in, ký, đóng dấu.\n")
    return EXIT_OK
