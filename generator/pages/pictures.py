"""Pictures as a phone needs them: turned upright, stripped of metadata, in a few widths, WebP with a fallback.

A phone photo arrives as 3–5 MB with its EXIF block, GPS position included (often a citizen's home). What the
site publishes is made here with Pillow, never the uploaded file: EXIF orientation applied, then every metadata
block dropped (EXIF, GPS, XMP, ICC, comments, text chunks); widths from WIDTHS below the picture's own (never
upscaled), the longer side capped at MAX_SIDE; WebP beside the fallback in the picture's own format where WebP is
smaller (in the picture's own format at full size too, for browsers without WebP); for an entry's own picture, a
1200×630 share card. The largest fallback keeps the uploaded file's
address (`media/<year>/<name>`), so the API, feeds and posters that link it are unchanged.

Work is cached by the uploaded bytes' SHA-256 in a folder outside the site (the deploy workflow keeps it between
builds): an unchanged picture is never processed twice. A cache entry is written to a temporary folder and
renamed into place, so an interrupted build leaves none half made.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from generator.catalog.catalog import Catalog
from generator.pages import views
from generator.pages.pages import PICTURE_SUFFIXES, rewrite_local_links

PIPELINE = "1"  # part of the cache key with every setting below: change it when the code making files changes
WIDTHS = (360, 480, 720, 1080)  # besides the largest, which is the picture itself with its longer side capped
MAX_SIDE = 1600
SHARE_SIZE = (1200, 630)  # Open Graph's large card
MAX_PIXELS = 40_000_000  # a 30000×30000 "bomb" is refused before it is decoded
JPEG_QUALITY, WEBP_QUALITY, WEBP_METHOD = 80, 72, 3
_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}

# Everything that shapes the files: a cached picture made with other settings is never taken for this one.
_SETTINGS = repr((PIPELINE, PIL.__version__, WIDTHS, MAX_SIDE, SHARE_SIZE, JPEG_QUALITY, WEBP_QUALITY, WEBP_METHOD))


@dataclass(frozen=True)
class Picture:
    """What a page needs to show a picture: its address, its size and its variants as (site path, width)."""

    src: str  # the largest fallback, at the uploaded file's address
    width: int
    height: int
    fallback: tuple[tuple[str, int], ...]  # smallest first, `src` last; `src` alone where WebP has the widths
    webp: tuple[tuple[str, int], ...]  # smallest first; empty where WebP is not smaller, or the picture is WebP
    share: str | None  # the 1200×630 share card (an entry's own picture only)
    files: tuple[tuple[str, str], ...]  # (site path, file in the cache) of every file to publish


class PictureError(Exception):
    """A file that is not a picture Pillow can read safely; the message is for the editor."""


def _variant_path(main: str, tag: str, ext: str) -> str:
    stem = main.rsplit(".", 1)[0]
    return f"{stem}.{tag}.{ext}"


class Pictures:
    """Makes (or finds in the cache) the published files of the pictures of one project."""

    def __init__(self, root: Path, cache: Path):
        self.root = root
        self.cache = cache

    def derive(self, rel: str, share: bool) -> Picture:
        raw = (self.root / rel).read_bytes()
        key = hashlib.sha256(f"{_SETTINGS}|{share}|".encode() + raw).hexdigest()
        folder = self.cache / key[:2] / key
        manifest = folder / "picture.json"
        if not manifest.is_file():
            self._make(raw, share, folder)
        made = json.loads(manifest.read_text(encoding="utf-8"))
        main = views.media_path(rel)
        files = []

        def site(name: str) -> str:
            tag, fext = name.rsplit(".", 1)
            return main if tag == "main" else _variant_path(main, tag, fext)

        for name in made["files"]:
            files.append((site(name), str(folder / name)))
        fallback = tuple((site(n), w) for n, w in made["fallback"])
        webp = tuple((site(n), w) for n, w in made["webp"])
        return Picture(src=main, width=made["width"], height=made["height"], fallback=fallback, webp=webp,
                       share=site(made["share"]) if made["share"] else None, files=tuple(files))

    def _make(self, raw: bytes, share: bool, folder: Path) -> None:
        try:
            made = _derive(raw, share)
        except (OSError, ValueError, SyntaxError) as err:
            raise PictureError(f"không đọc được ảnh ({type(err).__name__})") from err
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            for name, data in made.pop("data").items():
                (tmp / name).write_bytes(data)
            (tmp / "picture.json").write_text(json.dumps(made, sort_keys=True), encoding="utf-8")
            try:
                os.rename(tmp, folder)
            except OSError:
                if not (folder / "picture.json").is_file():  # another build made it meanwhile: theirs is the same
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def derive_all(cat: Catalog, pictures: Pictures) -> tuple[dict[str, Picture], list[str]]:
    """Every picture the site shows: each entry's own (with a share card) and those its body links to.

    Returns the pictures by project path and, for each file that could not be made, a note for the log."""
    wanted: dict[str, bool] = {}
    for r in cat.records:
        if r.image_rel:
            wanted[r.image_rel] = True
        for rel in rewrite_local_links(r, cat)[1]:
            if Path(rel).suffix.lower() in PICTURE_SUFFIXES:
                wanted.setdefault(rel, False)
    made, notes = {}, []
    for rel in sorted(wanted):
        try:
            made[rel] = pictures.derive(rel, wanted[rel])
        except (PictureError, OSError) as err:
            notes.append(f"Không đăng ảnh {rel}: {err}. Chạy `python -m generator check` để xem cách sửa.")
    return made, notes


def _too_big(detail: str) -> PictureError:
    return PictureError(f"ảnh {detail}quá {MAX_PIXELS:,} điểm ảnh; hãy thu nhỏ ảnh".replace(",", "."))


def _derive(raw: bytes, share: bool) -> dict:
    try:
        opened = Image.open(io.BytesIO(raw))
    except Image.DecompressionBombError as err:
        raise _too_big("") from err
    with opened as probe:
        fmt = probe.format
        if fmt not in _FORMATS:
            raise PictureError(f"định dạng {fmt or 'không rõ'} không phải ảnh JPEG, PNG hay WebP")
        if probe.width * probe.height > MAX_PIXELS:
            raise _too_big(f"{probe.width}×{probe.height} điểm ảnh, ")
        scale = MAX_SIDE / max(probe.size)
        if fmt == "JPEG" and scale < 1:
            # Decode big JPEGs at a reduced scale straight from the DCT: a fraction of the time and memory.
            probe.draft("RGB", (round(probe.width * scale), round(probe.height * scale)))
        img = ImageOps.exif_transpose(probe)
        img.load()
    transparency = img.info.get("transparency")
    img.info = {"transparency": transparency} if transparency is not None else {}  # every metadata block goes
    if img.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        img = img.convert("RGB")
    if fmt == "JPEG" and img.mode != "RGB":
        img = img.convert("RGB")
    if max(img.size) > MAX_SIDE:
        s = MAX_SIDE / max(img.size)
        img = img.resize((max(1, round(img.width * s)), max(1, round(img.height * s))), Image.LANCZOS)
    ext = _FORMATS[fmt][0]
    widths = [w for w in WIDTHS if w < img.width] + [img.width]
    frames = {w: img if w == img.width else img.resize((w, max(1, round(img.height * w / img.width))), Image.LANCZOS)
              for w in widths}
    data: dict[str, bytes] = {f"main.{ext}": _encode(img, fmt)}
    fallback, webp = [(f"main.{ext}", img.width)], []
    # WebP in every width, the picture's own format only at full size for the browsers without WebP: half the
    # encoding of a fallback in every width. Where WebP is not smaller (a flat illustration, often smaller as
    # PNG), the picture's own format takes every width instead.
    if fmt != "WEBP":
        data[f"{img.width}.webp"] = _encode(img, "WEBP")
        if len(data[f"{img.width}.webp"]) < len(data[f"main.{ext}"]):
            webp = [(f"{img.width}.webp", img.width)]
        else:
            del data[f"{img.width}.webp"]
    for w in widths[:-1]:
        if webp:
            data[f"{w}.webp"] = _encode(frames[w], "WEBP")
            webp.insert(len(webp) - 1, (f"{w}.webp", w))
        else:
            data[f"{w}.{ext}"] = _encode(frames[w], fmt)
            fallback.insert(len(fallback) - 1, (f"{w}.{ext}", w))
    share_name = None
    if share:
        share_name = "chia-se.jpg"
        data[share_name] = _encode(_cover(img, SHARE_SIZE), "JPEG")
    return {"width": img.width, "height": img.height, "fallback": fallback,
            "webp": webp, "share": share_name, "files": sorted(data), "data": data}


def _cover(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture scaled to cover `size` and cut to it around its centre, on white where it is transparent."""
    if img.mode in ("RGBA", "LA", "P"):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        img = flat
    elif img.mode != "RGB":
        img = img.convert("RGB")
    return ImageOps.fit(img, size, Image.LANCZOS, centering=(0.5, 0.5))


def _encode(img: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "PNG":
        img.save(out, "PNG", optimize=True)
    else:
        frame = img if img.mode in ("RGB", "RGBA") else img.convert("RGBA" if "A" in img.mode or img.mode == "P" else "RGB")
        frame.save(out, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return out.getvalue()
