"""One writer at a time on an index: a lock file in DATA_DIR.

Two ingests writing one collection (``ingest.py`` while the bot's /reload
runs, or during a ``--rebuild``) would each delete what the other wrote. The
second one waits for the first, saying who holds the lock, and gives up with
one line after ``INGEST_LOCK_WAIT`` seconds. ``flock`` is released by the
kernel when its holder dies, so a killed ingest never leaves a stale lock.
(With a Chroma server, writers on other machines are not seen: run ingests
from one machine.)
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import time
from pathlib import Path
from typing import IO

from bot.errors import ConfigError

log = logging.getLogger(__name__)
LOCK_FILE = "ingest.lock"


class IndexLock:
    def __init__(self, data_dir: Path, *, wait: float, poll: float = 0.2) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self.wait, self.poll = wait, poll
        self._file: IO[str] | None = None

    def __enter__(self) -> IndexLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:  # a read-only DATA_DIR: said in one line
            raise ConfigError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        deadline = time.monotonic() + self.wait
        said = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if time.monotonic() >= deadline:
                    handle.close()
                    raise ConfigError(
                        f"another ingest ({holder}) is writing the index: try again when it ends"
                    ) from None
                if not said:
                    log.info("waiting for another ingest (%s) to finish", holder)
                    said = True
                time.sleep(self.poll)
        handle.seek(0)
        handle.truncate()
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} since {stamp}\n")
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    return handle.read().strip() or "unknown process"
