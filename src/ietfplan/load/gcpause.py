"""Pausing Python's cyclic garbage collector while large, acyclic data is made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Without Python's cyclic garbage collector, which would scan the hundreds of
    thousands of new, acyclic objects of a large meeting again and again while they are
    made (most of PyYAML's time on a large file; ~0.1 s each way to pickle or unpickle
    40,000 sessions); reference counting frees them all the same.  Restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
