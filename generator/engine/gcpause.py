"""The one owner of the cyclic garbage collector's policy: paused while the catalogue loads and pages are made.

Loading and making pages create millions of objects that stay alive (entries' values, page contexts, rows,
texts) and no reference cycles. The collector, triggered by allocations, walks the whole heap again and again
meanwhile, to find nothing: at 10,000 entries that was a fifth of `check` and a quarter to a half of the pages',
statistics', reports' and API's time. Reference counting still frees what is dropped; the collector resumes
when the work ends. The engine pauses it around loading and `build_site` (and freezes what lives until the
build ends); the command line around each command. Domain modules know nothing of it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
