"""`mkdocs serve` under the site's Content-Security-Policy: live reload as a script file, and an error page.

MkDocs' preview server appends an inline `<script>livereload(epoch, request)</script>` to every page it
serves; its text changes with every request, so no hash in the policy can allow it and the browser blocks
it (the page never reloads). Here the server appends `<script src="/.dkst-livereload.js" data-epoch=…>`
instead and serves that file: MkDocs' own reload code, reading its two numbers from the tag. `'self'`
already allows it, so the policy of the built site is unchanged; the file exists only while serving.

A rebuild that fails (an entry with `area: 7`) no longer leaves the server waiting for a good build (the
browser showed a spinner for minutes): the failure is kept, every page is answered with a Vietnamese page
listing the same messages as `check`, and that page reloads by itself once the files are fixed.

The server is reached through three of its attributes (`builder`, `_serve_request`, `_inject_js_into_html`,
the same in MkDocs 1.5–1.6 and ProperDocs); tests/test_preview.py drives the real server in Chromium.
"""

from __future__ import annotations

import html
import itertools
import logging

RELOAD_PATH = "/.dkst-livereload.js"
_MKDOCS_CALL = "livereload(${epoch}, ${request_id});"
_OUR_CALL = ";(function (tag) { livereload(+tag.dataset.epoch, tag.dataset.request); })(document.currentScript);"  # ";": the template leaves its "var livereload = function …}" without one

log = logging.getLogger("mkdocs.plugins.doan-ket-sang-tao")


def reload_script(mkdocs_template: str) -> bytes:
    """MkDocs' reload script (its template text), with its two numbers read from the script tag."""
    if _MKDOCS_CALL not in mkdocs_template:
        raise ValueError("MkDocs' live-reload script changed: see generator/engine/preview.py")
    return mkdocs_template.replace(_MKDOCS_CALL, _OUR_CALL).encode("utf-8")


def error_page(lines: list[str], reload_tag: str) -> bytes:
    """The page every address shows while the files have errors."""
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chưa dựng được trang: có lỗi trong tệp</title>
</head>
<body>
<h1>Chưa dựng được trang: có lỗi trong tệp</h1>
<p>Trang xem trước sẽ tự tải lại ngay khi bạn sửa và lưu tệp. Các lỗi giống hệt lệnh
<code>python -m generator check</code> báo (tệp:dòng: lỗi và cách sửa):</p>
<ul id="dkst-preview-errors">
{items}
</ul>
{reload_tag}
</body>
</html>
""".encode("utf-8")


class Preview:
    """What the plugin adds to one `mkdocs serve`: the reload script file and the error page."""

    def __init__(self, server, mkdocs_template: str, mount_path: str):
        self.server = server
        self.script = reload_script(mkdocs_template)
        self.mount_path = mount_path if mount_path.endswith("/") else mount_path + "/"
        self.errors: list[str] | None = None  # the messages of the last build, when it failed
        self.pending: list[str] | None = None
        self._ids = itertools.count(1)
        self._serve, self._build = server._serve_request, server.builder
        server._serve_request = self.serve_request
        server._inject_js_into_html = self.inject
        server.builder = self.build

    def tag(self, epoch: int) -> str:
        return f'<script src="{RELOAD_PATH}" data-epoch="{epoch}" data-request="{next(self._ids)}"></script>'

    def inject(self, content: bytes, epoch: int) -> bytes:
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        return content[:at] + self.tag(epoch).encode("ascii") + content[at:]

    def build(self, *args, **kwargs):
        """A rebuild: on failure, keep the messages and let the server go on (browsers reload to the error)."""
        self.pending: list[str] | None = None
        try:
            self._build(*args, **kwargs)
        except Exception as error:  # noqa: BLE001: whatever stopped the build is shown, never a hang
            self.errors = self.pending or [_message(error)]
            log.error("Trang xem trước đang hiện các lỗi trên; sửa tệp rồi lưu, trình duyệt sẽ tự tải lại.")
            return
        self.errors = None

    def failed(self, lines: list[str]) -> None:
        """The plugin's own messages for the build that is failing (the same as `check`'s)."""
        self.pending = lines

    def serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == RELOAD_PATH:
            start_response("200 OK", [("Content-Type", "application/javascript"),
                                      ("Content-Length", str(len(self.script)))])
            return [self.script]
        errors = self.errors
        if errors is not None and (path + "/").startswith(self.mount_path) and (
                path.endswith("/") or path.endswith(".html")):
            body = error_page(errors, self.tag(self.server._visible_epoch))
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        return self._serve(environ, start_response)


def _message(error: BaseException) -> str:
    """The most telling message in an exception's chain (MkDocs replaces a plugin's error by "Aborted…")."""
    messages = []
    while error is not None:
        if str(error):
            messages.append(str(error))
        error = error.__cause__ or error.__context__
    return next((m for m in reversed(messages)), "Lỗi không rõ khi dựng trang.")
