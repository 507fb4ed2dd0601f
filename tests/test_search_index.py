"""The search index: which text is indexed, the spellings added for it, and a clear failure when indexing fails."""

from __future__ import annotations

import gzip
import json
import subprocess

import pytest

from generator import search_index
from generator.search_index import SearchIndexError, indexed_text, typed_spellings, with_spellings


def page(body: str, extra: str = "") -> str:
    return (f'<!doctype html><html lang="vi"><head><title>T</title><script>var đường = 1;</script></head>'
            f'<body><nav>Đơn vị Trang chủ</nav>{body}{extra}<footer>Đắk Nông hòa</footer></body></html>')


def test_words_with_đ_are_also_indexed_as_typed_without_the_stroke():
    assert typed_spellings("Xã Đắk Wil, đoàn kết") == ["dak", "doan"]


def test_both_tone_placements_are_indexed():
    assert typed_spellings("Tổ hòa giải") == ["hoà"]
    assert typed_spellings("sức khoẻ, thuý") == ["khỏe", "thúy"]
    assert typed_spellings("hòa và hoà") == []


def test_words_people_type_the_same_way_add_nothing():
    assert typed_spellings("quý hoàn toàn máy sấy cà phê") == []


def test_only_the_text_pagefind_indexes_is_read():
    html = page('<article data-pagefind-body><h1>Đường hoa</h1><br><img src="x.png" alt="ảnh">'
                '<p>Tổ hòa giải<span data-pagefind-ignore>Đống rác</span></p>'
                '<script>var đá = 2;</script></article>',
                '<aside><p>Đền thờ</p></aside><div data-pagefind-body><p>Điện mặt trời</p></div>')
    text = indexed_text(html)
    assert text.split() == ["Đường", "hoa", "Tổ", "hòa", "giải", "Điện", "mặt", "trời"]


def test_markup_inside_the_indexed_text_is_read_as_html_is():
    html = page('<div data-pagefind-body><div class="a"><p title="a > b">Đèn <b>đường</b></p></div>'
                '<!-- Điều <b> --><img data-pagefind-ignore alt="x"><p>Hồ &amp; đập</p>'
                '<code>data-pagefind-body</code><input value="Đá"/><div>Đồi</div></div><p>Đỉnh</p>')
    assert indexed_text(html).split() == ["Đèn", "đường", "Hồ", "&", "đập", "data-pagefind-body", "Đồi"]


def test_a_page_without_data_pagefind_body_has_no_indexed_text():
    assert indexed_text(page("<main><h1>Đường</h1></main>")) == ""


def test_the_spellings_go_in_a_hidden_metadata_field_and_the_rest_is_unchanged():
    html = page('<article data-pagefind-body><h1>Xã Đắk Wil hòa</h1></article>')
    out = with_spellings(html)
    field = '<span hidden data-pagefind-meta="aliases">dak hoà</span>'
    assert out == html.replace("</body>", field + "</body>")


def test_a_page_with_nothing_to_add_is_copied_as_it_is():
    html = page('<article data-pagefind-body><h1>Máy sấy cà phê</h1></article>')
    assert with_spellings(html) == html


def _fragments(bundle):
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data[data.index(b"{"):])  # after Pagefind's signature


def test_indexing_a_site_keeps_its_pages_and_indexes_them_with_their_spellings(tmp_path):
    entry = page('<article data-pagefind-body><h1>Câu lạc bộ ở xã Đắk Wil</h1><p>Tổ hòa giải</p></article>')
    listing = page("<main><h1>Danh sách</h1></main>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(entry, encoding="utf-8")
    (tmp_path / "index.html").write_text(listing, encoding="utf-8")
    search_index.run(str(tmp_path))
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == entry
    entry_json = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry_json["languages"]) == ["vi"]
    assert entry_json["languages"]["vi"]["page_count"] == 1
    fragments = list(_fragments(tmp_path / "pagefind"))
    assert [f["url"] for f in fragments] == ["/a/"]
    assert fragments[0]["meta"]["aliases"] == "dak hoà"


def test_indexing_again_replaces_the_previous_bundle(tmp_path):
    (tmp_path / "index.html").write_text(page("<main data-pagefind-body><h1>Một</h1></main>"), encoding="utf-8")
    stale = tmp_path / "pagefind" / "fragment" / "cu.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    search_index.run(str(tmp_path))
    assert not stale.exists()


def test_a_site_with_nothing_to_index_fails_clearly(tmp_path):
    (tmp_path / "index.html").write_text(page("<main><h1>Một</h1></main>"), encoding="utf-8")
    with pytest.raises(SearchIndexError, match="không có trang nào để lập chỉ mục"):
        search_index.run(str(tmp_path))


def test_a_failing_indexer_fails_with_its_own_message(tmp_path, monkeypatch):
    (tmp_path / "index.html").write_text(page("<main data-pagefind-body><h1>Một</h1></main>"), encoding="utf-8")

    def broken(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 3, "", "Error: disk full")

    monkeypatch.setattr(search_index.subprocess, "run", broken)
    with pytest.raises(SearchIndexError, match="disk full"):
        search_index.run(str(tmp_path))


def test_an_index_missing_pages_fails(tmp_path):
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("", encoding="utf-8")
    (bundle / "pagefind-entry.json").write_text('{"languages": {"vi": {"page_count": 2}}}', encoding="utf-8")
    with pytest.raises(SearchIndexError, match="2 trong 3 trang"):
        search_index.check_output(bundle, 3)
