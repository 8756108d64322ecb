"""Another process writing the index, as a maintainer runs it (for the benches)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb(pid: int | str = "self") -> float:
    """The resident size of process ``pid``, from /proc (nan once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rebuild_elsewhere(env: dict[str, str]) -> subprocess.CompletedProcess:
    """``python ingest.py --rebuild`` in a process of its own, with ``env``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "ingest.py"), "--rebuild"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
