"""Stage 5, the engine: the MkDocs adapter, the only code that imports MkDocs.

It turns the core's pages into MkDocs files, hands templates their context, owns memory and garbage-collection
policy, adds the Content-Security-Policy, dates the build reproducibly and swaps the site in atomically.
May import every earlier stage.
"""
