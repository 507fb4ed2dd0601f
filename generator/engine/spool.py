"""Assets written to disk as soon as they are made, so their bytes are not held until MkDocs copies them.

At 10,000 entries the API, reports, search index and bulletins are 120 MB of bytes; kept in memory they lived
from the start of the build to its end, beside everything MkDocs holds while it renders. Each asset becomes a
file in a spool folder beside the site (`.site-spool-…`, engine/atomic.py). Once MkDocs has emptied the build
folder, each file is moved to its place there (a rename, not a copy: MkDocs lets plugins write into the site
folder). The spool goes when the build ends, and an interrupted build's is removed by the next one.
"""

from __future__ import annotations

import os
import shutil

from generator.engine import atomic
from generator.pages.pages import Asset


class Spool:
    def __init__(self, site_dir: str):
        self.folder = atomic.spool_dir(site_dir)
        self.count = 0

    def __call__(self, assets: list[Asset]) -> list[Asset]:
        """The same assets, those made in memory now files of the spool."""
        out = []
        for asset in assets:
            if asset.source is not None or asset.made is not None:
                out.append(asset)
                continue
            self.count += 1
            path = os.path.join(self.folder, f"{self.count:07d}")
            with open(path, "wb") as fh:
                fh.write(asset.content)
            out.append(Asset(asset.path, made=path))
        return out

    def owns(self, path: str) -> bool:
        return os.path.dirname(path) == self.folder

    def place(self, path: str, dest: str) -> None:
        """Move a spooled file to where the site has it."""
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.replace(path, dest)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
