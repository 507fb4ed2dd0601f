"""Vietnamese typed with the legacy fonts (TCVN3/.VnTime, VNI-Times) is recognised and turned into Unicode NFC,
in spreadsheet cells and in entry files (`check` warns, `fmt` writes the file back in UTF-8)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from generator.common import legacy_fonts as lf

ROOT = Path(__file__).resolve().parents[1]

CASES = [
    ("§oµn kÕt s¸ng t¹o", "Đoàn kết sáng tạo", lf.TCVN3),
    ("Cñng cè, n©ng cao chÊt l\u00adîng", "Củng cố, nâng cao chất lượng", lf.TCVN3),
    ("ViÖt Nam", "Việt Nam", lf.TCVN3),
    ("Ñoaøn keát saùng taïo", "Đoàn kết sáng tạo", lf.VNI),
    ("Tröôøng hoïc, HOÄI NOÂNG DAÂN", "Trường học, HỘI NÔNG DÂN", lf.VNI),
]


@pytest.mark.parametrize("legacy, unicode_text, encoding", CASES)
def test_legacy_text_is_detected_and_converted_to_nfc(legacy, unicode_text, encoding):
    assert lf.detect(legacy) == encoding
    converted, found = lf.convert(legacy)
    assert (converted, found) == (unicode_text, encoding)
    assert unicodedata.is_normalized("NFC", converted)


@pytest.mark.parametrize("text", ["Đoàn kết sáng tạo", "Việt Nam", "José Núñez", "Le Café, à la carte", "Ea T'ling",
                                  "cà phê", "2022", "Giấy khen © 2022 · Đắk Wil", ""])
def test_unicode_and_other_languages_are_left_alone(text):
    assert lf.convert(text) == (text, None)


def _entry(tmp_path: Path) -> tuple[Path, str]:
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    (tmp_path / "initiatives" / "2022").mkdir(parents=True)
    text = (ROOT / "initiatives/2022/may-say-ca-phe-lo-dot-vo.md").read_text(encoding="utf-8")
    # .VnTime has no capitals with tones (they were typed with .VnTimeH): "Ủy" is written "Uỷ".
    return tmp_path, text.replace("image: may-say-ca-phe-lo-dot-vo.png\n", "").replace("Ủy", "Uỷ")


def _tcvn3_bytes(text: str) -> bytes:
    back = {u: b for b, u in lf._TCVN3.items()}
    return "".join(back.get(ch, ch) for ch in text).encode("latin-1")


def _vni_text(text: str) -> str:
    back = {u: k for k, u in lf._VNI.items()}
    return "".join(back.get(ch, ch) for ch in text)


@pytest.mark.parametrize("kind", ["tcvn3-bytes", "vni-in-utf8"])
def test_check_warns_and_fmt_writes_unicode(tmp_path, kind):
    root, text = _entry(tmp_path)
    path = root / "initiatives/2022/may-say.md"
    path.write_bytes(_tcvn3_bytes(text) if kind == "tcvn3-bytes" else _vni_text(text).encode("utf-8"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *a],
                                    capture_output=True, text=True)
    checked = run("check")
    assert checked.returncode == 0, checked.stdout
    assert "bảng mã cũ" in checked.stdout and "python -m generator fmt" in checked.stdout
    assert run("fmt").returncode == 0
    assert path.read_text(encoding="utf-8") == text
    again = run("check")
    assert again.returncode == 0 and "bảng mã cũ" not in again.stdout
