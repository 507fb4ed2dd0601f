"""Vietnamese typed with the legacy 8-bit fonts, recognised and turned into Unicode NFC.

Offices still keep documents typed before Unicode, with the fonts of two encodings:

- TCVN3 (ABC), fonts `.VnTime`, `.VnArial`…: one byte per accented letter. Saved as a file, the bytes are not
  UTF-8; copied into a spreadsheet, each byte shows as the Latin-1 character of the same number, so
  "Việt Nam" reads "ViÖt Nam" and "Hà Nội" reads "Hµ Néi".
- VNI (VNI Windows), fonts `VNI-Times`…: the base letter followed by one mark character, so "Việt Nam"
  reads "Vieät Nam" and "các bạn" reads "caùc baïn".

`detect` names the encoding a text was typed in (or None for ordinary Unicode), `to_unicode` converts it.
Detection is by the characters the encoding needs and Vietnamese in Unicode never writes (µ, ¸, ¶, « … for
TCVN3; a vowel followed by ù, ø, û, õ, ï … for VNI) and requires that the text holds no letter only Unicode
Vietnamese has (ạ, ế, ơ, ư …), so correct Unicode text is never touched.
"""

from __future__ import annotations

import re

from generator.common.text import nfc

TCVN3 = "TCVN3"
VNI = "VNI"
NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Times)"}

# TCVN3 (ABC): the byte (read as a Latin-1 character) → the Unicode letter. Capitals with tones do not exist
# in .VnTime (they are typed with the capital font .VnTimeH, whose bytes are the lower-case ones).
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
_TCVN3_TABLE = str.maketrans(_TCVN3)
# Characters TCVN3 text is made of that Unicode Vietnamese never uses (©, ®, · and × are left out: they occur
# as symbols in ordinary text).
_TCVN3_ONLY = frozenset(_TCVN3) - set("àáãâèéêìíòóõôùúý©®·×ÂÊÔÝÌÒÓÕÉÈÀÁÃÙÚ")

# Of those, the ones VNI never writes either: one of them settles it.
_TCVN3_EXCLUSIVE = frozenset("µ¸¶¹¨»¾¼½ÇÐªÞß«¬\u00ad¡¢§£¤¥¦þç÷")
# Latin-1 letters Unicode Vietnamese uses.
_UNICODE_LATIN1_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")

# VNI: a vowel (or d) and the mark character(s) after it → the Unicode letter; lower case, upper case is derived.
_VNI_LOWER = {
    "aø": "à", "aù": "á", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aâ": "â", "aà": "ầ", "aá": "ấ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "aê": "ă", "aè": "ằ", "aé": "ắ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "eø": "è", "eù": "é", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    "eâ": "ê", "eà": "ề", "eá": "ế", "eå": "ể", "eã": "ễ", "eä": "ệ",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "oø": "ò", "où": "ó", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    "oâ": "ô", "oà": "ồ", "oá": "ố", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    "ô": "ơ", "ôø": "ờ", "ôù": "ớ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ",
    "uø": "ù", "uù": "ú", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    "ö": "ư", "öø": "ừ", "öù": "ứ", "öû": "ử", "öõ": "ữ", "öï": "ự",
    "yø": "ỳ", "yù": "ý", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    "ñ": "đ",
}
_VNI = {**_VNI_LOWER, **{k.upper(): v.upper() for k, v in _VNI_LOWER.items()}}
# Longest sequences first, so "ôù" (ớ) wins over "ô" (ơ).
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_VNI, key=len, reverse=True)))
# A vowel followed by a VNI mark: what VNI text shows and Unicode text does not.
_VNI_SIGN = re.compile(r"[aeiouyAEIOUYôöÔÖ][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]")

# Letters only Unicode Vietnamese writes (ă đ ĩ ũ ơ ư and the whole Latin Extended Additional block).
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def detect(text: str) -> str | None:
    """TCVN3, VNI, or None when the text is ordinary Unicode (or has no Vietnamese to tell by)."""
    if not text or text.isascii() or _UNICODE_VIETNAMESE.search(text):
        return None
    if any(ch in _TCVN3_EXCLUSIVE for ch in text):
        return TCVN3
    if _VNI_SIGN.search(text):
        return VNI
    # Left: characters both encodings (and other languages) use. "ViÖt Nam" is TCVN3; "José Núñez" is Spanish.
    legacy = sum(ch in _TCVN3_ONLY for ch in text)
    if legacy >= 2 or (legacy == 1 and not any(ch in _UNICODE_LATIN1_VIETNAMESE for ch in text)):
        return TCVN3
    return None


def to_unicode(text: str, encoding: str) -> str:
    """The text typed in a legacy encoding, in Unicode NFC."""
    if encoding == TCVN3:
        return nfc(text.translate(_TCVN3_TABLE))
    if encoding == VNI:
        return nfc(_VNI_PATTERN.sub(lambda m: _VNI[m.group(0)], text))
    raise ValueError(encoding)


def convert(text: str) -> tuple[str, str | None]:
    """(Unicode text, the legacy encoding it was in) — the text unchanged and None when it was not legacy."""
    found = detect(text)
    return (to_unicode(text, found), found) if found else (text, None)


def decode_bytes(raw: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8: (Unicode text, encoding) when they are Vietnamese in TCVN3 or VNI, else None.

    Each byte stands for the Latin-1 character of its number, as the fonts drew them. Bytes that hold UTF-8
    letters too are a mixed file (part UTF-8, part Windows-1258, say), not a legacy font's."""
    if any(ord(ch) > 0x7F for ch in raw.decode("utf-8", errors="replace").replace("\ufffd", "")):
        return None
    if decode_windows_1258(raw) is not None:  # Windows' own Vietnamese code page: not a font's
        return None
    text = raw.decode("latin-1")
    found = detect(text)
    return (to_unicode(text, found), found) if found else None


def decode_windows_1258(raw: bytes) -> str | None:
    """Bytes in Windows-1258 (what Excel writes as "CSV" on a Vietnamese Windows): the text in NFC, or None when
    they do not read as Vietnamese that way (TCVN3 bytes, say, which decode to the signs `detect` knows)."""
    try:
        text = nfc(raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if _UNICODE_VIETNAMESE.search(text) and detect(text) is None and not any(ch in _TCVN3_EXCLUSIVE for ch in text):
        return text
    return None
