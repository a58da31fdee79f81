"""``repository._read_capped`` (a buffer of the file's size first) gives the bytes one read capped at
``MAX_READ_BYTES + 1`` gives, whether the file kept the size ``lstat`` saw, grew or shrank."""

from __future__ import annotations

import io

import pytest

from generator.repository import MAX_READ_BYTES, _read_capped

BIG = MAX_READ_BYTES + 5


@pytest.mark.parametrize(
    ("length", "size"),
    [(0, 0), (3, 3), (6, 3), (10, 0), (2, 9), (BIG, BIG), (BIG, 10), (MAX_READ_BYTES, MAX_READ_BYTES)],
)
def test_same_bytes_as_one_capped_read(length: int, size: int) -> None:
    data = bytes(i % 251 for i in range(min(length, 1000))) * (length // 1000 + 1)
    data = data[:length]
    assert _read_capped(io.BytesIO(data), size) == io.BytesIO(data).read(MAX_READ_BYTES + 1)
