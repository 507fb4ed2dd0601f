"""Files the project generates from the model and the taxonomy (the JSON Schema, the issue forms): written, or
compared with what is committed (`--check`), the same way for each."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(root: Path, files: dict[str, str], check: bool, command: str, source: str) -> int:
    """Write `files` (path relative to `root` → text); with `check`, only say which are stale and return 1."""
    if check:
        stale = [rel for rel, text in files.items()
                 if not (root / rel).exists() or (root / rel).read_text(encoding="utf-8") != text]
        for rel in stale:
            sys.stderr.write(f"{rel} chưa khớp với {source}; chạy `{command}` để cập nhật.\n")
        return 1 if stale else 0
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        sys.stdout.write(f"Đã ghi {rel}\n")
    return 0
