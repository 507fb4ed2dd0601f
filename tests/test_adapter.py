"""The MkDocs adapter: thin, refuses invalid entries like `check`, writes nothing into the sources, serve reloads."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml
from test_check_messages import entry

def test_build_refuses_invalid_entries_with_the_check_messages(scratch):
    scratch.write("initiatives/2022/may-say-ca-phe.md", entry(unit="ea-poo"))
    check = scratch.check()
    build = scratch.build()
    assert build.returncode != 0
    [line] = [ln for ln in check.stdout.splitlines() if ln]
    assert line in build.stderr
    assert "Không dựng trang vì có 1 lỗi" in build.stderr
    assert "Traceback" not in build.stderr
    assert not (scratch.root / "site").exists()
    assert not list(scratch.root.glob(".site-building-*"))


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_build_writes_nothing_into_the_sources(scratch_with_samples):
    before = {d: _tree_digest(scratch_with_samples.root / d) for d in ("content", "initiatives")}
    proc = scratch_with_samples.build("--strict")
    assert proc.returncode == 0, proc.stderr
    assert {d: _tree_digest(scratch_with_samples.root / d) for d in ("content", "initiatives")} == before
    assert (scratch_with_samples.root / "site/sang-kien/may-say-ca-phe-lo-dot-vo/index.html").exists()


def test_an_entry_body_opening_with_key_value_lines_is_kept_as_text(scratch):
    # MkDocs reads "Key: value" lines (ASCII keys) at the top of a page without front matter as metadata.
    text = entry().replace("\n---\n\n", "\n---\nVideo: phát trên Đài truyền thanh xã\nZalo: nhóm Nông dân Ea Pô\n\n", 1)
    scratch.write("initiatives/2022/may-say-ca-phe.md", text)
    proc = scratch.build()
    assert proc.returncode == 0, proc.stderr
    page = (scratch.root / "site/sang-kien/may-say-ca-phe/index.html").read_text(encoding="utf-8")
    assert "<p>Video: phát trên Đài truyền thanh xã\nZalo: nhóm Nông dân Ea Pô</p>" in page
    assert "<title>Máy sấy cà phê tận dụng nhiệt – " in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def test_serve_reloads_when_an_entry_changes(scratch):
    path = scratch.write("initiatives/2022/may-say-ca-phe.md", entry())
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=scratch.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # `mkdocs serve` mounts the site under the path of site_url, as it will be published.
    site_url = yaml.safe_load((scratch.root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    url = f"http://127.0.0.1:{port}{urllib.parse.urlsplit(site_url).path}sang-kien/may-say-ca-phe/"
    try:
        deadline = time.time() + 60
        page = ""
        while time.time() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert "Máy sấy cà phê tận dụng nhiệt" in page
        path.write_text(entry(title='"Máy sấy cà phê cải tiến lần hai"'), encoding="utf-8")
        deadline = time.time() + 60
        while time.time() < deadline:
            time.sleep(1)
            try:
                page = _get(url)
            except OSError:
                continue
            if "cải tiến lần hai" in page:
                break
        assert "Máy sấy cà phê cải tiến lần hai" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_templates_read_dict_keys_as_jinja_would():
    import jinja2

    from generator.engine.mkdocs_plugin import _dict_keys_first

    env = jinja2.Environment()
    env.getattr = _dict_keys_first(env.getattr)
    page = env.from_string("{{ d.title }}|{{ d.missing is undefined }}|{{ d.items() | list | length }}|"
                           "{{ d['items'] }}|{{ o.real }}|{{ n.title }}")

    class Named:
        title = "thuộc tính"

    out = page.render(d={"title": "Đắk Wil", "items": [1, 2]}, o=3, n=Named())
    assert out == "Đắk Wil|True|2|[1, 2]|3|thuộc tính"


def test_tables_of_contents_share_a_rendering_only_when_they_show_the_same():
    from types import SimpleNamespace as Item

    from generator.engine.mkdocs_plugin import _toc_key

    def toc(*titles, child=None):
        return [Item(url=f"#{t.lower()}", title=t, level=2, children=[child] if child else []) for t in titles]

    sub = Item(url="#von", title="Vốn", level=3, children=[])
    assert _toc_key(toc("Thực trạng", "Giải pháp")) == _toc_key(toc("Thực trạng", "Giải pháp"))
    assert _toc_key(toc("Thực trạng", "Giải pháp")) != _toc_key(toc("Thực trạng", "Hiệu quả"))
    assert _toc_key(toc("Thực trạng")) != _toc_key(toc("Thực trạng", child=sub))
    assert _toc_key([]) != _toc_key(toc("Thực trạng"))
