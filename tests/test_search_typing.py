"""Search as you type, in headless Chromium: the syllable being typed, the exact title first, typos, a phone."""

from __future__ import annotations

import pytest

from generator.common import urls
from generator.common.text import fold
from generator.pages import search_index
from generator.pages.search_index import Doc, build, syllables
from generator.pages import views

pytestmark = pytest.mark.browser

RESULTS = ".dkst-find__results .dkst-result__title"


def settled(page, query: str) -> None:
    """Wait until the results of `query` (as the status line quotes it) are on screen."""
    page.wait_for_function(
        "q => { const r = document.getElementById('dkst-find');"
        " return !r.hasAttribute('aria-busy') && r.querySelector('.dkst-find__status').textContent.includes(`“${q}”`); }",
        arg=query.strip())


def _unique_prefix_title(catalog) -> tuple[str, str]:
    """A sample title of three syllables or more, and the first mid-syllable cut where only it starts so."""
    titles = [" ".join(syllables(r.entry.title)) for r in catalog.records]
    for r, folded in zip(catalog.records, titles):
        words = folded.split()
        for k in range(2, len(words)):
            for cut in range(1, len(words[k])):
                typed = " ".join(words[:k] + [words[k][:cut]])
                if sum(t.startswith(typed) for t in titles) == 1:
                    return r.entry.title, typed
    raise AssertionError("no sample title can be told apart mid-syllable")


def test_typing_a_title_letter_by_letter_on_a_phone_finds_it_before_its_last_syllable_is_done(browser, site_url, catalog):
    from conftest import PageSession

    phone = PageSession(browser, site_url, width=390, height=844)
    try:
        title, typed = _unique_prefix_title(catalog)
        page = phone.open(urls.SEARCH)
        settled_first = page.locator(".dkst-find__status").inner_text()
        assert settled_first
        history = page.evaluate("history.length")
        box = page.locator("#dkst-find-q")
        box.click()
        for n in range(1, len(typed) + 1):
            box.press_sequentially(typed[n - 1], delay=30)
        settled(page, typed)
        assert page.locator(RESULTS).first.inner_text() == title, typed
        assert not typed.endswith(" ") and len(typed.split()[-1]) < len(syllables(title)[len(typed.split()) - 1])
        # results came without pressing "Tìm", the address follows without a history entry per letter
        assert page.evaluate("history.length") == history
        assert page.evaluate("new URLSearchParams(location.search).get('q')") == typed
        # on a phone the first result is above the fold: the filters are folded away
        assert not page.locator(".dkst-find__filters").evaluate("d => d.open")
        assert page.locator(RESULTS).first.bounding_box()["y"] < 844
        assert phone.errors == []
    finally:
        phone.close()


def test_the_status_line_names_the_active_filters_and_a_phone_folds_them(phone, catalog):
    year = str(catalog.records[0].entry.year)
    page = phone.open(f"{urls.SEARCH}?nam={year}")
    page.wait_for_function("() => !document.getElementById('dkst-find').hasAttribute('aria-busy')")
    status = page.locator(".dkst-find__status").inner_text()
    assert f"{views.label('year')}: {year}" in status
    assert not page.locator(".dkst-find__filters").evaluate("d => d.open")


def test_the_form_holds_its_place_before_the_script_runs(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + urls.SEARCH)
        assert page.locator("noscript").count() >= 1
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/assets/search.js", lambda route: route.abort())  # the state before the script runs
        page.goto(site_url + urls.SEARCH, wait_until="domcontentloaded")
        assert page.locator(".dkst-find__input").is_visible()
        assert "Đang tải" in page.locator(".dkst-find__status").inner_text()
        assert not page.locator(".dkst-find__fallback").is_visible()
    finally:
        context.close()


# --- the engine over a small index of its own -------------------------------------------------------------
def _doc(title: str, names: str = "", body: str = "") -> Doc:
    return Doc(url=f"{fold(title).replace(' ', '-')}/", title=title, summary="", facts="",
               fields=((search_index.TITLE, title), (search_index.NAME, names), (search_index.BODY, body)))


@pytest.fixture
def engine(browser, root, tmp_path):
    """run(queries) → {query: ids best first}, over the index of the documents given."""
    from conftest import serve_dir

    servers = []

    def run(docs: list[Doc], queries: list[str]) -> dict[str, list[int]]:
        index = build(docs, {}, entries=len(docs))
        for asset in index.assets:
            (tmp_path / asset.path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / asset.path).write_bytes(asset.content)
        (tmp_path / "search-engine.js").write_bytes((root / "overrides/assets/search-engine.js").read_bytes())
        (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
        url, httpd = serve_dir(tmp_path)
        servers.append(httpd)
        page = browser.new_page()
        try:
            page.goto(url)
            return page.evaluate("""async ([base, config, queries]) => {
                const { SearchIndex } = await import(new URL("search-engine.js", document.baseURI).href);
                const index = new SearchIndex(new URL(base, document.baseURI), config);
                const out = {};
                for (const q of queries) {
                    out[q] = q.startsWith("?") ? await index.suggest(q.slice(1)) : (await index.search(q, {})).ids;
                }
                return out;
            }""", [urls.SEARCH_INDEX, index.config(), queries])
        finally:
            page.close()

    yield run
    for httpd in servers:
        httpd.shutdown()


SIBLINGS = [_doc("Máy sấy cà phê năng lượng mặt trời ở Đắk Wil"), _doc("Máy sấy cà phê cải tiến"),
            _doc("Máy sấy cà phê"), _doc("Lò sấy cà phê ở Nam Dong"), _doc("Máy sấy cà phê ở Nam Dong")]


def test_a_title_typed_whole_comes_before_longer_titles_holding_it(engine):
    found = engine(SIBLINGS, ["may say ca phe", "Máy sấy cà phê ", "MÁY SẤY CÀ PHÊ"])
    assert all(ids[0] == 2 for ids in found.values()), found


def test_the_syllable_being_typed_matches_what_it_begins_and_earlier_ones_stay_exact(engine):
    found = engine(SIBLINGS, ["may say ca phe nan", "may say ca phe o nam d", "lo s", "may say ca phe nan "])
    # (titles holding all the words but one come after, at half their score: see the typo test)
    assert found["may say ca phe nan"][0] == 0
    assert found["may say ca phe o nam d"][0] == 4
    assert found["lo s"] == [3]  # "lo" stays exact: no "lò" → "long", "lon"…
    assert found["may say ca phe nan "] != [0]  # followed by a space, "nan" is a whole word: not "năng"


def test_a_misspelt_syllable_is_read_as_the_nearest_indexed_one(engine):
    found = engine(SIBLINGS, ["may say ca phe o nam dogn ", "may say ca phe nang luong mat troi o dak wik ",
                              "may say ca phe o nam cai "])
    assert found["may say ca phe o nam dogn "][0] == 4
    assert found["may say ca phe nang luong mat troi o dak wik "][0] == 0
    # a typo that spells another word: the title holding all the others still comes first
    assert found["may say ca phe o nam cai "][0] == 4


def test_neighbouring_syllables_of_two_authors_names_are_no_pair(engine):
    docs = [_doc("Tổ hòa giải", names="Nguyễn Văn An · Trần Thị Bình"), _doc("Tổ hòa giải an trần")]
    found = engine(docs, ["an tran "])
    assert found["an tran "][0] == 1  # the pair "an trần" stands only in the second title


def test_run_together_syllables_and_loan_spellings_find_the_words(engine):
    found = engine(SIBLINGS, ["may say caphe ", "may say cafe ", "may say ca phe o dakwil ", "maysay ca phe o dakwil"])
    assert found["may say caphe "][0] == 2 and found["may say cafe "][0] == 2
    assert found["may say ca phe o dakwil "][0] == 0
    assert found["maysay ca phe o dakwil"][0] == 0


def test_the_browser_tells_syllables_from_fragments_as_python_does(tab):
    from generator.pages.search_index import is_syllable

    words = ["a", "nguyen", "nghieng", "b", "xq", "tu1234", "2024", "khuya", "wil", "gi", "quyen", "bcd", "oanh"]
    page = tab.open(urls.SEARCH)
    found = page.evaluate("async (words) => { const m = await import(new URL(document.querySelector('meta[name=dkst-search]')"
                          ".dataset.engine, document.baseURI).href); return words.map(m.isSyllable); }", words)
    assert found == [is_syllable(w) for w in words]


def test_with_nothing_found_the_nearest_known_words_are_suggested(engine):
    found = engine(SIBLINGS, ["?may say caphe", "?lo sayy ca phe", "?may say ca phe", "?qqqq"])
    assert found["?may say caphe"] == "may say ca phe"
    assert found["?lo sayy ca phe"] == "lo say ca phe"
    assert found["?may say ca phe"] is None and found["?qqqq"] is None
