"""Vietnamese text handling shared by every other module.

NFC normalisation, accent folding (with đ → d), slugs, dictionary collation, tone-mark placement
and numbers and dates in words. Templates and tests call these functions; nothing re-implements them.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=4096)  # a pure function of one character, called for every letter of every sorted name
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


_LETTER_KEYS: dict[str, tuple[int, int]] = {}  # character → (rank, tone), filled as characters are met


def _letter_key(ch: str) -> tuple[int, int]:
    base, tone = _split_letter(ch)
    key = _LETTER_KEYS[ch] = (_RANK.get(base, 100 + ord(base[0]) if base else 0), tone)
    return key


def sort_key(text: str) -> tuple:
    """Collation key in Vietnamese dictionary order: letters first (a < ă < â < b … đ after d), then tones."""
    keys = _LETTER_KEYS
    pairs = [keys.get(ch) or _letter_key(ch) for ch in nfc(text)]
    return (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs), text)


# Tone placement: "hoà" (mark on the second vowel, the newer style) and "hòa" (older style) are the same
# word. Only a syllable ending in oa, oe or uy has two accepted places; "hoàn", "khoẻ"/"khỏe" differ only
# when nothing follows the pair.
_PAIRS = ("oa", "oe", "uy")


@lru_cache(maxsize=65536)  # a pure function of one word; search aliases ask it for every word of every page
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


def _letters(test) -> str:
    return "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isalpha() and test(ch))


# The only words tone_old_style changes: the mark on the last letter (a, e, y) after an o or u. Finding them
# with one regex in C, rather than calling _retone on every word, took two thirds of its cost off the related
# entries (a million words at 10,000 entries).
_MOVABLE_TONE = re.compile(
    r"(?<!\w)\w*[%s][%s](?!\w)" % (_letters(lambda ch: fold(ch) in ("o", "u")),
                                   _letters(lambda ch: fold(ch) in ("a", "e", "y") and _split_letter(ch)[1] > 0)))


def tone_old_style(text: str) -> str:
    """Put tone marks of final oa/oe/uy on the first vowel: 'hoà' → 'hòa', 'thuý' → 'thúy'."""
    return _MOVABLE_TONE.sub(lambda m: _retone(m.group(0), True), nfc(text))


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


@lru_cache(maxsize=8192, typed=True)  # years, dates and sums repeat across thousands of entries and bulletins
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


@lru_cache(maxsize=8192)
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


def admin_date(d: _dt.date) -> str:
    """The date line of an administrative document: 'ngày 05 tháng 02 năm 2023', 'ngày 20 tháng 11 năm 2022'.

    Days below 10 and the months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I).
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


# --- Reading aloud: numbers, dates and sums of money in running text, abbreviations -----------------
def money_words(amount: int, currency: str = "đồng") -> str:
    """50_000_000 → 'năm mươi triệu đồng'."""
    return f"{number_words(amount)} {currency}"


def _integer_words(digits: str) -> str:
    """'50.000.000' → 'năm mươi triệu'; a leading zero ('0262…') is a code or phone number: digit by digit."""
    digits = digits.replace(".", "")
    if len(digits) > 1 and digits.startswith("0"):
        return " ".join(_DIGITS[int(d)] for d in digits)
    return number_words(int(digits))


def _decimal_words(whole: str, frac: str | None) -> str:
    """'1', '5' → 'một phẩy năm' (the comma is the decimal mark in Vietnamese)."""
    words = _integer_words(whole)
    if frac:
        tail = " ".join(_DIGITS[int(d)] for d in frac) if frac.startswith("0") else number_words(int(frac))
        words += " phẩy " + tail
    return words


_NUM = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
_SPOKEN = re.compile(rf"""
    (?=\d|[Nn]gày|[Tt]háng|[Tt]hứ)  # every branch starts so: other places are passed over at once (6× faster)
    (?:(?P<date>(?:(?P<date_kw>[Nn]gày)\s+)?(?<![\d/])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})(?![\d/]))
  | (?P<monthyear>(?:(?P<my_kw>[Tt]háng)\s+)?(?<![\d/])(?P<my_m>\d{{1,2}})/(?P<my_y>\d{{4}})(?![\d/]))
  | (?P<daymonth>(?P<dm_kw>[Nn]gày)\s+(?P<dm_d>\d{{1,2}})/(?P<dm_m>\d{{1,2}})(?![\d/]))
  | (?P<month>(?P<m_kw>[Tt]háng)\s+(?P<mo>\d{{1,2}})(?![\d/.,]))
  | (?P<ordinal>(?P<o_kw>[Tt]hứ)\s+(?P<o>[14])(?!\d))
  | (?P<time>(?<!\w)(?P<hh>\d{{1,2}})h(?P<mi>\d{{2}})?(?!\w))
  | (?P<range>(?<![\w.,])(?P<a>{_NUM})(?:,(?P<af>\d+))?\s*[–-]\s*(?P<b>{_NUM})(?:,(?P<bf>\d+))?(?P<rpct>\s*%)?)
  | (?P<number>(?<![\w.,])(?P<n>{_NUM})(?:,(?P<nf>\d+))?(?P<pct>\s*%)?))
    """, re.X)

_ORDINALS = {"1": "nhất", "4": "tư"}


def _keyword(found: str | None, default: str) -> str:
    return found or default


def _spoken(m: re.Match) -> str:
    g = m.groupdict()
    if g["date"]:
        try:
            day = _dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return re.sub(r"\d+", lambda n: _integer_words(n.group(0)), m.group(0))
        return _keyword(g["date_kw"], "ngày") + date_words(day)[len("ngày"):]
    if g["monthyear"] and 1 <= int(g["my_m"]) <= 12:
        return f"{_keyword(g['my_kw'], 'tháng')} {_MONTHS[int(g['my_m']) - 1]} năm {number_words(int(g['my_y']))}"
    if g["daymonth"] and 1 <= int(g["dm_m"]) <= 12 and 1 <= int(g["dm_d"]) <= 31:
        return f"{g['dm_kw']} {day_words(int(g['dm_d']))} tháng {_MONTHS[int(g['dm_m']) - 1]}"
    if g["month"] and 1 <= int(g["mo"]) <= 12:
        return f"{g['m_kw']} {_MONTHS[int(g['mo']) - 1]}"
    if g["ordinal"]:
        return f"{g['o_kw']} {_ORDINALS[g['o']]}"
    if g["time"]:
        words = f"{number_words(int(g['hh']))} giờ"
        return words + (f" {number_words(int(g['mi']))}" if g["mi"] and int(g["mi"]) else "")
    if g["range"]:
        words = f"{_decimal_words(g['a'], g['af'])} đến {_decimal_words(g['b'], g['bf'])}"
        return words + (" phần trăm" if g["rpct"] else "")
    if g["number"]:
        return _decimal_words(g["n"], g["nf"]) + (" phần trăm" if g["pct"] else "")
    # A month or date out of range: read its numbers as they are.
    return re.sub(r"\d+", lambda n: _integer_words(n.group(0)), m.group(0))


def say_numbers(text: str) -> str:
    """Numbers, dates, times, percentages and sums of money in running text, in words, as an announcer reads them.

    '15/3/2022' → 'ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai';
    '50.000.000 đồng' → 'năm mươi triệu đồng'; '1,5 ha' → 'một phẩy năm ha'; '20%' → 'hai mươi phần trăm'.
    """
    text = nfc(text)
    if "°C" in text:
        text = re.sub(r"(\d)\s*°C", r"\1 độ C", text)
    return _SPOKEN.sub(_spoken, text)


@lru_cache(maxsize=16)  # one table per site, asked for every paragraph of every bulletin
def _abbreviation_pattern(abbreviations: frozenset[str]) -> re.Pattern:
    keys = sorted(abbreviations, key=lambda k: (-len(k), k))
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")


_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s+|\n\s*)$")


def expand_abbreviations(text: str, table: dict[str, str]) -> str:
    """Whole-word, case-sensitive: 'UBND xã' → 'Ủy ban nhân dân xã'; 'HTX' at a sentence start → 'Hợp tác xã'."""
    if not table:
        return text
    pattern = _abbreviation_pattern(frozenset(table))

    def expand(m: re.Match) -> str:
        words = table[m.group(1)]
        if _SENTENCE_START.search(text, 0, m.start()) and words[:1].islower():
            words = words[0].upper() + words[1:]
        return words

    return pattern.sub(expand, nfc(text))
