"""Pictures: what making them costs (cold, and warm from the cache) and what a phone downloads for an entry.

    python bench/pictures.py [--photos N] [--out FILE]   → a Markdown table (and JSON with --out)

Photos are synthetic but shaped like a phone's: 4000×3000, about 4 MB of JPEG with texture at every scale (a
flat colour would compress to nothing and make the figures look better than they are). Each is distinct, so a
cold run processes every one; the warm run is the same pictures again with the cache kept, as the deploy
workflow keeps it. The entry page is weighed at 390×844, as a phone opens it, with an empty browser cache.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

PAGE_BUDGET = 150 * 1024
SHARE_OF_ENTRIES = 0.08  # bench/synth.py gives a picture to 8 % of entries


def phone_photo(seed: int, size=(4000, 3000), quality=85) -> bytes:
    """A 4000×3000 JPEG with texture at several scales, as a photo of a field or a street has."""
    rng = random.Random(seed)
    w, h = size
    layers = []
    for scale, weight in ((64, 0.5), (8, 0.3), (1, 0.2)):
        noise = Image.effect_noise((max(1, w // scale), max(1, h // scale)), 80 + rng.randrange(40)).convert("L")
        layers.append((noise.resize(size, Image.BICUBIC), weight))
    luma = layers[0][0]
    for layer, weight in layers[1:]:
        luma = Image.blend(luma, layer, weight)
    tint = (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200))
    colour = Image.merge("RGB", [luma.point(lambda v, t=t: v * t // 255 + 30) for t in tint])
    colour = colour.filter(ImageFilter.UnsharpMask(radius=2, percent=120))
    out = io.BytesIO()
    colour.save(out, "JPEG", quality=quality)
    return out.getvalue()


def derive_costs(photos: list[bytes], work: Path) -> dict:
    from generator.pages.pictures import Pictures

    folder = work / "initiatives" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    rels = []
    for i, raw in enumerate(photos):
        (folder / f"anh-{i}.jpg").write_bytes(raw)
        rels.append(f"initiatives/2026/anh-{i}.jpg")
    maker = Pictures(work, work / "cache")
    each = []
    for rel in rels:
        start = time.process_time()
        maker.derive(rel, share=True)
        each.append(time.process_time() - start)
    start = time.process_time()
    for rel in rels:
        maker.derive(rel, share=True)
    warm = time.process_time() - start
    return {"photos": len(rels), "cold_s": sum(each), "per_photo_s": statistics.median(each), "warm_s": warm,
            "warm_per_photo_s": warm / len(rels), "photo_bytes": statistics.median(len(p) for p in photos)}


def entry_page_weight(photo: bytes, work: Path) -> dict:
    """Build the samples with one entry given the photo, and weigh that entry's page at phone size."""
    from page_weight import weigh

    project = work / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".git", ".venv", ".cache", "site", "tests", "bench",
                                                                 "*.egg-info", "__pycache__"))
    entry = project / "initiatives/2022/may-say-ca-phe-lo-dot-vo.md"
    text = entry.read_text(encoding="utf-8").replace("image: may-say-ca-phe-lo-dot-vo.png", "image: anh-dien-thoai.jpg")
    assert "anh-dien-thoai.jpg" in text, "the sample entry with a picture moved: update bench/pictures.py"
    entry.write_text(text, encoding="utf-8")
    (entry.parent / "anh-dien-thoai.jpg").write_bytes(photo)
    site = work / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    weighed = weigh(site, ["sang-kien/may-say-ca-phe-lo-dot-vo/"], width=390, height=844)
    return weighed["sang-kien/may-say-ca-phe-lo-dot-vo/"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    photos = [phone_photo(seed) for seed in range(args.photos)]
    with tempfile.TemporaryDirectory(prefix="bench-pictures-") as tmp:
        costs = derive_costs(photos, Path(tmp) / "derive")
        page = entry_page_weight(photos[0], Path(tmp) / "page")
    entries = 10_000
    pictured = round(entries * SHARE_OF_ENTRIES)
    rows = [
        ("photo given (median)", f"{costs['photo_bytes'] / 1e6:.1f} MB, 4000×3000", ""),
        ("making one photo's files (CPU, median)", f"{costs['per_photo_s']:.2f} s", ""),
        (f"cold: {costs['photos']} new photos (CPU)", f"{costs['cold_s']:.1f} s", ""),
        (f"warm: the same {costs['photos']} from the cache (CPU)", f"{costs['warm_s'] * 1000:.0f} ms", "≈ 0"),
        (f"at {entries:,} entries, {pictured} pictures: cold / warm (CPU)",
         f"{pictured * costs['per_photo_s']:.0f} s / {pictured * costs['warm_per_photo_s']:.2f} s", ""),
        ("entry page with that photo at 390 px (gzip, all it loads)", f"{page['bytes'] / 1024:.1f} KB",
         f"≤ 150 KB: {'PASS' if page['bytes'] <= PAGE_BUDGET else 'FAIL'}"),
    ]
    table = ["| pictures | value | budget |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    print("\n".join(table))
    if args.out:
        args.out.write_text(json.dumps({"costs": costs, "page": page}, indent=1), encoding="utf-8")
    return 0 if page["bytes"] <= PAGE_BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
