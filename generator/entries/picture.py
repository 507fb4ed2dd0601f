"""A picture dragged into an issue form: fetched from GitHub's own attachment addresses only, checked, cleaned.

The address comes from untrusted text, so every step refuses rather than guesses:
- the address, and every redirect on the way, must start with one of the allowed prefixes (`site:
  attachment_urls` in taxonomy.yml: data, so a test points it at a local server);
- at most MAX_DOWNLOAD_BYTES are read, whatever the server announces;
- Pillow must read the bytes as a JPEG, PNG or WebP picture of sane dimensions (a decompression bomb is refused);
- the picture is drawn again into a new file without its metadata (EXIF with the phone's position, comments,
  ICC profiles), turned upright first and scaled down to MAX_SIDE, so what lands beside the entry is small
  and says nothing but its pixels.

Pillow is imported when a picture is fetched, not when the bot only reads a form.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from generator.entries.safety import MAX_IMAGE_BYTES

MAX_DOWNLOAD_BYTES = 15_000_000  # a phone's photograph; the cleaned file must still fit MAX_IMAGE_BYTES
MAX_SIDE = 1600  # pixels, the longer side of the saved picture
MAX_PIXELS = 60_000_000  # beyond this a picture is refused unread
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 30
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PictureError(Exception):
    """Why a picture was not taken, in Vietnamese for the person who sent it."""


def allowed(url: str, prefixes: Sequence[str]) -> bool:
    """The address starts with one of the prefixes, compared after parsing (no `user@host`, no odd ports)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return False
    if parts.username or parts.password or parts.scheme not in ("https", "http") or not parts.hostname:
        return False
    if any(c in url for c in "\\\r\n\t ") or ".." in parts.path.split("/"):
        return False
    return any(url.startswith(p) and p.count("/") >= 3 for p in prefixes)


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, prefixes: Sequence[str]):
        self.prefixes = prefixes
        self.count = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise PictureError("Địa chỉ ảnh chuyển hướng quá nhiều lần.")
        if not allowed(newurl, self.prefixes):
            raise PictureError("Địa chỉ ảnh chuyển sang một nơi không phải kho ảnh đính kèm của GitHub; ảnh không được tải.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, prefixes: Sequence[str], limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
    if not allowed(url, prefixes):
        raise PictureError("Chỉ nhận ảnh kéo thả trực tiếp vào ô “Ảnh” của mẫu (ảnh lưu trên GitHub); "
                           "không tải ảnh từ địa chỉ web khác. Hãy tải ảnh về máy rồi kéo thả vào ô.")
    opener = urllib.request.build_opener(_Redirects(prefixes))
    request = urllib.request.Request(url, headers={"User-Agent": "doan-ket-sang-tao-picture-fetch",
                                                   "Accept": "image/*"})
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            announced = response.headers.get("Content-Length")
            if announced and announced.isascii() and announced.isdigit() and int(announced) > limit:
                raise PictureError(_too_big(int(announced), limit))
            data = response.read(limit + 1)
    except PictureError:
        raise
    except urllib.error.HTTPError as err:
        raise PictureError(f"Không tải được ảnh (máy chủ trả lời mã {err.code}). Hãy kéo thả ảnh vào ô một lần nữa.") from None
    except (urllib.error.URLError, OSError, ValueError):
        raise PictureError("Không tải được ảnh (không kết nối được tới nơi lưu ảnh). Máy sẽ thử lại khi issue được sửa.") from None
    if len(data) > limit:
        raise PictureError(_too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (f"Ảnh quá lớn (hơn {limit // 1_000_000} MB). Hãy thu nhỏ ảnh (chiều ngang khoảng 1200 điểm ảnh là đủ) "
            "rồi kéo thả lại.")


def clean(data: bytes) -> tuple[bytes, str]:
    """Verified, upright, scaled, metadata-free picture bytes and their file extension."""
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    not_picture = PictureError("Tệp gửi lên không phải ảnh JPEG, PNG hay WebP đọc được. Hãy gửi ảnh chụp (.jpg) hoặc .png.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()
            if kind not in FORMATS:
                raise not_picture
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                upright = ImageOps.exif_transpose(img)
    except PictureError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise not_picture from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise not_picture from None
    if upright.mode not in ("RGB", "RGBA", "L", "LA") or (kind == "JPEG" and upright.mode not in ("RGB", "L")):
        upright = upright.convert("RGBA" if "A" in upright.mode or "transparency" in upright.info else "RGB")
        if kind == "JPEG":
            upright = upright.convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image holding the pixels alone: nothing of the original's info (EXIF, XMP, ICC, text) travels.
    bare = Image.new(upright.mode, upright.size)
    bare.paste(upright)
    out = io.BytesIO()
    save = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 88}}[kind]
    bare.save(out, format=kind, **save)
    result = out.getvalue()
    if len(result) > MAX_IMAGE_BYTES:
        raise PictureError(_too_big(len(result), MAX_IMAGE_BYTES))
    return result, FORMATS[kind]


def fetch(url: str, prefixes: Sequence[str]) -> tuple[bytes, str]:
    """Download and clean one picture; PictureError says why not."""
    return clean(download(url, prefixes))
