"""Vietnamese text handling: folding, slugs, collation, tone placement, numbers and dates in words."""

import datetime as dt
import unicodedata

import pytest

from generator.common import text


def test_fold_removes_tones_and_the_stroke_of_d():
    assert text.fold("Đắk Wil") == "dak wil"
    assert text.fold(unicodedata.normalize("NFD", "Đoàn kết sáng tạo")) == "doan ket sang tao"


@pytest.mark.parametrize("title, slug", [
    ("Đắk Wil", "dak-wil"),
    ("Mô hình “Camera an ninh” ở khu dân cư", "mo-hinh-camera-an-ninh-o-khu-dan-cu"),
    ("Ea T'ling", "ea-t-ling"),
    ("  Sáng kiến: 50% tiết kiệm!  ", "sang-kien-50-tiet-kiem"),
])
def test_slugify(title, slug):
    assert text.slugify(title) == slug


def test_collation_follows_the_vietnamese_alphabet():
    names = ["Đắk Wil", "Dạ", "Ea Pô", "Cư K'nia", "Cư Jút", "Ăn", "An", "Âm", "Bê", "Ơn", "Ôn", "On"]
    assert sorted(names, key=text.sort_key) == ["An", "Ăn", "Âm", "Bê", "Cư Jút", "Cư K'nia", "Dạ", "Đắk Wil", "Ea Pô", "On", "Ôn", "Ơn"]


def test_collation_orders_tones_after_letters():
    assert sorted(["má", "ma", "mà", "mạ", "mã", "mả"], key=text.sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize("new, old", [("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("Hoà", "Hòa")])
def test_tone_placement_styles_meet(new, old):
    assert text.tone_old_style(new) == old
    assert text.tone_old_style(old) == old
    assert text.tone_variants(new) == {new, old}


@pytest.mark.parametrize("word", ["hoàn", "quý", "toán", "hoa", "xoay"])
def test_tone_placement_leaves_single_forms(word):
    assert text.tone_old_style(word) == word
    assert text.tone_variants(word) == set()


@pytest.mark.parametrize("n, words", [
    (0, "không"), (5, "năm"), (10, "mười"), (15, "mười lăm"), (21, "hai mươi mốt"), (24, "hai mươi tư"),
    (105, "một trăm linh năm"), (110, "một trăm mười"), (2022, "hai nghìn không trăm hai mươi hai"),
    (1_000_000, "một triệu"), (50_000_000, "năm mươi triệu"), (180_000_000, "một trăm tám mươi triệu"),
    (1_250_000, "một triệu hai trăm năm mươi nghìn"), (2_000_005, "hai triệu không trăm linh năm"),
    (3_000_000_000, "ba tỷ"),
])
def test_number_words(n, words):
    assert text.number_words(n) == words


def test_date_words():
    assert text.date_words(dt.date(2022, 3, 15)) == "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi hai"
    assert text.date_words(dt.date(2025, 7, 1)) == "ngày mồng một tháng bảy năm hai nghìn không trăm hai mươi lăm"
    assert text.date_words(dt.date(2023, 4, 20)) == "ngày hai mươi tháng tư năm hai nghìn không trăm hai mươi ba"


def test_number_and_date_formats():
    assert text.format_number(50_000_000) == "50.000.000"
    assert text.format_date(dt.date(2022, 3, 5)) == "5/3/2022"


def test_tone_placement_of_a_text_moves_the_same_words_as_asking_every_word():
    # tone_old_style looks only at words a regex picks out; asked word by word, _retone must agree on all
    # Vietnamese vowels, both cases, every tone, and words glued to digits, underscores and other letters.
    import itertools
    import re

    vowels = "aăâeêioôơuưy"
    letters = [unicodedata.normalize("NFC", v + m) for v in vowels for m in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")]
    letters += [ch.upper() for ch in letters]
    words = ["".join(p) for p in itertools.product(["", "h", "q", "1", "_", "Th"], letters, letters)]
    sample = " ".join(words) + " hoà. Thuý,khoẻ-quý HOÀ xoè1 ngoằ " + unicodedata.normalize("NFD", "hoà thuý")
    one_by_one = re.sub(r"\w+", lambda m: text._retone(m.group(0), True), unicodedata.normalize("NFC", sample))
    assert text.tone_old_style(sample) == one_by_one
