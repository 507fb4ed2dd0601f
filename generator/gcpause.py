"""Pausing Python's cyclic garbage collector while the site's pages and files are made.

Making them creates hundreds of thousands of objects that stay alive (page contexts, rows, texts) and no
reference cycles. The collector, triggered by allocations, walks the whole heap (the loaded catalogue
and every page made so far) again and again meanwhile, to find nothing: at 10,000 entries that was a
quarter to a half of the pages', statistics', reports' and API's time. Reference counting still frees what is
dropped; the collector resumes when the work ends. (generator.project pauses it the same way while
loading.)
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps


@contextmanager
def paused():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def pausing(func):
    """`func` runs with the cyclic collector paused."""

    @wraps(func)
    def run(*args, **kwargs):
        with paused():
            return func(*args, **kwargs)

    return run
