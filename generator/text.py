"""Vietnamese text handling shared by every other module.

NFC normalisation, accent folding (with đ → d), slugs, dictionary collation, tone-mark placement
and numbers and dates in words. Templates and tests call these functions; nothing re-implements them.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

# Combining tone marks, in the order Vietnamese dictionaries sort tones:
# ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a different letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

# The Vietnamese alphabet, with f, j, w, z (used in names like Cư Jút, Đắk Wil) at their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip every diacritic and turn đ into d: what people type on a phone."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def slugify(text: str) -> str:
    """'Máy sấy cà phê ở Đắk Wil' → 'may-say-ca-phe-o-dak-wil'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _split_letter(ch: str) -> tuple[str, int]:
    """Return (base letter with its letter marks, tone rank) for one NFC character."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def sort_key(text: str) -> tuple:
    """Collation key in Vietnamese dictionary order: letters first (a < ă < â < b … đ after d), then tones."""
    letters = []
    tones = []
    for ch in nfc(text):
        base, tone = _split_letter(ch)
        letters.append(_RANK.get(base, 100 + ord(base[0]) if base else 0))
        tones.append(tone)
    return (tuple(letters), tuple(tones), text)


# Tone placement: "hoà" (mark on the second vowel, the newer style) and "hòa" (older style) are the same
# word. Only a syllable ending in oa, oe or uy has two accepted places; "hoàn", "khoẻ"/"khỏe" differ only
# when nothing follows the pair.
_PAIRS = ("oa", "oe", "uy")


def _retone(word: str, to_first: bool) -> str:
    lower = word.lower()
    plain = fold(lower)
    for pair in _PAIRS:
        if not plain.endswith(pair) or len(plain) < 2:
            continue
        # "qua", "gia" style syllables with a glide consonant keep their mark where it is.
        if pair == "uy" and plain.endswith("quy"):
            return word
        i = len(word) - 2
        first, second = word[i], word[i + 1]
        f_base, f_tone = _split_letter(first)
        s_base, s_tone = _split_letter(second)
        tone = f_tone or s_tone
        if not tone:
            return word
        mark = next(m for m, r in _TONES.items() if r == tone)
        if to_first:
            first = unicodedata.normalize("NFC", _case(first, f_base) + mark)
            second = _case(second, s_base)
        else:
            first = _case(first, f_base)
            second = unicodedata.normalize("NFC", _case(second, s_base) + mark)
        return word[:i] + first + second
    return word


def _case(original: str, base: str) -> str:
    return base.upper() if original.isupper() else base


def tone_old_style(text: str) -> str:
    """Put tone marks of final oa/oe/uy on the first vowel: 'hoà' → 'hòa', 'thuý' → 'thúy'."""
    return re.sub(r"\w+", lambda m: _retone(m.group(0), True), nfc(text))


def tone_variants(text: str) -> set[str]:
    """Both accepted spellings of every word that has two, for search aliases."""
    out = set()
    for word in re.findall(r"\w+", nfc(text)):
        a, b = _retone(word, True), _retone(word, False)
        if a != b:
            out.update((a, b))
    return out


# Numbers in words, read the way a Vietnamese announcer reads them.
_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", "nghìn", "triệu", "tỷ"]


def _three(n: int, full: bool) -> str:
    """Words for 0 ≤ n < 1000; `full` when a higher group precedes (so 5 → 'không trăm linh năm')."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(n: int) -> str:
    """2022 → 'hai nghìn không trăm hai mươi hai'; 50_000_000 → 'năm mươi triệu'."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return "không"
    if n >= 1000**4:
        high, low = divmod(n, 1000**3)
        rest = number_words(low) if low else ""
        return (number_words(high) + " tỷ " + rest).strip()
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words.append(_three(g, full=i < len(groups) - 1))
        if _SCALES[i]:
            words.append(_SCALES[i])
    return " ".join(words)


_MONTHS = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]


def day_words(day: int) -> str:
    return ("mồng " if day <= 10 else "") + number_words(day)


def date_words(d: _dt.date) -> str:
    """15/3/2022 → 'ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai'."""
    return f"ngày {day_words(d.day)} tháng {_MONTHS[d.month - 1]} năm {number_words(d.year)}"


def month_words(month: int) -> str:
    return "tháng " + _MONTHS[month - 1]


def format_number(n: int | float) -> str:
    """Vietnamese digit grouping: 50000000 → '50.000.000'."""
    if isinstance(n, float) and not n.is_integer():
        whole, frac = f"{n:.2f}".rstrip("0").split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(n):,}".replace(",", ".")


def format_date(d: _dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"
