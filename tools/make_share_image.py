"""Draw the default share image (overrides/assets/chia-se.png, 1200×630) once; the PNG is committed.

Run again only when the site's name or look changes: `python tools/make_share_image.py`.
Needs Pillow and a font with Vietnamese glyphs (Debian: fonts-noto-core).
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides/assets/chia-se.png"
FONTS = Path("/usr/share/fonts/truetype/noto")
RED, GOLD, WHITE = (183, 28, 28), (249, 168, 37), (255, 255, 255)
W, H = 1200, 630


def star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def main() -> None:
    site = yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))["site"]
    img = Image.new("RGB", (W, H), RED)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, H - 70, W, H], fill=(140, 16, 16))
    draw.polygon(star(190, 300, 130), fill=GOLD)
    title = f"“{site['name']}”"
    size = 96
    while (bold := ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), size)).getlength(title) > W - 370 - 50:
        size -= 2
    regular = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 38)
    small = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 30)
    draw.text((370, 195), title, font=bold, fill=WHITE)
    draw.text((374, 330), "Sáng kiến, mô hình hay để học tập", font=regular, fill=WHITE)
    draw.text((374, 380), "và nhân rộng", font=regular, fill=WHITE)
    draw.text((60, H - 55), f"{site['front_body']} – {site['region']}", font=small, fill=GOLD)
    img.save(OUT, optimize=True)


if __name__ == "__main__":
    main()
