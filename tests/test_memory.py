"""Memory freed by an ingest goes back to the system, not only to the allocator."""

from pathlib import Path

import numpy as np
import pytest

from bot.core import memory


def resident_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    pytest.skip("no /proc/self/status")


def test_freed_blocks_are_handed_back() -> None:
    if memory._libc() is None:
        pytest.skip("not glibc: nothing to trim")
    blocks = [np.ones(1000) for _ in range(25_000)]  # 200 MB in 8 KB blocks, below mmap's size
    last = blocks[-1]  # the top of the heap stays in use: only trimming inside it frees pages
    del blocks
    before = resident_mb()
    assert memory.release()
    assert resident_mb() < before - 100
    assert last.sum() == 1000
