"""Give freed memory back to the system after an ingest or a swapped index.

An ingest allocates and frees hundreds of megabytes in small blocks
(tokenised batches, Chroma's results, the old index's snapshot). glibc keeps
freed blocks in its arenas for reuse, so a bot that re-ingests a few times a
day grows by tens of megabytes each time without holding a byte more; the
soak benchmark (issue 13) saw its resident size rise in steps at /reload and
at a rebuild's swap. ``malloc_trim(0)`` hands every whole free page of every
arena back (not only those at the top: tests/test_memory.py keeps the top in
use). Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release() -> bool:
    """Collect cycles, then hand free heap pages back; True when glibc did."""
    gc.collect()
    libc = _libc()
    return libc is not None and bool(libc.malloc_trim(0))
