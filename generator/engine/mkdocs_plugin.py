"""The MkDocs adapter: the only module that imports MkDocs.

It loads and checks the catalogue, turns the core's pages and assets into `File.generated`, hands
templates their ready context and writes the site atomically.
"""

from __future__ import annotations

import errno
import gc
import logging
import os
import shutil
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.engine import atomic, csp, escaping, gcpause, preview, publish, reproducible, sitemap_index
from generator.engine.spool import Spool
from generator.catalog import partition, project
from generator.entries import safety
from generator.pages import search_index
from generator.common import urls
from generator.pages.pictures import Pictures
from generator.common.problems import format_problems, sort_problems
from generator.outputs.site_content import SiteContent, build_site

log = logging.getLogger("mkdocs.plugins.doan-ket-sang-tao")
_USER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "")  # read once: later builds in this process see ours


def _strict_warnings() -> int:
    """Warnings MkDocs counted so far in a --strict build (it aborts on any after on_post_build)."""
    from mkdocs.utils import CountHandler

    return sum(sum(n for _, n in h.get_counts()) for h in logging.getLogger("mkdocs").handlers
               if isinstance(h, CountHandler))


def _fragment_cache():
    """A template global: `{% call dkst_cached(key) %}…{% endcall %}` renders its body once per key and build
    (a None key renders every time)."""
    done: dict[str, str] = {}

    def cached(key, caller):
        if key is None:
            return caller()
        if key not in done:
            done[key] = caller()
        return done[key]

    return cached


def _dict_keys_first(jinja_getattr):
    """Jinja's `getattr` (what `{{ a.b }}` calls), answering a plain dict's key directly.

    Jinja first asks for an attribute and looks for a key only after AttributeError was raised and caught:
    every `{{ entry.title }}` on the dicts our pages hand over paid for an exception, 4 million times at
    10,000 entries (1.5 to 2 s). A plain dict has no attribute but those of its type, so for any other name
    the result is the one Jinja would give, including an undefined value for a missing key.
    """
    dict_names = frozenset(dir(dict))

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in dict_names:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return jinja_getattr(obj, attribute)

    return getattr_


def _defer_scripts(html) -> Markup:
    """Material's script tags (`<script src=…></script>`) with `defer`: they run once the page is parsed, as at
    the end of <body>, and the parser never waits for them (first paint of long pages). Inline scripts keep
    their exact text, which their CSP hashes cover."""
    return Markup(str(html).replace('"></script>', '" defer></script>'))


def _toc_key(toc) -> str:
    """What a page's table of contents shows (anchors, titles, levels, nesting): pages with the same headings
    get the same rendered table (overrides/partials/toc.html)."""
    def shown(items):
        return tuple((item.url, item.title, item.level, shown(item.children)) for item in items)

    return f"toc:{shown(toc)!r}"


# Material ships a lunr search (its worker and 30 language bundles, ~1.2 MB) and source maps (~1.3 MB) in
# every site; our search is our own (overrides/assets/search*.js) and no page loads a map, so neither is copied.
_UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search")


def _unused_theme_file(src_uri: str) -> bool:
    return src_uri.endswith(".map") or src_uri.startswith(_UNUSED_THEME_FILES)


def _os_error_message(error: OSError, site_dir: str | None) -> str:
    """One Vietnamese line for a failure of the system while the site is written."""
    where = f" (`{error.filename}`)" if error.filename else ""
    kept = f"trang web cũ ở {site_dir} vẫn giữ nguyên" if site_dir else "trang web cũ vẫn giữ nguyên"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Hết chỗ trống trên đĩa khi ghi trang web{where}: {kept}. Giải phóng chỗ trống rồi dựng lại."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Không có quyền ghi{where}: {kept}. Kiểm tra quyền của thư mục (hoặc chọn thư mục khác bằng "
                "`mkdocs build -d …`) rồi dựng lại.")
    return f"Lỗi hệ thống khi ghi trang web{where}: {error.strerror or error}; {kept}. Sửa lỗi này rồi dựng lại."


class CatalogConfig(Config):
    root = c.Type(str, default="")  # project root; default: the folder of mkdocs.yml
    # Build even when entries have errors (to look at a broken entry, or test the sanitiser). Never skips
    # sanitising: entry HTML is cleaned and unsafe files are not copied either way.
    skip_check = c.Type(bool, default=False)
    # Build a partition: only the entries of these units (and of the units merged into them). Empty: every entry.
    units = c.ListOfItems(c.Type(str), default=[])
    # Where pictures are made once and kept between builds (relative to the project root); never inside the site.
    picture_cache = c.Type(str, default=".cache/pictures")


class CatalogPlugin(BasePlugin[CatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.preview: preview.Preview | None = None
        self.content: SiteContent | None = None
        self.by_src: dict[str, object] = {}
        self.final_site_dir: str | None = None
        self.catalog = None

    # --- configuration and loading -------------------------------------------------------------
    def on_startup(self, *, command, dirty):
        # Defining this event also keeps this one plugin object for every rebuild of `mkdocs serve`.
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.serving:  # `mkdocs serve` stops on Ctrl-C by itself, and a rebuild's errors show in the page
            self._catch_interrupts()
        root = Path(self.config.root or os.path.dirname(config.config_file_path)).resolve()
        self.root = root
        try:
            with gcpause.paused():
                loaded = project.load(root)
        except project.TaxonomyError as err:
            self._fail(err.problems)
        if loaded.errors and not self.config.skip_check:
            self._fail(loaded.problems)
        if self.config.units:
            unknown = partition.unknown_units(loaded.taxonomy, self.config.units, os.path.basename(config.config_file_path))
            if unknown:
                self._fail(unknown)
            loaded.records = partition.select(loaded.records, loaded.taxonomy, self.config.units)
        for p in sort_problems(loaded.errors):
            log.warning(f"skip_check: {p.text()}")
        for p in sort_problems(loaded.problems):
            if not p.is_error:
                log.info(p.text())
        # The build needs the catalogue only: the files' texts and parsed front matter (`loaded.sources`, 100 MB
        # at 10,000 entries) go now rather than at the end of the build.
        self.catalog = loaded.catalog
        del loaded
        # MkDocs stamps the sitemap with the build date; give it the newest entry date instead (a date the
        # user set is kept). Set on every build, so `serve` follows edited entries.
        os.environ["SOURCE_DATE_EPOCH"] = _USER_EPOCH or reproducible.source_date_epoch(self.catalog)
        site_url = config.site_url or ""
        # Build into a sibling folder; on_post_build puts it in place in one step (engine/atomic.py), so a
        # failed or interrupted build leaves the old site. Builds of one output take turns (a lock), and the
        # one holding the lock removes what interrupted builds left.
        self.final_site_dir = config.site_dir
        if not self.serving:
            self.lock = atomic.Lock(config.site_dir)
            self.lock.acquire(waiting=lambda: log.info(
                f"Một lần dựng khác đang ghi vào {config.site_dir}; chờ nó xong rồi dựng tiếp."))
            atomic.remove_leftovers(config.site_dir)
        self.spool = Spool(config.site_dir)
        config.site_dir = self.building = atomic.building_dir(config.site_dir)
        # The hand-written pages are the engine's to list: the core only reads their Markdown for the search.
        try:
            with gcpause.paused():
                pictures = Pictures(root, root / self.config.picture_cache)
                self.content = build_site(self.catalog, site_url, search_index.hand_written(config.docs_dir),
                                          pictures, self.spool)
        except BaseException:
            # MkDocs reports an error of on_config to no plugin: what this build made beside the site goes now.
            self._discard()
            raise
        for note in self.content.notes:
            log.warning(note)
        # The catalogue and every page's context live until the build ends and hold no cycles to collect:
        # kept out of the collector's passes, which otherwise rescan them again and again while MkDocs renders.
        gc.freeze()
        self.by_src = {p.src_uri: p for p in self.content.pages}
        return config

    def _catch_interrupts(self) -> None:
        """Ctrl-C (or a polite kill) during the build ends it with one Vietnamese line and the old site intact."""
        def interrupted(signum, frame):
            raise PluginError("Đã dừng giữa chừng (Ctrl-C hoặc lệnh dừng): trang web cũ vẫn giữ nguyên; "
                              "chạy lại lệnh để dựng.")

        self.old_handlers = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.old_handlers[sig] = signal.signal(sig, interrupted)
            except ValueError:  # not the main thread (mkdocs serve rebuilds in its own): nothing to catch
                pass

    def _discard(self) -> None:
        """Remove the unfinished build and the spool, and let other builds of the output go on."""
        building = getattr(self, "building", None)
        if building and building != self.final_site_dir:
            shutil.rmtree(building, ignore_errors=True)
        self._unspool()
        self._finish()

    def _unspool(self) -> None:
        spool = getattr(self, "spool", None)
        if spool is not None:
            spool.remove()
            self.spool = None

    def _finish(self) -> None:
        for sig, handler in getattr(self, "old_handlers", {}).items():
            signal.signal(sig, handler)
        self.old_handlers = {}
        lock = getattr(self, "lock", None)
        if lock is not None:
            lock.release()
            self.lock = None

    def _fail(self, problems) -> None:
        text = format_problems(problems)
        for line in text.splitlines():
            log.error(line)
        if self.preview is not None:
            self.preview.failed(text.splitlines())
        errors = sum(p.is_error for p in problems)
        raise PluginError(f"Không dựng trang vì có {errors} lỗi trong các tệp mục (xem các dòng ở trên). "
                          "Sửa rồi chạy lại; kiểm tra nhanh bằng: python -m generator check")

    # --- files -------------------------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        assert self.content is not None
        for unused in [f for f in files if _unused_theme_file(f.src_uri)]:
            files.remove(unused)
        for page in self.content.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"content/{page.src_uri} trùng địa chỉ với một trang được tạo tự động; hãy đổi tên tệp.")
            files.append(File.generated(config, page.src_uri, content=publish.page_source(page)))
        for asset in self.content.assets:
            if asset.source is not None:
                if not safety.publishable(self.root, asset.source):
                    log.warning(f"Không chép {asset.source}: tệp không hợp lệ (chạy `python -m generator check` để xem lý do).")
                    continue
                files.append(File.generated(config, asset.path, abs_src_path=str(self.root / asset.source)))
            elif asset.made is not None and self.spool is not None and self.spool.owns(asset.made):
                file = File.generated(config, asset.path, abs_src_path=asset.made)
                self.spool.place(asset.made, file.abs_dest_path)
                file.abs_src_path = file.abs_dest_path  # MkDocs leaves a file already in place as it is
                files.append(file)
            elif asset.made is not None:
                files.append(File.generated(config, asset.path, abs_src_path=asset.made))
            else:
                files.append(File.generated(config, asset.path, content=asset.content))
        return files

    # --- templates -----------------------------------------------------------------------------
    def on_env(self, env, config, files):
        assert self.catalog is not None and self.content is not None
        env.globals["dkst"] = publish.site_globals(self.catalog, self.content)
        env.globals["dkst_cached"] = _fragment_cache()
        env.globals["dkst_toc_key"] = _toc_key
        env.getattr = _dict_keys_first(env.getattr)
        env.filters["dkst_defer_scripts"] = _defer_scripts
        # The inline scripts a page may run: those our templates and Material's write (csp.TemplateScripts).
        self.scripts = csp.TemplateScripts(env, list(config.theme.dirs), {"config": config})
        self.base_urls: dict[str, str] = {}
        # One escaping rule per context, by construction (engine/escaping.py): our templates autoescape, and
        # the `url` filter (relative to the page) and `href` (absolute) percent-encode and escape, in every template.
        env.filters["url"] = escaping.safe_url_filter(env.filters["url"])
        env.filters["href"] = escaping.url_markup  # an absolute URL, kept as it is but for the encoding
        if config.theme.custom_dir:
            env.autoescape = escaping.autoescape_in(config.theme.custom_dir)
        # The files and navigation MkDocs made since on_config live until the build ends too (GC: 2.6 -> 2.1 s).
        gc.freeze()
        return env

    def on_nav(self, nav, config, files):
        self.in_nav = {p.file.src_uri for p in nav.pages}
        # Every folder a navigation link points into: a page's relative links to them depend only on its depth
        # and on the deepest of these folders it lies in.
        self.nav_folders = {""}
        for url in [p.url for p in nav.pages] + ["assets/"]:
            parts = url.split("/")[:-1]
            self.nav_folders.update("".join(f"{part}/" for part in parts[:i]) for i in range(1, len(parts) + 1))
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        generated = self.by_src.get(page.file.src_uri)
        if generated is not None:
            page.meta = publish.page_meta(generated)
        return markdown

    def on_page_context(self, context, page, config, nav):
        generated = self.by_src.get(page.file.src_uri)
        context["dkst_page"] = publish.page_globals(generated, page.file.src_uri, self.content)
        context["dkst_nav_key"] = self._nav_key(page)
        self.base_urls[page.file.src_uri] = context["base_url"]  # what the page's template scripts are made with
        return context

    def _nav_key(self, page) -> str | None:
        """The navigation of a page that is not in it (an entry, a listing) marks nothing active, and its links
        are relative: it is the same for every such page of one depth within one navigation folder, so
        overrides/partials/nav.html renders it once per key instead of once per page (10,000 entries)."""
        if page.file.src_uri in getattr(self, "in_nav", ()) or not page.url.endswith("/"):
            return None
        parts = page.url.split("/")[:-1]
        folder = ""
        for i in range(1, len(parts) + 1):
            prefix = "".join(f"{part}/" for part in parts[:i])
            if prefix in self.nav_folders:
                folder = prefix
        return f"nav:{len(parts)}:{folder}"

    def on_page_content(self, html, page, config, files):
        generated = self.by_src.get(page.file.src_uri)
        if generated is not None and getattr(generated, "kind", "") == "entry":
            safety.clean_toc(page.toc)
            return publish.clean_html(html)
        return html

    @event_priority(-100)  # after every other plugin changed the page, so the hashes match what is written
    def on_post_page(self, output, page, config):
        # Nothing reads a generated page's Markdown and HTML once it is rendered (no other plugin; the sitemap is
        # made first; its title is in its metadata), yet MkDocs holds every page's until the build ends: at
        # 10,000 entries, their memory serves the pages still to render instead (peak 510 -> 463 MB). An empty
        # text, not None: MkDocs reads None as a page not yet read, and other pages' navigation shows its title.
        if page.file.src_uri in self.by_src:
            page.markdown, page.content = "", None
        return csp.add_policy(output, self.scripts.allowed(self.base_urls.pop(page.file.src_uri, "")))

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        # Static templates (404.html) are rendered with the site's path as base_url, as MkDocs does.
        return csp.add_policy(output_content, self.scripts.allowed(urlsplit(config.site_url or "/").path))

    # --- finishing -----------------------------------------------------------------------------
    @event_priority(-100)
    def on_post_build(self, config):
        gc.unfreeze()  # `mkdocs serve` builds again in this process: the old catalogue must be collectable
        building = config.site_dir
        # What Material fetches must stay small, and exist beside every feed a page links.
        feed_files = tuple(urls.feed("/", fmt) for fmt, _, _ in urls.FEED_FORMATS)  # "/rss.xml", "/atom.xml"
        feed_folders = {a.path.rpartition("/")[0] + "/" for a in self.content.assets
                        if a.path.endswith(feed_files)} if self.content else set()
        sitemap_index.index_sitemap(building, config.site_url or "", feed_folders)
        if config.strict and _strict_warnings():
            # MkDocs aborts right after this event: keep the previous site instead of a half-accepted one.
            shutil.rmtree(building, ignore_errors=True)
        elif self.serving:
            atomic.replace_contents(building, self.final_site_dir)
        else:
            atomic.swap_into_place(building, self.final_site_dir)
        config.site_dir = self.final_site_dir
        self._unspool()
        self._finish()
        self._release()

    def _release(self) -> None:
        """Let go of the catalogue and the pages once the site is written. Left to the interpreter's exit,
        freeing them cost 1.9 s of CPU at 10,000 entries; here it is 0.2 s, and the process ends sooner."""
        self.content, self.by_src, self.catalog = None, {}, None

    @event_priority(-100)  # last: it may replace the error by one line in Vietnamese
    def on_build_error(self, error):
        gc.unfreeze()
        self._release()
        self._discard()
        if isinstance(error, OSError):
            # MkDocs prints other errors than its own with a traceback: say what happened and what to do.
            raise PluginError(_os_error_message(error, self.final_site_dir)) from None

    def on_serve(self, server, config, builder):
        livereload = sys.modules[type(server).__module__]  # MkDocs' or ProperDocs' own, whichever serves

        server.watch(str(self.root / project.ENTRIES_DIR))
        server.watch(str(self.root / project.TAXONOMY_FILE))
        # Live reload as a script file the policy allows, and an error page instead of a hang (preview.py).
        self.preview = preview.Preview(server, livereload._SCRIPT_TEMPLATE_STR, server.mount_path)
        return server

