"""A wall-clock limit around the work done for one document.

A hostile or pathological article (a regular expression that backtracks, a parser that
loops) must cost one recorded error, not a stuck run. :func:`time_limit` arms a real-time
interval timer (``setitimer``) whose ``SIGALRM`` handler raises :class:`TimeLimitExceeded`
in the code that is running, so the job can record the document and go on.

Signals are delivered to the main thread of a process only, so the limit is enforced
there (the CLI, and each worker of a process pool, annotate in their main thread); in any
other thread, or on a platform without ``setitimer``, the block runs without a limit
rather than failing. An outer limit that was already armed is restored, less the time the
inner block took, when the block ends. :func:`suspended` stops the clock for one-time
work inside a guarded block (loading models).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: ``IngestError.reason`` of a document that ran past its time limit.
TIMEOUT = "timeout"


class TimeLimitExceeded(BaseException):
    """Raised inside the guarded block when its time is up.

    A BaseException, like KeyboardInterrupt, so that an annotator's broad
    ``except Exception`` cannot swallow it and carry on past the limit.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s (the limit)")
        self.seconds = seconds


def enforceable() -> bool:
    """True where :func:`time_limit` can interrupt: the main thread, with setitimer."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block if it runs longer than ``seconds``
    (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            # Never 0, which would disarm the outer limit instead of firing it.
            left = max(outer - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left)


@contextmanager
def suspended() -> Iterator[None]:
    """Stop the clock of an armed :func:`time_limit` for the block, then give the limit
    back the time it had left: for one-time work such as loading a language's models,
    which no single document should be charged for (nor interrupted in, half built)."""
    if not enforceable():
        yield
        return
    left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)
