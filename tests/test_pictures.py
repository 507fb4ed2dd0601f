"""Pictures: published upright, without metadata (a GPS position above all), in a few widths, made once."""

from __future__ import annotations

import io
import re
import random

import pytest
from PIL import Image

from generator.pages import pictures
from generator.pages.pictures import PictureError, Pictures

MARKERS = (b"DKSTCAMERA", b"DKSTXMP", b"DKSTCOMMENT")


def phone_photo(width=4000, height=3000, orientation=6, noisy=True) -> bytes:
    """A phone's JPEG: turned by EXIF orientation, with a GPS position, a camera name, XMP and a comment."""
    rng = random.Random(7)
    img = Image.new("RGB", (width, height), (40, 120, 60))
    if noisy:  # real photos do not compress like a flat colour
        img.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(width * 40)]
                    + [(40, 120, 60)] * (width * (height - 40)))
    img.paste((200, 30, 30), (0, 0, width // 4, height // 8))  # a red block marks the stored top-left corner
    exif = Image.Exif()
    exif[0x010F] = "DKSTCAMERA"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (12.0, 34.0, 56.0), 3: "E", 4: (107.0, 50.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95, exif=exif, comment=b"DKSTCOMMENT", xmp=b"<x:xmpmeta>DKSTXMP</x:xmpmeta>")
    return out.getvalue()


def _metadata_free(data: bytes) -> None:
    assert not any(m in data for m in MARKERS)
    assert b"Exif\x00\x00" not in data
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif() and "exif" not in im.info and "xmp" not in im.info and "comment" not in im.info


def test_a_phone_photo_is_turned_upright_stripped_and_made_in_a_few_widths(tmp_path):
    (tmp_path / "initiatives/2024").mkdir(parents=True)
    (tmp_path / "initiatives/2024/anh.jpg").write_bytes(phone_photo(1600, 1200))
    pic = Pictures(tmp_path, tmp_path / "cache").derive("initiatives/2024/anh.jpg", share=True)
    # Orientation 6 means "turn 90° clockwise to show": the stored 1600×1200 is shown 1200 wide, 1600 high.
    assert (pic.width, pic.height) == (1200, 1600)
    assert pic.src == "media/2024/anh.jpg" and pic.fallback[-1] == ("media/2024/anh.jpg", 1200)
    assert pic.fallback == (("media/2024/anh.jpg", 1200),)  # the picture's own format at full size only
    assert [w for _, w in pic.webp] == [360, 480, 720, 1080, 1200]  # never wider than the picture itself
    assert pic.share == "media/2024/anh.chia-se.jpg"
    files = dict(pic.files)
    assert set(files) == {u for u, _ in pic.fallback + pic.webp} | {pic.share}
    for site_path, made in files.items():
        data = open(made, "rb").read()
        _metadata_free(data)
        with Image.open(io.BytesIO(data)) as im:
            if site_path == pic.share:
                assert im.size == (1200, 630)
            else:
                assert im.width in (360, 480, 720, 1080, 1200) and abs(im.height / im.width - 4 / 3) < 0.01
    with Image.open(files[pic.src]) as im:
        # The red block stored top-left is top-right once turned clockwise.
        assert im.convert("RGB").getpixel((im.width - 5, 5))[0] > 150
        assert im.convert("RGB").getpixel((5, 5))[0] < 150


def test_a_big_photo_is_capped_and_light_at_phone_width(tmp_path):
    (tmp_path / "initiatives/2024").mkdir(parents=True)
    (tmp_path / "initiatives/2024/anh.jpg").write_bytes(phone_photo(4000, 3000, orientation=1))
    pic = Pictures(tmp_path, tmp_path / "cache").derive("initiatives/2024/anh.jpg", share=False)
    assert (pic.width, pic.height) == (1600, 1200) and pic.share is None
    phone = next(made for url, made in pic.files if url == pic.webp[1][0])
    assert pic.webp[1][1] == 480  # the 480 px WebP a 390 px screen picks
    assert len(open(phone, "rb").read()) < 100_000


def test_a_picture_is_made_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    (tmp_path / "initiatives/2024").mkdir(parents=True)
    (tmp_path / "initiatives/2024/anh.jpg").write_bytes(phone_photo(800, 600, noisy=False))
    cache = tmp_path / "cache"
    first = Pictures(tmp_path, cache).derive("initiatives/2024/anh.jpg", share=True)

    def refuse(*args):
        raise AssertionError("an unchanged picture was processed again")

    monkeypatch.setattr(pictures, "_derive", refuse)
    again = Pictures(tmp_path, cache).derive("initiatives/2024/anh.jpg", share=True)
    assert again == first
    assert not [p for p in cache.rglob(".tmp-*")], "no half-made cache entry is left"


def test_what_is_not_a_picture_is_refused_with_a_vietnamese_reason(tmp_path):
    (tmp_path / "initiatives/2024").mkdir(parents=True)
    (tmp_path / "initiatives/2024/anh.png").write_bytes(b"<html><script>alert(1)</script></html>")
    bomb = io.BytesIO()
    Image.new("1", (30000, 30000)).save(bomb, "PNG")
    (tmp_path / "initiatives/2024/bom.png").write_bytes(bomb.getvalue())
    maker = Pictures(tmp_path, tmp_path / "cache")
    with pytest.raises(PictureError, match="không đọc được ảnh"):
        maker.derive("initiatives/2024/anh.png", share=False)
    with pytest.raises(PictureError, match="quá 40.000.000 điểm ảnh"):
        maker.derive("initiatives/2024/bom.png", share=False)


def test_no_published_file_carries_the_photos_metadata(scratch_with_samples, valid_entry_text):
    photo = phone_photo(2400, 1800)
    scratch_with_samples.write("initiatives/2022/may-say-ca-phe.jpg", photo)
    scratch_with_samples.write("initiatives/2022/lo-dot.jpg", phone_photo(1000, 800))
    text = valid_entry_text.replace("status: ap-dung\n", "status: ap-dung\nimage: may-say-ca-phe.jpg\n"
                                    "image_alt: \"Máy sấy cạnh lò đốt\"\n")
    scratch_with_samples.write("initiatives/2022/may-say-ca-phe-moi.md", text + "\n![Lò đốt](lo-dot.jpg)\n")
    proc = scratch_with_samples.build("--strict", "-d", "built")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = scratch_with_samples.root / "built"
    published = [p for p in site.rglob("*") if p.is_file()]
    for path in published:
        data = path.read_bytes()
        assert not any(m in data for m in MARKERS), path
        assert photo not in data
    media = site / "media/2022"
    assert (media / "may-say-ca-phe.jpg").is_file() and (media / "lo-dot.jpg").is_file()
    for p in media.glob("*"):
        if p.suffix in (".jpg", ".webp", ".png"):
            _metadata_free(p.read_bytes())
    page = (site / "sang-kien/may-say-ca-phe-moi/index.html").read_text(encoding="utf-8")
    assert '<source type="image/webp"' in page and 'fetchpriority="high"' in page and 'height="' in page
    # The lead picture is asked for from the head, before the stylesheets, as the same WebP candidates.
    head = page[:page.index("</head>")]
    preload = re.search(r'<link rel="preload" as="image"[^>]*>', head)
    assert preload and head.index(preload.group(0)) < head.index('rel="stylesheet"')
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', page).group(1)
    assert f'type="image/webp" imagesrcset="{webp}"' in preload.group(0)
    assert "media/2022/may-say-ca-phe.chia-se.jpg" in page  # the share card is the entry's own picture
    # The cache lives beside the project, never in the site or the sources.
    assert (scratch_with_samples.root / ".cache/pictures").is_dir()
    assert not list((scratch_with_samples.root / "initiatives").rglob("*.webp"))


def test_a_file_that_is_not_a_picture_is_left_out_of_the_site_with_a_warning(scratch_with_samples, valid_entry_text):
    config = (scratch_with_samples.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - doan-ket-sang-tao\n", "  - doan-ket-sang-tao:\n      skip_check: true\n")
    (scratch_with_samples.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    scratch_with_samples.write("initiatives/2022/gia.png", b"<html><script>alert(1)</script></html>")
    text = valid_entry_text.replace("status: ap-dung\n", "status: ap-dung\nimage: gia.png\n")
    scratch_with_samples.write("initiatives/2022/anh-gia.md", text)
    proc = scratch_with_samples.build("-d", "built")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The loader refuses it by content before the picture stage sees it: even unchecked, no record names it.
    assert "`image` (Ảnh): tệp `gia.png` không phải ảnh thật (nội dung là trang HTML hoặc SVG)" in proc.stderr
    assert "Traceback" not in proc.stderr
    site = scratch_with_samples.root / "built"
    assert not list((site / "media/2022").glob("gia*"))
    assert "dkst-entry__figure" not in (site / "sang-kien/anh-gia/index.html").read_text(encoding="utf-8")
