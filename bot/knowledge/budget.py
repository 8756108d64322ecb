"""What one document may cost to read: a file size, a length of text and a
time. A file over a limit is reported by name with the reason and skipped,
like a corrupt one; the others are still indexed."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.errors import TooLarge

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_text_mb: float = 2.0  # INGEST_MAX_TEXT_MB
    seconds: float = 120.0  # INGEST_MAX_SECONDS
    max_file_mb: float = 200.0  # what is read from disk at all

    @property
    def max_chars(self) -> int:
        return int(self.max_text_mb * MB)


DEFAULT_LIMITS = Limits()


class Budget:
    """One document's allowance, spent as its loader goes (``spend`` after each
    page, paragraph or table)."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds

    def spend(self, chars: int) -> None:
        """Raise ``TooLarge`` once ``chars`` of text or the time allowed are exceeded."""
        if chars > self.limits.max_chars:
            raise TooLarge(f"more than {self.limits.max_text_mb:g} MB of text")
        if time.monotonic() > self.deadline:
            raise TooLarge(f"more than {self.limits.seconds:g} s to read")

    def check_size(self, size: int) -> None:
        if size > self.limits.max_file_mb * MB:
            raise TooLarge(f"file over {self.limits.max_file_mb:g} MB")
