"""Per-delegate question rate limit: a sliding window, time passed in.

In memory on purpose: a restart forgiving a burst is harmless, and it keeps
a write out of every question's path.
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key; others are refused."""

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[int, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: int, now: float) -> bool:
        with self._lock:
            events = self._events[key]
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True
