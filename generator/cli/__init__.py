"""Stage 6, the command line (`python -m generator`, `dkst`): thin commands over the stages below.

May import every earlier stage; of `engine` only `gcpause` (the CLI never loads MkDocs).
"""
from generator.cli.main import main

__all__ = ["main"]
