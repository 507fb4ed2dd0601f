"""The baseline the full build is measured against: a bare `mkdocs build` with Material of the same entries.

Each entry's Markdown becomes a plain page (`sang-kien/<slug>.md`: its title and body), the hand-written
pages are copied, every page the real site's navigation names exists (a stub where our plugin would generate
it), and the configuration is the project's own minus our plugin and template overrides: same theme options,
same navigation sections, same Markdown extensions, entries not in the navigation.

Material's own search plugin stays on, as in any bare Material site (it is MkDocs' default `plugins`): the
real build writes its own search index, so both sides include building a search index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

THEME_KEYS_DROPPED = ("custom_dir", "favicon", "logo")  # they point into our overrides/


def _nav_files(nav) -> list[tuple[str, str]]:
    """(title, file) of every page the navigation names."""
    out = []
    for item in nav or []:
        if isinstance(item, str):
            out.append((Path(item).stem, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out.append((title, value))
                else:
                    out += _nav_files(value)
    return out


def _front_matter(text: str) -> tuple[dict, str]:
    end = text.find("\n---", 3)
    return yaml.load(text[4:end], Loader=yaml.CSafeLoader), text[end + 4:].lstrip("\n")


def make_plain(project_dir: Path, target: Path) -> Path:
    """Write the bare Material project for the entries of `project_dir` into `target`."""
    project_dir, target = Path(project_dir), Path(target)
    if target.exists():
        shutil.rmtree(target)
    config = yaml.load((project_dir / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    docs = target / "docs"
    shutil.copytree(project_dir / config.get("docs_dir", "docs"), docs)
    for page in docs.rglob("*.md"):
        # Hand-written pages may name one of our templates; the bare site has Material's only.
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta, body = _front_matter(text)
            meta = {k: v for k, v in (meta or {}).items() if k != "template"}
            head = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
            page.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")
    for title, rel in _nav_files(config.get("nav")):
        path = docs / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {title}\n", encoding="utf-8")
    pages = docs / "sang-kien"
    pages.mkdir(parents=True, exist_ok=True)
    for src in sorted((project_dir / "initiatives").rglob("*.md")):
        meta, body = _front_matter(src.read_text(encoding="utf-8"))
        page = f"---\ntitle: {json.dumps(meta['title'], ensure_ascii=False)}\n---\n\n{meta['summary']}\n\n{body}"
        (pages / src.name).write_text(page, encoding="utf-8")
    theme = {k: v for k, v in config["theme"].items() if k not in THEME_KEYS_DROPPED}
    plain = {
        "site_name": config["site_name"],
        "site_url": config.get("site_url"),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "ignore", "unrecognized_links": "ignore"}},
        "nav": config.get("nav"),
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
