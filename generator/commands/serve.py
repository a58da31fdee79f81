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
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
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
