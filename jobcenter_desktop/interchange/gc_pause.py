"""Python's cycle collector paused while an import builds its rows.

An import of ten thousand rows makes hundreds of thousands of small objects that
live until it ends; the cycle collector would walk all of them again and again
(a good part of an import's time) to find nearly nothing. Reference counting
still frees what is dropped; one collection runs at the end.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (left as found when it was already off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
