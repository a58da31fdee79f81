"""``xuehui serve``: listen first (a port in use is said at once, not after the build), then build the site
(``xuehui build``), then serve it on 127.0.0.1 until Ctrl+C. Without the extra ``xuehui[site]`` it says
which command installs it before listening."""

from __future__ import annotations

import argparse
import errno
import sys
from typing import TYPE_CHECKING

from generator.commands.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    import http.server


def run(args: argparse.Namespace) -> int:
    from generator.commands import build

    build.require_site_stack()
    server = _listen(args.out, args.port)
    with server:
        code = build.run(args)
        if code != EXIT_OK:
            return code
        sys.stdout.write(f"预览地址：http://127.0.0.1:{args.port}/（按 Ctrl+C 停止）\n")
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return EXIT_OK


def _listen(out: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server of the folder ``out`` bound to 127.0.0.1:``port`` (not serving yet)."""
    import functools
    import http.server
    from pathlib import Path

    from generator.site.outdir import describe_os_error

    if not 0 < port < 65536:
        raise UsageError(f"--port {port} 无效：端口应在 1 到 65535 之间，如 --port 8000。")
    folder = Path(out).resolve()
    handler = functools.partial(_handler_class(), directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"端口 {port} 已被占用（也许另一个 xuehui serve 还在运行）：请用 --port 换一个端口，"
                f"如 --port {port + 1 if port < 65535 else 8000}。"
            ) from exc
        raise UsageError(
            f"无法在 127.0.0.1:{port} 上监听：{describe_os_error(exc)}。请用 --port 换一个端口。"
        ) from exc


# The server's own error pages, in Chinese (the standard library writes "Error response" and "File not found").
ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>%(code)d %(message)s</title></head>
<body>
<h1>%(message)s</h1>
<p>%(explain)s</p>
<p>错误代码：%(code)d。<a href="/">返回首页</a></p>
</body>
</html>
"""
ERRORS_ZH: dict[int, tuple[str, str]] = {
    400: ("请求有误", "浏览器发来的请求无法识别。"),
    403: ("不允许访问", "这个地址不允许访问。"),
    404: ("找不到页面", "网站中没有这个地址的页面，请检查地址，或从首页重新进入。"),
    405: ("不支持的请求方式", "预览服务器只提供页面的读取。"),
    414: ("地址太长", "请求的地址太长。"),
    500: ("服务器出错", "预览服务器处理请求时出错，请查看运行 xuehui serve 的终端窗口。"),
    501: ("不支持的请求方式", "预览服务器只提供页面的读取。"),
}


def _handler_class() -> type[http.server.SimpleHTTPRequestHandler]:
    """The standard library's file handler with its error pages in Chinese: a missing page answers with the
    site's own 404 page (``404.html``, the theme's), any other error with a short Chinese page."""
    import http.server
    from pathlib import Path

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            """One Chinese line per request on the terminal: ``预览 GET /notices/ → 200``."""
            status = code.value if isinstance(code, http.HTTPStatus) else code
            self.log_message("预览 %s → %s", self.requestline, status)

        def log_error(self, format: str, *args: object) -> None:
            self.log_message("预览出错：%s", format % args)

        def log_message(self, format: str, *args: object) -> None:
            # the standard line carries an English month (06/Dec/2026): the terminal gets Chinese only
            sys.stderr.write(f"xuehui serve：{format % args}\n")

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # the status line keeps the standard reason (it must be ASCII); the page says it in Chinese
            self.log_error("code %d, message %s", code, message)
            page = Path(self.directory) / "404.html"
            if code == 404 and page.is_file():
                body = page.read_bytes()
            else:
                title, why = ERRORS_ZH.get(code, ("出错了", "预览服务器无法完成这个请求。"))
                body = (ERROR_PAGE % {"code": code, "message": title, "explain": why}).encode("utf-8")
            self.send_response(code)
            self.send_header("Connection", "close")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)

    return Handler
