"""The floor `generator check` is measured against: read every entry file and parse its front matter with
PyYAML's C loader, in one process, doing nothing else.

    python bench/floor.py PROJECT_DIR   → prints the number of files parsed
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def parse_all(root: Path) -> int:
    count = 0
    for path in sorted((root / "initiatives").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        # The front matter sits between the first line `---` and the next line `---`.
        end = text.find("\n---", 3)
        yaml.load(text[4:end], Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    print(parse_all(Path(sys.argv[1])))
