"""How the "Sáng kiến liên quan" choice (generator/catalog/related.py) grows with the catalogue.

Loads synthetic projects (bench/synth.py) of each size and times the related entries of every entry, once
(the catalogue works them out together). Linear work shows as a steady time per entry across sizes;
an all-pairs comparison would show as a time per entry growing with the size.

    python bench/related_time.py --sizes 1000 10000 [--work /tmp/search-eval]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from generator.catalog import project  # noqa: E402
import synth  # noqa: E402


def related_seconds(root: Path) -> tuple[int, float]:
    cat = project.load(root).catalog
    started = time.process_time()
    cat.work_out_related()
    return len(cat.records), time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-eval"))
    args = parser.parse_args(argv)
    for size in args.sizes:
        root = args.work / f"project-{size}"
        if not (root / "initiatives").exists():
            synth.generate(root, size)
        n, seconds = related_seconds(root)
        print(f"{n:6} entries: related entries of all in {seconds:.2f} s CPU, {seconds / n * 1e6:.0f} µs per entry")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
