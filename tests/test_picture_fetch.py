"""The picture of an issue form is fetched from the allowed addresses only (here a local server on 127.0.0.1 the
allow-list is pointed at), checked to be a picture, stripped of its metadata, and placed beside the entry."""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import from_issue
from generator.entries import picture
from generator.entries.model import Entry
from generator.entries.read import read_source

from test_from_issue import BODY, FULL, event, proposal_body

ROOT = Path(__file__).resolve().parent.parent


def _jpeg_with_metadata() -> bytes:
    img = Image.new("RGB", (3000, 2000), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    exif[0x8825] = {1: "N", 2: (12.0, 30.0, 0.0)}  # GPS position
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), comment=b"nha rieng cua toi")
    return out.getvalue()


FILES = {
    "/ok/anh.jpg": (_jpeg_with_metadata(), "image/jpeg"),
    "/ok/khong-phai-anh.jpg": (b"<html><script>alert(1)</script></html>", "image/jpeg"),
    "/ok/qua-lon.jpg": (b"\xff\xd8" + b"0" * 200_000, "image/jpeg"),
    "/ngoai/anh.jpg": (_jpeg_with_metadata(), "image/jpeg"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/ok/chuyen-ra-ngoai":
            self.send_response(302)
            self.send_header("Location", "/ngoai/anh.jpg")
            self.end_headers()
            return
        if self.path == "/ok/chuyen-trong":
            self.send_response(302)
            self.send_header("Location", "/ok/anh.jpg")
            self.end_headers()
            return
        if self.path not in FILES:
            self.send_error(404)
            return
        data, kind = FILES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_picture_from_an_allowed_address_arrives_upright_small_and_without_metadata(server):
    data, ext = picture.fetch(f"{server}/ok/anh.jpg", [f"{server}/ok/"])
    assert ext == "jpg"
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG"
        assert img.size == (round(picture.MAX_SIDE * 2 / 3), picture.MAX_SIDE), "turned upright, then scaled down"
        assert not img.getexif() and "comment" not in img.info and "icc_profile" not in img.info
    assert b"PhoneMaker" not in data and b"nha rieng" not in data


def test_a_redirect_within_the_list_is_followed(server):
    data, ext = picture.fetch(f"{server}/ok/chuyen-trong", [f"{server}/ok/"])
    assert ext == "jpg" and data.startswith(b"\xff\xd8")


@pytest.mark.parametrize("path, words", [
    ("/ngoai/anh.jpg", "Chỉ nhận ảnh kéo thả"),  # a host (here: a path) off the list
    ("/ok/chuyen-ra-ngoai", "chuyển sang một nơi"),  # a redirect off the list
    ("/ok/khong-phai-anh.jpg", "không phải ảnh"),
    ("/ok/khong-co.jpg", "mã 404"),
])
def test_addresses_off_the_list_and_non_pictures_are_refused(server, path, words):
    with pytest.raises(picture.PictureError, match=words):
        picture.fetch(f"{server}{path}", [f"{server}/ok/"])


def test_a_download_over_the_limit_is_cut_short(server):
    with pytest.raises(picture.PictureError, match="quá lớn"):
        picture.download(f"{server}/ok/qua-lon.jpg", [f"{server}/ok/"], limit=100_000)


@pytest.mark.parametrize("url", [
    "https://github.com.evil.example/user-attachments/assets/x",
    "https://evil.example@github.com/user-attachments/assets/x",
    "https://github.com/user-attachments/assets/../../evil",
    "https://github.com/other/path.png",
    "file:///etc/passwd",
    "javascript:alert(1)",
])
def test_lookalike_addresses_are_not_on_the_list(taxonomy, url):
    assert not picture.allowed(url, taxonomy.site.attachment_urls)


def test_githubs_attachment_address_is_on_the_list(taxonomy):
    assert picture.allowed("https://github.com/user-attachments/assets/2f5c3a9e-1b7d-4c1e-9a0b-6f1d2e3c4b5a",
                           taxonomy.site.attachment_urls)


def test_a_proposal_with_a_dragged_picture_gets_it_beside_the_entry(tmp_path, taxonomy, server):
    shutil.copytree(ROOT / "initiatives", tmp_path / "initiatives")
    text = (ROOT / "taxonomy.yml").read_text(encoding="utf-8")
    text = text.replace('    - "https://github.com/user-attachments/assets/"\n', f'    - "{server}/ok/"\n')
    (tmp_path / "taxonomy.yml").write_text(text, encoding="utf-8")
    body = proposal_body(taxonomy, {**FULL, "image": None}, BODY).replace(
        "### Ảnh\n\n_No response_", f'### Ảnh\n\n<img width="1024" alt="anh" src="{server}/ok/anh.jpg" />')
    out = from_issue.propose(tmp_path, event(body))
    assert out.ok, out.problems
    folder = (tmp_path / out.rel).parent
    assert read_source(tmp_path / out.rel, tmp_path).data["image"] == "to-hoa-giai-ba-cung-o-bon-buor.jpg"
    assert (folder / "to-hoa-giai-ba-cung-o-bon-buor.jpg").is_file()
    assert sorted(out.written) == sorted([out.rel, out.rel[:-3] + ".jpg"])

    refused = body.replace(f"{server}/ok/anh.jpg", f"{server}/ngoai/anh.jpg")
    out = from_issue.propose(tmp_path, event(refused, number=43))
    assert [p.label for p in out.problems] == [Entry.model_fields["image"].title]
