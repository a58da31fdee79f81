"""Writing a command's output: to the terminal, to a file (whole, never half), or into a device or pipe."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.commands.errors import ActionFailed, UsageError

WRITE_BATCH_CHARS = 1 << 16


def batches(text: str | Iterable[str]) -> Iterator[str]:
    """``text``, or the pieces of a text, joined into batches of about ``WRITE_BATCH_CHARS`` characters."""
    if isinstance(text, str):
        yield text
        return
    batch: list[str] = []
    size = 0
    for piece in text:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_BATCH_CHARS:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def _encoded(text: str | Iterable[str] | bytes) -> Iterator[bytes]:
    if isinstance(text, bytes):
        yield text
        return
    for batch in batches(text):
        yield batch.encode("utf-8")


def write_binary(data: bytes, output: str | None, what: str = "xlsx 工作簿") -> None:
    """Write a binary document (an .xlsx) to ``output`` as ``write`` does, or to standard output when it is
    redirected; a terminal is refused (binary bytes would garble it)."""
    if output:
        write(data, output)
        return
    if sys.stdout.isatty():
        raise UsageError(
            f"{what}是二进制文件，不能输出到终端：请加 --output 文件名.xlsx，或重定向到文件（> 文件名.xlsx）。"
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write(text: str | Iterable[str] | bytes, output: str | None) -> None:
    """Print ``text`` (a text, or its pieces as they are made), or write it to the file ``output`` whole (a
    new file beside it renamed over it, so a reader never sees half a report), or into ``output`` as it is
    when that is a device or a pipe (``/dev/stdout``). A path that cannot be written is a UsageError
    naming it; a write that fails midway (a full disk) is an ActionFailed, the old file left as it was."""
    if not output:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        for batch in batches(text):
            sys.stdout.write(batch)
        sys.stdout.flush()
        return
    from generator.site.outdir import describe_os_error

    target = Path(output)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"无法写入 {output}：{describe_os_error(exc)}。请换一个文件路径。") from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"--output {output} 是一个文件夹：请给出文件名，如 {target / 'report.md'}。")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(text, output)
    else:
        _write_whole(text, output)


def _write_into(text: str | Iterable[str] | bytes, output: str) -> None:
    """Into a device or a pipe, as it is."""
    from generator.site.outdir import describe_os_error

    try:
        with open(output, "wb") as handle:
            for chunk in _encoded(text):
                handle.write(chunk)
    except OSError as exc:
        raise ActionFailed(f"写入 {output} 失败：{describe_os_error(exc, with_path=False)}。") from exc


def _write_whole(text: str | Iterable[str] | bytes, output: str) -> None:
    """A new file beside ``output``, renamed over it once it is complete."""
    from generator.site.outdir import describe_os_error

    target = Path(output)
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(
            f"无法写入 {output}：文件夹 {folder} 不存在（或不是文件夹）。请先创建它，或换一个路径。"
        )
    tmp = folder / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UsageError(
            f"无法在文件夹 {folder} 中写入 {target.name}：{describe_os_error(exc, with_path=False)}。请换一个路径。"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in _encoded(text):
                handle.write(chunk)
        os.replace(tmp, target)
    except OSError as exc:
        raise ActionFailed(
            f"写入 {output} 失败：{describe_os_error(exc, with_path=False)}。原有文件保持不变。"
        ) from exc
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
