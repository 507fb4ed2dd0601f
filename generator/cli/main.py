"""Command line: check, new, schema (and the commands other modules register). Thin over the core."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.catalog import project
from generator.engine import gcpause  # the process's memory policy; imports nothing of MkDocs
from generator.common.problems import format_problems, summary_line
from generator.entries.schema import SCHEMA_PATH, schema_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CORE_COMMANDS = ("check", "new", "schema")


class _Parser(argparse.ArgumentParser):
    """argparse, speaking Vietnamese to editors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Lỗi cách dùng lệnh: {message}\nXem hướng dẫn: python -m generator --help\n")
        raise SystemExit(EXIT_USAGE)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:")

    def format_help(self) -> str:
        return (super().format_help().replace("usage:", "Cách dùng:")
                .replace("positional arguments:", "Tham số:").replace("options:", "Tùy chọn:")
                .replace("show this help message and exit", "hiện hướng dẫn này rồi thoát"))


def _out(text: str) -> None:
    sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def cmd_check(args) -> int:
    root = Path(args.root)
    try:
        loaded = project.load(root, [Path(p) for p in args.paths] if args.paths else None)
    except project.TaxonomyError as err:
        _out(format_problems(err.problems, args.format))
        return EXIT_PROBLEMS
    problems = loaded.problems
    failing = [p for p in problems if p.is_error or args.strict]
    if args.format == "json":
        _out(format_problems(problems, "json"))
    else:
        if problems:
            _out(format_problems(problems, args.format))
        if args.format == "text":
            # Every entry file, the unreadable and the invalid ones included, not only those that became records.
            n = len(loaded.sources) if not args.paths else len(args.paths)
            sys.stderr.write(f"Đã kiểm tra {n} mục. {summary_line(problems)}\n")
    return EXIT_PROBLEMS if failing else EXIT_OK


def cmd_schema(args) -> int:
    root = Path(args.root)
    text = schema_text(project.load_taxonomy(root))
    target = root / SCHEMA_PATH
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            sys.stderr.write(f"{SCHEMA_PATH} chưa khớp với mô hình; chạy `python -m generator schema` để cập nhật.\n")
            return EXIT_PROBLEMS
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _out(f"Đã ghi {SCHEMA_PATH}")
    return EXIT_OK


def _ask(prompt: str, default: str | None = None) -> str:
    shown = f"{prompt}{f' [{default}]' if default else ''}: "
    answer = input(shown).strip()
    return answer or (default or "")


_FLAGS = {"title": "--title", "type": "--type", "area": "--area", "unit": "--unit", "year": "--year",
          "summary": "--summary", "organization": "--organization"}


def _typed(name: str, value):
    """A whole-number answer as a number (what the model wants), anything else as written."""
    if name in ("area", "year") and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _ask_valid(name: str, prompt: str, values: dict, tax, default: str | None = None, required: bool = True):
    """Ask until the answer passes `check`'s rules; each refusal prints check's message and asks again."""
    from generator.entries.scaffold import answer_problems

    while True:
        answer = _ask(prompt, default)
        if not answer and not required:
            return None
        problems = answer_problems(name, _typed(name, answer), values, tax)
        if not problems:
            return _typed(name, answer)
        for message in problems:
            sys.stderr.write(f"  {message}\n")
        sys.stderr.write("  Hãy trả lời lại.\n")


def cmd_new(args) -> int:
    from generator.entries.scaffold import answer_problems, free_slug, new_entry_path, render_entry

    root = Path(args.root)
    tax = project.load_taxonomy(root)
    interactive = sys.stdin.isatty() and not args.no_input
    values = {name: getattr(args, name) for name in _FLAGS}
    # Flags first: each one given is validated like an answer, and refused with check's message.
    refused = []
    for name in ("title", "type", "area", "year", "unit", "summary", "organization"):
        if values[name] in (None, ""):
            continue
        values[name] = _typed(name, values[name])
        refused += [f"{_FLAGS[name]}: {m}" for m in answer_problems(name, values[name], values, tax)]
    if refused:
        sys.stderr.write("\n".join(refused) + "\nKhông tạo tệp. Hãy sửa các giá trị trên rồi chạy lại lệnh.\n")
        return EXIT_USAGE
    if interactive:
        try:
            if not values["title"]:
                values["title"] = _ask_valid("title", "Tên sáng kiến", values, tax)
            if not values["type"]:
                values["type"] = _ask_valid("type", "Loại (" + ", ".join(t.slug for t in tax.types) + ")", values, tax,
                                            "sang-kien")
            if not values["area"]:
                print("\n".join(f"  {a.number}. {a.name}" for a in tax.areas))
                values["area"] = _ask_valid("area", f"Lĩnh vực (1–{len(tax.areas)})", values, tax)
            if not values["year"]:
                values["year"] = _ask_valid("year", "Năm", values, tax, str(dt.date.today().year))
            if not values["unit"]:
                units = tax.units_valid_in(values["year"])
                print("  " + ", ".join(f"{u.slug} ({tax.unit_label(u.slug)})" for u in units))
                values["unit"] = _ask_valid("unit", "Mã đơn vị áp dụng", values, tax)
            if not values["summary"]:
                values["summary"] = _ask_valid("summary", "Tóm tắt một hai câu", values, tax)
        except EOFError:
            sys.stderr.write("\nĐã dừng: không tạo tệp.\n")
            return EXIT_USAGE
    if not values["title"]:
        sys.stderr.write("Cần có tên sáng kiến: dùng --title \"…\" hoặc chạy lệnh trong cửa sổ dòng lệnh để trả lời câu hỏi.\n")
        return EXIT_USAGE
    year = values["year"] if isinstance(values["year"], int) else dt.date.today().year
    values["year"] = year
    taken = {p.stem for p in project.entry_files(root)}
    slug = args.slug or free_slug(values["title"], taken)
    if slug in taken:
        sys.stderr.write(f"Tên tệp `{slug}` đã có mục khác dùng; hãy chọn tên khác.\n")
        return EXIT_USAGE
    path = new_entry_path(root, year, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(render_entry(values, tax))
    _out(f"Đã tạo {path.relative_to(root.resolve()) if path.is_relative_to(root.resolve()) else path}. "
         "Hãy mở tệp, điền các trường còn trống, thay các câu mẫu trong phần nội dung bằng nội dung thật "
         "rồi chạy `python -m generator check`.")
    return EXIT_OK


def build_parser(extensions: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `extensions`, only the commands defined here."""
    parser = _Parser(prog="python -m generator", description="Công cụ của kho sáng kiến “Đoàn kết sáng tạo”.")
    parser.add_argument("--root", default=".", help="thư mục gốc của dự án (mặc định: thư mục hiện tại)")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("check", help="kiểm tra các mục và danh mục, báo mọi lỗi một lần")
    p.add_argument("paths", nargs="*", help="tệp hoặc thư mục cần kiểm tra (mặc định: tất cả)")
    p.add_argument("--format", choices=["text", "github", "json"], default="text", help="dạng báo lỗi")
    p.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="tạo tệp mục mới có chú thích từng trường")
    for flag, helptext in [("--title", "tên sáng kiến"), ("--type", "loại"), ("--unit", "mã đơn vị"),
                           ("--summary", "tóm tắt"), ("--organization", "mã tổ chức"), ("--slug", "tên tệp (mặc định: lấy từ tên)")]:
        p.add_argument(flag, help=helptext)
    p.add_argument("--area", help="lĩnh vực 1–5")
    p.add_argument("--year", help="năm")
    p.add_argument("--no-input", action="store_true", help="không hỏi, chỉ dùng các tham số")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help=f"ghi {SCHEMA_PATH} từ mô hình")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra tệp đã khớp chưa")
    p.set_defaults(func=cmd_schema)

    for register in _extensions() if extensions else ():
        register(sub)
    return parser


def _extensions():
    """Subcommands owned by the modules that implement them, registered here so the CLI stays one parser."""
    from generator.cli import issue_form
    from generator.entries import fmt
    from generator.cli import report as report_cli
    from generator.cli import sheet

    return (fmt.register, report_cli.register, issue_form.register, sheet.register)


class _Silent(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(message)


def _named_command(argv: list[str] | None) -> str | None:
    """The command a command line names, read the way the full parser will read it."""
    pre = _Silent(add_help=False)
    pre.add_argument("--root")
    pre.add_argument("command", nargs="?")
    try:
        return pre.parse_known_args(argv)[0].command
    except ValueError:  # `--root` without a value: the full parser will say so
        return None


def main(argv: list[str] | None = None) -> int:
    # The other commands' modules (formatting, reports, the issue form) are loaded only when one of them,
    # or the list of all commands, is asked for: every `check` paid for loading them (see bench/).
    args = build_parser(extensions=_named_command(argv) not in CORE_COMMANDS).parse_args(argv)
    try:
        with gcpause.paused():
            return args.func(args)
    except project.TaxonomyError as err:
        _out(format_problems(err.problems))
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
