"""The built sample site satisfies its own Content-Security-Policy: no page, search included, trips it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import serve_dir


def _one_page_per_kind(site: Path) -> list[str]:
    """The first page of each folder at each depth: every template the site uses, in a few dozen pages."""
    chosen: dict[tuple[str, int], str] = {}
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        key = (rel.split("/")[0], rel.count("/")) if rel != "." else ("", -1)
        chosen.setdefault(key, "" if rel == "." else rel + "/")
    return sorted(chosen.values())


def test_every_html_file_states_a_policy(built_site):
    missing = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
               if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")]
    assert not missing, missing[:20]


def test_the_policy_comes_before_any_script(built_site):
    for page in sorted(built_site.rglob("*.html"))[:200]:
        text = page.read_text(encoding="utf-8")
        if "<script" in text:
            assert text.index("Content-Security-Policy") < text.index("<script"), page


def test_no_page_violates_the_policy(browser, site_url, built_site):
    paths = _one_page_per_kind(built_site) + ["404.html", "tra-cuu/?q=c%C3%A0+ph%C3%AA"]
    assert len(paths) > 15
    context = browser.new_context()
    violations: dict[str, list[str]] = {}
    try:
        for path in paths:
            page = context.new_page()
            seen: list[str] = []
            page.on("console", lambda m, seen=seen: seen.append(m.text[:200])
                    if "Content Security Policy" in m.text else None)
            page.goto(site_url + path, wait_until="networkidle")
            if path.startswith("tra-cuu/"):
                page.wait_for_selector(".dkst-result", timeout=10_000)  # Pagefind ran its WebAssembly
            if seen:
                violations[path] = seen
            page.close()
    finally:
        context.close()
    assert not violations, violations


def test_the_policy_blocks_an_injected_script(browser, site_url):
    """The guard works: a script the build did not hash does not run, even if it reached a page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", policy)
        ran = page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__injected = 1'; document.head.append(s); return window.__injected === 1; }""")
        assert ran is False
    finally:
        context.close()


# --- the policy is computed from the templates we ship, never from the finished page -------------------
INJECTED = "<script>window.__pwned='page';alert('page')</script>"


def _template_scripts(root: Path):
    """The allowed scripts as the build computes them, from our templates and Material's."""
    import jinja2
    import material
    from mkdocs.config import load_config

    from generator.engine import csp

    config = load_config(str(root / "mkdocs.yml"))
    folders = [str(root / "overrides"), str(Path(material.__file__).parent / "templates")]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders))
    return csp.TemplateScripts(env, folders, {"config": config})


def _without_policy(html: str) -> str:
    return re.sub(r'\n  <meta http-equiv="Content-Security-Policy" content="[^"]*">', "", html, count=1)


def test_the_allowed_scripts_are_the_templates_and_a_page_cannot_add_one(root, built_site):
    scripts = _template_scripts(root)
    from generator.engine import csp

    page = (built_site / "sang-kien/may-say-ca-phe-lo-dot-vo/index.html").read_text(encoding="utf-8")
    bare = _without_policy(page)
    assert csp.add_policy(bare, scripts.allowed("../..")) == page  # the build's policy, from the templates alone
    hostile = bare.replace("</article>", INJECTED + "</article>", 1)
    assert INJECTED in hostile
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', csp.add_policy(hostile, scripts.allowed("../.."))
                       ).group(1)
    assert csp.inline_script_hashes(INJECTED)[0] not in policy
    assert policy == re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)


@pytest.mark.browser
def test_a_script_that_reached_a_page_is_blocked_in_chromium(root, built_site, browser, tmp_path):
    """Whatever way a script got into an entry page, the page's policy does not allow it: it never runs."""
    from generator.engine import csp

    scripts = _template_scripts(root)
    page = _without_policy((built_site / "sang-kien/may-say-ca-phe-lo-dot-vo/index.html").read_text(encoding="utf-8"))
    hostile = csp.add_policy(page.replace("</article>", INJECTED + "</article>", 1), scripts.allowed("../.."))
    shutil.copytree(built_site, tmp_path / "site")
    (tmp_path / "site/sang-kien/may-say-ca-phe-lo-dot-vo/index.html").write_text(hostile, encoding="utf-8")
    url, httpd = serve_dir(tmp_path / "site")
    context = browser.new_context()
    try:
        tab = context.new_page()
        dialogs, violations = [], []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        tab.goto(url + "sang-kien/may-say-ca-phe-lo-dot-vo/", wait_until="load")
        assert tab.evaluate("window.__pwned === undefined")
        assert not dialogs
        assert len(violations) == 1 and "script-src" in violations[0]
        assert tab.evaluate("typeof __md_get") == "function"  # Material's own inline script still runs
    finally:
        context.close()
        httpd.shutdown()
