"""Per-key timers: a burst of edits to one document runs its callback once.

pygls has no debounce of its own. Everything here runs on the event loop
thread, so no locking is needed.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable


class Debouncer:
    def __init__(self) -> None:
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._last_touch: dict[str, float] = {}

    def schedule(self, key: str, delay_s: float, callback: Callable[[], None]) -> None:
        """Run ``callback`` after ``delay_s`` unless ``key`` is scheduled again first."""
        self.cancel(key)
        self._last_touch[key] = time.monotonic()
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._timers.pop(key, None)
            callback()

        if delay_s <= 0:
            self._timers[key] = loop.call_soon(fire)  # type: ignore[assignment]
        else:
            self._timers[key] = loop.call_later(delay_s, fire)

    def touch(self, key: str) -> None:
        """Note activity without scheduling anything (pull mode: the client asks when)."""
        self._last_touch[key] = time.monotonic()

    def remaining(self, key: str, delay_s: float) -> float:
        """Seconds until ``delay_s`` has passed since the last activity on ``key``."""
        last = self._last_touch.get(key)
        if last is None:
            return 0.0
        return max(0.0, last + delay_s - time.monotonic())

    def cancel(self, key: str) -> None:
        handle = self._timers.pop(key, None)
        if handle is not None:
            handle.cancel()

    def forget(self, key: str) -> None:
        self.cancel(key)
        self._last_touch.pop(key, None)
