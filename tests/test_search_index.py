"""The search index: folded syllables, weights, shards, and the browser engine reading it the same way."""

from __future__ import annotations

import json
import zlib

import pytest

from generator.pages import search_index, search_page
from generator.common import urls
from generator.pages.search_index import BODY, SUMMARY, TITLE, Doc, build, shard_of, syllables
from generator.common.text import fold

WORDS = ["Đắk Wil", "ĐẮK", "hoà giải", "hòa giải", "Cư K'nia", "Ea T'ling", "thuỷ lợi", "cà-phê",
         "50.000.000 đồng", "Nguyễn Thị Ánh", "ỨNG DỤNG", "quý", "gì", "HTX", "İstanbul", "naïve façade",
         "Tây Nguyên", "tổ tự quản", "x" * 40, "ngõ/ngách", "Ưu tiên"]


def unpack(packed: str) -> tuple[list[int], str]:
    codes, at = [], 0
    for d in packed.split(","):
        at += int(d.split(":")[0])  # a posting in a title carries the title's length after ":"
        codes.append(at)
    return [c // 10 for c in codes], "".join(str(c % 10) for c in codes)


def title_lengths(packed: str) -> dict[int, int]:
    out, at = {}, 0
    for d in packed.split(","):
        delta, _, length = d.partition(":")
        at += int(delta)
        if length:
            out[at // 10] = int(length)
    return out


def lookup(index: search_index.Index, key: str) -> tuple[list[int], str] | None:
    shard = next(a for a in index.assets if a.path == f"{urls.SEARCH_INDEX}k/{shard_of(key, index.shards)}.json")
    packed = json.loads(shard.content).get(key)
    return unpack(packed) if packed else None


def doc(title: str, body: str = "", summary: str = "", facets: dict | None = None) -> Doc:
    return Doc(url=f"{fold(title).replace(' ', '-')}/", title=title, summary=summary, facts="",
               fields=((TITLE, title), (SUMMARY, summary), (BODY, body)), facets=facets)


@pytest.mark.parametrize("text", WORDS)
def test_syllables_are_what_text_py_folds(text):
    assert syllables(text) == [w for w in "".join(c if c.isascii() and c.isalnum() else " " for c in fold(text)).split()]


def test_syllables_of_decomposed_text_are_those_of_composed_text():
    import unicodedata

    text = "Mô hình “Tổ hòa giải” ở Đắk Wil"
    assert syllables(unicodedata.normalize("NFD", text)) == syllables(text) == \
        ["mo", "hinh", "to", "hoa", "giai", "o", "dak", "wil"]


def test_a_document_keeps_the_heaviest_place_of_a_word_and_pairs_outside_bodies():
    index = build([doc("Máy sấy cà phê", body="cà phê phơi trên sân", summary="Sấy cà phê")], {}, entries=1)
    assert lookup(index, "ca") == ([0], str(TITLE))
    assert lookup(index, "san") == ([0], str(BODY))
    assert lookup(index, "ca phe") == ([0], str(TITLE))
    assert lookup(index, "phoi tren") is None  # no pairs from bodies: they would double the index


def test_postings_list_documents_in_order_with_their_weights():
    docs = [doc(f"Mô hình {n}", body="nước sạch" if n % 3 == 0 else "rác thải") for n in range(40)]
    index = build(docs, {}, entries=40)
    assert lookup(index, "nuoc") == ([n for n in range(40) if n % 3 == 0], str(BODY) * 14)
    assert lookup(index, "mo hinh") == (list(range(40)), str(TITLE) * 40)


def test_documents_are_stored_in_blocks_in_their_order():
    docs = [doc(f"Sáng kiến {n}", summary=f"Tóm tắt {n}") for n in range(19)]
    index = build(docs, {}, entries=19)
    blocks = {a.path: json.loads(a.content) for a in index.assets if "/d/" in a.path}
    stored = [d for n in range(len(blocks)) for d in blocks[f"{urls.SEARCH_INDEX}d/{n}.json"]]
    assert stored == [[d.url, d.title, d.summary, d.facts] for d in docs]
    assert len(blocks) == -(-19 // search_index.BLOCK)


def test_facets_index_into_the_search_page_s_values_and_hand_written_pages_have_none():
    docs = [doc("A", facets={"nam": "2024"}), doc("B", facets={"nam": "2022"}), doc("Giới thiệu")]
    index = build(docs, {"nam": ["2024", "2023", "2022"]}, entries=2)
    files = {a.path[len(urls.SEARCH_INDEX):]: json.loads(a.content) for a in index.assets}
    assert files["f/nam.json"] == [0, 2] and index.config()["facets"] == ["nam"]


def test_each_facet_is_a_file_of_its_own():
    # every entry has a value of each facet: all of them in one file was 85 KB gzip at 30,000 entries
    docs = [doc(f"Sáng kiến {n}", facets={"nam": str(2020 + n % 5), "loai": "sang-kien"}) for n in range(50)]
    index = build(docs, {"nam": [str(y) for y in range(2020, 2025)], "loai": ["sang-kien"]}, entries=50)
    paths = {a.path[len(urls.SEARCH_INDEX):] for a in index.assets}
    assert {"f/nam.json", "f/loai.json"} <= paths and "facets.json" not in paths


def test_shards_grow_with_the_catalogue_and_stay_small():
    small = build([doc(f"Sáng kiến {n}") for n in range(10)], {}, entries=10)
    words = [str(n) for n in range(3000)]
    large = build([doc(f"Sáng kiến {n}", body=" ".join(words[n * 7:n * 7 + 300])) for n in range(400)], {}, entries=400)
    assert small.shards == search_index.MIN_SHARDS
    assert large.shards > small.shards
    biggest = max(len(a.content) for a in large.assets if "/k/" in a.path)
    assert biggest < 40_000


def test_the_same_documents_give_the_same_bytes_and_version():
    docs = [doc(f"Sáng kiến {n}", body="ủ phân vi sinh") for n in range(30)]
    a, b = build(docs, {}, entries=30), build(list(docs), {}, entries=30)
    assert [(x.path, x.content) for x in a.assets] == [(x.path, x.content) for x in b.assets]
    assert a.version == b.version
    c = build(docs[:-1], {}, entries=29)
    assert c.version != a.version


def test_hand_written_pages_are_read_from_their_markdown(tmp_path):
    (tmp_path / "index.md").write_text("---\ntemplate: home.html\n---\n# Trang chủ\n", encoding="utf-8")
    (tmp_path / "gioi-thieu.md").write_text(
        '---\ntitle: "Giới thiệu phong trào"\n---\n\nPhong trào **“Đoàn kết sáng tạo”** do [Mặt trận](https://x.vn) '
        "chủ trì.\n\n## Năm nội dung\n\n- Doanh nghiệp, hợp tác xã\n", encoding="utf-8")
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / "index.md").write_text("# Hướng dẫn\n\nGửi đề xuất qua biểu mẫu.\n", encoding="utf-8")
    docs = search_index.hand_written(tmp_path)
    assert [(d.url, d.title) for d in docs] == [("gioi-thieu/", "Giới thiệu phong trào"), ("huong-dan/", "Hướng dẫn")]
    body = dict((w, t) for w, t in docs[0].fields)[BODY]
    assert "**" not in body and "https://x.vn" not in body and "##" not in body
    assert "Mặt trận chủ trì" in body and "Doanh nghiệp, hợp tác xã" in body
    assert docs[0].summary.startswith("Phong trào “Đoàn kết sáng tạo” do Mặt trận chủ trì")


def test_every_entry_is_indexed_under_its_unit_its_successor_and_its_authors(catalog):
    index = search_page.search_index_of(catalog)
    tax = catalog.taxonomy
    for n, r in enumerate(catalog.records):
        unit_words = syllables(tax.unit_title(r.entry.unit))
        successor = syllables(tax.unit_title(catalog.current_unit(r)))
        for word in unit_words + successor + [w for a in r.entry.authors for w in syllables(a)]:
            found = lookup(index, word)
            assert found and n in found[0], (r.slug, word)


# --- the browser's engine reads what Python wrote --------------------------------------------------------
@pytest.mark.browser
def test_the_browser_folds_and_hashes_words_as_python_does(tab):
    page = tab.open(urls.SEARCH)
    got = page.evaluate("""async (words) => {
        const settings = document.querySelector('meta[name=dkst-search]');
        const m = await import(new URL(settings.dataset.engine, document.baseURI).href);
        return words.map((w) => [m.syllables(w), m.syllables(w).map(m.crc32)]);
    }""", WORDS)
    assert got == [[syllables(w), [zlib.crc32(s.encode()) for s in syllables(w)]] for w in WORDS]
    keys = ["ca phe", "đắk", "x" * 300]
    assert page.evaluate("async (keys) => { const m = await import(new URL(document.querySelector('meta[name=dkst-search]')"
                         ".dataset.engine, document.baseURI).href); return keys.map(m.crc32); }", keys) == \
        [zlib.crc32(k.encode()) for k in keys]


# --- common syllables: indexed outside bodies only, optional in a query -----------------------------------
def _catalogue(n: int) -> list[Doc]:
    """n entries whose bodies all hold "của" and "người"; one in ten holds "giếng" in its body."""
    docs = []
    for i in range(n):
        title = "Giếng nước của xóm" if i == 7 else f"Mô hình số {i}"
        body = "Sáng kiến của người dân" + (" đào giếng khoan" if i % 10 == 0 else "")
        docs.append(doc(title, body=body))
    return docs


def test_in_a_large_catalogue_syllables_of_most_bodies_keep_only_their_places_outside_bodies():
    n = search_index.COMMON_FROM
    index = build(_catalogue(n), {}, entries=n)
    assert {"cua", "nguoi", "dan", "sang", "kien"} <= set(index.common)
    assert "gieng" not in index.common
    assert lookup(index, "cua") == ([7], str(TITLE))  # its body postings are left out
    assert lookup(index, "gieng")[0] == sorted({7} | set(range(0, n, 10)))


def test_a_small_catalogue_has_no_common_syllables():
    index = build(_catalogue(search_index.COMMON_FROM - 1), {}, entries=search_index.COMMON_FROM - 1)
    assert index.common == []
    assert len(lookup(index, "cua")[0]) == search_index.COMMON_FROM - 1


@pytest.mark.browser
def test_the_engine_requires_rare_words_and_lets_common_ones_only_add(browser, root, tmp_path):
    from conftest import serve_dir

    n = search_index.COMMON_FROM
    index = build(_catalogue(n), {}, entries=n)
    for asset in index.assets:
        (tmp_path / asset.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / asset.path).write_bytes(asset.content)
    (tmp_path / "search-engine.js").write_bytes((root / "overrides/assets/search-engine.js").read_bytes())
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    url, httpd = serve_dir(tmp_path)
    page = browser.new_page()
    try:
        page.goto(url)
        found = page.evaluate("""async ([base, config]) => {
            const { SearchIndex } = await import(new URL("search-engine.js", document.baseURI).href);
            const index = new SearchIndex(new URL(base, document.baseURI), config);
            const out = {};
            for (const q of ["giếng của", "giếng", "của", "người dân", "giếng xyzabc"]) out[q] = (await index.search(q, {})).ids;
            return out;
        }""", [urls.SEARCH_INDEX, index.config()])
    finally:
        page.close()
        httpd.shutdown()
    with_well = sorted({7} | set(range(0, n, 10)))
    # a common word does not narrow the list (most bodies hold it, unindexed) but ranks its title first
    assert sorted(found["giếng của"]) == with_well and found["giếng của"][0] == 7
    assert sorted(found["giếng"]) == with_well
    assert found["của"] == [7]  # only common words typed: where they stand outside bodies
    assert found["người dân"] == []  # in bodies only: nothing to show rather than everything
    assert sorted(found["giếng xyzabc"]) == with_well  # an unknown word is left out


def test_a_long_first_paragraph_is_cut_at_a_word_without_doubled_punctuation(tmp_path):
    sentence = "Trang này hướng dẫn cách đưa một sáng kiến vào danh mục. "
    (tmp_path / "dai.md").write_text("# Dài\n\n" + sentence * 8 + "\n", encoding="utf-8")
    summary = search_index.hand_written(tmp_path)[0].summary
    assert summary.endswith("…") and not summary.endswith((".…", ",…", " …"))
    assert len(summary) <= 221 and sentence.strip()[:-1] in summary


# --- pairs, fragments, completions ---------------------------------------------------------------------------
def test_pairs_never_cross_the_dot_between_two_names():
    d = Doc(url="a/", title="Tổ hòa giải", summary="", facts="",
            fields=((TITLE, "Tổ hòa giải"), (search_index.NAME, "Nguyễn Văn An · Trần Thị Bình")))
    index = build([d], {}, entries=1)
    assert lookup(index, "van an") and lookup(index, "tran thi")
    assert lookup(index, "an tran") is None


def test_bodies_index_syllables_and_numbers_but_not_stray_letters_or_fragments():
    index = build([doc("Máy sấy", body="Máy b. c n xq đạt 2024 tấn cà-phê nghiêng")], {}, entries=1)
    for word in ("dat", "2024", "tan", "ca", "phe", "nghieng"):
        assert lookup(index, word), word
    for fragment in ("b", "c", "n", "xq"):
        assert lookup(index, fragment) is None, fragment
    assert search_index.is_syllable("nguyen") and search_index.is_syllable("a")
    assert not search_index.is_syllable("tu1234") and not search_index.is_syllable("bcd")


def completion(index: search_index.Index, stem: str):
    shard = next(a for a in index.assets
                 if a.path == f"{urls.SEARCH_INDEX}c/{shard_of(stem, index.completion_shards)}.json")
    return json.loads(shard.content).get(stem)


def test_a_syllable_being_typed_completes_from_a_bounded_table():
    docs = [doc("Máy sấy cà phê"), doc("Cà pháo muối"), doc("Phở bò"), doc("Phố đi bộ"), doc("Phong trào")]
    index = build(docs, {}, entries=len(docs))
    assert index.config()["cshards"] == index.completion_shards >= 1
    # after a first syllable: every pair going on so, with its postings
    after = completion(index, "ca p")
    assert set(after) == {"phe", "phao"}
    assert unpack(after["phe"]) == ([0], str(TITLE))
    # a lone syllable: the most frequent starting so, at most STEM_KEEP, by its first letters
    assert set(completion(index, "ph")) == {"phe", "phao", "pho", "phong"}
    assert completion(index, "phon") == ["phong"]
    assert completion(index, "phong") is None  # stems stop at STEM_LETTERS letters
    words = ["pha", "phe", "phi", "pho", "phu", "phan", "phen", "phin", "phon", "phun", "phat", "phet"]
    many = build([doc(" ".join(words[:len(words) - k])) for k in range(len(words))], {}, entries=len(words))
    assert completion(many, "p") == words[:search_index.STEM_KEEP]  # the most frequent first


def test_a_title_s_length_travels_with_the_postings_in_that_title_only():
    # no file of every title's length (56 KB at 100,000 entries, fetched by every search): the ranking needs
    # the length of a title the query meets, and the posting that meets it says it
    docs = [doc("Máy sấy cà phê", body="Phê duyệt"), doc("Cà phê sạch ở thôn Ba Đồn Tây", summary="phê"),
            doc("Giới thiệu", body="cà phê")]
    index = build(docs, {}, entries=2)
    paths = {a.path[len(urls.SEARCH_INDEX):] for a in index.assets}
    assert not any("length" in p for p in paths)
    packed = json.loads(next(a.content for a in index.assets
                             if a.path == f"{urls.SEARCH_INDEX}k/{shard_of('phe', index.shards)}.json"))["phe"]
    assert unpack(packed) == ([0, 1, 2], f"{TITLE}{TITLE}{search_index.BODY}")
    assert title_lengths(packed) == {0: 4, 1: 8}  # "Cà phê sạch ở thôn Ba Đồn Tây": 8 syllables
    assert title_lengths(json.loads(next(a.content for a in index.assets if a.path == (
        f"{urls.SEARCH_INDEX}k/{shard_of('duyet', index.shards)}.json")))["duyet"]) == {}  # a body says none
